"""Forms of the recommendation pages. Each line of the editor is one small form,
prefixed ``l<id>``, so every input has a stable id the findings can link to; the
editor prints the inputs itself (``rows.py``) and the form validates what is posted."""

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from kompetansemidler.core.money import KronerField

from .models import AdoptionMethod, VoteChoice


class DsForm(forms.Form):
    """Inputs carry Designsystemet's class; a field with an error points to its message."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if not isinstance(field.widget, forms.CheckboxInput | forms.RadioSelect):
                field.widget.attrs.setdefault("class", "ds-input")

    def full_clean(self):
        super().full_clean()
        for name in self.errors:
            if name in self.fields:
                self.fields[name].widget.attrs.update(
                    {"aria-invalid": "true", "aria-describedby": f"{self[name].auto_id}_error"}
                )


class LockForm(forms.Form):
    lock_version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)


class LineForm(DsForm):
    rank = forms.IntegerField(label=_("Rank"), min_value=1, max_value=100_000)
    amount_year1 = KronerField(label=_("Amount, year 1 (NOK)"))
    amount_year2 = KronerField(label=_("Amount, year 2 (NOK)"), required=False)
    amount_year3 = KronerField(label=_("Amount, year 3 (NOK)"), required=False)
    co_financing = KronerField(label=_("Own financing (NOK)"), required=False)
    is_coordinator = forms.BooleanField(label=_("Funds a coordinator function"), required=False)
    coordinator_decision = forms.CharField(
        label=_("Forum decision on the coordinator"), max_length=200, required=False
    )
    priority = forms.ChoiceField(label=_("Priority in the long-term plan"), required=False)
    justification = forms.CharField(
        label=_("Justification for warnings"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, priorities, co_financing: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["priority"].choices = priority_field_choices(priorities)
        if not co_financing:
            del self.fields["co_financing"]

    def values(self) -> dict:
        """The model values of the valid fields (a refused field is left out)."""
        data = getattr(self, "cleaned_data", {})
        values = {}
        for name in (
            "rank",
            "amount_year1",
            "amount_year2",
            "amount_year3",
            "co_financing",
            "is_coordinator",
            "coordinator_decision",
            "justification",
        ):
            if name in data and name in self.fields:
                value = data[name]
                if name.startswith("amount") or name == "co_financing":
                    value = value if value is not None else Decimal(0)
                values[name] = value
        if "priority" in data:
            values["priority_id"] = int(data["priority"]) if data["priority"] else None
        return values


def priority_field_choices(priorities: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """The choices of a line's priority: none, or one of the long-term plan's."""
    return [("", _("None")), *priorities]


def line_initial(line) -> dict:
    return {
        "rank": line.rank,
        "amount_year1": line.amount_year1,
        "amount_year2": line.amount_year2,
        "amount_year3": line.amount_year3,
        "co_financing": line.co_financing,
        "is_coordinator": line.is_coordinator,
        "coordinator_decision": line.coordinator_decision,
        "priority": str(line.priority_id or ""),
        "justification": line.justification,
    }


class StartForm(DsForm):
    round = forms.ChoiceField(label=_("Funding round"))
    forum = forms.ChoiceField(label=_("Forum"))
    name = forms.CharField(
        label=_("Name of the version"), max_length=120, initial=_("Draft recommendation")
    )

    def __init__(self, *args, rounds, forums, **kwargs):
        super().__init__(*args, **kwargs)
        self.rounds = {str(r.pk): r for r in rounds}
        self.forums = {str(f.pk): f for f in forums}
        self.fields["round"].choices = [(k, str(r)) for k, r in self.rounds.items()]
        self.fields["forum"].choices = [(k, str(f)) for k, f in self.forums.items()]


class CopyForm(DsForm):
    name = forms.CharField(label=_("Name of the new version"), max_length=120)


class JointMeasureForm(DsForm):
    title = forms.CharField(label=_("Joint measure"), max_length=200)
    amount = KronerField(label=_("Amount, year 1 (NOK)"))
    basis_report = forms.ChoiceField(label=_("The needs report it answers"))
    partner = forms.ChoiceField(label=_("UH partner"))

    def __init__(self, *args, reports, partners, **kwargs):
        super().__init__(*args, **kwargs)
        self.reports = {str(r.pk): r for r in reports}
        self.partners = {str(p.pk): p for p in partners}
        self.fields["basis_report"].choices = [(k, str(r.author)) for k, r in self.reports.items()]
        self.fields["partner"].choices = [(k, str(p)) for k, p in self.partners.items()]


class AdoptForm(DsForm):
    method = forms.ChoiceField(
        label=_("How the forum adopts"),
        choices=AdoptionMethod.choices,
        widget=forms.RadioSelect,
        initial=AdoptionMethod.CONSENSUS,
    )
    note = forms.CharField(
        label=_("Minutes of the adoption"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, voters, **kwargs):
        super().__init__(*args, **kwargs)
        self.voters = voters
        choices = [("", _("Not recorded"))] + [
            (c, label) for c, label in VoteChoice.choices if c != VoteChoice.RECUSED
        ]
        for member in voters:
            self.fields[f"vote_{member.pk}"] = forms.ChoiceField(
                label=member.name,
                choices=choices,
                required=False,
                widget=forms.Select(attrs={"class": "ds-input"}),
            )

    def votes(self) -> dict[int, str]:
        return {
            m.pk: self.cleaned_data[f"vote_{m.pk}"]
            for m in self.voters
            if self.cleaned_data.get(f"vote_{m.pk}")
        }

    def vote_fields(self):
        return [self[f"vote_{m.pk}"] for m in self.voters]


# More than any network's staff or children; a typo beyond it is refused.
MAX_WEIGHT = 10_000_000


class LineSplitForm(DsForm):
    """A line's sum shared pro rata between networks: the key, and one weight per
    network (its number of staff or children); a network left empty takes no share."""

    key = forms.ChoiceField(label=_("Share by"))

    def __init__(self, *args, networks, keys, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["key"].choices = list(keys.items())
        self.networks = list(networks)
        for network in self.networks:
            self.fields[f"weight-{network.pk}"] = forms.IntegerField(
                label=network.name, required=False, min_value=0, max_value=MAX_WEIGHT
            )

    def weight_fields(self):
        return [self[f"weight-{network.pk}"] for network in self.networks]

    def clean(self):
        data = super().clean()
        if len(self.weights_from(data)) < 2:
            raise forms.ValidationError(
                _("Give at least two networks a weight above zero."), code="too_few"
            )
        return data

    def weights_from(self, data) -> list[tuple]:
        return [
            (network, data[f"weight-{network.pk}"])
            for network in self.networks
            if data.get(f"weight-{network.pk}")
        ]

    def weights(self) -> list[tuple]:
        return self.weights_from(self.cleaned_data)


class SupplementForm(DsForm):
    name = forms.CharField(
        label=_("Name of the supplementary recommendation"),
        max_length=120,
        initial=_("Supplementary recommendation"),
    )

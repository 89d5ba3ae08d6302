"""Forms of the decision pages. They only translate input; the services decide."""

from django import forms
from django.utils.translation import gettext_lazy as _

from kompetansemidler.core.dates import BusinessDateField
from kompetansemidler.core.money import KronerField

from .appeals import ReversalGround
from .models import CHECKLIST, AppealOutcome, DismissalGround, UdirOutcome


def kroner(label, **kwargs):
    return KronerField(
        label=label,
        widget=forms.TextInput(attrs={"class": "ds-input", "inputmode": "numeric"}),
        **kwargs,
    )


def text(label, *, rows=3, required=False):
    return forms.CharField(
        label=label,
        required=required,
        widget=forms.Textarea(attrs={"class": "ds-input", "rows": rows}),
    )


def date(label):
    field = BusinessDateField(label=label)
    field.widget.attrs["class"] = "ds-input"
    return field


class DecisionForm(forms.Form):
    amount_year1 = kroner(_("Amount, year 1"))
    amount_year2 = kroner(_("Amount, year 2"))
    amount_year3 = kroner(_("Amount, year 3"))
    reasons = text(_("Reasons (added to the letter's standard reasons)"))
    conditions = text(_("Conditions (beyond the standard conditions)"))
    justification = text(_("Justification for deviating from the recommendation"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for key, label in CHECKLIST:
            self.fields[f"check_{key}"] = forms.BooleanField(
                label=label, required=False, widget=forms.CheckboxInput(attrs={"class": "ds-input"})
            )

    @classmethod
    def for_decision(cls, decision, data=None):
        initial = {f"amount_year{i}": a for i, a in enumerate(decision.amounts, start=1)}
        initial |= {
            "reasons": decision.reasons,
            "conditions": decision.conditions,
            "justification": decision.justification,
        }
        initial |= {f"check_{k}": bool(decision.checklist.get(k)) for k, _l in CHECKLIST}
        return cls(data, initial=initial, prefix="d")

    def checklist_fields(self):
        return [self[f"check_{key}"] for key, _label in CHECKLIST]

    def amounts(self):
        return tuple(self.cleaned_data[f"amount_year{i}"] for i in (1, 2, 3))

    def checklist(self):
        return {key: self.cleaned_data[f"check_{key}"] for key, _label in CHECKLIST}


class PaymentForm(forms.Form):
    paid_on = date(_("Payment date"))
    budget_year = forms.TypedChoiceField(
        label=_("Budget year"),
        required=False,
        coerce=int,
        empty_value=None,
        help_text=_("The year of the decided amount the payment settles."),
        widget=forms.Select(attrs={"class": "ds-input"}),
    )
    amount = kroner(_("Amount (NOK)"))
    note = forms.CharField(
        label=_("Note"),
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"class": "ds-input"}),
    )
    late_reason = text(_("Reason, when an earlier year's money is paid late"), rows=2)

    def __init__(self, *args, decision, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["budget_year"].choices = [("", _("The year of the payment date"))] + [
            (year, str(year)) for year in decision.budget_years
        ]


class AppealForm(forms.Form):
    received_on = date(_("Date received"))
    summary = text(_("What the appeal says"), required=True)
    dismissal_of = forms.TypedChoiceField(
        label=_("Appeal of the dismissal of an earlier appeal"),
        required=False,
        coerce=int,
        empty_value=None,
        widget=forms.Select(attrs={"class": "ds-input"}),
    )

    def __init__(self, *args, dismissed=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.dismissed = {appeal.pk: appeal for appeal in dismissed}
        self.fields["dismissal_of"].choices = [("", _("No: an appeal of the decision"))] + [
            (
                appeal.pk,
                _("Dismissal of the appeal received %(date)s")
                % {"date": appeal.received_on.strftime("%d.%m.%Y")},
            )
            for appeal in dismissed
        ]
        if not dismissed:
            del self.fields["dismissal_of"]

    def values(self) -> dict:
        values = {k: self.cleaned_data[k] for k in ("received_on", "summary")}
        values["dismissal_of"] = self.dismissed.get(self.cleaned_data.get("dismissal_of"))
        return values


class AmountsMixin:
    def amounts(self, decision):
        """The amounts typed, the decision's own for a year left empty."""
        return tuple(
            self.cleaned_data.get(f"amount_year{i}")
            if self.cleaned_data.get(f"amount_year{i}") is not None
            else current
            for i, current in enumerate(decision.amounts, start=1)
        )


class AppealOutcomeForm(AmountsMixin, forms.Form):
    outcome = forms.ChoiceField(
        label=_("Outcome"),
        choices=[
            (
                AppealOutcome.SENT_ON.value,
                _("Prepare and send on to Udir (the office keeps the decision)"),
            ),
            (
                AppealOutcome.CHANGED.value,
                _("Change or reverse the decision (forvaltningsloven § 33)"),
            ),
            (AppealOutcome.DISMISSED.value, _("Dismiss the appeal")),
            (
                AppealOutcome.UPHELD.value,
                _("Keep the decision (a request for reconsideration only)"),
            ),
        ],
        widget=forms.Select(attrs={"class": "ds-input"}),
    )
    ground = forms.ChoiceField(
        label=_("Ground for dismissal (when dismissed)"),
        required=False,
        choices=[("", "–"), *DismissalGround.choices],
        widget=forms.Select(attrs={"class": "ds-input"}),
    )
    note = text(_("Reasons for the outcome, or the office's assessment for Udir"), required=True)
    amount_year1 = kroner(_("New amount, year 1 (when changed)"), required=False)
    amount_year2 = kroner(_("New amount, year 2 (when changed)"), required=False)
    amount_year3 = kroner(_("New amount, year 3 (when changed)"), required=False)

    def __init__(self, *args, appeal_right=True, **kwargs):
        super().__init__(*args, **kwargs)
        if appeal_right:
            self.fields["outcome"].choices = self.fields["outcome"].choices[:3]
        else:
            self.fields["outcome"].choices = (
                self.fields["outcome"].choices[1:2] + self.fields["outcome"].choices[3:]
            )
            del self.fields["ground"]


class UdirOutcomeForm(AmountsMixin, forms.Form):
    outcome = forms.ChoiceField(
        label=_("Udir's outcome"),
        choices=UdirOutcome.choices,
        widget=forms.Select(attrs={"class": "ds-input"}),
    )
    note = text(_("Udir's reasons"), required=True)
    amount_year1 = kroner(
        _("Amount Udir decided, year 1 (when changed or reversed)"), required=False
    )
    amount_year2 = kroner(
        _("Amount Udir decided, year 2 (when changed or reversed)"), required=False
    )
    amount_year3 = kroner(
        _("Amount Udir decided, year 3 (when changed or reversed)"), required=False
    )


class ReversalForm(AmountsMixin, forms.Form):
    ground = forms.ChoiceField(
        label=_("Ground"),
        choices=ReversalGround.CHOICES,
        widget=forms.Select(attrs={"class": "ds-input"}),
    )
    reason = text(_("Reasons for the change"), required=True)
    amount_year1 = kroner(_("New amount, year 1"), required=False)
    amount_year2 = kroner(_("New amount, year 2"), required=False)
    amount_year3 = kroner(_("New amount, year 3"), required=False)


class DeclineForm(forms.Form):
    reason = text(_("Why the grant is declined (optional)"))


class UnusedForm(forms.Form):
    unused = kroner(_("Unused amount"))
    repaid = kroner(_("To be repaid"))
    carried_over = kroner(_("Carried over to next year"))
    reason = text(_("Reasons"), required=True)


class ReceiptForm(forms.Form):
    received_on = date(_("Date received"))
    received_amount = kroner(_("Amount received (NOK)"))


class ListFilters(forms.Form):
    round = forms.TypedChoiceField(
        label=_("Funding round"),
        required=False,
        coerce=int,
        empty_value=None,
        widget=forms.Select(attrs={"class": "ds-input"}),
    )
    state = forms.ChoiceField(
        label=_("State"), required=False, widget=forms.Select(attrs={"class": "ds-input"})
    )


class SetAsideDecisionForm(forms.Form):
    """One owner's share of a set-aside: the owner, its participants and the amount."""

    owner = forms.ModelChoiceField(
        label=_("Owner"),
        queryset=None,
        widget=forms.Select(attrs={"class": "ds-input"}),
    )
    participants = forms.IntegerField(
        label=_("Number of participants"),
        min_value=1,
        max_value=100_000,
        widget=forms.NumberInput(attrs={"class": "ds-input"}),
    )
    amount = kroner(_("Amount (NOK)"))

    def __init__(self, *args, owners, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = owners

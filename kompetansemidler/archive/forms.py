from django import forms
from django.utils.translation import gettext_lazy as _

from kompetansemidler.registry.models import GovernorOffice

from .models import ScreeningGround


class JournalFilterForm(forms.Form):
    """The filters of both journal pages; a bad date is reported and ignored."""

    q = forms.CharField(
        label=_("Search"),
        required=False,
        max_length=200,
        help_text=_("Words in the title or a party's name."),
    )
    office = forms.ChoiceField(label=_("Office"), required=False)
    date_from = forms.DateField(
        label=_("Journal date from"),
        required=False,
        help_text=_("As 2026-03-01"),
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    date_to = forms.DateField(
        label=_("Journal date to"),
        required=False,
        help_text=_("As 2026-03-31"),
        widget=forms.DateInput(attrs={"type": "date"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["office"].choices = [("", _("All offices"))] + list(
            GovernorOffice.objects.order_by("name").values_list("slug", "name")
        )
        for name, field in self.fields.items():
            field.widget.attrs.setdefault("class", "ds-input")
            if field.help_text:
                field.widget.attrs["aria-describedby"] = f"id_{name}_helptext"

    def clean(self):
        data = super().clean()
        if data.get("date_from") and data.get("date_to") and data["date_from"] > data["date_to"]:
            self.add_error("date_to", _("The end date is before the start date."))
        return data

    def filters(self) -> dict:
        """The valid filters only, so one bad field does not empty the list."""
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return {
            name: data.get(name) or ("" if name in ("q", "office") else None)
            for name in ("q", "office", "date_from", "date_to")
            if name not in self.errors
        }


class ScreeningForm(forms.Form):
    """A caseworker's screening of one entry: the ground, the words of the
    title to withhold, the document and the names."""

    ground = forms.ChoiceField(label=_("Legal ground"), choices=ScreeningGround.choices)
    words = forms.CharField(
        label=_("Words of the title to exempt"),
        required=False,
        max_length=300,
        help_text=_("One or more words or phrases of the title, separated by semicolons."),
    )
    exempt_document = forms.BooleanField(label=_("Exempt the whole document"), required=False)
    parties = forms.MultipleChoiceField(
        label=_("Names to exempt"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, entry, **kwargs):
        super().__init__(*args, **kwargs)
        parties = self.fields["parties"]
        assert isinstance(parties, forms.MultipleChoiceField)
        parties.choices = [
            (str(party.pk), f"{party.get_role_display()}: {party.name}")
            for party in entry.parties.all()
        ]
        if not self.is_bound:
            self.initial = {
                "ground": entry.screening_ground or ScreeningGround.PERSONAL,
                "exempt_document": entry.exempt,
                "parties": [str(p.pk) for p in entry.parties.all() if p.exempt],
            }

    def word_list(self) -> list[str]:
        return [w.strip() for w in self.cleaned_data.get("words", "").split(";") if w.strip()]


class DepositForm(forms.Form):
    """The office and journal period of a deposit package."""

    office = forms.ChoiceField(label=_("Office"))
    date_from = forms.DateField(
        label=_("Journal date from"),
        help_text=_("As 2026-01-01"),
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    date_to = forms.DateField(
        label=_("Journal date to"),
        help_text=_("As 2026-12-31"),
        widget=forms.DateInput(attrs={"type": "date"}),
    )

    def __init__(self, *args, offices, **kwargs):
        super().__init__(*args, **kwargs)
        office = self.fields["office"]
        assert isinstance(office, forms.ChoiceField)
        office.choices = [(o.slug, o.name) for o in offices]

    def clean(self):
        data = super().clean() or {}
        if data.get("date_from") and data.get("date_to") and data["date_from"] > data["date_to"]:
            self.add_error("date_to", _("The end date is before the start date."))
        return data

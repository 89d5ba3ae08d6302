from django import forms
from django.utils.translation import gettext_lazy as _

from kompetansemidler.registry.models import GovernorOffice


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

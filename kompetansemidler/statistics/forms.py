from django import forms
from django.utils.translation import gettext_lazy as _

from kompetansemidler.core.widgets import Select
from kompetansemidler.registry.models import GovernorOffice
from kompetansemidler.schemes.models import Scheme

from .selectors import DIMENSIONS


class StatisticsFilterForm(forms.Form):
    scheme = forms.ModelChoiceField(
        Scheme.objects.all(),
        to_field_name="code",
        required=False,
        label=_("Scheme"),
        empty_label=_("All schemes"),
        widget=Select,
    )
    year_from = forms.IntegerField(
        label=_("From year"), required=False, min_value=2000, max_value=2100
    )
    year_to = forms.IntegerField(label=_("To year"), required=False, min_value=2000, max_value=2100)
    office = forms.ModelChoiceField(
        GovernorOffice.objects.all(),
        to_field_name="slug",
        required=False,
        label=_("Office"),
        empty_label=_("All offices"),
        widget=Select,
    )
    group = forms.ChoiceField(
        label=_("Group by"),
        required=False,
        widget=Select,
        choices=[(key, label) for key, (_p, label) in DIMENSIONS.items() if key != "year"],
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.widget.attrs.setdefault("class", "ds-input")

    def clean(self):
        data = super().clean()
        if data.get("year_from") and data.get("year_to") and data["year_from"] > data["year_to"]:
            self.add_error("year_to", _("The last year must not be before the first."))
        return data


class PublicFilterForm(forms.Form):
    year = forms.IntegerField(
        label=_("Year"),
        required=False,
        min_value=2000,
        max_value=2100,
        widget=forms.NumberInput(attrs={"class": "ds-input"}),
    )

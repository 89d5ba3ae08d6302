"""The filter forms of the registry lists.

They validate the query string of a list page or an export and turn it into
the typed keyword arguments of the list's selector. The parameter names and
values (``county=46``, ``public=true``) are the same as the JSON API's, so a
filtered page's query string also works against the API.
"""

from django import forms
from django.core.validators import RegexValidator
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from kompetansemidler.core.widgets import Select

from .models import (
    HAND_KEPT_KINDS,
    County,
    GovernorOffice,
    LanguageForm,
    Municipality,
    OrganisationKind,
    UnitKind,
)
from .validators import ORGANISATION_NUMBER_PATTERN

YES_NO_CHOICES = [("", _("All")), ("true", _("Yes")), ("false", _("No"))]
MESSAGE_ORGANISATION_NUMBER = _("An organisation number has exactly nine digits.")


class YesNoField(forms.TypedChoiceField):
    def __init__(self, **kwargs):
        super().__init__(
            choices=YES_NO_CHOICES,
            coerce=lambda value: value == "true",
            empty_value=None,
            required=False,
            widget=Select,
            **kwargs,
        )


class RegistryFilterForm(forms.Form):
    """Free-text search; subclasses add the filters their list has."""

    # From the broadest choice to the narrowest, whatever the class hierarchy.
    field_order = ["q", "office", "county", "municipality", "kind", "public", "active", "owner"]

    q = forms.CharField(
        label=_("Search"),
        required=False,
        max_length=100,
        strip=True,
        help_text=_("Name or number"),
    )

    def __init__(self, data=None, **kwargs):
        super().__init__(data, **kwargs)
        for field in self.fields.values():
            field.widget.attrs.setdefault("class", "ds-input")

    def filters(self) -> dict:
        """The valid filters as selector keyword arguments; invalid ones are left out."""
        if not self.is_bound:
            return {}
        self.is_valid()
        return {name: value for name, value in self.cleaned_data.items() if value not in (None, "")}

    def active_query(self) -> str:
        """The query string of the valid filters, for paging and export links."""
        query = QueryDict(mutable=True)
        for name, value in self.filters().items():
            query[name] = ("true" if value else "false") if isinstance(value, bool) else value
        return query.urlencode()


def _county_choices():
    return [("", _("All counties"))] + [
        (county.number, f"{county.number} {county.name}") for county in County.objects.all()
    ]


def _office_choices():
    return [("", _("All offices"))] + [
        (office.slug, office.name) for office in GovernorOffice.objects.all()
    ]


def _municipality_choices():
    """Municipalities grouped by county, for a select the user can scan."""
    groups: dict[str, list] = {}
    rows = Municipality.objects.order_by("number").values_list("number", "name", "county__name")
    for number, name, county_name in rows:
        groups.setdefault(county_name, []).append((number, f"{number} {name}"))
    return [("", _("All municipalities"))] + list(groups.items())


class OfficeFilterForm(RegistryFilterForm):
    pass


class CountyFilterForm(RegistryFilterForm):
    office = forms.ChoiceField(label=_("State administrator office"), required=False, widget=Select)

    def __init__(self, data=None, **kwargs):
        super().__init__(data, **kwargs)
        self.fields["office"].choices = _office_choices()


class MunicipalityFilterForm(RegistryFilterForm):
    office = forms.ChoiceField(label=_("State administrator office"), required=False, widget=Select)
    county = forms.ChoiceField(label=_("County"), required=False, widget=Select)

    def __init__(self, data=None, **kwargs):
        super().__init__(data, **kwargs)
        self.fields["office"].choices = _office_choices()
        self.fields["county"].choices = _county_choices()


class PlaceFilterMixin(forms.Form):
    county = forms.ChoiceField(label=_("County"), required=False, widget=Select)
    municipality = forms.ChoiceField(label=_("Municipality"), required=False, widget=Select)

    def _set_place_choices(self):
        self.fields["county"].choices = _county_choices()
        self.fields["municipality"].choices = _municipality_choices()


class OrganisationFilterForm(RegistryFilterForm, PlaceFilterMixin):
    kind = forms.ChoiceField(
        label=_("Kind"),
        required=False,
        widget=Select,
        choices=[("", _("All kinds"))] + OrganisationKind.choices,
    )
    public = YesNoField(label=_("Public owner"))
    active = YesNoField(label=_("Active"))

    def __init__(self, data=None, **kwargs):
        super().__init__(data, **kwargs)
        self._set_place_choices()


class UnitFilterForm(RegistryFilterForm, PlaceFilterMixin):
    kind = forms.ChoiceField(
        label=_("Kind"),
        required=False,
        widget=Select,
        choices=[("", _("All kinds"))] + UnitKind.choices,
    )
    public = YesNoField(label=_("Public"))
    active = YesNoField(label=_("Active"))
    owner = forms.CharField(
        label=_("Owner's organisation number"),
        required=False,
        validators=[RegexValidator(ORGANISATION_NUMBER_PATTERN, MESSAGE_ORGANISATION_NUMBER)],
    )

    def __init__(self, data=None, **kwargs):
        super().__init__(data, **kwargs)
        self._set_place_choices()
        self.fields["owner"].widget.attrs.update({"inputmode": "numeric", "autocomplete": "off"})


class OrganisationForm(forms.Form):
    """Register or change an organisation outside the national registers.

    The choices offered are already the user's (municipalities of her office);
    the service checks every value again.
    """

    organisation_number = forms.CharField(
        label=_("Organisation number"),
        max_length=20,
        help_text=_("Nine digits, as in the Central Coordinating Register for Legal Entities."),
        error_messages={"required": _("Give the organisation number.")},
    )
    name = forms.CharField(
        label=_("Name"),
        max_length=200,
        error_messages={"required": _("Give the organisation's name.")},
    )
    kind = forms.ChoiceField(
        label=_("Kind"),
        widget=Select,
        choices=[(kind.value, kind.label) for kind in HAND_KEPT_KINDS],
    )
    privately_owned = forms.BooleanField(
        label=_("Private university college"),
        required=False,
        help_text=_("Only for a university or university college owned privately."),
    )
    municipality = forms.ModelChoiceField(
        label=_("Municipality of the address"),
        queryset=Municipality.objects.none(),
        widget=Select,
        help_text=_("The organisation belongs to the office whose county holds this municipality."),
        error_messages={"required": _("Choose the municipality of the organisation's address.")},
    )
    campus_counties = forms.ModelMultipleChoiceField(
        label=_("Other counties with a campus"),
        queryset=County.objects.order_by("number"),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_(
            "Only for a university or university college: it counts as near the region of a "
            "forum in its own county and in these."
        ),
    )
    language_form = forms.ChoiceField(
        label=_("Language form"), choices=LanguageForm.choices, widget=Select
    )
    email = forms.EmailField(label=_("E-mail"), required=False)
    is_active = forms.BooleanField(label=_("Active"), required=False, initial=True)
    loaded_at = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, municipalities, editing: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["municipality"].queryset = municipalities.select_related("county").order_by(
            "name"
        )
        if editing:
            # The number identifies the organisation; a wrong one is a new registration.
            del self.fields["organisation_number"]
        else:
            del self.fields["is_active"]
            del self.fields["loaded_at"]
        for field in self.fields.values():
            if not isinstance(field.widget, forms.HiddenInput):
                field.widget.attrs.setdefault("class", "ds-input")
        if "organisation_number" in self.fields:
            self.fields["organisation_number"].widget.attrs.update(
                {"inputmode": "numeric", "autocomplete": "off"}
            )

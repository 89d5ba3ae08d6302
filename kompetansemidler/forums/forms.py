"""Forms for the forum pages. They translate input; the services decide."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kompetansemidler.accounts.models import Representation, Role, User
from kompetansemidler.core.dates import BusinessDateField
from kompetansemidler.core.money import KronerField
from kompetansemidler.registry.models import County, GovernorOffice, Municipality, Organisation
from kompetansemidler.schemes.models import Scheme

from .selectors import organisations_for


class DsForm(forms.Form):
    """A form whose inputs carry Designsystemet's classes."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if not isinstance(field.widget, forms.HiddenInput):
                field.widget.attrs.setdefault("class", "ds-input")


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class MemberForm(DsForm):
    name = forms.CharField(label=_("Name"), max_length=200)
    representation = forms.ChoiceField(label=_("Represents"), choices=Representation.choices)
    organisation = forms.ModelChoiceField(
        label=_("Organisation represented"),
        queryset=Organisation.objects.none(),
        required=False,
        help_text=_("Not needed for the kindergarten authority and the secretariat."),
    )
    municipality = forms.ModelChoiceField(
        label=_("Municipality (kindergarten authority only)"),
        queryset=Municipality.objects.none(),
        required=False,
    )
    user = forms.ModelChoiceField(
        label=_("User account"),
        queryset=User.objects.none(),
        required=False,
        help_text=_("A person with the forum member role in this forum, if the member logs in."),
    )
    votes = forms.BooleanField(
        label=_("Has a vote"),
        required=False,
        initial=True,
        help_text=_("The secretariat never has a vote."),
    )
    is_deputy = forms.BooleanField(label=_("Deputy"), required=False)
    period_from = BusinessDateField(label=_("Member from"), widget=DateInput())
    period_to = BusinessDateField(label=_("Member until"), required=False, widget=DateInput())

    def __init__(self, *args, forum, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations_for(forum)
        self.fields["municipality"].queryset = Municipality.objects.filter(
            county__in=forum.counties.all()
        ).order_by("name")
        self.fields["user"].queryset = (
            User.objects.filter(
                role_grants__role=Role.FORUM_MEMBER,
                role_grants__forum=forum,
                role_grants__revoked_at__isnull=True,
            )
            .distinct()
            .order_by("last_name", "first_name")
        )
        self.initial.setdefault("period_from", timezone.localdate())


class MemberEndForm(DsForm):
    on = BusinessDateField(label=_("Last day as member"), widget=DateInput())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.initial.setdefault("on", timezone.localdate())


class ConflictForm(DsForm):
    organisation = forms.ModelChoiceField(
        label=_("Organisation the conflict concerns"),
        queryset=Organisation.objects.none(),
    )
    declared_on = BusinessDateField(label=_("Declared on"), widget=DateInput())
    description = forms.CharField(
        label=_("Describe the conflict of interest"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=4000,
    )

    def __init__(self, *args, forum, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations_for(forum)
        self.initial.setdefault("declared_on", timezone.localdate())


class SchemesForm(DsForm):
    schemes = forms.ModelMultipleChoiceField(
        label=_("Schemes the forum covers"),
        queryset=Scheme.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )


class PlanForm(DsForm):
    based_on_version = forms.IntegerField(required=False, widget=forms.HiddenInput)
    from_year = forms.IntegerField(label=_("From year"), min_value=2000, max_value=2100)
    to_year = forms.IntegerField(label=_("To year"), min_value=2000, max_value=2100)
    adopted_on = BusinessDateField(label=_("Adopted on"), required=False, widget=DateInput())
    summary = forms.CharField(
        label=_("Summary"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=10000,
    )
    change_note = forms.CharField(
        label=_("What changed in this version"), required=False, max_length=300
    )


class PriorityForm(DsForm):
    code = forms.CharField(label=_("Code"), max_length=20, required=False)
    text = forms.CharField(label=_("Priority"), required=False, max_length=2000)

    def clean(self):
        data = super().clean()
        if bool(data.get("code")) != bool(data.get("text")):
            raise forms.ValidationError(_("Give both a code and a text, or leave both empty."))
        return data


class FrameForm(DsForm):
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100, required=False)
    scheme = forms.ModelChoiceField(
        label=_("Scheme"), queryset=Scheme.objects.all(), required=False
    )
    amount = KronerField(label=_("Amount (NOK)"), required=False)

    def clean(self):
        data = super().clean()
        given = [
            data.get("year") is not None,
            bool(data.get("scheme")),
            data.get("amount") is not None,
        ]
        if any(given) and not all(given):
            raise forms.ValidationError(_("Give year, scheme and amount, or leave all empty."))
        return data


PriorityFormSet = forms.formset_factory(PriorityForm, extra=2, max_num=50)
FrameFormSet = forms.formset_factory(FrameForm, extra=3, max_num=100)


class ForumForm(DsForm):
    """A forum's name, counties and schemes; the office only when the user may choose.

    The counties offered are those of the offices the user keeps forums for;
    the service checks that they are the forum's office's.
    """

    office = forms.ModelChoiceField(
        label=_("State administrator office"),
        queryset=GovernorOffice.objects.none(),
        error_messages={"required": _("Choose the office the forum belongs to.")},
    )
    name = forms.CharField(
        label=_("Name"),
        max_length=200,
        error_messages={"required": _("Give the forum's name.")},
    )
    counties = forms.ModelMultipleChoiceField(
        label=_("Counties the forum covers"),
        queryset=County.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one county the forum covers.")},
    )
    schemes = forms.ModelMultipleChoiceField(
        label=_("Schemes the forum covers"),
        queryset=Scheme.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    def __init__(self, *args, offices, **kwargs):
        super().__init__(*args, **kwargs)
        offices = offices.order_by("name")
        self.fields["office"].queryset = offices
        self.fields["counties"].queryset = (
            County.objects.filter(office__in=offices).select_related("office").order_by("number")
        )
        if len(offices) == 1:
            # One office to choose from: no choice to offer.
            self.fields["office"].widget = forms.HiddenInput()
            self.initial.setdefault("office", offices[0].pk)

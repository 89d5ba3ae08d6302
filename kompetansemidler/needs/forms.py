"""Forms translate HTTP into the services' arguments; they decide nothing else."""

from django import forms
from django.utils.translation import gettext_lazy as _

from kompetansemidler.core.money import KronerField
from kompetansemidler.registry.models import OWNER_KINDS, Organisation, OrganisationKind

from .models import LocalPlan, MeasureCategory, NeedsReport, Partnership, ProposedMeasure
from .services import MEASURE_FIELDS, PLAN_FIELDS

# Kompetanseløftet: the team around the child beyond the kindergarten or school staff.
TEAM_AROUND_CHILD = [
    ("ppt", _("PPT (the educational-psychological service)")),
    ("other_services", _("Other services (health clinic, child welfare and others)")),
]

ERROR_PERIOD = _("The last year cannot be before the first year.")
ERROR_OWN_OWNER = _("Include at least one of the owners you represent.")


class DsFormMixin:
    """Designsystemet classes on every widget, so templates stay plain loops."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            widget = field.widget
            if isinstance(widget, forms.CheckboxInput | forms.CheckboxSelectMultiple):
                widget.attrs.setdefault("class", "ds-input")
            elif isinstance(widget, forms.Textarea):
                widget.attrs.update({"class": "ds-input", "rows": widget.attrs.get("rows", 4)})
            else:
                widget.attrs.setdefault("class", "ds-input")


class PeriodMixin:
    def clean(self):
        data = super().clean()
        start, end = data.get("period_start"), data.get("period_end")
        if start and end and end < start:
            self.add_error("period_end", ERROR_PERIOD)
        return data


class LocalPlanForm(DsFormMixin, PeriodMixin, forms.ModelForm):
    lock_version = forms.IntegerField(label=_("Version"), widget=forms.HiddenInput, required=False)

    class Meta:
        model = LocalPlan
        fields = list(PLAN_FIELDS)


class OwnerChoiceForm(forms.Form):
    owner = forms.ModelChoiceField(queryset=Organisation.objects.none(), label=_("Owner"))

    def __init__(self, *args, owners, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = owners
        self.fields["owner"].widget.attrs["class"] = "ds-input"


class NewVersionForm(DsFormMixin, PeriodMixin, forms.Form):
    period_start = forms.IntegerField(label=_("First year"), min_value=2000, max_value=2100)
    period_end = forms.IntegerField(label=_("Last year"), min_value=2000, max_value=2100)


class PartnershipForm(DsFormMixin, PeriodMixin, forms.ModelForm):
    owners = forms.ModelMultipleChoiceField(
        queryset=Organisation.objects.none(),
        label=_("Owners"),
        widget=forms.CheckboxSelectMultiple,
    )
    institutions = forms.ModelMultipleChoiceField(
        queryset=Organisation.objects.filter(kind=OrganisationKind.UH, is_active=True),
        label=_("Universities and university colleges"),
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Partnership
        fields = [
            "name",
            "owners",
            "institutions",
            "period_start",
            "period_end",
            "contacts",
            "agreement_text",
            "agreement_file",
        ]

    def __init__(self, *args, own_owners, **kwargs):
        super().__init__(*args, **kwargs)
        self.own_owners = own_owners
        counties = {o.county_id for o in own_owners}
        self.fields["owners"].queryset = Organisation.objects.filter(
            kind__in=OWNER_KINDS, is_active=True, county__in=counties
        )

    def clean_owners(self):
        owners = self.cleaned_data["owners"]
        if not set(owners) & set(self.own_owners):
            raise forms.ValidationError(ERROR_OWN_OWNER)
        return owners


class ReportStartForm(forms.Form):
    """Which round, and for whom: one of the user's owners or networks."""

    round = forms.ModelChoiceField(queryset=None, label=_("Funding round"))
    author = forms.ChoiceField(label=_("Reported by"))
    label = forms.CharField(
        label=_("Name of the report (optional)"),
        required=False,
        max_length=100,
        help_text=_(
            "Only needed when you send more than one report to the round, e.g. one per school type."
        ),
    )

    def __init__(self, *args, rounds, owners, networks, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["round"].queryset = rounds
        self.fields["author"].choices = [(f"owner:{o.pk}", o.name) for o in owners] + [
            (f"network:{n.pk}", _("%(network)s (jointly)") % {"network": n.name}) for n in networks
        ]
        self.owners = {o.pk: o for o in owners}
        self.networks = {n.pk: n for n in networks}
        for field in self.fields.values():
            field.widget.attrs["class"] = "ds-input"

    def author_kwargs(self) -> dict:
        kind, pk = self.cleaned_data["author"].split(":")
        label = self.cleaned_data.get("label", "")
        if kind == "owner":
            return {"owner": self.owners[int(pk)], "network": None, "label": label}
        return {"owner": None, "network": self.networks[int(pk)], "label": label}


class NeedsReportForm(DsFormMixin, forms.ModelForm):
    lock_version = forms.IntegerField(label=_("Version"), widget=forms.HiddenInput)
    target_groups = forms.MultipleChoiceField(
        label=_("Target groups"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = NeedsReport
        fields = [
            "local_plan",
            "units",
            "staff_involvement",
            "leader_involvement",
            "partnership",
            "uh_partners",
            "uh_dialogue",
            "needs",
            "sami_perspectives",
            "target_groups",
            "coordinator_requested",
            "coordinator_description",
        ]
        widgets = {
            "units": forms.CheckboxSelectMultiple,
            "uh_partners": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, report, target_group_choices, plans, partnerships, units, **kwargs):
        super().__init__(*args, instance=report, **kwargs)
        self.fields["target_groups"].choices = target_group_choices
        self.fields["local_plan"].queryset = plans
        self.fields["partnership"].queryset = partnerships
        self.fields["units"].queryset = units
        self.fields["uh_partners"].queryset = Organisation.objects.filter(
            kind=OrganisationKind.UH, is_active=True
        )
        if not self.is_bound:
            self.initial["lock_version"] = report.lock_version


class ProposedMeasureForm(DsFormMixin, forms.ModelForm):
    # The model's default, so an untouched empty row counts as unchanged.
    category = forms.ChoiceField(label=_("Category"), initial=MeasureCategory.GENERAL)
    confirmed = forms.BooleanField(
        label=_("Amounts confirmed for this year"), required=False, initial=True
    )
    amount_year1 = KronerField(label=_("amount, year 1"))
    amount_year2 = KronerField(label=_("amount, year 2"), required=False)
    amount_year3 = KronerField(label=_("amount, year 3"), required=False)
    co_financing = KronerField(label=_("planned co-financing"), required=False)
    team_around_child = forms.MultipleChoiceField(
        label=_("Who in the team around the child takes part, beyond the staff"),
        required=False,
        choices=TEAM_AROUND_CHILD,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = ProposedMeasure
        fields = [*MEASURE_FIELDS, "confirmed"]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 2}),
            "team_around_child_description": forms.Textarea(attrs={"rows": 2}),
        }
        labels = {"local_plan": _("Local plan the measure comes from")}
        help_texts = {
            "local_plan": _("Leave empty for the report's local plan."),
            "local_plan_priority": _("The priority in the local plan that the measure follows."),
        }

    def __init__(self, *args, category_choices, plans, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].choices = category_choices
        self.fields["local_plan"].queryset = plans


class BaseMeasureFormSet(forms.BaseModelFormSet):
    def __init__(self, *args, category_choices, plans, **kwargs):
        self.category_choices = category_choices
        self.plans = plans
        super().__init__(*args, **kwargs)

    def get_form_kwargs(self, index):
        return {
            **super().get_form_kwargs(index),
            "category_choices": self.category_choices,
            "plans": self.plans,
        }


MeasureFormSet = forms.modelformset_factory(
    ProposedMeasure,
    form=ProposedMeasureForm,
    formset=BaseMeasureFormSet,
    extra=2,
    can_delete=True,
)


class ReturnForm(forms.Form):
    reason = forms.CharField(
        label=_("Why is the report returned?"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reason"].widget.attrs["class"] = "ds-input"

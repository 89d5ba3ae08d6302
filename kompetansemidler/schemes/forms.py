"""Forms translate what a person typed into the values the services take.

The rule-set form is a friendly form with one field per parameter; the rules
package validates the result, and each finding is shown at the field it
concerns. Nothing typed is lost: a bound form re-renders the raw input.
"""

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from kompetansemidler.core.dates import BusinessDateField
from kompetansemidler.core.money import MAX_KRONER, KronerField
from kompetansemidler.registry.models import GovernorOffice, OrganisationKind
from kompetansemidler.rules import RuleSetParameters
from kompetansemidler.rules.needs import GENERAL

from .labels import RECIPIENT_KIND_LABELS, TARGET_GROUP_LABELS, category_label
from .messages import finding_text
from .models import YEAR_VALIDATORS, AllocationKind, Scheme
from .workflow import RoundPhase

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _percent(share) -> Decimal | None:
    return None if share is None else (Decimal(share) * 100).normalize() + 0


def _parse_categories(text: str) -> list[dict]:
    """One category a line, ``code: name``."""
    result = []
    for line in (text or "").splitlines():
        if not line.strip():
            continue
        code, _sep, label = line.partition(":")
        result.append({"code": code.strip(), "label": label.strip()})
    return result


# Where the rules package's targets show in the form.
FIELD_OF_TARGET = {
    "earmark_cap_share": "earmark_cap_percent",
    "co_financing_share": "co_financing_percent",
}


class RuleSetForm(forms.Form):
    valid_from = BusinessDateField(label=_("Valid from"), widget=DATE_WIDGET)
    earmark_cap_percent = forms.DecimalField(
        label=_("Earmark cap (per cent)"),
        required=False,
        help_text=_(
            "The largest share of the funds that may go to the earmarked categories "
            "(Rekom: 30). Leave empty if the scheme has no earmarked categories."
        ),
    )
    co_financing_percent = forms.DecimalField(
        label=_("Co-financing (per cent of the grant)"),
        required=False,
        help_text=_(
            "The owner's own financing as a share of the grant it receives "
            "(Dekom: 30). Leave empty if not required."
        ),
    )
    earmarked_categories = forms.CharField(
        label=_("Earmarked categories"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "One a line: a code, a colon and the name, e.g. "
            "“facilitation: Facilitation funds for local priorities”."
        ),
    )
    individual_further_education_categories = forms.CharField(
        label=_("Categories that may fund individual further education"),
        required=False,
        help_text=_(
            "Codes of earmarked categories, separated by commas (Rekom: facilitation). "
            "Leave empty if individual further education is never fundable."
        ),
    )
    partner_exempt_categories = forms.CharField(
        label=_("Categories without a UH partnership (criterion C3)"),
        required=False,
        help_text=_(
            "Codes of earmarked categories, separated by commas, whose measures need no "
            "university or university college as partner (Rekom: craft_certificate)."
        ),
    )
    eligible_recipient_kinds = forms.MultipleChoiceField(
        label=_("Who may receive grants"),
        required=False,
        choices=list(RECIPIENT_KIND_LABELS.items()),
        widget=forms.CheckboxSelectMultiple,
    )
    eligible_partner_kinds = forms.MultipleChoiceField(
        label=_("Partners a measure needs (one of)"),
        required=False,
        choices=OrganisationKind.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    target_groups = forms.MultipleChoiceField(
        label=_("Target groups"),
        required=False,
        choices=list(TARGET_GROUP_LABELS.items()),
        widget=forms.CheckboxSelectMultiple,
    )
    max_duration_years = forms.IntegerField(
        label=_("Longest duration of a measure (years)"),
    )
    requires_kindergarten_authority = forms.BooleanField(
        label=_("The kindergarten authority must be represented in the forum"),
        required=False,
    )
    coordinator_allowed = forms.BooleanField(
        label=_("Funds may pay a coordinator function (anchored in the forum)"),
        required=False,
    )
    team_around_child = forms.BooleanField(
        label=_("Measures should include the team around the child (PPT and other services)"),
        required=False,
    )
    budget_chapter = forms.CharField(
        label=_("Budget chapter"),
        required=False,
        max_length=4,
        help_text=_("The state budget's chapter the grants are paid from, as in the budget."),
    )
    budget_post = forms.CharField(label=_("Budget post"), required=False, max_length=4)
    appeal_right_kinds = forms.MultipleChoiceField(
        label=_("Recipients with a right to appeal"),
        required=False,
        choices=OrganisationKind.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "For these recipients a decision is an individual decision that can be appealed "
            "(as a rule private parties); the others are told how to ask for reconsideration."
        ),
    )
    repayments_reusable = forms.BooleanField(
        label=_("Repayments received may be reused in the office's round"),
        required=False,
        help_text=_("Otherwise money paid back by recipients is returned to Udir (the default)."),
    )
    notes = forms.CharField(
        label=_("Notes"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    GROUPS = (
        "eligible_recipient_kinds",
        "eligible_partner_kinds",
        "target_groups",
        "appeal_right_kinds",
    )
    CHECKBOXES = (
        "requires_kindergarten_authority",
        "coordinator_allowed",
        "repayments_reusable",
        "team_around_child",
    )

    @staticmethod
    def initial_from(parameters: dict, **extra) -> dict:
        params, _findings = RuleSetParameters.from_dict(parameters)
        if params is None:
            # A corrupt stored rule set still opens, with what can be read, so it can be fixed.
            data = parameters if isinstance(parameters, dict) else {}
            return {**extra, "max_duration_years": data.get("max_duration_years")}
        return {
            **extra,
            "earmark_cap_percent": _percent(params.earmark_cap_share),
            "co_financing_percent": _percent(params.co_financing_share),
            "earmarked_categories": "\n".join(
                f"{c.code}: {c.label}" for c in params.earmarked_categories
            ),
            "individual_further_education_categories": ", ".join(
                params.individual_further_education_categories
            ),
            "partner_exempt_categories": ", ".join(params.partner_exempt_categories),
            "team_around_child": params.team_around_child,
            "eligible_recipient_kinds": list(params.eligible_recipient_kinds),
            "eligible_partner_kinds": list(params.eligible_partner_kinds),
            "target_groups": list(params.target_groups),
            "max_duration_years": params.max_duration_years,
            "requires_kindergarten_authority": params.requires_kindergarten_authority,
            "coordinator_allowed": params.coordinator_allowed,
            "budget_chapter": params.budget_chapter,
            "budget_post": params.budget_post,
            "appeal_right_kinds": list(params.appeal_right_kinds),
            "repayments_reusable": params.repayments_reusable,
        }

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        cap = data.get("earmark_cap_percent")
        co = data.get("co_financing_percent")
        further = data.get("individual_further_education_categories")
        self.parameters = {
            "earmark_cap_share": None if cap is None else str(cap / 100),
            "co_financing_share": None if co is None else str(co / 100),
            "earmarked_categories": _parse_categories(data.get("earmarked_categories")),
            "individual_further_education_categories": _codes(further),
            "partner_exempt_categories": _codes(data.get("partner_exempt_categories")),
            "team_around_child": bool(data.get("team_around_child")),
            "eligible_recipient_kinds": data.get("eligible_recipient_kinds") or [],
            "eligible_partner_kinds": data.get("eligible_partner_kinds") or [],
            "target_groups": data.get("target_groups") or [],
            "max_duration_years": data.get("max_duration_years"),
            "requires_kindergarten_authority": bool(data.get("requires_kindergarten_authority")),
            "coordinator_allowed": bool(data.get("coordinator_allowed")),
            "budget_chapter": (data.get("budget_chapter") or "").strip(),
            "budget_post": (data.get("budget_post") or "").strip(),
            "appeal_right_kinds": data.get("appeal_right_kinds") or [],
            "repayments_reusable": bool(data.get("repayments_reusable")),
        }
        _params, findings = RuleSetParameters.from_dict(self.parameters)
        self.add_findings(findings)
        return data

    def add_findings(self, findings) -> None:
        for finding in findings:
            field = FIELD_OF_TARGET.get(finding.target, finding.target)
            self.add_error(field if field in self.fields else None, finding_text(finding))


class RuleSetCreateForm(RuleSetForm):
    scheme = forms.ModelChoiceField(
        label=_("Scheme"),
        queryset=Scheme.objects.all(),
        to_field_name="code",
    )
    year = forms.IntegerField(label=_("Year"), validators=YEAR_VALIDATORS)

    field_order = ["scheme", "year", "valid_from"]


class RoundCreateForm(forms.Form):
    office = forms.ModelChoiceField(
        label=_("State administrator office"),
        queryset=GovernorOffice.objects.none(),
    )
    scheme = forms.ModelChoiceField(label=_("Scheme"), queryset=Scheme.objects.all())
    year = forms.IntegerField(label=_("Year"), validators=YEAR_VALIDATORS)
    frame = KronerField(
        label=_("Frame (NOK)"),
        required=False,
        help_text=_(
            "Taken from Udir's allocation for the office, scheme and year when it is "
            "registered; give it here only when it is not."
        ),
    )
    needs_deadline = BusinessDateField(label=_("Deadline for needs reports"), widget=DATE_WIDGET)
    recommendation_deadline = BusinessDateField(
        label=_("Deadline for the forum's recommendation"), widget=DATE_WIDGET
    )
    decision_deadline = BusinessDateField(label=_("Deadline for decisions"), widget=DATE_WIDGET)
    annual_report_deadline = BusinessDateField(
        label=_("Deadline for the annual report"), widget=DATE_WIDGET
    )

    def __init__(self, *args, offices, allocation=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["office"].queryset = offices
        if len(offices) == 1:
            self.fields["office"].initial = offices.first()
        if allocation is not None:
            # The frame is the allocation's current sum: nothing to type, and the
            # office, scheme and year are the allocation's.
            del self.fields["frame"]
            for name in ("office", "scheme", "year"):
                self.fields[name].disabled = True
            self.initial.update(
                office=allocation.office, scheme=allocation.scheme, year=allocation.year
            )


class RoundDeadlinesForm(forms.Form):
    """The round's deadlines, corrected after it is opened, with the reason."""

    needs_deadline = BusinessDateField(label=_("Deadline for needs reports"), widget=DATE_WIDGET)
    recommendation_deadline = BusinessDateField(
        label=_("Deadline for the forum's recommendation"), widget=DATE_WIDGET
    )
    decision_deadline = BusinessDateField(label=_("Deadline for decisions"), widget=DATE_WIDGET)
    annual_report_deadline = BusinessDateField(
        label=_("Deadline for the annual report"), widget=DATE_WIDGET
    )
    reason = forms.CharField(
        label=_("Reason for the correction"),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=2000,
        help_text=_("E.g. “The forum's meeting was moved to 20 January”."),
    )


class CommitmentForm(forms.Form):
    amount = KronerField(label=_("Amount (NOK)"))
    category = forms.ChoiceField(
        label=_("Category"),
        choices=(),
        required=False,
        help_text=_("An earmarked commitment counts against the round's earmark cap."),
    )
    source = forms.CharField(
        label=_("Source"),
        max_length=300,
        help_text=_(
            "The earlier decision the money is bound by, e.g. "
            "“Vedtak 2025/123, Bergen kommune, year 2 of 3”."
        ),
    )

    def __init__(self, *args, rule_set=None, **kwargs):
        super().__init__(*args, **kwargs)
        choices = category_choices(rule_set) if rule_set is not None else []
        if len(choices) > 1:
            self.fields["category"].choices = choices
        else:
            del self.fields["category"]

    def clean_category(self):
        return self.cleaned_data.get("category") or GENERAL


class AllocationEntryForm(forms.Form):
    office = forms.ModelChoiceField(
        label=_("State administrator office"), queryset=GovernorOffice.objects.all()
    )
    scheme = forms.ModelChoiceField(label=_("Scheme"), queryset=Scheme.objects.all())
    year = forms.IntegerField(label=_("Year"), validators=YEAR_VALIDATORS)
    kind = forms.ChoiceField(label=_("Kind of entry"), choices=AllocationKind.choices)
    amount = KronerField(
        label=_("Change (NOK)"),
        min_value=-MAX_KRONER,
        help_text=_(
            "The initial allocation, or the change: negative for a cut or money returned "
            "(e.g. -500 000)."
        ),
    )
    dated = BusinessDateField(label=_("Dated"), widget=DATE_WIDGET)
    reason = forms.CharField(
        label=_("Reason for the change"),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=2000,
        help_text=_("E.g. the letter from Udir, or the revised national budget."),
    )


def category_choices(rule_set) -> list[tuple[str, str]]:
    """``general`` and the rule set's earmarked categories, for a choice field."""
    choices = [(GENERAL, str(_("Ordinary measures")))]
    params, _findings = RuleSetParameters.from_dict(rule_set.parameters)
    if params is not None:
        choices += [(c.code, category_label(c)) for c in params.earmarked_categories]
    return choices


class SetAsideForm(forms.Form):
    purpose = forms.CharField(
        label=_("Purpose"),
        max_length=200,
        help_text=_("E.g. “Facilitation funds for the study year 2026–2027”."),
    )
    category = forms.ChoiceField(label=_("Category"), choices=())
    amount = KronerField(label=_("Amount (NOK)"), min_value=Decimal(1))
    forum_decision_date = BusinessDateField(
        label=_("Date of the forum's decision"), widget=DATE_WIDGET
    )
    forum_decision_text = forms.CharField(
        label=_("The forum's decision"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=4000,
        help_text=_("Quote the decision from the forum's minutes."),
    )

    def __init__(self, *args, rule_set, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].choices = category_choices(rule_set)


class SetAsideCorrectForm(SetAsideForm):
    reason = forms.CharField(
        label=_("Reason for the correction"),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=2000,
    )


class SetAsideWithdrawForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for withdrawing"),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=2000,
    )


class RoundFilterForm(forms.Form):
    scheme = forms.ModelChoiceField(
        label=_("Scheme"),
        queryset=Scheme.objects.all(),
        to_field_name="code",
        required=False,
        empty_label=_("All schemes"),
    )
    year = forms.IntegerField(label=_("Year"), required=False, min_value=2000, max_value=2100)
    phase = forms.ChoiceField(
        label=_("Phase"),
        required=False,
        choices=[("", _("All phases")), *RoundPhase.choices],
    )
    office = forms.ModelChoiceField(
        label=_("State administrator office"),
        queryset=GovernorOffice.objects.all(),
        to_field_name="slug",
        required=False,
        empty_label=_("All offices"),
    )

    def filter(self, rounds):
        data = self.cleaned_data
        if data.get("scheme"):
            rounds = rounds.filter(scheme=data["scheme"])
        if data.get("year"):
            rounds = rounds.filter(year=data["year"])
        if data.get("phase"):
            rounds = rounds.filter(phase=data["phase"])
        if data.get("office"):
            rounds = rounds.filter(office=data["office"])
        return rounds


def _codes(raw) -> list[str]:
    """Comma-separated category codes as a list."""
    return [code.strip() for code in (raw or "").split(",") if code.strip()]

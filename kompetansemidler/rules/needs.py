"""Rules on a needs report, checked as the owner types and again on submission.

Pure: the Django side turns a report into ``NeedsReportFacts`` and shows the
findings next to the field each one names (``target``). Criteria C1–C3 are
those of DOMAIN.md §4.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from .findings import Finding, Severity, define
from .money import required_co_financing
from .parameters import RuleSetParameters, percent
from .runner import run_checks

GENERAL = "general"

NEEDS_NO_STAFF_INVOLVEMENT = define(
    "NEEDS_NO_STAFF_INVOLVEMENT",
    Severity.ERROR,
    "Describe how the staff took part in assessing the needs (criterion C1).",
)
NEEDS_NO_LEADER_INVOLVEMENT = define(
    "NEEDS_NO_LEADER_INVOLVEMENT",
    Severity.ERROR,
    "Describe how the leaders took part in assessing the needs (criterion C1).",
)
NEEDS_NO_UH_PARTNER = define(
    "NEEDS_NO_UH_PARTNER",
    Severity.ERROR,
    "Name at least one university or university college the needs were assessed with "
    "(criterion C3).",
)
NEEDS_INDIVIDUAL_FURTHER_EDUCATION = define(
    "NEEDS_INDIVIDUAL_FURTHER_EDUCATION",
    Severity.ERROR,
    "“%(measure)s”: individual further education cannot be funded in this category; "
    "measures must develop the unit as a whole (criterion C2).",
)
NEEDS_DURATION_EXCEEDED = define(
    "NEEDS_DURATION_EXCEEDED",
    Severity.ERROR,
    "“%(measure)s” has an amount in year %(year)s, but measures may last at most "
    "%(max_years)s years.",
)
NEEDS_UNKNOWN_CATEGORY = define(
    "NEEDS_UNKNOWN_CATEGORY",
    Severity.ERROR,
    "“%(measure)s”: “%(category)s” is not a category of this scheme.",
)
NEEDS_NEGATIVE_AMOUNT = define(
    "NEEDS_NEGATIVE_AMOUNT",
    Severity.ERROR,
    "“%(measure)s”: the amount in year %(year)s cannot be negative.",
)
NEEDS_UNKNOWN_TARGET_GROUP = define(
    "NEEDS_UNKNOWN_TARGET_GROUP",
    Severity.ERROR,
    "“%(group)s” is not a target group of this scheme.",
)
NEEDS_COORDINATOR_NOT_ALLOWED = define(
    "NEEDS_COORDINATOR_NOT_ALLOWED",
    Severity.ERROR,
    "This scheme does not fund a coordinator function this year.",
)
NEEDS_CO_FINANCING_LOW = define(
    "NEEDS_CO_FINANCING_LOW",
    Severity.WARNING,
    "“%(measure)s”: the planned own financing of %(co_financing)s kroner is less than "
    "%(share_percent)s per cent of the %(amount)s kroner applied for in the first year "
    "(%(required)s kroner).",
)
NEEDS_SAMI_NOT_ASSESSED = define(
    "NEEDS_SAMI_NOT_ASSESSED",
    Severity.WARNING,
    "Say how Sámi perspectives were considered in the local priorities.",
)
NEEDS_NO_UNITS = define(
    "NEEDS_NO_UNITS",
    Severity.ERROR,
    "Choose the kindergartens or schools whose needs were assessed: the assessment must be "
    "anchored in each unit (criterion C1).",
)
NEEDS_NO_UH_DIALOGUE = define(
    "NEEDS_NO_UH_DIALOGUE",
    Severity.ERROR,
    "Describe the professional dialogue with the university or university college about the "
    "needs (criterion C1).",
)
NEEDS_NO_LOCAL_PLAN = define(
    "NEEDS_NO_LOCAL_PLAN",
    Severity.ERROR,
    "“%(measure)s”: choose the local competence plan the measure comes from. Without a plan, "
    "write one first under “Needs and plans”, “New local plan”.",
)
NEEDS_NO_PLAN_PRIORITY = define(
    "NEEDS_NO_PLAN_PRIORITY",
    Severity.ERROR,
    "“%(measure)s”: name the priority in the local plan that the measure follows.",
)
NEEDS_NO_TEAM_AROUND_CHILD = define(
    "NEEDS_NO_TEAM_AROUND_CHILD",
    Severity.WARNING,
    "“%(measure)s” includes no one beyond the kindergarten or school staff: say how PPT and "
    "other services in the team around the child take part.",
)


PLAN_ELEMENT_MISSING = define(
    "PLAN_ELEMENT_MISSING",
    Severity.WARNING,
    "The scheme says a local plan should describe this; fill it in, or leave it empty if the "
    "plan deliberately leaves it out.",
)
# The nine elements a local plan should ("bør") describe, in the seed's order.
PLAN_ELEMENTS = (
    "priorities",
    "target_groups",
    "measures",
    "participants",
    "working_methods",
    "use_of_funds",
    "planned_evaluation",
    "goal_assessment",
    "duration",
)


def local_plan_findings(described: Iterable[str]) -> list[Finding]:
    """A warning for each of the nine elements the plan does not describe.

    "Bør", not "skal": a missing element never blocks saving the plan or a
    report anchored in it.
    """
    present = set(described)
    return [PLAN_ELEMENT_MISSING(target=name) for name in PLAN_ELEMENTS if name not in present]


@dataclass(frozen=True)
class MeasureFacts:
    key: str
    title: str
    category: str = GENERAL
    individual_further_education: bool = False
    # Year 1, 2, 3, …; None where no amount is given.
    amounts: tuple[Decimal | None, ...] = ()
    co_financing: Decimal | None = None
    # Whether the measure names the local plan it comes from, and the priority in it.
    local_plan: bool = True
    plan_priority: bool = True
    # Who beyond the unit's own staff the measure includes ("ppt", "other_services").
    team_around_child: tuple[str, ...] = ()


@dataclass(frozen=True)
class NeedsReportFacts:
    staff_involvement: bool
    leader_involvement: bool
    # The organisation kinds of the partners named in the needs dialogue.
    partner_kinds: tuple[str, ...]
    sami_perspectives: bool
    target_groups: tuple[str, ...] = ()
    coordinator_requested: bool = False
    measures: tuple[MeasureFacts, ...] = field(default_factory=tuple)
    # How many kindergartens or schools the assessment is anchored in.
    units: int = 1
    uh_dialogue: bool = True


def measure_target(measure: MeasureFacts, name: str) -> str:
    return f"measures.{measure.key}.{name}"


def check_involvement(report: NeedsReportFacts, **_: Any) -> Iterable[Finding]:
    if not report.staff_involvement:
        yield NEEDS_NO_STAFF_INVOLVEMENT(target="staff_involvement")
    if not report.leader_involvement:
        yield NEEDS_NO_LEADER_INVOLVEMENT(target="leader_involvement")


def check_units(report: NeedsReportFacts, **_: Any) -> Iterable[Finding]:
    if report.units < 1:
        yield NEEDS_NO_UNITS(target="units")


def _partner_needed(report: NeedsReportFacts, params: RuleSetParameters) -> bool:
    """C3 applies unless every measure is in a category the rule set exempts from it."""
    exempt = set(params.partner_exempt_categories)
    return not report.measures or any(m.category not in exempt for m in report.measures)


def check_partner(report: NeedsReportFacts, *, params: RuleSetParameters) -> Iterable[Finding]:
    if not _partner_needed(report, params):
        return
    if not set(report.partner_kinds) & set(params.eligible_partner_kinds):
        yield NEEDS_NO_UH_PARTNER(target="uh_partners")
    if not report.uh_dialogue:
        yield NEEDS_NO_UH_DIALOGUE(target="uh_dialogue")


def check_local_plan(report: NeedsReportFacts, **_: Any) -> Iterable[Finding]:
    """Measures shall be anchored in the owners' local competence plans."""
    for measure in report.measures:
        if not measure.local_plan:
            yield NEEDS_NO_LOCAL_PLAN(
                target=measure_target(measure, "local_plan"), measure=measure.title
            )
        elif not measure.plan_priority:
            yield NEEDS_NO_PLAN_PRIORITY(
                target=measure_target(measure, "local_plan_priority"), measure=measure.title
            )


def check_team_around_child(
    report: NeedsReportFacts, *, params: RuleSetParameters
) -> Iterable[Finding]:
    """Kompetanseløftet: a measure should include the team around the child."""
    if not params.team_around_child:
        return
    for measure in report.measures:
        if not measure.team_around_child:
            yield NEEDS_NO_TEAM_AROUND_CHILD(
                target=measure_target(measure, "team_around_child"), measure=measure.title
            )


def check_sami(report: NeedsReportFacts, **_: Any) -> Iterable[Finding]:
    if not report.sami_perspectives:
        yield NEEDS_SAMI_NOT_ASSESSED(target="sami_perspectives")


def check_target_groups(
    report: NeedsReportFacts, *, params: RuleSetParameters
) -> Iterable[Finding]:
    for group in report.target_groups:
        if group not in params.target_groups:
            yield NEEDS_UNKNOWN_TARGET_GROUP(target="target_groups", group=group)


def check_coordinator(report: NeedsReportFacts, *, params: RuleSetParameters) -> Iterable[Finding]:
    if report.coordinator_requested and not params.coordinator_allowed:
        yield NEEDS_COORDINATOR_NOT_ALLOWED(target="coordinator_requested")


def check_categories(report: NeedsReportFacts, *, params: RuleSetParameters) -> Iterable[Finding]:
    allowed = {GENERAL, *params.earmarked_codes}
    for measure in report.measures:
        if measure.category not in allowed:
            yield NEEDS_UNKNOWN_CATEGORY(
                target=measure_target(measure, "category"),
                measure=measure.title,
                category=measure.category,
            )
        elif (
            measure.individual_further_education
            and measure.category not in params.individual_further_education_categories
        ):
            yield NEEDS_INDIVIDUAL_FURTHER_EDUCATION(
                target=measure_target(measure, "individual_further_education"),
                measure=measure.title,
            )


def last_funded_year(measure: MeasureFacts) -> int:
    """The last year (1-based) with an amount above zero; 0 when there is none."""
    years = [i for i, amount in enumerate(measure.amounts, start=1) if amount]
    return max(years, default=0)


def check_amounts(report: NeedsReportFacts, *, params: RuleSetParameters) -> Iterable[Finding]:
    for measure in report.measures:
        for year, amount in enumerate(measure.amounts, start=1):
            if amount is not None and amount < 0:
                yield NEEDS_NEGATIVE_AMOUNT(
                    target=measure_target(measure, f"amount_year{year}"),
                    measure=measure.title,
                    year=year,
                )
            elif amount and year > params.max_duration_years:
                yield NEEDS_DURATION_EXCEEDED(
                    target=measure_target(measure, f"amount_year{year}"),
                    measure=measure.title,
                    year=year,
                    max_years=params.max_duration_years,
                )


def check_co_financing(report: NeedsReportFacts, *, params: RuleSetParameters) -> Iterable[Finding]:
    """Dekom: the planned own financing should reach the share of the first year's amount.

    Only a warning here: the decision states the binding amount.
    """
    share = params.co_financing_share
    if share is None:
        return
    for measure in report.measures:
        amount = measure.amounts[0] if measure.amounts else None
        if not amount or amount < 0:
            continue
        required = required_co_financing(grant=amount, share=share)
        planned = measure.co_financing or Decimal(0)
        if planned < amount * share:
            yield NEEDS_CO_FINANCING_LOW(
                target=measure_target(measure, "co_financing"),
                measure=measure.title,
                co_financing=planned,
                share_percent=percent(share),
                amount=amount,
                required=required,
            )


NEEDS_CHECKS = (
    check_involvement,
    check_units,
    check_partner,
    check_local_plan,
    check_team_around_child,
    check_target_groups,
    check_coordinator,
    check_categories,
    check_amounts,
    check_co_financing,
    check_sami,
)


def needs_report_findings(report: NeedsReportFacts, params: RuleSetParameters) -> list[Finding]:
    """Every finding on the report, errors first."""
    return run_checks(NEEDS_CHECKS, report, params=params)

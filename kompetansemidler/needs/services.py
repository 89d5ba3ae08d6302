"""Writes: local plans, partnerships and the needs report's lifecycle.

Every state change of a needs report is a named verb that checks the source
state against the one transition table below and writes a history event, all
in one transaction. Services never see the request.
"""

from datetime import date

from django.db import transaction
from django.db.models import F, Max, ProtectedError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kompetansemidler.core.workflow import ServiceRefused, StaleEdit, Transition, Workflow, locked
from kompetansemidler.history.services import event_record
from kompetansemidler.schemes.messages import as_refusal_findings

from .checks import report_findings
from .models import LocalPlan, NeedsReport, Partnership, ProposedMeasure, ReportState

PLAN_FIELDS = (
    "title",
    "period_start",
    "period_end",
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
REPORT_FIELDS = (
    "local_plan",
    "staff_involvement",
    "leader_involvement",
    "partnership",
    "uh_dialogue",
    "needs",
    "sami_perspectives",
    "target_groups",
    "coordinator_requested",
    "coordinator_description",
)
MEASURE_FIELDS = (
    "title",
    "description",
    "category",
    "individual_further_education",
    "amount_year1",
    "amount_year2",
    "amount_year3",
    "co_financing",
    "local_plan",
    "local_plan_priority",
    "team_around_child",
    "team_around_child_description",
)
# What a measure's field is when the form leaves it out (a scheme without it).
MEASURE_BLANK = {
    "local_plan_priority": "",
    "team_around_child": [],
    "team_around_child_description": "",
}

REFUSED_STATE = _("A report in the state “%(state)s” cannot be %(action)s.")
REFUSED_DEADLINE = _(
    "The deadline for needs reports was %(deadline)s. Ask the state administrator to reopen "
    "the report if you still need to submit it."
)
REFUSED_ERRORS = _("The report has errors that must be fixed before it can be submitted.")
REFUSED_UNCONFIRMED = _(
    "Confirm or revise the measures carried over from last year's report before submitting."
)
REFUSED_NO_MEASURES = _("Propose at least one measure before submitting.")
REFUSED_NO_REASON = _("Say why the report is returned, so the owner knows what to fix.")
REFUSED_ALREADY_REPORTED = _(
    "There is already a needs report for this round under this name. To send another "
    "report, give it a name of its own, e.g. the school type it covers."
)
REFUSED_ADOPTED = _(
    "The forum has adopted its recommendation for this round, so an accepted report can no "
    "longer be returned."
)
REFUSED_MEASURE_RECOMMENDED = _(
    "A measure the forum's recommendation already has a line for cannot be removed "
    "(%(measures)s): set its amounts to 0, or ask the secretariat to remove the line first."
)
REFUSED_NO_LATE_REASON = _("Say why the report may be submitted after the deadline.")


WORKFLOW = Workflow(
    refused=REFUSED_STATE,
    transitions={
        "submit": Transition(
            (ReportState.DRAFT, ReportState.RETURNED),
            ReportState.SUBMITTED,
            "needs_report.submitted",
            _("submitted"),
        ),
        # An accepted report may still go back until the forum adopts its recommendation.
        "return": Transition(
            (ReportState.SUBMITTED, ReportState.ACCEPTED),
            ReportState.RETURNED,
            "needs_report.returned",
            _("returned"),
        ),
        "accept": Transition(
            (ReportState.SUBMITTED,), ReportState.ACCEPTED, "needs_report.accepted", _("accepted")
        ),
        # Reopening keeps the state and lifts the deadline.
        "reopen": Transition(
            (ReportState.DRAFT, ReportState.RETURNED), None, "needs_report.reopened", _("reopened")
        ),
    },
)


def allowed_actions(report: NeedsReport) -> set[str]:
    return WORKFLOW.allowed(report)


def _report_organisation(report: NeedsReport):
    """The organisation a report's events belong to: its owner, or its network's coordinator."""
    if report.owner is not None:
        return report.owner
    assert report.network is not None  # a report has an owner or a network (constraint)
    return report.network.coordinator


def _transition(report: NeedsReport, name: str, *, actor, summary: str = "", **changes):
    """Move ``report`` through transition ``name``; the caller holds a row lock."""
    return WORKFLOW.apply(
        report,
        name,
        actor=actor,
        summary=summary,
        after={"reopened": changes.get("reopened", report.reopened)},
        office=report.round.office,
        organisation=_report_organisation(report),
        lock_version=F("lock_version") + 1,
        **changes,
    )


def _locked(report: NeedsReport) -> NeedsReport:
    # Lock only the report row: owner and network are outer joins, which
    # PostgreSQL will not lock.
    return locked(report, "round", "owner", "network")


# Local plans ---------------------------------------------------------------


@transaction.atomic
def local_plan_create(*, actor, owner, data: dict, previous: LocalPlan | None = None) -> LocalPlan:
    latest = LocalPlan.objects.filter(owner=owner).aggregate(v=Max("version"))["v"] or 0
    plan = LocalPlan.objects.create(
        owner=owner,
        version=latest + 1,
        previous=previous,
        created_by=actor,
        **{f: data[f] for f in PLAN_FIELDS},
    )
    event_record(
        actor=actor,
        kind="local_plan.created",
        obj=plan,
        organisation=owner,
        after={"version": plan.version, "period": [plan.period_start, plan.period_end]},
    )
    return plan


@transaction.atomic
def local_plan_update(*, actor, plan: LocalPlan, data: dict, lock_version: int) -> LocalPlan:
    """Save the plan unless someone saved it since ``lock_version`` (then StaleEdit)."""
    updated = LocalPlan.objects.filter(pk=plan.pk, lock_version=lock_version).update(
        lock_version=F("lock_version") + 1,
        updated_at=timezone.now(),
        **{f: data[f] for f in PLAN_FIELDS},
    )
    if not updated:
        raise StaleEdit(LocalPlan.objects.get(pk=plan.pk))
    plan.refresh_from_db()
    event_record(actor=actor, kind="local_plan.changed", obj=plan, organisation=plan.owner)
    return plan


def local_plan_new_version(
    *, actor, plan: LocalPlan, period_start: int, period_end: int
) -> LocalPlan:
    """A new version for a new period, starting from the old text; the old one stays."""
    data = {f: getattr(plan, f) for f in PLAN_FIELDS}
    data.update(period_start=period_start, period_end=period_end)
    return local_plan_create(actor=actor, owner=plan.owner, data=data, previous=plan)


# Partnerships --------------------------------------------------------------


@transaction.atomic
def partnership_create(*, actor, owners, institutions, data: dict) -> Partnership:
    partnership = Partnership.objects.create(created_by=actor, **data)
    partnership.owners.set(owners)
    partnership.institutions.set(institutions)
    event_record(
        actor=actor,
        kind="partnership.created",
        obj=partnership,
        organisation=owners[0] if owners else None,
        after={"owners": [o.pk for o in owners], "institutions": [i.pk for i in institutions]},
    )
    return partnership


# Needs reports -------------------------------------------------------------


@transaction.atomic
def needs_report_create(*, actor, round_, owner=None, network=None, label="") -> NeedsReport:
    """Start a needs report; an author's second report to a round needs a name of its own."""
    label = " ".join(label.split())
    if NeedsReport.objects.filter(round=round_, owner=owner, network=network, label=label).exists():
        raise ServiceRefused("already_reported", REFUSED_ALREADY_REPORTED)
    report = NeedsReport.objects.create(
        round=round_, owner=owner, network=network, label=label, created_by=actor
    )
    event_record(
        actor=actor,
        kind="needs_report.created",
        obj=report,
        office=round_.office,
        organisation=owner or network.coordinator,
    )
    return report


@transaction.atomic
def needs_report_continue(*, actor, previous: NeedsReport, round_) -> NeedsReport:
    """Start this round's report from last year's: years 2–3 move up for confirmation.

    The text carries over as it was; each measure's later-year amounts become
    this report's first years and wait to be confirmed or revised.
    """
    report = needs_report_create(
        actor=actor,
        round_=round_,
        owner=previous.owner,
        network=previous.network,
        label=previous.label,
    )
    for field in REPORT_FIELDS:
        setattr(report, field, getattr(previous, field))
    report.previous = previous
    report.save()
    report.units.set(previous.units.all())
    report.uh_partners.set(previous.uh_partners.all())
    shift = round_.year - previous.round.year
    for measure in previous.measures.all():
        later = [measure.amount(i) for i in range(1 + shift, 4)]
        later = [a for a in later if a]
        if not later:
            continue
        ProposedMeasure.objects.create(
            report=report,
            position=measure.position,
            title=measure.title,
            description=measure.description,
            category=measure.category,
            individual_further_education=measure.individual_further_education,
            amount_year1=later[0],
            amount_year2=later[1] if len(later) > 1 else None,
            co_financing=measure.co_financing,
            local_plan=measure.local_plan,
            local_plan_priority=measure.local_plan_priority,
            team_around_child=measure.team_around_child,
            team_around_child_description=measure.team_around_child_description,
            carried_from=measure,
            confirmed=False,
        )
    return report


@transaction.atomic
def needs_report_update(
    *,
    actor,
    report: NeedsReport,
    data: dict,
    units,
    uh_partners,
    measures: list[dict],
    lock_version: int,
) -> NeedsReport:
    """Save a draft: the fields, the units, the UH partners and the measures as given.

    ``measures`` are dicts of MEASURE_FIELDS plus ``id`` (None for a new one)
    and ``confirmed``; measures not in the list are removed. Raises StaleEdit
    when someone saved the report after ``lock_version``.
    """
    updated = NeedsReport.objects.filter(pk=report.pk, lock_version=lock_version).update(
        lock_version=F("lock_version") + 1,
        updated_at=timezone.now(),
        **{f: data[f] for f in REPORT_FIELDS},
    )
    if not updated:
        raise StaleEdit(NeedsReport.objects.get(pk=report.pk))
    report.refresh_from_db()
    report.units.set(units)
    report.uh_partners.set(uh_partners)
    keep = []
    for position, values in enumerate(measures):
        fields = {f: values.get(f) for f in MEASURE_FIELDS}
        for name, blank in MEASURE_BLANK.items():
            if fields[name] is None:
                fields[name] = blank
        fields.update(position=position, confirmed=values.get("confirmed", True))
        if values.get("id"):
            report.measures.filter(pk=values["id"]).update(**fields)
            keep.append(values["id"])
        else:
            keep.append(ProposedMeasure.objects.create(report=report, **fields).pk)
    removed = report.measures.exclude(pk__in=keep)
    try:
        with transaction.atomic():
            removed.delete()
    except ProtectedError as protected:
        # A measure a recommendation's line funds stays until the forum removes the line.
        titles = sorted({getattr(m, "title", str(m)) for m in protected.protected_objects})
        raise ServiceRefused(
            "measure_recommended", REFUSED_MEASURE_RECOMMENDED, {"measures": ", ".join(titles)}
        ) from None
    return report


@transaction.atomic
def needs_report_submit(*, actor, report: NeedsReport, today: date | None = None) -> NeedsReport:
    """Send the report to the state administrator and the forum.

    Refused after the round's needs deadline unless reopened, while a measure
    carried over from last year is unconfirmed, or while a rule finds an error.
    """
    report = _locked(report)
    today = today or timezone.localdate()
    deadline = report.round.needs_deadline
    WORKFLOW.check(report, "submit")
    if deadline and today > deadline and not report.reopened:
        raise ServiceRefused(
            "deadline", REFUSED_DEADLINE, {"deadline": deadline.strftime("%d.%m.%Y")}
        )
    if not report.measures.exists():
        raise ServiceRefused("no_measures", REFUSED_NO_MEASURES)
    if report.measures.filter(confirmed=False).exists():
        raise ServiceRefused("unconfirmed", REFUSED_UNCONFIRMED)
    errors = [f for f in report_findings(report) if f.is_error]
    if errors:
        raise ServiceRefused("findings", REFUSED_ERRORS, findings=as_refusal_findings(errors))
    return _transition(report, "submit", actor=actor, submitted_at=timezone.now(), return_reason="")


@transaction.atomic
def needs_report_return(*, actor, report: NeedsReport, reason: str) -> NeedsReport:
    """Send the report back to its author with the caseworker's reason.

    Returning it also lets the author resubmit after the deadline: the
    caseworker asked for the fix.
    """
    if not reason.strip():
        raise ServiceRefused("no_reason", REFUSED_NO_REASON, field="reason")
    report = _locked(report)
    if report.state == ReportState.ACCEPTED and _recommendation_adopted(report.round):
        raise ServiceRefused("adopted", REFUSED_ADOPTED)
    return _transition(
        report,
        "return",
        actor=actor,
        summary=reason.strip(),
        return_reason=reason.strip(),
        reopened=True,
    )


def _recommendation_adopted(round_) -> bool:
    """Whether a recommendation of the round is adopted (or sent): the reports it
    built on are then final. Read through the round, so needs stays below
    recommendations in the layering."""
    return round_.recommendations.exclude(state="draft").exists()


@transaction.atomic
def needs_report_accept(*, actor, report: NeedsReport) -> NeedsReport:
    return _transition(_locked(report), "accept", actor=actor)


@transaction.atomic
def needs_report_reopen(*, actor, report: NeedsReport, reason: str) -> NeedsReport:
    """Let the author submit this report after the round's needs deadline.

    A late report is accepted late for a reason the history keeps; without a
    reopening, a submission after the deadline is refused.
    """
    if not reason.strip():
        raise ServiceRefused("no_reason", REFUSED_NO_LATE_REASON, field="reason")
    return _transition(
        _locked(report), "reopen", actor=actor, summary=reason.strip(), reopened=True
    )

"""Generator steps for what follows a recommendation: decisions, payments, annual reports.

Decisions and payments go through the product's services, so the decisions
carry the rules engine's checklist, the limits are checked at the krone,
later budget years' amounts commit the same office's and scheme's later rounds
(read from the decisions' rows, so earlier years bind later ones), and every
change writes its history event. Annual reports are bulk-created (see
``step_annual_reports`` for why). Two things are done the way a person would
do them by hand, because the data set has no people for them:

- The forum fits its draft to the money and adopts it. The generated forums
  have no members, so ``recommendation_adopt`` would rightly refuse them (the
  composition check); the step scales the lines to what the round has
  available and records the adoption and sending with their events.
- The caseworker confirms the criteria checklist before issuing.
"""

import datetime
import random
from decimal import ROUND_FLOOR, Decimal

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count
from django.utils import timezone

from kompetansemidler.core.workflow import ServiceRefused
from kompetansemidler.decisions.models import CHECKLIST, Decision, Payment, UnusedFunds
from kompetansemidler.decisions.payments import payment_approve, payment_register
from kompetansemidler.decisions.selectors import ISSUED
from kompetansemidler.decisions.services import (
    decision_issue,
    decisions_draft,
)
from kompetansemidler.history.models import Event
from kompetansemidler.history.services import event_record
from kompetansemidler.needs.models import NeedsReport
from kompetansemidler.recommendations.models import (
    AdoptionMethod,
    Recommendation,
    RecommendationLine,
    RecommendationState,
)
from kompetansemidler.reporting.models import AnnualReport, Answer, AnswerKind, GoalAnswer
from kompetansemidler.reporting.services import CRITERIA, KOMPETANSELOFTET_ONLY
from kompetansemidler.rules.reporting import participants_summary
from kompetansemidler.schemes.models import Round

from .cases import office_actor, office_approver
from .generate import BATCH

# Rounds whose forum has sent its recommendation and whose decisions are made.
DECIDED_PHASES = ("deciding", "implementing", "reporting", "closed")
# The benchmark's "now" is late 2026: money for 2026 is paid, reports up to 2025 are in.
LAST_PAID_YEAR = 2026
LAST_REPORTED_YEAR = 2025
# The forum leaves a little of the round's money undistributed.
SHARE_RECOMMENDED = Decimal("0.96")
CONDITIONS = "Midlane skal brukast i samsvar med den lokale kompetanseplanen og vedtaket."
REASONS = "Tiltaka svarer på behova i behovsmeldinga og er forankra i partnarskapen."


def _floor_thousand(amount: Decimal) -> Decimal:
    return (amount / 1000).quantize(Decimal(1), rounding=ROUND_FLOOR) * 1000


def _fit_to_money(recommendation, available: Decimal) -> int:
    """Scale the draft's amounts so year 1 fits what the round has available."""
    lines = list(RecommendationLine.objects.filter(recommendation=recommendation))
    total = sum((line.amount_year1 for line in lines), Decimal(0))
    if total <= 0 or available <= 0:
        return 0
    factor = min(Decimal(1), available * SHARE_RECOMMENDED / total)
    for line in lines:
        for index in (1, 2, 3):
            amount = line.amount(index)
            if amount:
                setattr(line, f"amount_year{index}", _floor_thousand(amount * factor))
        if line.co_financing:
            line.co_financing = (line.co_financing * factor).to_integral_value()
    RecommendationLine.objects.bulk_update(
        lines, ["amount_year1", "amount_year2", "amount_year3", "co_financing"], batch_size=500
    )
    return len(lines)


def _adopt_and_send(recommendation, actor, year: int) -> None:
    adopted = timezone.make_aware(datetime.datetime(year, 3, 10, 12))
    sent = adopted + datetime.timedelta(days=2)
    Recommendation.objects.filter(pk=recommendation.pk).update(
        state=RecommendationState.SENT,
        adoption_method=AdoptionMethod.CONSENSUS,
        adoption_note="Samrøystes vedteken i forumsmøtet.",
        adopted_at=adopted,
        sent_at=sent,
    )
    for kind, state in (
        ("recommendation.adopted", RecommendationState.ADOPTED),
        ("recommendation.sent", RecommendationState.SENT),
    ):
        event_record(
            actor=None,
            kind=kind,
            obj=recommendation,
            office=recommendation.round.office,
            after={"state": state},
        )


def step_decisions(context) -> str:
    """Each decided round's recommendation fitted, adopted and sent; its decisions
    drafted, the checklist confirmed and issued by the office's caseworker."""
    cast = context.state["cast"]
    recommendations = (
        Recommendation.objects.filter(
            round__phase__in=DECIDED_PHASES, state=RecommendationState.DRAFT
        )
        .exclude(round__decisions__isnull=False)
        .select_related("round__office")
        .order_by("round__year", "round__pk")
    )
    issued = refused = rounds = 0
    checklist = {key: True for key, _label in CHECKLIST}
    for recommendation in recommendations:
        round_ = Round.objects.get(pk=recommendation.round_id)  # commitments change per year
        if not _fit_to_money(recommendation, round_.available):
            continue
        actor = office_actor(round_.office, cast)
        approver = office_approver(round_.office)
        _adopt_and_send(recommendation, actor, round_.year)
        recommendation.refresh_from_db()
        drafts = decisions_draft(actor=actor, recommendation=recommendation)
        Decision.objects.filter(recommendation=recommendation).update(
            checklist=checklist, conditions=CONDITIONS, reasons=REASONS
        )
        for decision in drafts:
            try:
                decision_issue(actor=approver, decision=decision)
                issued += 1
            except ServiceRefused:  # the round's money ran out: left as a draft
                refused += 1
        rounds += 1
    return (
        f"{issued:,} decisions issued in {rounds} rounds ({refused} left as drafts: the "
        f"round's money ran out); {Decision.objects.count():,} in all"
    )


def _instalments(decision) -> list[tuple[datetime.date, Decimal]]:
    """Year 1 in two halves (June and October), each later year in March."""
    start = decision.round.year
    plan = []
    for offset, amount in enumerate(decision.amounts):
        year = start + offset
        if amount <= 0 or year > LAST_PAID_YEAR:
            continue
        if offset == 0:
            first = (amount / 2).to_integral_value(rounding=ROUND_FLOOR)
            plan += [
                (datetime.date(year, 6, 15), first),
                (datetime.date(year, 10, 1), amount - first),
            ]
        else:
            plan.append((datetime.date(year, 3, 1), amount))
    return [(day, amount) for day, amount in plan if amount > 0]


def step_payments(context) -> str:
    """Every issued decision paid as decided, up to the benchmark's year: each
    payment prepared by the office's caseworker and approved by its approver."""
    cast = context.state["cast"]
    decisions = (
        Decision.objects.filter(state__in=ISSUED)
        .annotate(n=Count("payments"))
        .filter(n=0)
        .select_related("round__office")
        .order_by("pk")
    )
    made = 0
    actors, approvers = {}, {}
    for decision in decisions:
        office = decision.round.office
        actor = actors.setdefault(office.pk, office_actor(office, cast))
        approver = approvers.setdefault(office.pk, office_approver(office))
        for day, amount in _instalments(decision):
            payment = payment_register(
                actor=actor,
                decision=decision,
                paid_on=day,
                amount=amount,
                note="Utbetaling etter vedtak",
            )
            payment_approve(actor=approver, payment=payment)
            made += 1
    return f"{made:,} payments"


SCALE = (Answer.YES, Answer.YES, Answer.PARTLY, Answer.YES, Answer.PARTLY, Answer.NO)
EVIDENCE = "Vurdert saman med dei tilsette i refleksjonsmøte; sjå referat frå nettverksmøtet."
RETURN_REASON = "Talet på deltakarar per eining manglar for nokre av einingane."
REPAID_REASON = "Ubrukte midlar skal betalast tilbake."


def _paid_by_year() -> dict[tuple[int, int], Decimal]:
    paid: dict[tuple[int, int], Decimal] = {}
    rows = Payment.objects.paid().values_list("decision_id", "budget_year", "amount")
    for decision_id, year, amount in rows:
        key = (decision_id, year)
        paid[key] = paid.get(key, Decimal(0)) + amount
    return paid


def _units_by_recipient() -> dict[tuple, tuple[list[str], list[str]]]:
    """(round, owner or network) → the unit names and target groups of its needs report:
    what ``annual_report_start`` pre-fills the participants from."""
    groups = {}
    for pk, round_id, owner_id, network_id, target_groups in NeedsReport.objects.values_list(
        "pk", "round_id", "owner_id", "network_id", "target_groups"
    ):
        groups[pk] = (
            (round_id, "network", network_id) if network_id else (round_id, "owner", owner_id),
            target_groups or [""],
        )
    found: dict[tuple, tuple[list[str], list[str]]] = {}
    for report_id, unit_name in NeedsReport.units.through.objects.values_list(
        "needsreport_id", "unit__name"
    ).order_by("needsreport_id", "unit__name"):
        key, target_groups = groups[report_id]
        found.setdefault(key, ([], target_groups))[0].append(unit_name)
    return found


def _report_plan(decision, year, amount, paid, units, rng) -> AnnualReport:
    used = (
        paid
        if rng.random() < 0.6
        else (paid * Decimal(rng.choice(["0.8", "0.9", "0.95"]))).to_integral_value()
    )
    key = (
        (decision.round_id, "network", decision.recipient_network_id)
        if decision.recipient_network_id
        else (decision.round_id, "owner", decision.recipient_organisation_id)
    )
    names, target_groups = units.get(key, ([], [""]))
    participants = [
        {"target_group": str(group), "unit": name, "count": rng.randint(3, 40)}
        for name in names
        for group in target_groups
    ]
    total, reached = participants_summary(participants)
    # The own financing the decision requires in this budget year (Dekom).
    required = decision.co_financing_for_budget_year(year)
    return AnnualReport(
        decision=decision,
        year=year,
        decided=amount,
        paid=paid,
        used=used,
        unused=paid - used,
        co_financing_required=required,
        co_financing_documented=required,
        measures=decision.measures,
        participants=participants,
        participants_total=total,
        units_reached=reached,
    )


def _answers(report, rng) -> list[GoalAnswer]:
    kompetanseloftet = report.decision.round.scheme.code == "kompetanseloftet"
    criteria = [
        (key, text) for key, text in CRITERIA if key != KOMPETANSELOFTET_ONLY or kompetanseloftet
    ]
    goals = [
        GoalAnswer(
            report=report,
            kind=AnswerKind.GOAL,
            key=f"goal-{position}",
            position=position,
            answer=rng.choice(SCALE),
            text=EVIDENCE,
            question=f"Vart dei konkrete måla for «{title}» nådde?",
        )
        for position, title in enumerate(report.measures.splitlines(), start=1)
    ]
    return goals + [
        GoalAnswer(
            report=report,
            kind=AnswerKind.CRITERION,
            key=key,
            position=position,
            question=str(text),
            answer=rng.choice(SCALE),
            text=EVIDENCE,
        )
        for position, (key, text) in enumerate(criteria, start=1)
    ]


def step_annual_reports(context) -> str:
    """An annual report per issued decision and year with money, up to the last year
    reported: most approved (unused money repaid), some returned or awaiting
    approval; the current year's reports begun by some recipients.

    Bulk-created in the states the reporting services leave them in, with the
    same pre-filled figures, goal answers, repayment decisions and events: at
    national scale the services would take about 40 queries a report (tens of
    thousands of reports at 10×, over an hour on two cores) and add no rule the
    data does not already meet (used ≤ paid, used + unused = paid, own financing
    documented). The services themselves are tested in the suite.
    """
    rng = random.Random(f"reports-{context.seed}")
    cast = context.state["cast"]
    decisions = list(
        Decision.objects.filter(state__in=ISSUED, annual_reports__isnull=True)
        .select_related(
            "round__office", "round__scheme", "recipient_organisation", "recipient_network"
        )
        .order_by("pk")
    )
    paid, units = _paid_by_year(), _units_by_recipient()
    reports, ends = [], []
    for decision in decisions:
        for offset, amount in enumerate(decision.amounts):
            year = decision.round.year + offset
            if amount <= 0 or year > LAST_REPORTED_YEAR + 1:
                continue
            if year > LAST_REPORTED_YEAR and rng.random() > 0.3:
                continue
            reports.append(
                _report_plan(
                    decision, year, amount, paid.get((decision.pk, year), Decimal(0)), units, rng
                )
            )
            ends.append(
                "draft"
                if year > LAST_REPORTED_YEAR
                else rng.choices(["approved", "returned", "submitted"], [90, 4, 6])[0]
            )
    actors = {}
    for report, end in zip(reports, ends, strict=True):
        submitted = timezone.make_aware(datetime.datetime(report.year + 1, 2, rng.randint(1, 27)))
        report.state = end
        if end != "draft":
            report.submitted_at = submitted
        if end == "returned":
            report.return_reason = RETURN_REASON
        if end == "approved":
            office = report.decision.round.office
            report.approved_by = actors.setdefault(office.pk, office_actor(office, cast))
            report.approved_at = submitted + datetime.timedelta(days=20)
    AnnualReport.objects.bulk_create(reports, batch_size=BATCH)
    GoalAnswer.objects.bulk_create(
        [answer for report in reports for answer in _answers(report, rng)], batch_size=BATCH
    )
    repaid = [
        (
            report,
            UnusedFunds(
                decision=report.decision,
                unused=report.unused,
                repaid=report.unused,
                carried_over=Decimal(0),
                reason=REPAID_REASON,
                created_by=report.approved_by,
            ),
        )
        for report in reports
        if report.state == "approved" and report.unused > 0
    ]
    UnusedFunds.objects.bulk_create([row for _report, row in repaid], batch_size=BATCH)
    for report, row in repaid:
        report.unused_funds = row
    AnnualReport.objects.bulk_update(
        [report for report, _row in repaid], ["unused_funds"], batch_size=BATCH
    )
    events = _report_events(reports, repaid)
    Event.objects.bulk_create(events, batch_size=BATCH)
    counts = {state: ends.count(state) for state in ("approved", "returned", "submitted", "draft")}
    return (
        ", ".join(f"{count:,} {state}" for state, count in counts.items())
        + f" annual reports; {len(repaid):,} repayments; {len(events):,} history events"
    )


REPORT_EVENTS = {
    "draft": ["started", "saved"],
    "submitted": ["started", "saved", "submitted"],
    "returned": ["started", "saved", "submitted", "returned"],
    "approved": ["started", "saved", "submitted", "approved"],
}


def _report_events(reports, repaid) -> list[Event]:
    report_type = ContentType.objects.get_for_model(AnnualReport)
    decision_type = ContentType.objects.get_for_model(Decision)
    events = []
    for report in reports:
        decision = report.decision
        for kind in REPORT_EVENTS[report.state]:
            events.append(
                Event(
                    kind=f"annual_report.{kind}",
                    content_type=report_type,
                    object_id=str(report.pk),
                    object_repr=str(report)[:300],
                    actor=report.approved_by if kind == "approved" else None,
                    office_id=decision.round.office_id,
                    organisation_id=decision.recipient_organisation_id,
                    after={"year": report.year} if kind == "started" else None,
                )
            )
    for report, row in repaid:
        events.append(
            Event(
                kind="decision.unused_funds_decided",
                content_type=decision_type,
                object_id=str(report.decision_id),
                object_repr=str(report.decision)[:300],
                actor=row.created_by,
                office_id=report.decision.round.office_id,
                organisation_id=report.decision.recipient_organisation_id,
                after={"unused": str(row.unused), "repaid": str(row.repaid), "carried_over": "0"},
            )
        )
    return events

"""Generator steps for what follows a recommendation: decisions, payments, annual reports.

Everything here goes through the product's services, so the decisions carry
the rules engine's checklist, the limits are checked at the krone, multi-year
amounts become commitments against the later rounds, and every change writes
its history event. Two things are done the way a person would do them by
hand, because the data set has no people for them:

- The forum fits its draft to the money and adopts it. The generated forums
  have no members, so ``recommendation_adopt`` would rightly refuse them (the
  composition check); the step scales the lines to what the round has
  available and records the adoption and sending with their events.
- The caseworker confirms the criteria checklist before issuing.
"""

import datetime
import random
from decimal import ROUND_FLOOR, Decimal

from django.db.models import Count, Q
from django.utils import timezone

from kompetansemidler.decisions.models import CHECKLIST, Decision
from kompetansemidler.decisions.selectors import ISSUED
from kompetansemidler.decisions.services import (
    ServiceRefused,
    decision_issue,
    decisions_draft,
    payment_register,
)
from kompetansemidler.history.services import event_record
from kompetansemidler.recommendations.models import (
    AdoptionMethod,
    Recommendation,
    RecommendationLine,
    RecommendationState,
)
from kompetansemidler.reporting.models import AnnualReport, Answer
from kompetansemidler.reporting.services import (
    annual_report_approve,
    annual_report_return,
    annual_report_save,
    annual_report_start,
    annual_report_submit,
)
from kompetansemidler.schemes.models import Round

from .cases import office_actor

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
        lines, ["amount_year1", "amount_year2", "amount_year3", "co_financing"], batch_size=500)
    return len(lines)


def _adopt_and_send(recommendation, actor, year: int) -> None:
    adopted = timezone.make_aware(datetime.datetime(year, 3, 10, 12))
    sent = adopted + datetime.timedelta(days=2)
    Recommendation.objects.filter(pk=recommendation.pk).update(
        state=RecommendationState.SENT, adoption_method=AdoptionMethod.CONSENSUS,
        adoption_note="Samrøystes vedteken i forumsmøtet.", adopted_at=adopted, sent_at=sent)
    for kind, state in (("recommendation.adopted", RecommendationState.ADOPTED),
                        ("recommendation.sent", RecommendationState.SENT)):
        event_record(actor=None, kind=kind, obj=recommendation,
                     office=recommendation.round.office, after={"state": state})


def step_decisions(context) -> str:
    """Each decided round's recommendation fitted, adopted and sent; its decisions
    drafted, the checklist confirmed and issued by the office's caseworker."""
    cast = context.state["cast"]
    recommendations = (
        Recommendation.objects.filter(round__phase__in=DECIDED_PHASES,
                                      state=RecommendationState.DRAFT)
        .exclude(round__decisions__isnull=False).select_related("round__office")
        .order_by("round__year", "round__pk"))
    issued = refused = rounds = 0
    checklist = {key: True for key, _label in CHECKLIST}
    for recommendation in recommendations:
        round_ = Round.objects.get(pk=recommendation.round_id)  # commitments change per year
        if not _fit_to_money(recommendation, round_.available):
            continue
        actor = office_actor(round_.office, cast)
        _adopt_and_send(recommendation, actor, round_.year)
        recommendation.refresh_from_db()
        drafts = decisions_draft(actor=actor, recommendation=recommendation)
        Decision.objects.filter(recommendation=recommendation).update(
            checklist=checklist, conditions=CONDITIONS, reasons=REASONS)
        for decision in drafts:
            try:
                decision_issue(actor=actor, decision=decision)
                issued += 1
            except ServiceRefused:  # the round's money ran out: left as a draft
                refused += 1
        rounds += 1
    return (f"{issued:,} decisions issued in {rounds} rounds ({refused} left as drafts: the "
            f"round's money ran out); {Decision.objects.count():,} in all")


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
            plan += [(datetime.date(year, 6, 15), first),
                     (datetime.date(year, 10, 1), amount - first)]
        else:
            plan.append((datetime.date(year, 3, 1), amount))
    return [(day, amount) for day, amount in plan if amount > 0]


def step_payments(context) -> str:
    """Every issued decision paid as decided, up to the benchmark's year."""
    cast = context.state["cast"]
    decisions = (Decision.objects.filter(state__in=ISSUED).annotate(n=Count("payments"))
                 .filter(n=0).select_related("round__office").order_by("pk"))
    made = 0
    actors = {}
    for decision in decisions:
        office = decision.round.office
        actor = actors.setdefault(office.pk, office_actor(office, cast))
        for day, amount in _instalments(decision):
            payment_register(actor=actor, decision=decision, paid_on=day, amount=amount,
                             note="Utbetaling etter vedtak")
            made += 1
    return f"{made:,} payments"


SCALE = (Answer.YES, Answer.YES, Answer.PARTLY, Answer.YES, Answer.PARTLY, Answer.NO)
EVIDENCE = "Vurdert saman med dei tilsette i refleksjonsmøte; sjå referat frå nettverksmøtet."
RETURN_REASON = "Talet på deltakarar per eining manglar for nokre av einingane."


def _fill(report, rng: random.Random) -> AnnualReport:
    used = report.paid if rng.random() < 0.6 else (
        report.paid * Decimal(rng.choice(["0.8", "0.9", "0.95"]))).to_integral_value()
    participants = [{**row, "count": rng.randint(3, 40)} for row in report.participants]
    answers = {a.key: (rng.choice(SCALE), EVIDENCE) for a in report.answers.all()}
    return annual_report_save(
        actor=None, report=report, lock_version=report.lock_version,
        values={"used": used, "unused": report.paid - used,
                "co_financing_documented": report.co_financing_required},
        answers=answers, participants=participants)


def step_annual_reports(context) -> str:
    """An annual report per issued decision and year with money, up to the last year
    reported: most approved (unused money repaid), some returned or awaiting
    approval; the current year's reports begun by some recipients."""
    rng = random.Random(f"reports-{context.seed}")
    cast = context.state["cast"]
    decisions = (Decision.objects.filter(state__in=ISSUED).filter(
        Q(annual_reports__isnull=True)).select_related("round__office", "round__scheme")
        .order_by("pk"))
    states = {"approved": 0, "returned": 0, "submitted": 0, "draft": 0}
    actors = {}
    for decision in decisions:
        office = decision.round.office
        caseworker = actors.setdefault(office.pk, office_actor(office, cast))
        for offset, amount in enumerate(decision.amounts):
            year = decision.round.year + offset
            if amount <= 0 or year > LAST_REPORTED_YEAR + 1:
                continue
            if year > LAST_REPORTED_YEAR and rng.random() > 0.3:
                continue
            report = _fill(annual_report_start(actor=None, decision=decision, year=year), rng)
            if year > LAST_REPORTED_YEAR:
                states["draft"] += 1
                continue
            report = annual_report_submit(actor=None, report=report)
            end = rng.choices(["approved", "returned", "submitted"], [90, 4, 6])[0]
            if end == "approved":
                annual_report_approve(actor=caseworker, report=report,
                                      reason="Ubrukte midlar skal betalast tilbake.")
            elif end == "returned":
                annual_report_return(actor=caseworker, report=report, reason=RETURN_REASON)
            states[end] += 1
    return ", ".join(f"{count:,} {state}" for state, count in states.items()) + \
        " annual reports"

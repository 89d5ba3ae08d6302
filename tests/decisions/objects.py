"""Decision data for tests, built on the recommendation objects: Samarbeidsforum
Vestland's Dekom 2026 recommendation, sent, with Bergen's draft decision
(900 000 kroner in 2026, 450 000 in 2027)."""

from decimal import Decimal

from kompetansemidler.decisions.models import Decision, DecisionAmount, Payment
from kompetansemidler.decisions.payments import payment_approve, payment_register
from kompetansemidler.decisions.services import co_financing_for, decision_issue, decisions_draft
from kompetansemidler.demo.cast import make_approver
from kompetansemidler.recommendations.models import Recommendation, RecommendationState
from kompetansemidler.schemes.models import Round
from kompetansemidler.schemes.workflow import NEEDS_PHASES, RoundPhase
from tests.factories import OrganisationFactory
from tests.recommendations.objects import adopted_recommendation


def sent_recommendation(cast) -> Recommendation:
    """Sent, in a round that has moved on to decisions (no longer open for needs)."""
    recommendation = adopted_recommendation(cast)
    Recommendation.objects.filter(pk=recommendation.pk).update(state=RecommendationState.SENT)
    Round.objects.filter(pk=recommendation.round_id, phase__in=NEEDS_PHASES).update(
        phase=RoundPhase.DECIDING
    )
    recommendation.refresh_from_db()
    return recommendation


def draft_decision(cast) -> Decision:
    recommendation = sent_recommendation(cast)
    existing = Decision.objects.filter(recommendation=recommendation).first()
    if existing is not None:
        return existing
    decision = decisions_draft(actor=cast.caseworker, recommendation=recommendation)[0]
    # The recommendation test data has no partnership rows the checklist reads; confirm.
    Decision.objects.filter(pk=decision.pk).update(
        checklist={"c1": True, "c2": True, "c3": True, "money": True}
    )
    decision.refresh_from_db()
    return decision


def approver(cast):
    """Anna, Vestland's caseworker with budget authority, who approves (issues) what
    ``cast.caseworker`` (Siri) prepares."""
    return make_approver()


def issued_decision(cast) -> Decision:
    decision = draft_decision(cast)
    if decision.is_draft:
        decision = decision_issue(actor=approver(cast), decision=decision)
    return decision


def copies_for_other_recipients(decision, count) -> list[Decision]:
    """``count`` copies of ``decision`` in the same round, each to a new organisation
    (one decision per recipient): a round or a list with more rows."""
    copies = []
    for _ in range(count):
        other = Decision.objects.get(pk=decision.pk)
        other.pk = None
        other.recipient_organisation = OrganisationFactory()
        other.save()
        DecisionAmount.objects.bulk_create(
            DecisionAmount(
                decision=other,
                budget_year=row.budget_year,
                category=row.category,
                amount=row.amount,
                co_financing=row.co_financing,
            )
            for row in decision.amount_rows.all()
        )
        copies.append(other)
    return copies


def notified_long_ago(decision, days: int = 30) -> None:
    """Move the decision's issue and its letters' notice ``days`` back in time, so
    that an appeal received today is after the appeal deadline."""
    import datetime

    from django.utils import timezone

    from kompetansemidler.core.dates import appeal_deadline
    from kompetansemidler.decisions.models import Letter

    notified = timezone.now() - datetime.timedelta(days=days)
    Decision.objects.filter(pk=decision.pk).update(issued_at=notified)
    Letter.objects.filter(decision=decision).update(
        notified_at=notified, appeal_deadline=appeal_deadline(notified.date())
    )
    decision.refresh_from_db()


def paid_payment(cast, decision, *, paid_on, amount, **kwargs) -> Payment:
    """A payment prepared by ``cast.caseworker`` (Siri) and approved by Anna: paid money."""
    payment = payment_register(
        actor=cast.caseworker, decision=decision, paid_on=paid_on, amount=amount, **kwargs
    )
    return payment_approve(actor=approver(cast), payment=payment)


def payment_made(*, actor, decision, **kwargs) -> Payment:
    """A payment prepared by ``actor`` and approved by Anna, the office's approver:
    money that counts as paid (a prepared payment alone does not)."""
    payment = payment_register(actor=actor, decision=decision, **kwargs)
    return payment_approve(actor=make_approver(), payment=payment)


def set_amount(decision, amount, *, year: int | None = None, category: str = "general"):
    """Store ``amount`` as ``decision``'s money of budget ``year`` (default: the round's
    year) in ``category``, with the co-financing the service would require for it, as
    if typed earlier; the decision's cached rows are dropped."""
    year = year if year is not None else decision.round.year
    DecisionAmount.objects.update_or_create(
        decision=decision,
        budget_year=year,
        category=category,
        defaults={
            "amount": Decimal(amount),
            "co_financing": co_financing_for(decision, Decimal(amount)),
        },
    )
    decision.forget_amounts()
    return decision

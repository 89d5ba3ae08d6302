"""Reading decisions. Every list starts from ``decisions_visible_to(user)``; paid,
decided and available each have one reader here (``Decision.objects.with_paid()``
for lists).

Paid means approved by a second person or confirmed by the finance system
(``models.PAID_STATES``); a prepared payment is not paid money yet.
"""

from decimal import Decimal

from django.db.models import F, Q, QuerySet, Sum
from django.utils.translation import gettext_lazy as _

from kompetansemidler.accounts.policy import (
    approver_office_ids,
    caseworker_office_ids,
    is_national_admin,
)
from kompetansemidler.core.access import visible_or_403
from kompetansemidler.registry.models import OWNER_KINDS, Organisation

from .models import (
    PAID_STATES,
    Appeal,
    AppealOutcome,
    Decision,
    DecisionAmount,
    DecisionState,
    Payment,
    PaymentState,
    RepaymentClaim,
    RepaymentDisposition,
)
from .permissions import coordinated_network_ids, recipient_organisation_ids

ISSUED = (DecisionState.ISSUED, DecisionState.CHANGED)
REASON_NOT_VISIBLE = _(
    "This decision belongs to another office or recipient than the ones your roles cover."
)


def decisions_visible_to(user) -> QuerySet[Decision]:
    """Udir: all. Caseworkers: their office's. Recipients: their own issued decisions."""
    # The money rows of a page of decisions come in one query, however long the page.
    decisions = Decision.objects.select_related(
        "round__scheme", "round__office", "recipient_organisation", "recipient_network"
    ).prefetch_related("amount_rows")
    if is_national_admin(user):
        return decisions
    return decisions.filter(
        Q(round__office__in=caseworker_office_ids(user))
        | Q(
            state__in=ISSUED,
            recipient_organisation__in=recipient_organisation_ids(user),
            recipient_network__isnull=True,
        )
        | Q(state__in=ISSUED, recipient_network__in=coordinated_network_ids(user))
    )


def decision_visible_or_403(user, pk) -> Decision:
    return visible_or_403(decisions_visible_to(user), pk, reason=REASON_NOT_VISIBLE)


def paid_sum(payments: QuerySet[Payment]) -> Decimal:
    """What the paid ones of ``payments`` (approved or confirmed) add up to, 0 when none."""
    paid = payments.filter(state__in=PAID_STATES)
    return paid.aggregate(total=Sum("amount"))["total"] or Decimal(0)


def paid_total(decision, *, year: int | None = None) -> Decimal:
    """What has been paid on ``decision`` (of budget year ``year`` only, when given).

    For a list of decisions use ``Decision.objects.with_paid()``, one query.
    """
    payments = decision.payments.all()
    if year is not None:
        payments = payments.filter(budget_year=year)
    return paid_sum(payments)


def payments_for_round(user, round_) -> QuerySet[Payment]:
    """Every payment on the round's decisions the user sees, prepared ones too,
    with who prepared and who approved each."""
    return (
        Payment.objects.filter(decision__in=decisions_visible_to(user).filter(round=round_))
        .select_related(
            "decision__recipient_organisation",
            "decision__recipient_network",
            "prepared_by",
            "approved_by",
        )
        .order_by("paid_on", "id")
    )


def _first_year_rows(round_, *, exclude=None) -> QuerySet[DecisionAmount]:
    """The first-year rows of the round's issued (or changed) decisions. A set-aside's
    decisions are left out: their money is inside the set-aside, already bound."""
    rows = DecisionAmount.objects.filter(
        decision__round=round_,
        decision__state__in=ISSUED,
        decision__set_aside__isnull=True,
        budget_year=round_.year,
    )
    if exclude is not None:
        rows = rows.exclude(decision=exclude.pk)
    return rows


def decided_in_round(round_, *, exclude=None) -> Decimal:
    """First-year amounts of the round's issued (or changed) decisions: the money they
    take from the round. Drafts take nothing until issued."""
    return _first_year_rows(round_, exclude=exclude).aggregate(total=Sum("amount"))[
        "total"
    ] or Decimal(0)


def decided_earmarked_in_round(round_, *, exclude=None) -> Decimal:
    """The earmarked part of ``decided_in_round``: what it adds to the earmark cap."""
    codes = round_.rule_set.params.earmarked_codes
    return _first_year_rows(round_, exclude=exclude).filter(category__in=codes).aggregate(
        total=Sum("amount")
    )["total"] or Decimal(0)


def later_year_amounts() -> QuerySet[DecisionAmount]:
    """Every issued decision's money of a later budget year than its round's, with the
    round's ``scheme_id`` and ``office_id``: the commitments against that year's round
    of the same office and scheme, whether or not that round is opened yet.

    The schemes app reads it (``round_extensions.COMMITTED``) for "committed to a
    round": typed commitments plus these rows with ``budget_year`` = the round's year.
    """
    return (
        DecisionAmount.objects.filter(
            decision__state__in=ISSUED, budget_year__gt=F("decision__round__year")
        )
        .annotate(
            scheme_id=F("decision__round__scheme_id"), office_id=F("decision__round__office_id")
        )
        .order_by()
    )


def reused_in_round(round_) -> Decimal:
    """Repayments received back and reused in ``round_`` (its rule set allowed it
    when they arrived): money the round has available on top of its allocation."""
    return RepaymentClaim.objects.filter(
        reused_in_round=round_, disposition=RepaymentDisposition.REUSED
    ).aggregate(total=Sum("received_amount"))["total"] or Decimal(0)


def available_in_round(round_, *, exclude=None) -> Decimal:
    """What the round can still decide: its frame, less set-asides and what earlier
    multi-year decisions committed, less the first year of its issued decisions
    (all but ``exclude``), plus repayments reused in the round.

    The one reader of this number: the round's decision overview, the round page
    and the check when a decision is issued all call it.
    """
    return round_.available - decided_in_round(round_, exclude=exclude) + reused_in_round(round_)


def set_aside_decisions(set_aside) -> QuerySet[Decision]:
    """The decisions that draw on ``set_aside``, drafts included."""
    return (
        Decision.objects.filter(set_aside=set_aside)
        .select_related("recipient_organisation", "round")
        .order_by("recipient_organisation__name", "id")
    )


def set_aside_distributed(set_aside, *, exclude=None) -> Decimal:
    """What the set-aside's decisions (drafts included, all but ``exclude``) grant:
    never more than the set-aside's amount. The one reader of this number."""
    rows = DecisionAmount.objects.filter(decision__set_aside=set_aside)
    if exclude is not None:
        rows = rows.exclude(decision=exclude.pk)
    return rows.aggregate(total=Sum("amount"))["total"] or Decimal(0)


def set_aside_owners(round_) -> QuerySet[Organisation]:
    """The owners a set-aside of ``round_`` may be distributed to: active kindergarten
    and school owners in the counties of the round's office."""
    return Organisation.objects.filter(
        kind__in=OWNER_KINDS, county__office=round_.office_id, is_active=True
    ).order_by("name")


def appeals_open_for(user) -> QuerySet[Appeal]:
    """Appeals still in progress that ``user`` works on: for Udir those sent on to
    it, from every office; for a caseworker those of the office's decisions that
    wait for the office (registered, or Udir's outcome to carry out)."""
    appeals = Appeal.objects.select_related(
        "decision__round__scheme", "decision__round__office", "decision__recipient_organisation"
    ).order_by("received_on", "id")
    if is_national_admin(user):
        return appeals.filter(outcome=AppealOutcome.SENT_ON)
    return appeals.filter(
        decision__round__office__in=caseworker_office_ids(user),
        outcome__in=(AppealOutcome.PENDING, AppealOutcome.UDIR_DECIDED),
    )


def overdue_claims_for(user, today) -> QuerySet[RepaymentClaim]:
    """Open claims past their due date on the decisions of the user's offices,
    the longest overdue first."""
    return (
        RepaymentClaim.objects.filter(
            decision__round__office__in=caseworker_office_ids(user),
            received_on__isnull=True,
            due_on__lt=today,
        )
        .select_related("decision__recipient_organisation", "decision__recipient_network")
        .order_by("due_on", "id")
    )


def payments_to_approve_by(user) -> QuerySet[Payment]:
    """Prepared payments in the offices where the user may approve, that someone
    else prepared (nobody approves their own)."""
    return (
        Payment.objects.filter(
            decision__round__office__in=approver_office_ids(user),
            state=PaymentState.PREPARED,
        )
        .exclude(prepared_by=user.pk)
        .select_related("decision__recipient_organisation", "decision__recipient_network")
        .order_by("paid_on", "id")
    )

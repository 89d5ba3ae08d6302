"""Reading decisions. Every list starts from ``decisions_visible_to(user)``; paid,
decided and available each have one reader here (``Decision.objects.with_paid()``
for lists)."""

from decimal import Decimal

from django.db.models import F, Q, QuerySet, Sum
from django.utils.translation import gettext_lazy as _

from kompetansemidler.accounts.policy import caseworker_office_ids, is_national_admin
from kompetansemidler.core.access import visible_or_403

from .models import Decision, DecisionAmount, DecisionState, Payment
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
    """What ``payments`` add up to, 0 when there are none."""
    return payments.aggregate(total=Sum("amount"))["total"] or Decimal(0)


def paid_total(decision, *, year: int | None = None) -> Decimal:
    """What has been paid on ``decision`` (in ``year`` only, when given).

    For a list of decisions use ``Decision.objects.with_paid()``, one query.
    """
    payments = decision.payments.all()
    if year is not None:
        payments = payments.filter(paid_on__year=year)
    return paid_sum(payments)


def payments_for_round(user, round_) -> QuerySet[Payment]:
    return (
        Payment.objects.filter(decision__in=decisions_visible_to(user).filter(round=round_))
        .select_related("decision__recipient_organisation", "decision__recipient_network")
        .order_by("paid_on", "id")
    )


def _first_year_rows(round_, *, exclude=None) -> QuerySet[DecisionAmount]:
    """The first-year rows of the round's issued (or changed) decisions."""
    rows = DecisionAmount.objects.filter(
        decision__round=round_, decision__state__in=ISSUED, budget_year=round_.year
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


def available_in_round(round_, *, exclude=None) -> Decimal:
    """What the round can still decide: its frame, less set-asides and what earlier
    multi-year decisions committed, less the first year of its issued decisions
    (all but ``exclude``).

    The one reader of this number: the round's decision overview, the round page
    and the check when a decision is issued all call it.
    """
    return round_.available - decided_in_round(round_, exclude=exclude)

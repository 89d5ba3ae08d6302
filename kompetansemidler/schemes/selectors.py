"""Reads: every list of rounds starts from ``rounds_visible_to(user)``."""

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import (
    DecimalField,
    ExpressionWrapper,
    OuterRef,
    QuerySet,
    Subquery,
    Sum,
    Value,
)
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from kompetansemidler.accounts.models import Role
from kompetansemidler.accounts.policy import (
    active_grants,
    caseworker_office_ids,
    is_national_admin,
)
from kompetansemidler.registry.models import County
from kompetansemidler.rules.allocation import CommitmentFact, MoneyFlow, SetAsideFact

from .extensions import commitment_sources, round_commitment_rows
from .models import Allocation, Commitment, Round, RuleSet, Scheme, SetAside
from .permissions import can_view_schemes

DECISIONS_SOURCE = _("Issued decisions of earlier rounds: their amounts for %(year)s")


def visible_office_ids(user) -> set[int]:
    """The offices whose rounds the user may read.

    Caseworkers: their own office. Forum members and network coordinators:
    the office of their forum or network. Owners, UH and unit leaders: the
    office covering their organisation's (or unit's) county.
    """
    office_ids: set[int | None] = set()
    county_ids: set[int | None] = set()
    for grant in active_grants(user):
        if grant.role == Role.CASEWORKER:
            office_ids.add(grant.office_id)
        elif grant.role == Role.FORUM_MEMBER:
            office_ids.add(getattr(grant.forum, "office_id", None))
        elif grant.role == Role.NETWORK_COORDINATOR:
            office_ids.add(getattr(grant.network, "office_id", None))
        elif organisation := grant.organisation:
            county_ids.add(
                organisation.county_id or getattr(organisation.municipality, "county_id", None)
            )
        elif grant.unit:
            county_ids.add(grant.unit.municipality.county_id)
    counties = {county_id for county_id in county_ids if county_id is not None}
    if counties:
        office_ids.update(
            County.objects.filter(id__in=counties).values_list("office_id", flat=True)
        )
    return {office_id for office_id in office_ids if office_id is not None}


def round_office_scope(user) -> set[int] | None:
    """The offices whose rounds the user may read; None means every office."""
    return None if is_national_admin(user) else visible_office_ids(user)


def _sum_of(queryset, field: str = "amount"):
    """A correlated sum per round (a subquery, so two sums never multiply each other)."""
    return Coalesce(
        Subquery(
            queryset.filter(round=OuterRef("pk"))
            .order_by()
            .values("round")
            .annotate(total=Sum(field))
            .values("total")[:1]
        ),
        Value(Decimal(0)),
        output_field=DecimalField(max_digits=14, decimal_places=0),
    )


def _committed_by_decisions(source):
    """A correlated sum of ``source``'s rows (``extensions.COMMITTED``) that commit
    money to the outer round: same office and scheme, budget year = its year."""
    return Coalesce(
        Subquery(
            source.filter(
                scheme_id=OuterRef("scheme_id"),
                office_id=OuterRef("office_id"),
                budget_year=OuterRef("year"),
            )
            .values("budget_year")
            .annotate(total=Sum("amount"))
            .values("total")[:1]
        ),
        Value(Decimal(0)),
        output_field=DecimalField(max_digits=14, decimal_places=0),
    )


def with_money(rounds: QuerySet[Round]) -> QuerySet[Round]:
    """``rounds`` with ``committed_sum`` and ``set_aside_sum`` annotated, so
    ``Round.committed``, ``.set_aside`` and ``.available`` read no more rows.

    Committed is the one reader of "committed to round R": R's active typed
    commitments plus the later-year rows of issued decisions of earlier rounds of
    the same office and scheme with budget year R.year."""
    committed = _sum_of(active_commitments())
    for source in commitment_sources():
        committed = committed + _committed_by_decisions(source)
    return rounds.annotate(
        committed_sum=ExpressionWrapper(
            committed, output_field=DecimalField(max_digits=14, decimal_places=0)
        ),
        set_aside_sum=_sum_of(SetAside.objects.filter(withdrawn_at__isnull=True)),
    )


def active_commitments() -> QuerySet[Commitment]:
    """Typed commitments that are not withdrawn."""
    return Commitment.objects.filter(withdrawn_at__isnull=True)


def round_money_flow(round_: Round) -> MoneyFlow:
    """The round's allocation, active set-asides and commitments (typed, and those of
    earlier decisions, each with its category) as the money rules see them."""
    typed = round_.commitments.filter(withdrawn_at__isnull=True).order_by()
    return MoneyFlow(
        allocation=round_.frame,
        set_asides=tuple(
            SetAsideFact(amount=amount, category=category)
            for amount, category in round_.set_asides.filter(withdrawn_at__isnull=True)
            .order_by()
            .values_list("amount", "category")
        ),
        commitments=tuple(
            CommitmentFact(amount=amount, category=category)
            for amount, category in [
                *typed.values_list("amount", "category"),
                *round_commitment_rows(round_),
            ]
        ),
    )


@dataclass(frozen=True)
class CommittedItem:
    """One line of what is committed to a round: a typed commitment, or the sum
    of a category's later-year amounts of earlier rounds' decisions."""

    source: str
    category: str
    amount: Decimal
    commitment: Commitment | None = None

    @property
    def source_round_id(self) -> int | None:
        return self.commitment.source_round_id if self.commitment is not None else None


def committed_items(round_: Round) -> list[CommittedItem]:
    """What is committed to ``round_``, line by line; the amounts add up to
    ``Round.committed``. Typed commitments first, then earlier decisions per category."""
    items = [
        CommittedItem(source=c.source, category=c.category, amount=c.amount, commitment=c)
        for c in round_.commitments.filter(withdrawn_at__isnull=True).select_related(
            "source_round__scheme"
        )
    ]
    by_category: dict[str, Decimal] = {}
    for amount, category in round_commitment_rows(round_):
        by_category[category] = by_category.get(category, Decimal(0)) + amount
    for category in sorted(by_category, key=lambda c: (c != "general", c)):
        items.append(
            CommittedItem(
                source=str(DECISIONS_SOURCE % {"year": round_.year}),
                category=category,
                amount=by_category[category],
            )
        )
    return items


def rounds_visible_to(user) -> QuerySet[Round]:
    """The rounds the user may read, with ``committed_sum`` and ``set_aside_sum`` annotated."""
    rounds = with_money(Round.objects.select_related("scheme", "office", "rule_set"))
    scope = round_office_scope(user)
    return rounds if scope is None else rounds.filter(office_id__in=scope)


def rule_sets_visible_to(user) -> QuerySet[RuleSet]:
    """Every rule set, for those who may read the schemes' rules; else none."""
    return RuleSet.objects.all() if can_view_schemes(user) else RuleSet.objects.none()


def schemes_with_rule_sets() -> QuerySet[Scheme]:
    return Scheme.objects.prefetch_related("rule_sets")


def rule_set_latest(scheme: Scheme) -> RuleSet | None:
    """The scheme's newest rule set, the model for next year's."""
    return scheme.rule_sets.order_by("-year").first()


def allocation_office_scope(user) -> set[int] | None:
    """Offices whose allocations the user may read: Udir all (None), a caseworker
    their own office's, everyone else none."""
    return None if is_national_admin(user) else set(caseworker_office_ids(user))


def allocations_visible_to(user) -> QuerySet[Allocation]:
    allocations = Allocation.objects.select_related("office", "scheme")
    scope = allocation_office_scope(user)
    return allocations if scope is None else allocations.filter(office_id__in=scope)

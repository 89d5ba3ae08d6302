"""The money flow of a round (DOMAIN.md §3–4): allocation, set-asides,
commitments, what is available to the forum, and the money rules on it.

    allocation − set-asides − commitments = available to the forum

- **Available** is never computed anywhere else: ``MoneyFlow.available``.
- **Over-bound**: when the allocation is cut below what is already set aside,
  committed and decided, the available amount is negative; no new line or
  decision may be made until that is resolved (``check_not_overbound``).
- **Rekom earmark cap**: at most the rule set's share *of the allocation* (not
  of what is left) goes to the earmarked categories. The year's earmarked
  money is counted once: earmarked set-asides, earmarked commitments from
  earlier decisions that are not paid from this year's set-aside (those are
  already inside the set-aside), and the recommendation's earmarked lines
  (``earmarked_total`` and ``check_earmark_cap_of_allocation``).
- **Dekom co-financing**: at least the share of the sum granted, for every
  budget year (``check_co_financing_per_year``).
- **Payments**: never more than the budget year's remaining decided amount,
  a later year's money is not paid early, and an earlier year's money paid
  late says why (``check_payment``).

All amounts are ``Decimal`` in whole kroner; every check returns findings.
"""

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from decimal import Decimal

from .findings import Finding, Severity, define
from .money import check_co_financing, check_earmark_cap

ZERO = Decimal(0)

ALLOCATION_OVERBOUND = define(
    "ALLOCATION_OVERBOUND",
    Severity.ERROR,
    "The allocation of %(allocation)s kroner is %(shortfall)s kroner less than what is already "
    "bound: %(set_aside)s kroner set aside, %(committed)s kroner committed by earlier decisions "
    "and %(decided)s kroner decided. No new lines or decisions can be made until the "
    "allocation or the set-asides are corrected.",
)
CO_FINANCING_TOO_LOW_IN_YEAR = define(
    "CO_FINANCING_TOO_LOW_IN_YEAR",
    Severity.ERROR,
    "In %(year)s the owner's own financing of %(co_financing)s kroner is less than "
    "%(share_percent)s per cent of that year's grant of %(grant)s kroner: at least "
    "%(required)s kroner is needed.",
)
PAYMENT_EXCEEDS_YEAR = define(
    "PAYMENT_EXCEEDS_YEAR",
    Severity.ERROR,
    "The payment of %(amount)s kroner is %(excess)s kroner more than the %(remaining)s kroner "
    "left of the amount decided for %(year)s.",
)
PAYMENT_TOO_EARLY = define(
    "PAYMENT_TOO_EARLY",
    Severity.ERROR,
    "The money for %(year)s cannot be paid in %(paying_year)s: a later year's money is not "
    "paid early.",
)
PAYMENT_LATE_WITHOUT_REASON = define(
    "PAYMENT_LATE_WITHOUT_REASON",
    Severity.ERROR,
    "The money for %(year)s is paid late, in %(paying_year)s: give the reason.",
)
PAYMENT_NOT_POSITIVE = define(
    "PAYMENT_NOT_POSITIVE", Severity.ERROR, "A payment must be at least 1 krone."
)


@dataclass(frozen=True)
class SetAsideFact:
    """Money of the allocation set aside for a named purpose, in a category
    (``general``, or one of the rule set's earmarked categories)."""

    amount: Decimal
    category: str


@dataclass(frozen=True)
class CommitmentFact:
    """Money an earlier multi-year decision binds in this year.

    ``from_set_aside``: the decision is paid from this year's set-aside, so its
    money is already counted there (once, not twice).
    """

    amount: Decimal
    category: str
    from_set_aside: bool = False


@dataclass(frozen=True)
class MoneyFlow:
    """One round's money before the forum distributes it."""

    allocation: Decimal
    set_asides: tuple[SetAsideFact, ...] = ()
    commitments: tuple[CommitmentFact, ...] = ()

    @property
    def set_aside(self) -> Decimal:
        return sum((s.amount for s in self.set_asides), ZERO)

    @property
    def committed(self) -> Decimal:
        """Commitments that take money of their own (not those paid from a set-aside)."""
        return sum((c.amount for c in self.commitments if not c.from_set_aside), ZERO)

    @property
    def available(self) -> Decimal:
        """Available to the forum; negative when the allocation was cut below what is bound."""
        return self.allocation - self.set_aside - self.committed

    def earmarked(self, earmarked_codes: Collection[str]) -> Decimal:
        """Earmarked money of the year before the recommendation: earmarked
        set-asides, and earmarked commitments not paid from a set-aside."""
        return sum(
            (s.amount for s in self.set_asides if s.category in earmarked_codes), ZERO
        ) + sum(
            (
                c.amount
                for c in self.commitments
                if c.category in earmarked_codes and not c.from_set_aside
            ),
            ZERO,
        )


def check_not_overbound(
    flow: MoneyFlow, *, decided: Decimal = ZERO, target: str = "total"
) -> list[Finding]:
    """An allocation cut below what is set aside, committed and decided blocks new money."""
    room = flow.available - decided
    if room >= 0:
        return []
    return [
        ALLOCATION_OVERBOUND(
            target=target,
            allocation=flow.allocation,
            shortfall=-room,
            set_aside=flow.set_aside,
            committed=flow.committed,
            decided=decided,
        )
    ]


def earmarked_total(
    flow: MoneyFlow, earmarked_codes: Collection[str], *, earmarked_lines: Decimal = ZERO
) -> Decimal:
    """The year's earmarked money counted once: set-asides, commitments, lines."""
    return flow.earmarked(earmarked_codes) + earmarked_lines


def check_earmark_cap_of_allocation(
    flow: MoneyFlow,
    *,
    earmarked_codes: Collection[str],
    cap_share: Decimal | None,
    earmarked_lines: Decimal = ZERO,
    target: str = "earmarked",
) -> list[Finding]:
    """Rekom: the year's earmarked money is at most ``cap_share`` of the allocation.

    Exactly the cap passes; one krone over fails. No cap (None): nothing to check.
    """
    return check_earmark_cap(
        earmarked=earmarked_total(flow, earmarked_codes, earmarked_lines=earmarked_lines),
        funds=flow.allocation,
        cap_share=cap_share,
        target=target,
    )


@dataclass(frozen=True)
class YearAmount:
    """An amount belonging to one budget year."""

    year: int
    amount: Decimal


def check_co_financing_per_year(
    *,
    grants: Sequence[YearAmount],
    co_financing: Sequence[YearAmount],
    share: Decimal | None,
    target: str = "co_financing",
) -> list[Finding]:
    """Dekom: for every budget year with a grant, the owner's own financing that
    year is at least ``share`` of that year's grant. Another year's surplus does
    not make up for a short year. No share (None): nothing to check."""
    if share is None:
        return []
    own_by_year: dict[int, Decimal] = {}
    for item in co_financing:
        own_by_year[item.year] = own_by_year.get(item.year, ZERO) + item.amount
    grant_by_year: dict[int, Decimal] = {}
    for item in grants:
        grant_by_year[item.year] = grant_by_year.get(item.year, ZERO) + item.amount
    findings: list[Finding] = []
    for year in sorted(grant_by_year):
        grant = grant_by_year[year]
        own = own_by_year.get(year, ZERO)
        for finding in check_co_financing(co_financing=own, grant=grant, share=share):
            findings.append(
                CO_FINANCING_TOO_LOW_IN_YEAR(
                    target=f"{target}.{year}",
                    year=year,
                    co_financing=own,
                    grant=grant,
                    share_percent=finding.params["share_percent"],
                    required=finding.params["required"],
                )
            )
    return findings


def check_payment(
    *,
    amount: Decimal,
    budget_year: int,
    paying_year: int,
    decided: Decimal,
    paid_before: Decimal,
    late_reason: str = "",
    target: str = "amount",
) -> list[Finding]:
    """A payment from ``budget_year``'s money, made in ``paying_year``.

    ``decided`` is the decision's amount for ``budget_year``; ``paid_before`` what
    the decision's other payments already take of it. The payment may not exceed
    the rest (exactly the rest passes; one krone over fails); a later year's money
    is not paid before its year; an earlier year's money paid in a later year
    needs ``late_reason``.
    """
    findings: list[Finding] = []
    if amount < 1:
        findings.append(PAYMENT_NOT_POSITIVE(target=target))
    if budget_year > paying_year:
        findings.append(
            PAYMENT_TOO_EARLY(target="budget_year", year=budget_year, paying_year=paying_year)
        )
    if budget_year < paying_year and not late_reason.strip():
        findings.append(
            PAYMENT_LATE_WITHOUT_REASON(
                target="late_reason", year=budget_year, paying_year=paying_year
            )
        )
    remaining = decided - paid_before
    if amount > remaining:
        findings.append(
            PAYMENT_EXCEEDS_YEAR(
                target=target,
                amount=amount,
                remaining=remaining,
                excess=amount - remaining,
                year=budget_year,
            )
        )
    return findings

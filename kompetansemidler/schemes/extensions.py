"""The round page's extension point: figures and panels from other apps.

The round page shows the frame, what is committed and what is available;
later steps add their own numbers (the needs app: the sum of reported needs)
and panels without editing this app. An app lists them in its own
``round_extensions.py``:

    FIGURES = [needs_sum_figure]      # (round, user) -> Figure | None
    PANELS = [needs_overview_panel]   # (round, user) -> Panel | None
    ROUND_OPENED = [commit_to_round]  # (actor, round) -> None
    DECIDED = [decided_in_round]      # (round) -> Decimal
    COMMITTED = [later_year_amounts]  # () -> QuerySet (scheme_id, office_id,
                                      #   budget_year, category, amount)

Figures appear beside frame, committed and available; panels below them, in
the order of INSTALLED_APPS. A provider returns None to show nothing (e.g.
when the user may not see the data). ``ROUND_OPENED`` functions run inside the
transaction of ``round_create``, so what they write stands or falls with the
new round.
``DECIDED`` functions say what the app's decisions already take from the
round's allocation, so a set-aside cannot bind money that is decided.
``COMMITTED`` querysets are the money the app's decisions commit to later
budget years: "committed to a round" is its typed commitments plus the rows of
these with the round's office, scheme and year (``selectors.with_money`` and
``selectors.round_money_flow`` read them). All are optional;
``kompetansemidler.core.contributions`` checks them.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

from kompetansemidler.core.contributions import concatenated


@dataclass(frozen=True)
class Figure:
    label: str
    amount: Decimal
    # A short explanation shown under the amount, e.g. "12 reports submitted".
    note: str = ""


@dataclass(frozen=True)
class Panel:
    title: str
    template: str
    context: dict = field(default_factory=dict)


def _providers() -> tuple[tuple[Callable, ...], tuple[Callable, ...]]:
    return (
        concatenated("round_extensions", "FIGURES"),
        concatenated("round_extensions", "PANELS"),
    )


def round_figures(round_, user) -> list[Figure]:
    return [f for f in (provider(round_, user) for provider in _providers()[0]) if f]


def round_panels(round_, user) -> list[Panel]:
    return [p for p in (provider(round_, user) for provider in _providers()[1]) if p]


def round_decided(round_) -> Decimal:
    """What every app's decisions take from ``round_`` (year 1 of issued decisions)."""
    return sum(
        (reader(round_) for reader in concatenated("round_extensions", "DECIDED")), Decimal(0)
    )


def round_decided_earmarked(round_) -> Decimal:
    """The earmarked part of ``round_decided``: year-1 money of issued decisions in
    the rule set's earmarked categories (``round_extensions.DECIDED_EARMARKED``)."""
    return sum(
        (reader(round_) for reader in concatenated("round_extensions", "DECIDED_EARMARKED")),
        Decimal(0),
    )


def round_opened(*, actor, round_) -> None:
    """Run every app's ``ROUND_OPENED`` functions, in the transaction that opened the round."""
    for hook in concatenated("round_extensions", "ROUND_OPENED"):
        hook(actor, round_)


def commitment_sources() -> list:
    """Every app's ``COMMITTED`` rows (querysets with ``scheme_id``, ``office_id``,
    ``budget_year``, ``category`` and ``amount``), unfiltered."""
    return [provider() for provider in concatenated("round_extensions", "COMMITTED")]


def round_commitment_rows(round_) -> list[tuple[Decimal, str]]:
    """(amount, category) of what other apps' decisions commit to ``round_``."""
    rows: list[tuple[Decimal, str]] = []
    for source in commitment_sources():
        rows.extend(
            source.filter(
                scheme_id=round_.scheme_id, office_id=round_.office_id, budget_year=round_.year
            ).values_list("amount", "category")
        )
    return rows

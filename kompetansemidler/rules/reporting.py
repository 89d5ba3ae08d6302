"""Checks of an annual report's money, without Django.

Each check returns a list of findings (empty when the report is sound); the
reporting app shows them in the user's language like every other finding
(``kompetansemidler.reporting.finding_messages``).
"""

from decimal import Decimal
from typing import Any

from .findings import Finding, Severity, define

USED_MORE_THAN_PAID = define(
    "USED_MORE_THAN_PAID",
    Severity.ERROR,
    "The money used (%(used)s kroner) is more than the %(paid)s kroner paid.",
)
SPLIT_DOES_NOT_ADD_UP = define(
    "SPLIT_DOES_NOT_ADD_UP",
    Severity.ERROR,
    "Money used and unused must add up to the %(paid)s kroner paid.",
)
CO_FINANCING_NOT_DOCUMENTED = define(
    "CO_FINANCING_NOT_DOCUMENTED",
    Severity.ERROR,
    "The own financing documented (%(documented)s kroner) is less than the %(required)s "
    "kroner the decision requires.",
)


def money_problems(*, paid: Decimal, used: Decimal, unused: Decimal) -> list[Finding]:
    """Money used cannot exceed what was paid, and used plus unused is what was paid."""
    problems = []
    if used > paid:
        problems.append(USED_MORE_THAN_PAID(used=used, paid=paid))
    if used + unused != paid:
        problems.append(SPLIT_DOES_NOT_ADD_UP(paid=paid))
    return problems


def co_financing_problems(*, required: Decimal, documented: Decimal) -> list[Finding]:
    """Dekom: the documented own financing covers at least what the decision required
    (the rule set's share of the grant, already set on the decision)."""
    if documented < required:
        return [CO_FINANCING_NOT_DOCUMENTED(documented=documented, required=required)]
    return []


def participants_summary(rows: list[dict[str, Any]]) -> tuple[int, int]:
    """(participants in total, distinct units with participants) from the report's rows."""
    total = sum(int(row.get("count") or 0) for row in rows)
    units = {row.get("unit") for row in rows if int(row.get("count") or 0) > 0 and row.get("unit")}
    return total, len(units)

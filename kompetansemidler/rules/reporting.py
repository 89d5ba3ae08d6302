"""Checks of an annual report's money, without Django.

Each check returns a list of problem codes (empty when the report is sound);
the reporting app turns them into messages.
"""

from decimal import Decimal

USED_MORE_THAN_PAID = "USED_MORE_THAN_PAID"
SPLIT_DOES_NOT_ADD_UP = "SPLIT_DOES_NOT_ADD_UP"
CO_FINANCING_NOT_DOCUMENTED = "CO_FINANCING_NOT_DOCUMENTED"


def money_problems(*, paid: Decimal, used: Decimal, unused: Decimal) -> list[str]:
    """Money used cannot exceed what was paid, and used plus unused is what was paid."""
    problems = []
    if used > paid:
        problems.append(USED_MORE_THAN_PAID)
    if used + unused != paid:
        problems.append(SPLIT_DOES_NOT_ADD_UP)
    return problems


def co_financing_problems(*, required: Decimal, documented: Decimal) -> list[str]:
    """Dekom: the documented own financing covers at least what the decision required
    (the rule set's share of the grant, already set on the decision)."""
    return [CO_FINANCING_NOT_DOCUMENTED] if documented < required else []


def participants_summary(rows: list[dict]) -> tuple[int, int]:
    """(participants in total, distinct units with participants) from the report's rows."""
    total = sum(int(row.get("count") or 0) for row in rows)
    units = {row.get("unit") for row in rows if int(row.get("count") or 0) > 0 and row.get("unit")}
    return total, len(units)

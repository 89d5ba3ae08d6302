"""Two versions side by side: sums, findings, and who gains and who loses."""

from dataclasses import dataclass
from decimal import Decimal

from .facts import check, shown
from .selectors import lines_for


@dataclass(frozen=True)
class RecipientRow:
    recipient: str
    first: Decimal
    second: Decimal

    @property
    def difference(self) -> Decimal:
        return self.second - self.first


@dataclass(frozen=True)
class Side:
    recommendation: object
    total: Decimal
    remaining: Decimal
    errors: int
    warnings: int
    findings: list


@dataclass(frozen=True)
class Comparison:
    first: Side
    second: Side
    rows: list[RecipientRow]

    @property
    def gainers(self) -> list[RecipientRow]:
        return [r for r in self.rows if r.difference > 0]

    @property
    def losers(self) -> list[RecipientRow]:
        return [r for r in self.rows if r.difference < 0]


def _side(recommendation) -> tuple[Side, dict[str, Decimal]]:
    lines = list(lines_for(recommendation))
    result = check(recommendation, lines)
    per_recipient: dict[str, Decimal] = {}
    for line in lines:
        key = line.recipient_label if line.recipient is not None else line.title
        per_recipient[key] = per_recipient.get(key, Decimal(0)) + line.amount_year1
    side = Side(
        recommendation=recommendation,
        total=result.totals.total,
        remaining=result.remaining,
        errors=len(result.errors),
        warnings=len(result.warnings),
        findings=shown(result.findings),
    )
    return side, per_recipient


def compare(first, second) -> Comparison:
    """Year-1 amounts per recipient in ``first`` and ``second``; the difference is
    what the recipient gains (positive) or loses (negative) going to ``second``."""
    side_a, amounts_a = _side(first)
    side_b, amounts_b = _side(second)
    names = sorted(set(amounts_a) | set(amounts_b), key=str.casefold)
    rows = [
        RecipientRow(name, amounts_a.get(name, Decimal(0)), amounts_b.get(name, Decimal(0)))
        for name in names
    ]
    return Comparison(first=side_a, second=side_b, rows=rows)

"""Distributing a sum by a key (staff, children), to the krone, without drift.

The forum may split money pro rata between regions or networks (never between
owners). Each part gets its exact share rounded down; the kroner left over go,
one each, to the parts whose share lost the most in rounding (the largest
remainder method), so the parts always add up to the total.
"""

from collections.abc import Hashable, Iterable, Mapping
from decimal import Decimal

Weights = Mapping[Hashable, int] | Iterable[tuple[Hashable, int]]


def distribute(total: Decimal | int, weights: Weights) -> dict[Hashable, Decimal]:
    """Split ``total`` whole kroner between the keys in proportion to their weights.

    ``weights`` are whole, non-negative numbers (staff or children per part),
    at least one of them above zero. Ties between equal remainders go to the
    key listed first, so the result is deterministic. Raises ValueError on a
    negative or fractional total, or on weights that cannot divide anything.
    """
    items = list(weights.items() if isinstance(weights, Mapping) else weights)
    total = Decimal(total)
    if total < 0 or total != total.to_integral_value():
        raise ValueError("The total must be a whole, non-negative number of kroner.")
    if any(isinstance(w, bool) or not isinstance(w, int) or w < 0 for _key, w in items):
        raise ValueError("Weights must be whole, non-negative numbers.")
    weight_sum = sum(w for _key, w in items)
    if weight_sum == 0:
        raise ValueError("At least one weight must be above zero.")

    whole = int(total)
    parts: dict[Hashable, int] = {}
    remainders: list[tuple[int, int, Hashable]] = []
    for position, (key, weight) in enumerate(items):
        if key in parts:
            raise ValueError(f"The key {key!r} is listed twice.")
        quotient, remainder = divmod(whole * weight, weight_sum)
        parts[key] = quotient
        remainders.append((-remainder, position, key))
    left_over = whole - sum(parts.values())
    # Fewer kroner are left over than there are parts, so only the largest
    # remainders are needed: sorting all keeps it simple and O(n log n).
    for _negative_remainder, _position, key in sorted(remainders)[:left_over]:
        parts[key] += 1
    return {key: Decimal(amount) for key, amount in parts.items()}

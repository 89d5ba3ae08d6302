"""How amounts read to a person: one format for every page, message, letter and chart.

Bokmål and nynorsk write ``1 680 000 kr`` (a narrow no-break space between
thousands, a no-break space before ``kr``, so the figure never wraps); English
writes ``NOK 1,680,000``. Exports are not for reading: they keep plain numbers.
"""

from decimal import Decimal, InvalidOperation

from django.utils import translation

THIN = "\u202f"  # narrow no-break space: the thousands separator
NBSP = "\u00a0"


def kroner(value, language: str | None = None) -> str:
    """``value`` as whole kroner in ``language`` (the active one by default); ""
    for an empty value, the value itself when it is not a number."""
    if value is None or value == "":
        return ""
    try:
        amount = int(Decimal(str(value)).to_integral_value())
    except (InvalidOperation, ValueError):
        return str(value)
    language = (language or translation.get_language() or "nb")[:2]
    sign = "−" if amount < 0 else ""
    if language == "en":
        return f"{sign}NOK{NBSP}{abs(amount):,}"
    return f"{sign}{abs(amount):,}".replace(",", THIN) + f"{NBSP}kr"

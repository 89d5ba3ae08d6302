"""Whole kroner, read the same way everywhere.

``parse_kroner`` is the one reader of an amount a person typed: every form field
that takes kroner is a ``KronerField``, every service that receives an amount
checks it with ``kroner_problem``, and the API declares amounts as ``Kroner``.

What people type in Norway: ``45 000 000`` with spaces (also the non-breaking
and thin spaces a copied figure carries), sometimes ``kr`` or ``,-``. A comma or
full stop is refused: ``1,000`` and ``1.000`` mean a thousand to some readers
and one krone to others, and ``1 000,50`` has øre where whole kroner are
required. Amounts are Decimal, never float, between 0 and ``MAX_KRONER``.
"""

import re
from decimal import Decimal
from typing import Annotated

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from pydantic import Field

# Ten billion kroner: far above any round's frame or grant, far below what the
# database columns (twelve digits) hold, so a typo is refused, not a 500.
MAX_KRONER = Decimal(10) ** 10

ERROR_INVALID = "invalid"
ERROR_AMBIGUOUS = "ambiguous"
ERROR_NOT_WHOLE = "not_whole"
ERROR_NEGATIVE = "negative"
ERROR_TOO_SMALL = "too_small"
ERROR_TOO_LARGE = "too_large"

MESSAGES = {
    ERROR_INVALID: _("Write the amount in whole kroner with digits, e.g. 45 000."),
    ERROR_AMBIGUOUS: _(
        "“%(value)s” can be read as a thousand or as one krone: group thousands "
        "with spaces (1 000), without a comma or full stop."
    ),
    ERROR_NOT_WHOLE: _("Give the amount in whole kroner, without øre (e.g. 1 000, not 1 000,50)."),
    ERROR_NEGATIVE: _("The amount cannot be negative."),
    ERROR_TOO_SMALL: _("The amount must be at least %(limit)s kroner."),
    ERROR_TOO_LARGE: _("The amount cannot be more than %(limit)s kroner."),
}

_DIGITS = re.compile(r"[0-9]+")
# Digits grouped in threes by commas or full stops: a thousands separator to some
# readers, a decimal mark to others.
_GROUPED = re.compile(r"[0-9]{1,3}([.,][0-9]{3})+")
_DECIMAL = re.compile(r"[0-9]*[.,][0-9]+")
_CURRENCY = re.compile(r"^(kr\.?|nok)|(kr\.?|nok|,-|\.-)$", re.IGNORECASE)
# Longer than any amount in range; keeps a pasted essay from being parsed.
_MAX_LENGTH = 40


class KronerError(ValueError):
    """An amount that cannot be read; ``code`` is one of the ``ERROR_*`` codes."""

    def __init__(self, code: str, **params):
        self.code = code
        self.params = params
        super().__init__(code)

    @property
    def message(self) -> str:
        return str(MESSAGES[self.code] % self.params) if self.params else str(MESSAGES[self.code])

    def validation_error(self) -> ValidationError:
        return ValidationError(MESSAGES[self.code], code=self.code, params=self.params)


def format_kroner(amount) -> str:
    """``10000000000`` → ``10 000 000 000`` (a no-break space between groups)."""
    return f"{int(amount):,}".replace(",", "\u00a0")


def _without_spaces(text: str) -> str:
    return "".join(ch for ch in text if not ch.isspace() and ch not in "\u200b\u2060")


def check_kroner_range(
    amount: Decimal, *, min_value: Decimal = Decimal(0), max_value: Decimal = MAX_KRONER
) -> Decimal:
    """``amount`` if whole and within [min_value, max_value]; else ``KronerError``."""
    if not amount.is_finite():
        raise KronerError(ERROR_INVALID)
    if amount != amount.to_integral_value():
        raise KronerError(ERROR_NOT_WHOLE)
    if amount < min_value:
        if amount < 0 and min_value == 0:
            raise KronerError(ERROR_NEGATIVE)
        raise KronerError(ERROR_TOO_SMALL, limit=format_kroner(min_value))
    if amount > max_value:
        raise KronerError(ERROR_TOO_LARGE, limit=format_kroner(max_value))
    return amount.quantize(Decimal(1))


def parse_kroner(
    value, *, min_value: Decimal = Decimal(0), max_value: Decimal = MAX_KRONER
) -> Decimal:
    """Whole kroner from what a person typed (or an int/Decimal), as a Decimal.

    Raises ``KronerError`` with a code saying why the value cannot be read.
    Floats are refused: money is never a float.
    """
    if isinstance(value, bool) or isinstance(value, float):
        raise KronerError(ERROR_INVALID)
    if isinstance(value, int | Decimal):
        return check_kroner_range(Decimal(value), min_value=min_value, max_value=max_value)
    if not isinstance(value, str) or len(value) > _MAX_LENGTH:
        raise KronerError(ERROR_INVALID)
    typed = value.strip()
    text = _without_spaces(_CURRENCY.sub("", _without_spaces(typed)))
    negative = text.startswith(("-", "\u2212"))
    if negative:
        text = text[1:]
    if _GROUPED.fullmatch(text):
        raise KronerError(ERROR_AMBIGUOUS, value=typed)
    if _DECIMAL.fullmatch(text):
        raise KronerError(ERROR_NOT_WHOLE)
    if not _DIGITS.fullmatch(text):
        raise KronerError(ERROR_INVALID)
    amount = Decimal(text)
    return check_kroner_range(
        -amount if negative else amount, min_value=min_value, max_value=max_value
    )


def kroner_problem(
    amount, *, min_value: Decimal = Decimal(0), max_value: Decimal = MAX_KRONER
) -> str | None:
    """The message why ``amount`` is not whole kroner in range, or None when it is.

    For services, which receive amounts from forms, the API and commands alike.
    """
    if amount is None:
        return str(MESSAGES[ERROR_INVALID])
    try:
        parse_kroner(amount, min_value=min_value, max_value=max_value)
    except KronerError as error:
        return error.message
    return None


def validate_kroner(value) -> None:
    """A Django validator: whole kroner from 0 to ``MAX_KRONER``."""
    try:
        parse_kroner(value)
    except KronerError as error:
        raise error.validation_error() from None


class KronerField(forms.CharField):
    """A form field for whole kroner, read by ``parse_kroner``; cleans to Decimal.

    A text input with a numeric keyboard, not ``type=number``: a number input
    refuses the spaces people group digits with. A bound form shows what was typed.
    """

    def __init__(
        self,
        *,
        min_value: Decimal = Decimal(0),
        max_value: Decimal = MAX_KRONER,
        widget=None,
        **kwargs,
    ):
        self.min_value = Decimal(min_value)
        self.max_value = Decimal(max_value)
        widget = widget or forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"})
        super().__init__(widget=widget, **kwargs)

    def prepare_value(self, value):
        if isinstance(value, int | Decimal) and not isinstance(value, bool):
            return str(int(value)) if Decimal(value) == int(value) else str(value)
        return value

    def to_python(self, value):
        value = super().to_python(value)
        if value in self.empty_values:
            return None
        try:
            return parse_kroner(value, min_value=self.min_value, max_value=self.max_value)
        except KronerError as error:
            raise error.validation_error() from None


# For the API: a whole number of kroner in the same range as the forms.
Kroner = Annotated[
    int,
    Field(ge=0, le=int(MAX_KRONER), description="Whole kroner, 0 to 10 000 000 000."),
]

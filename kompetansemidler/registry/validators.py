"""Validation of Norwegian organisation numbers (9 digits with a MOD11 check digit)."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from stdnum.exceptions import ValidationError as StdnumError
from stdnum.no import orgnr

ORGANISATION_NUMBER_PATTERN = r"^[0-9]{9}$"

MESSAGE_FORMAT = _("An organisation number has exactly nine digits.")
MESSAGE_CHECK_DIGIT = _(
    "%(value)s is not a valid organisation number: the check digit does not match."
)


def organisation_number_error(value: str) -> str | None:
    """The reason ``value`` is not a valid organisation number, or None if it is."""
    compact = orgnr.compact(value or "")
    if len(compact) != 9 or not compact.isdigit():
        return str(MESSAGE_FORMAT)
    try:
        orgnr.validate(compact)
    except StdnumError:
        return str(MESSAGE_CHECK_DIGIT % {"value": compact})
    return None


def validate_organisation_number(value: str) -> None:
    error = organisation_number_error(value)
    if error:
        raise ValidationError(error, code="invalid_organisation_number", params={"value": value})

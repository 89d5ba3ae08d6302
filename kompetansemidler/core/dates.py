"""Dates of the scheme's business (payments, deadlines, appeals): within a sane range.

The scheme began long after 2000 and no case runs into the next century, so a
date outside 2000–2100 (year 1, year 20226) is a typo and is refused where it is
typed, not stored. Services narrow it further where the case gives a range, e.g.
a payment falls in the years its decision covers.
"""

import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

FIRST_BUSINESS_DATE = datetime.date(2000, 1, 1)
LAST_BUSINESS_DATE = datetime.date(2100, 12, 31)

ERROR_OUT_OF_RANGE = _("Give a date between %(first)s and %(last)s.")


def business_date_problem(value: datetime.date | None) -> str | None:
    """Why ``value`` is not a business date, or None when it is (or is empty)."""
    if value is None or FIRST_BUSINESS_DATE <= value <= LAST_BUSINESS_DATE:
        return None
    return str(ERROR_OUT_OF_RANGE % _range_params())


def _range_params() -> dict:
    return {
        "first": FIRST_BUSINESS_DATE.strftime("%d.%m.%Y"),
        "last": LAST_BUSINESS_DATE.strftime("%d.%m.%Y"),
    }


def validate_business_date(value: datetime.date | None) -> None:
    """A Django validator for ``business_date_problem``."""
    if business_date_problem(value):
        raise ValidationError(ERROR_OUT_OF_RANGE, code="out_of_range", params=_range_params())


class BusinessDateField(forms.DateField):
    """A date input (the browser's date picker) limited to 2000–2100."""

    default_validators = [validate_business_date]

    def __init__(self, *, widget=None, **kwargs):
        widget = widget or forms.DateInput(
            attrs={
                "type": "date",
                "min": FIRST_BUSINESS_DATE.isoformat(),
                "max": LAST_BUSINESS_DATE.isoformat(),
            },
            format="%Y-%m-%d",
        )
        super().__init__(widget=widget, **kwargs)

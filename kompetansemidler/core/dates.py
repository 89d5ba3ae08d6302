"""Dates of the scheme's business (payments, deadlines, appeals): within a sane range.

The scheme began long after 2000 and no case runs into the next century, so a
date outside 2000–2100 (year 1, year 20226) is a typo and is refused where it is
typed, not stored. Services narrow it further where the case gives a range, e.g.
a payment falls in the years its decision covers.
"""

import datetime
import functools

import holidays
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


APPEAL_WEEKS = 3


def is_working_day(day: datetime.date) -> bool:
    """Monday to Friday and not a Norwegian public holiday (the Easter-based ones
    included, computed for any year)."""
    return day.weekday() < 5 and day not in _public_holidays(day.year)


@functools.cache
def _public_holidays(year: int) -> frozenset[datetime.date]:
    return frozenset(holidays.country_holidays("NO", years=year))


def appeal_deadline(notified: datetime.date) -> datetime.date:
    """The last day to appeal: three weeks from the day the notice reached the
    recipient (forvaltningsloven § 29), moved to the next working day when that
    falls on a Saturday, Sunday or public holiday (domstolloven § 149, how
    deadlines are counted)."""
    deadline = notified + datetime.timedelta(weeks=APPEAL_WEEKS)
    while not is_working_day(deadline):
        deadline += datetime.timedelta(days=1)
    return deadline

"""Filters for the recommendation pages: kroner with thousands separators."""

from decimal import Decimal

from django import template
from django.utils.formats import number_format

register = template.Library()


@register.filter
def kroner(value) -> str:
    if value is None or value == "":
        return ""
    return number_format(Decimal(value), decimal_pos=0, force_grouping=True)

"""Filters for the recommendation pages: kroner with thousands separators, and
looking up a line's findings by its id."""

from decimal import Decimal

from django import template
from django.utils.formats import number_format

register = template.Library()


@register.filter
def kroner(value) -> str:
    if value is None or value == "":
        return ""
    return number_format(Decimal(value), decimal_pos=0, force_grouping=True)


@register.filter
def get_item(mapping, key):
    return mapping.get(str(key), []) if mapping else []

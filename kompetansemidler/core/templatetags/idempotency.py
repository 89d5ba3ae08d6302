"""``{% idempotency_field %}``: the hidden one-time key of a form that moves money
or sends a letter, fresh on every render (``kompetansemidler.core.idempotency``)."""

from django import template
from django.utils.html import format_html

from kompetansemidler.core.idempotency import FIELD, new_key

register = template.Library()


@register.simple_tag
def idempotency_field():
    return format_html('<input type="hidden" name="{}" value="{}">', FIELD, new_key())

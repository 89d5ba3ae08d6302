from decimal import Decimal

from django import template

register = template.Library()


@register.filter
def kr(value) -> str:
    """Whole kroner with a space between thousands, as written in Norwegian letters."""
    if value in (None, ""):
        return ""
    return f"{int(Decimal(value)):,}".replace(",", " ")


@register.filter
def zip_amounts(first, second):
    return list(zip(first, second, strict=True))

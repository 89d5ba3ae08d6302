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


@register.filter
def person(user) -> str:
    """A user's full name, or the username when none is given; "" for none."""
    if user is None:
        return ""
    return user.get_full_name() or user.get_username()

"""Form rendering in Designsystemet markup, with errors tied to their fields.

``{% ds_field form.email %}`` renders label, help text, error and input;
``{% ds_error_summary form %}`` lists every error at the top, linking to each field.
"""

from django import template
from django.utils import timezone

from kompetansemidler.core.formats import kroner

register = template.Library()


@register.inclusion_tag("core/_field.html")
def ds_field(field):
    described = []
    if field.help_text:
        described.append(f"{field.auto_id}_help")
    if field.errors:
        described.append(f"{field.auto_id}_error")
    attrs = {"class": "ds-input"}
    if described:
        attrs["aria-describedby"] = " ".join(described)
    if field.errors:
        attrs["aria-invalid"] = "true"
    return {"field": field, "widget": field.as_widget(attrs=attrs)}


@register.inclusion_tag("core/_error_summary.html")
def ds_error_summary(form):
    items = [(None, error) for error in form.non_field_errors()]
    for field in form:
        items.extend((field.auto_id, error) for error in field.errors)
    return {"items": items}


@register.filter
def money(value) -> str:
    """``{{ amount|money }}``: the one way an amount reads on a page (see core.formats)."""
    return kroner(value)


@register.inclusion_tag("core/_deadline.html")
def deadline(date):
    """A deadline with the days left to it: "Frist 15.03.2027 (12 dager igjen)"."""
    return {"date": date, "days": (date - timezone.localdate()).days if date else None}

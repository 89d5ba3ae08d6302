"""``{% history_for obj %}``: the latest events about ``obj`` that the viewer may read.

Case pages include it; it links to the full history page of the object. Where
the viewer may not open the object's own page, nothing is shown at all — not
an empty history, which would tell something that is not so.
"""

from django import template
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from ..kinds import changes, event_sentence
from ..selectors import events_visible_to
from ..visibility import object_visible

register = template.Library()

SHOWN = 10


@register.inclusion_tag("history/_events.html", takes_context=True)
def history_for(context, obj, limit=SHOWN):
    user = context["request"].user
    content_type = ContentType.objects.get_for_model(obj)
    if not object_visible(user, obj._meta.model, str(obj.pk)):
        return {"hidden": True}
    events = list(
        events_visible_to(user)
        .filter(content_type=content_type, object_id=str(obj.pk))
        .select_related("actor")[: limit + 1]
    )
    return {
        "events": events[:limit],
        "more": len(events) > limit,
        "url": reverse(
            "history:object",
            kwargs={
                "app_label": content_type.app_label,
                "model": content_type.model,
                "object_id": str(obj.pk),
            },
        ),
        "heading_level": 2,
    }


@register.filter
def event_kind(event):
    """The event as one sentence: who did what."""
    return event_sentence(event)


@register.filter
def event_changes(event):
    return changes(event)

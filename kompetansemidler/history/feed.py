"""The event feed: the case events a user may see, oldest first, from a cursor.

The same rule as the history pages: an event is shown when
``events_visible_to`` lets the user read it *and* the object it is about is
one the user may open (``visibility``: the object's own selector, deny by
default). Each event is projected to what happened, to which object, when
and by whom; the recorded before and after values are not part of it.
"""

from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType

from .kinds import kind_label
from .models import Event
from .selectors import events_visible_to
from .visibility import visible_object_ids

# How many events one page may look through for visible ones, so a page of a
# user who sees few events cannot scan the whole history in one request.
SCAN_LIMIT = 2000


@dataclass(frozen=True)
class FeedPage:
    events: list[Event]
    # Pass as ``after`` for the next page; the same value again when nothing is new.
    cursor: int


def event_feed(
    user,
    *,
    after: int = 0,
    limit: int = 50,
    kinds: list[str] | None = None,
    content_type: ContentType | None = None,
    object_id: str | None = None,
) -> FeedPage:
    rows = events_visible_to(user).filter(id__gt=after).order_by("id")
    if kinds:
        rows = rows.filter(kind__in=kinds)
    if content_type is not None:
        rows = rows.filter(content_type=content_type)
    if object_id is not None:
        rows = rows.filter(object_id=object_id)
    rows = rows.select_related("actor", "content_type")
    shown: list[Event] = []
    cursor, scanned = after, 0
    while len(shown) < limit and scanned < SCAN_LIMIT:
        batch = list(rows.filter(id__gt=cursor)[: limit * 2])
        if not batch:
            break
        allowed = _visible(user, batch)
        for event in batch:
            cursor, scanned = event.pk, scanned + 1
            if (event.content_type_id, event.object_id) in allowed:
                shown.append(event)
                if len(shown) == limit:
                    break
    return FeedPage(shown, cursor)


def _visible(user, events: list[Event]) -> set[tuple[int, str]]:
    by_type: dict[ContentType, set[str]] = {}
    for event in events:
        by_type.setdefault(event.content_type, set()).add(event.object_id)
    return {
        (content_type.pk, object_id)
        for content_type, ids in by_type.items()
        for object_id in visible_object_ids(user, content_type.model_class(), ids)
    }


def actor_of(event: Event) -> dict:
    if event.actor is None:
        return {"kind": "system", "name": None}
    kind = "api_client" if event.actor.is_service_account else "person"
    return {"kind": kind, "name": event.actor.get_full_name() or event.actor.username}


def projection(event: Event) -> dict:
    """What the feed tells about one event."""
    return {
        "id": event.pk,
        "kind": event.kind,
        "label": str(kind_label(event.kind)),
        "occurred_at": event.occurred_at,
        "object": {
            "type": f"{event.content_type.app_label}.{event.content_type.model}",
            "id": event.object_id,
            "label": event.object_repr,
        },
        "actor": actor_of(event),
        "summary": event.summary,
    }

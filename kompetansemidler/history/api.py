"""The event feed in the JSON API, at /api/events/: follow the case history the
caller may see without polling every list (see ``feed.py``)."""

import datetime

from django.contrib.contenttypes.models import ContentType
from ninja import Field, Query, Router, Schema

from kompetansemidler.accounts.policy import ensure, has_any_role
from kompetansemidler.api.errors import with_errors

from .feed import event_feed, projection

PREFIX = "events"
router = Router(tags=["events"])


class FeedQuery(Schema):
    after: int = Field(0, ge=0, le=2**62, description="The cursor: events after this one.")
    limit: int = Field(50, ge=1, le=200)
    kind: list[str] | None = Field(
        None, max_length=20, description="Only these kinds (repeat the parameter)."
    )
    object_type: str | None = Field(
        None, pattern=r"^[a-z_]{1,50}\.[a-z_]{1,50}$", description='E.g. "needs.needsreport".'
    )
    object_id: str | None = Field(None, pattern=r"^[0-9]{1,18}$")


class ObjectOut(Schema):
    type: str = Field(description="app_label.model")
    id: str
    label: str


class ActorOut(Schema):
    kind: str = Field(description="person, api_client or system")
    name: str | None


class EventOut(Schema):
    id: int
    kind: str
    label: str = Field(description="The kind in words, in the request's language.")
    occurred_at: datetime.datetime
    object: ObjectOut
    actor: ActorOut
    summary: str


class FeedOut(Schema):
    events: list[EventOut] = Field(description="Oldest first.")
    next_after: int = Field(description="Send as `after` for the next page.")


@router.get("/", response=with_errors({200: FeedOut}), url_name="events_feed")
def feed(request, query: Query[FeedQuery]):
    """The case events you may see, oldest first, after the cursor ``after``;
    filter by kind and by object."""
    ensure(has_any_role(request.auth))
    content_type = None
    if query.object_type:
        app_label, _sep, model = query.object_type.partition(".")
        content_type = ContentType.objects.filter(app_label=app_label, model=model).first()
        if content_type is None:
            return {"events": [], "next_after": query.after}
    page = event_feed(
        request.auth,
        after=query.after,
        limit=query.limit,
        kinds=query.kind,
        content_type=content_type,
        object_id=query.object_id,
    )
    return {"events": [projection(e) for e in page.events], "next_after": page.cursor}

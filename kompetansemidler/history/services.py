"""Writing to the case history. The one way every app records an event."""

from django.contrib.contenttypes.models import ContentType

from kompetansemidler.core.actors import stored_actor

from .kinds import ensure_sentence
from .models import Event
from .visibility import ensure_object_selector


def event_record(
    *,
    actor,
    kind: str,
    obj,
    summary: str = "",
    before: dict | None = None,
    after: dict | None = None,
    office=None,
    organisation=None,
) -> Event:
    """Append one event about ``obj``. ``actor`` is None when the system acted.

    Raises ``ImproperlyConfigured`` when ``obj``'s model has no registered
    history visibility selector (see ``visibility``): an event nobody may see
    through the object's own rule is a mistake to catch in the first test. So
    is, in development and tests, a kind without a sentence (see ``kinds``).
    """
    # ``obj._meta.model``, not ``type(obj)``: the request's user is a lazy proxy.
    ensure_object_selector(obj._meta.model)
    ensure_sentence(kind)
    return Event.objects.create(
        actor=stored_actor(actor),
        kind=kind,
        content_type=ContentType.objects.get_for_model(obj),
        object_id=str(obj.pk),
        object_repr=str(obj)[:300],
        summary=summary[:500],
        before=before,
        after=after,
        office=office,
        organisation=organisation,
    )

"""Which objects' history page a user may open: exactly those whose own page
the user may open.

Events are scoped by office and organisation, which is right for lists of
events, but one object can be hidden from a user who may see other events of
its organisation: an owner's draft needs report is not the forum's to see, a
forum member's declared conflicts of interest are not an owner's, and neither
is their history. So every model that has events registers, from its app's
``AppConfig.ready``, the selector its own page uses::

    register_object_selector(models.NeedsReport, selectors.needs_reports_visible_to)

One rule, deny by default: the history page of a model without a selector
opens for no one, ``event_record`` refuses to record an event about one, and
the system check ``history.E001`` names every model that has events in the
database but no selector.
"""

from collections.abc import Callable

from django.core.exceptions import ImproperlyConfigured

from kompetansemidler.core.ids import is_id

_SELECTORS: dict[type, Callable] = {}

MESSAGE_NO_SELECTOR = (
    "{model} has no history visibility selector: register the selector its own "
    "page uses with history.visibility.register_object_selector() in its app's "
    "AppConfig.ready(), or its events cannot be recorded or shown."
)


def register_object_selector(model: type, selector: Callable) -> None:
    """``selector(user)`` returns the queryset of ``model`` objects the user may see."""
    _SELECTORS[model] = selector


def gated(permission: Callable, selector: Callable, model: type) -> Callable:
    """A selector that is ``selector(user)`` when ``permission(user)`` allows,
    else nothing: for a page guarded by a permission before its own selector."""

    def visible_to(user):
        return selector(user) if permission(user) else model._default_manager.none()

    return visible_to


def has_object_selector(model: type | None) -> bool:
    return model is not None and model in _SELECTORS


def ensure_object_selector(model: type) -> None:
    """Raise ``ImproperlyConfigured`` if ``model`` has no registered selector."""
    if not has_object_selector(model):
        raise ImproperlyConfigured(MESSAGE_NO_SELECTOR.format(model=model._meta.label))


def object_visible(user, model: type | None, object_id: str) -> bool:
    """Whether the user may see the object. False for a model without a
    registered selector (deny by default) and for an id that is not one."""
    selector = _SELECTORS.get(model) if model is not None else None
    if selector is None or not is_id(object_id):
        return False
    return selector(user).filter(pk=int(object_id)).exists()


def visible_object_ids(user, model: type | None, object_ids) -> set[str]:
    """Which of ``object_ids`` (of ``model``) the user may see, by the model's own
    selector: one query for many events. Empty for a model without a selector."""
    selector = _SELECTORS.get(model) if model is not None else None
    ids = [int(i) for i in object_ids if is_id(i)]
    if selector is None or not ids:
        return set()
    return {str(pk) for pk in selector(user).filter(pk__in=ids).values_list("pk", flat=True)}

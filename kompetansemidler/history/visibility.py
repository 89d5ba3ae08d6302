"""Which objects' history page a user may open.

Events are scoped by office and organisation, which is right for lists of
events, but one object can be hidden from a user who may see other events of
its organisation: an owner's draft needs report is not the forum's to see,
nor its history. Each app registers, for its case models, the selector that
says which objects a user may see (the same selector its own pages use), and
the history page opens only for those.
"""

from collections.abc import Callable

from kompetansemidler.core.ids import is_id

_SELECTORS: dict[type, Callable] = {}


def register_object_selector(model: type, selector: Callable) -> None:
    """``selector(user)`` returns the queryset of ``model`` objects the user may see."""
    _SELECTORS[model] = selector


def object_visible(user, model: type | None, object_id: str) -> bool | None:
    """Whether the user may see the object; None when its app registered no selector."""
    selector = _SELECTORS.get(model)
    if selector is None:
        return None
    if not is_id(object_id):
        return False
    return selector(user).filter(pk=int(object_id)).exists()

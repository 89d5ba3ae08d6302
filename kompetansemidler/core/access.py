"""The one lookup of an object the user must be allowed to see."""

from django.core.exceptions import PermissionDenied
from django.db.models import Model, QuerySet
from django.http import Http404
from django.utils.translation import gettext_lazy as _

REASON_NOT_VISIBLE = _(
    "This belongs to another organisation or office than the ones your roles cover."
)


def visible_or_403[T: Model](visible: QuerySet[T], pk, *, reason=REASON_NOT_VISIBLE) -> T:
    """The object with ``pk`` from the scoped queryset ``visible``.

    An object that exists but lies outside the user's scope is refused with
    ``reason`` (403), like every other refusal; one that does not exist is 404,
    and so is a ``pk`` that is not a valid key.
    """
    try:
        obj = visible.filter(pk=pk).first()
    except (ValueError, TypeError):
        raise Http404 from None
    if obj is None:
        if visible.model._default_manager.filter(pk=pk).exists():
            raise PermissionDenied(reason)
        raise Http404
    return obj

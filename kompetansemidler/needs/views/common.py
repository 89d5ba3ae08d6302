"""Helpers the needs views share: scoped lookups and stale-edit differences."""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext_lazy as _

REASON_NOT_VISIBLE = _(
    "This belongs to another organisation or office than the ones your roles cover."
)
STALE_MESSAGE = _(
    "Someone else saved this after you opened it. Nothing was saved; your text is kept "
    "below. Compare with what is saved now, then save again to replace it."
)


def _display(value) -> str:
    if value is None:
        return ""
    if hasattr(value, "all"):
        return ", ".join(str(v) for v in value.all())
    if isinstance(value, list | tuple | set):
        return ", ".join(str(v) for v in value)
    return str(value)


def differences(current, form, fields) -> list[dict]:
    """Fields where what is saved now differs from what the user typed."""
    rows = []
    for name in fields:
        if name not in form.fields:
            continue
        saved = getattr(current, name)
        typed = form.cleaned_data.get(name) if hasattr(form, "cleaned_data") else None
        saved_text, typed_text = _display(saved), _display(typed)
        if saved_text != typed_text:
            rows.append(
                {"label": form.fields[name].label, "saved": saved_text, "typed": typed_text}
            )
    return rows


def visible_or_403(visible, pk):
    """The object with ``pk`` from the scoped queryset ``visible``.

    An object that exists but lies outside the user's scope is refused with
    a reason (403), like every other refusal; one that does not exist is 404.
    """
    obj = visible.filter(pk=pk).first()
    if obj is None:
        if visible.model.objects.filter(pk=pk).exists():
            raise PermissionDenied(REASON_NOT_VISIBLE)
        raise Http404
    return obj

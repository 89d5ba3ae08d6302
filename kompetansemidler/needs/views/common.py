"""Helpers the needs views share: scoped lookups and stale-edit differences."""

from django.utils.translation import gettext_lazy as _

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

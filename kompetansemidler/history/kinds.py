"""Readable names of event kinds, so the history shows words, not codes.

Each app names its own kinds in its ``event_kinds.py`` as
``EVENT_KINDS = {kind: gettext_lazy(label)}``, collected through
``kompetansemidler.core.contributions``.
"""

from functools import cache

from kompetansemidler.core.contributions import merged


@cache
def _labels() -> dict:
    return merged("event_kinds", "EVENT_KINDS")


def kind_label(kind: str):
    """The kind's readable name; the code itself when no app names it."""
    return _labels().get(kind, kind)


def changes(event) -> list[tuple[str, object, object]]:
    """The fields whose value differs between ``before`` and ``after``, in order."""
    before = event.before if isinstance(event.before, dict) else {}
    after = event.after if isinstance(event.after, dict) else {}
    keys = list(dict.fromkeys([*before, *after]))
    return [(k, before.get(k), after.get(k)) for k in keys if before.get(k) != after.get(k)]

"""Readable names of event kinds. An app registers its kinds with ``register_kind``
(from its AppConfig.ready) so the history shows words, not codes."""

from django.utils.translation import gettext_lazy as _

KIND_LABELS = {
    "user.invited": _("User invited"),
    "role.granted": _("Role granted"),
    "role.revoked": _("Role revoked"),
}


def register_kind(kind: str, label) -> None:
    KIND_LABELS[kind] = label


def kind_label(kind: str):
    return KIND_LABELS.get(kind, kind)


def changes(event) -> list[tuple[str, object, object]]:
    """The fields whose value differs between ``before`` and ``after``, in order."""
    before = event.before if isinstance(event.before, dict) else {}
    after = event.after if isinstance(event.after, dict) else {}
    keys = list(dict.fromkeys([*before, *after]))
    return [(k, before.get(k), after.get(k)) for k in keys if before.get(k) != after.get(k)]

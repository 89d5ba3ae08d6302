"""Events as sentences people can read, rendered when read, in the reader's language.

Each app names its own kinds in its ``event_kinds.py`` as
``EVENT_KINDS = {kind: gettext_lazy("%(actor)s submitted the needs report")}``,
collected through ``kompetansemidler.core.contributions``. A change of a field
reads as "Amount, year 1 changed from 1 680 000 kr to 1 800 000 kr": the field's
label as the form shows it, the values formatted (money, dates, states as words).
Nothing is stored translated: the sentence is made from the kind and the
before/after values every time the history is shown.
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal
from functools import cache

from django.conf import settings
from django.core.exceptions import FieldDoesNotExist, ImproperlyConfigured
from django.db import models
from django.utils import formats
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kompetansemidler.core.contributions import merged
from kompetansemidler.core.formats import kroner

ACTOR = "%(actor)s"
# Bookkeeping that changes with every save and means nothing to a reader.
HIDDEN_FIELDS = frozenset({"lock_version", "updated_at", "created_at"})

MESSAGE_NO_SENTENCE = (
    "History event kind {kind!r} has no sentence: add it to EVENT_KINDS in its app's "
    "event_kinds.py, e.g. _('%(actor)s did something')."
)

SYSTEM = gettext_lazy("The system")
FALLBACK = gettext_lazy("%(actor)s recorded an event")


@cache
def sentences() -> dict:
    return merged("event_kinds", "EVENT_KINDS")


def has_sentence(kind: str) -> bool:
    return kind in sentences()


def ensure_sentence(kind: str) -> None:
    """Raise ``ImproperlyConfigured`` for a kind without a sentence when the
    setting ``HISTORY_REQUIRE_SENTENCES`` is on (tests and development), so an
    unreadable event is caught by the first test that records it."""
    if getattr(settings, "HISTORY_REQUIRE_SENTENCES", False) and not has_sentence(kind):
        raise ImproperlyConfigured(MESSAGE_NO_SENTENCE.format(kind=kind))


def actor_name(event) -> str:
    actor = event.actor
    if actor is None:
        return str(SYSTEM)
    return actor.get_full_name() or actor.get_username()


def event_sentence(event) -> str:
    """What happened, as one sentence in the active language."""
    template = sentences().get(event.kind, FALLBACK)
    return str(template) % {"actor": actor_name(event)}


def kind_label(kind: str) -> str:
    """The kind as words without an actor, for filters and lists of kinds."""
    template = sentences().get(kind)
    if template is None:
        return kind
    return capfirst((str(template) % {"actor": ""}).strip())


@dataclass(frozen=True)
class Change:
    label: str
    before: str
    after: str

    @property
    def sentence(self) -> str:
        values = {"field": self.label, "before": self.before, "after": self.after}
        if not self.before:
            return _("%(field)s set to %(after)s") % values
        if not self.after:
            return _("%(field)s cleared (was %(before)s)") % values
        return _("%(field)s changed from %(before)s to %(after)s") % values


def _field(model, name: str):
    if model is None:
        return None
    try:
        return model._meta.get_field(name)
    except FieldDoesNotExist:
        return None


def _label(model, name: str) -> str:
    field = _field(model, name)
    if field is not None and getattr(field, "verbose_name", None):
        return capfirst(str(field.verbose_name))
    return capfirst(name.replace("_", " "))


def _money_field(field) -> bool:
    return isinstance(field, models.DecimalField) and field.decimal_places == 0


def display_value(field, value) -> str:
    """``value`` as a reader sees it on the page: money, dates, yes/no, a state's word."""
    if value is None or value == "" or value == [] or value == {}:
        return ""
    choices = dict(getattr(field, "flatchoices", None) or ())
    if choices and not isinstance(value, list | dict):
        return str(choices.get(value, value))
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if _money_field(field):
        return kroner(value)
    if isinstance(field, models.DateTimeField):
        parsed = _parse(value, datetime.datetime.fromisoformat)
        return formats.date_format(parsed, "SHORT_DATETIME_FORMAT") if parsed else str(value)
    if isinstance(field, models.DateField):
        parsed = _parse(value, datetime.date.fromisoformat)
        return formats.date_format(parsed, "SHORT_DATE_FORMAT") if parsed else str(value)
    if isinstance(value, list):
        return ", ".join(display_value(None, item) for item in value)
    if isinstance(value, dict):
        return "; ".join(f"{capfirst(str(k))}: {display_value(None, v)}" for k, v in value.items())
    if isinstance(value, Decimal | float):
        return formats.number_format(value, force_grouping=True)
    return str(value)


def _parse(value, parse):
    try:
        return parse(str(value))
    except ValueError:
        return None


def changes(event) -> list[Change]:
    """The fields whose value differs between ``before`` and ``after``, in order, as words."""
    before = event.before if isinstance(event.before, dict) else {}
    after = event.after if isinstance(event.after, dict) else {}
    model = event.content_type.model_class() if event.content_type_id else None
    result = []
    for key in dict.fromkeys([*before, *after]):
        if key in HIDDEN_FIELDS or before.get(key) == after.get(key):
            continue
        field = _field(model, key)
        result.append(
            Change(
                _label(model, key),
                display_value(field, before.get(key)),
                display_value(field, after.get(key)),
            )
        )
    return result

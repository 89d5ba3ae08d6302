"""Start-up checks: every model with events has a history visibility selector, and
every event kind reads as a sentence in every language."""

import contextlib
import importlib

from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core import checks
from django.db import DatabaseError
from django.utils import translation

from kompetansemidler.core.workflow import WORKFLOWS

from .kinds import MESSAGE_NO_SENTENCE, sentences
from .models import Event
from .visibility import MESSAGE_NO_SELECTOR, has_object_selector


@checks.register(checks.Tags.database)
def check_every_model_with_events_has_a_selector(app_configs=None, databases=None, **kwargs):
    """history.E001 for each model that has events but no registered selector.

    Tagged ``database`` because it reads which kinds of objects have events:
    it runs with ``migrate`` and ``manage.py check --database default``. The
    same rule holds at write time: ``event_record`` refuses such a model.
    """
    if not databases:
        return []
    errors = []
    for database in databases:
        try:
            type_ids = set(Event.objects.using(database).values_list("content_type_id", flat=True))
            types = ContentType.objects.db_manager(database).filter(pk__in=type_ids)
            missing = sorted(
                (ct for ct in types if not has_object_selector(ct.model_class())),
                key=lambda ct: (ct.app_label, ct.model),
            )
        except DatabaseError:
            # Not migrated yet: no events to check.
            continue
        errors += [
            checks.Error(
                MESSAGE_NO_SELECTOR.format(model=f"{ct.app_label}.{ct.model}"),
                obj=ct.model_class() or f"{ct.app_label}.{ct.model}",
                id="history.E001",
            )
            for ct in missing
        ]
    return errors


@checks.register()
def check_every_event_kind_reads_as_a_sentence(app_configs=None, **kwargs):
    """history.E002 for a sentence without ``%(actor)s`` or one that does not render in
    every language (a translation with a broken placeholder); history.E003 for an
    event a transition table writes that has no sentence."""
    import_services()
    errors = []
    for kind, sentence in sentences().items():
        for language, _name in settings.LANGUAGES:
            with translation.override(language):
                try:
                    rendered = str(sentence) % {"actor": "\x00"}
                except (KeyError, TypeError, ValueError):
                    rendered = ""
            if "\x00" not in rendered:
                errors.append(
                    checks.Error(
                        f"The history sentence of {kind!r} must name %(actor)s and render in "
                        f"{language}.",
                        id="history.E002",
                    )
                )
                break
    for workflow in WORKFLOWS:
        for transition in workflow.transitions.values():
            if transition.event not in sentences():
                errors.append(
                    checks.Error(
                        MESSAGE_NO_SENTENCE.format(kind=transition.event), id="history.E003"
                    )
                )
    return errors


def import_services() -> None:
    """Import each app's services, so every transition table is defined before the check."""
    for app in apps.get_app_configs():
        if app.name.startswith("kompetansemidler."):
            with contextlib.suppress(ModuleNotFoundError):
                importlib.import_module(f"{app.name}.services")

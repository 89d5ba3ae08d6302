"""Start-up check: every model with events has a history visibility selector."""

from django.contrib.contenttypes.models import ContentType
from django.core import checks
from django.db import DatabaseError

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

"""Progress of a long task (a round's letters): items done and failed of the
total, recorded as the task goes, read by the page that started it.

The task marks each item done inside the transaction that does the item's
work, so the count never runs ahead of what is committed, and a task run again
after its worker died goes on counting from what was really made. A failed item
is recorded with its reason; retrying it takes it off the list again.
"""

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from .models import TaskProgress


def progress_start(*, task_id, scope: str, total: int) -> TaskProgress:
    """The progress row of this task run; the same row again when the task is
    run a second time (after its worker died), with its counts kept."""
    progress, _created = TaskProgress.objects.get_or_create(
        task_id=task_id, defaults={"scope": scope, "total": total}
    )
    if progress.finished_at is not None:
        TaskProgress.objects.filter(pk=progress.pk).update(finished_at=None)
        progress.finished_at = None
    return progress


def progress_item_done(progress: TaskProgress, item) -> None:
    """Count one item done; call inside the item's own transaction."""
    with transaction.atomic():
        row = TaskProgress.objects.select_for_update().get(pk=progress.pk)
        row.failures = [f for f in row.failures if f["item"] != item]
        row.done = F("done") + 1
        row.save(update_fields=["failures", "done", "updated_at"])


def progress_item_failed(progress: TaskProgress, item, *, label: str, reason: str) -> None:
    with transaction.atomic():
        row = TaskProgress.objects.select_for_update().get(pk=progress.pk)
        row.failures = [f for f in row.failures if f["item"] != item] + [
            {"item": item, "label": label, "reason": reason}
        ]
        row.save(update_fields=["failures", "updated_at"])


def progress_finish(progress: TaskProgress) -> None:
    TaskProgress.objects.filter(pk=progress.pk).update(
        finished_at=timezone.now(), updated_at=timezone.now()
    )


def progress_latest(scope: str) -> TaskProgress | None:
    return TaskProgress.objects.filter(scope=scope).first()

"""The task worker: django-tasks-db's worker with a lease on the running task and
a reaper for tasks whose worker died.

django-tasks-db marks a task RUNNING when a worker claims it and never looks at
it again: a worker killed mid-task (``kill -9``, an out-of-memory kill, a lost
machine) leaves it RUNNING for ever. Here each worker

- takes a lease (``TaskLease``) on the task it claims and renews it every third
  of ``TASK_LEASE_SECONDS`` from a background thread while the task runs;
- reaps, from the same thread: a RUNNING task started more than a lease ago
  whose lease has run out goes back to READY, so the next free worker runs it
  again; after ``TASK_MAX_ATTEMPTS`` claims it is marked FAILED instead (a task
  that kills every worker that runs it must not loop for ever).

A task is therefore run at least once, and may be run again after a crash:
every task's work must be idempotent. The letters of a round are (one
transaction per letter, one letter per decision revision; ``decisions.letters``).
"""

import logging
import threading
from datetime import timedelta

from django.conf import settings
from django.db import connections, transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone
from django_tasks_db.compat import TaskResultStatus
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult

from .models import TaskLease

logger = logging.getLogger("kompetansemidler.worker")

LEASE_EXPIRED = "kompetansemidler.core.worker.LeaseExpired"


def lease_seconds() -> int:
    return settings.TASK_LEASE_SECONDS


def lease_take(task_id, worker_id: str) -> None:
    TaskLease.objects.update_or_create(
        task_id=task_id,
        defaults={
            "worker_id": worker_id,
            "expires_at": timezone.now() + timedelta(seconds=lease_seconds()),
        },
    )


def lease_renew(task_id, worker_id: str) -> bool:
    """Extend the lease; False when it is no longer this worker's (it was reaped)."""
    return bool(
        TaskLease.objects.filter(task_id=task_id, worker_id=worker_id).update(
            expires_at=timezone.now() + timedelta(seconds=lease_seconds())
        )
    )


def lease_release(task_id, worker_id: str) -> None:
    TaskLease.objects.filter(task_id=task_id, worker_id=worker_id).delete()


def tasks_reap() -> tuple[int, int]:
    """Put back in the queue every running task whose worker stopped renewing its
    lease; fail those already claimed ``TASK_MAX_ATTEMPTS`` times. Returns
    (requeued, failed).

    A task claimed less than a lease ago is left alone even without a lease row:
    its worker may be between the claim and taking the lease."""
    now = timezone.now()
    live = TaskLease.objects.filter(task_id=OuterRef("id"), expires_at__gt=now)
    requeued = failed = 0
    with transaction.atomic():
        stale = (
            DBTaskResult.objects.select_for_update(skip_locked=True)
            .filter(
                status=TaskResultStatus.RUNNING,
                started_at__lt=now - timedelta(seconds=lease_seconds()),
            )
            .exclude(Exists(live))
        )
        for result in stale:
            TaskLease.objects.filter(task_id=result.id).delete()
            if len(result.worker_ids) >= settings.TASK_MAX_ATTEMPTS:
                result.status = TaskResultStatus.FAILED
                result.finished_at = now
                result.exception_class_path = LEASE_EXPIRED
                result.traceback = (
                    f"The worker's lease ran out {len(result.worker_ids)} times "
                    f"(workers {', '.join(result.worker_ids)}); not tried again."
                )
                result.save(
                    update_fields=["status", "finished_at", "exception_class_path", "traceback"]
                )
                failed += 1
                logger.error("task %s failed: lease ran out on every attempt", result.id)
            else:
                result.status = TaskResultStatus.READY
                result.save(update_fields=["status"])
                requeued += 1
                logger.warning(
                    "task %s requeued: the lease of worker %s ran out",
                    result.id,
                    result.worker_ids[-1] if result.worker_ids else "?",
                )
    return requeued, failed


class LeaseKeeper(threading.Thread):
    """Renews the lease of the worker's current task and reaps dead workers'
    tasks, every third of a lease, on its own database connection."""

    def __init__(self, worker_id: str):
        super().__init__(name="lease-keeper", daemon=True)
        self.worker_id = worker_id
        self.current = None
        self.stopping = threading.Event()

    def run(self) -> None:
        try:
            while not self.stopping.wait(lease_seconds() / 3):
                self.tick()
        finally:
            connections.close_all()

    def tick(self) -> None:
        try:
            current = self.current
            if current is not None and not lease_renew(current, self.worker_id):
                logger.warning("task %s: this worker's lease was taken over", current)
            tasks_reap()
        except Exception:
            # A database that is away for a moment: try again at the next tick.
            logger.exception("lease keeper: renewing or reaping failed")
            connections.close_all()


class LeasedWorker(Worker):
    """django-tasks-db's worker, holding a lease on each task it runs."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.keeper = LeaseKeeper(self.worker_id)

    def run(self) -> None:
        tasks_reap()
        self.keeper.start()
        try:
            super().run()
        finally:
            self.keeper.stopping.set()

    def run_task(self, db_task_result: DBTaskResult) -> None:
        lease_take(db_task_result.id, self.worker_id)
        self.keeper.current = db_task_result.id
        try:
            super().run_task(db_task_result)
        finally:
            self.keeper.current = None
            lease_release(db_task_result.id, self.worker_id)

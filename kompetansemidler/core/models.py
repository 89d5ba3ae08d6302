"""The core's tables: the one-time keys of forms and API calls that move money
or send letters (see ``idempotency.py`` for the contract), and the leases and
progress of background tasks (``worker.py``, ``progress.py``)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class IdempotencyKey(models.Model):
    """One submission of a form or API call, stored with the answer it got, so a
    second submission with the same key gets that answer instead of a second effect."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("user"),
    )
    key = models.CharField(_("key"), max_length=64)
    # The path the key was first used on, for the auditor reading the table.
    scope = models.CharField(_("address"), max_length=200)
    # SHA-256 of the method, path and submitted fields: the same key sent with
    # other content is refused, not answered with the first request's result.
    fingerprint = models.CharField(_("request fingerprint"), max_length=64)
    status = models.PositiveSmallIntegerField(_("status code"))
    # {"location": "/vedtak/1/"} for a form's redirect, {"json": ...} for the API.
    response = models.JSONField(_("answer"), default=dict)
    created_at = models.DateTimeField(_("created"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("one-time key")
        verbose_name_plural = _("one-time keys")
        constraints = [
            models.UniqueConstraint(fields=["user", "key"], name="idempotencykey_one_per_user_key")
        ]

    def __str__(self):
        return f"{self.user_id}:{self.key} {self.scope}"


class TaskLease(models.Model):
    """A worker's hold on one running task. The worker renews it while the task
    runs; a task whose lease has run out (its worker was killed or lost) is put
    back in the queue by the next worker's reaper."""

    # The id of django_tasks_db's result row (no foreign key: the queue's table
    # belongs to the library and its rows are pruned on their own schedule).
    task_id = models.UUIDField(_("task"), primary_key=True)
    worker_id = models.CharField(_("worker"), max_length=64)
    expires_at = models.DateTimeField(_("lease expires"), db_index=True)

    class Meta:
        verbose_name = _("task lease")
        verbose_name_plural = _("task leases")

    def __str__(self):
        return f"{self.task_id} ({self.worker_id})"


class TaskProgress(models.Model):
    """How far a long task has come: items done and failed of the total, and the
    failed items with their reason, for the page that started it. ``scope``
    names what the task works on (``letters:round:12``), so the page finds the
    latest run for its object."""

    # The task result's id: a UUID in the queue, a random string when the
    # immediate backend runs the task at once.
    task_id = models.CharField(_("task"), max_length=64, unique=True)
    scope = models.CharField(_("scope"), max_length=100, db_index=True)
    total = models.PositiveIntegerField(_("total"), default=0)
    done = models.PositiveIntegerField(_("done"), default=0)
    # [{"item": 12, "label": "Bergen kommune", "reason": "..."}]
    failures = models.JSONField(_("failed items"), default=list)
    started_at = models.DateTimeField(_("started"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    class Meta:
        ordering = ["-started_at", "-pk"]
        verbose_name = _("task progress")
        verbose_name_plural = _("task progress")

    def __str__(self):
        return f"{self.scope}: {self.done}/{self.total}"

    @property
    def failed(self) -> int:
        return len(self.failures)

    @property
    def running(self) -> bool:
        return self.finished_at is None

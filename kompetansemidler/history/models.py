"""The append-only case history.

Every state change and every role change writes one ``Event``. Events are
never changed or deleted through the product: the model and every manager
Django uses for it (the base manager too) refuse updates and deletes, and on
PostgreSQL a trigger refuses them in the database as well. In production the
history table belongs to a separate owner role and the application's role
may only insert and read it (``scripts/postgres-roles.sh``, migration 0003),
so the application cannot truncate it or disable the trigger either.
"""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _

from kompetansemidler.registry.models import GovernorOffice, Organisation


class HistoryIsAppendOnly(Exception):
    """Raised on any attempt to change or delete a recorded event."""


class EventQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise HistoryIsAppendOnly("History events cannot be changed.")

    def _update(self, values):
        raise HistoryIsAppendOnly("History events cannot be changed.")

    def delete(self):
        raise HistoryIsAppendOnly("History events cannot be deleted.")

    def _raw_delete(self, using):
        raise HistoryIsAppendOnly("History events cannot be deleted.")

    def for_object(self, obj):
        return self.filter(
            content_type=ContentType.objects.get_for_model(obj), object_id=str(obj.pk)
        )


class Event(models.Model):
    occurred_at = models.DateTimeField(_("time"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("actor"),
        help_text=_("Empty when the system itself acted (an import, a scheduled job)."),
    )
    kind = models.CharField(_("kind"), max_length=60, db_index=True)
    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    object_id = models.CharField(max_length=64)
    object_repr = models.CharField(_("object"), max_length=300)
    summary = models.CharField(_("summary"), max_length=500, blank=True)
    before = models.JSONField(_("before"), null=True, blank=True)
    after = models.JSONField(_("after"), null=True, blank=True)
    # Who may read the event: the office whose case it is, and the
    # organisation it concerns. Both empty: national administrators only.
    office = models.ForeignKey(
        GovernorOffice,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    objects = EventQuerySet.as_manager()

    class Meta:
        # Django reaches for the base manager in related lookups, deletions
        # and ``refresh_from_db``; a plain one would let ``update()`` through.
        base_manager_name = "objects"
        ordering = ["-occurred_at", "-id"]
        verbose_name = _("history event")
        verbose_name_plural = _("history events")
        indexes = [models.Index(fields=["content_type", "object_id", "-occurred_at"])]

    def __str__(self):
        return f"{self.occurred_at:%Y-%m-%d %H:%M} {self.kind} {self.object_repr}"

    def save(self, *args, **kwargs):
        if self.pk is not None and not self._state.adding:
            raise HistoryIsAppendOnly("History events cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise HistoryIsAppendOnly("History events cannot be deleted.")

"""The core's one table: the one-time keys of forms and API calls that move money
or send letters (see ``idempotency.py`` for the contract)."""

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

"""One import of a register file: who, when, which file, and what it did."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Register(models.TextChoices):
    NBR = "nbr", _("Kindergarten register (NBR)")
    NSR = "nsr", _("School register (NSR)")


class ImportStatus(models.TextChoices):
    PREVIEW = "preview", _("Preview, not applied")
    APPLIED = "applied", _("Applied")


class ImportRun(models.Model):
    """A file checked (preview) or imported (applied).

    A preview keeps the file, compressed, until it is applied, so the
    caseworker need not upload it twice; an applied run keeps only its
    sha256. ``counts`` and ``report`` describe what the import did (or, for a
    preview, would do); ``rejected`` lists the records left out, each with
    its reasons as codes and parameters (see ``reasons.py``). ``counties``
    and ``national`` are the scope the uploader declared.
    """

    register = models.CharField(_("register"), max_length=3, choices=Register.choices)
    status = models.CharField(_("status"), max_length=10, choices=ImportStatus.choices)
    file_name = models.CharField(_("file name"), max_length=255)
    file_sha256 = models.CharField(_("SHA-256 of the file"), max_length=64)
    file_size = models.PositiveBigIntegerField(_("file size (bytes)"))
    created_at = models.DateTimeField(_("uploaded"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("uploaded by"),
    )
    applied_at = models.DateTimeField(_("applied"), null=True, blank=True)
    applied_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("applied by"),
    )
    # The counties the upload covers (county numbers): units missing from the
    # file are deactivated there only. ``national``: the import was made on
    # national authority and may change records across offices.
    counties = models.JSONField(_("counties covered"), default=list)
    national = models.BooleanField(_("national import"), default=False)
    counts = models.JSONField(_("counts"), default=dict)
    report = models.JSONField(_("report"), default=dict)
    rejected = models.JSONField(_("rejected records"), default=list)
    content = models.BinaryField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("register import")
        verbose_name_plural = _("register imports")

    def __str__(self):
        return f"{self.get_register_display()}: {self.file_name}"

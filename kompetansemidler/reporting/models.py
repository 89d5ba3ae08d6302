"""Annual reports (årsrapport) and the office's report to Udir.

One annual report per decision (recipient) and reported year, with one
goal-achievement answer per concrete goal of the measures and per process
criterion of the scheme (DOMAIN.md §5). Amounts are whole kroner. State
changes go through ``services.py``, which reads the one transition table there.

Statistics read: ``AnnualReport.used``/``unused`` of approved reports (state
``approved``), the repaid part from ``decisions.UnusedFunds`` (linked through
``AnnualReport.unused_funds``), ``participants_total``/``units_reached``, and
the distribution of ``GoalAnswer.answer`` per ``kind``/``key``.
"""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class AnnualReportState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    RETURNED = "returned", _("Returned")
    APPROVED = "approved", _("Approved")


class Answer(models.TextChoices):
    """One scale for goals (reached / partly / not) and criteria (yes / partly / no)."""

    YES = "yes", _("Yes, reached")
    PARTLY = "partly", _("Partly")
    NO = "no", _("No, not reached")


class AnswerKind(models.TextChoices):
    GOAL = "goal", _("Goal of a measure")
    CRITERION = "criterion", _("Process criterion")


def money_field(label, **kwargs):
    return models.DecimalField(
        label, max_digits=12, decimal_places=0, validators=[MinValueValidator(Decimal(0))], **kwargs
    )


class AnnualReport(models.Model):
    decision = models.ForeignKey(
        "decisions.Decision",
        on_delete=models.PROTECT,
        related_name="annual_reports",
        verbose_name=_("decision"),
    )
    # The calendar year reported on (year 1 is the round's year).
    year = models.PositiveSmallIntegerField(_("year"))
    state = models.CharField(
        _("state"),
        max_length=20,
        choices=AnnualReportState.choices,
        default=AnnualReportState.DRAFT,
    )
    # Copied from the decision and payments when the report is created, so the
    # report shows what the recipient reported against.
    decided = money_field(_("decided for the year"), default=Decimal(0))
    paid = money_field(_("paid"), default=Decimal(0))
    # Money the recipient spent on the measures in the year (whole kroner).
    used = money_field(_("money used"), default=Decimal(0))
    # Money paid but not spent; on approval it feeds the repayment/carry-over decision.
    unused = money_field(_("money unused"), default=Decimal(0))
    co_financing_required = money_field(_("own financing required"), default=Decimal(0))
    # Dekom: the recipient's own financing it documents having spent.
    co_financing_documented = money_field(_("own financing documented"), default=Decimal(0))
    measures = models.TextField(_("measures"), blank=True)
    # [{"target_group": str, "unit": str, "count": int}, ...]
    participants = models.JSONField(
        _("participants by target group and unit"), default=list, blank=True
    )
    # Sum of ``participants`` counts, kept for statistics.
    participants_total = models.PositiveIntegerField(_("participants"), default=0)
    # Number of distinct units with participants, kept for statistics.
    units_reached = models.PositiveIntegerField(_("units reached"), default=0)
    return_reason = models.TextField(_("reason for returning"), blank=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    approved_at = models.DateTimeField(_("approved"), null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    # The repayment/carry-over decision made from this report on approval.
    unused_funds = models.OneToOneField(
        "decisions.UnusedFunds",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="annual_report",
        verbose_name=_("repayment or carry-over"),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    lock_version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["decision", "year"]
        verbose_name = _("annual report")
        verbose_name_plural = _("annual reports")
        # For the statistics: the approved reports' figures (and the ids their
        # goal answers join on) read from the index alone, not the wide rows.
        indexes = [
            models.Index(
                fields=["state", "decision", "id", "used", "participants_total", "units_reached"],
                name="annualreport_statistics_idx",
            )
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["decision", "year"], name="annualreport_one_per_decision_year"
            ),
            models.CheckConstraint(
                condition=Q(used__gte=0, unused__gte=0, co_financing_documented__gte=0),
                name="annualreport_money_not_negative",
            ),
        ]

    def __str__(self):
        return f"{self.decision.recipient_label} {self.year}"

    @property
    def is_editable(self) -> bool:
        return self.state in (AnnualReportState.DRAFT, AnnualReportState.RETURNED)


class GoalAnswer(models.Model):
    """One structured goal-achievement answer: a concrete goal or a process criterion."""

    report = models.ForeignKey(
        AnnualReport,
        on_delete=models.CASCADE,
        related_name="answers",
        verbose_name=_("annual report"),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=AnswerKind.choices)
    # "goal-<n>" for goals; "c2".."c7" for the criteria of DOMAIN.md §5.
    key = models.CharField(_("key"), max_length=20)
    position = models.PositiveSmallIntegerField(default=0)
    question = models.TextField(_("question"))
    # Blank while not answered; statistics count yes/partly/no.
    answer = models.CharField(_("answer"), max_length=10, choices=Answer.choices, blank=True)
    text = models.TextField(_("evidence and comments"), blank=True)

    class Meta:
        ordering = ["report", "kind", "position", "id"]
        verbose_name = _("goal-achievement answer")
        verbose_name_plural = _("goal-achievement answers")
        # For the statistics: answers counted per kind and answer from the index alone.
        indexes = [
            models.Index(fields=["report", "kind", "answer"], name="goalanswer_statistics_idx")
        ]
        constraints = [
            models.UniqueConstraint(fields=["report", "key"], name="goalanswer_unique_key")
        ]

    def __str__(self):
        return f"{self.report}: {self.key}"


class OfficeReport(models.Model):
    """The caseworker's own assessment for the office's report to Udir for a year.
    The figures are assembled on reading (``office_report.py``), never stored."""

    office = models.ForeignKey(
        "registry.GovernorOffice",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("state administrator office"),
    )
    year = models.PositiveSmallIntegerField(_("year"))
    assessment = models.TextField(_("the office's assessment"), blank=True)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    lock_version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["office", "-year"]
        verbose_name = _("office report")
        verbose_name_plural = _("office reports")
        constraints = [
            models.UniqueConstraint(
                fields=["office", "year"], name="officereport_one_per_office_year"
            )
        ]

    def __str__(self):
        return f"{self.office} {self.year}"

"""Local plans, partnerships, needs reports and their proposed measures.

An owner anchors its needs reports in its local competence plan (one version
per period) and plans its measures with one or more UH institutions in a
partnership. A needs report belongs to one funding round and is written by
one owner or, jointly, by one competence network.
"""

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import FileExtensionValidator, MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from kompetansemidler.registry.models import Network, Organisation, Unit

AGREEMENT_MAX_BYTES = 10 * 1024 * 1024
AGREEMENT_EXTENSIONS = ["pdf", "odt", "docx"]
MAX_YEARS = 3


def validate_agreement_size(upload) -> None:
    if upload.size > AGREEMENT_MAX_BYTES:
        raise ValidationError(
            _("The agreement file is larger than %(limit)s MB."),
            code="too_large",
            params={"limit": AGREEMENT_MAX_BYTES // (1024 * 1024)},
        )


def year_field(label):
    return models.PositiveIntegerField(
        label,
        validators=[MinValueValidator(2000), MaxValueValidator(2100)],
    )


class LocalPlan(models.Model):
    """An owner's local competence plan for one period; a new period is a new version."""

    owner = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="local_plans",
        verbose_name=_("owner"),
    )
    version = models.PositiveIntegerField(_("version"), default=1)
    period_start = year_field(_("first year"))
    period_end = year_field(_("last year"))
    title = models.CharField(_("title"), max_length=200)
    # The nine elements a local plan should ("bør") describe: each may be left
    # empty, which the plan's page shows as a warning, never a refusal.
    priorities = models.TextField(_("priorities"), blank=True)
    target_groups = models.TextField(_("target groups"), blank=True)
    measures = models.TextField(_("measures"), blank=True)
    participants = models.TextField(_("participants"), blank=True)
    working_methods = models.TextField(_("working methods"), blank=True)
    use_of_funds = models.TextField(_("use of funds"), blank=True)
    planned_evaluation = models.TextField(_("planned evaluation"), blank=True)
    goal_assessment = models.TextField(_("how goal achievement is assessed"), blank=True)
    duration = models.CharField(_("duration"), max_length=200, blank=True)
    previous = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("previous version"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # Optimistic lock: a save names the version it started from.
    lock_version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["owner__name", "-period_start"]
        verbose_name = _("local competence plan")
        verbose_name_plural = _("local competence plans")
        constraints = [
            models.UniqueConstraint(fields=["owner", "version"], name="localplan_owner_version"),
            models.CheckConstraint(
                condition=Q(period_end__gte=models.F("period_start")),
                name="localplan_period_ordered",
            ),
        ]

    def __str__(self):
        return f"{self.title} ({self.period_start}–{self.period_end})"

    def covers(self, year: int) -> bool:
        return self.period_start <= year <= self.period_end


class Partnership(models.Model):
    """One or more owners together with one or more UH institutions, for a period."""

    name = models.CharField(_("name"), max_length=200)
    owners = models.ManyToManyField(
        Organisation,
        related_name="owner_partnerships",
        verbose_name=_("owners"),
    )
    institutions = models.ManyToManyField(
        Organisation,
        related_name="institution_partnerships",
        verbose_name=_("universities and university colleges"),
    )
    period_start = year_field(_("first year"))
    period_end = year_field(_("last year"))
    contacts = models.TextField(_("contact persons"), blank=True)
    agreement_text = models.TextField(_("agreement"), blank=True)
    agreement_file = models.FileField(
        _("agreement as a file"),
        upload_to="partnerships/%Y/",
        blank=True,
        validators=[FileExtensionValidator(AGREEMENT_EXTENSIONS), validate_agreement_size],
        help_text=_("PDF, ODT or DOCX, at most 10 MB."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("partnership")
        verbose_name_plural = _("partnerships")
        constraints = [
            models.CheckConstraint(
                condition=Q(period_end__gte=models.F("period_start")),
                name="partnership_period_ordered",
            ),
        ]

    def __str__(self):
        return self.name


class ReportState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    RETURNED = "returned", _("Returned")
    ACCEPTED = "accepted", _("Accepted")


class NeedsReport(models.Model):
    """An owner's (or a network's joint) assessed needs for one funding round."""

    round = models.ForeignKey(
        "schemes.Round",
        on_delete=models.PROTECT,
        related_name="needs_reports",
        verbose_name=_("funding round"),
    )
    owner = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="needs_reports",
        verbose_name=_("owner"),
    )
    network = models.ForeignKey(
        Network,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="needs_reports",
        verbose_name=_("competence network"),
    )
    state = models.CharField(
        _("state"),
        max_length=20,
        choices=ReportState.choices,
        default=ReportState.DRAFT,
    )
    local_plan = models.ForeignKey(
        LocalPlan,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="needs_reports",
        verbose_name=_("local plan"),
    )
    units = models.ManyToManyField(
        Unit,
        blank=True,
        related_name="needs_reports",
        verbose_name=_("units involved"),
    )
    staff_involvement = models.TextField(_("how staff took part in the assessment"), blank=True)
    leader_involvement = models.TextField(
        _("how leaders took part in the assessment"),
        blank=True,
    )
    partnership = models.ForeignKey(
        Partnership,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="needs_reports",
        verbose_name=_("partnership"),
    )
    uh_partners = models.ManyToManyField(
        Organisation,
        blank=True,
        related_name="uh_needs_reports",
        verbose_name=_("UH partners in the dialogue"),
    )
    uh_dialogue = models.TextField(_("the dialogue with the UH partner"), blank=True)
    needs = models.TextField(_("the needs"), blank=True)
    sami_perspectives = models.TextField(_("Sámi perspectives considered"), blank=True)
    target_groups = models.JSONField(_("target groups"), default=list, blank=True)
    coordinator_requested = models.BooleanField(
        _("a coordinator function is requested"), default=False
    )
    coordinator_description = models.TextField(_("the coordinator function"), blank=True)
    previous = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="continuations",
        verbose_name=_("continued from"),
    )
    # Tells an owner's reports to the same round apart; empty for the only one.
    label = models.CharField(
        _("name of the report"),
        max_length=100,
        blank=True,
        help_text=_("Only needed when you send more than one report, e.g. “Upper secondary”."),
    )
    return_reason = models.TextField(_("reason for returning"), blank=True)
    # Set by the caseworker: the report may be submitted after the deadline.
    reopened = models.BooleanField(_("reopened after the deadline"), default=False)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    lock_version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["round", "owner__name", "network__name"]
        verbose_name = _("needs report")
        verbose_name_plural = _("needs reports")
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(owner__isnull=False, network__isnull=True)
                    | Q(owner__isnull=True, network__isnull=False)
                ),
                name="needsreport_one_author",
            ),
            # An owner may send several reports to a round (a county municipality
            # for separate school types, say), each under its own name.
            models.UniqueConstraint(
                fields=["round", "owner", "label"],
                condition=Q(owner__isnull=False),
                name="needsreport_one_per_owner_round_and_label",
            ),
            models.UniqueConstraint(
                fields=["round", "network", "label"],
                condition=Q(network__isnull=False),
                name="needsreport_one_per_network_round_and_label",
            ),
        ]
        indexes = [models.Index(fields=["round", "state"])]

    def __str__(self):
        return f"{self.heading} – {self.round}"

    @property
    def heading(self) -> str:
        """The author, with the report's name when it has one."""
        return f"{self.author} ({self.label})" if self.label else str(self.author)

    @property
    def author(self):
        """The owner or the network that writes the report."""
        return self.owner or self.network

    def author_owners(self) -> list[Organisation]:
        """The owners the report speaks for: the owner, or the network's members."""
        if self.owner_id:
            return [self.owner]
        return list(self.network.members.all())

    def total_for_year(self, index: int) -> Decimal:
        return sum((m.amount(index) for m in self.measures.all()), Decimal(0))

    @property
    def total(self) -> Decimal:
        return sum((m.total for m in self.measures.all()), Decimal(0))


class MeasureCategory:
    """The general category; earmarked categories come from the rule set."""

    GENERAL = "general"


def money_field(label, **kwargs):
    return models.DecimalField(
        label,
        max_digits=12,
        decimal_places=0,
        validators=[MinValueValidator(Decimal(0))],
        **kwargs,
    )


class ProposedMeasure(models.Model):
    """A measure the report proposes, with amounts for up to three years."""

    report = models.ForeignKey(
        NeedsReport,
        on_delete=models.CASCADE,
        related_name="measures",
        verbose_name=_("needs report"),
    )
    position = models.PositiveIntegerField(_("order"), default=0)
    title = models.CharField(_("measure"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    category = models.CharField(_("category"), max_length=60, default=MeasureCategory.GENERAL)
    individual_further_education = models.BooleanField(
        _("individual further education"),
        default=False,
        help_text=_("Videreutdanning for single persons rather than the unit as a whole."),
    )
    amount_year1 = money_field(_("amount, year 1"), default=Decimal(0))
    amount_year2 = money_field(_("amount, year 2"), null=True, blank=True)
    amount_year3 = money_field(_("amount, year 3"), null=True, blank=True)
    co_financing = money_field(_("planned co-financing"), null=True, blank=True)
    # Measures shall be anchored in the owners' local plans: which plan, and which
    # of its priorities, the measure comes from (checked on submission).
    local_plan = models.ForeignKey(
        LocalPlan,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="proposed_measures",
        verbose_name=_("local plan"),
    )
    local_plan_priority = models.CharField(
        _("priority in the local plan"), max_length=300, blank=True
    )
    # Kompetanseløftet: who in the team around the child beyond the unit's staff
    # takes part ("ppt", "other_services").
    team_around_child = models.JSONField(_("the team around the child"), default=list, blank=True)
    team_around_child_description = models.TextField(
        _("how the team around the child takes part"), blank=True
    )
    carried_from = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("carried over from"),
    )
    # A measure carried over from last year's report waits for the owner to
    # confirm or revise its amounts; until then the report cannot be submitted.
    confirmed = models.BooleanField(_("confirmed"), default=True)

    class Meta:
        ordering = ["report", "position", "id"]
        verbose_name = _("proposed measure")
        verbose_name_plural = _("proposed measures")

    def __str__(self):
        return self.title

    def amount(self, index: int) -> Decimal:
        """The amount for year ``index`` (1–3), zero when none is given."""
        return getattr(self, f"amount_year{index}") or Decimal(0)

    @property
    def amounts(self) -> tuple[Decimal, ...]:
        return tuple(self.amount(i) for i in range(1, MAX_YEARS + 1))

    @property
    def total(self) -> Decimal:
        return sum(self.amounts, Decimal(0))


class Reminder(models.Model):
    """One reminder of one deadline to one person; the record makes sending idempotent."""

    round = models.ForeignKey(
        "schemes.Round",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("round"),
    )
    deadline = models.CharField(_("deadline"), max_length=40)
    due = models.DateField(_("due"))
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="needs_reminders",
        verbose_name=_("recipient"),
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(_("e-mail sent"), null=True, blank=True)

    class Meta:
        ordering = ["due", "id"]
        verbose_name = _("reminder")
        verbose_name_plural = _("reminders")
        constraints = [
            models.UniqueConstraint(
                fields=["round", "deadline", "recipient"],
                name="reminder_once_per_deadline",
            ),
        ]

    def __str__(self):
        return f"{self.deadline} {self.due} → {self.recipient}"

"""Schemes, their rule sets per year, funding rounds and commitments.

A rule set's parameters are data (a JSON object validated by the pure rules
package), so a new year's rules need neither code nor a migration. A round is
one scheme, one year and one state administrator office; its phase changes
only through the services in ``services.py``, which read the transition table
in ``workflow.py``.
"""

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q, Sum
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from kompetansemidler.registry.models import GovernorOffice
from kompetansemidler.rules import RuleSetParameters

from .extensions import round_commitment_rows
from .workflow import RoundPhase

YEAR_VALIDATORS = [MinValueValidator(2020), MaxValueValidator(2100)]


class SchemeCode(models.TextChoices):
    KINDERGARTEN = "rekom", _("Rekom (kindergarten)")
    SCHOOL = "dekom", _("Dekom (school)")
    SPECIAL_NEEDS = "kompetanseloftet", _("Kompetanseløftet (special needs)")


class Scheme(models.Model):
    """One of the three sub-schemes. Names are data, in each written language."""

    code = models.SlugField(_("code"), max_length=30, unique=True)
    short_name = models.CharField(_("short name"), max_length=40)
    name_nb = models.CharField(_("name (Bokmål)"), max_length=200)
    name_nn = models.CharField(_("name (Nynorsk)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200)

    # Kindergarten first, as the seed text lists them.
    class Meta:
        ordering = ["id"]
        verbose_name = _("scheme")
        verbose_name_plural = _("schemes")

    def __str__(self):
        return self.short_name

    @property
    def name(self) -> str:
        """The full name in the current language (Bokmål when unknown)."""
        language = (get_language() or "nb")[:2]
        return getattr(self, f"name_{language}", "") or self.name_nb


def validate_parameters(value) -> None:
    """Model-level guard: stored parameters must parse. Messages in English here;
    the edit form shows them translated, tied to the field they concern."""
    _parameters, findings = RuleSetParameters.from_dict(value)
    if findings:
        raise ValidationError(
            [f"{f.target}: {f.text()}" if f.target else f.text() for f in findings]
        )


class RuleSet(models.Model):
    """The rules in force for one scheme in one year."""

    scheme = models.ForeignKey(
        Scheme,
        on_delete=models.PROTECT,
        related_name="rule_sets",
        verbose_name=_("scheme"),
    )
    year = models.PositiveSmallIntegerField(_("year"), validators=YEAR_VALIDATORS)
    parameters = models.JSONField(_("parameters"), validators=[validate_parameters])
    valid_from = models.DateField(_("valid from"))
    notes = models.TextField(_("notes"), blank=True)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("last changed by"),
    )

    class Meta:
        ordering = ["scheme", "-year"]
        verbose_name = _("rule set")
        verbose_name_plural = _("rule sets")
        constraints = [
            models.UniqueConstraint(fields=["scheme", "year"], name="ruleset_unique_scheme_year"),
        ]

    def __str__(self):
        return f"{self.scheme} {self.year}"

    @property
    def params(self) -> RuleSetParameters:
        """The parsed parameters. Raises ValueError if the stored data is invalid
        (the system check schemes.E001 reports that at start-up)."""
        parameters, findings = RuleSetParameters.from_dict(self.parameters)
        if parameters is None:
            raise ValueError(f"Rule set {self}: " + "; ".join(f.text() for f in findings))
        return parameters


class Round(models.Model):
    """A funding round (tildelingsår): one scheme, one year, one office."""

    scheme = models.ForeignKey(
        Scheme,
        on_delete=models.PROTECT,
        related_name="rounds",
        verbose_name=_("scheme"),
    )
    year = models.PositiveSmallIntegerField(_("year"), validators=YEAR_VALIDATORS)
    office = models.ForeignKey(
        GovernorOffice,
        on_delete=models.PROTECT,
        related_name="rounds",
        verbose_name=_("state administrator office"),
    )
    rule_set = models.ForeignKey(
        RuleSet,
        on_delete=models.PROTECT,
        related_name="rounds",
        verbose_name=_("rule set"),
    )
    frame = models.DecimalField(
        _("frame (NOK)"),
        max_digits=14,
        decimal_places=0,
        help_text=_("The money Udir gives the office for this scheme and year, in whole kroner."),
    )
    needs_deadline = models.DateField(_("deadline for needs reports"))
    recommendation_deadline = models.DateField(_("deadline for the recommendation"))
    decision_deadline = models.DateField(_("deadline for decisions"))
    annual_report_deadline = models.DateField(_("deadline for the annual report"))
    phase = models.CharField(
        _("phase"),
        max_length=30,
        choices=RoundPhase.choices,
        default=RoundPhase.PLANNED,
    )
    created_at = models.DateTimeField(_("opened"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("opened by"),
    )
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)

    class Meta:
        ordering = ["-year", "scheme", "office"]
        verbose_name = _("funding round")
        verbose_name_plural = _("funding rounds")
        constraints = [
            models.UniqueConstraint(
                fields=["scheme", "year", "office"],
                name="round_unique_scheme_year_office",
            ),
            models.CheckConstraint(condition=Q(frame__gte=0), name="round_frame_not_negative"),
        ]

    def __str__(self):
        return f"{self.scheme} {self.year} – {self.office}"

    @property
    def committed(self) -> Decimal:
        """Committed against this round: its typed commitments (history from before
        the product) plus the later-year amounts of earlier rounds' issued decisions
        of the same office and scheme for this year (``extensions.COMMITTED``)."""
        if hasattr(self, "committed_sum"):
            return self.committed_sum or Decimal(0)
        typed = self.commitments.filter(withdrawn_at__isnull=True).aggregate(total=Sum("amount"))[
            "total"
        ] or Decimal(0)
        return typed + sum((amount for amount, _c in round_commitment_rows(self)), Decimal(0))

    @property
    def set_aside(self) -> Decimal:
        """Set aside of the allocation for purposes distributed another way."""
        if hasattr(self, "set_aside_sum"):
            return self.set_aside_sum or Decimal(0)
        return self.set_asides.filter(withdrawn_at__isnull=True).aggregate(total=Sum("amount"))[
            "total"
        ] or Decimal(0)

    @property
    def available(self) -> Decimal:
        """Available to the forum: allocation less set-asides less commitments
        (negative when the allocation was cut below what is bound)."""
        return self.frame - self.set_aside - self.committed


class Commitment(models.Model):
    """A typed commitment: money an earlier multi-year decision made before the
    product binds in a round (the round's year is its budget year), with its
    source in words and its category. Decisions made in the product commit their
    later years through their own rows instead (``extensions.COMMITTED``).

    Corrected or withdrawn only through the services, with a reason and an event.
    """

    round = models.ForeignKey(
        Round,
        on_delete=models.CASCADE,
        related_name="commitments",
        verbose_name=_("round"),
    )
    amount = models.DecimalField(
        _("amount (NOK)"),
        max_digits=14,
        decimal_places=0,
        validators=[MinValueValidator(Decimal(1))],
    )
    source = models.CharField(_("source"), max_length=300)
    # "general", or one of the rule set's earmarked categories (Rekom): earmarked
    # commitments count against the earmark cap of the round they bind.
    category = models.CharField(_("category"), max_length=40, default="general")
    source_round = models.ForeignKey(
        Round,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("from round"),
    )
    created_at = models.DateTimeField(_("registered"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("registered by"),
    )
    withdrawn_at = models.DateTimeField(_("withdrawn"), null=True, blank=True)
    withdrawn_reason = models.TextField(_("why it was withdrawn"), blank=True)

    class Meta:
        ordering = ["round", "id"]
        verbose_name = _("commitment")
        verbose_name_plural = _("commitments")
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="commitment_amount_positive"),
        ]

    def __str__(self):
        return f"{self.round}: {self.amount} ({self.source})"

    @property
    def is_active(self) -> bool:
        return self.withdrawn_at is None


class AllocationKind(models.TextChoices):
    INITIAL = "initial", _("Initial allocation")
    REVISED = "revised", _("Revised national budget")
    RETURNED = "returned", _("Money returned to Udir")
    SUPPLEMENTARY = "supplementary", _("Supplementary allocation")


class Allocation(models.Model):
    """Udir's allocation (tildeling) to one office for one scheme and year.

    ``amount`` is the current sum of its entries, kept by ``allocation_enter``
    in the same transaction as the entry; the entries are the history.
    """

    office = models.ForeignKey(
        GovernorOffice,
        on_delete=models.PROTECT,
        related_name="allocations",
        verbose_name=_("state administrator office"),
    )
    scheme = models.ForeignKey(
        Scheme, on_delete=models.PROTECT, related_name="allocations", verbose_name=_("scheme")
    )
    year = models.PositiveSmallIntegerField(_("year"), validators=YEAR_VALIDATORS)
    amount = models.DecimalField(
        _("allocation (NOK)"), max_digits=14, decimal_places=0, default=Decimal(0)
    )

    class Meta:
        ordering = ["-year", "office", "scheme"]
        verbose_name = _("allocation")
        verbose_name_plural = _("allocations")
        constraints = [
            models.UniqueConstraint(
                fields=["office", "scheme", "year"], name="allocation_unique_office_scheme_year"
            ),
            models.CheckConstraint(
                condition=Q(amount__gte=0), name="allocation_amount_not_negative"
            ),
        ]

    def __str__(self):
        return f"{self.scheme} {self.year} – {self.office}"


class AllocationEntry(models.Model):
    """One dated, reasoned change of an allocation; never changed or deleted."""

    allocation = models.ForeignKey(
        Allocation,
        on_delete=models.PROTECT,
        related_name="entries",
        verbose_name=_("allocation"),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=AllocationKind.choices)
    amount = models.DecimalField(
        _("change (NOK)"),
        max_digits=14,
        decimal_places=0,
        help_text=_("The change in whole kroner: negative for a cut or money returned."),
    )
    dated = models.DateField(_("dated"))
    reason = models.TextField(_("reason"))
    created_at = models.DateTimeField(_("registered"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("registered by"),
    )

    class Meta:
        ordering = ["allocation", "dated", "id"]
        verbose_name = _("allocation entry")
        verbose_name_plural = _("allocation entries")

    def __str__(self):
        return f"{self.allocation}: {self.amount} ({self.get_kind_display()})"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise ValueError("An allocation entry is never changed; add a new entry instead.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValueError("An allocation entry is never deleted; add a new entry instead.")


class SetAside(models.Model):
    """Part of a round's allocation set aside for a named purpose that is
    distributed another way (e.g. facilitation funds), on the forum's decision."""

    round = models.ForeignKey(
        Round, on_delete=models.PROTECT, related_name="set_asides", verbose_name=_("round")
    )
    purpose = models.CharField(_("purpose"), max_length=200)
    # "general", or one of the round's rule set's earmarked categories.
    category = models.CharField(_("category"), max_length=40, default="general")
    amount = models.DecimalField(
        _("amount (NOK)"),
        max_digits=14,
        decimal_places=0,
        validators=[MinValueValidator(Decimal(1))],
    )
    forum_decision_date = models.DateField(_("date of the forum's decision"))
    forum_decision_text = models.TextField(_("the forum's decision (from the minutes)"))
    recorded_at = models.DateTimeField(_("recorded"), auto_now_add=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    withdrawn_at = models.DateTimeField(_("withdrawn"), null=True, blank=True)
    withdrawn_reason = models.TextField(_("why it was withdrawn"), blank=True)

    class Meta:
        ordering = ["round", "id"]
        verbose_name = _("set-aside")
        verbose_name_plural = _("set-asides")
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="set_aside_amount_positive"),
        ]

    def __str__(self):
        return f"{self.purpose}: {self.amount}"

    @property
    def is_active(self) -> bool:
        return self.withdrawn_at is None

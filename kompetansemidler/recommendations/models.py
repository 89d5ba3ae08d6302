"""The forum's recommendation (innstilling) for a round, its lines and the adoption vote.

A round may have several draft versions (scenarios) per forum; one of them is
adopted, after which it is frozen: the services in ``services.py`` refuse
every change to a recommendation that is no longer a draft. Amounts are whole
kroner; year 1 is the round's own year, years 2 and 3 are what a multi-year
measure will ask of the next rounds.
"""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from kompetansemidler.forums.models import ForumMember, Priority
from kompetansemidler.needs.models import NeedsReport, ProposedMeasure
from kompetansemidler.registry.models import Forum, Network, Organisation

MAX_YEARS = 3


class RecommendationState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    ADOPTED = "adopted", _("Adopted")
    SENT = "sent", _("Sent to the state administrator")


class AdoptionMethod(models.TextChoices):
    CONSENSUS = "consensus", _("By consensus")
    VOTE = "vote", _("By a recorded vote")


class RecommendationKind(models.TextChoices):
    ORDINARY = "ordinary", _("Ordinary")
    # A later recommendation of the same forum and round for the left-over money
    # (restmidler), checked against what is still available after the decisions.
    SUPPLEMENTARY = "supplementary", _("Supplementary")


class Recommendation(models.Model):
    round = models.ForeignKey(
        "schemes.Round",
        on_delete=models.PROTECT,
        related_name="recommendations",
        verbose_name=_("funding round"),
    )
    forum = models.ForeignKey(
        Forum,
        on_delete=models.PROTECT,
        related_name="recommendations",
        verbose_name=_("forum"),
    )
    name = models.CharField(_("name of the version"), max_length=120)
    kind = models.CharField(
        _("kind"),
        max_length=20,
        choices=RecommendationKind.choices,
        default=RecommendationKind.ORDINARY,
    )
    # A supplementary recommendation: year 1 of the round's decisions when it was
    # adopted, so its check keeps reading what was left then, not after its own
    # decisions. Empty while a draft (the check reads the decisions as they are).
    decided_before = models.DecimalField(
        _("decided in the round before adoption"),
        max_digits=14,
        decimal_places=0,
        null=True,
        blank=True,
    )
    copied_from = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("copied from"),
    )
    state = models.CharField(
        _("state"),
        max_length=20,
        choices=RecommendationState.choices,
        default=RecommendationState.DRAFT,
    )
    adoption_method = models.CharField(
        _("adopted"),
        max_length=20,
        choices=AdoptionMethod.choices,
        blank=True,
    )
    adoption_note = models.TextField(_("minutes of the adoption"), blank=True)
    adopted_at = models.DateTimeField(_("adopted"), null=True, blank=True)
    adopted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("adoption recorded by"),
    )
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)
    # Optimistic lock: a save names the version it started from.
    lock_version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["round", "forum", "id"]
        verbose_name = _("recommendation")
        verbose_name_plural = _("recommendations")
        constraints = [
            # A forum adopts one ordinary recommendation per round; supplementary
            # ones follow it, one at a time (checked by recommendation_adopt).
            models.UniqueConstraint(
                fields=["round", "forum"],
                condition=~Q(state="draft") & Q(kind="ordinary"),
                name="recommendation_one_adopted_ordinary_per_round_and_forum",
            ),
        ]

    def __str__(self):
        return f"{self.name} – {self.round}"

    @property
    def is_draft(self) -> bool:
        return self.state == RecommendationState.DRAFT

    @property
    def is_supplementary(self) -> bool:
        return self.kind == RecommendationKind.SUPPLEMENTARY


class RecipientKind(models.TextChoices):
    # The same codes as kompetansemidler.rules.recommendation.RECIPIENT_KINDS.
    OWNER = "owner", _("Owner")
    NETWORK = "network", _("Competence network")
    JOINT_MEASURE = "joint_measure", _("County-wide joint measure")
    UH = "uh", _("University or university college")


def money_field(label, **kwargs):
    return models.DecimalField(
        label,
        max_digits=12,
        decimal_places=0,
        validators=[MinValueValidator(Decimal(0))],
        **kwargs,
    )


class RecommendationLine(models.Model):
    """One recipient and one measure: its rank and the amounts the forum sets.

    A line funds a proposed measure of an accepted needs report, or is a
    county-wide joint measure (fellestiltak) the forum creates itself, which
    then names the needs report it answers (``basis_report``) and its UH partner.
    """

    recommendation = models.ForeignKey(
        Recommendation,
        on_delete=models.CASCADE,
        related_name="lines",
        verbose_name=_("recommendation"),
    )
    rank = models.PositiveIntegerField(_("rank"))
    measure = models.ForeignKey(
        ProposedMeasure,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("proposed measure"),
    )
    title = models.CharField(_("measure"), max_length=200)
    category = models.CharField(_("category"), max_length=60, default="general")
    basis_report = models.ForeignKey(
        NeedsReport,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("needs report"),
    )
    partner = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("UH partner"),
    )
    recipient_kind = models.CharField(
        _("recipient"),
        max_length=20,
        choices=RecipientKind.choices,
    )
    recipient_organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="recommendation_lines",
        verbose_name=_("receiving organisation"),
    )
    recipient_network = models.ForeignKey(
        Network,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="recommendation_lines",
        verbose_name=_("receiving network"),
    )
    amount_year1 = money_field(_("amount, year 1"), default=Decimal(0))
    amount_year2 = money_field(_("amount, year 2"), default=Decimal(0))
    amount_year3 = money_field(_("amount, year 3"), default=Decimal(0))
    co_financing = money_field(_("own financing"), default=Decimal(0))
    is_coordinator = models.BooleanField(_("coordinator function"), default=False)
    coordinator_decision = models.CharField(
        _("forum decision on the coordinator"),
        max_length=200,
        blank=True,
        help_text=_("The reference of the recorded forum decision, e.g. “Sak 12/2026”."),
    )
    priority = models.ForeignKey(
        Priority,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("priority in the long-term plan"),
    )
    pro_rata_key = models.CharField(_("pro-rata key"), max_length=20, blank=True)
    justification = models.TextField(_("justification for warnings"), blank=True)

    class Meta:
        ordering = ["recommendation", "rank", "id"]
        verbose_name = _("recommendation line")
        verbose_name_plural = _("recommendation lines")
        constraints = [
            models.CheckConstraint(
                condition=Q(
                    amount_year1__gte=0,
                    amount_year2__gte=0,
                    amount_year3__gte=0,
                    co_financing__gte=0,
                ),
                name="recommendationline_amounts_not_negative",
            ),
        ]

    def __str__(self):
        return f"{self.rank}. {self.title}"

    @property
    def recipient(self):
        return self.recipient_organisation or self.recipient_network

    @property
    def recipient_label(self) -> str:
        if self.recipient is not None:
            return str(self.recipient)
        return str(RecipientKind(self.recipient_kind).label)

    def amount(self, index: int) -> Decimal:
        return getattr(self, f"amount_year{index}")

    @property
    def amounts(self) -> tuple[Decimal, ...]:
        return tuple(self.amount(i) for i in range(1, MAX_YEARS + 1))


class VoteChoice(models.TextChoices):
    FOR = "for", _("For")
    AGAINST = "against", _("Against")
    ABSTAIN = "abstain", _("Abstains")
    # A member with a declared conflict of interest for the line's organisation.
    RECUSED = "recused", _("Does not vote (conflict of interest)")


class Vote(models.Model):
    """A member's recorded vote: on the whole recommendation (``line`` empty), or,
    for a member with a conflict of interest, the lines it does not vote on."""

    recommendation = models.ForeignKey(
        Recommendation,
        on_delete=models.CASCADE,
        related_name="votes",
        verbose_name=_("recommendation"),
    )
    member = models.ForeignKey(
        ForumMember,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("member"),
    )
    line = models.ForeignKey(
        RecommendationLine,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="votes",
        verbose_name=_("line"),
    )
    choice = models.CharField(_("vote"), max_length=20, choices=VoteChoice.choices)

    class Meta:
        ordering = ["recommendation", "member__name", "line__rank"]
        verbose_name = _("vote")
        verbose_name_plural = _("votes")
        constraints = [
            models.UniqueConstraint(
                fields=["recommendation", "member"],
                condition=Q(line__isnull=True),
                name="vote_once_per_member",
            ),
            models.UniqueConstraint(
                fields=["recommendation", "member", "line"],
                condition=Q(line__isnull=False),
                name="vote_once_per_member_and_line",
            ),
        ]

    def __str__(self):
        return f"{self.member.name}: {self.get_choice_display()}"

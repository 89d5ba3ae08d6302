"""The collaboration forum's own records: the schemes it covers, its members,
their declared conflicts of interest, and its long-term plan with versions.

The forum itself (name, office, counties) is ``registry.Forum``, so that roles
can be scoped to it; everything here hangs off that row.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from kompetansemidler.accounts.models import Representation
from kompetansemidler.registry.models import Forum, Municipality, Organisation
from kompetansemidler.schemes.models import Scheme


class ForumScheme(models.Model):
    forum = models.ForeignKey(
        Forum,
        on_delete=models.CASCADE,
        related_name="schemes",
        verbose_name=_("forum"),
    )
    scheme = models.ForeignKey(
        Scheme,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("scheme"),
    )

    class Meta:
        ordering = ["forum", "scheme"]
        verbose_name = _("scheme covered by a forum")
        verbose_name_plural = _("schemes covered by forums")
        constraints = [
            models.UniqueConstraint(fields=["forum", "scheme"], name="forumscheme_unique"),
        ]

    def __str__(self):
        return f"{self.forum} – {self.scheme}"


class ForumMemberQuerySet(models.QuerySet):
    def current(self, on):
        """Members whose period covers the day ``on`` and that have not been ended."""
        return self.filter(period_from__lte=on).filter(
            Q(period_to__isnull=True) | Q(period_to__gte=on)
        )


class ForumMember(models.Model):
    """A person's seat in a forum, for a period, approved by a caseworker."""

    forum = models.ForeignKey(
        Forum,
        on_delete=models.PROTECT,
        related_name="members",
        verbose_name=_("forum"),
    )
    name = models.CharField(_("name"), max_length=200)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="forum_memberships",
        verbose_name=_("user account"),
    )
    representation = models.CharField(
        _("representation"),
        max_length=30,
        choices=Representation.choices,
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="forum_members",
        verbose_name=_("organisation represented"),
    )
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("municipality as kindergarten authority"),
    )
    votes = models.BooleanField(_("has a vote"), default=True)
    is_deputy = models.BooleanField(_("deputy"), default=False)
    period_from = models.DateField(_("member from"))
    period_to = models.DateField(_("member until"), null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
        verbose_name=_("approved by"),
    )
    approved_at = models.DateTimeField(_("approved"), auto_now_add=True)
    ended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("ended by"),
    )

    objects = ForumMemberQuerySet.as_manager()

    class Meta:
        ordering = ["forum", "representation", "is_deputy", "name"]
        verbose_name = _("forum member")
        verbose_name_plural = _("forum members")
        constraints = [
            # The secretariat (the state administrator) never votes.
            models.CheckConstraint(
                condition=~Q(representation=Representation.SECRETARIAT) | Q(votes=False),
                name="forummember_secretariat_never_votes",
            ),
            models.CheckConstraint(
                condition=Q(period_to__isnull=True) | Q(period_to__gte=models.F("period_from")),
                name="forummember_period_in_order",
            ),
        ]

    def __str__(self):
        return f"{self.name} ({self.get_representation_display()})"


class ConflictOfInterest(models.Model):
    """A member's declared conflict of interest (habilitet) for an organisation.

    Adoption votes read these: a member does not vote on the lines that
    concern an organisation it has declared a conflict for.
    """

    member = models.ForeignKey(
        ForumMember,
        on_delete=models.PROTECT,
        related_name="conflicts",
        verbose_name=_("member"),
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("organisation"),
    )
    declared_on = models.DateField(_("declared on"))
    description = models.TextField(_("description"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    recorded_at = models.DateTimeField(_("recorded"), auto_now_add=True)

    class Meta:
        ordering = ["member", "-declared_on", "-id"]
        verbose_name = _("declared conflict of interest")
        verbose_name_plural = _("declared conflicts of interest")

    def __str__(self):
        return f"{self.member.name} – {self.organisation}"


YEAR_VALIDATORS = [MinValueValidator(2000), MaxValueValidator(2100)]


class LongTermPlan(models.Model):
    """One version of a forum's long-term plan (langsiktig felles plan).

    A change never edits a version: it creates the next one as a copy, so
    every earlier version stays readable. The newest version is the plan in
    force.
    """

    forum = models.ForeignKey(
        Forum,
        on_delete=models.PROTECT,
        related_name="long_term_plans",
        verbose_name=_("forum"),
    )
    version = models.PositiveIntegerField(_("version"))
    from_year = models.PositiveIntegerField(_("from year"), validators=YEAR_VALIDATORS)
    to_year = models.PositiveIntegerField(_("to year"), validators=YEAR_VALIDATORS)
    adopted_on = models.DateField(_("adopted on"), null=True, blank=True)
    summary = models.TextField(_("summary"), blank=True)
    change_note = models.CharField(_("what changed"), max_length=300, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["forum", "-version"]
        verbose_name = _("long-term plan")
        verbose_name_plural = _("long-term plans")
        constraints = [
            models.UniqueConstraint(fields=["forum", "version"], name="longtermplan_version"),
            models.CheckConstraint(
                condition=Q(to_year__gte=models.F("from_year")),
                name="longtermplan_years_in_order",
            ),
        ]

    def __str__(self):
        return f"{self.forum} {self.from_year}–{self.to_year} (v{self.version})"

    @property
    def years(self) -> range:
        return range(self.from_year, self.to_year + 1)


class Priority(models.Model):
    """A priority of the long-term plan; recommendation lines link to these."""

    plan = models.ForeignKey(
        LongTermPlan,
        on_delete=models.CASCADE,
        related_name="priorities",
        verbose_name=_("long-term plan"),
    )
    code = models.CharField(_("code"), max_length=20)
    text = models.TextField(_("priority"))
    position = models.PositiveIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["plan", "position", "code"]
        verbose_name = _("priority")
        verbose_name_plural = _("priorities")
        constraints = [
            models.UniqueConstraint(fields=["plan", "code"], name="priority_code_per_plan"),
        ]

    def __str__(self):
        return f"{self.code} {self.text[:60]}"


class PlanFrame(models.Model):
    """The money the plan sets for one scheme in one year, in whole kroner."""

    plan = models.ForeignKey(
        LongTermPlan,
        on_delete=models.CASCADE,
        related_name="frames",
        verbose_name=_("long-term plan"),
    )
    year = models.PositiveIntegerField(_("year"), validators=YEAR_VALIDATORS)
    scheme = models.ForeignKey(
        Scheme,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("scheme"),
    )
    amount = models.DecimalField(
        _("amount (NOK)"),
        max_digits=14,
        decimal_places=0,
        validators=[MinValueValidator(0)],
    )

    class Meta:
        ordering = ["plan", "year", "scheme"]
        verbose_name = _("frame of the long-term plan")
        verbose_name_plural = _("frames of the long-term plan")
        constraints = [
            models.UniqueConstraint(fields=["plan", "year", "scheme"], name="planframe_unique"),
            models.CheckConstraint(
                condition=Q(amount__gte=0),
                name="planframe_amount_not_negative",
            ),
        ]

    def __str__(self):
        return f"{self.year} {self.scheme}: {self.amount}"

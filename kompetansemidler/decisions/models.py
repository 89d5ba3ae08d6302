"""The state administrator's decisions (vedtak) on a sent recommendation, their
grant letters (tilskuddsbrev), payments, appeals (klage) and the repayment or
carry-over of unused funds.

One decision per recipient of the recommendation. Its money lives in
``DecisionAmount`` rows, one per budget year and category, in whole kroner;
the first budget year is the round's own year, later years are commitments
against the same scheme's and office's rounds of those years (whether or not
they are opened yet). State changes go through the
services in ``services.py``, which read the transition table there.
"""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from kompetansemidler.recommendations.models import RecipientKind
from kompetansemidler.registry.models import Network, Organisation, OrganisationKind

MAX_YEARS = 3
# The ordinary category; the others are the rule set's earmarked categories.
GENERAL = "general"


class DecisionState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    ISSUED = "issued", _("Issued")
    # Issued, then changed after an appeal; a new letter replaces the old one.
    CHANGED = "changed", _("Changed after an appeal")


def money_field(label, **kwargs):
    return models.DecimalField(
        label, max_digits=12, decimal_places=0, validators=[MinValueValidator(Decimal(0))], **kwargs
    )


# The criteria the caseworker confirms for every decision, in the order shown.
CHECKLIST = (
    (
        "c1",
        _(
            "C1 needs-based: the measures trace to a needs report that involved staff, "
            "leaders and a UH dialogue"
        ),
    ),
    ("c2", _("C2 collective and unit-based: no individual further education")),
    ("c3", _("C3 partnership: planned and run together with a UH")),
    ("money", _("Money rules: within the frame, earmark cap and co-financing")),
)


class DecisionQuerySet(models.QuerySet):
    def with_paid(self):
        """Each decision with ``paid``: the sum of its paid payments (approved, or
        confirmed by the finance system; see ``PAID_STATES``), 0 when none.

        A correlated subquery, not a join: it adds nothing to the grouping of the
        rest of the query, and a paginated list sums the payments of its page only.
        """
        per_decision = (
            Payment.objects.paid()
            .filter(decision=models.OuterRef("pk"))
            .order_by()
            .values("decision")
            .annotate(total=models.Sum("amount"))
            .values("total")
        )
        return self.annotate(
            paid=Coalesce(
                models.Subquery(
                    per_decision, output_field=models.DecimalField(max_digits=14, decimal_places=0)
                ),
                models.Value(Decimal(0)),
                output_field=models.DecimalField(max_digits=14, decimal_places=0),
            )
        )


class Decision(models.Model):
    round = models.ForeignKey(
        "schemes.Round",
        on_delete=models.PROTECT,
        related_name="decisions",
        verbose_name=_("funding round"),
    )
    # What the decision draws on: the forum's recommendation, or a set-aside of the
    # round (e.g. facilitation funds distributed to owners per participant), whose
    # decisions count inside the set-aside and never again against the round.
    recommendation = models.ForeignKey(
        "recommendations.Recommendation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="decisions",
        verbose_name=_("recommendation"),
    )
    set_aside = models.ForeignKey(
        "schemes.SetAside",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="decisions",
        verbose_name=_("set-aside"),
    )
    participants = models.PositiveIntegerField(
        _("number of participants"),
        null=True,
        blank=True,
        help_text=_("For a set-aside distributed per participant."),
    )
    recipient_kind = models.CharField(_("recipient"), max_length=20, choices=RecipientKind.choices)
    # The organisation the letter is addressed to: the owner, the UH, or the
    # network's coordinating owner (network lead) for a network.
    recipient_organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="decisions",
        verbose_name=_("receiving organisation"),
    )
    recipient_network = models.ForeignKey(
        Network,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="decisions",
        verbose_name=_("receiving network"),
    )
    measures = models.TextField(_("measures"))
    recommended_year1 = money_field(_("recommended, year 1"), default=Decimal(0))
    recommended_year2 = money_field(_("recommended, year 2"), default=Decimal(0))
    recommended_year3 = money_field(_("recommended, year 3"), default=Decimal(0))
    reasons = models.TextField(_("reasons"), blank=True)
    conditions = models.TextField(_("conditions"), blank=True)
    reporting_deadline = models.DateField(_("reporting deadline"))
    justification = models.TextField(
        _("justification for deviating from the recommendation"), blank=True
    )
    checklist = models.JSONField(_("criteria checklist"), default=dict)
    state = models.CharField(
        _("state"), max_length=20, choices=DecisionState.choices, default=DecisionState.DRAFT
    )
    # 1 when issued, one more at each change after an appeal: each revision gets
    # exactly one letter (``Letter.decision_revision``), however often it is asked for.
    revision = models.PositiveIntegerField(_("revision"), default=0)
    # The caseworker who drafted or last changed the draft. Issuing is its approval
    # by another caseworker with budget authority (``issued_by``): the two-person
    # check of core.two_person.
    prepared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("prepared by"),
    )
    issued_at = models.DateTimeField(_("issued"), null=True, blank=True)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("issued by"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)

    objects = DecisionQuerySet.as_manager()

    class Meta:
        ordering = ["round", "recipient_organisation__name", "id"]
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")
        constraints = [
            models.CheckConstraint(
                condition=Q(recommendation__isnull=False, set_aside__isnull=True)
                | Q(recommendation__isnull=True, set_aside__isnull=False),
                name="decision_draws_on_recommendation_or_set_aside",
            ),
            # One decision per owner of a set-aside's distribution.
            models.UniqueConstraint(
                fields=["set_aside", "recipient_organisation"],
                condition=models.Q(set_aside__isnull=False),
                name="decision_one_per_set_aside_recipient",
            ),
            # One decision per recipient of a recommendation. Two partial
            # constraints instead of nulls_distinct=False, which SQLite lacks.
            models.UniqueConstraint(
                fields=["recommendation", "recipient_kind", "recipient_organisation"],
                condition=models.Q(recipient_network__isnull=True),
                name="decision_one_per_organisation_recipient",
            ),
            models.UniqueConstraint(
                fields=["recommendation", "recipient_kind", "recipient_network"],
                condition=models.Q(recipient_network__isnull=False),
                name="decision_one_per_network_recipient",
            ),
        ]

    def __str__(self):
        return f"{self.recipient_label} – {self.round}"

    @property
    def recipient_label(self) -> str:
        return str(self.recipient_network or self.recipient_organisation)

    # Reading the money: every figure below comes from the ``DecisionAmount`` rows,
    # read once per decision (or prefetched for a list: ``prefetch_related("amount_rows")``).

    @property
    def amount_rows_list(self) -> list["DecisionAmount"]:
        """The decision's rows, budget year then category; one query at most per decision."""
        cache = getattr(self, "_prefetched_objects_cache", {})
        if "amount_rows" not in cache:
            if self.pk is None:
                return []
            models.prefetch_related_objects([self], "amount_rows")
        return sorted(
            self._prefetched_objects_cache["amount_rows"],
            key=lambda row: (row.budget_year, row.category != GENERAL, row.category),
        )

    def forget_amounts(self) -> None:
        """Drop the rows read so far; the next read sees what is stored now."""
        getattr(self, "_prefetched_objects_cache", {}).pop("amount_rows", None)

    @property
    def budget_years(self) -> tuple[int, ...]:
        """The budget years the decision grants money for, first year first."""
        return tuple(self.round.year + offset for offset in range(MAX_YEARS))

    def amount_for_budget_year(self, year: int, category: str | None = None) -> Decimal:
        """The decided amount of budget ``year`` (in ``category`` only, when given);
        0 for a year or category it grants nothing.

        The one reader of a decision's money per budget year: payments, commitments
        and statistics count money in its budget year through this.
        """
        return sum(
            (
                row.amount
                for row in self.amount_rows_list
                if row.budget_year == year and (category is None or row.category == category)
            ),
            Decimal(0),
        )

    def co_financing_for_budget_year(self, year: int) -> Decimal:
        """The owner's own financing required in budget ``year`` (0 when none)."""
        return sum(
            (row.co_financing for row in self.amount_rows_list if row.budget_year == year),
            Decimal(0),
        )

    @property
    def amounts(self) -> tuple[Decimal, ...]:
        """The decided amount of each budget year, first year first (all categories)."""
        return tuple(self.amount_for_budget_year(year) for year in self.budget_years)

    @property
    def co_financings(self) -> tuple[Decimal, ...]:
        """The own financing required in each budget year, first year first."""
        return tuple(self.co_financing_for_budget_year(year) for year in self.budget_years)

    @property
    def co_financing(self) -> Decimal:
        """The own financing required over every budget year of the grant."""
        return sum(self.co_financings, Decimal(0))

    @property
    def categories(self) -> tuple[str, ...]:
        """The categories the decision grants money in, ``general`` first."""
        found = {row.category for row in self.amount_rows_list}
        return tuple(sorted(found, key=lambda c: (c != GENERAL, c)))

    @property
    def main_category(self) -> str:
        """The category a change of a year's total goes to: ``general`` when the
        decision has it, else its (first) earmarked category."""
        if self.categories:
            return self.categories[0]
        # A set-aside's decisions grant money in the set-aside's category.
        return self.set_aside.category if self.set_aside_id is not None else GENERAL

    def amounts_by_category(self) -> dict[str, tuple[Decimal, ...]]:
        """Each category's amount per budget year, first year first."""
        return {
            category: tuple(
                self.amount_for_budget_year(year, category) for year in self.budget_years
            )
            for category in self.categories
        }

    @property
    def amount_year1(self) -> Decimal:
        return self.amounts[0]

    @property
    def amount_year2(self) -> Decimal:
        return self.amounts[1]

    @property
    def amount_year3(self) -> Decimal:
        return self.amounts[2]

    @property
    def recommended(self) -> tuple[Decimal, ...]:
        return tuple(getattr(self, f"recommended_year{i}") for i in range(1, MAX_YEARS + 1))

    @property
    def total(self) -> Decimal:
        return sum(self.amounts, Decimal(0))

    @property
    def deviates(self) -> bool:
        return self.amounts != self.recommended

    @property
    def has_appeal_right(self) -> bool:
        """Whether the decision is an enkeltvedtak the recipient may appeal: rule-set
        data per recipient kind (as a rule private parties; not municipalities,
        county municipalities or the state). Otherwise the recipient may ask the
        office to reconsider."""
        kinds = self.round.rule_set.params.appeal_right_kinds
        organisation = self.recipient_organisation
        # A privately owned university college is a private party like a private owner.
        private = organisation.privately_owned and OrganisationKind.PRIVATE_OWNER in kinds
        return organisation.kind in kinds or private

    @property
    def is_draft(self) -> bool:
        return self.state == DecisionState.DRAFT

    @property
    def is_issued(self) -> bool:
        return self.state in (DecisionState.ISSUED, DecisionState.CHANGED)


class DecisionAmount(models.Model):
    """The money a decision grants in one budget year and category.

    ``category`` is ``general`` or one of the round's rule set's earmarked
    categories (Rekom), as on the recommendation lines the decision was made
    from. A row of a later budget year than the round's is a commitment
    against that year's round of the same office and scheme.
    ``co_financing`` is the owner's own financing required for it (Dekom).
    """

    decision = models.ForeignKey(
        Decision, on_delete=models.CASCADE, related_name="amount_rows", verbose_name=_("decision")
    )
    budget_year = models.PositiveSmallIntegerField(
        _("budget year"), validators=[MinValueValidator(2020), MaxValueValidator(2100)]
    )
    category = models.CharField(_("category"), max_length=60, default=GENERAL)
    amount = money_field(_("amount"), default=Decimal(0))
    co_financing = money_field(_("own financing required"), default=Decimal(0))

    class Meta:
        ordering = ["decision", "budget_year", "category"]
        verbose_name = _("decided amount")
        verbose_name_plural = _("decided amounts")
        constraints = [
            models.UniqueConstraint(
                fields=["decision", "budget_year", "category"],
                name="decisionamount_one_per_year_and_category",
            ),
            models.CheckConstraint(
                condition=Q(amount__gte=0, co_financing__gte=0),
                name="decisionamount_not_negative",
            ),
        ]

    def __str__(self):
        return f"{self.decision_id} {self.budget_year} {self.category}: {self.amount}"


class Letter(models.Model):
    """One grant letter as sent; a changed decision gets a new one, the old stays."""

    decision = models.ForeignKey(
        Decision, on_delete=models.CASCADE, related_name="letters", verbose_name=_("decision")
    )
    version = models.PositiveSmallIntegerField(_("version"))
    # The decision's revision this letter states; a second letter for the same one
    # would be a duplicate (the same decision journalled and e-mailed twice).
    decision_revision = models.PositiveIntegerField(_("decision revision"))
    language = models.CharField(_("language form"), max_length=2)
    # The letter's PDF in the file storage: the very file of the archive's
    # document of the letter's registry entry, stored once and named by both.
    pdf_file = models.FileField(_("PDF"), max_length=300, upload_to="letters/")
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    notified_at = models.DateTimeField(_("recipient notified"), null=True, blank=True)
    appeal_deadline = models.DateField(_("appeal deadline"))
    registry_reference = models.CharField(_("registry entry"), max_length=60, blank=True)

    class Meta:
        ordering = ["decision", "-version"]
        verbose_name = _("grant letter")
        verbose_name_plural = _("grant letters")
        constraints = [
            models.UniqueConstraint(fields=["decision", "version"], name="letter_unique_version"),
            models.UniqueConstraint(
                fields=["decision", "decision_revision"], name="letter_one_per_decision_revision"
            ),
        ]

    def __str__(self):
        return f"{self.decision} ({self.version})"

    @property
    def pdf(self) -> bytes:
        """The letter's PDF, read from the file storage."""
        with self.pdf_file.open("rb") as stored:
            return stored.read()


class PaymentState(models.TextChoices):
    # Attestasjon: a caseworker has prepared the payment; it is not paid money yet.
    PREPARED = "prepared", _("Prepared, awaiting approval")
    # Anvisning: another caseworker with budget authority approved it; it counts as paid.
    APPROVED = "approved", pgettext_lazy("payment state", "Approved")
    # The finance system confirmed that the money went out.
    CONFIRMED = "confirmed", _("Paid out (confirmed by the finance system)")


# The payments that count as paid money in every reader (``with_paid``,
# ``paid_total``, ``paid_sum``): approved ones and those the finance system has
# confirmed. A prepared payment is not paid until another person approves it,
# but it already holds its budget year's money, so two prepared payments cannot
# together pass the year's decided amount.
PAID_STATES = (PaymentState.APPROVED, PaymentState.CONFIRMED)


class PaymentQuerySet(models.QuerySet):
    def paid(self):
        """The payments that count as paid money (``PAID_STATES``)."""
        return self.filter(state__in=PAID_STATES)


class Payment(models.Model):
    """One instalment of a decision's money, for one budget year.

    ``budget_year`` is the year of the decided amount it settles; its accounting
    year is the year it is paid (cash accounting), ``accounting_year``, read from
    ``paid_on``. One caseworker prepares it, another with budget authority approves
    it (``core.two_person``); only then is it paid money.
    """

    decision = models.ForeignKey(
        Decision, on_delete=models.PROTECT, related_name="payments", verbose_name=_("decision")
    )
    paid_on = models.DateField(_("payment date"))
    budget_year = models.PositiveSmallIntegerField(_("budget year"))
    amount = models.DecimalField(
        _("amount (NOK)"),
        max_digits=12,
        decimal_places=0,
        validators=[MinValueValidator(Decimal(1))],
    )
    note = models.CharField(_("note"), max_length=200, blank=True)
    # Why an earlier budget year's money is paid in a later year.
    late_reason = models.TextField(_("reason for paying an earlier year's money late"), blank=True)
    state = models.CharField(
        _("state"), max_length=20, choices=PaymentState.choices, default=PaymentState.PREPARED
    )
    created_at = models.DateTimeField(_("registered"), auto_now_add=True)
    prepared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
        verbose_name=_("prepared by"),
    )
    approved_at = models.DateTimeField(pgettext_lazy("payment", "approved"), null=True, blank=True)
    # Empty for a payment registered before payments were approved by a second person.
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=pgettext_lazy("payment", "approved by"),
    )
    confirmed_at = models.DateTimeField(_("paid out, confirmed"), null=True, blank=True)

    objects = PaymentQuerySet.as_manager()

    class Meta:
        ordering = ["decision", "paid_on", "id"]
        verbose_name = _("payment")
        verbose_name_plural = _("payments")
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="payment_amount_positive")
        ]

    def __str__(self):
        return f"{self.decision}: {self.amount} ({self.paid_on})"

    @property
    def accounting_year(self) -> int:
        """The year the money is paid (cash accounting)."""
        return self.paid_on.year

    @property
    def is_paid(self) -> bool:
        return self.state in PAID_STATES


class AppealOutcome(models.TextChoices):
    """Where an appeal stands (its state; the transition table is
    ``appeals.APPEAL_WORKFLOW``). Upholding a decision at the office is no final
    outcome for an appeal: the office sends it on to Udir, which upholds it.
    Only a request for reconsideration (a recipient without a right to appeal)
    ends at the office as upheld."""

    PENDING = "pending", _("At the office")
    DISMISSED = "dismissed", _("Dismissed")
    UPHELD = "upheld", _("Decision upheld")
    CHANGED = "changed", _("Decision changed")
    SENT_ON = "sent_on", _("Sent on to Udir")
    UDIR_DECIDED = "udir_decided", _("Decided by Udir, to be carried out")


class UdirOutcome(models.TextChoices):
    """Udir's outcome of an appeal sent on to it (forvaltningsloven § 34)."""

    UPHELD = "upheld", _("Upheld")
    CHANGED = "changed", _("Changed")
    REVERSED = "reversed", _("Reversed")
    SENT_BACK = "sent_back", _("Sent back to the office for new handling")


class DismissalGround(models.TextChoices):
    """Why an appeal is dismissed (avvist) without being tried (§§ 31 and 28)."""

    LATE = "late", _("Received after the deadline, with no grounds to consider it anyway")
    NO_LEGAL_INTEREST = "no_legal_interest", _("The appellant has no legal interest in the appeal")


class Appeal(models.Model):
    decision = models.ForeignKey(
        Decision, on_delete=models.PROTECT, related_name="appeals", verbose_name=_("decision")
    )
    received_on = models.DateField(_("date received"))
    summary = models.TextField(_("what the appeal says"))
    # Set when registered: received more than three weeks after the recipient was notified.
    is_late = models.BooleanField(_("received after the deadline"), default=False)
    # An appeal of the office's dismissal of an earlier appeal (a dismissal is a decision).
    dismissal_of = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("appeal of the dismissal of"),
    )
    outcome = models.CharField(
        _("outcome"), max_length=20, choices=AppealOutcome.choices, default=AppealOutcome.PENDING
    )
    outcome_note = models.TextField(_("reasons for the outcome"), blank=True)
    dismissal_ground = models.CharField(
        _("ground for dismissal"), max_length=20, choices=DismissalGround.choices, blank=True
    )
    decided_at = models.DateTimeField(_("outcome recorded"), null=True, blank=True)
    sent_on_at = models.DateTimeField(_("sent on to Udir"), null=True, blank=True)
    udir_outcome = models.CharField(
        _("Udir's outcome"), max_length=20, choices=UdirOutcome.choices, blank=True
    )
    udir_note = models.TextField(_("Udir's reasons"), blank=True)
    # The amounts per year Udir decided (changed or reversed), whole kroner as strings.
    udir_amounts = models.JSONField(_("amounts decided by Udir"), default=list, blank=True)
    udir_decided_at = models.DateTimeField(_("Udir's outcome recorded"), null=True, blank=True)
    udir_decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    carried_out_at = models.DateTimeField(_("Udir's outcome carried out"), null=True, blank=True)
    created_at = models.DateTimeField(_("registered"), auto_now_add=True)

    class Meta:
        ordering = ["decision", "received_on", "id"]
        verbose_name = _("appeal")
        verbose_name_plural = _("appeals")

    def __str__(self):
        return f"{self.decision}: {self.received_on}"


class NoticeKind(models.TextChoices):
    DISMISSAL = "dismissal", _("Dismissal of the appeal")
    SENT_ON = "sent_on", _("Appeal sent on to Udir")
    UDIR_OUTCOME = "udir_outcome", _("Udir's outcome of the appeal")
    RECONSIDERATION = "reconsideration", _("Outcome of the request for reconsideration")
    DECLINED = "declined", _("Confirmation that the grant is declined")


class NoticeLetter(models.Model):
    """A letter of the decision's case other than the grant letter itself: the
    dismissal of an appeal, the notice that it is sent on to Udir, Udir's outcome,
    the confirmation of a declined grant. Its PDF/A is the journalled document of
    ``registry_entry`` (stored once, in the archive)."""

    decision = models.ForeignKey(
        Decision, on_delete=models.PROTECT, related_name="notices", verbose_name=_("decision")
    )
    appeal = models.ForeignKey(
        Appeal,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="notices",
        verbose_name=_("appeal"),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=NoticeKind.choices)
    language = models.CharField(_("language form"), max_length=2)
    registry_entry = models.ForeignKey(
        "archive.RegistryEntry", on_delete=models.PROTECT, related_name="+"
    )
    # The deadline to appeal what the letter states (a dismissal), if it can be appealed.
    appeal_deadline = models.DateField(_("appeal deadline"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    notified_at = models.DateTimeField(_("recipient notified"), null=True, blank=True)

    class Meta:
        ordering = ["decision", "created_at", "id"]
        verbose_name = _("letter")
        verbose_name_plural = _("letters")

    def __str__(self):
        return f"{self.decision}: {self.get_kind_display()}"


class Declination(models.Model):
    """The recipient declines the grant: what is not paid goes back to the round."""

    decision = models.OneToOneField(
        Decision, on_delete=models.PROTECT, related_name="declination", verbose_name=_("decision")
    )
    reason = models.TextField(_("reasons"), blank=True)
    # The unpaid money returned to the round, per year, whole kroner as strings.
    released = models.JSONField(_("returned to the round"), default=list)
    declined_at = models.DateTimeField(_("declined"), auto_now_add=True)
    declined_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )

    class Meta:
        verbose_name = _("declined grant")
        verbose_name_plural = _("declined grants")

    def __str__(self):
        return f"{self.decision}: {self.declined_at:%Y-%m-%d}"


class UnusedFunds(models.Model):
    """Unused funds of a decision, repaid or carried over by decision of the caseworker."""

    decision = models.ForeignKey(
        Decision, on_delete=models.PROTECT, related_name="unused_funds", verbose_name=_("decision")
    )
    unused = models.DecimalField(_("unused amount"), max_digits=12, decimal_places=0)
    repaid = money_field(_("to be repaid"), default=Decimal(0))
    carried_over = money_field(_("carried over"), default=Decimal(0))
    reason = models.TextField(_("reasons"))
    created_at = models.DateTimeField(_("decided"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )

    class Meta:
        ordering = ["decision", "id"]
        verbose_name = _("repayment or carry-over")
        verbose_name_plural = _("repayments and carry-overs")
        constraints = [
            models.CheckConstraint(
                condition=Q(
                    unused__gt=0,
                    repaid__gte=0,
                    carried_over__gte=0,
                    unused=models.F("repaid") + models.F("carried_over"),
                ),
                name="unusedfunds_split_adds_up",
            ),
        ]

    def __str__(self):
        return f"{self.decision}: {self.unused}"


class RepaymentSource(models.TextChoices):
    ANNUAL_REPORT = "annual_report", _("Unused funds in an annual report")
    APPEAL = "appeal", _("Appeal")
    CHANGE = "change", _("Change of decision")


class RepaymentDisposition(models.TextChoices):
    """What became of money received back: set from the rule set when received."""

    RETURNED = "returned", _("Returned to Udir")
    REUSED = "reused", _("Reused in the office's round")


class RepaymentClaim(models.Model):
    """A receivable: money the recipient must pay back, with a due date.

    Open until the repayment is received; an open claim past its due date is a
    task for the office's caseworkers. Received money is returned to Udir, or
    reused in the office's round of the scheme for the year it is received when
    that round's rule set allows it (``reused_in_round``).
    """

    decision = models.ForeignKey(
        Decision,
        on_delete=models.PROTECT,
        related_name="repayment_claims",
        verbose_name=_("decision"),
    )
    amount = models.DecimalField(
        _("amount claimed (NOK)"),
        max_digits=12,
        decimal_places=0,
        validators=[MinValueValidator(Decimal(1))],
    )
    reason = models.TextField(_("reason"))
    source = models.CharField(_("source"), max_length=20, choices=RepaymentSource.choices)
    due_on = models.DateField(_("due date"))
    unused_funds = models.OneToOneField(
        UnusedFunds,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="claim",
        verbose_name=_("decision on unused funds"),
    )
    received_on = models.DateField(_("date received"), null=True, blank=True)
    received_amount = models.DecimalField(
        _("amount received (NOK)"), max_digits=12, decimal_places=0, null=True, blank=True
    )
    disposition = models.CharField(
        _("received money"), max_length=20, choices=RepaymentDisposition.choices, blank=True
    )
    reused_in_round = models.ForeignKey(
        "schemes.Round",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("reused in round"),
    )
    created_at = models.DateTimeField(_("registered"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
        verbose_name=_("registered by"),
    )
    received_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("receipt registered by"),
    )

    class Meta:
        ordering = ["decision", "due_on", "id"]
        verbose_name = _("repayment claim")
        verbose_name_plural = _("repayment claims")
        constraints = [
            models.CheckConstraint(
                condition=Q(amount__gt=0), name="repaymentclaim_amount_positive"
            ),
            # Received all at once: a receipt is registered when the full amount is in.
            models.CheckConstraint(
                condition=Q(received_on__isnull=True, received_amount__isnull=True)
                | Q(received_on__isnull=False, received_amount=models.F("amount")),
                name="repaymentclaim_received_in_full",
            ),
        ]

    def __str__(self):
        return f"{self.decision}: {self.amount} ({self.due_on})"

    @property
    def is_open(self) -> bool:
        return self.received_on is None

    def is_overdue(self, today) -> bool:
        return self.is_open and self.due_on < today

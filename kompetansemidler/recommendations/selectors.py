"""Reading recommendations. Every list starts from ``recommendations_visible_to(user)``."""

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Prefetch, Q, QuerySet, Sum
from django.utils.translation import gettext_lazy as _

from kompetansemidler.accounts.policy import caseworker_office_ids, is_national_admin
from kompetansemidler.core.access import visible_or_403
from kompetansemidler.needs.models import NeedsReport, Partnership, ReportState
from kompetansemidler.schemes.extensions import round_decided

from .models import RecipientKind, Recommendation, RecommendationLine, RecommendationState
from .permissions import member_forum_ids, owner_ids, sees_every_line

FINAL = (RecommendationState.ADOPTED, RecommendationState.SENT)


REASON_NOT_VISIBLE = _(
    "This recommendation belongs to another forum or office than the ones your roles cover."
)


def recommendations_visible_to(user) -> QuerySet[Recommendation]:
    """Udir: all. Caseworkers: their office's. Members: their forum's. Owners: adopted
    recommendations with a line for their organisation (they see only those lines)."""
    recommendations = Recommendation.objects.select_related(
        "round__scheme", "round__office", "round__rule_set", "forum", "adopted_by"
    )
    if is_national_admin(user):
        return recommendations
    own_lines = RecommendationLine.objects.filter(
        recipient_organisation__in=owner_ids(user)
    ).values("recommendation_id")
    return recommendations.filter(
        Q(round__office__in=caseworker_office_ids(user))
        | Q(forum__in=member_forum_ids(user))
        | Q(state__in=FINAL, pk__in=own_lines)
    )


def recommendation_visible_or_403(user, pk) -> Recommendation:
    return visible_or_403(recommendations_visible_to(user), pk, reason=REASON_NOT_VISIBLE)


def left_over_in_round(round_) -> Decimal:
    """What the round still has for a supplementary recommendation: available to
    the forum less year 1 of the decisions already issued (the decisions app's
    reader, through ``schemes.extensions.round_decided``)."""
    return round_.available - round_decided(round_)


def funded_in_round(round_) -> dict[int, tuple[tuple[Decimal, ...], Decimal]]:
    """Proposed measure id → (its amounts per year, its co-financing) in the lines of
    the round's sent recommendations: what the forums funded of each measure."""
    rows = (
        RecommendationLine.objects.filter(
            recommendation__round=round_,
            recommendation__state=RecommendationState.SENT,
            measure__isnull=False,
        )
        .values("measure_id")
        .annotate(
            y1=Sum("amount_year1"),
            y2=Sum("amount_year2"),
            y3=Sum("amount_year3"),
            co=Sum("co_financing"),
        )
    )
    return {row["measure_id"]: ((row["y1"], row["y2"], row["y3"]), row["co"]) for row in rows}


def lines_for(recommendation) -> QuerySet[RecommendationLine]:
    """The lines with everything the rules and the pages read, in a fixed number of queries."""
    return (
        RecommendationLine.objects.filter(recommendation=recommendation)
        .select_related(
            "measure__report__partnership",
            "basis_report__partnership",
            "partner",
            "recipient_organisation",
            "recipient_network",
            "priority",
        )
        .prefetch_related(
            "measure__report__uh_partners",
            "measure__report__partnership__institutions",
            "basis_report__uh_partners",
            "basis_report__partnership__institutions",
        )
        .order_by("rank", "id")
    )


def lines_visible_to(user, recommendation) -> QuerySet[RecommendationLine]:
    lines = lines_for(recommendation)
    if sees_every_line(user, recommendation):
        return lines
    return lines.filter(recipient_organisation__in=owner_ids(user))


@dataclass(frozen=True, slots=True)
class ReportRow:
    """What the rules read of the needs report a line traces to. The texts have the
    model's names, so ``facts`` reads a row and a ``NeedsReport`` alike."""

    pk: int
    staff_involvement: str
    leader_involvement: str
    uh_dialogue: str
    sami_perspectives: str
    # The kinds of the UH partners in the dialogue and of the partnership's institutions.
    partner_kinds: frozenset[str]
    # The report's state: a report returned to its author no longer carries a line.
    state: str = "accepted"


@dataclass(frozen=True, slots=True)
class LineRow:
    """One line as plain values: what the editor, the recommendation page and the rules
    read, without building the line's related objects. The editable fields have the
    model's names (``rank``, ``amount_year1``, ``priority_id`` …)."""

    pk: int
    rank: int
    title: str
    category: str
    recipient_kind: str
    recipient_organisation_id: int | None
    recipient_network_id: int | None
    # The receiving organisation's or network's name, "" for neither.
    recipient_name: str
    organisation_kind: str | None
    amount_year1: Decimal
    amount_year2: Decimal
    amount_year3: Decimal
    co_financing: Decimal
    is_coordinator: bool
    coordinator_decision: str
    priority_id: int | None
    priority_code: str
    pro_rata_key: str
    justification: str
    measure_id: int | None
    # The amount for year 1 the owner proposed in its needs report; None for a joint measure.
    proposed: Decimal | None
    individual_further_education: bool
    partner_kind: str | None
    report: ReportRow | None

    @property
    def recipient_label(self) -> str:
        return self.recipient_name or str(RecipientKind(self.recipient_kind).label)

    @property
    def amounts(self) -> tuple[Decimal, Decimal, Decimal]:
        return (self.amount_year1, self.amount_year2, self.amount_year3)


_LINE_COLUMNS = (
    "id",
    "rank",
    "title",
    "category",
    "recipient_kind",
    "recipient_organisation_id",
    "recipient_network_id",
    "recipient_organisation__name",
    "recipient_network__name",
    "recipient_organisation__kind",
    "amount_year1",
    "amount_year2",
    "amount_year3",
    "co_financing",
    "is_coordinator",
    "coordinator_decision",
    "priority_id",
    "priority__code",
    "pro_rata_key",
    "justification",
    "measure_id",
    "measure__amount_year1",
    "measure__individual_further_education",
    "partner__kind",
    "measure__report_id",
    "basis_report_id",
)


def _report_rows(lines: QuerySet[RecommendationLine]) -> dict[int, ReportRow]:
    reports = NeedsReport.objects.filter(
        Q(pk__in=lines.values("measure__report_id")) | Q(pk__in=lines.values("basis_report_id"))
    )
    texts = list(
        reports.values_list(
            "id",
            "staff_involvement",
            "leader_involvement",
            "uh_dialogue",
            "sami_perspectives",
            "state",
            "partnership_id",
        )
    )
    kinds: dict[int, set[str]] = {}
    for report_id, kind in NeedsReport.uh_partners.through.objects.filter(
        needsreport__in=reports
    ).values_list("needsreport_id", "organisation__kind"):
        kinds.setdefault(report_id, set()).add(kind)
    institutions: dict[int, set[str]] = {}
    partnerships = {row[-1] for row in texts if row[-1] is not None}
    if partnerships:
        for partnership_id, kind in Partnership.institutions.through.objects.filter(
            partnership__in=partnerships
        ).values_list("partnership_id", "organisation__kind"):
            institutions.setdefault(partnership_id, set()).add(kind)
    return {
        pk: ReportRow(
            pk,
            staff,
            leaders,
            uh_dialogue,
            sami,
            frozenset(kinds.get(pk, set()) | institutions.get(partnership_id, set())),
            state,
        )
        for pk, staff, leaders, uh_dialogue, sami, state, partnership_id in texts
    }


def line_rows(recommendation, *, user=None) -> list[LineRow]:
    """The lines in rank order as plain values; with ``user``, only the lines that user
    may see (as ``lines_visible_to``). Three queries whatever the number of lines, a
    fourth when a needs report names a partnership.

    For the pages that show or check every line of a large recommendation: reading
    rows costs a fraction of building each line's measure, report and recipient."""
    lines = RecommendationLine.objects.filter(recommendation=recommendation)
    if user is not None and not sees_every_line(user, recommendation):
        lines = lines.filter(recipient_organisation__in=owner_ids(user))
    reports = _report_rows(lines)
    rows = []
    for (
        pk,
        rank,
        title,
        category,
        recipient_kind,
        organisation_id,
        network_id,
        organisation_name,
        network_name,
        organisation_kind,
        amount_year1,
        amount_year2,
        amount_year3,
        co_financing,
        is_coordinator,
        coordinator_decision,
        priority_id,
        priority_code,
        pro_rata_key,
        justification,
        measure_id,
        proposed,
        individual,
        partner_kind,
        measure_report_id,
        basis_report_id,
    ) in lines.order_by("rank", "id").values_list(*_LINE_COLUMNS):
        report_id = measure_report_id if measure_id else basis_report_id
        rows.append(
            LineRow(
                pk=pk,
                rank=rank,
                title=title,
                category=category,
                recipient_kind=recipient_kind,
                recipient_organisation_id=organisation_id,
                recipient_network_id=network_id,
                recipient_name=organisation_name or network_name or "",
                organisation_kind=organisation_kind,
                amount_year1=amount_year1,
                amount_year2=amount_year2,
                amount_year3=amount_year3,
                co_financing=co_financing,
                is_coordinator=is_coordinator,
                coordinator_decision=coordinator_decision,
                priority_id=priority_id,
                priority_code=priority_code or "",
                pro_rata_key=pro_rata_key,
                justification=justification,
                measure_id=measure_id,
                proposed=proposed if measure_id else None,
                individual_further_education=bool(individual),
                partner_kind=partner_kind,
                report=reports.get(report_id) if report_id else None,
            )
        )
    return rows


def accepted_reports(round_) -> QuerySet[NeedsReport]:
    """The round's accepted needs reports with their measures: what the forum ranks."""
    return (
        NeedsReport.objects.filter(round=round_, state=ReportState.ACCEPTED)
        .select_related("owner", "network")
        .prefetch_related(Prefetch("measures"))
        .order_by("owner__name", "network__name", "id")
    )

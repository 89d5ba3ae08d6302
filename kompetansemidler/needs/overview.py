"""The caseworker's overview of a round: who reported, how much, against what is available.

Only reports sent to the state administrator count (submitted, returned or
accepted); drafts stay their authors' own. The first year's amounts are the
demand in this round; later years are shown as what is coming.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Q, Sum

from kompetansemidler.registry.models import OWNER_KINDS, Organisation
from kompetansemidler.schemes.models import Round

from .models import NeedsReport, ProposedMeasure
from .selectors import SENT, needs_reports_reopenable_by, needs_reports_visible_to

ZERO = Decimal(0)


@dataclass
class OwnerRow:
    owner: Organisation
    report: NeedsReport | None = None
    via_network: NeedsReport | None = None
    unsent: NeedsReport | None = None
    amounts: tuple[Decimal, Decimal, Decimal] = (ZERO, ZERO, ZERO)

    @property
    def reported(self) -> bool:
        return self.report is not None or self.via_network is not None

    @property
    def total(self) -> Decimal:
        return sum(self.amounts, ZERO)


@dataclass
class SchemeRow:
    round: Round
    reported: Decimal

    @property
    def ratio(self) -> Decimal | None:
        """Reported demand as a multiple of what is available (None when nothing is)."""
        available = self.round.available
        return (self.reported / available).quantize(Decimal("0.01")) if available > 0 else None


@dataclass
class RoundOverview:
    round: Round
    owners: list[OwnerRow]
    network_reports: list[NeedsReport]
    amounts_by_report: dict[int, tuple[Decimal, Decimal, Decimal]]
    by_scheme: list[SchemeRow]
    by_kind: dict[str, Decimal] = field(default_factory=dict)
    by_municipality: list[tuple[str, Decimal]] = field(default_factory=list)

    @property
    def reported_count(self) -> int:
        return sum(1 for row in self.owners if row.reported)

    @property
    def demand(self) -> Decimal:
        return sum((a[0] for a in self.amounts_by_report.values()), ZERO)

    @property
    def later_years(self) -> Decimal:
        return sum((a[1] + a[2] for a in self.amounts_by_report.values()), ZERO)

    @property
    def private_share(self) -> Decimal | None:
        """Private owners' share of the owners that reported (per cent, None if none did)."""
        reported = [row for row in self.owners if row.reported]
        if not reported:
            return None
        private = sum(1 for row in reported if not row.owner.is_public)
        return (Decimal(100) * private / len(reported)).quantize(Decimal("0.1"))


def amounts_by_report(reports) -> dict[int, tuple[Decimal, Decimal, Decimal]]:
    rows = (ProposedMeasure.objects.filter(report__in=reports).values("report_id")
            .annotate(y1=Sum("amount_year1"), y2=Sum("amount_year2"), y3=Sum("amount_year3")))
    return {r["report_id"]: (r["y1"] or ZERO, r["y2"] or ZERO, r["y3"] or ZERO) for r in rows}


def reported_needs_sum(round_: Round) -> Decimal:
    """The first-year amounts of every report sent in the round (for the round page)."""
    total = ProposedMeasure.objects.filter(
        report__round=round_, report__state__in=SENT).aggregate(s=Sum("amount_year1"))["s"]
    return total or ZERO


def round_overview(round_: Round, user) -> RoundOverview:
    reports = list(
        needs_reports_visible_to(user).filter(round=round_, state__in=SENT)
        .select_related("owner__municipality", "network").prefetch_related("network__members"))
    amounts = amounts_by_report(reports)
    own = {r.owner_id: r for r in reports if r.owner_id}
    via = {}
    for report in reports:
        if report.network_id:
            for member in report.network.members.all():
                via.setdefault(member.pk, report)
    unsent = {r.owner_id: r for r in needs_reports_reopenable_by(user).filter(
        round=round_, owner__isnull=False)}
    owners = (Organisation.objects.filter(kind__in=OWNER_KINDS, is_active=True)
              .filter(Q(county__office=round_.office) | Q(pk__in=own.keys()))
              .select_related("municipality").order_by("municipality__number", "name"))
    rows = []
    by_kind: dict[str, Decimal] = defaultdict(lambda: ZERO)
    by_municipality: dict[str, Decimal] = defaultdict(lambda: ZERO)
    for owner in owners:
        report = own.get(owner.pk)
        row_amounts = amounts.get(report.pk, (ZERO, ZERO, ZERO)) if report else (ZERO,) * 3
        rows.append(OwnerRow(owner=owner, report=report, via_network=via.get(owner.pk),
                             unsent=unsent.get(owner.pk), amounts=row_amounts))
        if report:
            by_kind["public" if owner.is_public else "private"] += row_amounts[0]
            by_municipality[owner.municipality.name if owner.municipality else "–"] += \
                row_amounts[0]
    network_reports = [r for r in reports if r.network_id]
    for report in network_reports:
        by_kind["network"] += amounts.get(report.pk, (ZERO,))[0]
    siblings = Round.objects.filter(office=round_.office, year=round_.year).select_related(
        "scheme").annotate(committed_sum=Sum("commitments__amount"))
    return RoundOverview(
        round=round_, owners=rows, network_reports=network_reports, amounts_by_report=amounts,
        by_scheme=[SchemeRow(round=r, reported=reported_needs_sum(r)) for r in siblings],
        by_kind=dict(by_kind), by_municipality=sorted(by_municipality.items()),
    )



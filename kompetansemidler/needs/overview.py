"""The caseworker's overview of a round: who reported, how much, against what is available.

Only reports sent to the state administrator count (submitted, returned or
accepted); drafts stay their authors' own. The first year's amounts are the
demand in this round; later years are shown as what is coming.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Q, QuerySet, Sum

from kompetansemidler.registry.models import OWNER_KINDS, PUBLIC_KINDS, Organisation
from kompetansemidler.schemes.models import Round
from kompetansemidler.schemes.selectors import with_money

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
    """The round's totals over every owner, and the owners to page through.

    ``owners`` is the unevaluated, ordered queryset of every owner the table
    lists; a view pages it and turns the page into rows with ``rows(page)``,
    an export takes ``rows()`` of them all. The counts and sums are over all
    owners whatever the page.
    """

    round: Round
    owners: QuerySet[Organisation]
    owner_count: int
    reported_count: int
    # Private owners' share of the owners that reported (per cent, None if none did).
    private_share: Decimal | None
    network_reports: list[NeedsReport]
    amounts_by_report: dict[int, tuple[Decimal, Decimal, Decimal]]
    by_scheme: list[SchemeRow]
    by_kind: dict[str, Decimal]
    by_municipality: list[tuple[str, Decimal]]
    # The sent reports, and the network report that covers each member owner (by owner id).
    sent_reports: QuerySet[NeedsReport] = field(repr=False)
    network_report_of_owner: dict[int, NeedsReport] = field(repr=False)
    # The unsent reports the user may reopen.
    unsent_reports: QuerySet[NeedsReport] = field(repr=False)

    @property
    def demand(self) -> Decimal:
        return sum((a[0] for a in self.amounts_by_report.values()), ZERO)

    @property
    def later_years(self) -> Decimal:
        return sum((a[1] + a[2] for a in self.amounts_by_report.values()), ZERO)

    def rows(self, owners=None) -> list[OwnerRow]:
        """The table rows of ``owners`` (a page of ``self.owners``), or of every owner.

        Two queries whatever the number of owners: their sent and their unsent reports.
        """
        sent, unsent = self.sent_reports, self.unsent_reports
        if owners is None:
            owners = list(self.owners)
        else:
            owners = list(owners)
            ids = [owner.pk for owner in owners]
            sent, unsent = sent.filter(owner__in=ids), unsent.filter(owner__in=ids)
        report_of = {r.owner_id: r for r in sent.filter(owner__isnull=False).order_by()}
        unsent_of = {r.owner_id: r for r in unsent}
        rows = []
        for owner in owners:
            report = report_of.get(owner.pk)
            rows.append(
                OwnerRow(
                    owner=owner,
                    report=report,
                    via_network=self.network_report_of_owner.get(owner.pk),
                    unsent=unsent_of.get(owner.pk),
                    amounts=self.amounts_by_report.get(report.pk, (ZERO,) * 3)
                    if report
                    else (ZERO,) * 3,
                )
            )
        return rows


def amounts_by_report(reports) -> dict[int, tuple[Decimal, Decimal, Decimal]]:
    # order_by(): the models' default orderings would join the round, scheme, office,
    # owner and network only to be dropped from the grouping.
    rows = (
        ProposedMeasure.objects.filter(report__in=reports)
        .order_by()
        .values("report_id")
        .annotate(y1=Sum("amount_year1"), y2=Sum("amount_year2"), y3=Sum("amount_year3"))
    )
    return {r["report_id"]: (r["y1"] or ZERO, r["y2"] or ZERO, r["y3"] or ZERO) for r in rows}


def reported_needs_sum(round_: Round) -> Decimal:
    """The first-year amounts of every report sent in the round (for the round page)."""
    total = ProposedMeasure.objects.filter(report__round=round_, report__state__in=SENT).aggregate(
        s=Sum("amount_year1")
    )["s"]
    return total or ZERO


def reported_needs_sums(rounds) -> dict[int, Decimal]:
    """``reported_needs_sum`` of each of ``rounds`` in one query, by round id."""
    return dict(
        ProposedMeasure.objects.filter(report__round__in=rounds, report__state__in=SENT)
        .order_by()
        .values_list("report__round")
        .annotate(s=Sum("amount_year1"))
    )


def round_overview(round_: Round, user) -> RoundOverview:
    """The overview of ``round_`` as ``user`` may see it.

    Its queries are the same whatever the number of owners and reports: the
    totals come from light rows (ids, kinds, names) of every sent report and
    every owner; model objects are made only for network reports and, in
    ``rows()``, for the owners asked for.
    """
    sent = needs_reports_visible_to(user).filter(round=round_, state__in=SENT)
    amounts = amounts_by_report(sent)
    own, outside = {}, []
    for pk, owner_id, municipality, office_id in (
        sent.filter(owner__isnull=False)
        .order_by()
        .values_list("pk", "owner_id", "owner__municipality__name", "owner__county__office")
    ):
        own[owner_id] = (pk, municipality)
        if office_id != round_.office_id:
            outside.append(owner_id)
    network_reports = list(
        sent.filter(network__isnull=False)
        .select_related("network")
        .prefetch_related("network__members")
    )
    via = {}
    for report in network_reports:
        for member in report.network.members.all():
            via.setdefault(member.pk, report)
    # Every owner in the office's counties, and those elsewhere that reported in this round.
    owners = (
        Organisation.objects.filter(kind__in=OWNER_KINDS, is_active=True)
        .filter(Q(county__office=round_.office) | Q(pk__in=outside))
        .select_related("municipality")
        .order_by("municipality__number", "name")
    )
    is_public = {
        pk: kind in PUBLIC_KINDS for pk, kind in owners.order_by().values_list("pk", "kind")
    }
    reported = [pk for pk in is_public if pk in own or pk in via]
    by_kind: dict[str, Decimal] = defaultdict(lambda: ZERO)
    by_municipality: dict[str, Decimal] = defaultdict(lambda: ZERO)
    for owner_id, (report_id, municipality) in own.items():
        if owner_id not in is_public:
            continue
        first_year = amounts.get(report_id, (ZERO,))[0]
        by_kind["public" if is_public[owner_id] else "private"] += first_year
        by_municipality[municipality or "–"] += first_year
    for report in network_reports:
        by_kind["network"] += amounts.get(report.pk, (ZERO,))[0]
    siblings = list(
        with_money(Round.objects.filter(office=round_.office, year=round_.year)).select_related(
            "scheme"
        )
    )
    reported_in = reported_needs_sums(siblings)
    return RoundOverview(
        round=round_,
        owners=owners,
        owner_count=len(is_public),
        reported_count=len(reported),
        private_share=_private_share(reported, is_public),
        network_reports=network_reports,
        amounts_by_report=amounts,
        by_scheme=[SchemeRow(round=r, reported=reported_in.get(r.pk) or ZERO) for r in siblings],
        by_kind=dict(by_kind),
        by_municipality=sorted(by_municipality.items()),
        sent_reports=sent,
        network_report_of_owner=via,
        unsent_reports=needs_reports_reopenable_by(user).filter(round=round_, owner__isnull=False),
    )


def _private_share(reported: list[int], is_public: dict[int, bool]) -> Decimal | None:
    if not reported:
        return None
    private = sum(1 for pk in reported if not is_public[pk])
    return (Decimal(100) * private / len(reported)).quantize(Decimal("0.1"))

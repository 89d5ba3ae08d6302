"""The allocation table: the one reader of a year's money against its needs.

For one office and year, per round (scheme) and as a totals row across the
office's schemes: allocation, set aside, committed, available, reported needs
(first year) and the needs-to-available ratio; and the reported needs and the
number of needs reports per county and kind of owner. The round page, its
CSV/Excel exports and the API all read ``allocation_table``; the caller checks
that the user may see the office's overview (``can_view_overview``). Rows
come only from the office's own rounds.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext_lazy as _

from kompetansemidler.core.exports import Column, ColumnKind
from kompetansemidler.registry.models import County, OrganisationKind
from kompetansemidler.schemes.models import Round
from kompetansemidler.schemes.selectors import with_money

from .models import NeedsReport
from .overview import amounts_by_report, reported_needs_sums
from .selectors import SENT

ZERO = Decimal(0)
NETWORK = "network"
# The kinds of reporter the county table has a column for, in order.
REPORTER_KINDS = (
    (OrganisationKind.MUNICIPALITY.value, _("Municipalities")),
    (OrganisationKind.COUNTY_MUNICIPALITY.value, _("County municipalities")),
    (OrganisationKind.PRIVATE_OWNER.value, _("Private owners")),
    (OrganisationKind.STATE_OWNER.value, _("State owners")),
    (NETWORK, _("Networks")),
)


def needs_ratio(reported: Decimal, available: Decimal) -> Decimal | None:
    """Reported needs as a multiple of what is available; None when nothing is."""
    return (reported / available).quantize(Decimal("0.01")) if available > 0 else None


@dataclass(frozen=True)
class MoneyRow:
    label: str
    allocation: Decimal
    set_aside: Decimal
    committed: Decimal
    available: Decimal
    reported: Decimal
    round: Round | None = None

    @property
    def ratio(self) -> Decimal | None:
        return needs_ratio(self.reported, self.available)


@dataclass
class CountyRow:
    label: str
    # kind → [reported needs (first year), number of reports]
    cells: dict[str, list] = field(default_factory=lambda: defaultdict(lambda: [ZERO, 0]))

    def cell(self, kind: str) -> tuple[Decimal, int]:
        amount, count = self.cells.get(kind, (ZERO, 0))
        return amount, count

    @property
    def ordered(self) -> list[tuple[Decimal, int]]:
        """(reported needs, reports) per kind, in the order of ``REPORTER_KINDS``."""
        return [self.cell(kind) for kind, _label in REPORTER_KINDS]

    @property
    def reported(self) -> Decimal:
        return sum((c[0] for c in self.cells.values()), ZERO)

    @property
    def reports(self) -> int:
        return sum(c[1] for c in self.cells.values())


@dataclass(frozen=True)
class AllocationTable:
    year: int
    rows: list[MoneyRow]
    total: MoneyRow
    counties: list[CountyRow]
    county_total: CountyRow


def allocation_table(office, year: int) -> AllocationTable:
    """The table of ``office``'s rounds in ``year``; a fixed number of queries."""
    rounds = list(
        with_money(Round.objects.filter(office=office, year=year))
        .select_related("scheme")
        .order_by("scheme_id")
    )
    reported = reported_needs_sums(rounds)
    rows = [
        MoneyRow(
            label=r.scheme.short_name,
            allocation=r.frame,
            set_aside=r.set_aside,
            committed=r.committed,
            available=r.available,
            reported=reported.get(r.pk) or ZERO,
            round=r,
        )
        for r in rounds
    ]
    total = MoneyRow(
        label=str(_("All schemes")),
        allocation=sum((r.allocation for r in rows), ZERO),
        set_aside=sum((r.set_aside for r in rows), ZERO),
        committed=sum((r.committed for r in rows), ZERO),
        available=sum((r.available for r in rows), ZERO),
        reported=sum((r.reported for r in rows), ZERO),
    )
    counties, county_total = _by_county(rounds)
    return AllocationTable(
        year=year, rows=rows, total=total, counties=counties, county_total=county_total
    )


def _by_county(rounds: list[Round]) -> tuple[list[CountyRow], CountyRow]:
    reports = NeedsReport.objects.filter(round__in=rounds, state__in=SENT).order_by()
    amounts = amounts_by_report(reports)
    names = dict(County.objects.values_list("pk", "name"))
    by_county: dict[int | None, CountyRow] = {}
    total = CountyRow(label=str(_("Total")))
    for pk, kind, county_id, municipality_county_id, network_id in reports.values_list(
        "pk",
        "owner__kind",
        "owner__county_id",
        "owner__municipality__county_id",
        "network_id",
    ):
        if network_id is not None:
            kind, county = NETWORK, None
        else:
            county = county_id or municipality_county_id
        row = by_county.setdefault(
            county,
            CountyRow(
                label=names.get(county, "") if county else str(_("Networks across counties"))
            ),
        )
        first_year = amounts.get(pk, (ZERO,))[0]
        for target in (row, total):
            target.cells[kind][0] += first_year
            target.cells[kind][1] += 1
    counties = sorted(by_county.values(), key=lambda r: (r.label == "", r.label))
    return counties, total


MONEY_COLUMNS = [
    Column(_("Scheme"), lambda r: r.label),
    Column(_("Allocation (NOK)"), lambda r: r.allocation, ColumnKind.KRONER, width=16),
    Column(_("Set aside (NOK)"), lambda r: r.set_aside, ColumnKind.KRONER, width=16),
    Column(_("Committed (NOK)"), lambda r: r.committed, ColumnKind.KRONER, width=16),
    Column(_("Available (NOK)"), lambda r: r.available, ColumnKind.KRONER, width=16),
    Column(_("Reported needs, first year (NOK)"), lambda r: r.reported, ColumnKind.KRONER),
    Column(_("Needs to available"), lambda r: r.ratio, ColumnKind.DECIMAL),
]


def _county_columns() -> list[Column]:
    columns = [Column(_("County"), lambda r: r.label, width=24)]
    for kind, label in REPORTER_KINDS:
        columns.append(
            Column(
                _("%(kind)s: reported needs (NOK)") % {"kind": label},
                lambda r, kind=kind: r.cell(kind)[0],
                ColumnKind.KRONER,
            )
        )
        columns.append(
            Column(
                _("%(kind)s: reports") % {"kind": label},
                lambda r, kind=kind: r.cell(kind)[1],
                ColumnKind.INTEGER,
            )
        )
    columns.append(Column(_("Reported needs (NOK)"), lambda r: r.reported, ColumnKind.KRONER))
    columns.append(Column(_("Reports"), lambda r: r.reports, ColumnKind.INTEGER))
    return columns


def county_columns() -> list[Column]:
    return _county_columns()

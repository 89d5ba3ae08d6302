"""The caseworker's overview of a round, on the page and as CSV or Excel."""

from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext_lazy as _

from kompetansemidler.accounts.policy import ensure, permission_required
from kompetansemidler.core.exports import Column, ColumnKind, export_response
from kompetansemidler.core.paging import paginate
from kompetansemidler.schemes.models import Round

from ..allocation_table import MONEY_COLUMNS, allocation_table, county_columns
from ..overview import round_overview as build_overview
from ..permissions import can_view_overview

# Owners per page of the overview's table; the totals above it count every owner.
OWNERS_PER_PAGE = 50


def _round(request, pk):
    round_ = get_object_or_404(Round.objects.select_related("scheme", "office"), pk=pk)
    ensure(can_view_overview(request.user, round_))
    return round_


@permission_required(can_view_overview)
def round_overview(request, pk):
    overview = build_overview(_round(request, pk), request.user)
    paging = paginate(request, overview.owners, OWNERS_PER_PAGE)
    return render(
        request,
        "needs/round_overview.html",
        {
            "overview": overview,
            "paging": paging,
            "rows": overview.rows(paging.rows),
        },
    )


def _status(row) -> str:
    if row.report:
        return str(row.report.get_state_display())
    if row.via_network:
        return str(_("Through %(network)s") % {"network": row.via_network.network})
    return str(_("Not reported"))


COLUMNS = [
    Column(_("Organisation number"), lambda row: row.owner.organisation_number),
    Column(_("Owner"), lambda row: row.owner.name, width=40),
    Column(_("Public"), lambda row: row.owner.is_public, ColumnKind.BOOLEAN),
    Column(
        _("Municipality"), lambda row: row.owner.municipality.name if row.owner.municipality else ""
    ),
    Column(_("Status"), _status, width=30),
    Column(_("Year 1 (NOK)"), lambda row: row.amounts[0], ColumnKind.KRONER),
    Column(_("Year 2 (NOK)"), lambda row: row.amounts[1], ColumnKind.KRONER),
    Column(_("Year 3 (NOK)"), lambda row: row.amounts[2], ColumnKind.KRONER),
]


@permission_required(can_view_overview)
def round_overview_export(request, pk, fmt):
    round_ = _round(request, pk)
    overview = build_overview(round_, request.user)
    return export_response(
        rows=overview.rows(),
        columns=COLUMNS,
        fmt=fmt,
        filename=f"behov-{round_.scheme.code}-{round_.year}",
        sheet_title=str(round_.scheme),
    )


@permission_required(can_view_overview)
def allocation_table_export(request, pk, table, fmt):
    """The round's allocation table (``money``: per scheme with a totals row; or
    ``counties``: reported needs per county and kind of owner) as CSV or Excel."""
    round_ = _round(request, pk)
    data = allocation_table(round_.office, round_.year)
    if table == "money":
        rows, columns = [*data.rows, data.total], MONEY_COLUMNS
    else:
        rows, columns = [*data.counties, data.county_total], county_columns()
    return export_response(
        rows=rows,
        columns=columns,
        fmt=fmt,
        filename=f"tildeling-{table}-{round_.office.slug}-{round_.year}",
        sheet_title=str(_("Allocation table")),
    )

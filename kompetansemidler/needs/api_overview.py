"""The round overview and the allocation table in the JSON API, under /api/needs/:
what the office and Udir read about a round's reported needs and money."""

from django.shortcuts import get_object_or_404
from ninja import Field, Path, Router, Schema

from kompetansemidler.accounts.policy import ensure
from kompetansemidler.api.errors import with_errors
from kompetansemidler.schemes.models import Round

from .allocation_table import REPORTER_KINDS, allocation_table
from .overview import round_overview
from .permissions import can_view_overview

router = Router(tags=["needs"])

ID = Path(..., ge=1, le=2**62, description="The object's id.")
ORGANISATION_NUMBER = r"^[0-9]{9}$"


class OwnerRowOut(Schema):
    owner: str = Field(pattern=ORGANISATION_NUMBER)
    name: str
    public: bool
    municipality: str | None
    state: str | None = Field(description="The owner's own report's state, if sent.")
    through_network: int | None
    amounts: list[int]


class OverviewOut(Schema):
    round: int
    owners_reported: int
    owners: int
    demand: int = Field(description="First-year amounts of the sent reports, kroner.")
    available: int
    private_share_percent: float | None
    rows: list[OwnerRowOut]


@router.get(
    "/rounds/{round_id}/overview",
    response=with_errors({200: OverviewOut}, 404),
    url_name="needs_round_overview",
)
def overview(request, round_id: int = ID):
    ensure(can_view_overview(request.auth))
    round_ = get_object_or_404(Round, pk=round_id)
    ensure(can_view_overview(request.auth, round_))
    data = round_overview(round_, request.auth)
    return {
        "round": round_.pk,
        "owners_reported": data.reported_count,
        "owners": data.owner_count,
        "demand": int(data.demand),
        "available": int(round_.available),
        "private_share_percent": float(data.private_share)
        if data.private_share is not None
        else None,
        "rows": [
            {
                "owner": row.owner.organisation_number,
                "name": row.owner.name,
                "public": row.owner.is_public,
                "municipality": row.owner.municipality.number if row.owner.municipality else None,
                "state": row.report.state if row.report else None,
                "through_network": row.via_network.network_id if row.via_network else None,
                "amounts": [int(a) for a in row.amounts],
            }
            for row in data.rows()
        ],
    }


class MoneyRowOut(Schema):
    scheme: str | None = Field(description="The scheme's code; null on the totals row.")
    round: int | None = Field(description="The round's id; null on the totals row.")
    allocation: int
    set_aside: int
    committed: int
    available: int = Field(description="Allocation less set aside less committed; may be < 0.")
    reported_needs: int = Field(description="First-year amounts of the needs reports sent.")
    needs_to_available: float | None = Field(description="Null when nothing is available.")


class CountyCellOut(Schema):
    kind: str = Field(description="municipality, county_municipality, private_owner, ...")
    reported_needs: int
    reports: int


class CountyRowOut(Schema):
    county: str = Field(description="The county's name; networks have a row of their own.")
    cells: list[CountyCellOut]
    reported_needs: int
    reports: int


class AllocationTableOut(Schema):
    office: str
    year: int
    rows: list[MoneyRowOut]
    total: MoneyRowOut
    counties: list[CountyRowOut]
    county_total: CountyRowOut


def _money_row(row) -> dict:
    return {
        "scheme": row.round.scheme.code if row.round else None,
        "round": row.round.pk if row.round else None,
        "allocation": int(row.allocation),
        "set_aside": int(row.set_aside),
        "committed": int(row.committed),
        "available": int(row.available),
        "reported_needs": int(row.reported),
        "needs_to_available": float(row.ratio) if row.ratio is not None else None,
    }


def _county_row(row) -> dict:
    return {
        "county": row.label,
        "cells": [
            {"kind": kind, "reported_needs": int(amount), "reports": count}
            for (kind, _label), (amount, count) in zip(REPORTER_KINDS, row.ordered, strict=True)
        ],
        "reported_needs": int(row.reported),
        "reports": row.reports,
    }


@router.get(
    "/rounds/{round_id}/allocation-table",
    response=with_errors({200: AllocationTableOut}, 404),
    url_name="needs_allocation_table",
)
def allocation_table_read(request, round_id: int = ID):
    """The allocation table of the round's office and year: the same reader as the
    round page and its exports. For the office's caseworkers and Udir."""
    ensure(can_view_overview(request.auth))
    round_ = get_object_or_404(Round.objects.select_related("office"), pk=round_id)
    ensure(can_view_overview(request.auth, round_))
    data = allocation_table(round_.office, round_.year)
    return {
        "office": round_.office.slug,
        "year": data.year,
        "rows": [_money_row(row) for row in data.rows],
        "total": _money_row(data.total),
        "counties": [_county_row(row) for row in data.counties],
        "county_total": _county_row(data.county_total),
    }

"""Statistics in the JSON API, at /api/statistics/: the national statistics
(scoped like the page: Udir all offices, a caseworker their own) and the
public figures from published decisions (no login)."""

from decimal import Decimal
from typing import Literal

from ninja import Field, Query, Router, Schema

from kompetansemidler.accounts.models import ApiScope
from kompetansemidler.accounts.policy import ensure
from kompetansemidler.api.auth import client_auth
from kompetansemidler.api.errors import with_errors
from kompetansemidler.registry.models import GovernorOffice

from . import selectors
from .permissions import can_view_office_statistics, can_view_statistics

PREFIX = "statistics"
# An API client needs the scope statistics.read as well as its role.
router = Router(tags=["statistics"], auth=client_auth(ApiScope.STATISTICS_READ))


class NationalFilters(Schema):
    group: Literal["year", "scheme", "office", "county"] = "year"
    scheme: str = Field("", pattern=r"^[-a-z0-9]{0,30}$")
    office: str = Field("", pattern=r"^[-a-z0-9]{0,60}$")
    year_from: int | None = Field(None, ge=2000, le=2100)
    year_to: int | None = Field(None, ge=2000, le=2100)


class MoneyRow(Schema):
    label: str
    frame: Decimal
    committed: Decimal
    decided: Decimal
    paid: Decimal
    repaid: Decimal
    used: Decimal
    decisions: int
    participants: int
    units_reached: int
    recipients: int
    private_share: int | None


class PublicFilters(Schema):
    group: Literal["county", "scheme", "year", "recipient"] = "county"
    year: int | None = Field(None, ge=2000, le=2100)


class PublicRow(Schema):
    label: str
    decided: Decimal
    decisions: int


@router.get(
    "/national",
    response=with_errors({200: list[MoneyRow]}),
    url_name="statistics_national",
    summary="Statistics of the user's offices",
)
def national(request, filters: Query[NationalFilters]):
    ensure(can_view_statistics(request.auth))
    scope = selectors.statistics_scope_for(request.auth)
    if filters.office:
        office = GovernorOffice.objects.filter(slug=filters.office).first()
        if office is None:
            scope = frozenset()
        else:
            ensure(can_view_office_statistics(request.auth, office))
            scope = frozenset({office.pk})
    rows = selectors.money_table(
        selectors.Filters(
            scheme=filters.scheme,
            year_from=filters.year_from,
            year_to=filters.year_to,
            office_ids=scope,
        ),
        filters.group,
    )
    return [{**row, "label": str(row["label"])} for row in rows]


@router.get(
    "/public",
    response=with_errors({200: list[PublicRow]}),
    auth=None,
    url_name="statistics_public",
    summary="Granted money from published decisions",
)
def public(request, filters: Query[PublicFilters]):
    return [
        {**row, "label": str(row["label"])}
        for row in selectors.public_table(filters.group, year=filters.year)
    ]

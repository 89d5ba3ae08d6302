"""Local plans, partnerships, needs reports and the round overview in the JSON API,
at /api/needs/. Reads only, through the same selectors and checks as the pages.
Amounts are whole kroner as integers.
"""

import datetime

from django.shortcuts import get_object_or_404
from ninja import Field, Path, Query, Router, Schema

from kompetansemidler.accounts.policy import ensure
from kompetansemidler.api.errors import with_errors
from kompetansemidler.api.paging import api_page
from kompetansemidler.core.access import visible_or_403
from kompetansemidler.schemes.messages import finding_text
from kompetansemidler.schemes.models import Round

from .checks import report_findings
from .models import LocalPlan, NeedsReport, Partnership, ReportState
from .overview import round_overview
from .permissions import can_use_needs, can_view_overview, can_write_report
from .selectors import local_plans_visible_to, needs_reports_visible_to, partnerships_visible_to

PREFIX = "needs"
router = Router(tags=["needs"])

ID = Path(..., ge=1, le=2**62, description="The object's id.")
ORGANISATION_NUMBER = r"^[0-9]{9}$"


class Paging(Schema):
    page: int = Field(1, ge=1, le=100_000, description="Page number, from 1.")
    page_size: int = Field(50, ge=1, le=200, description="Rows per page.")


class ReportFilters(Paging):
    round: int | None = Field(None, ge=1, le=2**62, description="Only this round's reports.")
    state: ReportState | None = None


class MeasureOut(Schema):
    title: str
    description: str
    category: str = Field(description='"general" or an earmarked category code.')
    individual_further_education: bool
    amounts: list[int] = Field(description="Year 1, 2 and 3, whole kroner (0 when none).")
    co_financing: int | None
    confirmed: bool


class FindingOut(Schema):
    code: str
    severity: str
    message: str
    target: str


class ReportOut(Schema):
    id: int
    round: int
    owner: str | None = Field(
        None, pattern=ORGANISATION_NUMBER, description="The owner's organisation number."
    )
    network: int | None = Field(None, description="The network's id, for a joint report.")
    state: ReportState
    submitted_at: datetime.datetime | None
    total: int


class ReportDetailOut(ReportOut):
    units: list[str]
    uh_partners: list[str]
    staff_involvement: str
    leader_involvement: str
    uh_dialogue: str
    needs: str
    sami_perspectives: str
    target_groups: list[str]
    coordinator_requested: bool
    return_reason: str
    measures: list[MeasureOut]
    findings: list[FindingOut] = Field(description="Only for the report's authors.")


class ReportPage(Schema):
    count: int
    page: int
    page_size: int
    items: list[ReportOut]


class PlanOut(Schema):
    id: int
    owner: str = Field(pattern=ORGANISATION_NUMBER)
    version: int
    period_start: int
    period_end: int
    title: str


class PartnershipOut(Schema):
    id: int
    name: str
    owners: list[str]
    institutions: list[str]
    period_start: int
    period_end: int


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


def _report(report: NeedsReport) -> dict:
    return {
        "id": report.pk,
        "round": report.round_id,
        "owner": report.owner.organisation_number if report.owner_id else None,
        "network": report.network_id,
        "state": report.state,
        "submitted_at": report.submitted_at,
        "total": int(report.total),
    }


def _page(rows, filters: Paging, convert) -> dict:
    return api_page(rows, page=filters.page, page_size=filters.page_size, convert=convert)


@router.get("/reports", response=with_errors({200: ReportPage}), url_name="needs_reports")
def report_list(request, filters: Query[ReportFilters]):
    ensure(can_use_needs(request.auth))
    rows = (
        needs_reports_visible_to(request.auth)
        .select_related("owner")
        .prefetch_related("measures")
        .order_by("-round__year", "id")
    )
    if filters.round:
        rows = rows.filter(round_id=filters.round)
    if filters.state:
        rows = rows.filter(state=filters.state)
    return _page(rows, filters, _report)


@router.get(
    "/reports/{report_id}",
    response=with_errors({200: ReportDetailOut}, 404),
    url_name="needs_report",
)
def report_detail(request, report_id: int = ID):
    ensure(can_use_needs(request.auth))
    report = visible_or_403(
        needs_reports_visible_to(request.auth).select_related("owner", "round__rule_set"), report_id
    )
    findings = report_findings(report) if can_write_report(request.auth, report) else []
    return {
        **_report(report),
        "units": [u.organisation_number for u in report.units.all()],
        "uh_partners": [o.organisation_number for o in report.uh_partners.all()],
        **{
            f: getattr(report, f)
            for f in (
                "staff_involvement",
                "leader_involvement",
                "uh_dialogue",
                "needs",
                "sami_perspectives",
                "target_groups",
                "coordinator_requested",
                "return_reason",
            )
        },
        "measures": [
            {
                "title": m.title,
                "description": m.description,
                "category": m.category,
                "individual_further_education": m.individual_further_education,
                "amounts": [int(a) for a in m.amounts],
                "co_financing": int(m.co_financing) if m.co_financing is not None else None,
                "confirmed": m.confirmed,
            }
            for m in report.measures.all()
        ],
        "findings": [
            {
                "code": f.code,
                "severity": str(f.severity),
                "message": finding_text(f),
                "target": f.target,
            }
            for f in findings
        ],
    }


@router.get("/plans", response=with_errors({200: list[PlanOut]}), url_name="needs_plans")
def plan_list(request):
    ensure(can_use_needs(request.auth))
    plans: list[LocalPlan] = local_plans_visible_to(request.auth).select_related("owner")
    return [
        {
            "id": p.pk,
            "owner": p.owner.organisation_number,
            "version": p.version,
            "period_start": p.period_start,
            "period_end": p.period_end,
            "title": p.title,
        }
        for p in plans
    ]


@router.get(
    "/partnerships",
    response=with_errors({200: list[PartnershipOut]}),
    url_name="needs_partnerships",
)
def partnership_list(request):
    ensure(can_use_needs(request.auth))
    rows: list[Partnership] = partnerships_visible_to(request.auth).prefetch_related(
        "owners", "institutions"
    )
    return [
        {
            "id": p.pk,
            "name": p.name,
            "owners": [o.organisation_number for o in p.owners.all()],
            "institutions": [o.organisation_number for o in p.institutions.all()],
            "period_start": p.period_start,
            "period_end": p.period_end,
        }
        for p in rows
    ]


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

"""Local plans, partnerships, needs reports and the round overview in the JSON API,
at /api/needs/. Reads through the same selectors and checks as the pages; the
writes (a needs report's steps, a local plan's text) call the same services.
Amounts are whole kroner as integers.

A refused step answers 409 (the report's state does not allow it), 422 with the
findings (the report has errors), and a plan saved on an old version 412; see
``kompetansemidler.api.errors``.
"""

import datetime

from django.shortcuts import get_object_or_404
from ninja import Field, Path, Query, Router, Schema, Status

from kompetansemidler.accounts.policy import ensure
from kompetansemidler.api.errors import REFUSALS, invalid_body, with_errors
from kompetansemidler.api.paging import PageQuery, api_page
from kompetansemidler.core.access import visible_or_403
from kompetansemidler.schemes.messages import finding_text
from kompetansemidler.schemes.models import Round

from . import services
from .allocation_table import REPORTER_KINDS, allocation_table
from .checks import report_findings
from .forms import LocalPlanForm
from .models import LocalPlan, NeedsReport, Partnership, ReportState
from .overview import round_overview
from .permissions import (
    can_handle_reports,
    can_report_needs,
    can_use_needs,
    can_view_overview,
    can_write_for_owner,
    can_write_report,
    is_round_caseworker,
)
from .selectors import (
    local_plans_visible_to,
    needs_reports_visible_to,
    needs_reports_writable_by,
    partnerships_visible_to,
)

PREFIX = "needs"
router = Router(tags=["needs"])

ID = Path(..., ge=1, le=2**62, description="The object's id.")
ORGANISATION_NUMBER = r"^[0-9]{9}$"


class ReportFilters(PageQuery):
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
    local_plan: int | None = Field(
        description="The local plan the measure comes from; null: the report's own."
    )
    local_plan_priority: str = Field(description="The priority in the plan the measure follows.")
    team_around_child: list[str] = Field(
        description='Kompetanseløftet: who beyond the staff takes part ("ppt", "other_services").'
    )


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


class PlanIn(Schema):
    lock_version: int = Field(
        ge=0, le=2**31, description="The plan's version as read; a newer one is 412."
    )
    title: str | None = Field(None, min_length=1, max_length=200)
    priorities: str | None = None
    target_groups: str | None = None
    measures: str | None = None
    participants: str | None = None
    working_methods: str | None = None
    use_of_funds: str | None = None
    planned_evaluation: str | None = None
    goal_assessment: str | None = None
    duration: str | None = Field(None, min_length=1, max_length=200)


class ReturnIn(Schema):
    reason: str = Field(min_length=1, max_length=5000, description="What the author must fix.")


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


def _page(rows, filters: PageQuery, convert) -> dict:
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
                "local_plan": m.local_plan_id,
                "local_plan_priority": m.local_plan_priority,
                "team_around_child": list(m.team_around_child or ()),
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


def _writable_report(request, report_id: int) -> NeedsReport:
    ensure(can_report_needs(request.auth))
    report = visible_or_403(needs_reports_writable_by(request.auth), report_id)
    ensure(can_write_report(request.auth, report))
    return report


def _caseworker_report(request, report_id: int) -> NeedsReport:
    ensure(can_handle_reports(request.auth))
    report = visible_or_403(
        needs_reports_visible_to(request.auth).select_related("round"), report_id
    )
    ensure(is_round_caseworker(request.auth, report.round))
    return report


@router.post(
    "/reports/{report_id}/submit",
    response=with_errors({200: ReportOut}, 404, *REFUSALS),
    url_name="needs_report_submit",
)
def report_submit(request, report_id: int = ID):
    """Send the report to the state administrator: 409 when its state or the
    deadline does not allow it, 422 with the findings while it has errors."""
    report = _writable_report(request, report_id)
    return _report(services.needs_report_submit(actor=request.auth, report=report))


@router.post(
    "/reports/{report_id}/accept",
    response=with_errors({200: ReportOut}, 404, *REFUSALS),
    url_name="needs_report_accept",
)
def report_accept(request, report_id: int = ID):
    """Accept a submitted report (the round's caseworkers); 409 in any other state."""
    report = _caseworker_report(request, report_id)
    return _report(services.needs_report_accept(actor=request.auth, report=report))


@router.post(
    "/reports/{report_id}/return",
    response=with_errors({200: ReportOut}, 404, *REFUSALS),
    url_name="needs_report_return",
)
def report_return(request, payload: ReturnIn, report_id: int = ID):
    """Send a submitted report back to its author with the reason."""
    report = _caseworker_report(request, report_id)
    return _report(
        services.needs_report_return(actor=request.auth, report=report, reason=payload.reason)
    )


def _plan(plan: LocalPlan) -> dict:
    return {
        "id": plan.pk,
        "owner": plan.owner.organisation_number,
        "version": plan.version,
        "period_start": plan.period_start,
        "period_end": plan.period_end,
        "title": plan.title,
    }


@router.get("/plans", response=with_errors({200: list[PlanOut]}), url_name="needs_plans")
def plan_list(request):
    ensure(can_use_needs(request.auth))
    plans: list[LocalPlan] = local_plans_visible_to(request.auth).select_related("owner")
    return [_plan(p) for p in plans]


@router.patch(
    "/plans/{plan_id}",
    response=with_errors({200: PlanOut}, 404, *REFUSALS),
    url_name="needs_plan_update",
)
def plan_update(request, payload: PlanIn, plan_id: int = ID):
    """Change a local plan's texts; the fields left out keep their value. A
    ``lock_version`` older than the stored one (someone saved since) is 412."""
    plan = visible_or_403(local_plans_visible_to(request.auth).select_related("owner"), plan_id)
    ensure(can_write_for_owner(request.auth, plan.owner))
    changes = payload.dict(exclude_unset=True, exclude={"lock_version"})
    data = {f: getattr(plan, f) for f in services.PLAN_FIELDS}
    form = LocalPlanForm(
        {**data, **{k: v for k, v in changes.items() if v is not None}}, instance=plan
    )
    if not form.is_valid():
        return Status(422, invalid_body(form.errors))
    plan = services.local_plan_update(
        actor=request.auth, plan=plan, data=form.cleaned_data, lock_version=payload.lock_version
    )
    return _plan(plan)


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

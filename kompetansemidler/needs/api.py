"""Local plans, partnerships, needs reports and the round overview in the JSON API,
at /api/needs/. Reads through the same selectors and checks as the pages; the
writes (a needs report's steps, a local plan's text) call the same services.
Amounts are whole kroner as integers.

A refused step answers 409 (the report's state does not allow it), 422 with the
findings (the report has errors), and a plan saved on an old version 412; see
``kompetansemidler.api.errors``. Every write needs an ``Idempotency-Key``;
starting and changing a report are in ``api_reports.py``, the round overview
and allocation table in ``api_overview.py``.
"""

from ninja import Field, Path, Router, Schema, Status

from kompetansemidler.accounts.models import ApiScope
from kompetansemidler.accounts.policy import ensure
from kompetansemidler.api.auth import client_auth, idempotent_write
from kompetansemidler.api.errors import REFUSALS, WRITES, invalid_body, with_errors
from kompetansemidler.api.paging import PageQuery, api_page
from kompetansemidler.api.preconditions import if_match_version
from kompetansemidler.core.access import visible_or_403
from kompetansemidler.core.workflow import StaleEdit

from . import api_overview, api_reports, services
from .api_reports import ReportOut, report_out
from .forms import LocalPlanForm
from .models import LocalPlan, NeedsReport, Partnership
from .permissions import (
    can_handle_reports,
    can_report_needs,
    can_use_needs,
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
router.add_router("", api_reports.router)
router.add_router("", api_overview.router)

ID = Path(..., ge=1, le=2**62, description="The object's id.")
ORGANISATION_NUMBER = r"^[0-9]{9}$"


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


def _page(rows, filters: PageQuery, convert) -> dict:
    return api_page(rows, page=filters.page, page_size=filters.page_size, convert=convert)


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
    auth=client_auth(ApiScope.NEEDS_WRITE),
    response=with_errors({200: ReportOut}, 404, *REFUSALS, *WRITES),
    url_name="needs_report_submit",
)
@idempotent_write
def report_submit(request, report_id: int = ID):
    """Send the report to the state administrator: 409 when its state or the
    deadline does not allow it, 422 with the findings while it has errors. With
    ``If-Match``, 412 when the report was changed after that version."""
    report = _writable_report(request, report_id)
    if request.headers.get("If-Match") and if_match_version(request) != report.lock_version:
        raise StaleEdit(report)
    return report_out(services.needs_report_submit(actor=request.auth, report=report))


@router.post(
    "/reports/{report_id}/accept",
    response=with_errors({200: ReportOut}, 404, *REFUSALS, *WRITES),
    url_name="needs_report_accept",
)
@idempotent_write
def report_accept(request, report_id: int = ID):
    """Accept a submitted report (the round's caseworkers); 409 in any other state."""
    report = _caseworker_report(request, report_id)
    return report_out(services.needs_report_accept(actor=request.auth, report=report))


@router.post(
    "/reports/{report_id}/return",
    response=with_errors({200: ReportOut}, 404, *REFUSALS, *WRITES),
    url_name="needs_report_return",
)
@idempotent_write
def report_return(request, payload: ReturnIn, report_id: int = ID):
    """Send a submitted report back to its author with the reason."""
    report = _caseworker_report(request, report_id)
    return report_out(
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
    response=with_errors({200: PlanOut}, 404, *REFUSALS, *WRITES),
    url_name="needs_plan_update",
)
@idempotent_write
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

"""Annual reports and the office report in the JSON API, at /api/reporting/, through
the same selectors and permission checks as the pages. Amounts are whole kroner
as integers."""

from django.shortcuts import get_object_or_404
from ninja import Field, Path, Query, Router, Schema

from kompetansemidler.accounts.policy import ensure
from kompetansemidler.api.errors import with_errors
from kompetansemidler.api.paging import PageQuery, api_page
from kompetansemidler.core.money import Kroner
from kompetansemidler.registry.models import GovernorOffice

from .models import AnnualReportState, Answer, AnswerKind
from .office_report import SCHEME_COLUMNS, office_figures, office_report_for
from .permissions import can_read_office, can_use_reports
from .selectors import annual_report_visible_or_403, annual_reports_visible_to

PREFIX = "reporting"
router = Router(tags=["reporting"])

ID = Path(..., ge=1, le=2**62, description="The annual report's id.")
OFFICE = Path(..., ge=1, le=2**62, description="The state administrator office's id.")
YEAR = Path(..., ge=2000, le=2100, description="The year reported on.")


class Filters(PageQuery):
    round: int | None = Field(None, ge=1, le=2**62, description="Only this round's.")
    state: AnnualReportState | None = None


class ReportOut(Schema):
    id: int
    decision: int
    round: int
    recipient: str
    year: int
    state: AnnualReportState
    decided: Kroner
    paid: Kroner
    used: Kroner
    unused: Kroner
    co_financing_required: Kroner
    co_financing_documented: Kroner
    participants_total: int
    units_reached: int


class Page(Schema):
    count: int
    page: int
    page_size: int
    items: list[ReportOut]


class AnswerOut(Schema):
    kind: AnswerKind
    key: str
    question: str
    answer: Answer | None
    text: str


class ReportDetailOut(ReportOut):
    measures: str
    return_reason: str
    participants: list[dict]
    answers: list[AnswerOut]


class GoalRow(Schema):
    question: str
    yes: int
    partly: int
    no: int


class SchemeMoneyOut(Schema):
    scheme: str
    allocation: int
    set_aside: int
    committed: int = Field(description="Committed to the year by earlier decisions.")
    decided: int = Field(description="Decided for the budget year, whole kroner.")
    paid: int
    repaid: int
    carried_over: int


class OfficeReportOut(Schema):
    office: str
    year: int
    frames: int
    decided: int
    paid: int
    used: int
    unused: int
    decisions: int
    measures: int
    approved_reports: int
    units: int
    participants: int
    goal_achievement: list[GoalRow]
    schemes: list[SchemeMoneyOut]
    assessment: str


def _out(r) -> dict:
    return {
        "id": r.pk,
        "decision": r.decision_id,
        "round": r.decision.round_id,
        "recipient": r.decision.recipient_label,
        "year": r.year,
        "state": r.state,
        **{
            f: int(getattr(r, f))
            for f in (
                "decided",
                "paid",
                "used",
                "unused",
                "co_financing_required",
                "co_financing_documented",
                "participants_total",
                "units_reached",
            )
        },
    }


@router.get("/", response=with_errors({200: Page}), url_name="reporting_list")
def report_list(request, filters: Query[Filters]):
    ensure(can_use_reports(request.auth))
    rows = annual_reports_visible_to(request.auth).order_by("id")
    if filters.round:
        rows = rows.filter(decision__round_id=filters.round)
    if filters.state:
        rows = rows.filter(state=filters.state)
    return api_page(rows, page=filters.page, page_size=filters.page_size, convert=_out)


@router.get("/{pk}", response=with_errors({200: ReportDetailOut}, 404), url_name="reporting_detail")
def report_detail(request, pk: int = ID):
    ensure(can_use_reports(request.auth))
    report = annual_report_visible_or_403(request.auth, pk)
    return _out(report) | {
        "measures": report.measures,
        "return_reason": report.return_reason,
        "participants": report.participants,
        "answers": [
            {
                "kind": a.kind,
                "key": a.key,
                "question": a.question,
                "answer": a.answer or None,
                "text": a.text,
            }
            for a in report.answers.all()
        ],
    }


@router.get(
    "/office/{office}/{year}",
    response=with_errors({200: OfficeReportOut}, 404),
    url_name="reporting_office",
)
def office_report(request, office: int = OFFICE, year: int = YEAR):
    ensure(can_use_reports(request.auth))
    office_ = get_object_or_404(GovernorOffice, pk=office)
    ensure(can_read_office(request.auth, office_))
    f = office_figures(office_, year)
    return {
        "office": str(office_),
        "year": year,
        **{
            name: int(getattr(f, name))
            for name in (
                "frames",
                "decided",
                "paid",
                "used",
                "unused",
                "decisions",
                "measures",
                "approved_reports",
                "units",
                "participants",
            )
        },
        "goal_achievement": [
            {"question": q, "yes": y, "partly": p, "no": n} for q, y, p, n in f.goal_rows()
        ],
        "schemes": [
            {"scheme": m.scheme} | {name: int(getattr(m, name)) for name, _l in SCHEME_COLUMNS}
            for m in f.schemes
        ],
        "assessment": office_report_for(office_, year).assessment,
    }

"""Annual reports and the office report in the JSON API, at /api/reporting/, through
the same selectors and permission checks as the pages. Amounts are whole kroner
as integers."""

from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from ninja import Field, Path, Query, Router, Schema, Status

from kompetansemidler.accounts.models import ApiScope
from kompetansemidler.accounts.policy import ensure
from kompetansemidler.api.auth import client_auth, idempotent_write
from kompetansemidler.api.errors import REFUSALS, WRITES, invalid_body, with_errors
from kompetansemidler.api.paging import PageQuery, api_page
from kompetansemidler.api.preconditions import etag, if_match_version
from kompetansemidler.core.money import Kroner
from kompetansemidler.core.workflow import StaleEdit
from kompetansemidler.registry.models import GovernorOffice

from .forms import MAX_TEXT, AnnualReportForm
from .models import AnnualReportState, Answer, AnswerKind
from .office_report import SCHEME_COLUMNS, office_figures, office_report_for
from .permissions import (
    REASON_NOT_WRITER,
    can_edit,
    can_read_office,
    can_use_reports,
    is_recipient_writer,
)
from .selectors import annual_report_visible_or_403, annual_reports_visible_to
from .services import annual_report_save, annual_report_submit

PREFIX = "reporting"
router = Router(tags=["reporting"])

ID = Path(..., ge=1, le=2**62, description="The annual report's id.")
OFFICE = Path(..., ge=1, le=2**62, description="The state administrator office's id.")
YEAR = Path(..., ge=2000, le=2100, description="The year reported on.")
# An API client writes annual reports with the scope annual_reports.write.
WRITE = client_auth(ApiScope.ANNUAL_REPORTS_WRITE)
REASON_UNKNOWN_KEY = _("The report has no question with the key %(key)s.")


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
def report_detail(request, response: HttpResponse, pk: int = ID):
    """The report; its ``ETag`` is the version a change sends back as ``If-Match``."""
    ensure(can_use_reports(request.auth))
    report = annual_report_visible_or_403(request.auth, pk)
    response["ETag"] = etag(report.lock_version)
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


# Writing the annual report: the recipient's own system fills it in and submits it.


class AnswerIn(Schema):
    key: str = Field(max_length=60, description="The question's key, as the report gives it.")
    answer: Answer | None = None
    text: str = Field("", max_length=MAX_TEXT)


class ReportChangeIn(Schema):
    """What to change; the fields left out keep their value. Money and
    participants are the recipient's; a UH partner changes its answers only."""

    used: int | None = Field(None, ge=0, le=10_000_000_000)
    unused: int | None = Field(None, ge=0, le=10_000_000_000)
    co_financing_documented: int | None = Field(None, ge=0, le=10_000_000_000)
    participants: list[int] | None = Field(
        None, max_length=1000, description="Counts, in the order of the report's rows."
    )
    answers: list[AnswerIn] | None = Field(None, max_length=100)


def _form_data(report, payload: ReportChangeIn, version: int) -> dict:
    """The page's form data: the stored values, with the payload's over them."""
    data: dict = {"lock_version": version}
    for name in ("used", "unused", "co_financing_documented"):
        value = getattr(payload, name)
        data[name] = str(int(getattr(report, name) if value is None else value))
    for i, row in enumerate(report.participants):
        counts = payload.participants
        data[f"count-{i}"] = counts[i] if counts is not None and i < len(counts) else row["count"]
    given = {a.key: a for a in payload.answers or []}
    for answer in report.answers.all():
        new = given.get(answer.key)
        data[f"answer-{answer.key}"] = (new.answer or "") if new else answer.answer
        data[f"text-{answer.key}"] = new.text if new else answer.text
    return data


def _editable(request, pk: int):
    ensure(can_use_reports(request.auth))
    report = annual_report_visible_or_403(request.auth, pk)
    ensure(can_edit(request.auth, report))
    return report


@router.patch(
    "/{pk}",
    auth=WRITE,
    response=with_errors({200: ReportOut}, 404, *REFUSALS, *WRITES),
    url_name="reporting_update",
)
@idempotent_write
def report_update(request, response: HttpResponse, payload: ReportChangeIn, pk: int = ID):
    """Fill in the annual report; ``If-Match`` (its ``ETag``) is required."""
    report = _editable(request, pk)
    version = if_match_version(request)
    full = is_recipient_writer(request.auth, report.decision)
    keys = [a.key for a in report.answers.all()]
    unknown = [a.key for a in payload.answers or [] if a.key not in keys]
    if unknown:
        return Status(422, invalid_body({"answers": [REASON_UNKNOWN_KEY % {"key": unknown[0]}]}))
    form = AnnualReportForm(
        _form_data(report, payload, version), report=report, answer_keys=keys, full=full
    )
    if not form.is_valid():
        return Status(422, invalid_body(form.errors))
    report = annual_report_save(
        actor=request.auth,
        report=report,
        lock_version=version,
        values=form.values(),
        answers=form.answers(),
        participants=form.participants(),
    )
    response["ETag"] = etag(report.lock_version)
    return _out(report)


@router.post(
    "/{pk}/submit",
    auth=WRITE,
    response=with_errors({200: ReportOut}, 404, *REFUSALS, *WRITES),
    url_name="reporting_submit",
)
@idempotent_write
def report_submit(request, pk: int = ID):
    """Submit the annual report to the state administrator (the recipient only):
    409 in another state, 422 while the money does not add up or a question is
    unanswered. With ``If-Match``, 412 when it was changed after that version."""
    report = _editable(request, pk)
    if not is_recipient_writer(request.auth, report.decision):
        raise PermissionDenied(str(REASON_NOT_WRITER))
    if request.headers.get("If-Match") and if_match_version(request) != report.lock_version:
        raise StaleEdit(report)
    return _out(annual_report_submit(actor=request.auth, report=report))

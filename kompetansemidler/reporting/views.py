"""Annual report pages and the office report. Views translate HTTP; every write
is one service call, and a refusal re-shows the page with the reason and
everything typed kept."""

from decimal import Decimal, InvalidOperation

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kompetansemidler.accounts.policy import (
    caseworker_office_ids,
    ensure,
    is_national_admin,
    permission_required,
)
from kompetansemidler.core.idempotency import idempotent
from kompetansemidler.core.ids import is_id
from kompetansemidler.core.paging import paginate
from kompetansemidler.decisions.models import Decision
from kompetansemidler.registry.models import GovernorOffice

from . import office_report as office
from .models import AnnualReport, AnnualReportState, Answer
from .permissions import (
    can_edit,
    can_read_office,
    can_review,
    can_use_reports,
    can_write_office,
    is_recipient_writer,
)
from .selectors import annual_report_visible_or_403, annual_reports_visible_to, reportable_decisions
from .services import (
    ServiceRefused,
    annual_report_approve,
    annual_report_return,
    annual_report_save,
    annual_report_start,
    annual_report_submit,
)

MONEY_FIELDS = ("used", "unused", "co_financing_documented")


def _kroner(text: str) -> Decimal | None:
    try:
        value = Decimal(text.replace(" ", "").replace("\u00a0", ""))
    except (InvalidOperation, AttributeError):
        return None
    return value if value >= 0 and value == value.to_integral_value() else None


@permission_required(can_use_reports)
def index(request):
    reports = annual_reports_visible_to(request.user).order_by(
        "-year", "decision__recipient_organisation__name", "id"
    )
    round_id = request.GET.get("round", "")
    if is_id(round_id):
        reports = reports.filter(decision__round_id=round_id)
    state = request.GET.get("state", "")
    if state in AnnualReportState.values:
        reports = reports.filter(state=state)
    own = list(reportable_decisions(request.user))
    started = (
        set(AnnualReport.objects.filter(decision__in=own).values_list("decision_id", "year"))
        if own
        else set()
    )
    startable = [
        (decision, year)
        for decision in own
        for year, amount in ((decision.round.year + i, a) for i, a in enumerate(decision.amounts))
        if amount > 0 and year <= timezone.localdate().year and (decision.pk, year) not in started
    ]
    offices = (
        GovernorOffice.objects.all()
        if is_national_admin(request.user)
        else GovernorOffice.objects.filter(pk__in=caseworker_office_ids(request.user))
    )
    return render(
        request,
        "reporting/index.html",
        {
            "paging": paginate(request, reports, 50),
            "startable": startable,
            "offices": offices,
            "states": AnnualReportState.choices,
            "state": state,
            "year": timezone.localdate().year - 1,
        },
    )


@require_POST
@permission_required(can_use_reports)
@idempotent
def start(request, pk):
    decision = reportable_decisions(request.user).filter(pk=pk).first()
    if decision is None:
        get_object_or_404(Decision, pk=pk)
        raise PermissionDenied(
            _("Only the grant recipient's representatives write its annual report.")
        )
    year = request.POST.get("year", "")
    year_number = int(year) if year.isascii() and year.isdigit() and len(year) <= 4 else 0
    try:
        report = annual_report_start(actor=request.user, decision=decision, year=year_number)
    except ServiceRefused as refused:
        messages.error(request, refused.message)
        # Started already (by a second press or a colleague): show that report.
        started = AnnualReport.objects.filter(decision=decision, year=year_number).first()
        if started is not None:
            return redirect("reporting:detail", started.pk)
        return redirect("reporting:index")
    return redirect("reporting:detail", report.pk)


def _typed(post) -> dict:
    return {key: post.get(key, "") for key in post}


def _render_detail(request, report, *, refusal=None, typed=None, status=200):
    user = request.user
    answers = list(report.answers.all())
    participants = [dict(row) for row in report.participants]
    if typed:
        # Show what was typed, not what is stored, so nothing is lost on a refusal.
        for answer in answers:
            answer.answer = typed.get(f"answer-{answer.key}", answer.answer)
            answer.text = typed.get(f"text-{answer.key}", answer.text)
        for i, row in enumerate(participants):
            row["count"] = typed.get(f"count-{i}", row["count"])
    return render(
        request,
        "reporting/detail.html",
        {
            "report": report,
            "answers": answers,
            "participants": participants,
            "choices": Answer.choices,
            "may_edit": bool(can_edit(user, report)),
            "full_edit": bool(can_edit(user, report))
            and is_recipient_writer(user, report.decision),
            "may_review": bool(can_review(user, report)) and report.state == "submitted",
            "refusal": refusal,
            "typed": typed or {},
        },
        status=status,
    )


@permission_required(can_use_reports)
def detail(request, pk):
    report = annual_report_visible_or_403(request.user, pk)
    if request.method != "POST":
        return _render_detail(request, report)
    ensure(can_edit(request.user, report))
    post = request.POST
    full = is_recipient_writer(request.user, report.decision)
    values, participants = None, None
    if full:
        values = {field: _kroner(post.get(field, "")) for field in MONEY_FIELDS}
        bad = [field for field, value in values.items() if value is None]
        participants = []
        for i, row in enumerate(report.participants):
            count = post.get(f"count-{i}", "0").strip() or "0"
            if not count.isdigit():
                bad.append(f"count-{i}")
                continue
            participants.append({**row, "count": int(count)})
        if bad:
            return _render_detail(
                request,
                report,
                typed=_typed(post),
                status=400,
                refusal=_("Amounts and participant numbers must be whole numbers, zero or more."),
            )
    answers = {
        a.key: (
            post.get(f"answer-{a.key}", "")
            if post.get(f"answer-{a.key}", "") in Answer.values
            else "",
            post.get(f"text-{a.key}", ""),
        )
        for a in report.answers.all()
    }
    lock = post.get("lock_version", "")
    try:
        report = annual_report_save(
            actor=request.user,
            report=report,
            lock_version=int(lock) if lock.isdigit() else 0,
            values=values,
            answers=answers,
            participants=participants,
        )
        if "submit" in post and full:
            report = annual_report_submit(actor=request.user, report=report)
            messages.success(request, _("The annual report is submitted."))
        else:
            messages.success(request, _("Saved."))
    except ServiceRefused as refused:
        report.refresh_from_db()
        return _render_detail(
            request, report, refusal=refused.message, typed=_typed(post), status=409
        )
    return redirect("reporting:detail", report.pk)


@require_POST
@permission_required(can_use_reports)
def return_view(request, pk):
    report = annual_report_visible_or_403(request.user, pk)
    ensure(can_review(request.user, report))
    try:
        annual_report_return(
            actor=request.user, report=report, reason=request.POST.get("reason", "")
        )
    except ServiceRefused as refused:
        return _render_detail(
            request, report, refusal=refused.message, typed=_typed(request.POST), status=409
        )
    messages.success(request, _("The report is returned to the recipient."))
    return redirect("reporting:detail", report.pk)


@require_POST
@permission_required(can_use_reports)
@idempotent
def approve(request, pk):
    report = annual_report_visible_or_403(request.user, pk)
    ensure(can_review(request.user, report))
    carried = _kroner(request.POST.get("carried_over", "0") or "0")
    try:
        if carried is None:
            raise ServiceRefused(_("The carried-over amount must be whole kroner, zero or more."))
        annual_report_approve(
            actor=request.user,
            report=report,
            carried_over=carried,
            reason=request.POST.get("unused_reason", ""),
        )
    except ServiceRefused as refused:
        return _render_detail(
            request, report, refusal=refused.message, typed=_typed(request.POST), status=409
        )
    messages.success(request, _("The report is approved."))
    return redirect("reporting:detail", report.pk)


def _office(request, pk, year):
    office_ = get_object_or_404(GovernorOffice, pk=pk)
    ensure(can_read_office(request.user, office_))
    return office_, office.office_figures(office_, year), office.office_report_for(office_, year)


@permission_required(can_use_reports)
def office_report(request, pk, year):
    office_, figures, report = _office(request, pk, year)
    refusal, status, typed = None, 200, None
    if request.method == "POST":
        ensure(can_write_office(request.user, office_))
        lock = request.POST.get("lock_version", "")
        try:
            office.office_report_save(
                actor=request.user,
                report=report,
                assessment=request.POST.get("assessment", ""),
                lock_version=int(lock) if lock.isdigit() else 0,
            )
            messages.success(request, _("Saved."))
            return redirect("reporting:office", pk, year)
        except ServiceRefused as refused:
            refusal, status, typed = refused.message, 409, request.POST.get("assessment", "")
    return render(
        request,
        "reporting/office.html",
        {
            "office": office_,
            "figures": figures,
            "report": report,
            "refusal": refusal,
            "typed": typed,
            "may_write": bool(can_write_office(request.user, office_)),
        },
        status=status,
    )


@permission_required(can_use_reports)
def office_report_pdf(request, pk, year):
    _office_, figures, report = _office(request, pk, year)
    response = HttpResponse(
        office.office_report_pdf(figures, report), content_type="application/pdf"
    )
    response["Content-Disposition"] = f'inline; filename="rapport-udir-{year}.pdf"'
    return response


@permission_required(can_use_reports)
def office_report_xlsx(request, pk, year):
    _office_, figures, report = _office(request, pk, year)
    return office.office_report_xlsx(figures, report)

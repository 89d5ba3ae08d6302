"""Needs report pages: start, edit with live checks, and the lifecycle actions."""

from django.contrib import messages
from django.db import IntegrityError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods, require_POST

from kompetansemidler.accounts.policy import ensure, permission_required
from kompetansemidler.core.access import visible_or_403
from kompetansemidler.core.idempotency import idempotent
from kompetansemidler.core.ids import is_id
from kompetansemidler.core.workflow import ServiceRefused, StaleEdit, refusal_to_form
from kompetansemidler.registry.models import Unit
from kompetansemidler.schemes.labels import TARGET_GROUP_LABELS, category_label
from kompetansemidler.schemes.selectors import rounds_visible_to
from kompetansemidler.schemes.workflow import RoundPhase

from ..checks import findings_for, posted_facts, report_findings, shown
from ..forms import MeasureFormSet, NeedsReportForm, ReportStartForm, ReturnForm
from ..models import LocalPlan, MeasureCategory, NeedsReport, Partnership, ReportState
from ..permissions import (
    can_handle_reports,
    can_report_needs,
    can_use_needs,
    can_write_report,
    is_round_caseworker,
)
from ..selectors import (
    needs_reports_reopenable_by,
    needs_reports_visible_to,
    needs_reports_writable_by,
    networks_coordinated_by,
    owners_writable_by,
)
from ..services import (
    MEASURE_FIELDS,
    REFUSED_ALREADY_REPORTED,
    REPORT_FIELDS,
    allowed_actions,
    needs_report_accept,
    needs_report_continue,
    needs_report_create,
    needs_report_reopen,
    needs_report_return,
    needs_report_submit,
    needs_report_update,
)
from .common import STALE_MESSAGE, differences

PREFIX = "measure"


def _visible(request, pk) -> NeedsReport:
    return visible_or_403(
        needs_reports_visible_to(request.user).select_related(
            "round__scheme",
            "round__office",
            "round__rule_set",
            "owner",
            "network",
            "partnership",
            "local_plan",
        ),
        pk,
    )


def _open_rounds(user):
    return rounds_visible_to(user).filter(phase=RoundPhase.OPEN_FOR_NEEDS)


@permission_required(can_report_needs)
@require_http_methods(["GET", "POST"])
@idempotent
def report_create(request):
    form = ReportStartForm(
        request.POST or None,
        rounds=_open_rounds(request.user),
        owners=owners_writable_by(request.user),
        networks=networks_coordinated_by(request.user),
    )
    if request.method == "POST" and form.is_valid():
        try:
            report = needs_report_create(
                actor=request.user, round_=form.cleaned_data["round"], **form.author_kwargs()
            )
        except ServiceRefused as refused:
            # The one fix for a second report is a name of its own.
            refusal_to_form(form, refused, field_of={"": "label"})
        except IntegrityError:
            # Two different requests for the same name at once: the second loses.
            form.add_error("label", str(REFUSED_ALREADY_REPORTED))
        else:
            return redirect("needs:report_edit", pk=report.pk)
    return render(request, "needs/report_start.html", {"form": form})


def _choices(report):
    params = report.round.rule_set.params
    categories = [(MeasureCategory.GENERAL, _("General"))] + [
        (c.code, category_label(c)) for c in params.earmarked_categories
    ]
    groups = [(code, TARGET_GROUP_LABELS.get(code, code)) for code in params.target_groups]
    return params, categories, groups


def _partnerships(report):
    """The partnerships the report's owners take part in: the only ones it may name."""
    return Partnership.objects.filter(owners__in=report.author_owners()).distinct()


def _forms(report, data=None):
    params, categories, groups = _choices(report)
    owners = report.author_owners()
    plans = LocalPlan.objects.filter(owner__in=owners)
    form = NeedsReportForm(
        data,
        report=report,
        target_group_choices=groups,
        plans=plans,
        partnerships=_partnerships(report),
        units=Unit.objects.filter(owner__in=owners, is_active=True),
    )
    formset = MeasureFormSet(
        data,
        queryset=report.measures.all(),
        prefix=PREFIX,
        category_choices=categories,
        plans=plans,
    )
    for measure_form in formset.forms:
        if not params.team_around_child:
            measure_form.fields.pop("team_around_child")
            measure_form.fields.pop("team_around_child_description")
        if not (measure_form.instance.pk and measure_form.instance.carried_from_id):
            # Only a measure carried over from last year waits for confirmation.
            measure_form.fields.pop("confirmed")
        if params.co_financing_share is None:
            measure_form.fields.pop("co_financing")
    return form, formset, params


def _error_items(form, formset) -> list[tuple[str | None, str]]:
    """Every error of the report and its measures, each linked to its field."""
    items = [(None, error) for error in form.non_field_errors()]
    items += [(None, error) for error in formset.non_form_errors()]
    for each in (form, *formset.forms):
        for field in each:
            items.extend((field.auto_id, f"{field.label}: {error}") for error in field.errors)
    return items


def _measures_from(formset) -> list[dict]:
    measures = []
    for measure_form in formset.forms:
        data = getattr(measure_form, "cleaned_data", None)
        if (
            not data
            or data.get("DELETE")
            or not measure_form.has_changed()
            and not measure_form.instance.pk
        ):
            continue
        values = {name: data.get(name) for name in MEASURE_FIELDS}
        values["id"] = measure_form.instance.pk
        if "confirmed" in measure_form.fields:
            values["confirmed"] = data.get("confirmed", False)
        measures.append(values)
    return measures


@permission_required(can_report_needs)
@require_http_methods(["GET", "POST"])
def report_edit(request, pk):
    report = visible_or_403(
        needs_reports_writable_by(request.user).select_related(
            "round__rule_set", "round__scheme", "round__office", "owner", "network"
        ),
        pk,
    )
    ensure(can_write_report(request.user, report))
    data = request.POST if request.method == "POST" else None
    form, formset, params = _forms(report, data)
    changes, refused = [], False
    if request.method == "POST":
        if form.is_valid() and formset.is_valid():
            try:
                needs_report_update(
                    actor=request.user,
                    report=report,
                    data={f: form.cleaned_data[f] for f in REPORT_FIELDS},
                    units=form.cleaned_data["units"],
                    uh_partners=form.cleaned_data["uh_partners"],
                    measures=_measures_from(formset),
                    lock_version=form.cleaned_data["lock_version"],
                )
            except StaleEdit as stale:
                changes = differences(stale.current, form, REPORT_FIELDS)
                posted = request.POST.copy()
                posted["lock_version"] = str(stale.current.lock_version)
                form, formset, params = _forms(stale.current, posted)
                form.is_valid()
                formset.is_valid()
            except ServiceRefused as refusal:
                # Nothing was saved; the form keeps what was typed.
                messages.error(request, refusal.message)
            else:
                messages.success(request, _("Saved."))
                return redirect("needs:report_detail", pk=report.pk)
        else:
            refused = True
    if data is not None:
        findings = findings_for(
            posted_facts(data, partnership_qs=_partnerships(report), prefix=PREFIX), report
        )
    else:
        findings = report_findings(report)
    return render(
        request,
        "needs/report_form.html",
        {
            "report": report,
            "form": form,
            "formset": formset,
            "params": params,
            "findings": shown(findings),
            "changes": changes,
            "stale_message": STALE_MESSAGE,
            "error_items": _error_items(form, formset) if refused else [],
        },
    )


@permission_required(can_report_needs)
@require_POST
def report_check(request, pk):
    """The findings panel for the form as typed (htmx), without saving anything."""
    report = visible_or_403(
        needs_reports_writable_by(request.user).select_related("round__rule_set"), pk
    )
    ensure(can_write_report(request.user, report))
    facts = posted_facts(request.POST, partnership_qs=_partnerships(report), prefix=PREFIX)
    return render(request, "needs/_findings.html", {"findings": shown(findings_for(facts, report))})


def _next_round(report, user):
    """The same scheme and office's next open round, if this author has no report there."""
    candidate = (
        _open_rounds(user)
        .filter(
            scheme=report.round.scheme,
            office=report.round.office,
            year__gt=report.round.year,
        )
        .order_by("year")
        .first()
    )
    if (
        candidate
        and not NeedsReport.objects.filter(
            round=candidate, owner=report.owner, network=report.network
        ).exists()
    ):
        return candidate
    return None


@permission_required(can_use_needs)
def report_detail(request, pk):
    report = _visible(request, pk)
    user = request.user
    can_write = bool(can_write_report(user, report))
    is_caseworker = bool(is_round_caseworker(user, report.round))
    is_author = needs_reports_writable_by(user).filter(pk=report.pk).exists()
    _params, categories, groups = _choices(report)
    return render(
        request,
        "needs/report_detail.html",
        {
            "report": report,
            "measures": report.measures.all(),
            "units": report.units.all(),
            "uh_partners": report.uh_partners.all(),
            "category_labels": dict(categories),
            "target_groups": [dict(groups).get(g, g) for g in report.target_groups],
            "findings": shown(report_findings(report)) if can_write else [],
            "can_write": can_write,
            "can_submit": can_write and "submit" in allowed_actions(report),
            "can_decide": is_caseworker and report.state == ReportState.SUBMITTED,
            "can_return_accepted": is_caseworker and report.state == ReportState.ACCEPTED,
            "next_round": _next_round(report, user) if is_author else None,
            "return_form": ReturnForm(),
            "years": range(1, 4),
        },
    )


def _act(request, service, **kwargs):
    try:
        service(actor=request.user, **kwargs)
    except ServiceRefused as refused:
        messages.error(request, refused.message)
        return False
    return True


@permission_required(can_report_needs)
@require_POST
def report_submit(request, pk):
    report = visible_or_403(needs_reports_writable_by(request.user), pk)
    ensure(can_write_report(request.user, report))
    if _act(request, needs_report_submit, report=report):
        messages.success(request, _("The needs report was submitted."))
    return redirect("needs:report_detail", pk=pk)


def _caseworker_report(request, pk, queryset=None) -> NeedsReport:
    visible = queryset if queryset is not None else needs_reports_visible_to(request.user)
    report = visible_or_403(visible.select_related("round"), pk)
    ensure(is_round_caseworker(request.user, report.round))
    return report


@permission_required(can_handle_reports)
@require_POST
def report_return(request, pk):
    report = _caseworker_report(request, pk)
    form = ReturnForm(request.POST)
    reason = form.data.get("reason", "") if not form.is_valid() else form.cleaned_data["reason"]
    if _act(request, needs_report_return, report=report, reason=reason):
        messages.success(request, _("The report was returned to its author."))
    return redirect("needs:report_detail", pk=pk)


@permission_required(can_handle_reports)
@require_POST
def report_accept(request, pk):
    report = _caseworker_report(request, pk)
    if _act(request, needs_report_accept, report=report):
        messages.success(request, _("The report was accepted."))
    return redirect("needs:report_detail", pk=pk)


@permission_required(can_handle_reports)
@require_POST
def report_reopen(request, pk):
    report = _caseworker_report(request, pk, needs_reports_reopenable_by(request.user))
    reason = request.POST.get("reason", "")
    if _act(request, needs_report_reopen, report=report, reason=reason):
        messages.success(
            request,
            _("%(author)s may now submit the report after the deadline.")
            % {"author": report.author},
        )
    # Back to the page of the overview the caseworker reopened it from.
    page = request.GET.get("page", "")
    url = reverse("needs:round_overview", args=[report.round_id])
    return redirect(f"{url}?page={page}" if is_id(page) else url)


@permission_required(can_report_needs)
@require_POST
def report_continue(request, pk):
    previous = visible_or_403(
        needs_reports_writable_by(request.user).select_related("round__scheme", "round__office"), pk
    )
    round_ = _next_round(previous, request.user)
    if round_ is None:
        messages.error(request, _("There is no open round to continue this report in."))
        return redirect("needs:report_detail", pk=pk)
    report = needs_report_continue(actor=request.user, previous=previous, round_=round_)
    messages.info(
        request,
        _("Last year's measures were carried over. Confirm or revise each measure's amounts."),
    )
    return redirect("needs:report_edit", pk=report.pk)

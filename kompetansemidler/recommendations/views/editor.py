"""The recommendation editor: rank, set amounts, link priorities, a page of lines
at a time; totals and findings over every line as you type (htmx), a normal
POST save of the page without JavaScript, and a conflict page when someone
else saved first."""

from decimal import Decimal

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods, require_POST

from kompetansemidler.accounts.policy import ensure, permission_required
from kompetansemidler.core.workflow import ServiceRefused, StaleEdit
from kompetansemidler.registry.models import Network, OrganisationKind

from ..forms import JointMeasureForm, LineSplitForm
from ..models import RecommendationLine
from ..permissions import can_edit, can_start
from ..rows import EDITOR_PAGES
from ..selectors import accepted_reports, recommendation_visible_or_403
from ..services import (
    PRO_RATA_KEYS,
    recommendation_joint_measure_add,
    recommendation_line_remove,
    recommendation_line_split,
    recommendation_update,
)
from .common import (
    asks_co_financing,
    editing,
    editor_check,
    editor_rows,
    input_labels,
)

STALE_MESSAGE = _(
    "Someone else saved this recommendation after you opened it. Nothing was saved; your "
    "values are kept below. Compare with what is saved now, then save again to replace it."
)


def _editable(request, pk):
    recommendation = recommendation_visible_or_403(request.user, pk)
    ensure(can_edit(request.user, recommendation))
    return recommendation


def _fmt(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(_("yes") if value else _("no"))
    return str(value)


def _differences(saved_rows, state) -> list[dict]:
    """What the other session saved, line by line, next to what this user typed."""
    saved = {row.pk: row for row in saved_rows}
    rows = []
    for pk, form in state.forms.items():
        current = saved.get(pk)
        if current is None:
            continue
        typed = form.values()
        for name, value in typed.items():
            field_name = "priority" if name == "priority_id" else name
            now = getattr(current, name)
            if _fmt(now) != _fmt(value) and field_name in form.fields:
                rows.append(
                    {
                        "line": f"{current.rank}. {current.title}",
                        "label": form.fields[field_name].label,
                        "saved": _fmt(now),
                        "typed": _fmt(value),
                    }
                )
    return rows


def _editor_url(pk, query: str = "") -> str:
    url = reverse("recommendations:edit", args=[pk])
    return f"{url}?{query}" if query else url


@permission_required(can_start)
@require_http_methods(["GET", "POST"])
def recommendation_edit(request, pk):
    recommendation = _editable(request, pk)
    data = request.POST if request.method == "POST" else None
    state = editing(request, recommendation, data)
    changes = []
    if data is not None:
        valid = state.lock.is_valid() & all([form.is_valid() for form in state.forms.values()])
        if valid:
            try:
                recommendation_update(
                    actor=request.user,
                    recommendation=recommendation,
                    lines={pk: form.values() for pk, form in state.forms.items()},
                    lock_version=state.lock.cleaned_data["lock_version"],
                )
            except StaleEdit as stale:
                previous = state
                posted = request.POST.copy()
                posted["lock_version"] = str(stale.current.lock_version)
                recommendation = stale.current
                state = editing(request, recommendation, posted)
                changes = _differences(state.rows, previous)
            except ServiceRefused as refused:
                messages.error(request, refused.message)
                return redirect("recommendations:detail", pk=pk)
            else:
                messages.success(request, _("Saved."))
                # The same page again: its lines may have moved with their new ranks.
                return redirect(_editor_url(pk, request.GET.urlencode()))
    context = editor_check(state, typed=data is not None)
    if data is not None and not state.lock.is_valid():
        context["form_errors"].insert(
            0, (None, _("The page was out of date. Open the editor again and repeat your changes."))
        )
    return render(
        request,
        "recommendations/editor.html",
        {
            **context,
            "rows": editor_rows(state, context["line_findings"]),
            "paging": state.paging,
            "labels": input_labels(),
            "co_financing": asks_co_financing(recommendation),
            "recommendation": recommendation,
            "lock": state.lock,
            "changes": changes,
            "stale_message": STALE_MESSAGE,
            "submitted": data is not None,
        },
    )


@permission_required(can_start)
@require_POST
def recommendation_check(request, pk):
    """The totals and findings for the editor as typed (htmx), saving nothing."""
    recommendation = _editable(request, pk)
    state = editing(request, recommendation, request.POST)
    context = editor_check(state, typed=True)
    # Each posted line's findings replace the ones shown under it (out of band).
    rows = [
        {"pk": row.pk, "findings": context["line_findings"].get(str(row.pk), [])}
        for row in state.page_rows
    ]
    return render(
        request,
        "recommendations/_live.html",
        {**context, "rows": rows, "recommendation": recommendation, "oob": True},
    )


@permission_required(can_start)
@require_http_methods(["GET", "POST"])
def joint_measure_add(request, pk):
    recommendation = _editable(request, pk)
    reports = list(accepted_reports(recommendation.round))
    partners = list(
        RecommendationLine.partner.field.related_model.objects.filter(
            kind=OrganisationKind.UH, is_active=True
        ).order_by("name")
    )
    form = JointMeasureForm(request.POST or None, reports=reports, partners=partners)
    if request.method == "POST" and form.is_valid():
        try:
            line = recommendation_joint_measure_add(
                actor=request.user,
                recommendation=recommendation,
                title=form.cleaned_data["title"],
                amount=Decimal(form.cleaned_data["amount"]),
                basis_report=form.reports[form.cleaned_data["basis_report"]],
                partner=form.partners[form.cleaned_data["partner"]],
            )
        except ServiceRefused as refused:
            messages.error(request, refused.message)
        else:
            messages.success(request, _("The joint measure was added as the last line."))
            # The last line is on the last page.
            page = EDITOR_PAGES.last(recommendation.lines.count())
            return redirect(
                _editor_url(pk, f"page={page}" if page > 1 else "") + f"#line-{line.pk}"
            )
        return redirect("recommendations:edit", pk=pk)
    return render(
        request,
        "recommendations/joint_measure.html",
        {"recommendation": recommendation, "form": form},
    )


@permission_required(can_start)
@require_http_methods(["GET", "POST"])
def line_split(request, pk, line_pk):
    """Share one line's sum between networks pro rata (by staff or children), as the
    scheme allows between regions; the parts add up to the line to the krone."""
    recommendation = _editable(request, pk)
    line = get_object_or_404(
        RecommendationLine.objects.select_related(
            "recipient_organisation", "recipient_network", "measure"
        ),
        pk=line_pk,
        recommendation=recommendation,
    )
    networks = Network.objects.filter(
        office=recommendation.round.office_id, is_active=True
    ).order_by("name")
    form = LineSplitForm(request.POST or None, networks=networks, keys=PRO_RATA_KEYS)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                parts = recommendation_line_split(
                    actor=request.user,
                    line=line,
                    key=form.cleaned_data["key"],
                    weights=form.weights(),
                )
            except ServiceRefused as refused:
                form.add_error(None, refused.message)
            else:
                messages.success(
                    request,
                    _("The line was shared between %(count)s networks.") % {"count": len(parts)},
                )
                return redirect(_editor_url(pk, "") + f"#line-{parts[0].pk}")
        status = 400
    return render(
        request,
        "recommendations/line_split.html",
        {"recommendation": recommendation, "line": line, "form": form},
        status=status,
    )


@permission_required(can_start)
@require_http_methods(["GET", "POST"])
def line_remove(request, pk, line_pk):
    """Take a line out of the draft, after a confirmation page."""
    recommendation = _editable(request, pk)
    line = get_object_or_404(RecommendationLine, pk=line_pk, recommendation=recommendation)
    if request.method == "POST":
        try:
            recommendation_line_remove(actor=request.user, line=line)
        except ServiceRefused as refused:
            messages.error(request, refused.message)
        else:
            messages.success(
                request, _("The line “%(title)s” was removed.") % {"title": line.title}
            )
        return redirect("recommendations:edit", pk=pk)
    return render(
        request,
        "recommendations/line_remove.html",
        {"recommendation": recommendation, "line": line},
    )

"""The recommendation editor: rank, set amounts, link priorities; totals and
findings as you type (htmx), a normal POST save without JavaScript, and a
conflict page when someone else saved first."""

from decimal import Decimal

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods, require_POST

from kompetansemidler.accounts.policy import ensure, permission_required
from kompetansemidler.registry.models import OrganisationKind

from ..forms import JointMeasureForm
from ..models import RecommendationLine
from ..permissions import can_edit, can_start
from ..selectors import accepted_reports, lines_for
from ..services import (
    ServiceRefused,
    StaleEdit,
    recommendation_joint_measure_add,
    recommendation_update,
)
from .common import editor_context, editor_pairs, visible_or_403

STALE_MESSAGE = _(
    "Someone else saved this recommendation after you opened it. Nothing was saved; your "
    "values are kept below. Compare with what is saved now, then save again to replace it."
)


def _editable(request, pk):
    recommendation = visible_or_403(request.user, pk)
    ensure(can_edit(request.user, recommendation))
    return recommendation


def _fmt(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(_("yes") if value else _("no"))
    return str(value)


def _differences(saved_lines, pairs) -> list[dict]:
    """What the other session saved, line by line, next to what this user typed."""
    saved = {line.pk: line for line in saved_lines}
    rows = []
    for line, form in pairs:
        current = saved.get(line.pk)
        if current is None:
            continue
        typed = form.values()
        for name, value in typed.items():
            field_name = "priority" if name == "priority_id" else name
            now = getattr(current, name)
            if _fmt(now) != _fmt(value) and field_name in form.fields:
                rows.append({"line": f"{current.rank}. {current.title}",
                             "label": form.fields[field_name].label,
                             "saved": _fmt(now), "typed": _fmt(value)})
    return rows


@permission_required(can_start)
@require_http_methods(["GET", "POST"])
def recommendation_edit(request, pk):
    recommendation = _editable(request, pk)
    data = request.POST if request.method == "POST" else None
    pairs, lock = editor_pairs(recommendation, data)
    changes = []
    if data is not None:
        valid = lock.is_valid() & all([form.is_valid() for _line, form in pairs])
        if valid:
            try:
                recommendation_update(
                    actor=request.user, recommendation=recommendation,
                    lines={line.pk: form.values() for line, form in pairs},
                    lock_version=lock.cleaned_data["lock_version"])
            except StaleEdit as stale:
                saved = list(lines_for(stale.current))
                changes = _differences(saved, pairs)
                posted = request.POST.copy()
                posted["lock_version"] = str(stale.current.lock_version)
                recommendation = stale.current
                pairs, lock = editor_pairs(recommendation, posted)
            except ServiceRefused as refused:
                messages.error(request, refused.message)
                return redirect("recommendations:detail", pk=pk)
            else:
                messages.success(request, _("Saved."))
                return redirect("recommendations:edit", pk=pk)
    context = editor_context(recommendation, pairs, typed=data is not None)
    if data is not None and not lock.is_valid():
        context["form_errors"].insert(0, (None, _(
            "The page was out of date. Open the editor again and repeat your changes.")))
    return render(request, "recommendations/editor.html", {
        **context, "recommendation": recommendation, "lock": lock, "changes": changes,
        "stale_message": STALE_MESSAGE, "submitted": data is not None,
    })


@permission_required(can_start)
@require_POST
def recommendation_check(request, pk):
    """The totals and findings for the editor as typed (htmx), saving nothing."""
    recommendation = _editable(request, pk)
    pairs, _lock = editor_pairs(recommendation, request.POST)
    context = editor_context(recommendation, pairs, typed=True)
    return render(request, "recommendations/_live.html", {
        **context, "recommendation": recommendation, "oob": True})


@permission_required(can_start)
@require_http_methods(["GET", "POST"])
def joint_measure_add(request, pk):
    recommendation = _editable(request, pk)
    reports = list(accepted_reports(recommendation.round))
    partners = list(
        RecommendationLine.partner.field.related_model.objects.filter(
            kind=OrganisationKind.UH, is_active=True).order_by("name"))
    form = JointMeasureForm(request.POST or None, reports=reports, partners=partners)
    if request.method == "POST" and form.is_valid():
        try:
            recommendation_joint_measure_add(
                actor=request.user, recommendation=recommendation,
                title=form.cleaned_data["title"], amount=Decimal(form.cleaned_data["amount"]),
                basis_report=form.reports[form.cleaned_data["basis_report"]],
                partner=form.partners[form.cleaned_data["partner"]])
        except ServiceRefused as refused:
            messages.error(request, refused.message)
        else:
            messages.success(request, _("The joint measure was added as the last line."))
        return redirect("recommendations:edit", pk=pk)
    return render(request, "recommendations/joint_measure.html", {
        "recommendation": recommendation, "form": form})

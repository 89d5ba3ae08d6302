"""The recommendation pages: list and start, read, copy a scenario, compare two
versions, adopt, send to the state administrator, and export."""

from decimal import Decimal

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods, require_POST

from kompetansemidler.accounts.policy import ensure, permission_required
from kompetansemidler.core.idempotency import idempotent
from kompetansemidler.core.ids import is_id
from kompetansemidler.core.workflow import ServiceRefused
from kompetansemidler.forums.selectors import forum_members, forums_visible_to
from kompetansemidler.registry.models import Forum
from kompetansemidler.schemes.selectors import rounds_visible_to

from ..compare import compare
from ..facts import adoption_reasons, check_rows, shown
from ..forms import AdoptForm, CopyForm, StartForm, SupplementForm
from ..models import RecommendationKind, RecommendationState, Vote
from ..permissions import (
    REASON_NOT_FORUM,
    can_edit,
    can_send,
    can_start,
    can_use_recommendations,
    can_work_on_forum,
    sees_every_line,
)
from ..rows import EDITOR_PAGES, READING_PAGES, page_rows
from ..selectors import (
    left_over_in_round,
    line_rows,
    lines_for,
    recommendation_visible_or_403,
    recommendations_visible_to,
)
from ..services import (
    recommendation_adopt,
    recommendation_copy,
    recommendation_create,
    recommendation_send,
    recommendation_supplement,
    recusals,
)


def _start_form(user, data=None):
    forums = [f for f in forums_visible_to(user) if can_work_on_forum(user, f)]
    offices = {f.office_id for f in forums}
    rounds = rounds_visible_to(user).filter(office__in=offices).order_by("-year", "scheme")
    return StartForm(data, rounds=rounds, forums=forums)


@permission_required(can_use_recommendations)
def index(request):
    recommendations = recommendations_visible_to(request.user).order_by(
        "-round__year", "round__scheme", "forum__name", "id"
    )
    return render(
        request,
        "recommendations/index.html",
        {
            "recommendations": recommendations,
            "start_form": _start_form(request.user) if can_start(request.user) else None,
            "compare_choices": [r for r in recommendations if sees_every_line(request.user, r)],
        },
    )


@permission_required(can_start)
@require_POST
def recommendation_start(request):
    form = _start_form(request.user, request.POST)
    forum_id = request.POST.get("forum", "")
    if (
        forum_id not in form.forums
        and is_id(forum_id)
        and Forum.objects.filter(pk=forum_id).exists()
    ):
        raise PermissionDenied(REASON_NOT_FORUM)
    if form.is_valid():
        round_ = form.rounds[form.cleaned_data["round"]]
        forum = form.forums[form.cleaned_data["forum"]]
        if round_.office_id != forum.office_id:
            messages.error(request, _("The forum and the round belong to different offices."))
            return redirect("recommendations:index")
        try:
            recommendation = recommendation_create(
                actor=request.user, round=round_, forum=forum, name=form.cleaned_data["name"]
            )
        except ServiceRefused as refused:
            messages.error(request, refused.message)
        else:
            return redirect("recommendations:edit", pk=recommendation.pk)
    else:
        messages.error(request, _("Choose a round, a forum and a name."))
    return redirect("recommendations:index")


@permission_required(can_use_recommendations)
def recommendation_detail(request, pk):
    """The recommendation, a page of its lines at a time; the totals and findings
    (for those who see every line) and an owner's own total cover all lines."""
    recommendation = recommendation_visible_or_403(request.user, pk)
    user = request.user
    every_line = sees_every_line(user, recommendation)
    rows = line_rows(recommendation, user=user)
    paging = READING_PAGES.paginate(request, rows)
    result = check_rows(recommendation, rows) if every_line else None
    here = {str(row.pk) for row in paging.rows}
    elsewhere = {
        line_id: page for line_id, page in READING_PAGES.of(rows).items() if line_id not in here
    }
    votes = (
        list(Vote.objects.filter(recommendation=recommendation).select_related("member", "line"))
        if every_line
        else []
    )
    left_over = _left_over_to_supplement(user, recommendation)
    return render(
        request,
        "recommendations/detail.html",
        {
            "recommendation": recommendation,
            "rows": page_rows(paging.rows),
            "paging": paging,
            "every_line": every_line,
            "check": result,
            "findings": shown(result.findings, pages=elsewhere) if result else [],
            "own_total": sum((row.amount_year1 for row in rows), Decimal(0)),
            "votes": [v for v in votes if v.line_id is None],
            "recused": [v for v in votes if v.line_id is not None],
            "can_edit": bool(can_edit(user, recommendation)),
            "can_work": bool(can_work_on_forum(user, recommendation.forum)),
            "can_send": bool(can_send(user, recommendation)),
            "copy_form": CopyForm(
                initial={"name": _("Scenario from %(name)s") % {"name": recommendation.name}}
            ),
            "left_over": left_over,
            "supplement_form": SupplementForm() if left_over else None,
        },
    )


def _left_over_to_supplement(user, recommendation) -> Decimal | None:
    """The money left in the round, when the forum may start a supplementary
    recommendation from this one: its sent ordinary recommendation, with money left."""
    if (
        recommendation.kind != RecommendationKind.ORDINARY
        or recommendation.state != RecommendationState.SENT
        or not can_work_on_forum(user, recommendation.forum)
    ):
        return None
    left = left_over_in_round(recommendation.round)
    return left if left > 0 else None


@permission_required(can_start)
@require_POST
@idempotent
def recommendation_supplement_view(request, pk):
    """Start a supplementary recommendation for the money left after the decisions."""
    recommendation = recommendation_visible_or_403(request.user, pk)
    ensure(can_work_on_forum(request.user, recommendation.forum))
    form = SupplementForm(request.POST)
    name = form.cleaned_data["name"] if form.is_valid() else str(_("Supplementary recommendation"))
    try:
        supplementary = recommendation_supplement(
            actor=request.user, recommendation=recommendation, name=name
        )
    except ServiceRefused as refused:
        messages.error(request, refused.message)
        return redirect("recommendations:detail", pk=pk)
    messages.success(
        request, _("The supplementary recommendation was started. Rank and cut, then adopt it.")
    )
    return redirect("recommendations:edit", pk=supplementary.pk)


@permission_required(can_start)
@require_POST
def recommendation_copy_view(request, pk):
    recommendation = recommendation_visible_or_403(request.user, pk)
    ensure(can_work_on_forum(request.user, recommendation.forum))
    form = CopyForm(request.POST)
    name = (
        form.cleaned_data["name"]
        if form.is_valid()
        else _("Scenario from %(name)s") % {"name": recommendation.name}
    )
    copy = recommendation_copy(actor=request.user, recommendation=recommendation, name=name)
    messages.success(request, _("A new draft was made. Change it, then compare the two."))
    return redirect("recommendations:edit", pk=copy.pk)


@permission_required(can_start)
@require_http_methods(["GET", "POST"])
def recommendation_adopt_view(request, pk):
    recommendation = recommendation_visible_or_403(request.user, pk)
    ensure(can_edit(request.user, recommendation))
    members = list(forum_members(recommendation.forum))
    voters = [m for m in members if m.votes and not m.is_deputy]
    lines = list(lines_for(recommendation).prefetch_related("recipient_network__members"))
    form = AdoptForm(request.POST or None, voters=voters)
    refusal, reasons = None, []
    if request.method == "POST" and form.is_valid():
        try:
            recommendation_adopt(
                actor=request.user,
                recommendation=recommendation,
                method=form.cleaned_data["method"],
                votes=form.votes(),
                note=form.cleaned_data["note"],
            )
        except ServiceRefused as refused:
            refusal = refused.message
            # Rule findings are listed below from a fresh check; the others in words here.
            reasons = [
                str(f.message)
                for f in refused.findings
                if not f.code.startswith("REC_") and str(f.message) != refusal
            ]
        else:
            messages.success(request, _("The recommendation was adopted. It is now frozen."))
            return redirect("recommendations:detail", pk=pk)
    recused = recusals(recommendation, lines, members)
    # A finding links to its line in the editor, on the editor's page for that line.
    editor_pages = {line_id: page for line_id, page in EDITOR_PAGES.of(lines).items() if page > 1}
    return render(
        request,
        "recommendations/adopt.html",
        {
            "recommendation": recommendation,
            "form": form,
            "refusal": refusal,
            "reasons": reasons,
            "findings": shown(adoption_reasons(recommendation, lines), pages=editor_pages),
            "conflicts": [(m, recused.get(m.pk, [])) for m in voters if recused.get(m.pk)],
            "non_voting": [m for m in members if not m.votes],
        },
    )


@permission_required(can_start)
@require_POST
def recommendation_send_view(request, pk):
    recommendation = recommendation_visible_or_403(request.user, pk)
    ensure(can_send(request.user, recommendation))
    try:
        recommendation_send(actor=request.user, recommendation=recommendation)
    except ServiceRefused as refused:
        # E.g. the round is still open for needs reports: say so, never a 500.
        messages.error(request, refused.message)
    else:
        messages.success(request, _("The recommendation was sent to the state administrator."))
    return redirect("recommendations:detail", pk=pk)


@permission_required(can_start)
def recommendation_compare(request):
    visible = recommendations_visible_to(request.user)
    choices = [
        r
        for r in visible.order_by("-round__year", "id")
        if can_work_on_forum(request.user, r.forum)
    ]
    ids = {str(r.pk): r for r in choices}
    first, second = ids.get(request.GET.get("a", "")), ids.get(request.GET.get("b", ""))
    # A version outside the user's forums is simply not among the choices.
    comparison = compare(first, second) if first and second else None
    if comparison and first.round_id != second.round_id:
        messages.warning(request, _("The two versions belong to different rounds."))
    return render(
        request,
        "recommendations/compare.html",
        {
            "choices": choices,
            "first": first,
            "second": second,
            "comparison": comparison,
        },
    )

"""The pages of the appeal chain: Udir's list of appeals sent on and its
outcome, the office carrying it out, a reversal without an appeal (§ 35), a
declined grant, and the letters of these steps. Views translate HTTP; each
write is one service call, and a refusal re-shows the decision's page with the
reason and what was typed."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kompetansemidler.accounts.policy import ensure, permission_required
from kompetansemidler.core.idempotency import idempotent
from kompetansemidler.core.workflow import ServiceRefused

from .appeals import (
    appeal_carry_out,
    appeal_udir_decide,
    decision_decline,
    decision_reverse,
    handling_due,
)
from .forms import DeclineForm, ReversalForm, UdirOutcomeForm
from .models import Appeal, NoticeLetter
from .notices import notice_bytes
from .permissions import (
    can_decide,
    can_decide_appeals_as_udir,
    can_decline,
    can_read_rounds,
    can_use_decisions,
)
from .selectors import appeals_open_for, decision_visible_or_403
from .views import CHECK_FIELDS, _again, _for_decider


@permission_required(can_read_rounds)
def appeal_list(request):
    """Udir: the appeals sent on to it from every office. A caseworker: the
    office's appeals waiting for the office, with the date to handle them by."""
    appeals = [(appeal, handling_due(appeal)) for appeal in appeals_open_for(request.user)[:200]]
    return render(request, "decisions/appeals.html", {"appeals": appeals})


def _appeal_of(decision, appeal_pk) -> Appeal:
    return get_object_or_404(Appeal, pk=appeal_pk, decision_id=decision.pk)


@require_POST
@permission_required(can_decide_appeals_as_udir)
@idempotent
def appeal_udir(request, pk, appeal_pk):
    decision = decision_visible_or_403(request.user, pk)
    appeal = _appeal_of(decision, appeal_pk)
    form = UdirOutcomeForm(request.POST, prefix="ud")
    if not form.is_valid():
        return _again(request, decision, "udir", form, CHECK_FIELDS)
    try:
        appeal_udir_decide(
            actor=request.user,
            appeal=appeal,
            outcome=form.cleaned_data["outcome"],
            note=form.cleaned_data["note"],
            amounts=form.amounts(decision),
        )
    except ServiceRefused as refused:
        return _again(request, decision, "udir", form, refused.message)
    messages.success(request, _("Udir's outcome is recorded; the office carries it out."))
    return redirect("decisions:detail", pk=decision.pk)


@require_POST
@permission_required(can_decide)
@idempotent
def appeal_carry(request, pk, appeal_pk):
    decision = _for_decider(request, pk)
    appeal = _appeal_of(decision, appeal_pk)
    try:
        appeal_carry_out(actor=request.user, appeal=appeal)
    except ServiceRefused as refused:
        messages.error(request, refused.message)
    else:
        messages.success(request, _("Udir's outcome is carried out and the recipient informed."))
    return redirect("decisions:detail", pk=decision.pk)


@require_POST
@permission_required(can_decide)
@idempotent
def decision_reversal(request, pk):
    decision = _for_decider(request, pk)
    form = ReversalForm(request.POST, prefix="r")
    if not form.is_valid():
        return _again(request, decision, "reversal", form, CHECK_FIELDS)
    try:
        decision_reverse(
            actor=request.user,
            decision=decision,
            amounts=form.amounts(decision),
            reason=form.cleaned_data["reason"],
            ground=form.cleaned_data["ground"],
        )
    except ServiceRefused as refused:
        return _again(request, decision, "reversal", form, refused.message)
    messages.success(request, _("The decision is changed and the new grant letter sent."))
    return redirect("decisions:detail", pk=decision.pk)


@require_POST
@permission_required(can_use_decisions)
@idempotent
def decision_declined(request, pk):
    decision = decision_visible_or_403(request.user, pk)
    ensure(can_decline(request.user, decision))
    form = DeclineForm(request.POST, prefix="n")
    if not form.is_valid():
        return _again(request, decision, "decline", form, CHECK_FIELDS)
    try:
        decision_decline(actor=request.user, decision=decision, reason=form.cleaned_data["reason"])
    except ServiceRefused as refused:
        return _again(request, decision, "decline", form, refused.message)
    messages.success(request, _("The grant is declined; what is not paid goes back to the round."))
    return redirect("decisions:detail", pk=decision.pk)


@permission_required(can_use_decisions)
def notice_pdf(request, pk):
    notice = NoticeLetter.objects.filter(pk=pk).select_related("registry_entry").first()
    if notice is None:
        raise Http404
    decision = decision_visible_or_403(request.user, notice.decision_id)
    if not decision.is_issued:
        raise PermissionDenied(_("The letter is not sent yet."))
    response = HttpResponse(notice_bytes(notice), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="brev-{decision.pk}-{notice.pk}.pdf"'
    return response

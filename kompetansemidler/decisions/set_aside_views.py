"""A set-aside's page in the decisions: its decisions per owner, what is left, and
the form that drafts the next owner's decision. The decisions then go the way of
every decision (approval, letter, payments) on their own pages."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from kompetansemidler.accounts.policy import ensure, permission_required
from kompetansemidler.core.idempotency import idempotent
from kompetansemidler.core.workflow import ServiceRefused, refusal_to_form
from kompetansemidler.schemes.models import SetAside

from .forms import SetAsideDecisionForm
from .permissions import can_decide_in, can_read_round, can_read_rounds
from .selectors import set_aside_decisions, set_aside_distributed, set_aside_owners
from .services import set_aside_decision_draft


def _set_aside_or_403(user, pk) -> SetAside:
    set_aside = get_object_or_404(
        SetAside.objects.select_related("round__office", "round__scheme", "round__rule_set"), pk=pk
    )
    ensure(can_read_round(user, set_aside.round))
    return set_aside


@permission_required(can_read_rounds)
@idempotent
def set_aside_distribute(request, pk):
    """Udir and the office's caseworkers read it; the office's caseworkers distribute."""
    set_aside = _set_aside_or_403(request.user, pk)
    round_ = set_aside.round
    may_decide = bool(can_decide_in(request.user, round_)) and set_aside.is_active
    owners = set_aside_owners(round_)
    form = SetAsideDecisionForm(owners=owners) if may_decide else None
    if request.method == "POST":
        ensure(can_decide_in(request.user, round_))
        form = SetAsideDecisionForm(request.POST, owners=owners)
        if form.is_valid():
            data = form.cleaned_data
            try:
                set_aside_decision_draft(
                    actor=request.user,
                    set_aside=set_aside,
                    organisation=data["owner"],
                    participants=data["participants"],
                    amount=data["amount"],
                )
            except ServiceRefused as refused:
                refusal_to_form(form, refused)
            else:
                messages.success(
                    request,
                    _("The draft decision for %(owner)s is made; another caseworker approves it.")
                    % {"owner": data["owner"]},
                )
                return redirect("decisions:set_aside", pk=set_aside.pk)
    distributed = set_aside_distributed(set_aside)
    return render(
        request,
        "decisions/set_aside.html",
        {
            "set_aside": set_aside,
            "round": round_,
            "decisions": list(set_aside_decisions(set_aside)),
            "distributed": distributed,
            "left": set_aside.amount - distributed,
            "form": form,
        },
        status=400 if form is not None and form.errors else 200,
    )

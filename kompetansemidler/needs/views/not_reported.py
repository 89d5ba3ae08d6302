"""The caseworker's list of who has not reported needs yet in a round, with a reminder."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods

from kompetansemidler.accounts.policy import ensure, permission_required
from kompetansemidler.core.idempotency import idempotent
from kompetansemidler.schemes.models import Round
from kompetansemidler.schemes.workflow import RoundPhase

from ..not_reported import not_reported as find_not_reported
from ..not_reported import remind_not_reported, reminded
from ..permissions import can_handle_reports, is_round_caseworker

NOT_OPEN = _("The round is not open for needs reports, so there is nobody to remind.")


@permission_required(can_handle_reports)
@require_http_methods(["GET", "POST"])
@idempotent
def not_reported(request, pk):
    round_ = get_object_or_404(Round.objects.select_related("scheme", "office"), pk=pk)
    ensure(is_round_caseworker(request.user, round_))
    is_open = round_.phase == RoundPhase.OPEN_FOR_NEEDS
    if request.method == "POST":
        if not is_open:
            messages.error(request, NOT_OPEN)
        else:
            sent = len(remind_not_reported(round_))
            messages.success(
                request,
                ngettext(
                    "%(count)s reminder was sent. Nobody is reminded twice of the same deadline.",
                    "%(count)s reminders were sent. Nobody is reminded twice of the same deadline.",
                    sent,
                )
                % {"count": sent},
            )
        return redirect("needs:not_reported", pk=round_.pk)
    missing = find_not_reported(round_)
    owners_reminded, networks_reminded = reminded(round_, missing)
    return render(
        request,
        "needs/not_reported.html",
        {
            "round": round_,
            "is_open": is_open,
            "owners": [(owner, owner.pk in owners_reminded) for owner in missing.owners],
            "networks": [
                (network, network.pk in networks_reminded) for network in missing.networks
            ],
        },
    )

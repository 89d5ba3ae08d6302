"""The decisions on the round page: the sum decided (year 1, issued decisions) and
paid, for those who may read the round's decisions, with a link to the overview.
And what issued multi-year decisions commit to later years' rounds (their
later budget years' rows), whether or not those rounds are opened yet."""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from kompetansemidler.schemes.extensions import Figure, Panel

from .models import Payment
from .permissions import can_read_round
from .selectors import (
    ISSUED,
    decided_earmarked_in_round,
    decided_in_round,
    decisions_visible_to,
    later_year_amounts,
    paid_sum,
    reused_in_round,
)


def decided_figure(round_, user) -> Figure | None:
    if not can_read_round(user, round_):
        return None
    issued = decisions_visible_to(user).filter(round=round_, state__in=ISSUED)
    count = issued.count()
    paid = paid_sum(Payment.objects.filter(decision__in=issued))
    return Figure(
        label=str(_("Decided (year 1)")),
        amount=decided_in_round(round_),
        note=ngettext(
            "%(count)s decision issued, %(paid)s kroner paid",
            "%(count)s decisions issued, %(paid)s kroner paid",
            count,
        )
        % {"count": count, "paid": paid},
    )


def decisions_panel(round_, user) -> Panel | None:
    if not can_read_round(user, round_):
        return None
    return Panel(
        title=str(_("Decisions")), template="decisions/_round_panel.html", context={"round": round_}
    )


def reused_repayments_given_back(round_):
    """Repayments reused in the round give back what decisions took: negative."""
    return -reused_in_round(round_)


def reused_figure(round_, user) -> Figure | None:
    if not can_read_round(user, round_):
        return None
    reused = reused_in_round(round_)
    if not reused:
        return None
    return Figure(
        label=str(_("Repayments reused")),
        amount=reused,
        note=str(_("Received back from recipients and available again in this round")),
    )


FIGURES = [decided_figure, reused_figure]
DECIDED = [decided_in_round, reused_repayments_given_back]
DECIDED_EARMARKED = [decided_earmarked_in_round]
PANELS = [decisions_panel]
COMMITTED = [later_year_amounts]

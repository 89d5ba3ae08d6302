"""The needs app on the round page: the sum of reported needs, and for the
round's office a panel linking to the overview of who reported."""

from django.db.models import Count
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from kompetansemidler.schemes.extensions import Figure, Panel

from .allocation_table import REPORTER_KINDS, allocation_table
from .models import ReportState
from .overview import reported_needs_sum
from .permissions import can_view_overview
from .selectors import SENT, needs_reports_visible_to


def needs_sum_figure(round_, user) -> Figure | None:
    """Shown to those who may read the round's reports; the sum counts sent reports only."""
    reports = needs_reports_visible_to(user).filter(round=round_, state__in=SENT)
    if not (can_view_overview(user, round_) or reports.exists()):
        return None
    count = reports.count()
    return Figure(
        label=str(_("Reported needs (first year)")),
        amount=reported_needs_sum(round_),
        note=ngettext("%(count)s report sent", "%(count)s reports sent", count) % {"count": count},
    )


def needs_overview_panel(round_, user) -> Panel | None:
    if not can_view_overview(user, round_):
        return None
    counts = dict(
        needs_reports_visible_to(user)
        .filter(round=round_, state__in=SENT)
        .values_list("state")
        .annotate(n=Count("id"))
    )
    states = [
        (label, counts.get(value, 0)) for value, label in ReportState.choices if value in SENT
    ]
    return Panel(
        title=str(_("Needs reports")),
        template="needs/_round_panel.html",
        context={"round": round_, "states": states},
    )


def allocation_table_panel(round_, user) -> Panel | None:
    """Allocation, set aside, committed, available and needs for the office's
    schemes this year, and needs per county: for the office and Udir."""
    if not can_view_overview(user, round_):
        return None
    return Panel(
        title=str(_("Allocation table")),
        template="needs/_allocation_table.html",
        context={"table": allocation_table(round_.office, round_.year), "kinds": REPORTER_KINDS},
    )


FIGURES = [needs_sum_figure]
PANELS = [allocation_table_panel, needs_overview_panel]

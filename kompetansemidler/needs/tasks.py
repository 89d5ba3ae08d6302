"""The needs app's tasks on "Mine oppgaver": reports to write, finish or handle."""

from django.db.models import Count
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kompetansemidler.accounts.policy import caseworker_office_ids
from kompetansemidler.core.tasks import TaskLink, TaskPanel, task_panel
from kompetansemidler.schemes.selectors import rounds_visible_to
from kompetansemidler.schemes.workflow import RoundPhase

from .models import ReportState
from .permissions import can_handle_reports, can_report_needs
from .selectors import needs_reports_visible_to, needs_reports_writable_by


def _owner_panel(user) -> TaskPanel | None:
    today = timezone.localdate()
    writable = needs_reports_writable_by(user).select_related("round__scheme", "round__office")
    links = [
        TaskLink(
            (
                _("Returned – fix and submit again: %(round)s")
                if r.state == ReportState.RETURNED
                else _("Finish and submit: %(round)s")
            )
            % {"round": r.round},
            reverse("needs:report_detail", args=[r.pk]),
            deadline=r.round.needs_deadline,
        )
        for r in writable.filter(state__in=(ReportState.DRAFT, ReportState.RETURNED))
    ]
    started = set(writable.values_list("round_id", flat=True))
    open_rounds = (
        rounds_visible_to(user)
        .filter(phase=RoundPhase.OPEN_FOR_NEEDS, needs_deadline__gte=today)
        .exclude(pk__in=started)
    )
    links += [
        TaskLink(
            _("Report needs: %(round)s") % {"round": r},
            reverse("needs:report_create"),
            deadline=r.needs_deadline,
        )
        for r in open_rounds
    ]
    return task_panel(
        _("Needs reports"),
        links,
        _("Report your needs before the deadline, in dialogue with your UH partner."),
    )


def _caseworker_panel(user) -> TaskPanel | None:
    # One grouped count for every round, not a count per round.
    waiting = dict(
        needs_reports_visible_to(user)
        .filter(state=ReportState.SUBMITTED)
        .order_by()
        .values_list("round")
        .annotate(n=Count("pk", distinct=True))
    )
    rounds = rounds_visible_to(user).filter(pk__in=list(waiting))
    links = tuple(
        TaskLink(
            _("Submitted needs reports: %(round)s") % {"round": r},
            reverse("needs:round_overview", args=[r.pk]),
            waiting[r.pk],
        )
        for r in rounds
    )
    return task_panel(
        _("Needs reports to handle"), links, _("Accept each report, or return it with a reason.")
    )


def _not_reported_panel(user) -> TaskPanel | None:
    """For the caseworker: each round open for needs, with who has not reported yet."""
    rounds = (
        rounds_visible_to(user)
        .filter(phase=RoundPhase.OPEN_FOR_NEEDS, office__in=caseworker_office_ids(user))
        .select_related("scheme", "office")
    )
    links = tuple(
        TaskLink(
            _("Not reported yet: %(round)s") % {"round": r},
            reverse("needs:not_reported", args=[r.pk]),
            deadline=r.needs_deadline,
        )
        for r in rounds
    )
    return task_panel(
        _("Rounds open for needs reports"),
        links,
        _("See who has not reported yet, and remind them before the deadline."),
    )


def panels_for(user) -> list[TaskPanel]:
    panels = []
    if can_report_needs(user):
        panels.append(_owner_panel(user))
    if can_handle_reports(user):
        panels.append(_caseworker_panel(user))
        panels.append(_not_reported_panel(user))
    return [p for p in panels if p]

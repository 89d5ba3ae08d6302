"""Decisions on "Mine oppgaver": for the recipient its grant letters, for the
caseworker the draft decisions still to issue."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from kompetansemidler.accounts.policy import caseworker_office_ids
from kompetansemidler.core.tasks import TaskLink, TaskPanel, task_panel

from .models import DecisionState, Letter
from .selectors import decisions_visible_to


def _recipient_panel(user) -> TaskPanel | None:
    letters = Letter.objects.filter(
        decision__in=decisions_visible_to(user).exclude(
            round__office__in=caseworker_office_ids(user)
        )
    ).select_related("decision__round__scheme", "decision__round__office")[:10]
    links = tuple(
        TaskLink(
            _("Grant letter %(version)s: %(round)s")
            % {"version": letter.version, "round": letter.decision.round},
            reverse("decisions:letter", args=[letter.pk]),
        )
        for letter in letters
    )
    return task_panel(
        _("Your grant letters"),
        links,
        _("Read the decision and its conditions; you may appeal within three weeks."),
    )


def _caseworker_panel(user) -> TaskPanel | None:
    drafts = decisions_visible_to(user).filter(
        round__office__in=caseworker_office_ids(user), state=DecisionState.DRAFT
    )
    links = tuple(
        TaskLink(
            _("Decide: %(recipient)s, %(round)s")
            % {"recipient": d.recipient_label, "round": d.round},
            reverse("decisions:detail", args=[d.pk]),
        )
        for d in drafts[:10]
    )
    return task_panel(
        _("Draft decisions to issue"),
        links,
        _("Confirm the criteria, justify any deviation and issue the decision."),
    )


def panels_for(user) -> list[TaskPanel]:
    panels = [_recipient_panel(user)]
    if caseworker_office_ids(user):
        panels.append(_caseworker_panel(user))
    return [p for p in panels if p]

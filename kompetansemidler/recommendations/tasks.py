"""The recommendation's tasks on "Mine oppgaver": drafts for the forum to finish,
and for the caseworker the recommendations the forum has sent."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from kompetansemidler.accounts.policy import caseworker_office_ids
from kompetansemidler.core.tasks import TaskLink, TaskPanel, task_panel

from .models import RecommendationState
from .permissions import member_forum_ids
from .selectors import recommendations_visible_to


def _forum_panel(user) -> TaskPanel | None:
    drafts = recommendations_visible_to(user).filter(
        forum__in=member_forum_ids(user), state=RecommendationState.DRAFT
    )
    links = tuple(
        TaskLink(
            _("Finish and adopt: %(name)s, %(round)s") % {"name": r.name, "round": r.round},
            reverse("recommendations:edit", args=[r.pk]),
            deadline=r.round.recommendation_deadline,
        )
        for r in drafts
    )
    return task_panel(
        _("Recommendations in progress"),
        links,
        _("Rank and cut until the rules are met, then adopt."),
    )


def _caseworker_panel(user) -> TaskPanel | None:
    sent = recommendations_visible_to(user).filter(
        round__office__in=caseworker_office_ids(user), state=RecommendationState.SENT
    )
    links = tuple(
        TaskLink(
            _("Recommendation received from %(forum)s: %(round)s")
            % {"forum": r.forum, "round": r.round},
            reverse("recommendations:detail", args=[r.pk]),
            deadline=r.round.decision_deadline,
        )
        for r in sent
    )
    return task_panel(
        _("Recommendations to decide on"),
        links,
        _("Make one decision per recipient on the basis of the recommendation."),
    )


def panels_for(user) -> list[TaskPanel]:
    panels = []
    if member_forum_ids(user):
        panels.append(_forum_panel(user))
    if caseworker_office_ids(user):
        panels.append(_caseworker_panel(user))
    return [p for p in panels if p]

"""Who may see and work on a recommendation, and why not.

The forum's members work on their own forum's recommendations; the
caseworkers of the forum's office are its secretariat and assist with the
same work; Udir reads every one. Owner representatives see an adopted
recommendation, and only the lines for their own organisation.
"""

from django.utils.translation import gettext_lazy as _

from kompetansemidler.accounts.models import Role
from kompetansemidler.accounts.policy import (
    ALLOWED,
    Decision,
    caseworker_office_ids,
    deny,
    is_national_admin,
    scope_ids,
)

from .models import RecommendationState

REASON_NO_ACCESS = _(
    "Only forum members, caseworkers at a state administrator office, the national "
    "administrator and owner representatives see recommendations."
)
REASON_NOT_FORUM = _(
    "Only the forum's own members and the caseworkers at its state administrator office work "
    "on its recommendations."
)
REASON_FROZEN = _(
    "The recommendation has been adopted and is frozen: it can no longer be changed. Make a "
    "new draft from it to work on another version."
)
REASON_NOT_ADOPTED = _("Only an adopted recommendation can be sent to the state administrator.")


def member_forum_ids(user) -> set[int]:
    return scope_ids(user, Role.FORUM_MEMBER, "forum")


def owner_ids(user) -> set[int]:
    return scope_ids(user, Role.OWNER_REPRESENTATIVE, "organisation")


def can_use_recommendations(user) -> Decision:
    if (
        is_national_admin(user)
        or caseworker_office_ids(user)
        or member_forum_ids(user)
        or owner_ids(user)
    ):
        return ALLOWED
    return deny(REASON_NO_ACCESS)


def can_work_on_forum(user, forum) -> Decision:
    """Forum members and the secretariat prepare, copy and adopt recommendations."""
    if forum.pk in member_forum_ids(user) or forum.office_id in caseworker_office_ids(user):
        return ALLOWED
    return deny(REASON_NOT_FORUM)


def can_start(user) -> Decision:
    if member_forum_ids(user) or caseworker_office_ids(user):
        return ALLOWED
    return deny(REASON_NOT_FORUM)


def sees_every_line(user, recommendation) -> bool:
    """Whether the user reads the whole recommendation, not only its own lines."""
    return bool(is_national_admin(user) or can_work_on_forum(user, recommendation.forum))


def can_edit(user, recommendation) -> Decision:
    decision = can_work_on_forum(user, recommendation.forum)
    if not decision:
        return decision
    if recommendation.state != RecommendationState.DRAFT:
        return deny(REASON_FROZEN)
    return ALLOWED


def can_send(user, recommendation) -> Decision:
    decision = can_work_on_forum(user, recommendation.forum)
    if not decision:
        return decision
    if recommendation.state != RecommendationState.ADOPTED:
        return deny(REASON_NOT_ADOPTED)
    return ALLOWED

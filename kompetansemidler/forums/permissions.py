"""Who may see and change a forum's records, and why not.

Caseworkers of the forum's office keep the forum (they create it, set its
name, counties and schemes, approve membership and are its secretariat); the
national administrator reads and keeps every forum; the forum's own members
read everything of it and work on its long-term plan. Owners, UH and unit
people see nothing of a forum's internals.
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

REASON_NO_FORUM = _(
    "Only forum members, caseworkers at a state administrator office and the national "
    "administrator see collaboration forums."
)
REASON_OTHER_FORUM = _("This forum belongs to another forum or office than yours.")
REASON_MEMBERS = _(
    "Only caseworkers at the forum's state administrator office and the national "
    "administrator approve forum membership."
)
REASON_CREATE = _(
    "Only caseworkers at a state administrator office and the national administrator "
    "create collaboration forums."
)
REASON_CREATE_AT = _(
    "Only caseworkers at %(office)s and the national administrator create its forums."
)
REASON_EDIT = _(
    "Only caseworkers at the forum's state administrator office and the national "
    "administrator change the forum."
)
REASON_CONFLICT = _(
    "Only the member concerned and caseworkers at the forum's office record conflicts of interest."
)
REASON_PLAN = _("Only the forum's members and caseworkers at its office change the long-term plan.")


def member_forum_ids(user) -> set[int]:
    return scope_ids(user, Role.FORUM_MEMBER, "forum")


def can_view_forums(user) -> Decision:
    if is_national_admin(user) or caseworker_office_ids(user) or member_forum_ids(user):
        return ALLOWED
    return deny(REASON_NO_FORUM)


def _is_secretariat(user, forum) -> bool:
    return forum.office_id in caseworker_office_ids(user)


def can_view_forum(user, forum) -> Decision:
    if is_national_admin(user) or _is_secretariat(user, forum):
        return ALLOWED
    if forum.pk in member_forum_ids(user):
        return ALLOWED
    return deny(REASON_OTHER_FORUM if can_view_forums(user) else REASON_NO_FORUM)


def can_create_forums(user) -> Decision:
    """Whether the user creates forums at all (the page and its menu entry)."""
    if is_national_admin(user) or caseworker_office_ids(user):
        return ALLOWED
    return deny(REASON_CREATE)


def can_create_forum_at(user, office) -> Decision:
    if is_national_admin(user) or office.pk in caseworker_office_ids(user):
        return ALLOWED
    return deny(REASON_CREATE_AT % {"office": office})


def can_edit_forum(user, forum) -> Decision:
    if is_national_admin(user) or _is_secretariat(user, forum):
        return ALLOWED
    return deny(REASON_EDIT)


def can_manage_members(user, forum) -> Decision:
    if is_national_admin(user) or _is_secretariat(user, forum):
        return ALLOWED
    return deny(REASON_MEMBERS)


def can_declare_conflict(user, member) -> Decision:
    if _is_secretariat(user, member.forum):
        return ALLOWED
    if member.user_id == user.pk and member.forum_id in member_forum_ids(user):
        return ALLOWED
    return deny(REASON_CONFLICT)


def can_edit_plan(user, forum) -> Decision:
    if _is_secretariat(user, forum) or forum.pk in member_forum_ids(user):
        return ALLOWED
    return deny(REASON_PLAN)

"""Who may administer users and roles, and why not.

Caseworkers grant and revoke roles for the scopes under their own office (the
office itself, its forums and networks, and the organisations and units in its
counties); the national administrator may do so anywhere, and is the only one
who may grant the national administrator role.
"""

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from kompetansemidler.registry.models import GovernorOffice

from .models import Role
from .policy import (
    ALLOWED,
    Decision,
    caseworker_office_ids,
    deny,
    is_national_admin,
)
from .scopes import office_of_scope
from .selectors import users_visible_to

REASON_ROLE_ADMIN = _(
    "Only caseworkers at a state administrator office and the national administrator "
    "may administer users and roles."
)
REASON_NATIONAL_ROLE = _("Only the national administrator may grant or revoke that role.")
REASON_SCOPE_OTHER_OFFICE = _(
    "You do not have access: %(scope)s belongs to %(office)s, and you work for %(mine)s."
)
REASON_SCOPE_NO_OFFICE = _(
    "You do not have access: %(scope)s is not placed in any county, so only the national "
    "administrator may grant roles for it."
)
REASON_USER_OTHER_OFFICE = _(
    "You do not have access: %(user)s has no role under your office (%(mine)s)."
)


def _my_offices(user) -> str:
    names = GovernorOffice.objects.filter(id__in=caseworker_office_ids(user)).values_list(
        "name", flat=True
    )
    return ", ".join(names) or gettext("no office")


def can_administer_roles(user) -> Decision:
    if is_national_admin(user) or caseworker_office_ids(user):
        return ALLOWED
    return deny(REASON_ROLE_ADMIN)


def can_grant(user, role, scope) -> Decision:
    """May ``user`` grant (or revoke) ``role`` on ``scope``?"""
    if is_national_admin(user):
        return ALLOWED
    decision = can_administer_roles(user)
    if not decision:
        return decision
    if Role(role) == Role.NATIONAL_ADMIN:
        return deny(REASON_NATIONAL_ROLE)
    office = office_of_scope(scope)
    if office is None:
        return deny(REASON_SCOPE_NO_OFFICE % {"scope": scope})
    if office.id not in caseworker_office_ids(user):
        return deny(
            REASON_SCOPE_OTHER_OFFICE
            % {
                "scope": scope,
                "office": office,
                "mine": _my_offices(user),
            }
        )
    return ALLOWED


def can_revoke(user, grant) -> Decision:
    return can_grant(user, grant.role, grant.scope)


def can_view_user(user, target) -> Decision:
    decision = can_administer_roles(user)
    if not decision:
        return decision
    if users_visible_to(user).filter(pk=target.pk).exists():
        return ALLOWED
    return deny(REASON_USER_OTHER_OFFICE % {"user": target, "mine": _my_offices(user)})

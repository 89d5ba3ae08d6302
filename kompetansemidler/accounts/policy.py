"""The one policy layer: who may do what, and why not.

Permission functions take the user (and the object, if any) and return a
``Decision``: allowed or not, and a reason in words the user can act on.
Each app keeps its own permission functions in its ``permissions.py`` and
builds them from the helpers here. Views call ``ensure(decision)``, which
turns a refusal into a 403 page (or a JSON 403 in the API) showing the reason.
"""

from dataclasses import dataclass
from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _

from .models import Role, RoleGrant

REASON_NO_ROLE = _("You have no role in Kompetansemidler yet.")
REASON_NOT_LOGGED_IN = _("You must log in first.")


@dataclass(frozen=True)
class Decision:
    allowed: bool
    reason: str = ""

    def __bool__(self) -> bool:
        return self.allowed


ALLOWED = Decision(True)


def deny(reason) -> Decision:
    return Decision(False, str(reason))


def ensure(decision: Decision) -> None:
    """Raise PermissionDenied carrying the reason, unless allowed."""
    if not decision.allowed:
        raise PermissionDenied(decision.reason)


def active_grants(user) -> list[RoleGrant]:
    """The user's active role grants, read once per request and kept on the user."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return []
    cached = getattr(user, "_active_grants", None)
    if cached is None:
        cached = list(
            RoleGrant.objects.active()
            .filter(user=user)
            .select_related("office", "organisation", "unit", "forum", "network")
        )
        user._active_grants = cached
    return cached


def has_role(user, role: Role) -> bool:
    return any(grant.role == role for grant in active_grants(user))


def is_national_admin(user) -> bool:
    return has_role(user, Role.NATIONAL_ADMIN)


def scope_ids(user, role: Role, field: str) -> set[int]:
    """Ids of the scopes (``office``, ``organisation``, …) the user holds ``role`` for."""
    return {
        getattr(grant, f"{field}_id")
        for grant in active_grants(user)
        if grant.role == role and getattr(grant, f"{field}_id")
    }


def caseworker_office_ids(user) -> set[int]:
    return scope_ids(user, Role.CASEWORKER, "office")


def approver_office_ids(user) -> set[int]:
    """Offices where the user is a caseworker with budget authority (approver)."""
    return {
        grant.office_id
        for grant in active_grants(user)
        if grant.role == Role.CASEWORKER and grant.is_approver and grant.office_id
    }


def has_any_role(user) -> Decision:
    if not getattr(user, "is_authenticated", False):
        return deny(REASON_NOT_LOGGED_IN)
    return ALLOWED if active_grants(user) else deny(REASON_NO_ROLE)


def permission_required(check):
    """View decorator: anonymous users go to login; others need ``check(user)``.

    ``check`` takes the user and returns a Decision; object-level checks stay
    in the view, after the object is fetched through a scoped selector.
    """

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            ensure(check(request.user))
            return view(request, *args, **kwargs)

        wrapped.permission_check = check
        return wrapped

    return decorator

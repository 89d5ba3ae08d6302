"""Reading users and role grants, always scoped to the one who asks."""

from django.db.models import Q, QuerySet

from .models import ApiClient, Role, RoleGrant, User
from .policy import caseworker_office_ids, is_national_admin
from .scopes import all_scopes, grants_under_offices, scopes_under_offices


def users_visible_to(user) -> QuerySet[User]:
    """Users the role administration shows to ``user``.

    The national administrator sees everyone; a caseworker sees the users who
    hold or held a role scoped under the caseworker's office, and those the
    office invited; anyone else sees only themselves.
    """
    if not getattr(user, "is_authenticated", False):
        return User.objects.none()
    # API clients are administered on their own pages (api_clients_visible_to).
    people = User.objects.filter(is_service_account=False)
    if is_national_admin(user):
        return people
    offices = caseworker_office_ids(user)
    if not offices:
        return people.filter(pk=user.pk)
    return people.filter(
        Q(invited_by_office_id__in=offices)
        | Q(pk__in=RoleGrant.objects.filter(grants_under_offices(offices)).values("user_id"))
        | Q(pk=user.pk)
    ).distinct()


def api_clients_visible_to(user) -> QuerySet[ApiClient]:
    """API clients ``user`` may see: all for the national administrator, those
    acting on a scope under her office for a caseworker, none for anyone else."""
    base = ApiClient.objects.select_related(
        "grant__office", "grant__organisation", "created_by", "revoked_by"
    )
    if not getattr(user, "is_authenticated", False):
        return base.none()
    if is_national_admin(user):
        return base
    offices = caseworker_office_ids(user)
    if not offices:
        return base.none()
    return base.filter(grants_under_offices(offices, prefix="grant__"))


def without_active_role(users: QuerySet[User]) -> QuerySet[User]:
    return users.exclude(pk__in=RoleGrant.objects.active().values("user_id"))


def grants_visible_to(user) -> QuerySet[RoleGrant]:
    """Role grants ``user`` may see in the role administration."""
    base = RoleGrant.objects.select_related(
        "office", "forum", "network", "organisation", "unit", "granted_by", "revoked_by"
    )
    if is_national_admin(user):
        return base
    offices = caseworker_office_ids(user)
    if not offices:
        return base.filter(user_id=user.pk) if user.is_authenticated else base.none()
    return base.filter(grants_under_offices(offices) | Q(user_id=user.pk))


def grantable_scopes(user) -> dict[str, QuerySet]:
    """Per scope kind, the scopes ``user`` may grant roles on."""
    if is_national_admin(user):
        return all_scopes()
    return scopes_under_offices(caseworker_office_ids(user))


def grantable_roles(user) -> list[Role]:
    roles = list(Role)
    if not is_national_admin(user):
        roles.remove(Role.NATIONAL_ADMIN)
    return roles if (is_national_admin(user) or caseworker_office_ids(user)) else []

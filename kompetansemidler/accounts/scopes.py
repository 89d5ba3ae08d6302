"""Where a role's scope belongs: every scope lies under one state administrator office.

Caseworkers administer roles for the scopes under their own office, so the
office of a scope is the one fact the role policy turns on.
"""

from django.db.models import Q, QuerySet

from kompetansemidler.registry.models import Forum, GovernorOffice, Network, Organisation, Unit

from .models import ROLE_SCOPE, Role

SCOPE_MODELS = {
    "office": GovernorOffice,
    "forum": Forum,
    "network": Network,
    "organisation": Organisation,
    "unit": Unit,
}


def office_of_scope(scope) -> GovernorOffice | None:
    """The office a scope lies under; None for no scope or an unplaced organisation."""
    if scope is None:
        return None
    if isinstance(scope, GovernorOffice):
        return scope
    if isinstance(scope, Forum | Network):
        return scope.office
    if isinstance(scope, Organisation):
        county = scope.county or (scope.municipality.county if scope.municipality else None)
        return county.office if county else None
    if isinstance(scope, Unit):
        return scope.municipality.county.office
    raise TypeError(f"Not a role scope: {scope!r}")


def scope_field_for(scope) -> str:
    for field, model in SCOPE_MODELS.items():
        if isinstance(scope, model):
            return field
    raise TypeError(f"Not a role scope: {scope!r}")


def role_accepts_scope(role: Role, scope) -> bool:
    field = ROLE_SCOPE[Role(role)]
    if field is None:
        return scope is None
    return scope is not None and scope_field_for(scope) == field


def grants_under_offices(office_ids, prefix: str = "") -> Q:
    """A Q on RoleGrant (or, with ``prefix="role_grants__"``, on User) for grants
    whose scope lies under one of ``office_ids``."""
    p = prefix
    return (
        Q(**{f"{p}office_id__in": office_ids})
        | Q(**{f"{p}forum__office_id__in": office_ids})
        | Q(**{f"{p}network__office_id__in": office_ids})
        | Q(**{f"{p}organisation__county__office_id__in": office_ids})
        | Q(
            **{
                f"{p}organisation__county__isnull": True,
                f"{p}organisation__municipality__county__office_id__in": office_ids,
            }
        )
        | Q(**{f"{p}unit__municipality__county__office_id__in": office_ids})
    )


def scopes_under_offices(office_ids) -> dict[str, QuerySet]:
    """The querysets of every kind of scope under ``office_ids``, for choosing one."""
    return {
        "office": GovernorOffice.objects.filter(id__in=office_ids),
        "forum": Forum.objects.filter(office_id__in=office_ids, is_active=True),
        "network": Network.objects.filter(office_id__in=office_ids, is_active=True),
        "organisation": Organisation.objects.filter(
            Q(county__office_id__in=office_ids)
            | Q(county__isnull=True, municipality__county__office_id__in=office_ids),
            is_active=True,
        ),
        "unit": Unit.objects.filter(
            municipality__county__office_id__in=office_ids, is_active=True
        ).select_related("owner"),
    }


def all_scopes() -> dict[str, QuerySet]:
    return {
        "office": GovernorOffice.objects.all(),
        "forum": Forum.objects.filter(is_active=True),
        "network": Network.objects.filter(is_active=True),
        "organisation": Organisation.objects.filter(is_active=True),
        "unit": Unit.objects.filter(is_active=True).select_related("owner"),
    }

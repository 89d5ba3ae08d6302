"""Reading the registry: every list of offices, counties, municipalities,
organisations and units, filtered and searched, for the pages, the exports and
the JSON API alike.

Each selector takes the user first and returns nothing to a user who may not
see the registry, so a view that forgets its permission check still leaks
nothing. Filters are keyword-only and already typed (the page's filter form and
the API's query schema validate the raw input); ``None`` or ``""`` means "do
not filter on this". The querysets fetch what a row shows in a fixed number of
queries, however many rows there are.
"""

from django.db.models import Count, IntegerField, OuterRef, Q, QuerySet, Subquery, Sum, Value
from django.db.models.functions import Coalesce

from kompetansemidler.accounts.policy import caseworker_office_ids, is_national_admin

from .models import (
    HAND_KEPT_KINDS,
    PUBLIC_KINDS,
    County,
    GovernorOffice,
    Municipality,
    Organisation,
    RegisterSource,
    Unit,
    UnitKind,
)
from .permissions import can_keep_organisations, can_view_registry


def _count(model, field: str, **conditions) -> Coalesce:
    """A subquery counting ``model`` rows whose ``field`` points at the outer row.

    A subquery rather than ``Count`` over a join: two counts over two joins
    would multiply each other.
    """
    rows = (
        model.objects.filter(**{field: OuterRef("pk")}, **conditions)
        .order_by()
        .values(field)
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(rows, output_field=IntegerField()), Value(0))


def _search_terms(q: str | None) -> str:
    return " ".join((q or "").split())


def _number_or_name(q: str, number_field: str, *name_fields: str) -> Q:
    """Match ``q`` against the names, or a number typed with or without spaces."""
    condition = Q()
    for name_field in name_fields:
        condition |= Q(**{f"{name_field}__icontains": q})
    compact = q.replace(" ", "")
    if compact.isdigit():
        condition |= Q(**{f"{number_field}__startswith": compact})
    return condition


def _yes_no(queryset: QuerySet, field: str, value: bool | None) -> QuerySet:
    return queryset if value is None else queryset.filter(**{field: value})


def offices_visible_to(user, *, q: str | None = None) -> QuerySet[GovernorOffice]:
    if not can_view_registry(user):
        return GovernorOffice.objects.none()
    offices = GovernorOffice.objects.annotate(
        county_count=_count(County, "office"),
        municipality_count=_count(Municipality, "county__office"),
    )
    if q := _search_terms(q):
        offices = offices.filter(Q(name__icontains=q) | Q(counties__name__icontains=q)).distinct()
    return offices.order_by("name")


def counties_visible_to(
    user, *, q: str | None = None, office: str | None = None
) -> QuerySet[County]:
    """Counties; ``office`` is an office's identifier (slug)."""
    if not can_view_registry(user):
        return County.objects.none()
    counties = County.objects.select_related("office").annotate(
        municipality_count=_count(Municipality, "county"),
    )
    if office:
        counties = counties.filter(office__slug=office)
    if q := _search_terms(q):
        counties = counties.filter(_number_or_name(q, "number", "name"))
    return counties.order_by("number")


def municipalities_visible_to(
    user, *, q: str | None = None, office: str | None = None, county: str | None = None
) -> QuerySet[Municipality]:
    """Municipalities; the search matches the common and the official name
    (``Nesseby`` and ``Unjárga``) and the municipality number."""
    if not can_view_registry(user):
        return Municipality.objects.none()
    municipalities = Municipality.objects.select_related("county__office").annotate(
        organisation_count=_count(Organisation, "municipality"),
        unit_count=_count(Unit, "municipality"),
    )
    if office:
        municipalities = municipalities.filter(county__office__slug=office)
    if county:
        municipalities = municipalities.filter(county__number=county)
    if q := _search_terms(q):
        municipalities = municipalities.filter(
            _number_or_name(q, "number", "name", "official_name")
        )
    return municipalities.order_by("number")


def organisations_visible_to(
    user,
    *,
    q: str | None = None,
    county: str | None = None,
    municipality: str | None = None,
    kind: str | None = None,
    public: bool | None = None,
    active: bool | None = None,
) -> QuerySet[Organisation]:
    """Organisations; ``county`` and ``municipality`` are numbers, ``kind`` an
    ``OrganisationKind`` value, ``public`` means a public owner kind."""
    if not can_view_registry(user):
        return Organisation.objects.none()
    organisations = Organisation.objects.select_related("municipality", "county").annotate(
        unit_count=_count(Unit, "owner"),
    )
    if county:
        organisations = organisations.filter(county__number=county)
    if municipality:
        organisations = organisations.filter(municipality__number=municipality)
    if kind:
        organisations = organisations.filter(kind=kind)
    if public is True:
        organisations = organisations.filter(kind__in=PUBLIC_KINDS)
    elif public is False:
        organisations = organisations.exclude(kind__in=PUBLIC_KINDS)
    organisations = _yes_no(organisations, "is_active", active)
    if q := _search_terms(q):
        organisations = organisations.filter(_number_or_name(q, "organisation_number", "name"))
    return organisations.order_by("name", "organisation_number")


def units_visible_to(
    user,
    *,
    q: str | None = None,
    county: str | None = None,
    municipality: str | None = None,
    kind: str | None = None,
    public: bool | None = None,
    active: bool | None = None,
    owner: str | None = None,
) -> QuerySet[Unit]:
    """Kindergartens and schools; ``owner`` is the owner's organisation number."""
    if not can_view_registry(user):
        return Unit.objects.none()
    units = Unit.objects.select_related("owner", "municipality__county")
    if county:
        units = units.filter(municipality__county__number=county)
    if municipality:
        units = units.filter(municipality__number=municipality)
    if kind:
        units = units.filter(kind=kind)
    if owner:
        units = units.filter(owner__organisation_number=owner)
    units = _yes_no(units, "is_public", public)
    units = _yes_no(units, "is_active", active)
    if q := _search_terms(q):
        units = units.filter(_number_or_name(q, "organisation_number", "name"))
    return units.order_by("name", "organisation_number")


def owner_totals(owner: Organisation) -> dict[str, int]:
    """What an owner's active units add up to: kindergartens, schools, children, staff."""
    totals = owner.units.filter(is_active=True).aggregate(
        kindergartens=Count("pk", filter=Q(kind=UnitKind.KINDERGARTEN)),
        schools=Count("pk", filter=Q(kind=UnitKind.SCHOOL)),
        children=Coalesce(Sum("children"), 0),
        staff=Coalesce(Sum("staff"), 0),
    )
    return {key: int(value) for key, value in totals.items()}


def municipalities_to_keep_organisations_in(user) -> QuerySet[Municipality]:
    """Where the user may locate a hand-kept organisation: anywhere for the
    national administrator, her office's counties for a caseworker, else nowhere."""
    if is_national_admin(user):
        return Municipality.objects.all()
    return Municipality.objects.filter(county__office_id__in=caseworker_office_ids(user))


def organisations_kept_by_hand(user) -> QuerySet[Organisation]:
    """The organisations the user may change on the registry's pages, for her list."""
    if not can_keep_organisations(user):
        return Organisation.objects.none()
    rows = Organisation.objects.filter(
        source=RegisterSource.MANUAL, kind__in=HAND_KEPT_KINDS
    ).select_related("municipality", "county")
    if not is_national_admin(user):
        rows = rows.filter(county__office_id__in=caseworker_office_ids(user))
    return rows.order_by("name", "organisation_number")

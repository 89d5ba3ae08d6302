"""The registry in the JSON API, at /api/registry/: the same lists, filters and
search as the pages (through the same selectors), paged, and one object each."""

from django.shortcuts import get_object_or_404
from ninja import Path, Query, Router

from kompetansemidler.accounts.policy import ensure
from kompetansemidler.api.errors import with_errors
from kompetansemidler.api.paging import api_page

from . import selectors
from .api_schemas import (
    CountyFilters,
    CountyOut,
    CountyPage,
    MunicipalityFilters,
    MunicipalityOut,
    MunicipalityPage,
    OfficeDetailOut,
    OfficeFilters,
    OfficePage,
    OrganisationDetailOut,
    OrganisationFilters,
    OrganisationPage,
    Paging,
    UnitFilters,
    UnitOut,
    UnitPage,
)
from .permissions import can_view_registry

PREFIX = "registry"
router = Router(tags=["registry"])

COUNTY_NUMBER = Path(..., pattern=r"^[0-9]{2}$")
MUNICIPALITY_NUMBER = Path(..., pattern=r"^[0-9]{4}$")
ORGANISATION_NUMBER = Path(..., pattern=r"^[0-9]{9}$")
OFFICE_SLUG = Path(..., pattern=r"^[-a-z0-9]{1,60}$")


def _page(rows, filters: Paging) -> dict:
    return api_page(rows, page=filters.page, page_size=filters.page_size)


def _selector_kwargs(filters: Paging) -> dict:
    return filters.dict(exclude={"page", "page_size"}, exclude_none=True)


@router.get(
    "/offices",
    response=with_errors({200: OfficePage}),
    url_name="registry_offices",
    summary="State administrator offices",
)
def office_list(request, filters: Query[OfficeFilters]):
    ensure(can_view_registry(request.auth))
    return _page(selectors.offices_visible_to(request.auth, **_selector_kwargs(filters)), filters)


@router.get(
    "/offices/{slug}",
    response=with_errors({200: OfficeDetailOut}, 404),
    url_name="registry_office",
    summary="One office, with its counties",
)
def office_detail(request, slug: str = OFFICE_SLUG):
    ensure(can_view_registry(request.auth))
    office = get_object_or_404(selectors.offices_visible_to(request.auth), slug=slug)
    return {
        "slug": office.slug,
        "name": office.name,
        "county_count": office.county_count,
        "municipality_count": office.municipality_count,
        "counties": list(selectors.counties_visible_to(request.auth, office=slug)),
    }


@router.get(
    "/counties",
    response=with_errors({200: CountyPage}),
    url_name="registry_counties",
    summary="Counties",
)
def county_list(request, filters: Query[CountyFilters]):
    ensure(can_view_registry(request.auth))
    return _page(selectors.counties_visible_to(request.auth, **_selector_kwargs(filters)), filters)


@router.get(
    "/counties/{number}",
    response=with_errors({200: CountyOut}, 404),
    url_name="registry_county",
    summary="One county",
)
def county_detail(request, number: str = COUNTY_NUMBER):
    ensure(can_view_registry(request.auth))
    return get_object_or_404(selectors.counties_visible_to(request.auth), number=number)


@router.get(
    "/municipalities",
    response=with_errors({200: MunicipalityPage}),
    url_name="registry_municipalities",
    summary="Municipalities",
)
def municipality_list(request, filters: Query[MunicipalityFilters]):
    ensure(can_view_registry(request.auth))
    rows = selectors.municipalities_visible_to(request.auth, **_selector_kwargs(filters))
    return _page(rows, filters)


@router.get(
    "/municipalities/{number}",
    response=with_errors({200: MunicipalityOut}, 404),
    url_name="registry_municipality",
    summary="One municipality",
)
def municipality_detail(request, number: str = MUNICIPALITY_NUMBER):
    ensure(can_view_registry(request.auth))
    return get_object_or_404(selectors.municipalities_visible_to(request.auth), number=number)


@router.get(
    "/organisations",
    response=with_errors({200: OrganisationPage}),
    url_name="registry_organisations",
    summary="Organisations",
)
def organisation_list(request, filters: Query[OrganisationFilters]):
    ensure(can_view_registry(request.auth))
    rows = selectors.organisations_visible_to(request.auth, **_selector_kwargs(filters))
    return _page(rows, filters)


@router.get(
    "/organisations/{organisation_number}",
    response=with_errors({200: OrganisationDetailOut}, 404),
    url_name="registry_organisation",
    summary="One organisation, with owner totals",
)
def organisation_detail(request, organisation_number: str = ORGANISATION_NUMBER):
    ensure(can_view_registry(request.auth))
    organisation = get_object_or_404(
        selectors.organisations_visible_to(request.auth), organisation_number=organisation_number
    )
    organisation.owner_totals = (
        selectors.owner_totals(organisation) if organisation.is_owner else None
    )
    return organisation


@router.get(
    "/units",
    response=with_errors({200: UnitPage}),
    url_name="registry_units",
    summary="Kindergartens and schools",
)
def unit_list(request, filters: Query[UnitFilters]):
    ensure(can_view_registry(request.auth))
    return _page(selectors.units_visible_to(request.auth, **_selector_kwargs(filters)), filters)


@router.get(
    "/units/{organisation_number}",
    response=with_errors({200: UnitOut}, 404),
    url_name="registry_unit",
    summary="One kindergarten or school",
)
def unit_detail(request, organisation_number: str = ORGANISATION_NUMBER):
    ensure(can_view_registry(request.auth))
    return get_object_or_404(
        selectors.units_visible_to(request.auth), organisation_number=organisation_number
    )

"""Lists do not issue more queries as the registry grows: the count of queries
for a page of 5 rows and for a page of 50 rows is the same."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kompetansemidler.registry.models import Organisation, OrganisationKind, Unit, UnitKind
from kompetansemidler.registry.numbers import organisation_number_from
from tests.factories import municipality

LISTS = [
    "registry:organisation_list",
    "registry:unit_list",
    "registry:municipality_list",
    "registry:county_list",
    "registry:office_list",
    "api:registry_organisations",
    "api:registry_units",
    "api:registry_municipalities",
    "api:registry_counties",
    "api:registry_offices",
]
EXPORTS = ["registry:organisation_export", "registry:unit_export"]


def add_rows(count: int, start: int) -> None:
    """``count`` owners across municipalities, each with a kindergarten."""
    places = [municipality(number) for number in ("4601", "4621", "4631", "4640", "1103")]
    owners = Organisation.objects.bulk_create(
        Organisation(
            organisation_number=organisation_number_from(91000000 + n * 7),
            name=f"Eigar {n:03d}",
            kind=OrganisationKind.PRIVATE_OWNER,
            municipality=places[n % 5],
            county_id=places[n % 5].county_id,
        )
        for n in range(start, start + count)
    )
    Unit.objects.bulk_create(
        Unit(
            organisation_number=organisation_number_from(92000000 + n * 7),
            name=f"Barnehage {n:03d}",
            kind=UnitKind.KINDERGARTEN,
            owner=owner,
            municipality_id=owner.municipality_id,
            is_public=False,
        )
        for n, owner in zip(range(start, start + count), owners, strict=True)
    )


def queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(context.captured_queries)


@pytest.mark.parametrize("name", LISTS + EXPORTS)
def test_query_count_does_not_grow_with_rows(name, cast, client_for):
    client = client_for(cast.caseworker)
    kwargs = {"fmt": "xlsx"} if name.endswith("_export") else {}
    url = reverse(name, kwargs=kwargs)
    add_rows(5, 0)
    queries(client, url)  # warm the session and the role cache
    few = queries(client, url)
    add_rows(45, 5)
    many = queries(client, url)
    assert few == many, f"{name}: {few} queries with 5 rows, {many} with 50"

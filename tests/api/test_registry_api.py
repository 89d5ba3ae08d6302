"""The registry API: the same filters as the pages, paged, with JSON errors."""

import pytest
from django.urls import reverse

from kompetansemidler.accounts.policy import REASON_NO_ROLE, REASON_NOT_LOGGED_IN
from kompetansemidler.registry.models import County
from tests.factories import UnitFactory


@pytest.fixture
def caseworker(cast, client_for):
    return client_for(cast.caseworker)


def test_anonymous_gets_401_json_with_the_reason(cast, client):
    response = client.get(reverse("api:registry_units"))
    assert response.status_code == 401
    assert response.json() == {"detail": str(REASON_NOT_LOGGED_IN), "code": "not_authenticated"}


def test_user_without_role_gets_403_json_with_the_reason(cast, client_for):
    response = client_for(cast.outsider).get(reverse("api:registry_municipalities"))
    assert response.status_code == 403
    assert response.json() == {"detail": str(REASON_NO_ROLE), "code": "forbidden"}


def test_unknown_unit_is_404_json(caseworker):
    response = caseworker.get(
        reverse("api:registry_unit", kwargs={"organisation_number": "123456789"})
    )
    assert response.status_code == 404
    assert response.json()["code"] == "not_found"


def test_bad_filter_values_are_422_with_each_field_named(caseworker):
    response = caseworker.get(
        reverse("api:registry_units"), {"kind": "castle", "county": "4", "page": "0"}
    )
    assert response.status_code == 422
    body = response.json()
    assert body["code"] == "invalid"
    assert {tuple(error["loc"]) for error in body["errors"]} == {
        ("query", "kind"),
        ("query", "county"),
        ("query", "page"),
    }


def test_municipality_search_accepts_the_sami_official_name(caseworker):
    url = reverse("api:registry_municipalities")
    for q in ("Nesseby", "Unjárga"):
        items = caseworker.get(url, {"q": q}).json()["items"]
        assert [m["number"] for m in items] == ["5636"], q


def test_units_are_paged_and_filtered_like_the_page(cast, caseworker):
    UnitFactory.create_batch(7, owner=cast.other_owner)
    url = reverse("api:registry_units")
    first = caseworker.get(
        url, {"owner": cast.other_owner.organisation_number, "page_size": 5}
    ).json()
    assert first["count"] == 7 and len(first["items"]) == 5
    second = caseworker.get(
        url, {"owner": cast.other_owner.organisation_number, "page_size": 5, "page": 2}
    ).json()
    assert len(second["items"]) == 2
    assert {u["organisation_number"] for u in first["items"]}.isdisjoint(
        u["organisation_number"] for u in second["items"]
    )
    beyond = caseworker.get(url, {"page": 99}).json()
    assert beyond["items"] == [] and beyond["count"] == 8


def test_organisation_detail_has_owner_totals_for_owners_only(cast, caseworker):
    owner = caseworker.get(
        reverse(
            "api:registry_organisation",
            kwargs={"organisation_number": cast.owner.organisation_number},
        )
    ).json()
    assert owner["owner_totals"] == {"kindergartens": 1, "schools": 0, "children": 72, "staff": 18}
    uh = caseworker.get(
        reverse(
            "api:registry_organisation", kwargs={"organisation_number": cast.uh.organisation_number}
        )
    ).json()
    assert uh["owner_totals"] is None


def test_office_detail_lists_its_counties(caseworker):
    office = caseworker.get(reverse("api:registry_office", kwargs={"slug": "vestland"})).json()
    assert office["counties"] == [{"number": "46", "name": "Vestland"}]


def test_every_operation_documents_the_common_errors(client):
    schema = client.get("/api/openapi.json").json()
    undocumented = [
        f"{method.upper()} {path}: {code}"
        for path, operations in schema["paths"].items()
        for method, operation in operations.items()
        for code in ("401", "403", "422")
        # The token endpoint checks a client's credentials, not a role: no 403.
        if code not in operation["responses"] and not (path == "/api/token" and code == "403")
    ]
    assert undocumented == []
    single = schema["paths"]["/api/registry/units/{organisation_number}"]["get"]
    assert "404" in single["responses"]


def test_schema_gives_numbers_their_real_patterns(client):
    schema = client.get("/api/openapi.json").json()
    components = schema["components"]["schemas"]
    assert components["UnitOut"]["properties"]["organisation_number"]["pattern"] == "^[0-9]{9}$"
    assert components["MunicipalityRef"]["properties"]["number"]["pattern"] == "^[0-9]{4}$"
    assert components["CountyRef"]["properties"]["number"]["pattern"] == "^[0-9]{2}$"


def test_organisation_detail_says_whether_a_college_is_private_and_where_its_campuses_are(
    cast, caseworker
):
    cast.uh.privately_owned = True
    cast.uh.save(update_fields=["privately_owned"])
    cast.uh.campus_counties.add(County.objects.get(number="03"))
    body = caseworker.get(
        reverse(
            "api:registry_organisation", kwargs={"organisation_number": cast.uh.organisation_number}
        )
    ).json()
    assert body["privately_owned"] is True
    assert body["campus_counties"] == [{"number": "03", "name": "Oslo"}]

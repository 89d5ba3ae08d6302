"""Each detail page shows what belongs to it: office → counties, county →
municipalities, municipality → organisations and units, organisation → units
and owner totals, unit → owner."""

import pytest
from django.urls import reverse

from kompetansemidler.registry.models import UnitKind
from tests.factories import UnitFactory


@pytest.fixture
def caseworker(cast, client_for):
    return client_for(cast.caseworker)


def test_office_page_lists_its_counties(caseworker):
    response = caseworker.get(
        reverse("registry:office_detail", kwargs={"slug": "ostfold-buskerud-oslo-akershus"})
    )
    assert sorted(c.name for c in response.context["counties"]) == [
        "Akershus",
        "Buskerud",
        "Oslo",
        "Østfold",
    ]


def test_county_page_lists_its_municipalities(caseworker):
    response = caseworker.get(reverse("registry:county_detail", kwargs={"number": "46"}))
    municipalities = list(response.context["municipalities"])
    assert len(municipalities) == 43 and municipalities[0].name == "Bergen"


def test_municipality_page_lists_its_organisations_and_units(cast, caseworker):
    response = caseworker.get(reverse("registry:municipality_detail", kwargs={"number": "4601"}))
    page = response.content.decode()
    assert "Bergen kommune" in page and "Høgskulen på Vestlandet" in page
    assert "Solsikken barnehage" in page


def test_owner_page_lists_its_units_and_totals_of_active_units(cast, caseworker):
    UnitFactory(
        name="Fjellsida skule", kind=UnitKind.SCHOOL, owner=cast.owner, children=200, staff=30
    )
    UnitFactory(name="Nedlagd barnehage", owner=cast.owner, children=40, is_active=False)
    response = caseworker.get(
        reverse(
            "registry:organisation_detail",
            kwargs={"organisation_number": cast.owner.organisation_number},
        )
    )
    assert response.context["totals"] == {
        "kindergartens": 1,
        "schools": 1,
        "children": 272,
        "staff": 48,
    }
    assert {u.name for u in response.context["units"]} == {
        "Solsikken barnehage",
        "Fjellsida skule",
        "Nedlagd barnehage",
    }


def test_a_university_page_has_no_owner_totals(cast, caseworker):
    response = caseworker.get(
        reverse(
            "registry:organisation_detail",
            kwargs={"organisation_number": cast.uh.organisation_number},
        )
    )
    assert response.context["totals"] is None


def test_unit_page_links_its_owner(cast, caseworker):
    response = caseworker.get(
        reverse(
            "registry:unit_detail", kwargs={"organisation_number": cast.unit.organisation_number}
        )
    )
    owner_url = reverse(
        "registry:organisation_detail",
        kwargs={"organisation_number": cast.owner.organisation_number},
    )
    assert owner_url in response.content.decode()


def test_an_unknown_number_is_404(caseworker):
    assert (
        caseworker.get(
            reverse("registry:unit_detail", kwargs={"organisation_number": "123456789"})
        ).status_code
        == 404
    )
    assert (
        caseworker.get(reverse("registry:county_detail", kwargs={"number": "99"})).status_code
        == 404
    )

"""The registry lists: search, filters, paging, and refusal of bad filter values."""

import pytest
from django.urls import reverse

from kompetansemidler.registry.forms import MESSAGE_ORGANISATION_NUMBER
from kompetansemidler.registry.models import OrganisationKind, UnitKind
from tests.factories import OrganisationFactory, UnitFactory, municipality


def names(response) -> list[str]:
    return [str(row) for row in response.context["rows"]]


@pytest.fixture
def caseworker(cast, client_for):
    return client_for(cast.caseworker)


def test_municipality_search_finds_nesseby_by_name_and_by_its_sami_official_name(caseworker):
    url = reverse("registry:municipality_list")
    assert names(caseworker.get(url, {"q": "Nesseby"})) == ["Nesseby"]
    assert names(caseworker.get(url, {"q": "Unjárga"})) == ["Nesseby"]
    assert names(caseworker.get(url, {"q": "5636"})) == ["Nesseby"]


def test_municipalities_filtered_by_county_are_only_that_countys(caseworker):
    response = caseworker.get(reverse("registry:municipality_list"), {"county": "46"})
    assert response.context["page"].paginator.count == 43
    assert all(m.county.number == "46" for m in response.context["rows"])


def test_counties_filtered_by_office_show_the_four_counties_of_oslo_office(caseworker):
    response = caseworker.get(
        reverse("registry:county_list"), {"office": "ostfold-buskerud-oslo-akershus"}
    )
    assert sorted(c.number for c in response.context["rows"]) == ["03", "31", "32", "33"]


def test_organisations_filter_by_kind_public_and_active(cast, caseworker):
    closed = OrganisationFactory(name="Nedlagt Barnehage AS", is_active=False)
    url = reverse("registry:organisation_list")
    assert names(caseworker.get(url, {"kind": OrganisationKind.UH})) == ["Høgskulen på Vestlandet"]
    public = names(caseworker.get(url, {"public": "true"}))
    assert "Bergen kommune" in public and "Fjordbarnehagar AS" not in public
    private = names(caseworker.get(url, {"public": "false"}))
    assert "Fjordbarnehagar AS" in private and "Bergen kommune" not in private
    assert names(caseworker.get(url, {"active": "false"})) == [closed.name]


def test_organisation_search_by_name_or_organisation_number_with_spaces(cast, caseworker):
    url = reverse("registry:organisation_list")
    assert names(caseworker.get(url, {"q": "fjordbarne"})) == ["Fjordbarnehagar AS"]
    assert names(caseworker.get(url, {"q": "964 338 531"})) == ["Bergen kommune"]


def test_units_filter_by_municipality_kind_owner_and_county(cast, caseworker):
    voss = municipality("4621")
    owner = OrganisationFactory(
        name="Voss herad", kind=OrganisationKind.MUNICIPALITY, municipality=voss
    )
    school = UnitFactory(name="Vossevangen skule", kind=UnitKind.SCHOOL, owner=owner)
    rogaland_unit = UnitFactory(name="Hundvåg barnehage", owner=cast.rogaland_owner)
    url = reverse("registry:unit_list")
    assert names(caseworker.get(url, {"municipality": "4621"})) == [school.name]
    assert names(caseworker.get(url, {"kind": "school"})) == [school.name]
    assert names(caseworker.get(url, {"owner": owner.organisation_number})) == [school.name]
    assert rogaland_unit.name not in names(caseworker.get(url, {"county": "46"}))
    assert names(caseworker.get(url, {"county": "11"})) == [rogaland_unit.name]


def test_a_bad_filter_value_is_explained_and_the_search_text_is_kept(caseworker):
    response = caseworker.get(reverse("registry:unit_list"), {"county": "99", "q": "Solsikken"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "ds-error-summary" in page
    assert 'value="Solsikken"' in page
    # The valid filter still applies; the invalid one is left out.
    assert names(response) == ["Solsikken barnehage"]


def test_a_bad_owner_number_gets_a_message_about_nine_digits(caseworker):
    response = caseworker.get(reverse("registry:unit_list"), {"owner": "12ab"})
    assert response.context["form"].errors["owner"] == [str(MESSAGE_ORGANISATION_NUMBER)]
    assert str(MESSAGE_ORGANISATION_NUMBER) in response.content.decode()


def test_units_page_in_pages_of_fifty_and_a_bad_page_number_shows_a_real_page(
    cast, caseworker, settings
):
    UnitFactory.create_batch(60, owner=cast.other_owner)
    url = reverse("registry:unit_list")
    first = caseworker.get(url)
    assert len(first.context["rows"]) == 50
    assert first.context["page"].paginator.num_pages == 2
    second = caseworker.get(url, {"page": "2"})
    assert len(second.context["rows"]) == 11
    assert set(names(first)).isdisjoint(names(second))
    assert caseworker.get(url, {"page": "banana"}).context["page"].number == 1
    assert caseworker.get(url, {"page": "999"}).context["page"].number == 2


def test_paging_links_keep_the_filters(cast, caseworker):
    UnitFactory.create_batch(55, owner=cast.other_owner)
    response = caseworker.get(reverse("registry:unit_list"), {"kind": "kindergarten"})
    assert "kind=kindergarten&amp;page=2" in response.content.decode()

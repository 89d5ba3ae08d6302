"""The shipped 2024 structure: 10 offices, 15 counties, 357 municipalities."""

import pytest

from kompetansemidler.registry.models import County, GovernorOffice, Municipality

pytestmark = pytest.mark.django_db


def test_the_2024_structure_has_10_offices_15_counties_and_357_municipalities():
    assert GovernorOffice.objects.count() == 10
    assert County.objects.count() == 15
    assert Municipality.objects.count() == 357


def test_every_municipality_lies_in_the_county_its_number_begins_with():
    for municipality in Municipality.objects.select_related("county"):
        assert municipality.number[:2] == municipality.county.number


def test_every_county_is_under_an_office_and_every_office_covers_a_county():
    assert not County.objects.filter(office__isnull=True).exists()
    for office in GovernorOffice.objects.all():
        assert office.counties.exists(), office


def test_vestland_office_covers_only_vestland_and_one_office_covers_four_counties():
    vestland = GovernorOffice.objects.get(slug="vestland")
    assert [c.name for c in vestland.counties.all()] == ["Vestland"]
    oslo_office = GovernorOffice.objects.get(slug="ostfold-buskerud-oslo-akershus")
    assert sorted(c.number for c in oslo_office.counties.all()) == ["03", "31", "32", "33"]


def test_sami_municipalities_keep_their_bilingual_official_name():
    nesseby = Municipality.objects.get(name="Nesseby")
    assert "Unjárga" in nesseby.official_name

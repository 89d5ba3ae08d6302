"""An import on a caseworker's authority stays in her office's counties.

The attack: a caseworker uploads a file in which another office's owner (or
unit) has a municipality in her county. Applied, it would move the
organisation into her office's area, where she could grant roles for it and
read its cases. Such records are refused, with the reason, in the preview
and in the report; only Udir (national authority) applies changes that cross
offices. A county municipality keeps its county whatever its seat.
"""

import pytest
from django.urls import reverse

from kompetansemidler.accounts.scopes import scopes_under_offices
from kompetansemidler.imports.reasons import ScopeRefused
from kompetansemidler.imports.services import (
    import_file_apply,
    import_run_apply,
    import_run_preview,
)
from kompetansemidler.registry.models import Organisation, OrganisationKind, Unit

from .records import as_file, kindergarten, kindergarten_owner, number

STAVANGER = "1103"
BERGEN = "4601"
ROGALAND_OWNER = number(20)
ROGALAND_UNIT = number(21)


def rogaland_file(municipality=STAVANGER, unit_municipality=STAVANGER):
    return [
        kindergarten_owner(ROGALAND_OWNER, "Sjøsprøyt barnehagar AS", municipality=municipality),
        kindergarten(
            ROGALAND_UNIT,
            "Sjøsprøyt barnehage",
            municipality=unit_municipality,
            owner=(ROGALAND_OWNER, "Sjøsprøyt barnehagar AS"),
            public=False,
        ),
    ]


@pytest.fixture
def rogaland_owner(cast):
    """An owner and its kindergarten in Stavanger, imported nationally from NBR."""
    import_file_apply(register="nbr", file_name="national.json", content=as_file(rogaland_file()))
    return Organisation.objects.get(organisation_number=ROGALAND_OWNER)


def reasons_of(run, organisation_number):
    return [
        item["code"]
        for entry in run.rejected
        if entry["organisation_number"] == organisation_number
        for item in entry["reasons"]
    ]


def test_a_caseworker_cannot_move_another_offices_owner_into_her_county(
    cast, client_for, rogaland_owner
):
    client = client_for(cast.caseworker)
    moved = as_file(rogaland_file(municipality=BERGEN, unit_municipality=BERGEN))
    run = import_run_preview(
        register="nbr", file_name="f.json", content=moved, actor=cast.caseworker, counties=["46"]
    )
    assert reasons_of(run, ROGALAND_OWNER) == ["moves_between_offices"]
    assert reasons_of(run, ROGALAND_UNIT) == ["moves_between_offices"]
    page = client.get(reverse("imports:detail", args=[run.pk])).content.decode()
    assert "tilhører et annet statsforvalterembete" in page

    client.post(reverse("imports:apply", args=[run.pk]))
    run.refresh_from_db()
    assert reasons_of(run, ROGALAND_OWNER) == ["moves_between_offices"]
    owner = Organisation.objects.get(pk=rogaland_owner.pk)
    assert owner.county.number == "11" and owner.municipality.number == STAVANGER
    unit = Unit.objects.get(organisation_number=ROGALAND_UNIT)
    assert unit.municipality.number == STAVANGER
    # So she cannot give anyone a role for it: it is not among her office's scopes.
    vestland_scopes = scopes_under_offices([cast.vestland.pk])
    assert not vestland_scopes["organisation"].filter(pk=owner.pk).exists()


def test_a_caseworker_cannot_change_records_outside_the_counties_she_covers(cast, rogaland_owner):
    renamed = rogaland_file()
    renamed[0]["Navn"] = "Overteke AS"
    renamed[1]["ErAktiv"] = False
    run = import_file_apply(
        register="nbr",
        file_name="f.json",
        content=as_file(renamed),
        actor=cast.caseworker,
        counties=["46"],
    )
    assert reasons_of(run, ROGALAND_OWNER) == ["outside_counties"]
    assert reasons_of(run, ROGALAND_UNIT) == ["outside_counties"]
    assert Organisation.objects.get(pk=rogaland_owner.pk).name == "Sjøsprøyt barnehagar AS"
    assert Unit.objects.get(organisation_number=ROGALAND_UNIT).is_active


def test_udir_may_apply_a_move_between_offices(cast, rogaland_owner):
    moved = as_file(rogaland_file(municipality=BERGEN, unit_municipality=BERGEN))
    run = import_file_apply(
        register="nbr", file_name="f.json", content=moved, actor=cast.udir, counties=None
    )
    assert run.rejected == []
    assert Organisation.objects.get(pk=rogaland_owner.pk).county.number == "46"
    assert Unit.objects.get(organisation_number=ROGALAND_UNIT).municipality.number == BERGEN


def test_a_caseworker_may_declare_only_her_own_offices_counties(cast, client_for):
    with pytest.raises(ScopeRefused):
        import_run_preview(
            register="nbr",
            file_name="f.json",
            content=as_file(rogaland_file()),
            actor=cast.caseworker,
            counties=["11"],
        )
    with pytest.raises(ScopeRefused):
        import_run_preview(
            register="nbr",
            file_name="f.json",
            content=as_file(rogaland_file()),
            actor=cast.caseworker,
            counties=None,
        )
    page = client_for(cast.caseworker).get("/import/").content.decode()
    assert 'value="46"' in page and 'value="11"' not in page
    assert 'value="11"' in client_for(cast.udir).get("/import/").content.decode()


def test_another_office_cannot_apply_a_preview_for_counties_not_its_own(cast, rogaland_owner):
    moved = as_file(rogaland_file(municipality=BERGEN, unit_municipality=BERGEN))
    run = import_run_preview(
        register="nbr", file_name="f.json", content=moved, actor=cast.udir, counties=None
    )
    with pytest.raises(ScopeRefused):
        import_run_apply(run=run, actor=cast.caseworker)
    assert Organisation.objects.get(pk=rogaland_owner.pk).county.number == "11"


def test_a_county_municipality_keeps_the_county_it_governs_whatever_its_seat(structure):
    number_ = number(30)
    owner = kindergarten_owner(number_, "Vestland fylkeskommune", ErFylkeskommune=True)
    import_file_apply(register="nbr", file_name="1.json", content=as_file([owner]))
    county_municipality = Organisation.objects.get(organisation_number=number_)
    assert county_municipality.kind == OrganisationKind.COUNTY_MUNICIPALITY
    assert county_municipality.county.number == "46"

    moved = {**owner, "Kommune": {"Kommunenummer": STAVANGER}, "ErFylkeskommune": False}
    run = import_file_apply(register="nbr", file_name="2.json", content=as_file([moved]))
    county_municipality.refresh_from_db()
    assert county_municipality.county.number == "46"
    assert county_municipality.kind == OrganisationKind.COUNTY_MUNICIPALITY
    assert run.counts["owners_changed"] == 0

"""Organisations outside the national registers are registered and changed by
hand: by a caseworker for her office (by the county of the organisation's
address) and by Udir anywhere. Numbers are checked, duplicates refused, every
write is a history event, and what the import keeps is never changed here."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from kompetansemidler.core.workflow import StaleEdit
from kompetansemidler.history.models import Event
from kompetansemidler.registry.models import (
    HAND_KEPT_KINDS,
    OWNER_KINDS,
    Organisation,
    OrganisationKind,
    RegisterSource,
)
from kompetansemidler.registry.numbers import organisation_number_from
from kompetansemidler.registry.services import organisation_change, organisation_register
from kompetansemidler.rules.parameters import ORGANISATION_KINDS
from tests.factories import OrganisationFactory, county, municipality

NEW_NUMBER = organisation_number_from(97220000)


def register(actor, **changes):
    data = {
        "organisation_number": NEW_NUMBER,
        "name": "NLA Høgskolen",
        "kind": OrganisationKind.UH,
        "municipality": municipality("4601"),
        "privately_owned": True,
    }
    return organisation_register(actor=actor, **{**data, **changes})


def errors(excinfo) -> dict:
    return excinfo.value.message_dict


def test_a_caseworker_registers_a_private_university_college_in_her_office(cast):
    college = register(
        cast.caseworker,
        organisation_number=f"{NEW_NUMBER[:3]} {NEW_NUMBER[3:6]} {NEW_NUMBER[6:]}",
        name="  NLA   Høgskolen ",
        campus_counties=[county("03")],
    )
    assert college.organisation_number == NEW_NUMBER
    assert college.name == "NLA Høgskolen"
    assert college.county == county("46")
    assert college.source == RegisterSource.MANUAL
    assert college.kind_label == "Privat høgskole"
    event = Event.objects.for_object(college).get()
    assert event.kind == "organisation.registered"
    assert event.actor == cast.caseworker
    assert event.office == cast.vestland
    assert event.organisation == college
    assert event.after["campus_counties"] == ["03"]
    assert event.after["privately_owned"] is True


def test_an_invalid_check_digit_is_refused_with_the_reason(cast):
    wrong = NEW_NUMBER[:8] + str((int(NEW_NUMBER[8]) + 1) % 10)
    with pytest.raises(ValidationError) as excinfo:
        register(cast.caseworker, organisation_number=wrong)
    assert "kontrollsifferet" in errors(excinfo)["organisation_number"][0]
    assert not Organisation.objects.filter(organisation_number=wrong).exists()


def test_a_number_with_eight_digits_is_refused(cast):
    with pytest.raises(ValidationError) as excinfo:
        register(cast.caseworker, organisation_number="97422000")
    assert "ni siffer" in errors(excinfo)["organisation_number"][0]


def test_a_registered_number_is_refused_naming_the_organisation(cast):
    with pytest.raises(ValidationError) as excinfo:
        register(cast.caseworker, organisation_number=cast.uh.organisation_number)
    assert errors(excinfo)["organisation_number"] == [
        f"{cast.uh.organisation_number} er allerede registrert som Høgskulen på Vestlandet."
    ]


def test_a_kindergartens_number_is_refused_too(cast):
    with pytest.raises(ValidationError) as excinfo:
        register(cast.caseworker, organisation_number=cast.unit.organisation_number)
    assert "Solsikken barnehage" in errors(excinfo)["organisation_number"][0]


def test_an_empty_name_and_every_other_problem_are_reported_at_once(cast):
    with pytest.raises(ValidationError) as excinfo:
        register(cast.caseworker, organisation_number="1", name="   ", municipality=None)
    assert set(errors(excinfo)) == {"organisation_number", "name", "municipality"}


def test_owners_are_not_registered_by_hand(cast):
    with pytest.raises(ValidationError) as excinfo:
        register(cast.caseworker, kind=OrganisationKind.MUNICIPALITY, privately_owned=False)
    assert set(errors(excinfo)) == {"kind"}


def test_only_a_university_or_college_is_private_or_has_campuses(cast):
    with pytest.raises(ValidationError) as excinfo:
        register(cast.caseworker, kind=OrganisationKind.KS, campus_counties=[county("11")])
    assert set(errors(excinfo)) == {"privately_owned", "campus_counties"}


def test_a_caseworker_cannot_register_one_in_another_offices_county(cast):
    with pytest.raises(ValidationError) as excinfo:
        register(cast.caseworker, municipality=municipality("1103"))
    assert "Stavanger" in errors(excinfo)["municipality"][0]


def test_udir_registers_anywhere(cast):
    college = register(cast.udir, municipality=municipality("1103"))
    assert college.county == county("11")
    assert Event.objects.for_object(college).get().office == cast.rogaland


@pytest.mark.parametrize("persona", ["owner_rep", "uh_rep", "forum_member", "outsider"])
def test_others_cannot_register_organisations(cast, persona):
    with pytest.raises(PermissionDenied):
        register(getattr(cast, persona))
    assert not Organisation.objects.filter(organisation_number=NEW_NUMBER).exists()


def change(actor, organisation, **changes):
    data = {
        "name": organisation.name,
        "kind": organisation.kind,
        "municipality": organisation.municipality,
        "privately_owned": organisation.privately_owned,
        "campus_counties": list(organisation.campus_counties.all()),
        "language_form": organisation.language_form,
        "email": organisation.email,
        "is_active": organisation.is_active,
    }
    return organisation_change(actor=actor, organisation=organisation, **{**data, **changes})


def test_a_change_records_before_and_after(cast):
    college = register(cast.caseworker)
    change(cast.caseworker, college, name="NLA Høgskolen Bergen", language_form="nn")
    event = Event.objects.for_object(college).get(kind="organisation.changed")
    assert event.before["name"] == "NLA Høgskolen"
    assert event.after["name"] == "NLA Høgskolen Bergen"
    assert event.after["language_form"] == "nn"


def test_a_change_that_changes_nothing_records_nothing(cast):
    college = register(cast.caseworker)
    change(cast.caseworker, college)
    assert Event.objects.for_object(college).count() == 1


def test_a_caseworker_cannot_move_one_into_another_offices_area(cast):
    college = register(cast.caseworker)
    with pytest.raises(ValidationError) as excinfo:
        change(cast.caseworker, college, municipality=municipality("1103"))
    assert set(errors(excinfo)) == {"municipality"}
    college.refresh_from_db()
    assert college.county == county("46")


def test_a_caseworker_of_another_office_cannot_change_it(cast):
    college = register(cast.caseworker)
    with pytest.raises(PermissionDenied) as excinfo:
        change(cast.other_caseworker, college, name="Overteke")
    assert "Statsforvalteren i Vestland" in str(excinfo.value)


@pytest.mark.parametrize("source", [RegisterSource.NBR, RegisterSource.NSR])
def test_an_imported_organisation_is_not_changed_here(cast, source):
    imported = OrganisationFactory(kind=OrganisationKind.OTHER, source=source)
    with pytest.raises(PermissionDenied) as excinfo:
        change(cast.udir, imported, name="Endra")
    assert "registerimporten" in str(excinfo.value)
    imported.refresh_from_db()
    assert imported.name != "Endra"


def test_an_owner_registered_by_hand_is_still_the_registers_to_keep(cast):
    with pytest.raises(PermissionDenied) as excinfo:
        change(cast.udir, cast.owner, name="Bergen")
    assert "barnehage- eller skoleeier" in str(excinfo.value)


def test_a_change_based_on_an_old_version_is_refused(cast):
    college = register(cast.caseworker)
    loaded_at = college.updated_at.isoformat()
    change(cast.caseworker, college, name="Først")
    with pytest.raises(StaleEdit):
        change(cast.caseworker, college, name="Sist", loaded_at=loaded_at)
    college.refresh_from_db()
    assert college.name == "Først"


def test_every_partner_kind_a_rule_set_may_admit_besides_the_owners_is_kept_by_hand():
    assert set(HAND_KEPT_KINDS) == set(ORGANISATION_KINDS) - set(OWNER_KINDS)

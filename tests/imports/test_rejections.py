"""Bad records are rejected with their organisation number, name and reason; the rest imports."""

from kompetansemidler.imports.services import import_file_apply
from kompetansemidler.registry.models import Unit

from .records import as_file, bergen_file, kindergarten, number


def reasons_by_name(run) -> dict[str, set[str]]:
    return {entry["name"]: {r["code"] for r in entry["reasons"]} for entry in run.rejected}


def test_each_bad_record_is_rejected_with_its_reason_and_the_good_ones_import(structure, broken):
    run = import_file_apply(
        register="nbr", file_name="bad.json", content=broken("bad-records-nbr.json")
    )
    reasons = reasons_by_name(run)
    assert reasons["Feil kontrollsiffer barnehage"] == {"invalid_organisation_number"}
    assert reasons["Ukjent kommune barnehage"] == {"unknown_municipality"}
    assert reasons["Eigarlaus barnehage"] == {"missing_owner"}
    assert reasons["Ukjend eigar barnehage"] == {"owner_not_resolvable"}
    assert reasons[""] == {"missing_field"}
    assert reasons["Feil type barnehage"] == {"wrong_type"}
    assert run.counts["rejected"] == 6
    rejected = {entry["organisation_number"] for entry in run.rejected}
    assert "992000008" in rejected and number(10) in rejected
    assert set(Unit.objects.values_list("name", flat=True)) == {
        "Haukeland barnehage",
        "Nygårdshøyden barnehage",
    }


def test_a_record_with_several_faults_gets_every_reason(structure):
    bad = kindergarten(
        number(20), "Mange feil barnehage", municipality="0000", AntallAnsatte=-3, owner=None
    )
    run = import_file_apply(register="nbr", file_name="f.json", content=as_file(bergen_file(bad)))
    assert reasons_by_name(run)["Mange feil barnehage"] == {
        "unknown_municipality",
        "wrong_type",
        "missing_owner",
    }


def test_organisation_number_given_as_a_number_is_a_wrong_type(structure):
    bad = kindergarten(int(number(21)), "Tal barnehage")
    run = import_file_apply(register="nbr", file_name="f.json", content=as_file(bergen_file(bad)))
    assert reasons_by_name(run)["Tal barnehage"] == {"wrong_type"}


def test_the_same_organisation_number_twice_rejects_the_second(structure):
    again = kindergarten(number(1), "Haukeland barnehage (kopi)")
    run = import_file_apply(register="nbr", file_name="f.json", content=as_file(bergen_file(again)))
    assert reasons_by_name(run)["Haukeland barnehage (kopi)"] == {"duplicate"}
    assert Unit.objects.get(organisation_number=number(1)).name == "Haukeland barnehage"


def test_a_school_register_unit_is_not_taken_over_by_the_kindergarten_register(structure):
    from .records import school

    import_file_apply(
        register="nsr",
        file_name="s.json",
        content=as_file(
            [school(number(30), "Oppvekstsenteret", owner=("964338531", "Bergen kommune"))]
        ),
    )
    run = import_file_apply(
        register="nbr",
        file_name="b.json",
        content=as_file(bergen_file(kindergarten(number(30), "Oppvekstsenteret barnehage"))),
    )
    assert reasons_by_name(run)["Oppvekstsenteret barnehage"] == {"other_register"}
    assert Unit.objects.get(organisation_number=number(30)).kind == "school"

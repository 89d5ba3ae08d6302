"""Units absent from the next file, or marked inactive, are deactivated, never deleted."""

from kompetansemidler.imports.services import import_file_apply
from kompetansemidler.registry.models import RegisterSource, Unit
from tests.factories import UnitFactory

from .records import as_file, bergen_file, kindergarten, number, school


def test_a_unit_missing_from_the_next_file_is_deactivated_and_kept(structure):
    import_file_apply(register="nbr", file_name="1.json", content=as_file(bergen_file()))
    later = [record for record in bergen_file() if record["Organisasjonsnummer"] != number(2)]
    run = import_file_apply(
        register="nbr", file_name="2.json", content=as_file(later), confirm_deactivations=True
    )
    assert run.counts["units_deactivated"] == 1
    assert run.report["units_deactivated"][0]["organisation_number"] == number(2)
    assert run.report["units_deactivated"][0]["why"] == "absent"
    unit = Unit.objects.get(organisation_number=number(2))
    assert unit.is_active is False
    assert Unit.objects.get(organisation_number=number(1)).is_active is True


def test_erAktiv_false_deactivates_and_a_unit_back_in_the_file_is_active_again(structure):
    import_file_apply(register="nbr", file_name="1.json", content=as_file(bergen_file()))
    closed = bergen_file()
    closed[2]["ErAktiv"] = False
    run = import_file_apply(
        register="nbr", file_name="2.json", content=as_file(closed), confirm_deactivations=True
    )
    assert [e["why"] for e in run.report["units_deactivated"]] == ["inactive"]
    assert not Unit.objects.get(organisation_number=number(2)).is_active
    run = import_file_apply(register="nbr", file_name="3.json", content=as_file(bergen_file()))
    assert run.counts["units_changed"] == 1
    assert Unit.objects.get(organisation_number=number(2)).is_active


def test_only_units_from_the_same_register_are_deactivated(structure):
    hand = UnitFactory(source=RegisterSource.MANUAL)
    import_file_apply(
        register="nsr",
        file_name="s.json",
        content=as_file([school(number(50), "Voss skule", owner=("964338531", "Bergen kommune"))]),
    )
    import_file_apply(register="nbr", file_name="1.json", content=as_file(bergen_file()))
    import_file_apply(
        register="nbr",
        file_name="2.json",
        content=as_file(bergen_file()[:2] + [kindergarten(number(3), "Anna barnehage")]),
        confirm_deactivations=True,
    )
    assert Unit.objects.get(pk=hand.pk).is_active
    assert Unit.objects.get(organisation_number=number(50)).is_active
    assert not Unit.objects.get(organisation_number=number(2)).is_active

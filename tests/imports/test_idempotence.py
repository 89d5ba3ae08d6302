"""Importing the same file twice changes nothing the second time."""

from kompetansemidler.history.models import Event
from kompetansemidler.imports.models import ImportRun
from kompetansemidler.imports.services import import_file_apply
from kompetansemidler.registry.models import Organisation, OrganisationKind, Unit, UnitKind

NOTHING = {
    "units_created": 0,
    "units_changed": 0,
    "units_deactivated": 0,
    "owners_created": 0,
    "owners_changed": 0,
    "rejected": 0,
}


def test_sample_files_import_cleanly_and_a_second_run_reports_no_changes(structure, sample):
    for register in ("nbr", "nsr"):
        first = import_file_apply(
            register=register,
            file_name=f"{register}-vestland.json",
            content=sample(f"{register}-vestland.json"),
        )
        assert first.counts["rejected"] == 0
        assert first.counts["units_created"] > 30
        second = import_file_apply(
            register=register,
            file_name=f"{register}-vestland.json",
            content=sample(f"{register}-vestland.json"),
        )
        assert {key: second.counts[key] for key in NOTHING} == NOTHING
        assert second.report["units_changed"] == []
    assert Unit.objects.filter(kind=UnitKind.KINDERGARTEN).count() >= 40
    assert Unit.objects.filter(kind=UnitKind.SCHOOL, is_upper_secondary=True).exists()
    assert Unit.objects.count() >= 60
    # Every import is one run and one history event.
    assert ImportRun.objects.count() == 4
    assert Event.objects.filter(kind="registry.import").count() == 4


def test_sample_owners_get_the_right_kind(structure, sample):
    import_file_apply(register="nbr", file_name="nbr.json", content=sample("nbr-vestland.json"))
    import_file_apply(register="nsr", file_name="nsr.json", content=sample("nsr-vestland.json"))
    bergen = Organisation.objects.get(organisation_number="964338531")
    assert bergen.kind == OrganisationKind.MUNICIPALITY
    assert bergen.municipality.number == "4601"
    county = Organisation.objects.get(organisation_number="821311632")
    assert county.kind == OrganisationKind.COUNTY_MUNICIPALITY
    assert county.units.filter(is_upper_secondary=True).exists()
    assert Organisation.objects.filter(
        kind=OrganisationKind.PRIVATE_OWNER, units__is_public=False
    ).exists()
    # A municipality owns kindergartens (NBR) and schools (NSR) as one organisation.
    assert set(bergen.units.values_list("kind", flat=True)) == {"kindergarten", "school"}

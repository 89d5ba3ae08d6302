"""The report lists what changed, field by field, and who the new owners are."""

from kompetansemidler.imports.services import import_file_apply
from kompetansemidler.registry.models import Organisation, OrganisationKind, Unit

from .records import as_file, bergen_file, kindergarten, number, school


def test_changed_fields_are_listed_with_before_and_after(structure):
    import_file_apply(register="nbr", file_name="1.json", content=as_file(bergen_file()))
    changed = bergen_file()
    changed[1].update({"Navn": "Haukeland naturbarnehage", "AntallBarn": 61})
    run = import_file_apply(register="nbr", file_name="2.json", content=as_file(changed))
    assert run.counts["units_changed"] == 1
    entry = run.report["units_changed"][0]
    assert entry["organisation_number"] == number(1)
    assert {c["field"]: (c["before"], c["after"]) for c in entry["fields"]} == {
        "name": ("Haukeland barnehage", "Haukeland naturbarnehage"),
        "children": (54, 61),
    }
    assert Unit.objects.get(organisation_number=number(1)).children == 61


def test_a_change_of_owner_shows_both_owners_by_number_and_name(structure):
    import_file_apply(register="nbr", file_name="1.json", content=as_file(bergen_file()))
    moved = bergen_file()
    moved[1] = kindergarten(
        number(1), "Haukeland barnehage", public=False, owner=(number(60), "Haukeland Drift AS")
    )
    run = import_file_apply(register="nbr", file_name="2.json", content=as_file(moved))
    fields = {c["field"]: c for c in run.report["units_changed"][0]["fields"]}
    assert fields["owner"]["before"] == "964338531 Bergen kommune"
    assert fields["owner"]["after"] == f"{number(60)} Haukeland Drift AS"
    assert fields["is_public"]["after"] is False
    owner = Organisation.objects.get(organisation_number=number(60))
    assert owner.kind == OrganisationKind.PRIVATE_OWNER
    assert run.report["owners_created"] == [
        {"organisation_number": number(60), "name": "Haukeland Drift AS", "kind": "private_owner"}
    ]


def test_an_owner_known_only_from_the_relation_is_created_with_a_kind_from_its_unit(structure):
    run = import_file_apply(
        register="nsr",
        file_name="s.json",
        content=as_file(
            [
                school(
                    number(70),
                    "Voss vidaregåande skule",
                    upper=True,
                    owner=(number(71), "Vestland fylkeskommune"),
                ),
                school(number(72), "Vossestrand skule", owner=(number(73), "Voss herad")),
                school(
                    number(74),
                    "Voss friskule",
                    public=False,
                    owner=(number(75), "Voss friskule AS"),
                ),
            ]
        ),
    )
    assert run.counts["owners_created"] == 3
    kinds = dict(
        Organisation.objects.filter(
            organisation_number__in=[number(71), number(73), number(75)]
        ).values_list("name", "kind")
    )
    assert kinds == {
        "Vestland fylkeskommune": "county_municipality",
        "Voss herad": "municipality",
        "Voss friskule AS": "private_owner",
    }


def test_an_owner_registered_by_hand_is_not_overwritten(structure):
    import_file_apply(register="nbr", file_name="1.json", content=as_file(bergen_file()))
    Organisation.objects.filter(organisation_number="964338531").update(
        source="manual", name="Bergen"
    )
    renamed = bergen_file()
    renamed[0]["Navn"] = "Bergen kommune (oppvekst)"
    run = import_file_apply(register="nbr", file_name="2.json", content=as_file(renamed))
    assert run.counts["owners_changed"] == 0
    assert Organisation.objects.get(organisation_number="964338531").name == "Bergen"

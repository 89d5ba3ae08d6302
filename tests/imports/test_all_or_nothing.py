"""A failure midway leaves the database exactly as it was."""

import pytest
from django.db import OperationalError

from kompetansemidler.history.models import Event
from kompetansemidler.imports.models import ImportRun
from kompetansemidler.imports.services import import_file_apply
from kompetansemidler.registry.models import Organisation, Unit

from .records import as_file, bergen_file, kindergarten, number


def snapshot():
    return (
        sorted(Unit.objects.values_list("organisation_number", "name", "is_active", "children")),
        sorted(Organisation.objects.values_list("organisation_number", "name")),
        ImportRun.objects.count(),
        Event.objects.count(),
    )


def test_a_database_error_after_some_records_leaves_nothing_behind(structure, monkeypatch):
    import_file_apply(register="nbr", file_name="first.json", content=as_file(bergen_file()))
    before = snapshot()
    calls = []

    def failing_bulk_update(objs, fields, **kwargs):
        # Owners and new units are written by now; the changes then fail.
        calls.append(len(objs))
        raise OperationalError("disk full")

    monkeypatch.setattr(Unit.objects, "bulk_update", failing_bulk_update)
    changed = bergen_file(kindergarten(number(40), "Ny barnehage"))
    changed[1]["Navn"] = "Haukeland barnehage (ny)"
    with pytest.raises(OperationalError):
        import_file_apply(
            register="nbr",
            file_name="second.json",
            content=as_file(
                changed
                + [
                    kindergarten(
                        number(41),
                        "Privat barnehage",
                        public=False,
                        owner=(number(42), "Privat Drift AS"),
                    )
                ]
            ),
        )
    assert calls, "the import must have got as far as updating units"
    assert snapshot() == before


def test_a_failure_while_writing_the_history_event_rolls_back_the_units(structure, monkeypatch):
    import kompetansemidler.imports.services as services

    def broken_event(**kwargs):
        raise RuntimeError("history unavailable")

    monkeypatch.setattr(services, "event_record", broken_event)
    with pytest.raises(RuntimeError):
        import_file_apply(register="nbr", file_name="f.json", content=as_file(bergen_file()))
    assert not Unit.objects.exists()
    assert not Organisation.objects.filter(organisation_number="964338531").exists()
    assert not ImportRun.objects.exists()

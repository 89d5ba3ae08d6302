"""Case and journal numbers: sequential per office and year, never reused."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from kompetansemidler.archive.models import RegistryEntry
from kompetansemidler.archive.services import case_file_for, screen_title
from kompetansemidler.history.models import Event


def test_case_numbers_run_per_office_and_year(cast):
    year = date.today().year
    first = case_file_for(obj=cast.owner, office=cast.vestland, title="A", actor=cast.caseworker)
    second = case_file_for(obj=cast.unit, office=cast.vestland, title="B", actor=cast.caseworker)
    other = case_file_for(
        obj=cast.rogaland_owner, office=cast.rogaland, title="C", actor=cast.other_caseworker
    )
    assert (first.case_number, second.case_number) == (f"{year}/1", f"{year}/2")
    assert other.case_number == f"{year}/1"


def test_the_same_object_keeps_its_case_file(cast):
    first = case_file_for(obj=cast.owner, office=cast.vestland, title="A", actor=cast.caseworker)
    again = case_file_for(
        obj=cast.owner, office=cast.vestland, title="Other", actor=cast.caseworker
    )
    assert again == first and again.title == "A"
    with pytest.raises(ValidationError):
        case_file_for(obj=cast.owner, office=cast.rogaland, title="A", actor=cast.caseworker)


def test_entries_are_numbered_within_the_case_and_per_office_journal(journal, cast):
    entries = [journal(title=f"Brev {n}") for n in range(3)]
    assert [e.number for e in entries] == [1, 2, 3]
    assert [e.journal_sequence for e in entries] == [1, 2, 3]
    assert entries[2].entry_number.endswith("/1-3")
    later = journal(journal_date=date(2031, 1, 2))
    assert later.journal_sequence == 1 and later.journal_year == 2031
    assert RegistryEntry.objects.values("journal_year", "journal_sequence").distinct().count() == 4


def test_recording_writes_history_and_checksum(journal):
    entry = journal(content=b"abc")
    document = entry.documents.get()
    assert document.sha256 == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
    assert document.size == 3 and document.file.read() == b"abc"
    assert Event.objects.for_object(entry).filter(kind="archive.entry_recorded").exists()


def test_exempt_entry_needs_legal_basis_and_cannot_be_published(journal):
    with pytest.raises(ValidationError, match="hjemmel"):
        journal(exempt=True)
    with pytest.raises(ValidationError):
        journal(exempt=True, legal_basis="Offl. § 13 jf. fvl. § 13", published=True)


def test_screening_replaces_whole_words_only():
    assert screen_title("Klage fra Ola Nordmann, Ås", ["Ola Nordmann", "Ås"]) == "Klage fra **, **"
    assert screen_title("Tilskudd Åsane skole", ["Ås"]) == "Tilskudd Åsane skole"

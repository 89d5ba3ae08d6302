"""Both Noark 5 documents validate against Arkivverket's official schemas."""

from datetime import date

import pytest
from django.utils import timezone
from lxml import etree

from kompetansemidler.archive import noark
from kompetansemidler.archive.selectors import closed_case_files_in_period, public_registry_entries
from kompetansemidler.archive.services import Party, case_file_close

NS = {"a": noark.ARKIVSTRUKTUR_NS, "o": noark.OFFENTLIG_JOURNAL_NS}
BASIS = "Offl. § 13 jf. fvl. § 13"


@pytest.fixture
def entries(journal, cast, vestland_round):
    journal(round=vestland_round, title="Tilskuddsbrev til Bergen kommune", published=True)
    journal(
        round=vestland_round,
        title="Klage fra Kari Nordmann",
        exempt_words=["Kari Nordmann"],
        exempt=True,
        legal_basis=BASIS,
        entry_type="I",
        parties=[Party(name="Kari Nordmann", role="sender", exempt=True)],
    )
    return list(public_registry_entries().order_by("journal_sequence"))


def _journal(entries, cast):
    return noark.offentlig_journal(
        entries,
        start=date(2026, 1, 1),
        end=date(2026, 12, 31),
        creators=noark.creators_of([cast.vestland]),
    )


def test_public_journal_is_valid_and_screens_exempt_names(entries, cast):
    xml = _journal(entries, cast)
    assert noark.validation_errors(xml, "offentligJournal") == []
    tree = etree.fromstring(xml)
    names = tree.xpath("//o:korrespondansepartNavn/text()", namespaces=NS)
    assert names == [cast.owner.name, "**"]
    assert tree.xpath("//o:offentligTittel/text()", namespaces=NS)[1] == "Klage fra **"
    assert BASIS in tree.xpath("//o:skjermingshjemmel/text()", namespaces=NS)
    assert b"Kari Nordmann" not in xml


def _extract(cast, round_):
    today = timezone.localdate()
    for case_file in {entry.case_file for entry in public_registry_entries()}:
        case_file_close(case_file=case_file, actor=cast.caseworker)
    case_files = list(closed_case_files_in_period(cast.vestland, today, today))
    return noark.arkivstruktur(
        case_files,
        extract=noark.Extract(
            key="test",
            title="Uttrekk",
            description="Test",
            creators=noark.creators_of([cast.vestland]),
            made_by="Kari Saksbehandler",
            made_at=timezone.now(),
        ),
    )


def test_archive_structure_is_valid_with_checksums(entries, cast, vestland_round):
    xml = _extract(cast, vestland_round)
    assert noark.validation_errors(xml, "arkivstruktur") == []
    tree = etree.fromstring(xml)
    sums = tree.xpath("//a:dokumentobjekt/a:sjekksum/text()", namespaces=NS)
    assert sorted(sums) == sorted(d.sha256 for e in entries for d in e.documents.all())
    assert (
        tree.xpath(
            "//a:journalpost/a:tittel/text() | //a:registrering/a:tittel/text()", namespaces=NS
        )[1]
        == "Klage fra Kari Nordmann"
    )


def test_a_broken_document_fails_validation(entries, cast, vestland_round):
    tree = etree.fromstring(_extract(cast, vestland_round))
    # Move the mandatory case year before the title: the order is part of the schema.
    folder = tree.find("a:arkivdel/a:mappe", NS)
    folder.remove(folder.find("a:saksaar", NS))
    broken = etree.tostring(tree)
    errors = noark.validation_errors(broken, "arkivstruktur")
    assert errors and "sakssekvensnummer" in errors[0]
    with pytest.raises(noark.NoarkValidationError):
        noark.ensure_valid(broken, "arkivstruktur")


def test_a_journal_with_a_non_uuid_system_id_fails(entries, cast):
    tree = etree.fromstring(_journal(entries, cast))
    tree.find(".//o:journalpost/o:systemID", NS).text = "42"
    assert noark.validation_errors(etree.tostring(tree), "offentligJournal")


def test_an_open_case_has_no_closing_date_to_write(entries, cast):
    open_case = entries[0].case_file
    with pytest.raises(ValueError, match="not closed"):
        noark.arkivstruktur(
            [open_case],
            extract=noark.Extract(
                key="test",
                title="Uttrekk",
                description="Test",
                creators=noark.creators_of([cast.vestland]),
                made_by="Kari Saksbehandler",
                made_at=timezone.now(),
            ),
        )


def test_the_case_carries_its_real_closing_date_and_status(entries, cast, vestland_round):
    tree = etree.fromstring(_extract(cast, vestland_round))
    case_file = entries[0].case_file
    case_file.refresh_from_db()
    assert tree.xpath("//a:mappe/a:saksstatus/text()", namespaces=NS) == ["Avsluttet"]
    assert tree.xpath("//a:mappe/a:avsluttetDato/text()", namespaces=NS) == [
        timezone.localtime(case_file.closed_at).isoformat(timespec="seconds")
    ]


def test_an_internal_note_is_written_with_its_code_list_value(journal, cast, vestland_round):
    journal(round=vestland_round, title="Notat om fordelingen", entry_type="N")
    journal(round=vestland_round, title="Notat til orientering", entry_type="X")
    tree = etree.fromstring(_extract(cast, vestland_round))
    assert tree.xpath("//a:journalposttype/text()", namespaces=NS) == [
        "Organinternt dokument for oppfølging",
        "Organinternt dokument uten oppfølging",
    ]

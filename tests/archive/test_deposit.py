"""The deposit package (arkivuttrekk) of an office and journal period: every
XML valid against its schema, and what the schemas do not check — code-list
values, counts, checksums, documents byte for byte, closing dates."""

import hashlib
import io
import zipfile
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from lxml import etree

from kompetansemidler.archive import noark
from kompetansemidler.archive.models import ScreeningGround
from kompetansemidler.archive.package import SCHEMAS, deposit_package
from kompetansemidler.archive.services import Party, case_file_close, registry_entry_screen

XML_FILES = {
    "arkivuttrekk.xml": "addml",
    "arkivstruktur.xml": "arkivstruktur",
    "loependeJournal.xml": "loependeJournal",
    "offentligJournal.xml": "offentligJournal",
    "endringslogg.xml": "endringslogg",
}
SECRET = "Kari Nordmann"


@pytest.fixture
def entries(journal, cast, vestland_round):
    letter = journal(round=vestland_round, title="Tilskuddsbrev til Bergen kommune")
    complaint = journal(
        round=vestland_round,
        title=f"Klage fra {SECRET}",
        entry_type="I",
        content=b"%PDF-1.4 klage",
        parties=[Party(name=SECRET, role="sender")],
    )
    note = journal(round=vestland_round, title="Notat om klagen", entry_type="X")
    registry_entry_screen(
        entry=complaint,
        actor=cast.caseworker,
        ground=ScreeningGround.PERSONAL,
        words=[SECRET],
        exempt_document=True,
        exempt_party_ids=[p.pk for p in complaint.parties.all()],
    )
    case_file_close(case_file=letter.case_file, actor=cast.caseworker)
    return [letter, complaint, note]


@pytest.fixture
def open_entry(journal, cast):
    """An entry of a case still under processing, at the same office."""
    return journal(obj=cast.vestland, title="Brev i en åpen sak")


def _package(cast):
    today = timezone.localdate()
    package = deposit_package(
        office=cast.vestland, start=today - timedelta(days=1), end=today, made_by="Siri"
    )
    return zipfile.ZipFile(io.BytesIO(package.content))


def _values(tree, name):
    return tree.xpath(f"//*[local-name()='{name}']/text()")


def test_every_xml_validates_against_its_schema(entries, open_entry, cast):
    archive = _package(cast)
    names = set(archive.namelist())
    assert set(XML_FILES) | set(SCHEMAS) <= names
    for name, schema in XML_FILES.items():
        assert noark.validation_errors(archive.read(name), schema) == [], name
    for schema in SCHEMAS:
        assert archive.read(schema) == (noark.SCHEMA_DIR / schema).read_bytes()


def test_metadata_values_are_code_list_values(entries, open_entry, cast):
    archive = _package(cast)
    written = 0
    for name in XML_FILES:
        tree = etree.fromstring(archive.read(name))
        for element, allowed in noark.CODE_LISTS.items():
            for value in _values(tree, element):
                assert value in allowed, (name, element, value)
                written += 1
    structure = etree.fromstring(archive.read("arkivstruktur.xml"))
    assert _values(structure, "journalposttype") == [
        "Utgående dokument",
        "Inngående dokument",
        "Organinternt dokument uten oppfølging",
    ]
    assert "Skjerming av hele dokumentet" in _values(structure, "skjermingDokument")
    assert written > 20


def test_counts_and_checksums_match_the_files(entries, open_entry, cast):
    archive = _package(cast)
    description = etree.fromstring(archive.read("arkivuttrekk.xml"))
    ns = {"a": noark.ADDML_NS}
    listed = {}
    for item in description.xpath(
        "//a:dataObject[a:properties/a:property[@name='file']]", namespaces=ns
    ):
        file = item.xpath("a:properties/a:property[@name='file']/a:properties", namespaces=ns)[0]
        name = file.xpath("a:property[@name='name']/a:value/text()", namespaces=ns)[0]
        digest = file.xpath(".//a:property[@name='value']/a:value/text()", namespaces=ns)[0]
        listed[name] = digest
    assert set(listed) == (set(XML_FILES) - {"arkivuttrekk.xml"}) | set(SCHEMAS)
    for name, digest in listed.items():
        assert hashlib.sha256(archive.read(name)).hexdigest() == digest, name

    counts = {
        p.get("name"): int(p.findtext(f"{{{noark.ADDML_NS}}}value"))
        for p in description.xpath(
            "//a:property[@name='numberOfOccurrences']/a:properties/a:property", namespaces=ns
        )
    }
    structure = etree.fromstring(archive.read("arkivstruktur.xml"))
    documents = [n for n in archive.namelist() if n.startswith("DOKUMENT/")]
    assert counts == {
        "mapper": len(structure.xpath("//*[local-name()='mappe']")),
        "registreringer": len(structure.xpath("//*[local-name()='registrering']")),
        "dokumentfiler": len(documents),
    }
    assert counts == {"mapper": 1, "registreringer": 3, "dokumentfiler": 3}


def test_documents_are_the_journalled_files_byte_for_byte(entries, open_entry, cast):
    archive = _package(cast)
    structure = archive.read("arkivstruktur.xml")
    for entry in entries:
        document = entry.documents.get()
        stored = archive.read(noark.document_path(document))
        with document.file.open("rb") as handle:
            assert stored == handle.read()
        assert hashlib.sha256(stored).hexdigest() == document.sha256
        assert document.sha256.encode() in structure
    # The open case is not deposited: no closing date yet.
    assert noark.document_path(open_entry.documents.get()) not in archive.namelist()


def test_cases_carry_their_real_status_and_closing_date(entries, open_entry, cast):
    archive = _package(cast)
    structure = etree.fromstring(archive.read("arkivstruktur.xml"))
    case_file = entries[0].case_file
    case_file.refresh_from_db()
    assert _values(structure, "saksstatus") == ["Avsluttet"]
    folder_closed = structure.xpath("//*[local-name()='mappe']/*[local-name()='avsluttetDato']")
    assert [e.text for e in folder_closed] == [
        timezone.localtime(case_file.closed_at).isoformat(timespec="seconds")
    ]
    # The running journal has every entry of the period, the open case's too.
    running = etree.fromstring(archive.read("loependeJournal.xml"))
    assert _values(running, "antallJournalposter") == ["4"]


def test_the_change_log_holds_archival_changes_only(entries, open_entry, cast):
    log = etree.fromstring(_package(cast).read("endringslogg.xml"))
    fields = _values(log, "referanseMetadata")
    assert "saksstatus" in fields and "offentligTittel" in fields
    assert set(fields) <= {
        "saksstatus",
        "offentligTittel",
        "skjermingshjemmel",
        "skjermingDokument",
        "skjermingMetadata",
    }


def test_the_public_journal_in_the_package_is_screened(entries, open_entry, cast):
    archive = _package(cast)
    public = archive.read("offentligJournal.xml").decode()
    assert SECRET not in public and "Klage fra **" in public
    # The running journal and the structure are deposited, not published: full text.
    assert SECRET in archive.read("loependeJournal.xml").decode()


def test_caseworker_downloads_the_package_from_the_journal(client_for, cast, entries):
    client = client_for(cast.caseworker)
    assert (
        reverse("archive:deposit") in client.get(reverse("archive:staff_journal")).content.decode()
    )
    today = timezone.localdate().isoformat()
    response = client.get(
        reverse("archive:deposit"),
        {"office": cast.vestland.slug, "date_from": today, "date_to": today},
    )
    assert response.status_code == 200 and response["Content-Type"] == "application/zip"
    assert "arkivuttrekk.xml" in zipfile.ZipFile(io.BytesIO(response.content)).namelist()


@pytest.mark.parametrize(
    "who", ["other_caseworker", "udir", "owner_rep", "forum_member", "outsider"]
)
def test_no_one_else_gets_the_office_package(client_for, cast, entries, who):
    today = timezone.localdate().isoformat()
    response = client_for(getattr(cast, who)).get(
        reverse("archive:deposit"),
        {"office": cast.vestland.slug, "date_from": today, "date_to": today},
    )
    assert response.status_code == 403


def test_anonymous_is_sent_to_log_in(client, cast, entries):
    today = timezone.localdate().isoformat()
    response = client.get(
        reverse("archive:deposit"),
        {"office": cast.vestland.slug, "date_from": today, "date_to": today},
    )
    assert response.status_code == 302 and "/konto/" in response["Location"]


def test_a_period_without_closed_cases_explains(client_for, cast, open_entry):
    today = timezone.localdate().isoformat()
    response = client_for(cast.caseworker).get(
        reverse("archive:deposit"),
        {"office": cast.vestland.slug, "date_from": today, "date_to": today},
    )
    assert response.status_code == 404
    assert "ingen sak" in response.content.decode().lower()


@pytest.mark.parametrize(
    "query",
    [
        {},
        {"office": "finnes-ikke", "date_from": "2026-01-01", "date_to": "2026-12-31"},
        {"office": "vestland", "date_from": "2026-12-31", "date_to": "2026-01-01"},
        {"office": "vestland", "date_from": "2026-13-45", "date_to": "2026-12-31"},
    ],
)
def test_a_bad_period_is_a_clear_error(client_for, cast, entries, query):
    if query.get("office") == "vestland":
        query = {**query, "office": cast.vestland.slug}
    response = client_for(cast.caseworker).get(reverse("archive:deposit"), query)
    assert response.status_code == 400


def test_an_invalid_package_is_refused_with_a_message(client_for, cast, entries, monkeypatch):
    monkeypatch.setattr(noark, "validation_errors", lambda xml, name: ["line 1: broken"])
    today = timezone.localdate().isoformat()
    response = client_for(cast.caseworker).get(
        reverse("archive:deposit"),
        {"office": cast.vestland.slug, "date_from": today, "date_to": today},
    )
    assert response.status_code == 503

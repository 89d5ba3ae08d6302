"""The staff's journal, publishing and the archive extract of a round."""

import hashlib
import io
import zipfile

import pytest
from django.urls import reverse

from kompetansemidler.archive import noark
from kompetansemidler.archive.services import Party


@pytest.fixture
def entries(journal, vestland_round):
    return [
        journal(round=vestland_round, title="Tilskuddsbrev til Bergen kommune", content=b"brev"),
        journal(
            round=vestland_round,
            title="Klage fra Kari Nordmann",
            exempt=True,
            legal_basis="Offl. § 13 jf. fvl. § 13",
            exempt_words=["Kari Nordmann"],
            entry_type="I",
            content=b"klage",
            parties=[Party(name="Kari Nordmann", role="sender", exempt=True)],
        ),
    ]


def test_caseworker_sees_exempt_details(client_for, cast, entries):
    page = client_for(cast.caseworker).get(reverse("archive:staff_journal")).content.decode()
    assert "Klage fra Kari Nordmann" in page and "Klage fra **" in page


def test_other_office_sees_none_of_it_and_cannot_download(client_for, cast, entries):
    client = client_for(cast.other_caseworker)
    page = client.get(reverse("archive:staff_journal")).content.decode()
    assert "Kari Nordmann" not in page and "Bergen kommune" not in page
    assert (
        client.get(reverse("archive:staff_document", args=[entries[1].system_id])).status_code
        == 403
    )
    assert (
        client.get(
            reverse("archive:round_extract", args=[entries[0].case_file.round_id])
        ).status_code
        == 403
    )


def test_caseworker_publishes_and_withdraws_a_letter(client_for, cast, entries, client):
    letter, complaint = entries
    caseworker = client_for(cast.caseworker)
    caseworker.post(reverse("archive:entry_publish", args=[letter.system_id]), {"published": "1"})
    letter.refresh_from_db()
    assert letter.published
    response = caseworker.post(
        reverse("archive:entry_publish", args=[complaint.system_id]),
        {"published": "1"},
        follow=True,
    )
    complaint.refresh_from_db()
    assert not complaint.published and "kan ikke publiseres" in response.content.decode()


def test_the_extract_holds_valid_xml_documents_and_checksums(client_for, cast, entries):
    response = client_for(cast.caseworker).get(
        reverse("archive:round_extract", args=[entries[0].case_file.round_id])
    )
    assert response.status_code == 200 and response["Content-Type"] == "application/zip"
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    names = set(archive.namelist())
    documents = [d for e in entries for d in e.documents.all()]
    assert {
        "arkivstruktur.xml",
        "offentligJournal.xml",
        "sjekksummer.txt",
        "README.txt",
        *(noark.document_path(d) for d in documents),
    } == names
    assert noark.validation_errors(archive.read("arkivstruktur.xml"), "arkivstruktur") == []
    assert noark.validation_errors(archive.read("offentligJournal.xml"), "offentligJournal") == []
    for line in archive.read("sjekksummer.txt").decode().splitlines():
        digest, name = line.split("  ")
        assert hashlib.sha256(archive.read(name)).hexdigest() == digest
    for document in documents:
        assert document.sha256.encode() in archive.read("arkivstruktur.xml")
        assert archive.read(noark.document_path(document)) in (b"brev", b"klage")


def test_udir_may_take_the_extract(client_for, cast, entries):
    response = client_for(cast.udir).get(
        reverse("archive:round_extract", args=[entries[0].case_file.round_id])
    )
    assert response.status_code == 200


def test_a_round_without_entries_gives_a_clear_message(client_for, cast, vestland_round):
    response = client_for(cast.caseworker).get(
        reverse("archive:round_extract", args=[vestland_round.pk])
    )
    assert response.status_code == 404
    assert "ingenting å arkivere" in response.content.decode()


def test_an_invalid_extract_is_refused_with_a_message(client_for, cast, entries, monkeypatch):
    monkeypatch.setattr(noark, "validation_errors", lambda xml, name: ["line 1: broken"])
    response = client_for(cast.caseworker).get(
        reverse("archive:round_extract", args=[entries[0].case_file.round_id])
    )
    assert response.status_code == 503
    assert "kontrollen mot Noark 5-skjemaet" in response.content.decode()

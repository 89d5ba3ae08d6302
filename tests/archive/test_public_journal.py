"""The public journal: open without login, showing only what may be published."""

import csv
import io

import pytest
from django.urls import reverse
from lxml import etree
from openpyxl import load_workbook

from kompetansemidler.archive import noark
from kompetansemidler.archive.services import Party

BASIS = "Offl. § 13 jf. fvl. § 13"


@pytest.fixture
def letter(journal):
    return journal(title="Tilskuddsbrev til Bergen kommune", published=True)


@pytest.fixture
def complaint(journal, cast):
    return journal(
        title="Klage fra Kari Nordmann på tilskudd",
        exempt_words=["Kari Nordmann"],
        exempt=True,
        legal_basis=BASIS,
        entry_type="I",
        parties=[Party(name="Kari Nordmann", role="sender", exempt=True)],
    )


def test_anonymous_visitor_sees_screened_journal(client, letter, complaint):
    response = client.get(reverse("archive:public_journal"))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Klage fra ** på tilskudd" in page and BASIS in page
    assert "Kari Nordmann" not in page
    assert reverse("archive:public_document", args=[letter.system_id]) in page
    assert reverse("archive:public_document", args=[complaint.system_id]) not in page


def test_searching_for_a_screened_name_finds_nothing(client, complaint):
    response = client.get(reverse("archive:public_journal"), {"q": "Nordmann"})
    assert len(response.context["paging"].rows) == 0


def test_filters_by_office_and_date_and_survives_bad_dates(client, letter, cast):
    url = reverse("archive:public_journal")
    assert len(client.get(url, {"office": "rogaland"}).context["paging"].rows) == 0
    assert len(client.get(url, {"office": "vestland"}).context["paging"].rows) == 1
    assert len(client.get(url, {"date_from": "2099-01-01"}).context["paging"].rows) == 0
    response = client.get(url, {"date_from": "not a date", "q": "Tilskuddsbrev"})
    assert response.status_code == 200 and response.context["form"].errors
    assert len(response.context["paging"].rows) == 1
    assert 'value="Tilskuddsbrev"' in response.content.decode()


def test_documents_only_when_published_and_not_exempt(client, letter, complaint, journal):
    unpublished = journal(title="Brev som ikke er publisert")
    ok = client.get(reverse("archive:public_document", args=[letter.system_id]))
    assert ok.status_code == 200 and b"".join(ok.streaming_content) == b"%PDF-1.4 brev"
    for entry in (complaint, unpublished):
        response = client.get(reverse("archive:public_document", args=[entry.system_id]))
        assert response.status_code == 403


def test_csv_and_excel_carry_the_public_fields_only(client, letter, complaint):
    csv_response = client.get(reverse("archive:public_journal_export", args=["csv"]))
    rows = list(csv.reader(io.StringIO(csv_response.content.decode("utf-8-sig")), delimiter=";"))
    assert len(rows) == 3
    text = csv_response.content.decode("utf-8-sig")
    assert "Klage fra ** på tilskudd" in text and "Kari Nordmann" not in text and BASIS in text
    xlsx = client.get(reverse("archive:public_journal_export", args=["xlsx"]))
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    values = [cell for row in sheet.iter_rows(values_only=True) for cell in row]
    assert "Tilskuddsbrev til Bergen kommune" in values
    assert not any("Kari Nordmann" in str(v) for v in values)


def test_xml_export_is_a_valid_offentlig_journal(client, letter, complaint):
    response = client.get(reverse("archive:public_journal_export", args=["xml"]))
    assert response.status_code == 200
    assert noark.validation_errors(response.content, "offentligJournal") == []
    tree = etree.fromstring(response.content)
    count = tree.findtext(
        f"{{{noark.OFFENTLIG_JOURNAL_NS}}}journalhode/"
        f"{{{noark.OFFENTLIG_JOURNAL_NS}}}antallJournalposter"
    )
    assert count == "2" and b"Kari Nordmann" not in response.content


def test_empty_xml_export_explains_instead_of_failing(client, letter):
    response = client.get(
        reverse("archive:public_journal_export", args=["xml"]), {"q": "finnes ikke"}
    )
    assert response.status_code == 404
    assert "ingen journal å eksportere" in response.content.decode()


def test_unknown_export_format_is_not_found(client):
    assert client.get(reverse("archive:public_journal_export", args=["pdf"])).status_code == 404


def test_public_api_screens_the_same_way(client, letter, complaint):
    response = client.get(reverse("api:archive_public_entries"))
    assert response.status_code == 200
    items = {item["entry_number"]: item for item in response.json()["items"]}
    exempt = items[complaint.entry_number]
    assert exempt["parties"][0]["name"] == "**" and exempt["document_url"] is None
    assert items[letter.entry_number]["document_url"].endswith(
        reverse("archive:public_document", args=[letter.system_id])
    )
    assert "Kari Nordmann" not in response.content.decode()

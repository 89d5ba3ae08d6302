"""The staff's journal, publishing and closing cases."""

import pytest
from django.urls import reverse

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
        client.post(
            reverse("archive:case_file_close", args=[entries[0].case_file.system_id])
        ).status_code
        == 403
    )
    entries[0].case_file.refresh_from_db()
    assert entries[0].case_file.status == "B"


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


def test_caseworker_closes_a_case_once(client_for, cast, entries):
    client = client_for(cast.caseworker)
    url = reverse("archive:case_file_close", args=[entries[0].case_file.system_id])
    assert client.post(url).status_code == 302
    case_file = entries[0].case_file
    case_file.refresh_from_db()
    assert (
        case_file.status == "A" and case_file.closed_at and case_file.closed_by == cast.caseworker
    )
    again = client.post(url, follow=True)
    assert "allerede avsluttet" in again.content.decode()


def test_the_api_gives_a_case_its_status_and_closing_date(client_for, cast, entries):
    client = client_for(cast.caseworker)
    client.post(reverse("archive:case_file_close", args=[entries[0].case_file.system_id]))
    items = client.get(reverse("api:archive_case_files")).json()["items"]
    assert [(i["status"], i["closed_at"] is not None) for i in items] == [("A", True)]

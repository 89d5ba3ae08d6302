"""A caseworker screens an entry (offentleglova) from a fixed list of legal
grounds; the exempt text then appears nowhere public."""

import csv
import io
import json

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from kompetansemidler.archive.models import MetadataChange, ScreeningGround
from kompetansemidler.archive.services import Party
from kompetansemidler.history.models import Event

SECRET = "Ola Nordmann"
WORDS = "diagnosen til sønnen"
TITLE = f"Søknad fra {SECRET} om {WORDS} i barnehagen"
BASIS = "Offl. § 13 jf. fvl. § 13 første ledd nr. 1"


@pytest.fixture
def enquiry(journal):
    return journal(
        title=TITLE,
        entry_type="I",
        content=b"%PDF-1.4 soknad",
        parties=[Party(name=SECRET, role="sender")],
    )


def _screen(client, entry, **data):
    form = {
        "ground": ScreeningGround.PERSONAL,
        "words": f"{SECRET}; {WORDS}",
        "exempt_document": "on",
        "parties": [str(p.pk) for p in entry.parties.all()],
    }
    form.update(data)
    return client.post(reverse("archive:entry_screen", args=[entry.system_id]), form)


def _public_surfaces(client) -> dict[str, str]:
    """Everything the public can read of the journal, as text."""
    xlsx = client.get(reverse("archive:public_journal_export", args=["xlsx"])).content
    sheet = load_workbook(io.BytesIO(xlsx)).active
    return {
        "page": client.get(reverse("archive:public_journal")).content.decode(),
        "csv": client.get(reverse("archive:public_journal_export", args=["csv"])).content.decode(
            "utf-8-sig"
        ),
        "xlsx": " ".join(
            str(cell) for row in sheet.iter_rows(values_only=True) for cell in row if cell
        ),
        "api": json.dumps(
            client.get(reverse("api:archive_public_entries")).json(), ensure_ascii=False
        ),
        "xml": client.get(reverse("archive:public_journal_export", args=["xml"])).content.decode(),
    }


def test_before_screening_the_name_is_public(client, enquiry):
    # The check below is meaningful: every surface shows the text until it is screened.
    surfaces = _public_surfaces(client)
    assert all(SECRET in text for text in surfaces.values()), surfaces.keys()


def test_screened_text_appears_on_no_public_surface(client, client_for, cast, enquiry):
    response = _screen(client_for(cast.caseworker), enquiry)
    assert response.status_code == 302
    surfaces = _public_surfaces(client)
    for name, text in surfaces.items():
        assert SECRET not in text, name
        assert WORDS not in text, name
        assert "Søknad fra ** om ** i barnehagen" in text, name
        assert BASIS in text, name
    assert list(csv.reader(io.StringIO(surfaces["csv"]), delimiter=";"))[1][5].endswith("**")
    # The document is withheld too.
    download = client.get(reverse("archive:public_document", args=[enquiry.system_id]))
    assert download.status_code == 403


def test_screening_keeps_history_and_the_change_log(client_for, cast, enquiry):
    _screen(client_for(cast.caseworker), enquiry)
    enquiry.refresh_from_db()
    assert enquiry.screening_ground == ScreeningGround.PERSONAL
    assert enquiry.legal_basis == BASIS and enquiry.exempt and not enquiry.published
    event = Event.objects.get(kind="archive.entry_screened")
    assert event.actor == cast.caseworker
    assert event.before["offentligTittel"] == TITLE
    fields = set(
        MetadataChange.objects.filter(unit_system_id=enquiry.system_id).values_list(
            "field", flat=True
        )
    )
    assert fields == {
        "offentligTittel",
        "skjermingshjemmel",
        "skjermingDokument",
        "skjermingMetadata",
    }


def test_the_caseworker_still_sees_everything(client_for, cast, enquiry):
    client = client_for(cast.caseworker)
    _screen(client, enquiry)
    page = client.get(reverse("archive:staff_journal")).content.decode()
    assert TITLE in page and "Søknad fra ** om ** i barnehagen" in page


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"ground": "offl99"}, "Velg et gyldig valg"),
        ({"words": "Kari Hansen"}, "finnes ikke i tittelen"),
        ({"words": "", "exempt_document": "", "parties": []}, "Velg hva som skal unntas"),
    ],
)
def test_bad_screening_is_refused_with_a_reason(client_for, cast, enquiry, data, message):
    response = _screen(client_for(cast.caseworker), enquiry, **data)
    assert response.status_code == 400
    assert message in response.content.decode()
    enquiry.refresh_from_db()
    assert enquiry.public_title == TITLE and not enquiry.exempt


def test_another_office_cannot_screen_or_read_the_form(client_for, cast, enquiry):
    client = client_for(cast.other_caseworker)
    url = reverse("archive:entry_screen", args=[enquiry.system_id])
    assert client.get(url).status_code == 403
    assert _screen(client, enquiry).status_code == 403
    enquiry.refresh_from_db()
    assert enquiry.public_title == TITLE


def test_anonymous_cannot_screen(client, enquiry):
    response = _screen(client, enquiry)
    assert response.status_code == 302 and "/konto/" in response["Location"]

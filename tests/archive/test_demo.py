"""The demo journals the recommendation the forum sent, once, screens one entry,
and its deposit package validates against every schema it uses."""

import io
import zipfile

import pikepdf
from django.urls import reverse
from django.utils import timezone

from kompetansemidler.archive import demo, noark
from kompetansemidler.archive.models import EntryType, RegistryEntry
from kompetansemidler.demo.build import demo_builders
from tests.archive.test_deposit import XML_FILES


def build_up_to_archive():
    """The demo of every app up to and including this one (the apps after it
    journal their own documents and are tested by their own engineers)."""
    for build in demo_builders():
        build()
        if build is demo.build:
            return


def test_the_demo_journals_the_sent_recommendation_once(cast, client_for):
    build_up_to_archive()
    entries = RegistryEntry.objects.filter(
        case_file__office=cast.vestland,
        entry_type=EntryType.INCOMING,
        title__startswith="Innstilling fra",
    )
    assert entries.count() == 1
    entry = entries.get()
    assert entry.documents.get().file.read(5) == b"%PDF-"
    build_up_to_archive()
    assert entries.count() == 1
    today = timezone.localdate().isoformat()
    response = client_for(cast.caseworker).get(
        reverse("archive:deposit"),
        {"office": cast.vestland.slug, "date_from": today, "date_to": today},
    )
    assert response.status_code == 200
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    for name, schema in XML_FILES.items():
        assert noark.validation_errors(archive.read(name), schema) == [], name
    public = archive.read("offentligJournal.xml").decode()
    assert demo.ENQUIRY_NAME not in public and "Offl. § 13" in public
    documents = [n for n in archive.namelist() if n.startswith("DOKUMENT/")]
    assert documents
    for name in documents:
        # Deposit takes PDF/A-1 or -2; checked where the PDF claims to be PDF/A at all
        # (making every PDF PDF/A-2a is the PDF module's own work).
        with pikepdf.open(io.BytesIO(archive.read(name))) as pdf:
            claimed = pdf.open_metadata().pdfa_status
        assert claimed == "" or claimed[0] in "12", (name, claimed)


def test_the_demo_journal_shows_one_screened_entry(cast, client):
    build_up_to_archive()
    screened = RegistryEntry.objects.exclude(screening_ground="")
    assert screened.count() == 1
    page = client.get(reverse("archive:public_journal")).content.decode()
    assert demo.ENQUIRY_NAME not in page and screened.get().public_title in page

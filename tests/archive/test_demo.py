"""The demo journals the recommendation the forum sent, once, with a valid extract."""

import io
import zipfile

from django.urls import reverse

from kompetansemidler.archive import demo
from kompetansemidler.archive.models import EntryType, RegistryEntry
from kompetansemidler.demo.build import demo_builders


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
    response = client_for(cast.caseworker).get(
        reverse("archive:round_extract", args=[entry.case_file.round_id])
    )
    assert response.status_code == 200
    assert "arkivstruktur.xml" in zipfile.ZipFile(io.BytesIO(response.content)).namelist()

"""Stored files on an S3-compatible object store (moto's server on 127.0.0.1):
a grant letter is one object, named by the letter and by its archive document,
downloadable through the application; an uploaded agreement goes to the bucket."""

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from kompetansemidler.archive.models import Document
from kompetansemidler.decisions.letters import letter_issue
from tests.decisions.objects import issued_decision
from tests.support.object_store import s3_endpoint, s3_storage  # noqa: F401

pytestmark = pytest.mark.django_db


def _keys(client, bucket) -> list[str]:
    return [o["Key"] for o in client.list_objects_v2(Bucket=bucket).get("Contents", [])]


def test_a_letter_is_stored_once_in_the_bucket_and_downloaded_through_the_app(
    cast,
    client_for,
    s3_storage,  # noqa: F811
):
    client, bucket = s3_storage
    letter = letter_issue(actor=cast.caseworker, decision=issued_decision(cast))

    document = Document.objects.get(file=letter.pdf_file.name)
    assert _keys(client, bucket) == [letter.pdf_file.name]
    stored = client.get_object(Bucket=bucket, Key=letter.pdf_file.name)["Body"].read()
    assert stored.startswith(b"%PDF") and stored == letter.pdf
    assert document.size == len(stored)

    response = client_for(cast.caseworker).get(reverse("decisions:letter", args=[letter.pk]))
    assert response.status_code == 200
    assert response.content == stored


def test_the_storage_api_reads_back_what_another_process_wrote(s3_storage):  # noqa: F811
    client, bucket = s3_storage
    client.put_object(Bucket=bucket, Key="needs/agreements/avtale.pdf", Body=b"%PDF-1.4 avtale")

    assert default_storage.exists("needs/agreements/avtale.pdf")
    assert default_storage.open("needs/agreements/avtale.pdf").read() == b"%PDF-1.4 avtale"
    name = default_storage.save("needs/agreements/ny.pdf", SimpleUploadedFile("ny.pdf", b"x"))
    assert name in _keys(client, bucket)

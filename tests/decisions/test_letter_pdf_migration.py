"""The migration that moves letter PDFs out of the database: a letter then names
the archive document's file with the same bytes (stored once), and a letter
without such a document gets its own file; every PDF reads back byte for byte."""

import pytest
from django.core.files.storage import default_storage
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from kompetansemidler.archive.models import Document
from kompetansemidler.decisions.letters import letter_issue
from tests.decisions.objects import issued_decision

BEFORE = [("decisions", "0012_drop_fixed_year_amounts_and_commitment_links")]
AFTER = [("decisions", "0013_letter_pdf_in_file_storage")]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.mark.django_db(transaction=True)
def test_letter_pdfs_move_to_the_archive_documents_file_or_their_own(cast):
    journalled_letter = letter_issue(actor=cast.caseworker, decision=issued_decision(cast))
    document = Document.objects.get(file=journalled_letter.pdf_file.name)
    journalled = journalled_letter.pdf
    alone = b"%PDF-1.7 a letter without an archive document"

    old = _migrate(BEFORE)
    Letter = old.get_model("decisions", "Letter")
    assert bytes(Letter.objects.get(pk=journalled_letter.pk).pdf) == journalled
    second = Letter.objects.create(
        decision_id=journalled_letter.decision_id,
        version=2,
        decision_revision=99,
        language="nb",
        appeal_deadline="2026-06-01",
        pdf=alone,
    )

    new = _migrate(AFTER)
    Letter = new.get_model("decisions", "Letter")
    first_moved = Letter.objects.get(pk=journalled_letter.pk)
    second_moved = Letter.objects.get(pk=second.pk)
    # Stored once: the letter names the archive document's own file.
    assert first_moved.pdf_file == document.file.name
    assert default_storage.open(first_moved.pdf_file.name).read() == journalled
    assert second_moved.pdf_file.name.startswith(f"letters/{journalled_letter.decision_id}/")
    assert default_storage.open(second_moved.pdf_file.name).read() == alone

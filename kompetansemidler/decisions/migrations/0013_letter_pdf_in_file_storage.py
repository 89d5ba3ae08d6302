"""Letter PDFs move out of the database into the file storage.

Each letter was journalled with its PDF as the archive document of its registry
entry, so the same bytes were stored twice. A letter now names the archive
document's file (found by its SHA-256 checksum, which the archive stores with
every document); a letter without such a document has its PDF written to the
storage under ``letters/``. Reversed, the PDFs are read back into the database.
"""

import hashlib

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import migrations, models


def pdfs_to_storage(apps, schema_editor):
    Letter = apps.get_model("decisions", "Letter")
    Document = apps.get_model("archive", "Document")
    for letter in Letter.objects.only("pk", "pdf", "decision_id", "version").iterator(
        chunk_size=100
    ):
        data = bytes(letter.pdf)
        checksum = hashlib.sha256(data).hexdigest()
        document = Document.objects.filter(sha256=checksum, size=len(data)).order_by("pk").first()
        if document is not None and default_storage.exists(document.file.name):
            name = document.file.name
        else:
            name = default_storage.save(
                f"letters/{letter.decision_id}/tilskuddsbrev-{letter.version}.pdf",
                ContentFile(data),
            )
        Letter.objects.filter(pk=letter.pk).update(pdf_file=name)


def pdfs_to_database(apps, schema_editor):
    Letter = apps.get_model("decisions", "Letter")
    for letter in Letter.objects.only("pk", "pdf_file").iterator(chunk_size=100):
        with default_storage.open(letter.pdf_file.name, "rb") as stored:
            Letter.objects.filter(pk=letter.pk).update(pdf=stored.read())


class Migration(migrations.Migration):
    dependencies = [
        ("archive", "0002_case_closing_screening_ground_metadata_changes"),
        ("decisions", "0012_drop_fixed_year_amounts_and_commitment_links"),
    ]

    operations = [
        migrations.AddField(
            model_name="letter",
            name="pdf_file",
            field=models.FileField(
                default="", max_length=300, upload_to="letters/", verbose_name="PDF"
            ),
            preserve_default=False,
        ),
        migrations.AlterField(
            model_name="letter",
            name="pdf",
            field=models.BinaryField(default=b"", verbose_name="PDF"),
        ),
        migrations.RunPython(pdfs_to_storage, pdfs_to_database),
        migrations.RemoveField(model_name="letter", name="pdf"),
    ]

"""PDF documents load nothing from outside the HTML they are made from, and are
archival and tagged (PDF/A-2a) with their title, language and author."""

import io
import subprocess

import pikepdf
import pytest

from kompetansemidler.core.pdf import MissingMetadata, html_to_pdf

HEAD = (
    '<html lang="nn"><head><meta charset="utf-8"><title>Tilskotsbrev</title>'
    '<meta name="author" content="Statsforvaltaren i Vestland">'
)


def text_of(pdf: bytes) -> str:
    return subprocess.run(
        ["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True
    ).stdout.decode()


def test_a_pdf_reads_no_local_file_and_keeps_its_own_text(tmp_path):
    sheet = tmp_path / "leak.css"
    sheet.write_text('body::after { content: "FRA FILSYSTEMET"; }', encoding="utf-8")
    pdf = html_to_pdf(
        f'{HEAD}<link rel="stylesheet" href="{sheet.as_uri()}"></head>'
        "<body><p>Tilskuddsbrev</p></body></html>"
    )
    text = text_of(pdf)
    assert "Tilskuddsbrev" in text
    assert "FRA FILSYSTEMET" not in text


def test_inline_data_still_works():
    pdf = html_to_pdf(
        f'{HEAD}<link rel="stylesheet" '
        'href="data:text/css,body::after%7Bcontent:%22Innebygd%22%7D"></head>'
        "<body><p>Brev</p></body></html>"
    )
    assert "Innebygd" in text_of(pdf)


def assert_pdf_a_2a(pdf: bytes, *, title: str, language: str, author: str) -> None:
    """PDF/A-2a as an archive checks it: the XMP identification, every font embedded,
    a structure tree (tagged), and the document's title, language and author."""
    document = pikepdf.open(io.BytesIO(pdf))
    with document.open_metadata() as xmp:
        assert xmp.get("pdfaid:part") == "2"
        assert xmp.get("pdfaid:conformance") == "A"
        assert xmp.get("dc:title") == title
        assert author in str(xmp.get("dc:creator"))
    assert "/StructTreeRoot" in document.Root
    assert document.Root.MarkInfo.Marked
    assert str(document.Root.Lang) == language
    assert str(document.docinfo.Title) == title
    fonts = 0
    for page in document.pages:
        for font in page.Resources.get("/Font", {}).values():
            fonts += 1
            descriptor = font.get("/FontDescriptor") or font.DescendantFonts[0].FontDescriptor
            assert any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3"))
    assert fonts


def test_a_pdf_is_pdf_a_2a_with_its_metadata():
    pdf = html_to_pdf(f"{HEAD}</head><body><h1>Vedtak</h1><p>Tilskot frå staten</p></body></html>")
    assert_pdf_a_2a(pdf, title="Tilskotsbrev", language="nn", author="Statsforvaltaren i Vestland")


@pytest.mark.parametrize(
    "head",
    [
        '<html><head><title>T</title><meta name="author" content="A">',
        '<html lang="nb"><head><meta name="author" content="A">',
        '<html lang="nb"><head><title>T</title>',
    ],
)
def test_a_document_without_title_language_or_author_is_refused(head):
    with pytest.raises(MissingMetadata):
        html_to_pdf(f"{head}</head><body><p>Brev</p></body></html>")

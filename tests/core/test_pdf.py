"""PDF documents load nothing from outside the HTML they are made from."""

import subprocess

from kompetansemidler.core.pdf import html_to_pdf


def text_of(pdf: bytes) -> str:
    return subprocess.run(
        ["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True
    ).stdout.decode()


def test_a_pdf_reads_no_local_file_and_keeps_its_own_text(tmp_path):
    sheet = tmp_path / "leak.css"
    sheet.write_text('body::after { content: "FRA FILSYSTEMET"; }', encoding="utf-8")
    pdf = html_to_pdf(
        f'<html><head><link rel="stylesheet" href="{sheet.as_uri()}"></head>'
        "<body><p>Tilskuddsbrev</p></body></html>"
    )
    text = text_of(pdf)
    assert "Tilskuddsbrev" in text
    assert "FRA FILSYSTEMET" not in text


def test_inline_data_still_works():
    pdf = html_to_pdf(
        '<html><head><link rel="stylesheet" '
        'href="data:text/css,body::after%7Bcontent:%22Innebygd%22%7D"></head>'
        "<body><p>Brev</p></body></html>"
    )
    assert "Innebygd" in text_of(pdf)

"""PDF documents from HTML (grant letters, exports, the office's report).

Every PDF the product makes is PDF/A-2a: archival (fonts embedded, colours
defined, XMP metadata) and tagged (a structure tree, so a screen reader and
the archive can read it), the variant Arkivverket accepts for deposit. Its
title, language and author come from the HTML (``<title>``, ``<html lang>``,
``<meta name="author">``) and must be there: an archived document without
them is refused here, at the first test, not at the deposit.

Our documents are self-contained: their fonts come from the system and they
load no image or style sheet. So they are rendered with one fetcher per
process that loads nothing but inline ``data:`` URLs: WeasyPrint's default
would build a new SSL context for every document (about 50 ms each, a sixth
of a letter) and could reach the network.
"""

from weasyprint import HTML
from weasyprint.urls import URLFetcher

_FETCHER = URLFetcher(allowed_protocols=("data",))
PDF_VARIANT = "pdf/a-2a"


class MissingMetadata(ValueError):
    """The HTML lacks the title, language or author an archival PDF needs."""


def html_to_pdf(html: str) -> bytes:
    """The HTML as a PDF/A-2a document. Raises ``MissingMetadata`` when the HTML
    gives no title, language or author."""
    document = HTML(string=html, url_fetcher=_FETCHER).render()
    metadata = document.metadata
    missing = [
        name
        for name, value in (
            ("title", metadata.title),
            ("lang", metadata.lang),
            ("author", metadata.authors),
        )
        if not value
    ]
    if missing:
        raise MissingMetadata("An archival PDF needs " + ", ".join(missing))
    return document.write_pdf(pdf_variant=PDF_VARIANT)

"""PDF documents from HTML (grant letters, exports, the office's report).

Our documents are self-contained: their fonts come from the system and they
load no image or style sheet. So they are rendered with one fetcher per
process that loads nothing but inline ``data:`` URLs: WeasyPrint's default
would build a new SSL context for every document (about 50 ms each, a sixth
of a letter) and could reach the network.
"""

from weasyprint import HTML
from weasyprint.urls import URLFetcher

_FETCHER = URLFetcher(allowed_protocols=("data",))


def html_to_pdf(html: str) -> bytes:
    return HTML(string=html, url_fetcher=_FETCHER).write_pdf()

"""Paging of every list page: one paginator, one set of links, one template.

A view calls ``paginate(request, rows, per_page)`` and puts the result in the
context as ``paging``; the template includes ``core/_pagination.html``. The
page number is the ``page`` query parameter, as in the JSON API, and the
links keep every other query parameter (the list's filters).
"""

from dataclasses import dataclass

from django.core.paginator import Page, Paginator


@dataclass(frozen=True)
class Paging:
    page: Page
    # Page numbers to link: the first, the last and two either side of the
    # current one; None marks a gap.
    links: list[int | None]
    # The other query parameters, url-encoded, to put before ``page=``.
    query: str

    @property
    def rows(self):
        return self.page.object_list


def page_links(page: Page) -> list[int | None]:
    last = page.paginator.num_pages
    wanted = sorted({1, last, *range(max(1, page.number - 2), min(last, page.number + 2) + 1)})
    links: list[int | None] = []
    for number in wanted:
        if links and number - (links[-1] or 0) > 1:
            links.append(None)
        links.append(number)
    return links


def paginate(request, rows, per_page: int, *, query: str | None = None) -> Paging:
    """The requested page of ``rows``; a page number out of range or not a
    number gives the nearest valid page, never an error."""
    page = Paginator(rows, per_page).get_page(request.GET.get("page"))
    if query is None:
        params = request.GET.copy()
        params.pop("page", None)
        query = params.urlencode()
    return Paging(page=page, links=page_links(page), query=query)

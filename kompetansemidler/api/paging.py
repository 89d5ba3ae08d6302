"""One page of a list in the API: the same query and body shape for every list operation."""

from collections.abc import Callable

from ninja import Field, Schema


class PageQuery(Schema):
    """The paging a list operation's query takes; its filters extend it::

    class Filters(PageQuery):
        round: int | None = None
    """

    page: int = Field(1, ge=1, le=100_000, description="Page number, from 1.")
    page_size: int = Field(50, ge=1, le=200, description="Rows per page.")


def api_page(rows, *, page: int, page_size: int, convert: Callable | None = None) -> dict:
    """``{"count", "page", "page_size", "items"}`` for page ``page`` (from 1) of ``rows``.

    A page past the end is empty, not an error. ``convert`` turns each row into
    the operation's output shape; without it the rows are returned as they are.
    """
    start = (page - 1) * page_size
    chunk = rows[start : start + page_size]
    return {
        "count": rows.count(),
        "page": page,
        "page_size": page_size,
        "items": [convert(row) for row in chunk] if convert else list(chunk),
    }

"""The one-time key a rendered form carries (kompetansemidler/core/idempotency.py),
for tests that post a form without rendering it first."""

from kompetansemidler.core.idempotency import FIELD, new_key


def with_key(data: dict | None = None, **fields) -> dict:
    """``data`` and ``fields`` as POST data, plus a fresh ``idempotency_key``, as
    one sending of a freshly rendered form."""
    return {**(data or {}), **fields, FIELD: new_key()}


def key_header() -> dict:
    """A fresh ``Idempotency-Key`` header for one API write, as test client kwargs."""
    return {"HTTP_IDEMPOTENCY_KEY": new_key()}

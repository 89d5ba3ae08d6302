"""ETags and If-Match: an update is based on the version the client read.

A read of an object that can be edited concurrently answers with its version
as ``ETag`` (``"3"``); an update must send it back as ``If-Match``. Without
the header the update is refused with 428 ``precondition_required``; a
version older than the stored one is refused by the service's own check
(``StaleEdit``) with 412 ``stale`` and the current version's ``ETag``.
"""

from django.utils.translation import gettext_lazy as _

REASON_MISSING = _(
    "Send the If-Match header with the ETag from reading the object, so a change someone "
    "else saved in between is not overwritten."
)
REASON_MALFORMED = _('The If-Match header must be one ETag as this API gives it, such as "3".')


class PreconditionRequired(Exception):
    """The update has no usable If-Match header (428)."""

    def __init__(self, message):
        super().__init__(str(message))
        self.message = message


def etag(version: int) -> str:
    return f'"{version}"'


def if_match_version(request) -> int:
    """The version the client's If-Match names; PreconditionRequired when it names none."""
    value = request.headers.get("If-Match", "").strip()
    if not value:
        raise PreconditionRequired(REASON_MISSING)
    value = value.removeprefix("W/")
    digits = value.strip('"')
    if not (
        value.startswith('"') and value.endswith('"') and digits.isascii() and digits.isdigit()
    ):
        raise PreconditionRequired(REASON_MALFORMED)
    if len(digits) > 12:
        raise PreconditionRequired(REASON_MALFORMED)
    return int(digits)


UNSAFE_METHODS = ("post", "put", "patch", "delete")
# Writes that take no one-time key: the token endpoint changes no case.
KEYLESS_PATHS = frozenset({"/api/token"})

IDEMPOTENCY_KEY_PARAMETER = {
    "in": "header",
    "name": "Idempotency-Key",
    "required": True,
    "description": "A new key per write (a UUID does); the same key when retrying it.",
    "schema": {"type": "string", "pattern": "^[A-Za-z0-9_-]{1,64}$"},
    "example": "3f2b8c1e9a7d4f60b1c2d3e4f5a6b7c8",
}
IF_MATCH_PARAMETER = {
    "in": "header",
    "name": "If-Match",
    "required": True,
    "description": "The ETag of the object as read; 412 when it has changed since.",
    "schema": {"type": "string", "pattern": '^"[0-9]{1,12}"$'},
    "example": '"3"',
}


def document_write_headers(schema: dict) -> dict:
    """Add the one-time key to every write of the OpenAPI ``schema``, and If-Match
    to every update (PATCH), so clients and the docs see what the API requires."""
    for path, operations in schema.get("paths", {}).items():
        if path in KEYLESS_PATHS:
            continue
        for method, operation in operations.items():
            if method not in UNSAFE_METHODS:
                continue
            extra = [IDEMPOTENCY_KEY_PARAMETER]
            if method == "patch":
                extra.append(IF_MATCH_PARAMETER)
            operation["parameters"] = [*operation.get("parameters", []), *extra]
    return schema

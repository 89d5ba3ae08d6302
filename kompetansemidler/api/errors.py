"""The API's error responses: one JSON shape for every failure, and the helper
that documents them in each operation.

Every error body is ``{"detail": "...", "code": "..."}``; a 422 adds
``errors``, one entry per invalid field. The handlers are installed on the
NinjaAPI in ``api.py``, so a router only raises:

- nothing at all when the user is not logged in: the API's session auth
  answers 401 ``not_authenticated`` (``invalid_token`` for a bearer token
  that is not valid, with ``WWW-Authenticate: Bearer``);
- ``PreconditionRequired`` (``preconditions.py``) → 428 when an update has no
  ``If-Match``; a write without ``Idempotency-Key`` is 428 as well
  (``core.idempotency``). Document them with ``WRITES``;
- ``django.core.exceptions.PermissionDenied(reason)`` (``ensure(decision)``
  does it) → 403 ``forbidden`` with the reason as ``detail``;
- ``Http404`` (``get_object_or_404``) → 404 ``not_found``;
- invalid path, query or body → 422 ``invalid`` with the field errors;
- ``ServiceRefused`` from a service (``kompetansemidler.core.workflow``) → its
  own ``code`` and message: 409 when the case's state does not allow it, 412
  ``stale`` when someone saved since the client read the object (with the
  current version as ``ETag`` and ``params.current_version``), 422 with
  ``findings`` (each with code, severity, message and field) when rules or an
  input refused it. Document them with ``REFUSALS``.
"""

from collections.abc import Mapping, Sequence
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from ninja import Schema
from ninja.errors import AuthenticationError, HttpError, ValidationError

from kompetansemidler.accounts.policy import REASON_NOT_LOGGED_IN
from kompetansemidler.core.workflow import (
    ServiceRefused,
    StaleEdit,
    refusal_findings,
    refusal_status,
)

from .preconditions import PreconditionRequired, etag

REASON_INVALID_TOKEN = gettext_lazy(
    "The access token is unknown, expired or revoked. Get a new one from /api/token."
)


class FieldError(Schema):
    loc: list[str | int]
    msg: str
    type: str


class RefusalFindingOut(Schema):
    code: str
    severity: str
    message: str
    field: str


class ErrorOut(Schema):
    detail: str
    code: str
    errors: list[FieldError] | None = None
    params: dict[str, str] | None = None
    findings: list[RefusalFindingOut] | None = None


# The responses any operation can give: not logged in, not allowed, bad input.
COMMON_ERRORS = (401, 403, 422)
# What an operation that calls a service adds: refused in this state, stale write.
REFUSALS = (409, 412)
# What every write adds: a malformed Idempotency-Key (400), none (or, for an
# update, no If-Match: 428).
WRITES = (400, 428)


def with_errors(responses: dict[int, Any], *extra: int) -> dict[int, Any]:
    """``responses`` plus the common error responses and the ``extra`` codes
    (404 for a single object, 409 for a stale save…), all as ``ErrorOut``::

        @router.get("/units/{number}", response=with_errors({200: UnitOut}, 404))
    """
    return {**responses, **{code: ErrorOut for code in (*COMMON_ERRORS, *extra)}}


def _error(api, request, status: int, detail: str, code: str, errors=None, **extra):
    body: dict[str, Any] = {"detail": detail, "code": code}
    if errors is not None:
        body["errors"] = errors
    body.update({key: value for key, value in extra.items() if value})
    return api.create_response(request, body, status=status)


def invalid_body(errors: Mapping[str, Sequence[str]]) -> dict[str, Any]:
    """The 422 body for a Django form's ``errors`` (field → messages), as an
    operation returns it: ``return 422, invalid_body(form.errors)``."""
    return {
        "detail": _("The request has invalid values."),
        "code": "invalid",
        "errors": [
            {"loc": ["body", field], "msg": str(message), "type": "value_error"}
            for field, messages in errors.items()
            for message in messages
        ],
    }


def _field_errors(exc: ValidationError) -> list[dict]:
    return [
        {
            "loc": [part if isinstance(part, int) else str(part) for part in error.get("loc", ())],
            "msg": str(error.get("msg", "")),
            "type": str(error.get("type", "")),
        }
        for error in exc.errors
    ]


def install_error_handlers(api) -> None:
    def not_authenticated(request, exc):
        if request.headers.get("Authorization", "").lower().startswith("bearer "):
            response = _error(api, request, 401, str(REASON_INVALID_TOKEN), "invalid_token")
            response["WWW-Authenticate"] = 'Bearer error="invalid_token"'
            return response
        return _error(api, request, 401, str(REASON_NOT_LOGGED_IN), "not_authenticated")

    def precondition_required(request, exc: PreconditionRequired):
        return _error(api, request, 428, str(exc.message), "precondition_required")

    def forbidden(request, exc):
        return _error(api, request, 403, str(exc) or _("You may not do this."), "forbidden")

    def not_found(request, exc):
        return _error(api, request, 404, _("Not found."), "not_found")

    def invalid(request, exc):
        return _error(
            api, request, 422, _("The request has invalid values."), "invalid", _field_errors(exc)
        )

    def http_error(request, exc):
        # Raised by ninja itself, e.g. a failed CSRF check on an unsafe method.
        code = "forbidden" if exc.status_code == 403 else "error"
        return _error(api, request, exc.status_code, exc.message, code)

    def refused(request, exc: ServiceRefused):
        params = {name: str(value) for name, value in exc.params.items()}
        version = getattr(getattr(exc, "current", None), "lock_version", None)
        if isinstance(exc, StaleEdit) and version is not None:
            params["current_version"] = str(version)
        response = _error(
            api,
            request,
            refusal_status(exc),
            exc.message,
            exc.code,
            params=params,
            findings=refusal_findings(exc),
        )
        if isinstance(exc, StaleEdit) and version is not None:
            response["ETag"] = etag(version)
        return response

    api.add_exception_handler(AuthenticationError, not_authenticated)
    api.add_exception_handler(ServiceRefused, refused)
    api.add_exception_handler(PreconditionRequired, precondition_required)
    api.add_exception_handler(PermissionDenied, forbidden)
    api.add_exception_handler(Http404, not_found)
    api.add_exception_handler(ValidationError, invalid)
    api.add_exception_handler(HttpError, http_error)

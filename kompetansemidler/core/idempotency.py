"""One-time keys (idempotency keys) for every form and API call that moves money
or sends a letter: submitted twice, in a row or in parallel, it has one effect.

The contract
------------
- A form carries a fresh key per render: ``{% load idempotency %}`` and
  ``{% idempotency_field %}`` inside the ``<form>`` add the hidden field
  ``idempotency_key``. An API client sends the header ``Idempotency-Key``
  (1 to 64 letters, digits, ``-`` or ``_``; a UUID does).
- A view protected by ``@idempotent`` (innermost decorator, under the
  permission check) runs in one transaction that first inserts the key, unique
  per user and key (``core.IdempotencyKey``). A parallel request with the same
  key waits on that unique index until the first commits, then gets the first
  request's answer; it never runs the work itself.
- The answer stored and replayed: a redirect (the form's "done, see here") is
  replayed as the same redirect with a note that the form was already sent; a
  2xx JSON answer is replayed with the same status and body and the header
  ``Idempotent-Replayed: true``. Any other answer (a refusal page, a form shown
  again with errors, an exception) is not stored: the key is given back, so the
  user can correct the form and send it again.
- The same key with another request (other fields, or another address) is
  refused with 422 and a message saying so, never answered with the first
  result. A malformed key is refused with 400.
- The key is required: a POST (or other unsafe request) without one does
  nothing. A form is answered 400 with a page telling the user to go back,
  reload and send again; an API call 428 (Precondition Required) with the API's
  error body, ``code`` ``idempotency_key_required``. Otherwise a script sending
  the payment form twice would make two payments. A GET (a view that shows its
  form and saves it at the same address) needs no key.
- Every JSON refusal has the API's error body ``{"detail": ..., "code": ...}``.
- Keys are kept ``KEEP_DAYS`` days; ``manage.py expire_idempotency_keys``
  (daily, from cron) deletes older ones. A form left open longer than that is
  treated as new when sent.
"""

import functools
import hashlib
import json
import re
import uuid
from collections.abc import Callable
from datetime import timedelta

from django.contrib import messages
from django.db import IntegrityError, transaction
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _

from .models import IdempotencyKey

FIELD = "idempotency_key"
HEADER = "Idempotency-Key"
KEEP_DAYS = 30
_VALID = re.compile(r"[A-Za-z0-9_-]{1,64}")
# Fields that differ between two sends of one rendered form, or are the key itself.
_NOT_FINGERPRINTED = {FIELD, "csrfmiddlewaretoken"}
_FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")

ALREADY_DONE = _(
    "This form had already been sent; it was carried out once. This is the result of the "
    "first sending."
)
REFUSED_REUSED = _(
    "This one-time key was already used for a different request. Reload the page and "
    "fill in the form again."
)
REFUSED_MALFORMED = _("The one-time key must be 1 to 64 letters, digits, hyphens or underscores.")
REFUSED_IN_PROGRESS = _("The same request is still being carried out. Wait a moment and reload.")
REFUSED_MISSING = _(
    "The form was sent without its one-time key, so nothing was done. Go back, reload the page "
    "and send the form again."
)
REFUSED_MISSING_HEADER = _(
    "The request has no Idempotency-Key header, so nothing was done. Send a new key (a UUID "
    "does) with every request that moves money or sends a letter, and the same key when you "
    "retry it."
)
_SAFE_METHODS = ("GET", "HEAD", "OPTIONS")


def new_key() -> str:
    """A fresh key for one rendering of a form."""
    return uuid.uuid4().hex


def key_from(request: HttpRequest) -> str | None:
    """The form field, else the header; None when the request carries neither."""
    if request.content_type in _FORM_TYPES:
        value = request.POST.get(FIELD)
        if value:
            return value
    return request.headers.get(HEADER) or None


def fingerprint(request: HttpRequest) -> str:
    """SHA-256 of method, path and content, the one-time key and CSRF token left out."""
    digest = hashlib.sha256(f"{request.method} {request.path}\n".encode())
    if request.content_type in _FORM_TYPES:
        fields = sorted(
            (name, values)
            for name, values in request.POST.lists()
            if name not in _NOT_FINGERPRINTED
        )
        digest.update(json.dumps(fields).encode())
        digest.update(json.dumps(sorted(request.FILES)).encode())
    else:
        digest.update(request.body)
    return digest.hexdigest()


def _wants_json(request: HttpRequest) -> bool:
    return request.content_type not in _FORM_TYPES or request.path.startswith("/api/")


def _refusal(request: HttpRequest, message, status: int, code: str) -> HttpResponse:
    """A refusal page for a form, the API's error body (``code``) for an API call."""
    if _wants_json(request):
        return JsonResponse({"detail": str(message), "code": code}, status=status)
    back = request.headers.get("Referer", "")
    if not url_has_allowed_host_and_scheme(
        back, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        back = ""
    return render(
        request,
        "core/idempotency_refused.html",
        {"message": message, "back": back},
        status=status,
    )


def _refuse_missing(request: HttpRequest) -> HttpResponse:
    if _wants_json(request):
        return _refusal(request, REFUSED_MISSING_HEADER, 428, "idempotency_key_required")
    return _refusal(request, REFUSED_MISSING, 400, "idempotency_key_required")


def _stored_answer(response: HttpResponse) -> dict | None:
    """What to replay for ``response``, or None when it must not be replayed."""
    if response.status_code in (301, 302, 303, 307, 308) and response.has_header("Location"):
        return {"location": response["Location"]}
    if 200 <= response.status_code < 300 and response.get("Content-Type", "").startswith(
        "application/json"
    ):
        return {"json": json.loads(response.content)}
    return None


def _replay(request: HttpRequest, row: IdempotencyKey | None, digest: str) -> HttpResponse:
    if row is None or not row.status:
        return _refusal(request, REFUSED_IN_PROGRESS, 409, "in_progress")
    if row.fingerprint != digest:
        return _refusal(request, REFUSED_REUSED, 422, "idempotency_key_reused")
    if "location" in row.response:
        messages.info(request, ALREADY_DONE)
        response: HttpResponse = HttpResponseRedirect(row.response["location"])
        response.status_code = row.status
    else:
        response = JsonResponse(row.response["json"], status=row.status, safe=False)
    response["Idempotent-Replayed"] = "true"
    return response


def run_once(request: HttpRequest, work: Callable[[], HttpResponse]) -> HttpResponse:
    """Run ``work`` once per one-time key of the request's user (see the module's contract)."""
    if request.method in _SAFE_METHODS or not request.user.is_authenticated:
        # Showing a form changes nothing; a visitor not logged in is refused
        # by the permission check above this decorator.
        return work()
    key = key_from(request)
    if key is None:
        return _refuse_missing(request)
    if not _VALID.fullmatch(key):
        return _refusal(request, REFUSED_MALFORMED, 400, "idempotency_key_malformed")
    digest = fingerprint(request)
    with transaction.atomic():
        try:
            # Its own savepoint: a duplicate key must not be confused with an
            # IntegrityError of the work, and must leave the transaction usable.
            with transaction.atomic():
                row = IdempotencyKey.objects.create(
                    user=request.user,
                    key=key,
                    scope=request.path[:200],
                    fingerprint=digest,
                    status=0,
                )
        except IntegrityError:
            # The first request with this key has committed (a parallel one
            # waited for it on the unique index): answer what it answered.
            first = IdempotencyKey.objects.filter(user=request.user, key=key).first()
            return _replay(request, first, digest)
        response = work()
        answer = _stored_answer(response)
        if answer is None:
            row.delete()
        else:
            row.status, row.response = response.status_code, answer
            row.save(update_fields=["status", "response"])
    return response


def idempotent(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Decorate a view that moves money or sends a letter; put it under the permission check."""

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        return run_once(request, lambda: view(request, *args, **kwargs))

    return wrapper


def idempotency_keys_expire(*, now=None) -> int:
    """Delete the keys older than ``KEEP_DAYS``; returns how many."""
    cutoff = (now or timezone.now()) - timedelta(days=KEEP_DAYS)
    deleted, _by_model = IdempotencyKey.objects.filter(created_at__lt=cutoff).delete()
    return deleted

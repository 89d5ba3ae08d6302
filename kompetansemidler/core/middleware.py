"""Request guards and response headers that hold for every page, form and API call.

- ``UnknownHostMiddleware`` answers a request for a host not in
  ``ALLOWED_HOSTS`` with a plain 400 before anything else reads the host
  (the security middleware's redirect, the error page's menu).
- ``NulCharacterMiddleware`` refuses a query string or form field that holds
  a NUL character with 400: PostgreSQL cannot store or compare text with
  NUL, so every search, filter and form would otherwise fail with 500.
- ``PrivateCacheMiddleware`` marks every response to a logged-in user
  ``Cache-Control: private, no-store``, so no proxy or browser cache keeps a
  case page, a letter, an export or an API answer after the user has left.
"""

import json

from django.core.exceptions import BadRequest, DisallowedHost
from django.http import HttpResponseBadRequest
from django.utils.translation import gettext as _

PRIVATE_CACHE_CONTROL = "private, no-store"
NUL = "\x00"
# JSON bodies larger than this are left to the view's own limits; the API
# takes small documents only.
JSON_SCAN_LIMIT = 1024 * 1024


class UnknownHostMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            request.get_host()
        except DisallowedHost:
            # Plain text: the error page's layout would read the host again.
            return HttpResponseBadRequest("Unknown host.", content_type="text/plain; charset=utf-8")
        return self.get_response(request)


def _holds_nul(data) -> bool:
    """Whether a QueryDict, or a decoded JSON document, holds a NUL anywhere."""
    if isinstance(data, str):
        return NUL in data
    if isinstance(data, dict):
        return any(_holds_nul(key) or _holds_nul(value) for key, value in data.items())
    if isinstance(data, list):
        return any(_holds_nul(item) for item in data)
    return False


class NulCharacterMiddleware:
    """Refuse NUL in the query string, in form fields, and in a JSON body.

    Uploaded files are not looked at: a file's content is the importer's to
    check.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if self._holds_nul(request):
            raise BadRequest(_("The request contains a NUL character, which is not allowed."))
        return self.get_response(request)

    def _holds_nul(self, request) -> bool:
        if any(NUL in key or NUL in "".join(values) for key, values in request.GET.lists()):
            return True
        if request.method not in ("POST", "PUT", "PATCH"):
            return False
        content_type = request.content_type or ""
        if content_type in ("application/x-www-form-urlencoded", "multipart/form-data"):
            return any(NUL in key or NUL in "".join(values) for key, values in request.POST.lists())
        if content_type == "application/json":
            length = int(request.META.get("CONTENT_LENGTH") or 0)
            if length > JSON_SCAN_LIMIT or b"\\u0000" not in request.body:
                return False
            try:
                return _holds_nul(json.loads(request.body))
            except ValueError:
                return False
        return False


class PrivateCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            response["Cache-Control"] = PRIVATE_CACHE_CONTROL
        return response

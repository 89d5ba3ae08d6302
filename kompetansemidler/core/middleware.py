"""Request guards and response headers that hold for every page, form and API call.

- ``UnknownHostMiddleware`` answers a request for a host not in
  ``ALLOWED_HOSTS`` with a plain 400 before anything else reads the host
  (the security middleware's redirect, the error page's menu).
- ``NulCharacterMiddleware`` refuses a query string or form field that holds
  a NUL character with 400: PostgreSQL cannot store or compare text with
  NUL, so every search, filter and form would otherwise fail with 500. The
  JSON API answers as it does for any invalid input: 422 ``invalid``, with
  the field, in its documented error shape.
- ``PrivateCacheMiddleware`` marks every response to a logged-in user
  ``Cache-Control: private, no-store``, so no proxy or browser cache keeps a
  case page, a letter, an export or an API answer after the user has left.
"""

import json

from django.core.exceptions import BadRequest, DisallowedHost
from django.http import HttpResponseBadRequest, JsonResponse
from django.http.multipartparser import MultiPartParserError
from django.utils.translation import gettext as _

PRIVATE_CACHE_CONTROL = "private, no-store"
NUL = "\x00"
# JSON bodies larger than this are left to the view's own limits; the API
# takes small documents only.
JSON_SCAN_LIMIT = 1024 * 1024
# Where the JSON API lives (kompetansemidler/urls.py); its errors are JSON.
API_PREFIX = "/api/"


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
    check. A form body that cannot be parsed is left to the view (and the
    CSRF check), as before.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        found = self._field_with_nul(request)
        if found is None:
            return self.get_response(request)
        message = _("The request contains a NUL character, which is not allowed.")
        if request.path.startswith(API_PREFIX):
            location, name = found
            return JsonResponse(
                {
                    "detail": message,
                    "code": "invalid",
                    "errors": [{"loc": [location, name], "msg": message, "type": "nul_character"}],
                },
                status=422,
            )
        raise BadRequest(message)

    def _field_with_nul(self, request) -> tuple[str, str] | None:
        """Where the first NUL is: ("query" | "form" | "body", field name), or None."""
        for key, values in request.GET.lists():
            if NUL in key or any(NUL in value for value in values):
                return "query", key.replace(NUL, "")
        if request.method not in ("POST", "PUT", "PATCH"):
            return None
        content_type = request.content_type or ""
        if content_type in ("application/x-www-form-urlencoded", "multipart/form-data"):
            try:
                fields = list(request.POST.lists())
            except MultiPartParserError:
                return None
            for key, values in fields:
                if NUL in key or any(NUL in value for value in values):
                    return "form", key.replace(NUL, "")
            return None
        if content_type == "application/json":
            try:
                length = int(request.META.get("CONTENT_LENGTH") or 0)
            except ValueError:
                return None
            if length > JSON_SCAN_LIMIT or b"\\u0000" not in request.body:
                return None
            try:
                return ("body", "") if _holds_nul(json.loads(request.body)) else None
            except ValueError:
                return None
        return None


class PrivateCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            response["Cache-Control"] = PRIVATE_CACHE_CONTROL
        return response

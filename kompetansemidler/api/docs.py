"""``/api/docs``: the interactive API documentation, from vendored files only.

Swagger UI (``swagger-ui-dist``, vendored by ``make assets`` into
``core/static/vendor/swagger-ui/``) reads the schema at ``/api/openapi.json``.
The page loads no script from elsewhere and runs none inline: its settings are
a JSON data block and the start-up script is a static file, so the
project-wide content security policy holds here unchanged.
"""

from django.shortcuts import render
from ninja.openapi.docs import DocsBase

DESCRIPTION = """Registry and case data of the grant scheme for local competence development.

**Who may call it.** A logged-in browser session (with the CSRF token on writes), or another
system registered as an *API client* under *Users and roles → API clients*, with a bearer
token from `POST /api/token` (OAuth2 client credentials) or, where configured, a Maskinporten
access token. A client acts with its one role, exactly as a person with that role would, and
its token's scopes limit what it may use it for: `read`, `needs.write`,
`annual_reports.write`, `decisions.read`, `statistics.read`, `payments.confirm`.

**Writes.** Every write needs an `Idempotency-Key` header (428 without it); sent again with the
same key it gives the first answer (`Idempotent-Replayed: true`). An update takes the version
it is based on from `If-Match` (the `ETag` of the read; 428 without, 412 when someone saved
since). Refusals are `{"detail", "code"}` bodies: 409 the case's state, 412 stale, 422 with
`findings`.

**Events.** `GET /api/events/` follows the case history the caller may see, oldest first,
from a cursor.

**Changes**
- 1.1: API clients and bearer tokens; needs reports and annual reports written through the
  API; the event feed; these documents.
- 1: read access for logged-in users.
"""


class VendoredSwagger(DocsBase):
    settings = {"layout": "BaseLayout", "deepLinking": True, "persistAuthorization": False}

    def render_page(self, request, api, **kwargs):
        settings = {**self.settings, "url": self.get_openapi_url(api, kwargs)}
        return render(request, "api/docs.html", {"api": api, "swagger_settings": settings})

"""The JSON API, with its OpenAPI schema at /api/openapi.json.

Adding an app's endpoints
-------------------------
Each app that has endpoints keeps them in its own ``api.py``, which defines

- ``PREFIX = "needs"``: the path under ``/api/`` (lower case, no slashes);
- ``router = Router(tags=[...])``: a ninja ``Router`` with the operations.

They are collected here in the order of INSTALLED_APPS and mounted at
``/api/<PREFIX>/`` (``kompetansemidler.core.contributions`` checks both
attributes at start-up); nothing needs registering by hand. For every operation:

- give a stable, unique URL name with the app as prefix,
  ``url_name="needs_reports"``, so it reverses as ``api:needs_reports``;
- document its errors with ``response=with_errors({200: ThingOut}, 404)``
  (from ``kompetansemidler.api.errors``): 401, 403 and 422 always, plus the
  codes you name;
- check permission with the policy layer, ``ensure(can_do_x(request.auth))``,
  and read through the app's scoped selector (``things_visible_to(user)``);
- give fields their real patterns (``Field(pattern=r"^[0-9]{9}$")``): the
  schemathesis test in tests/api fuzzes every operation against the schema.

Every operation requires a logged-in session or an API client's bearer token
(401 otherwise; see ``auth.py``); with the session, unsafe methods also need
the CSRF token (the ``X-CSRFToken`` header, as htmx sends it). A token must
carry the operation's scope: give a write ``auth=client_auth(ApiScope.X)``, or
no token may call it. Every write is decorated with ``@idempotent_write``
(from ``auth.py``) and so requires an ``Idempotency-Key``; an update of an
object that can be edited concurrently takes its version from ``If-Match``
(``preconditions.py``). Errors are JSON ``{"detail": ..., "code": ...}``
(see ``errors.py``); add the URL names to ``tests/access/<area>.py`` like
every page.
"""

from ninja import NinjaAPI

from kompetansemidler.core.contributions import contributions

from . import docs, token
from .auth import client_auth
from .errors import install_error_handlers
from .preconditions import document_write_headers


class KompetansemidlerAPI(NinjaAPI):
    def get_openapi_schema(self, *args, **kwargs):
        return document_write_headers(super().get_openapi_schema(*args, **kwargs))


api = KompetansemidlerAPI(
    title="Kompetansemidler API",
    version="1.1",
    description=docs.DESCRIPTION,
    urls_namespace="api",
    # Served from vendored files under the content security policy (docs.py).
    docs=docs.VendoredSwagger(),
    docs_url="/docs",
    openapi_url="/openapi.json",
    auth=client_auth(),
)
install_error_handlers(api)
api.add_router("/token", token.router)


def mount_routers(target: NinjaAPI) -> None:
    # contributions() has checked PREFIX and router (or stopped start-up).
    for module in contributions("api"):
        target.add_router(f"/{module.PREFIX}/", module.router)


mount_routers(api)

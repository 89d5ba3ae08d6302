"""Who calls the API: a logged-in browser session, or another system with a bearer token.

Every operation takes either (``client_auth``):

- ``ClientToken``: ``Authorization: Bearer <token>``, a token from
  ``POST /api/token`` (OAuth2 client credentials) or, when configured, a
  Maskinporten access token (``accounts.maskinporten``). The request then acts
  as the client's service account: ``request.auth`` and ``request.user`` are
  that user, so the policy layer decides for it as for a person with its
  role. No cookie is involved, so CSRF does not apply. A token carries
  scopes; an operation needs one of them: reads need ``read`` unless the
  operation names another (``decisions.read``), and a write needs the scope
  its operation names, so a write without one is refused to every token
  (deny by default).
- the session cookie, as the pages use it, with the CSRF token on writes.

A bearer header that is not a valid token is refused with 401 even when a
session cookie comes along: a client must know its token failed.
"""

from functools import wraps

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _
from ninja.decorators import decorate_view
from ninja.errors import AuthenticationError
from ninja.security import django_auth
from ninja.security.http import HttpBearer

from kompetansemidler.accounts.api_clients import Principal, principal_for_token
from kompetansemidler.accounts.maskinporten import looks_like_jwt, principal_for_jwt
from kompetansemidler.accounts.models import ApiScope
from kompetansemidler.core.idempotency import run_once

SAFE_METHODS = ("GET", "HEAD", "OPTIONS")
REASON_SCOPE = _("This token does not carry the scope “%(scope)s”, which this operation needs.")
REASON_NO_SCOPE = _("API clients cannot do this.")


class InvalidToken(AuthenticationError):
    """A bearer token that is unknown, expired, or of a revoked client."""


def _principal(request, token: str) -> Principal | None:
    """The token's principal, looked up once per request."""
    if not hasattr(request, "_bearer_principal"):
        principal = principal_for_token(token)
        if principal is None and looks_like_jwt(token):
            principal = principal_for_jwt(token)
        request._bearer_principal = principal
    return request._bearer_principal


def _bearer(request) -> str | None:
    kind, _sep, token = request.headers.get("Authorization", "").partition(" ")
    return token.strip() if kind.lower() == "bearer" and token.strip() else None


class ClientToken(HttpBearer):
    openapi_bearerFormat = "opaque token or Maskinporten JWT"
    openapi_description = (
        "A token from POST /api/token (OAuth2 client credentials: grant_type=client_credentials, "
        "client_id and client_secret, optional scope), or a Maskinporten access token where "
        "configured. Scopes: " + ", ".join(ApiScope.values) + "."
    )

    def __init__(self, scope: str | None = None):
        self.scope = scope
        super().__init__()

    def authenticate(self, request, token):
        principal = _principal(request, token)
        if principal is None:
            raise InvalidToken
        required = self.scope or (ApiScope.READ if request.method in SAFE_METHODS else None)
        if required is None:
            raise PermissionDenied(str(REASON_NO_SCOPE))
        if required not in principal.scopes:
            raise PermissionDenied(REASON_SCOPE % {"scope": required})
        request.user = principal.user
        request.api_client = principal.client
        return principal.user


def client_auth(scope: ApiScope | None = None) -> list:
    """The auth of an operation: a bearer token with ``scope``, or the session.

    ``scope`` None: ``read`` for reads, and no token may write.
    """
    return [ClientToken(scope), django_auth]


def _adopt_bearer_user(request) -> None:
    """Let the one-time key belong to the client: it is keyed per user, and the
    bearer check itself runs later, inside the operation."""
    token = _bearer(request)
    principal = _principal(request, token) if token else None
    if principal is not None:
        request.user = principal.user


def _idempotent_run(run):
    @wraps(run)
    def wrapper(request, *args, **kwargs):
        _adopt_bearer_user(request)
        return run_once(request, lambda: run(request, *args, **kwargs))

    return wrapper


# Put on every API write (below the @router.post/patch line): the request must
# carry an Idempotency-Key (428 without), and a repeated key gets the first
# answer. See kompetansemidler.core.idempotency.
idempotent_write = decorate_view(_idempotent_run)

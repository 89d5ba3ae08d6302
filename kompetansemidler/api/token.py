"""``POST /api/token``: the OAuth2 token endpoint for API clients (client credentials).

RFC 6749 §4.4: ``grant_type=client_credentials``, the client authenticated
with HTTP Basic (``client_id:client_secret``) or with ``client_id`` and
``client_secret`` in the form, and an optional space-separated ``scope``
(default: every scope the client has). The answer is a short-lived bearer
token; errors are the RFC's ``{"error": ..., "error_description": ...}``.
No cookie and no one-time key: asking twice gives two tokens, which is harmless.
"""

import base64
import binascii
from urllib.parse import unquote_plus

from django.http import HttpResponse
from ninja import Field, Form, Router, Schema, Status

from kompetansemidler.accounts.api_clients import (
    InvalidClient,
    InvalidScope,
    api_token_issue,
    client_authenticate,
)
from kompetansemidler.api.errors import ErrorOut

router = Router(tags=["auth"])

GRANT = "client_credentials"


class TokenIn(Schema):
    grant_type: str = Field("", max_length=100, description='"client_credentials".')
    client_id: str = Field("", max_length=100)
    client_secret: str = Field("", max_length=200)
    scope: str = Field("", max_length=500, description="Space-separated; empty for all.")


class TokenOut(Schema):
    access_token: str
    token_type: str = Field(description='"Bearer".')
    expires_in: int = Field(description="Seconds until the token expires.")
    scope: str


class OAuthError(Schema):
    error: str = Field(
        description="invalid_request, invalid_client, unsupported_grant_type or invalid_scope."
    )
    error_description: str


def _basic(request) -> tuple[str, str] | None:
    kind, _sep, value = request.headers.get("Authorization", "").partition(" ")
    if kind.lower() != "basic":
        return None
    try:
        decoded = base64.b64decode(value.strip(), validate=True).decode()
    except (binascii.Error, UnicodeDecodeError):
        return ("", "")
    client_id, _sep, secret = decoded.partition(":")
    # RFC 6749 §2.3.1: both parts are form-encoded before Base64.
    return unquote_plus(client_id), unquote_plus(secret)


def _no_store(response: HttpResponse) -> HttpResponse:
    response["Cache-Control"] = "no-store"
    response["Pragma"] = "no-cache"
    return response


@router.post(
    "",
    auth=None,
    # 422: a field longer than its limit, in the API's own error body.
    response={200: TokenOut, 400: OAuthError, 401: OAuthError, 422: ErrorOut},
    url_name="token",
    summary="Get an access token (OAuth2 client credentials)",
)
def token(request, response: HttpResponse, payload: Form[TokenIn]):
    """A bearer token for an API client, valid ``expires_in`` seconds."""
    _no_store(response)
    basic = _basic(request)
    client_id, secret = basic or (payload.client_id, payload.client_secret)
    if payload.grant_type != GRANT:
        return Status(
            400,
            {
                "error": "unsupported_grant_type" if payload.grant_type else "invalid_request",
                "error_description": "grant_type must be client_credentials.",
            },
        )
    try:
        client = client_authenticate(client_id, secret)
    except InvalidClient:
        if basic is not None:
            response["WWW-Authenticate"] = 'Basic realm="kompetansemidler"'
        return Status(
            401,
            {"error": "invalid_client", "error_description": "Unknown client or wrong secret."},
        )
    try:
        issued = api_token_issue(client=client, requested=payload.scope)
    except InvalidScope:
        return Status(
            400,
            {
                "error": "invalid_scope",
                "error_description": "The client may use only: " + " ".join(client.scopes),
            },
        )
    return {
        "access_token": issued.token,
        "token_type": "Bearer",
        "expires_in": issued.expires_in,
        "scope": " ".join(issued.scopes),
    }

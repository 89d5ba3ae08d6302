"""Registering API clients and calling the API with their tokens, for the tests."""

import base64
import uuid

from django.test import Client

from kompetansemidler.accounts.api_clients import api_client_register
from kompetansemidler.accounts.models import ApiScope, Role

ALL_SCOPES = list(ApiScope.values)


def bergen_client(cast, scopes=ALL_SCOPES, **kwargs):
    """A client registered by Vestland's caseworker for Bergen kommune, as its owner."""
    return api_client_register(
        actor=cast.caseworker,
        name="Bergen sak/arkiv",
        role=Role.OWNER_REPRESENTATIVE,
        scope=cast.owner,
        scopes=scopes,
        **kwargs,
    )


def token_for(made, scope: str = "", *, basic: bool = True) -> str:
    """An access token for the client ``made`` (a WithSecret), from /api/token."""
    response = request_token(made.client.client_id, made.secret, scope=scope, basic=basic)
    assert response.status_code == 200, response.content
    return response.json()["access_token"]


def request_token(client_id, secret, *, scope="", basic=True, grant="client_credentials"):
    data = {"grant_type": grant, "scope": scope}
    headers = {}
    if basic:
        pair = base64.b64encode(f"{client_id}:{secret}".encode()).decode()
        headers["HTTP_AUTHORIZATION"] = f"Basic {pair}"
    else:
        data.update(client_id=client_id, client_secret=secret)
    return Client().post("/api/token", data, **headers)


class Bearer:
    """A bare HTTP client (no cookie) that sends a bearer token."""

    def __init__(self, token: str):
        self.http = Client(enforce_csrf_checks=True)
        self.token = token

    def _headers(self, key=None, if_match=None) -> dict:
        headers = {"HTTP_AUTHORIZATION": f"Bearer {self.token}"}
        if key:
            headers["HTTP_IDEMPOTENCY_KEY"] = key
        if if_match:
            headers["HTTP_IF_MATCH"] = if_match
        return headers

    def get(self, path, data=None):
        return self.http.get(path, data, **self._headers())

    def write(self, method, path, body=None, *, key="new", if_match=None):
        """A write with a fresh Idempotency-Key (``key="new"``), a given one, or none."""
        key = uuid.uuid4().hex if key == "new" else key
        return getattr(self.http, method)(
            path,
            body if body is not None else {},
            content_type="application/json",
            **self._headers(key, if_match),
        )

"""A small but real OpenID Connect provider on loopback, for login tests.

It serves the authorization code flow the way ID-porten and Feide do:
``/authorize`` (redirects back with a code; the person who "logs in" is set
beforehand with ``provider.identity``), ``/token`` (checks client secret,
redirect URI and PKCE, returns an RS256-signed ID token), ``/userinfo`` and
``/jwks``. It runs in a thread on 127.0.0.1 and a free port.
"""

import base64
import hashlib
import json
import secrets
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlencode, urlsplit

from joserfc import jwt
from joserfc.jwk import RSAKey

CLIENT_ID = "kompetansemidler-test"
CLIENT_SECRET = "test-secret-not-used-anywhere-else"


@dataclass
class Grant:
    identity: dict
    nonce: str
    redirect_uri: str
    code_challenge: str


_SIGNING_KEYS: list[RSAKey] = []


def _signing_key() -> RSAKey:
    """One RSA key for the whole test run: generating one takes a noticeable while."""
    if not _SIGNING_KEYS:
        _SIGNING_KEYS.append(
            RSAKey.generate_key(2048, parameters={"kid": "test-key", "use": "sig", "alg": "RS256"})
        )
    return _SIGNING_KEYS[0]


@dataclass
class Provider:
    key: RSAKey = field(default_factory=_signing_key)
    # Who logs in at /authorize next: the claims the provider vouches for.
    identity: dict = field(default_factory=dict)
    # The audience of the ID tokens; another client's id makes a foreign token.
    audience: str = CLIENT_ID
    codes: dict[str, Grant] = field(default_factory=dict)
    tokens: dict[str, dict] = field(default_factory=dict)
    base_url: str = ""

    def settings(self) -> dict:
        """Django settings pointing the project at this provider."""
        return {
            "OIDC_RP_CLIENT_ID": CLIENT_ID,
            "OIDC_RP_CLIENT_SECRET": CLIENT_SECRET,
            "OIDC_OP_AUTHORIZATION_ENDPOINT": f"{self.base_url}/authorize",
            "OIDC_OP_TOKEN_ENDPOINT": f"{self.base_url}/token",
            "OIDC_OP_USER_ENDPOINT": f"{self.base_url}/userinfo",
            "OIDC_OP_JWKS_ENDPOINT": f"{self.base_url}/jwks",
            "OIDC_PROVIDER_NAME": "ID-porten",
        }

    def id_token(self, claims: dict, nonce: str) -> str:
        now = int(time.time())
        payload = {
            "iss": self.base_url,
            "aud": self.audience,
            "iat": now,
            "exp": now + 300,
            "nonce": nonce,
            **claims,
        }
        return jwt.encode({"alg": "RS256", "kid": "test-key"}, payload, self.key)


def _s256(verifier: str) -> str:
    digest = hashlib.sha256(verifier.encode("ascii")).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode("ascii")


def _handler(provider: Provider):
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args):  # keep test output quiet
            pass

        def _json(self, status: int, body: dict):
            data = json.dumps(body).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def do_GET(self):
            url = urlsplit(self.path)
            query = {k: v[0] for k, v in parse_qs(url.query).items()}
            if url.path == "/authorize":
                if query.get("client_id") != CLIENT_ID or query.get("response_type") != "code":
                    return self._json(400, {"error": "invalid_request"})
                code = secrets.token_urlsafe(16)
                provider.codes[code] = Grant(
                    identity=dict(provider.identity),
                    nonce=query.get("nonce", ""),
                    redirect_uri=query["redirect_uri"],
                    code_challenge=query.get("code_challenge", ""),
                )
                self.send_response(302)
                self.send_header(
                    "Location",
                    query["redirect_uri"]
                    + "?"
                    + urlencode({"code": code, "state": query["state"]}),
                )
                self.end_headers()
            elif url.path == "/jwks":
                self._json(200, {"keys": [provider.key.as_dict(private=False)]})
            elif url.path == "/userinfo":
                token = self.headers.get("Authorization", "").removeprefix("Bearer ")
                if token not in provider.tokens:
                    return self._json(401, {"error": "invalid_token"})
                self._json(200, provider.tokens[token])
            else:
                self._json(404, {"error": "not_found"})

        def do_POST(self):
            if urlsplit(self.path).path != "/token":
                return self._json(404, {"error": "not_found"})
            length = int(self.headers.get("Content-Length", 0))
            form = {k: v[0] for k, v in parse_qs(self.rfile.read(length).decode()).items()}
            if (form.get("client_id"), form.get("client_secret")) != (CLIENT_ID, CLIENT_SECRET):
                return self._json(401, {"error": "invalid_client"})
            grant = provider.codes.pop(form.get("code", ""), None)
            if grant is None or form.get("redirect_uri") != grant.redirect_uri:
                return self._json(400, {"error": "invalid_grant"})
            verifier = form.get("code_verifier", "")
            if grant.code_challenge and _s256(verifier) != grant.code_challenge:
                return self._json(400, {"error": "invalid_grant", "detail": "PKCE"})
            access_token = secrets.token_urlsafe(24)
            provider.tokens[access_token] = grant.identity
            self._json(
                200,
                {
                    "access_token": access_token,
                    "token_type": "Bearer",
                    "expires_in": 300,
                    "id_token": provider.id_token(grant.identity, grant.nonce),
                },
            )

    return Handler


class running_provider:
    """Context manager: a Provider served from a thread until the block ends."""

    def __enter__(self) -> Provider:
        self.provider = Provider()
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(self.provider))
        self.provider.base_url = f"http://127.0.0.1:{self.server.server_port}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()
        return self.provider

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(timeout=5)

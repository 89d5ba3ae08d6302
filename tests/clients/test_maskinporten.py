"""Maskinporten access tokens act as the registered client, when configured.

A local issuer signs tokens the way Maskinporten does (RS256, ``consumer``
with the organisation number, space-separated scopes) and serves its JWKS on
127.0.0.1; the project checks them as a resource server.
"""

import time

import pytest
from joserfc import jwt
from joserfc.jwk import RSAKey

from kompetansemidler.accounts.api_clients import api_client_revoke
from tests.support.oidc_provider import running_provider

from .support import Bearer, bergen_client

pytestmark = pytest.mark.django_db

ISSUER = "https://maskinporten.test/"
PREFIX = "udir:kompetansemidler/"


@pytest.fixture
def issuer(settings):
    with running_provider() as provider:
        settings.MASKINPORTEN_ISSUER = ISSUER
        settings.MASKINPORTEN_JWKS_URL = f"{provider.base_url}/jwks"
        settings.MASKINPORTEN_AUDIENCE = ""
        settings.MASKINPORTEN_SCOPE_PREFIX = PREFIX
        yield provider


def maskinporten_token(key, orgnr="964338531", scope=f"{PREFIX}read", **changes) -> str:
    now = int(time.time())
    claims = {
        "iss": ISSUER,
        "client_amr": "private_key_jwt",
        "token_type": "Bearer",
        "scope": scope,
        "consumer": {"authority": "iso6523-actorid-upis", "ID": f"0192:{orgnr}"},
        "client_id": "0b9a6b7c-maskinporten-client",
        "iat": now,
        "exp": now + 120,
        "jti": "test",
        **changes,
    }
    return jwt.encode({"alg": "RS256", "kid": "test-key"}, claims, key)


def test_a_maskinporten_token_acts_as_the_client_of_its_consumer(cast, issuer):
    bergen_client(cast, maskinporten_consumer=cast.owner.organisation_number)
    response = Bearer(maskinporten_token(issuer.key)).get("/api/needs/reports")
    assert response.status_code == 200, response.content


def test_only_scopes_both_the_token_and_the_client_have_count(cast, issuer):
    bergen_client(cast, scopes=["read"], maskinporten_consumer=cast.owner.organisation_number)
    token = maskinporten_token(issuer.key, scope=f"{PREFIX}read {PREFIX}decisions.read")
    assert Bearer(token).get("/api/decisions/").status_code == 403
    assert Bearer(token).get("/api/needs/reports").status_code == 200


def test_a_token_for_an_unregistered_consumer_is_refused(cast, issuer):
    bergen_client(cast, maskinporten_consumer=cast.owner.organisation_number)
    token = maskinporten_token(issuer.key, orgnr=cast.other_owner.organisation_number)
    assert Bearer(token).get("/api/needs/reports").status_code == 401


def test_an_expired_token_is_refused(cast, issuer):
    bergen_client(cast, maskinporten_consumer=cast.owner.organisation_number)
    past = int(time.time()) - 600
    token = maskinporten_token(issuer.key, iat=past, exp=past + 120)
    assert Bearer(token).get("/api/needs/reports").status_code == 401


def test_a_token_from_another_issuer_is_refused(cast, issuer):
    bergen_client(cast, maskinporten_consumer=cast.owner.organisation_number)
    token = maskinporten_token(issuer.key, iss="https://elsewhere.test/")
    assert Bearer(token).get("/api/needs/reports").status_code == 401


def test_a_token_signed_with_another_key_is_refused(cast, issuer):
    bergen_client(cast, maskinporten_consumer=cast.owner.organisation_number)
    stranger = RSAKey.generate_key(2048, parameters={"kid": "test-key", "alg": "RS256"})
    assert Bearer(maskinporten_token(stranger)).get("/api/needs/reports").status_code == 401


def test_a_revoked_client_no_longer_answers_for_its_consumer(cast, issuer):
    made = bergen_client(cast, maskinporten_consumer=cast.owner.organisation_number)
    api_client_revoke(actor=cast.caseworker, client=made.client)
    assert Bearer(maskinporten_token(issuer.key)).get("/api/needs/reports").status_code == 401


def test_without_configuration_maskinporten_tokens_are_refused(cast, settings):
    settings.MASKINPORTEN_ISSUER = ""
    with running_provider() as provider:
        bergen_client(cast, maskinporten_consumer=cast.owner.organisation_number)
        token = maskinporten_token(provider.key)
        assert Bearer(token).get("/api/needs/reports").status_code == 401

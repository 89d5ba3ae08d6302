"""Client credentials give a short-lived bearer token that acts as the client's role."""

from contextlib import contextmanager
from datetime import timedelta
from unittest import mock

import pytest
from django.utils import timezone

from kompetansemidler.accounts.api_clients import api_client_revoke, api_client_rotate_secret
from kompetansemidler.accounts.models import ApiScope, ApiToken

from .support import Bearer, bergen_client, request_token, token_for

pytestmark = pytest.mark.django_db


@contextmanager
def later(seconds: int):
    """The token check's clock moved ``seconds`` ahead."""
    moved = timezone.now() + timedelta(seconds=seconds)
    with mock.patch("kompetansemidler.accounts.api_clients.timezone.now", return_value=moved):
        yield


def test_a_client_gets_a_bearer_token_with_its_scopes(cast):
    made = bergen_client(cast, scopes=["read", "needs.write"])
    response = request_token(made.client.client_id, made.secret)
    assert response.status_code == 200
    body = response.json()
    assert body["token_type"] == "Bearer"
    assert body["expires_in"] == 600
    assert body["scope"] == "read needs.write"
    assert response["Cache-Control"] == "no-store"
    # Only its hash is stored.
    assert not ApiToken.objects.filter(token_hash=body["access_token"]).exists()


def test_the_secret_may_come_in_the_form_instead_of_basic_auth(cast):
    made = bergen_client(cast)
    assert token_for(made, basic=False)


def test_a_wrong_secret_is_invalid_client(cast):
    made = bergen_client(cast)
    response = request_token(made.client.client_id, made.secret + "x")
    assert response.status_code == 401
    assert response.json()["error"] == "invalid_client"
    assert response["WWW-Authenticate"].startswith("Basic")


def test_an_unknown_client_is_invalid_client(cast):
    response = request_token("km-0000000000000000", "kmcs_nothing")
    assert response.status_code == 401
    assert response.json()["error"] == "invalid_client"


def test_another_grant_type_is_refused(cast):
    made = bergen_client(cast)
    response = request_token(made.client.client_id, made.secret, grant="password")
    assert response.status_code == 400
    assert response.json()["error"] == "unsupported_grant_type"


def test_a_scope_the_client_lacks_is_invalid_scope(cast):
    made = bergen_client(cast, scopes=["read"])
    response = request_token(made.client.client_id, made.secret, scope="read needs.write")
    assert response.status_code == 400
    assert response.json()["error"] == "invalid_scope"


def test_the_token_reads_as_the_clients_role(cast):
    made = bergen_client(cast)
    api = Bearer(token_for(made))
    response = api.get("/api/needs/reports")
    assert response.status_code == 200
    other = api.get(f"/api/registry/organisations/{cast.other_owner.organisation_number}")
    assert other.status_code in (200, 403)


def test_an_expired_token_is_refused_with_401(cast):
    made = bergen_client(cast)
    token = token_for(made)
    with later(601):
        response = Bearer(token).get("/api/needs/reports")
    assert response.status_code == 401
    assert response.json()["code"] == "invalid_token"
    assert "invalid_token" in response["WWW-Authenticate"]


def test_a_token_just_before_expiry_still_works(cast):
    made = bergen_client(cast)
    token = token_for(made)
    with later(590):
        assert Bearer(token).get("/api/needs/reports").status_code == 200


def test_a_forged_token_is_refused_even_with_a_session(cast, client):
    client.force_login(cast.owner_rep)
    response = client.get("/api/needs/reports", HTTP_AUTHORIZATION="Bearer kmat_forged")
    assert response.status_code == 401


def test_rotating_the_secret_ends_the_old_secret_and_tokens(cast):
    made = bergen_client(cast)
    token = token_for(made)
    rotated = api_client_rotate_secret(actor=cast.caseworker, client=made.client)
    assert Bearer(token).get("/api/needs/reports").status_code == 401
    assert request_token(made.client.client_id, made.secret).status_code == 401
    assert token_for(rotated)


def test_a_revoked_client_gets_no_token_and_its_tokens_stop(cast):
    made = bergen_client(cast)
    token = token_for(made)
    api_client_revoke(actor=cast.caseworker, client=made.client)
    assert Bearer(token).get("/api/needs/reports").status_code == 401
    assert request_token(made.client.client_id, made.secret).status_code == 401


def test_a_read_needs_the_read_scope(cast):
    made = bergen_client(cast, scopes=["needs.write"])
    response = Bearer(token_for(made)).get("/api/needs/reports")
    assert response.status_code == 403
    assert "read" in response.json()["detail"]


def test_decisions_need_their_own_scope(cast):
    made = bergen_client(cast, scopes=["read"])
    response = Bearer(token_for(made)).get("/api/decisions/")
    assert response.status_code == 403
    made_too = bergen_client(cast, scopes=["read", ApiScope.DECISIONS_READ])
    assert Bearer(token_for(made_too)).get("/api/decisions/").status_code == 200


def test_a_write_without_a_named_scope_is_refused_to_every_token(cast):
    """The forum member write names no scope: no client may call it."""
    from kompetansemidler.accounts.api_clients import api_client_register
    from kompetansemidler.accounts.models import Role

    made = api_client_register(
        actor=cast.caseworker,
        name="Vestland arkiv",
        role=Role.CASEWORKER,
        scope=cast.vestland,
        scopes=list(ApiScope.values),
    )
    response = Bearer(token_for(made)).write(
        "post",
        f"/api/forums/{cast.forum.pk}/members",
        {
            "name": "Test Testesen",
            "representation": "public_owner",
            "organisation_number": cast.owner.organisation_number,
            "period_from": "2026-01-01",
        },
    )
    assert response.status_code == 403

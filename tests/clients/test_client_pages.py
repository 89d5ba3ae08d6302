"""The pages where a caseworker or Udir registers, looks after and revokes API clients."""

import pytest

from kompetansemidler.accounts.models import ApiClient, Role
from kompetansemidler.history.models import Event
from tests.support.keys import with_key

from .support import bergen_client, request_token

pytestmark = pytest.mark.django_db


def _form(cast, **changes):
    return with_key(
        {
            "name": "Bergen sak/arkiv",
            "role": Role.OWNER_REPRESENTATIVE,
            "scope": f"organisation:{cast.owner.pk}",
            "scopes": ["read", "needs.write"],
            **changes,
        }
    )


def test_a_caseworker_registers_a_client_and_sees_its_secret_once(cast, client_for):
    client = client_for(cast.caseworker)
    response = client.post("/konto/api-klienter/ny/", _form(cast))
    made = ApiClient.objects.get()
    assert response.status_code == 302
    page = client.get(response["Location"])
    secret = page.context["secret"]
    assert secret and secret in page.content.decode()
    assert request_token(made.client_id, secret).status_code == 200
    again = client.get(response["Location"])
    assert again.context["secret"] is None
    assert secret not in again.content.decode()
    assert made.grant.role == Role.OWNER_REPRESENTATIVE and made.grant.organisation == cast.owner
    assert made.user.is_service_account and not made.user.has_usable_password()
    assert Event.objects.filter(kind="api_client.registered", object_id=str(made.pk)).exists()


def test_the_form_sent_twice_registers_one_client(cast, client_for):
    client = client_for(cast.caseworker)
    data = _form(cast)
    client.post("/konto/api-klienter/ny/", data)
    client.post("/konto/api-klienter/ny/", data)
    assert ApiClient.objects.count() == 1


def test_a_caseworker_cannot_register_a_client_for_another_offices_organisation(cast, client_for):
    client = client_for(cast.caseworker)
    response = client.post(
        "/konto/api-klienter/ny/", _form(cast, scope=f"organisation:{cast.rogaland_owner.pk}")
    )
    assert response.status_code == 200
    assert "scope" in response.context["form"].errors
    assert not ApiClient.objects.exists()


def test_a_caseworker_cannot_register_a_client_for_udir(cast, client_for):
    response = client_for(cast.caseworker).post(
        "/konto/api-klienter/ny/", _form(cast, role=Role.NATIONAL_ADMIN, scope="")
    )
    assert "role" in response.context["form"].errors
    assert not ApiClient.objects.exists()


def test_udir_registers_a_client_for_udir(cast, client_for):
    response = client_for(cast.udir).post(
        "/konto/api-klienter/ny/",
        _form(cast, name="Udir statistikk", role=Role.NATIONAL_ADMIN, scope="", scopes=["read"]),
    )
    assert response.status_code == 302
    assert ApiClient.objects.get().grant.role == Role.NATIONAL_ADMIN


def test_a_client_with_no_scopes_is_refused(cast, client_for):
    response = client_for(cast.caseworker).post("/konto/api-klienter/ny/", _form(cast, scopes=[]))
    assert "scopes" in response.context["form"].errors


def test_another_office_and_outsiders_do_not_see_the_client(cast, client_for):
    made = bergen_client(cast)
    for persona in (cast.other_caseworker, cast.owner_rep, cast.outsider):
        client = client_for(persona)
        assert client.get(f"/konto/api-klienter/{made.client.pk}/").status_code == 403
        assert (
            client.post(f"/konto/api-klienter/{made.client.pk}/trekk-tilbake/", with_key())
        ).status_code == 403
    listed = client_for(cast.other_caseworker).get("/konto/api-klienter/")
    assert "Bergen sak/arkiv" not in listed.content.decode()
    made.client.refresh_from_db()
    assert made.client.revoked_at is None


def test_replacing_the_secret_shows_the_new_one_and_ends_the_old(cast, client_for):
    made = bergen_client(cast)
    client = client_for(cast.caseworker)
    response = client.post(f"/konto/api-klienter/{made.client.pk}/ny-hemmelighet/", with_key())
    secret = client.get(response["Location"]).context["secret"]
    assert secret and secret != made.secret
    assert request_token(made.client.client_id, made.secret).status_code == 401
    assert request_token(made.client.client_id, secret).status_code == 200


def test_revoking_ends_the_client_and_its_role(cast, client_for):
    made = bergen_client(cast)
    client_for(cast.caseworker).post(
        f"/konto/api-klienter/{made.client.pk}/trekk-tilbake/", with_key()
    )
    made.client.refresh_from_db()
    made.client.grant.refresh_from_db()
    made.client.user.refresh_from_db()
    assert made.client.revoked_at and made.client.grant.revoked_at
    assert not made.client.user.is_active
    assert request_token(made.client.client_id, made.secret).status_code == 401


def test_a_service_account_is_not_in_the_user_administration(cast, client_for):
    bergen_client(cast)
    page = client_for(cast.caseworker).get("/konto/brukere/")
    assert "Bergen sak/arkiv" not in page.content.decode()

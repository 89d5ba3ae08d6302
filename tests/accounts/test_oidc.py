"""OIDC login end to end against a real provider on loopback.

The browser's part is played by the Django test client and ``requests``: the
client is sent to the provider, the provider sends it back with a code, and
the project exchanges the code for a signed ID token over real HTTP.
"""

from urllib.parse import urlsplit

import pytest
import requests
from django.test import override_settings

from kompetansemidler.accounts.models import User
from tests.factories import UserFactory
from tests.support.oidc_provider import running_provider


@pytest.fixture
def provider():
    with running_provider() as provider, override_settings(**provider.settings()):
        yield provider


def log_in_through_provider(client, provider, identity: dict):
    """Start at our login button, visit the provider, come back with the code."""
    provider.identity = identity
    start = client.get("/konto/oidc/start/?next=/")
    assert start.status_code == 302
    assert start["Location"].startswith(provider.base_url + "/authorize?")
    at_provider = requests.get(start["Location"], allow_redirects=False, timeout=5)
    assert at_provider.status_code == 302
    back = urlsplit(at_provider.headers["Location"])
    return client.get(f"{back.path}?{back.query}")


@pytest.mark.django_db
def test_invited_user_gets_in_and_is_linked_to_the_subject(client, cast, provider):
    invited = UserFactory(username="kari", email="Kari.Nordmann@bergen.kommune.no")
    response = log_in_through_provider(
        client, provider, {"sub": "feide-kari-123", "email": "kari.nordmann@bergen.kommune.no"}
    )
    assert response.status_code == 302 and response["Location"] == "/"
    assert client.get("/").context["user"] == invited
    invited.refresh_from_db()
    assert invited.oidc_subject == "feide-kari-123"

    # Next time the subject alone matches, even when the e-mail changed.
    client.logout()
    log_in_through_provider(client, provider, {"sub": "feide-kari-123", "email": "ny@example.no"})
    assert client.get("/").context["user"] == invited


@pytest.mark.django_db
def test_unknown_subject_and_email_is_refused_and_told_why(client, cast, provider):
    users_before = User.objects.count()
    response = log_in_through_provider(
        client, provider, {"sub": "idporten-ukjent", "email": "ukjent@example.no"}
    )
    assert response.status_code == 302
    assert response["Location"] == "/konto/logg-inn/?oidc=refused"
    page = client.get(response["Location"])
    assert not page.context["user"].is_authenticated
    assert "ingen invitert bruker i Kompetansemidler passer med deg" in page.content.decode()
    assert User.objects.count() == users_before


@pytest.mark.django_db
def test_email_already_linked_to_another_subject_is_refused(client, cast, provider):
    UserFactory(username="lars", email="lars@example.no", oidc_subject="first-subject")
    response = log_in_through_provider(
        client, provider, {"sub": "second-subject", "email": "lars@example.no"}
    )
    assert response["Location"] == "/konto/logg-inn/?oidc=refused"


@pytest.mark.django_db
def test_unverified_email_does_not_match(client, cast, provider):
    UserFactory(username="mona", email="mona@example.no")
    response = log_in_through_provider(
        client, provider, {"sub": "mona-sub", "email": "mona@example.no", "email_verified": False}
    )
    assert response["Location"] == "/konto/logg-inn/?oidc=refused"


@pytest.mark.django_db
def test_id_token_issued_to_another_client_is_refused(client, cast, provider):
    UserFactory(username="tor", email="tor@example.no")
    provider.audience = "another-service"
    response = log_in_through_provider(
        client, provider, {"sub": "tor-sub", "email": "tor@example.no"}
    )
    assert response.status_code in (302, 400)
    assert not client.get("/konto/logg-inn/").context["user"].is_authenticated


@pytest.mark.django_db
def test_user_with_no_roles_gets_in_but_sees_no_data(client, cast, provider):
    UserFactory(username="ny", email="ny.person@example.no")
    log_in_through_provider(client, provider, {"sub": "ny-sub", "email": "ny.person@example.no"})
    home = client.get("/")
    assert home.status_code == 200
    assert "Du har ingen roller ennå" in home.content.decode()
    registry = client.get("/register/")
    assert registry.status_code == 403
    assert "ingen rolle i Kompetansemidler" in registry.content.decode()


@pytest.mark.django_db
def test_login_page_offers_the_provider_only_when_configured(client, cast, provider):
    page = client.get("/konto/logg-inn/").content.decode()
    assert "Logg inn med ID-porten" in page
    with override_settings(OIDC_OP_AUTHORIZATION_ENDPOINT="", OIDC_RP_CLIENT_ID=""):
        assert "Logg inn med ID-porten" not in client.get("/konto/logg-inn/").content.decode()
        assert client.get("/konto/oidc/start/").status_code == 404
        assert client.get("/konto/oidc/callback/?code=x&state=y").status_code == 404

"""OIDC login end to end against a real provider on loopback.

The browser's part is played by the Django test client and ``requests``: the
client is sent to the provider, the provider sends it back with a code, and
the project exchanges the code for a signed ID token over real HTTP.
"""

from datetime import timedelta
from urllib.parse import urlsplit

import pytest
import requests
from django.contrib.auth import get_user
from django.core import mail
from django.test import override_settings
from django.utils import timezone

from kompetansemidler.accounts.invitations import SESSION_KEY
from kompetansemidler.accounts.models import Invitation, User
from kompetansemidler.accounts.services import user_invite
from kompetansemidler.history.models import Event
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
        client,
        provider,
        {
            "sub": "feide-kari-123",
            "email": "kari.nordmann@bergen.kommune.no",
            "email_verified": True,
        },
    )
    assert response.status_code == 302 and response["Location"] == "/"
    assert client.get("/").context["user"] == invited
    invited.refresh_from_db()
    assert invited.oidc_subject == "feide-kari-123"

    # Next time the subject alone matches, even when the e-mail changed.
    client.logout()
    log_in_through_provider(
        client,
        provider,
        {"sub": "feide-kari-123", "email": "ny@example.no", "email_verified": True},
    )
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
    lars = UserFactory(username="lars", email="lars@example.no", oidc_subject="first-subject")
    response = log_in_through_provider(
        client,
        provider,
        {"sub": "second-subject", "email": "lars@example.no", "email_verified": True},
    )
    assert response["Location"] == "/konto/logg-inn/?oidc=refused"
    assert not get_user(client).is_authenticated
    lars.refresh_from_db()
    assert lars.oidc_subject == "first-subject"


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
    log_in_through_provider(
        client,
        provider,
        {"sub": "ny-sub", "email": "ny.person@example.no", "email_verified": True},
    )
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


# --- e-mail only when verified; the subject bound through the invitation link ---


@pytest.mark.django_db
def test_email_without_email_verified_does_not_match(client, cast, provider):
    """The attack: a provider identity that merely claims the invited address."""
    mona = UserFactory(username="mona", email="mona@example.no")
    response = log_in_through_provider(
        client, provider, {"sub": "attacker-sub", "email": "mona@example.no"}
    )
    assert response["Location"] == "/konto/logg-inn/?oidc=refused"
    assert not get_user(client).is_authenticated
    mona.refresh_from_db()
    assert mona.oidc_subject == ""


@pytest.mark.django_db
@pytest.mark.parametrize("verified", ["true", 1, "yes", None])
def test_email_verified_must_be_exactly_true(client, cast, provider, verified):
    UserFactory(username="mona", email="mona@example.no")
    response = log_in_through_provider(
        client, provider, {"sub": "x-sub", "email": "mona@example.no", "email_verified": verified}
    )
    assert response["Location"] == "/konto/logg-inn/?oidc=refused"


@pytest.mark.django_db
def test_a_second_identity_with_a_linked_users_verified_email_is_refused(client, cast, provider):
    kari = UserFactory(username="kari", email="kari@example.no")
    first = {"sub": "kari-sub", "email": "kari@example.no", "email_verified": True}
    log_in_through_provider(client, provider, first)
    assert client.get("/").context["user"] == kari
    client.logout()
    second = {"sub": "other-sub", "email": "kari@example.no", "email_verified": True}
    response = log_in_through_provider(client, provider, second)
    assert response["Location"] == "/konto/logg-inn/?oidc=refused"
    kari.refresh_from_db()
    assert kari.oidc_subject == "kari-sub"


def invitation_link(client_for, cast, person) -> str:
    """The caseworker makes a login link on the person's page; the link as shown."""
    page = client_for(cast.caseworker).post(f"/konto/brukere/{person.pk}/innloggingslenke/")
    assert page.status_code == 200
    client_for(cast.caseworker).logout()
    return urlsplit(page.context["url"]).path


@pytest.mark.django_db
def test_idporten_login_from_the_invitation_link_binds_the_subject(
    client, client_for, cast, provider
):
    """ID-porten sends no e-mail at all: the link is what binds the person."""
    person = user_invite(
        actor=cast.caseworker, first_name="Ida", last_name="Porten", email="ida@bergen.kommune.no"
    )
    link = invitation_link(client_for, cast, person)
    landing = client.get(link)
    assert "Logg inn med ID-porten" in landing.content.decode()
    assert client.post(link)["Location"] == "/konto/oidc/start/"
    provider.identity = {"sub": "idporten-ida", "acr": "idporten-loa-substantial"}
    start = client.get("/konto/oidc/start/")
    at_provider = requests.get(start["Location"], allow_redirects=False, timeout=5)
    back = urlsplit(at_provider.headers["Location"])
    response = client.get(f"{back.path}?{back.query}")
    assert response.status_code == 302 and response["Location"] != "/konto/logg-inn/?oidc=refused"
    assert client.get("/").context["user"] == person
    person.refresh_from_db()
    assert person.oidc_subject == "idporten-ida"
    assert Event.objects.for_object(person).filter(kind="user.oidc_linked").exists()

    # The link is void now: the page says so and offers no login.
    client.logout()
    used = client.get(link).content.decode()
    assert "Lenken er ikke gyldig" in used
    # Next time the subject alone matches.
    log_in_through_provider(client, provider, {"sub": "idporten-ida"})
    assert client.get("/").context["user"] == person


@pytest.mark.django_db
def test_a_used_link_cannot_bind_a_second_identity(client, client_for, cast, provider):
    person = UserFactory(username="per", email="per@example.no", invited_by_office=cast.vestland)
    link = invitation_link(client_for, cast, person)
    client.post(link)
    log_in_through_provider(client, provider, {"sub": "per-sub"})
    client.logout()
    # The attacker replays the link with their own identity.
    assert client.post(link).status_code == 200  # no redirect to the provider
    response = log_in_through_provider(client, provider, {"sub": "attacker-sub"})
    assert response["Location"] == "/konto/logg-inn/?oidc=refused"
    person.refresh_from_db()
    assert person.oidc_subject == "per-sub"


@pytest.mark.django_db
def test_expired_forged_and_superseded_links_are_void(client, client_for, cast, provider):
    person = UserFactory(username="eva", email="eva@example.no", invited_by_office=cast.vestland)
    first = invitation_link(client_for, cast, person)
    second = invitation_link(client_for, cast, person)
    assert "Lenken er ikke gyldig" in client.get(first).content.decode()
    assert "Lenken er ikke gyldig" in client.get(second[:-3] + "xx/").content.decode()
    Invitation.objects.filter(user=person).update(expires_at=timezone.now() - timedelta(seconds=1))
    assert "Lenken er ikke gyldig" in client.get(second).content.decode()
    # A session that held the link before it expired binds nothing either.
    session = client.session
    session[SESSION_KEY] = Invitation.objects.filter(user=person).first().pk
    session.save()
    response = log_in_through_provider(client, provider, {"sub": "late-sub"})
    assert response["Location"] == "/konto/logg-inn/?oidc=refused"


@pytest.mark.django_db
def test_a_link_cannot_bind_a_subject_that_belongs_to_another_account(
    client, client_for, cast, provider
):
    UserFactory(username="owner-of-sub", oidc_subject="taken-sub", is_active=False)
    person = UserFactory(username="siv", email="siv@example.no", invited_by_office=cast.vestland)
    client.post(invitation_link(client_for, cast, person))
    response = log_in_through_provider(client, provider, {"sub": "taken-sub"})
    assert response["Location"] == "/konto/logg-inn/?oidc=refused"
    person.refresh_from_db()
    assert person.oidc_subject == ""


@pytest.mark.django_db
def test_no_link_for_an_account_already_linked(client_for, cast):
    linked = UserFactory(username="lina", oidc_subject="lina-sub", invited_by_office=cast.vestland)
    client = client_for(cast.caseworker)
    response = client.post(f"/konto/brukere/{linked.pk}/innloggingslenke/", follow=True)
    assert "allerede koblet til ID-porten eller Feide" in response.content.decode()
    assert not Invitation.objects.filter(user=linked).exists()


@pytest.mark.django_db
def test_invitation_mail_carries_the_login_link(client_for, cast):
    client_for(cast.caseworker).post(
        "/konto/brukere/ny/",
        {
            "first_name": "Kari",
            "last_name": "N",
            "email": "kari@example.no",
            "office": cast.vestland.pk,
        },
    )
    body = mail.outbox[0].body
    assert "/konto/invitasjon/" in body and "/konto/passord/" in body

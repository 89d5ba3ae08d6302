"""Two-factor login: setting up an authenticator, the code at login, recovery
codes (each once), and the policy that sends staff to set it up first."""

import re
from datetime import timedelta

import pytest
from django.contrib.auth import get_user
from django.test import override_settings
from django.utils import timezone
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from kompetansemidler.accounts.two_factor import (
    authenticator_enrolment_confirm,
    authenticator_enrolment_start,
)
from kompetansemidler.demo.cast import DEMO_PASSWORD
from kompetansemidler.history.models import Event
from tests.accounts.test_oidc import log_in_through_provider
from tests.factories import UserFactory
from tests.support.oidc_provider import running_provider

pytestmark = pytest.mark.django_db

VERIFY = "/konto/tofaktor/bekreft/"
RECOVERY = "/konto/tofaktor/gjenoppretting/"
ENROL = "/konto/tofaktor/ta-i-bruk/"


def current_code(device: TOTPDevice) -> str:
    device.refresh_from_db()
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{totp.token():0{device.digits}d}"


def enrolled(user) -> tuple[TOTPDevice, list[str]]:
    device = authenticator_enrolment_start(user=user)
    return authenticator_enrolment_confirm(user=user, code=current_code(device))


def unthrottle(device) -> None:
    """Let the next code through now, as if the wait after a wrong code had passed."""
    type(device).objects.filter(pk=device.pk).update(
        throttling_failure_timestamp=timezone.now() - timedelta(hours=1)
    )


def next_step_code(device) -> str:
    """A code the device has not accepted yet (codes are accepted once)."""
    device.refresh_from_db()
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = totp.time + device.step
    return f"{totp.token():0{device.digits}d}"


def password_login(client, username):
    response = client.post("/konto/logg-inn/", {"username": username, "password": DEMO_PASSWORD})
    assert response.status_code == 302
    return response


# --- setting it up ---


def test_enrolment_shows_a_qr_code_and_the_secret_and_needs_a_right_code(cast, client_for):
    client = client_for(cast.caseworker)
    page = client.get(ENROL)
    html = page.content.decode()
    assert page.status_code == 200
    assert "<svg" in html and "<title>" in html
    device = TOTPDevice.objects.get(user=cast.caseworker)
    secret = page.context["secret"]
    assert re.fullmatch(r"[A-Z2-7]{4}( [A-Z2-7]{1,4})+", secret) and secret in html
    assert not device.confirmed
    # Nothing inline that the content security policy would block.
    assert "style=" not in html.split("<main", 1)[-1]

    wrong = client.post(ENROL, {"code": "000000"})
    assert wrong.status_code == 200
    assert "Koden er feil eller utløpt" in wrong.content.decode()
    device.refresh_from_db()
    assert not device.confirmed

    unthrottle(device)
    done = client.post(ENROL, {"code": current_code(device)})
    assert done.status_code == 200
    device.refresh_from_db()
    assert device.confirmed
    codes = done.context["codes"]
    assert len(codes) == 10 and all(code in done.content.decode() for code in codes)
    assert Event.objects.for_object(cast.caseworker).filter(kind="two_factor.enrolled").exists()
    # Enrolment counts as the second factor for this session.
    assert client.get("/").status_code == 200


def test_an_enrolled_user_cannot_replace_the_authenticator_without_the_second_factor(cast, client):
    device, _codes = enrolled(cast.caseworker)
    password_login(client, "siri")
    assert client.get(ENROL, follow=True).redirect_chain[-1][0].startswith(VERIFY)
    assert client.post("/konto/tofaktor/fjern/")["Location"].startswith(VERIFY)
    assert TOTPDevice.objects.filter(pk=device.pk, confirmed=True).exists()


# --- the code at login ---


def test_password_alone_is_not_enough_once_enrolled(cast, client):
    enrolled(cast.caseworker)
    response = password_login(client, "siri")
    assert response["Location"] == "/"
    home = client.get("/")
    assert home.status_code == 302 and home["Location"].startswith(VERIFY)
    assert client.get("/vedtak/")["Location"].startswith(VERIFY + "?next=%2Fvedtak%2F")
    api = client.get("/api/forums/")
    assert api.status_code == 403
    assert "andre faktoren" in api.json()["detail"]


def test_a_wrong_code_is_refused_and_a_right_one_lets_in_once(cast, client):
    device, _codes = enrolled(cast.caseworker)
    password_login(client, "siri")
    wrong = client.post(VERIFY, {"code": "123456", "next": "/vedtak/"})
    assert wrong.status_code == 200
    assert "Koden er feil eller utløpt" in wrong.content.decode()
    assert client.get("/")["Location"].startswith(VERIFY)

    # Straight after a wrong code the device waits a moment, even for a right code.
    right_code = next_step_code(device)
    throttled = client.post(VERIFY, {"code": right_code})
    assert "For mange feil koder" in throttled.content.decode()

    unthrottle(device)
    response = client.post(VERIFY, {"code": right_code, "next": "/vedtak/"})
    assert response.status_code == 302 and response["Location"] == "/vedtak/"
    assert client.get("/").status_code == 200

    # The same code does not log in a second session.
    client.post("/konto/logg-ut/")
    password_login(client, "siri")
    replay = client.post(VERIFY, {"code": right_code})
    assert replay.status_code == 200
    assert client.get("/")["Location"].startswith(VERIFY)


def test_verify_does_not_redirect_to_another_site(cast, client):
    device, _codes = enrolled(cast.caseworker)
    password_login(client, "siri")
    response = client.post(
        VERIFY, {"code": next_step_code(device), "next": "https://evil.example/"}
    )
    assert response["Location"] == "/"


# --- recovery codes ---


def test_a_recovery_code_works_once(cast, client):
    _device, codes = enrolled(cast.caseworker)
    password_login(client, "siri")
    response = client.post(RECOVERY, {"code": codes[0].upper(), "next": "/"})
    assert response.status_code == 302 and response["Location"] == "/"
    assert client.get("/").status_code == 200
    assert StaticToken.objects.filter(device__user=cast.caseworker).count() == 9
    assert (
        Event.objects.for_object(cast.caseworker)
        .filter(kind="two_factor.recovery_code_used")
        .exists()
    )

    client.post("/konto/logg-ut/")
    password_login(client, "siri")
    reused = client.post(RECOVERY, {"code": codes[0]})
    assert reused.status_code == 200
    assert "Gjenopprettingskoden er feil eller allerede brukt" in reused.content.decode()
    assert client.get("/")["Location"].startswith(VERIFY)


def test_new_recovery_codes_replace_the_old_ones(cast, client):
    device, old = enrolled(cast.caseworker)
    password_login(client, "siri")
    # Not before the second factor in this session.
    assert client.post("/konto/tofaktor/nye-koder/")["Location"].startswith(VERIFY)
    client.post(VERIFY, {"code": next_step_code(device)})
    page = client.post("/konto/tofaktor/nye-koder/")
    new = page.context["codes"]
    assert len(new) == 10 and not set(new) & set(old)
    client.post("/konto/logg-ut/")
    password_login(client, "siri")
    assert client.post(RECOVERY, {"code": old[1]}).status_code == 200
    unthrottle(device.user.staticdevice_set.get())
    assert client.post(RECOVERY, {"code": new[1]}).status_code == 302


def test_overview_lists_the_codes_left_and_removing_lets_a_new_phone_be_set_up(cast, client):
    device, _codes = enrolled(cast.caseworker)
    password_login(client, "siri")
    client.post(VERIFY, {"code": next_step_code(device)})
    assert "10 ubrukte gjenopprettingskoder" in client.get("/konto/tofaktor/").content.decode()
    client.post("/konto/tofaktor/fjern/")
    assert not TOTPDevice.objects.filter(user=cast.caseworker).exists()
    assert client.get(ENROL).status_code == 200


# --- the policy for staff ---


@override_settings(REQUIRE_2FA_FOR_STAFF=True)
@pytest.mark.parametrize("persona", ["caseworker", "udir"])
def test_staff_without_an_authenticator_must_set_one_up_first(cast, client_for, persona):
    client = client_for(getattr(cast, persona))
    for path in ("/", "/konto/brukere/", "/konto/tofaktor/"):
        response = client.get(path)
        assert response.status_code == 302 and response["Location"].startswith(ENROL), path
    assert client.get("/api/forums/").json()["detail"].startswith("Fullfør innloggingen")
    page = client.get(ENROL)
    assert "må bruke innlogging med to faktorer" in page.content.decode()


@override_settings(REQUIRE_2FA_FOR_STAFF=True)
def test_the_policy_leaves_other_roles_alone(cast, client_for):
    assert client_for(cast.owner_rep).get("/").status_code == 200


@override_settings(REQUIRE_2FA_FOR_STAFF=False)
def test_without_the_policy_staff_log_in_with_a_password(cast, client_for):
    assert client_for(cast.caseworker).get("/").status_code == 200


def test_production_requires_two_factor_for_staff_by_default():
    from kompetansemidler.settings import base

    assert base.REQUIRE_2FA_FOR_STAFF is False  # development and the demo
    source = (base.Path(base.__file__).parent / "production.py").read_text()
    assert 'env.bool("DJANGO_REQUIRE_2FA_FOR_STAFF", default=True)' in source


# --- OIDC logins: the provider's level of assurance ---


@pytest.fixture
def provider():
    with running_provider() as provider, override_settings(**provider.settings()):
        yield provider


@pytest.fixture
def linked_caseworker(cast):
    cast.caseworker.oidc_subject = "idporten-siri"
    cast.caseworker.save(update_fields=["oidc_subject"])
    return cast.caseworker


@override_settings(REQUIRE_2FA_FOR_STAFF=True)
@pytest.mark.parametrize("acr", ["idporten-loa-substantial", "idporten-loa-high"])
def test_staff_oidc_login_with_two_factors_at_the_provider_needs_no_code(
    client, provider, linked_caseworker, acr
):
    enrolled(linked_caseworker)
    log_in_through_provider(client, provider, {"sub": "idporten-siri", "acr": acr})
    assert get_user(client) == linked_caseworker
    assert client.get("/").status_code == 200


@override_settings(REQUIRE_2FA_FOR_STAFF=True)
@pytest.mark.parametrize("acr", [None, "idporten-loa-low", "https://feide/password"])
def test_staff_oidc_login_with_one_factor_is_asked_for_the_code(
    client, provider, linked_caseworker, acr
):
    identity = {"sub": "idporten-siri", **({"acr": acr} if acr else {})}
    # Without an authenticator: set one up first.
    log_in_through_provider(client, provider, identity)
    assert get_user(client) == linked_caseworker
    assert client.get("/")["Location"].startswith(ENROL)
    client.post("/konto/logg-ut/")
    # With one: the code, like after a password.
    device, _codes = enrolled(linked_caseworker)
    log_in_through_provider(client, provider, identity)
    assert client.get("/")["Location"].startswith(VERIFY)
    client.post(VERIFY, {"code": next_step_code(device)})
    assert client.get("/").status_code == 200


def test_a_two_factor_oidc_login_does_not_carry_over_to_a_password_login(
    client, provider, linked_caseworker
):
    enrolled(linked_caseworker)
    log_in_through_provider(
        client, provider, {"sub": "idporten-siri", "acr": "idporten-loa-substantial"}
    )
    assert client.get("/").status_code == 200
    client.post("/konto/logg-ut/")
    password_login(client, "siri")
    assert client.get("/")["Location"].startswith(VERIFY)


def test_the_user_page_shows_whether_two_factor_login_is_on(cast, client_for):
    client = client_for(cast.udir)
    page = client.get(f"/konto/brukere/{cast.caseworker.pk}/").content.decode()
    assert re.search(r"Innlogging med to faktorer</dt><dd>Av</dd>", page)
    enrolled(cast.caseworker)
    page = client.get(f"/konto/brukere/{cast.caseworker.pk}/").content.decode()
    assert re.search(r"Innlogging med to faktorer</dt><dd>På", page)


def test_a_new_login_in_the_same_session_asks_for_the_code_again(cast, client):
    device, _codes = enrolled(cast.caseworker)
    password_login(client, "siri")
    client.post(VERIFY, {"code": next_step_code(device)})
    assert client.get("/").status_code == 200
    client.force_login(cast.caseworker)
    assert client.get("/")["Location"].startswith(VERIFY)


# --- reset by an administrator (phone and codes lost) ---


def test_a_caseworker_resets_a_colleagues_two_factor_login_but_never_her_own(cast, client_for):
    colleague = UserFactory(invited_by_office=cast.vestland)
    enrolled(colleague)
    client = client_for(cast.caseworker)
    response = client.post(f"/konto/brukere/{colleague.pk}/tofaktor/nullstill/", follow=True)
    assert "er nullstilt" in response.content.decode()
    assert not TOTPDevice.objects.filter(user=colleague).exists()
    event = Event.objects.for_object(colleague).get(kind="two_factor.reset")
    assert event.actor == cast.caseworker

    # Her own, even in a session that has passed the second factor: refused.
    device, _codes = enrolled(cast.caseworker)
    client.post(VERIFY, {"code": next_step_code(device)})
    own = client.post(f"/konto/brukere/{cast.caseworker.pk}/tofaktor/nullstill/", follow=True)
    assert "Du kan ikke nullstille din egen" in own.content.decode()
    assert TOTPDevice.objects.filter(user=cast.caseworker).exists()


def test_another_office_cannot_reset_two_factor_login(cast, client_for):
    enrolled(cast.owner_rep)
    response = client_for(cast.other_caseworker).post(
        f"/konto/brukere/{cast.owner_rep.pk}/tofaktor/nullstill/"
    )
    assert response.status_code == 403
    assert TOTPDevice.objects.filter(user=cast.owner_rep).exists()

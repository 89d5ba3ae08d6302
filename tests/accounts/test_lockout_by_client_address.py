"""Failed logins lock a username together with the client's address, read from
X-Forwarded-For only behind trusted proxies, so an attacker cannot lock a
victim out and cannot dodge the lock by forging the header."""

import pytest
from django.conf import settings
from django.test import override_settings

from kompetansemidler.demo.cast import DEMO_PASSWORD

pytestmark = pytest.mark.django_db

PROXY = "10.0.0.2"
ATTACKER = "203.0.113.66"
VICTIM = "198.51.100.7"


def log_in(client, password, **meta):
    return client.post("/konto/logg-inn/", {"username": "siri", "password": password}, **meta)


def fail_until_locked(client, **meta):
    responses = [log_in(client, "feil-passord", **meta) for _ in range(settings.AXES_FAILURE_LIMIT)]
    assert responses[-1].status_code == 429


def test_bad_passwords_from_one_address_do_not_lock_the_user_at_another(cast, client):
    fail_until_locked(client, REMOTE_ADDR=ATTACKER)
    assert log_in(client, DEMO_PASSWORD, REMOTE_ADDR=VICTIM).status_code == 302


@override_settings(TRUSTED_PROXY_COUNT=1)
def test_behind_a_trusted_proxy_the_forwarded_client_address_is_locked(cast, client):
    fail_until_locked(client, REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=ATTACKER)
    assert (
        log_in(client, DEMO_PASSWORD, REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=ATTACKER).status_code
        == 429
    )
    # The victim comes through the same proxy and gets in.
    victim = log_in(client, DEMO_PASSWORD, REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=VICTIM)
    assert victim.status_code == 302


@override_settings(TRUSTED_PROXY_COUNT=1)
def test_behind_a_trusted_proxy_a_forged_leftmost_entry_is_not_read(cast, client):
    """The client may send its own X-Forwarded-For; the proxy appends the real address."""
    for n in range(settings.AXES_FAILURE_LIMIT):
        log_in(
            client,
            "feil-passord",
            REMOTE_ADDR=PROXY,
            HTTP_X_FORWARDED_FOR=f"192.0.2.{n}, {ATTACKER}",
        )
    again = log_in(
        client, DEMO_PASSWORD, REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=f"192.0.2.99, {ATTACKER}"
    )
    assert again.status_code == 429


def test_without_trusted_proxies_the_header_is_ignored(cast, client):
    assert settings.TRUSTED_PROXY_COUNT == 0
    # A different forged address on every attempt does not escape the lock ...
    for n in range(settings.AXES_FAILURE_LIMIT):
        log_in(client, "feil-passord", REMOTE_ADDR=ATTACKER, HTTP_X_FORWARDED_FOR=f"192.0.2.{n}")
    assert log_in(client, DEMO_PASSWORD, REMOTE_ADDR=ATTACKER).status_code == 429
    # ... and forging the victim's address does not lock the victim.
    assert log_in(client, DEMO_PASSWORD, REMOTE_ADDR=VICTIM).status_code == 302

"""Login throttling, session expiry, CSRF refusals, CSP and production cookies."""

import os
import re
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.test import Client
from django.utils import timezone

from kompetansemidler.demo.cast import DEMO_PASSWORD

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parent.parent.parent


def log_in(client, username, password=DEMO_PASSWORD):
    return client.post("/konto/logg-inn/", {"username": username, "password": password})


def test_five_wrong_passwords_lock_the_login_and_the_page_says_why(cast, client):
    for _attempt in range(settings.AXES_FAILURE_LIMIT - 1):
        response = log_in(client, "siri", "feil-passord")
        assert response.status_code == 200
        assert "Brukernavnet eller passordet er feil." in response.content.decode()
    locked = log_in(client, "siri", "feil-passord")
    assert locked.status_code == 429
    page = locked.content.decode()
    assert "For mange mislykkede innloggingsforsøk" in page
    assert "passordet var feil 5 ganger på rad" in page
    # Even the right password is refused now.
    assert log_in(client, "siri").status_code == 429
    assert not client.get("/").wsgi_request.user.is_authenticated
    # Another username from the same address is not locked.
    assert log_in(client, "eirik").status_code == 302


def test_a_successful_login_resets_the_count(cast, client):
    for _attempt in range(settings.AXES_FAILURE_LIMIT - 1):
        log_in(client, "siri", "feil-passord")
    assert log_in(client, "siri").status_code == 302
    client.logout()
    for _attempt in range(settings.AXES_FAILURE_LIMIT - 1):
        log_in(client, "siri", "feil-passord")
    assert log_in(client, "siri").status_code == 302


def test_session_expires_after_eight_idle_hours(cast, client):
    assert settings.SESSION_COOKIE_AGE == 8 * 3600
    assert settings.SESSION_EXPIRE_AT_BROWSER_CLOSE and settings.SESSION_SAVE_EVERY_REQUEST
    log_in(client, "siri")
    assert client.get("/").status_code == 200
    session = Session.objects.get()
    remaining = session.expire_date - timezone.now()
    assert timedelta(hours=7, minutes=59) < remaining <= timedelta(hours=8)
    Session.objects.update(expire_date=timezone.now() - timedelta(seconds=1))
    response = client.get("/")
    assert response.status_code == 302 and response["Location"].startswith("/konto/logg-inn/")


def test_form_without_csrf_token_is_refused_with_an_explanation(cast):
    client = Client(enforce_csrf_checks=True)
    response = client.post("/konto/logg-inn/", {"username": "siri", "password": DEMO_PASSWORD})
    assert response.status_code == 403
    page = response.content.decode()
    assert "Skjemaet ble ikke sendt" in page
    assert "Gå tilbake, last inn siden på nytt" in page


def test_htmx_request_needs_the_csrf_header_and_gets_json_when_refused(cast):
    client = Client(enforce_csrf_checks=True)
    client.force_login(cast.caseworker)
    grant = cast.owner_rep.role_grants.active().get()
    url = f"/konto/roller/{grant.pk}/trekk-tilbake/"
    refused = client.post(url, headers={"HX-Request": "true"})
    assert refused.status_code == 403
    assert "Skjemaet var utløpt" in refused.json()["detail"]
    grant.refresh_from_db()
    assert grant.revoked_at is None
    # The token that base.html puts in hx-headers lets the same request through.
    page = client.get("/").content.decode()
    token = re.search(r'"X-CSRFToken": "([^"]+)"', page).group(1)
    accepted = client.post(url, headers={"HX-Request": "true", "X-CSRFToken": token})
    assert accepted.status_code == 302
    grant.refresh_from_db()
    assert grant.revoked_at is not None


@pytest.mark.parametrize("path", ["/konto/logg-inn/", "/", "/konto/brukere/", "/finnes-ikke/"])
def test_every_page_has_a_strict_csp_whose_nonce_is_on_the_script(cast, client, path):
    if path != "/konto/logg-inn/":
        client.force_login(cast.caseworker)
    response = client.get(path)
    policy = response["Content-Security-Policy"]
    assert "default-src 'self'" in policy and "frame-ancestors 'none'" in policy
    assert "'unsafe-inline'" not in policy
    nonce = re.search(r"'nonce-([^']+)'", policy).group(1)
    scripts = re.findall(r"<script[^>]*>", response.content.decode())
    assert scripts and all(f'nonce="{nonce}"' in tag for tag in scripts)
    assert " style=" not in response.content.decode()


def test_refusal_page_names_the_reason(cast, client_for):
    response = client_for(cast.outsider).get("/register/")
    assert response.status_code == 403
    assert "Du har ikke tilgang" in response.content.decode()


def test_production_settings_use_secure_cookies_and_hsts():
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "kompetansemidler.settings.production",
        "DJANGO_SECRET_KEY": "x" * 60 + "-production-test-key-with-enough-entropy-123",
        "DJANGO_ALLOWED_HOSTS": "kompetansemidler.example.no",
        "DATABASE_URL": "postgres://app:app@127.0.0.1:5432/unused",
        "DJANGO_FILE_STORAGE": "local",
    }
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            (
                "import django; django.setup(); from django.conf import settings as s; "
                "print(s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SECURE_HSTS_SECONDS, "
                "s.SECURE_SSL_REDIRECT, s.SESSION_COOKIE_HTTPONLY)"
            ),
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    assert result.stdout.split() == ["True", "True", "31536000", "True", "True"]
    missing = {k: v for k, v in env.items() if k != "DJANGO_SECRET_KEY"}
    failed = subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        cwd=ROOT,
        env=missing,
        capture_output=True,
        text=True,
    )
    assert failed.returncode != 0 and "DJANGO_SECRET_KEY" in failed.stderr

"""Malformed requests are answered 400 and change nothing, never 500."""

import pytest
from django.test import override_settings
from django.urls import reverse

from kompetansemidler.registry.models import Organisation

PRODUCTION_HOSTS = {
    "ALLOWED_HOSTS": ["kompetansemidler.example.no"],
    "SECURE_SSL_REDIRECT": True,
    "SECURE_PROXY_SSL_HEADER": ("HTTP_X_FORWARDED_PROTO", "https"),
    "DEBUG": False,
}


@pytest.mark.parametrize(
    "url_name",
    [
        "registry:unit_list",
        "registry:organisation_list",
        "registry:municipality_list",
        "archive:staff_journal",
        "decisions:index",
    ],
)
def test_a_nul_character_in_a_search_is_a_bad_request(cast, client_for, url_name):
    client = client_for(cast.caseworker)
    response = client.get(reverse(url_name), {"q": "Berg\x00en"})
    assert response.status_code == 400


@pytest.mark.parametrize("url_name", ["api:registry_units", "api:registry_organisations"])
def test_the_api_refuses_a_nul_character_as_invalid_input(cast, client_for, url_name):
    response = client_for(cast.caseworker).get(reverse(url_name), {"q": "Berg\x00en"})
    assert response.status_code == 422
    body = response.json()
    assert body["code"] == "invalid" and body["errors"][0]["loc"] == ["query", "q"]


def test_a_nul_character_in_a_form_or_json_body_is_a_bad_request(cast, client_for):
    client = client_for(cast.caseworker)
    before = Organisation.objects.count()
    response = client.post(reverse("registry:organisation_list"), {"name": "A\x00B"})
    assert response.status_code == 400
    response = client.post(
        reverse("api:forums_list"), {"name": "A\x00B"}, content_type="application/json"
    )
    assert response.status_code == 422
    assert Organisation.objects.count() == before


def test_a_nul_character_on_the_public_journal_is_a_bad_request(client, db):
    assert client.get(reverse("archive:public_journal"), {"q": "\x00"}).status_code == 400


@pytest.mark.parametrize("forwarded_proto", ["https", "http"])
def test_an_unknown_host_in_production_is_a_bad_request(client, db, forwarded_proto):
    client.raise_request_exception = False
    with override_settings(**PRODUCTION_HOSTS):
        for path in ("/konto/logg-inn/", "/healthz", "/registry/"):
            response = client.get(
                path, HTTP_HOST="evil.example", HTTP_X_FORWARDED_PROTO=forwarded_proto
            )
            assert response.status_code == 400, path
        known = client.get(
            "/konto/logg-inn/",
            HTTP_HOST="kompetansemidler.example.no",
            HTTP_X_FORWARDED_PROTO="https",
        )
        assert known.status_code == 200

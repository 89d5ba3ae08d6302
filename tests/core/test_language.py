"""Pages are in Bokmål whatever the browser asks for, until the user chooses
another language; the API answers in the language a system asks for."""

import pytest
from django.conf import settings
from django.urls import reverse

pytestmark = pytest.mark.django_db


def heading_language(response) -> str:
    return response.content.decode().split('<html lang="', 1)[1].split('"', 1)[0]


def test_a_browser_set_to_english_gets_bokmal(client):
    response = client.get(reverse("accounts:login"), HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.9")
    assert heading_language(response) == "nb"
    assert "Logg inn" in response.content.decode()


def test_the_users_choice_wins(client):
    for code, words in (("nn", "Logg inn"), ("en", "Log in")):
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = code
        response = client.get(reverse("accounts:login"), HTTP_ACCEPT_LANGUAGE="nb")
        assert heading_language(response) == code
        assert words in response.content.decode()


def test_an_unknown_choice_falls_back_to_bokmal(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "de"
    assert heading_language(client.get(reverse("accounts:login"))) == "nb"


def test_the_language_menu_sets_the_choice(client):
    client.post(reverse("set_language"), {"language": "nn", "next": "/"})
    assert heading_language(client.get(reverse("accounts:login"))) == "nn"


def test_the_api_answers_in_the_language_asked_for(client):
    response = client.get("/api/needs/reports", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 401
    english = response.json()
    response = client.get("/api/needs/reports", HTTP_ACCEPT_LANGUAGE="nb")
    assert response.json() != english

"""A logged-in browser session cannot be used for API writes without the CSRF token."""

import json

import pytest
from django.test import Client

from kompetansemidler.forums.models import ForumMember
from tests.support.keys import key_header

pytestmark = pytest.mark.django_db


def member_payload(cast):
    return json.dumps(
        {
            "name": "Test Testesen",
            "representation": "public_owner",
            "organisation_number": cast.owner.organisation_number,
            "period_from": "2026-01-01",
        }
    )


def test_an_api_write_without_the_csrf_token_is_refused(cast):
    client = Client(enforce_csrf_checks=True)
    client.force_login(cast.caseworker)
    response = client.post(
        f"/api/forums/{cast.forum.pk}/members",
        data=member_payload(cast),
        content_type="application/json",
        **key_header(),
    )
    assert response.status_code == 403
    assert not ForumMember.objects.filter(name="Test Testesen").exists()


def test_the_same_write_with_the_csrf_token_goes_through(cast):
    client = Client(enforce_csrf_checks=True)
    client.force_login(cast.caseworker)
    client.get("/")  # the page sets the CSRF cookie, as a browser session would have it
    token = client.cookies["csrftoken"].value
    response = client.post(
        f"/api/forums/{cast.forum.pk}/members",
        data=member_payload(cast),
        content_type="application/json",
        **key_header(),
        HTTP_X_CSRFTOKEN=token,
    )
    assert response.status_code == 201, response.content

"""A forum member represents an organisation of the forum's counties (or a national one)."""

import json

import pytest

from kompetansemidler.forums.models import ForumMember
from tests.support.keys import key_header

pytestmark = pytest.mark.django_db


def test_the_api_refuses_a_member_from_an_organisation_in_another_county(cast, client_for):
    response = client_for(cast.caseworker).post(
        f"/api/forums/{cast.forum.pk}/members",
        data=json.dumps(
            {
                "name": "Test Testesen",
                "representation": "public_owner",
                "organisation_number": cast.rogaland_owner.organisation_number,
                "period_from": "2026-01-01",
            }
        ),
        content_type="application/json",
        **key_header(),
    )
    assert response.status_code == 422
    assert "Stavanger kommune" in response.content.decode()
    assert not ForumMember.objects.filter(organisation=cast.rogaland_owner).exists()


def test_the_api_accepts_a_member_from_the_forums_own_county(cast, client_for):
    response = client_for(cast.caseworker).post(
        f"/api/forums/{cast.forum.pk}/members",
        data=json.dumps(
            {
                "name": "Test Testesen",
                "representation": "public_owner",
                "organisation_number": cast.owner.organisation_number,
                "period_from": "2026-01-01",
            }
        ),
        content_type="application/json",
        **key_header(),
    )
    assert response.status_code == 201, response.content

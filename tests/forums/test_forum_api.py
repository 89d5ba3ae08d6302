"""The forums in the JSON API: scoped like the pages, same services, same findings."""

from django.urls import reverse

from kompetansemidler.forums.models import ForumMember
from kompetansemidler.history.models import Event
from tests.support.keys import key_header


def test_the_api_lists_only_the_users_forums(cast, client_for):
    names = [
        f["name"] for f in client_for(cast.forum_member).get(reverse("api:forums_list")).json()
    ]
    assert names == ["Samarbeidsforum Vestland"]


def test_the_forum_detail_carries_members_and_composition_findings(cast, full_forum, client_for):
    body = client_for(cast.udir).get(reverse("api:forums_detail", args=[full_forum.pk])).json()
    assert body["composition"] == []
    assert {m["representation"] for m in body["members"]} >= {"secretariat", "ks", "pbl"}
    assert sorted(body["schemes"]) == ["dekom", "rekom"]


def test_a_caseworker_adds_and_ends_a_member_through_the_api(cast, rekom_forum, client_for):
    client = client_for(cast.caseworker)
    response = client.post(
        reverse("api:forums_member_add", args=[rekom_forum.pk]),
        {
            "name": "Hilde Høgskule",
            "representation": "uh",
            "organisation_number": cast.uh.organisation_number,
            "period_from": "2025-01-01",
        },
        content_type="application/json",
        **key_header(),
    )
    assert response.status_code == 201, response.content
    member_id = response.json()["id"]
    detail = client.get(reverse("api:forums_detail", args=[rekom_forum.pk])).json()
    assert "FORUM_MISSING_UH" not in [f["code"] for f in detail["composition"]]
    ended = client.post(
        reverse("api:forums_member_end", args=[member_id]),
        {"on": "2025-12-31"},
        content_type="application/json",
        **key_header(),
    )
    assert ended.json()["period_to"] == "2025-12-31"
    again = client.post(
        reverse("api:forums_member_end", args=[member_id]),
        {"on": "2025-12-31"},
        content_type="application/json",
        **key_header(),
    )
    assert again.status_code == 409
    assert again.json()["code"] == "state_refused"
    assert again.json()["detail"] == "Dette medlemskapet er allerede avsluttet."
    member = ForumMember.objects.get(pk=member_id)
    assert Event.objects.for_object(member).count() == 2


def test_invalid_members_are_refused_with_the_reason(cast, rekom_forum, client_for):
    response = client_for(cast.caseworker).post(
        reverse("api:forums_member_add", args=[rekom_forum.pk]),
        {
            "name": "Sigrid",
            "representation": "secretariat",
            "votes": True,
            "period_from": "2025-01-01",
        },
        content_type="application/json",
        **key_header(),
    )
    assert response.status_code == 422
    assert response.json()["errors"][0]["loc"] == ["body", "votes"]


def test_other_office_and_outsiders_are_refused(cast, rekom_forum, client_for, client):
    url = reverse("api:forums_detail", args=[rekom_forum.pk])
    assert client.get(url).status_code == 401
    assert client_for(cast.other_caseworker).get(url).status_code == 403
    assert client_for(cast.owner_rep).get(reverse("api:forums_list")).status_code == 403
    add = client_for(cast.forum_member).post(
        reverse("api:forums_member_add", args=[rekom_forum.pk]),
        {"name": "X", "representation": "ks", "period_from": "2025-01-01"},
        content_type="application/json",
        **key_header(),
    )
    assert add.status_code == 403


def test_the_plan_is_404_until_written(cast, rekom_forum, client_for):
    client = client_for(cast.forum_member)
    assert client.get(reverse("api:forums_plan", args=[rekom_forum.pk])).status_code == 404
    assert client.get(reverse("api:forums_plan_versions", args=[rekom_forum.pk])).json() == []

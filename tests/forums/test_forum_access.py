"""Who sees which forum: Udir all, caseworkers their office's, members their
own; other offices, owners and outsiders get 403 with a reason."""

import pytest
from django.urls import reverse

from tests.factories import ForumFactory, office


def test_the_forum_list_is_scoped_to_the_user(cast, client_for):
    bergen_forum = ForumFactory(name="Samarbeidsforum Hordaland sør")
    rogaland_page = client_for(cast.other_caseworker).get(reverse("forums:list")).content.decode()
    assert "Samarbeidsforum Rogaland" in rogaland_page
    assert "Samarbeidsforum Vestland" not in rogaland_page
    member_page = client_for(cast.forum_member).get(reverse("forums:list")).content.decode()
    assert "Samarbeidsforum Vestland" in member_page
    assert bergen_forum.name not in member_page
    assert "Samarbeidsforum Rogaland" not in member_page
    caseworker_page = client_for(cast.caseworker).get(reverse("forums:list")).content.decode()
    assert bergen_forum.name in caseworker_page
    udir_page = client_for(cast.udir).get(reverse("forums:list")).content.decode()
    assert "Samarbeidsforum Rogaland" in udir_page and bergen_forum.name in udir_page


def test_a_forum_member_sees_only_their_own_forum(cast, client_for):
    other = ForumFactory(name="Samarbeidsforum Sunnfjord", office=office("vestland"))
    client = client_for(cast.forum_member)
    assert client.get(reverse("forums:detail", args=[cast.forum.pk])).status_code == 200
    assert client.get(reverse("forums:detail", args=[other.pk])).status_code == 403
    assert client.get(reverse("forums:plan", args=[other.pk])).status_code == 403


def test_caseworker_of_another_office_gets_403_with_the_reason(cast, client_for):
    response = client_for(cast.other_caseworker).get(reverse("forums:detail", args=[cast.forum.pk]))
    assert response.status_code == 403
    assert "et annet forum eller embete" in response.content.decode()


@pytest.mark.parametrize(
    "persona",
    ["owner_rep", "other_owner_rep", "uh_rep", "unit_leader", "network_coordinator", "outsider"],
)
def test_owners_and_outsiders_see_nothing_of_the_forum(cast, client_for, persona, full_forum):
    client = client_for(getattr(cast, persona))
    for url in (
        reverse("forums:list"),
        reverse("forums:detail", args=[full_forum.pk]),
        reverse("forums:plan", args=[full_forum.pk]),
    ):
        assert client.get(url).status_code == 403


def test_an_anonymous_visitor_is_sent_to_log_in(client, cast):
    response = client.get(reverse("forums:detail", args=[cast.forum.pk]))
    assert response.status_code == 302
    assert "/konto/logg-inn/" in response["Location"]


def test_the_menu_shows_forums_only_to_those_who_may_see_them(cast, client_for):
    assert 'href="/forum/"' in client_for(cast.forum_member).get("/").content.decode()
    assert 'href="/forum/"' not in client_for(cast.owner_rep).get("/").content.decode()

"""A caseworker (her office's forums) or Udir creates a forum and changes its
name, counties and schemes; each change is a history event. Counties belong
to the forum's office, a scheme is chosen once, the name is required and
unique within the office."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from kompetansemidler.forums.services import forum_change, forum_create, forum_member_add
from kompetansemidler.history.models import Event
from kompetansemidler.registry.models import Forum
from kompetansemidler.schemes.models import Scheme
from tests.factories import county
from tests.support.keys import with_key

from .conftest import START


def schemes(*codes):
    return [Scheme.objects.get(code=code) for code in codes]


def create(actor, office, **changes):
    data = {"name": "Samarbeidsforum Sunnfjord", "counties": [county("46")], "schemes": []}
    return forum_create(actor=actor, office=office, **{**data, **changes})


def test_a_caseworker_creates_a_forum_for_her_office(cast, rekom_forum):
    forum = create(
        cast.caseworker,
        cast.vestland,
        name="  Samarbeidsforum   Sunnfjord ",
        schemes=schemes("rekom", "dekom"),
    )
    assert forum.name == "Samarbeidsforum Sunnfjord"
    assert list(forum.counties.all()) == [county("46")]
    assert sorted(forum.schemes.values_list("scheme__code", flat=True)) == ["dekom", "rekom"]
    event = Event.objects.for_object(forum).get()
    assert event.kind == "forum.created"
    assert event.office == cast.vestland
    assert event.after["counties"] == ["46"]
    assert "FORUM_MISSING_UH" in event.after["composition"]


def test_udir_creates_a_forum_for_any_office(cast):
    forum = create(cast.udir, cast.rogaland, counties=[county("11")])
    assert forum.office == cast.rogaland


def test_a_caseworker_cannot_create_a_forum_for_another_office(cast):
    with pytest.raises(PermissionDenied):
        create(cast.caseworker, cast.rogaland, counties=[county("11")])
    assert not Forum.objects.filter(name="Samarbeidsforum Sunnfjord").exists()


@pytest.mark.parametrize("persona", ["forum_member", "owner_rep", "uh_rep", "outsider"])
def test_others_cannot_create_forums(cast, persona):
    with pytest.raises(PermissionDenied):
        create(getattr(cast, persona), cast.vestland)


def test_every_problem_is_reported_at_once(cast):
    rekom = schemes("rekom")[0]
    with pytest.raises(ValidationError) as excinfo:
        create(
            cast.udir,
            cast.vestland,
            name=" ",
            counties=[county("11")],
            schemes=[rekom, rekom],
        )
    errors = excinfo.value.message_dict
    assert set(errors) == {"name", "counties", "schemes"}
    assert "Rogaland" in errors["counties"][0]
    assert "mer enn én gang" in errors["schemes"][0]


def test_a_forum_needs_a_county(cast):
    with pytest.raises(ValidationError) as excinfo:
        create(cast.caseworker, cast.vestland, counties=[])
    assert set(excinfo.value.message_dict) == {"counties"}


def test_a_name_already_used_at_the_office_is_refused(cast):
    with pytest.raises(ValidationError) as excinfo:
        create(cast.caseworker, cast.vestland, name="samarbeidsforum vestland")
    assert "har allerede et forum" in excinfo.value.message_dict["name"][0]


def test_a_change_records_before_and_after(cast, rekom_forum):
    forum_change(
        actor=cast.caseworker,
        forum=rekom_forum,
        name="Samarbeidsforum Vestland nord",
        counties=[county("46")],
        schemes=schemes("rekom"),
    )
    rekom_forum.refresh_from_db()
    assert rekom_forum.name == "Samarbeidsforum Vestland nord"
    event = Event.objects.for_object(rekom_forum).get(kind="forum.changed")
    assert event.before["schemes"] == ["dekom", "rekom"]
    assert event.after["schemes"] == ["rekom"]
    assert event.before["name"] == "Samarbeidsforum Vestland"


def test_a_change_that_changes_nothing_records_nothing(cast, rekom_forum):
    forum_change(
        actor=cast.caseworker,
        forum=rekom_forum,
        name=rekom_forum.name,
        counties=[county("46")],
        schemes=schemes("rekom", "dekom"),
    )
    assert not Event.objects.for_object(rekom_forum).filter(kind="forum.changed").exists()


def test_a_caseworker_of_another_office_cannot_change_the_forum(cast):
    with pytest.raises(PermissionDenied):
        forum_change(
            actor=cast.other_caseworker,
            forum=cast.forum,
            name="Overteke",
            counties=[county("46")],
            schemes=[],
        )


def test_udir_adds_a_member(cast, bodies):
    member = forum_member_add(
        actor=cast.udir,
        forum=cast.forum,
        name="Kari KS",
        representation="ks",
        organisation=bodies["ks"],
        period_from=START,
    )
    assert member.approved_by == cast.udir


# The pages.


def test_a_caseworker_creates_a_forum_through_the_page(cast, client_for):
    client = client_for(cast.caseworker)
    page = client.get(reverse("forums:create")).content.decode()
    assert 'name="idempotency_key"' in page
    assert "Rogaland" not in page  # only her office's counties
    data = with_key(
        office=cast.vestland.pk,
        name="Samarbeidsforum Sunnfjord",
        counties=[county("46").pk],
        schemes=[s.pk for s in schemes("rekom")],
    )
    first = client.post(reverse("forums:create"), data)
    second = client.post(reverse("forums:create"), data)
    forum = Forum.objects.get(name="Samarbeidsforum Sunnfjord")
    assert first.status_code == second.status_code == 302
    assert first["Location"] == reverse("forums:detail", args=[forum.pk])
    assert Event.objects.filter(kind="forum.created").count() == 1


@pytest.mark.parametrize(
    ("changes", "words"),
    [
        ({"name": ""}, "Oppgi navnet på forumet"),
        ({"counties": []}, "Velg minst ett fylke"),
        ({"office": "rogaland"}, "gyldig"),
    ],
)
def test_bad_input_on_the_page_is_shown_with_its_reason(cast, client_for, changes, words):
    data = {
        "office": cast.vestland.pk,
        "name": "Samarbeidsforum Sunnfjord",
        "counties": [county("46").pk],
        **changes,
    }
    response = client_for(cast.udir).post(reverse("forums:create"), with_key(data))
    assert response.status_code == 200
    assert words in response.content.decode()
    assert not Forum.objects.filter(name="Samarbeidsforum Sunnfjord").exists()


def test_a_caseworker_cannot_send_another_offices_county(cast, client_for):
    data = with_key(office=cast.vestland.pk, name="Forum X", counties=[county("11").pk])
    response = client_for(cast.caseworker).post(reverse("forums:create"), data)
    assert response.status_code == 200
    assert not Forum.objects.filter(name="Forum X").exists()


def test_the_edit_page_changes_name_counties_and_schemes(cast, client_for, rekom_forum):
    response = client_for(cast.udir).post(
        reverse("forums:edit", args=[rekom_forum.pk]),
        {
            "office": cast.vestland.pk,
            "name": "Samarbeidsforum Vestland sør",
            "counties": [county("46").pk],
            "schemes": [s.pk for s in schemes("kompetanseloftet")],
        },
    )
    assert response.status_code == 302
    rekom_forum.refresh_from_db()
    assert rekom_forum.name == "Samarbeidsforum Vestland sør"
    assert list(rekom_forum.schemes.values_list("scheme__code", flat=True)) == ["kompetanseloftet"]


@pytest.mark.parametrize("persona", ["other_caseworker", "forum_member", "owner_rep"])
def test_others_get_403_on_the_edit_page(cast, client_for, persona):
    client = client_for(getattr(cast, persona))
    url = reverse("forums:edit", args=[cast.forum.pk])
    assert client.get(url).status_code == 403
    response = client.post(url, {"name": "Overteke", "counties": [county("46").pk]})
    assert response.status_code == 403
    cast.forum.refresh_from_db()
    assert cast.forum.name == "Samarbeidsforum Vestland"


def test_an_unknown_forum_is_404(cast, client_for):
    assert client_for(cast.udir).get(reverse("forums:edit", args=[999999])).status_code == 404


def test_the_menu_offers_a_new_forum_to_caseworkers_and_udir(cast, client_for):
    url = reverse("forums:create")
    assert f'href="{url}"' in client_for(cast.caseworker).get("/").content.decode()
    assert f'href="{url}"' in client_for(cast.udir).get("/").content.decode()
    assert f'href="{url}"' not in client_for(cast.forum_member).get("/").content.decode()

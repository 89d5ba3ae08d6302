"""Caseworkers of the forum's office approve members; every change is a
history event carrying the composition after it."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from kompetansemidler.core.workflow import STATE_REFUSED, ServiceRefused
from kompetansemidler.forums.models import ForumMember
from kompetansemidler.forums.services import forum_member_add, forum_member_end
from kompetansemidler.history.models import Event
from tests.support.keys import with_key


def test_caseworker_adds_a_member_through_the_form_and_an_event_is_written(
    cast,
    bodies,
    rekom_forum,
    client_for,
):
    response = client_for(cast.caseworker).post(
        reverse("forums:member_add", args=[rekom_forum.pk]),
        with_key(
            name="Kari  Nordmann",
            representation="ks",
            organisation=bodies["ks"].pk,
            votes="on",
            period_from="2025-01-01",
        ),
    )
    assert response.status_code == 302
    member = ForumMember.objects.get(forum=rekom_forum)
    assert (member.name, member.representation, member.approved_by) == (
        "Kari Nordmann",
        "ks",
        cast.caseworker,
    )
    event = Event.objects.for_object(member).get()
    assert event.kind == "forum.member_added"
    assert event.actor == cast.caseworker
    assert event.office == cast.vestland
    assert "FORUM_MISSING_KS" not in event.after["composition"]
    assert "FORUM_MISSING_PBL" in event.after["composition"]


def test_ending_a_membership_records_before_and_after_and_cannot_be_done_twice(
    cast,
    full_forum,
):
    member = ForumMember.objects.get(forum=full_forum, representation="ks")
    forum_member_end(actor=cast.caseworker, member=member, on=date(2025, 6, 30))
    member.refresh_from_db()
    assert member.period_to == date(2025, 6, 30)
    event = Event.objects.for_object(member).get(kind="forum.member_ended")
    assert event.before["period_to"] is None
    assert event.after["period_to"] == "2025-06-30"
    assert "FORUM_MISSING_KS" in event.after["composition"]
    with pytest.raises(ServiceRefused) as refused:
        forum_member_end(actor=cast.caseworker, member=member, on=date(2025, 7, 1))
    assert refused.value.code == STATE_REFUSED
    assert refused.value.message == "Dette medlemskapet er allerede avsluttet."
    assert Event.objects.for_object(member).filter(kind="forum.member_ended").count() == 1


def test_ending_an_ended_membership_says_so_on_the_page(cast, full_forum, client_for):
    member = ForumMember.objects.get(forum=full_forum, representation="ks")
    forum_member_end(actor=cast.caseworker, member=member, on=date(2025, 6, 30))
    response = client_for(cast.caseworker).post(
        reverse("forums:member_end", args=[member.pk]), {"on": "2025-07-31"}
    )
    assert response.status_code == 200
    assert "Dette medlemskapet er allerede avsluttet." in response.content.decode()
    member.refresh_from_db()
    assert member.period_to == date(2025, 6, 30)


def test_a_membership_cannot_end_before_it_started(cast, full_forum):
    member = ForumMember.objects.get(forum=full_forum, representation="pbl")
    with pytest.raises(ServiceRefused) as refused:
        forum_member_end(actor=cast.caseworker, member=member, on=date(2023, 12, 31))
    assert (refused.value.code, refused.value.field) == ("end_before_start", "period_to")


def test_the_secretariat_is_refused_a_vote_and_nothing_typed_is_lost(cast, rekom_forum, client_for):
    response = client_for(cast.caseworker).post(
        reverse("forums:member_add", args=[rekom_forum.pk]),
        with_key(
            name="Sigrid Sekretær",
            representation="secretariat",
            votes="on",
            period_from="2025-01-01",
        ),
    )
    assert response.status_code == 200
    assert "never has a vote" in response.content.decode() or "aldri stemmerett" in (
        response.content.decode()
    )
    assert 'value="Sigrid Sekretær"' in response.content.decode()
    assert not ForumMember.objects.exists()


def test_the_kindergarten_authority_needs_its_municipality(cast, rekom_forum):
    with pytest.raises(ValidationError) as raised:
        forum_member_add(
            actor=cast.caseworker,
            forum=rekom_forum,
            name="Vera Voss",
            representation="kindergarten_authority",
            period_from=date(2025, 1, 1),
        )
    assert "municipality" in raised.value.message_dict


def test_an_organisation_must_fit_the_representation(cast, rekom_forum):
    with pytest.raises(ValidationError) as raised:
        forum_member_add(
            actor=cast.caseworker,
            forum=rekom_forum,
            name="Ola",
            representation="private_owner",
            organisation=cast.owner,
            period_from=date(2025, 1, 1),
        )
    assert "organisation" in raised.value.message_dict


def test_caseworker_of_another_office_cannot_add_members(cast, rekom_forum, client_for):
    url = reverse("forums:member_add", args=[rekom_forum.pk])
    assert client_for(cast.other_caseworker).get(url).status_code == 403
    assert (
        client_for(cast.other_caseworker)
        .post(url, with_key(name="X", representation="ks", period_from="2025-01-01"))
        .status_code
        == 403
    )
    assert not ForumMember.objects.exists()


def test_a_forum_member_cannot_approve_members(cast, rekom_forum, client_for):
    url = reverse("forums:member_add", args=[rekom_forum.pk])
    assert client_for(cast.forum_member).get(url).status_code == 403


def test_a_member_form_sent_twice_adds_the_member_once(cast, rekom_forum, client_for):
    client = client_for(cast.caseworker)
    url = reverse("forums:member_add", args=[rekom_forum.pk])
    data = with_key(name="Kari Nordmann", representation="secretariat", period_from="2025-01-01")
    first, second = client.post(url, data), client.post(url, data)
    assert first.status_code == second.status_code == 302
    assert second["Idempotent-Replayed"] == "true"
    assert ForumMember.objects.filter(forum=rekom_forum).count() == 1


def test_a_member_posted_without_its_key_is_refused_and_not_added(cast, rekom_forum, client_for):
    response = client_for(cast.caseworker).post(
        reverse("forums:member_add", args=[rekom_forum.pk]),
        {"name": "Kari Nordmann", "representation": "secretariat", "period_from": "2025-01-01"},
    )
    assert response.status_code == 400
    assert not ForumMember.objects.exists()

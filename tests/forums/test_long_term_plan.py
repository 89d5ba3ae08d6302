"""The long-term plan: every change is a new version copied from the previous;
old versions stay readable; a stale save is refused."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from kompetansemidler.forums.models import LongTermPlan
from kompetansemidler.forums.services import long_term_plan_save_version
from kompetansemidler.history.models import Event
from kompetansemidler.schemes.models import Scheme


def plan_form(**overrides):
    data = {
        "based_on_version": "",
        "from_year": "2024",
        "to_year": "2027",
        "adopted_on": "2024-02-01",
        "summary": "Felles plan for Vestland.",
        "change_note": "",
        "priority-TOTAL_FORMS": "2",
        "priority-INITIAL_FORMS": "0",
        "priority-0-code": "P1",
        "priority-0-text": "Inkluderende fellesskap",
        "priority-1-code": "P2",
        "priority-1-text": "Språk og lesing",
        "frame-TOTAL_FORMS": "1",
        "frame-INITIAL_FORMS": "0",
        "frame-0-year": "2025",
        "frame-0-scheme": str(Scheme.objects.get(code="rekom").pk),
        "frame-0-amount": "12500000",
    }
    return {**data, **overrides}


def test_a_forum_member_writes_the_first_version(cast, full_forum, client_for):
    client = client_for(cast.forum_member)
    response = client.post(reverse("forums:plan_edit", args=[full_forum.pk]), plan_form())
    assert response.status_code == 302
    plan = LongTermPlan.objects.get(forum=full_forum)
    assert (plan.version, plan.from_year, plan.to_year) == (1, 2024, 2027)
    assert [(p.code, p.text) for p in plan.priorities.all()] == [
        ("P1", "Inkluderende fellesskap"),
        ("P2", "Språk og lesing"),
    ]
    assert plan.frames.get().amount == Decimal(12_500_000)
    assert Event.objects.for_object(plan).get().kind == "forum.plan_version_saved"
    page = client.get(reverse("forums:plan", args=[full_forum.pk])).content.decode()
    assert "Inkluderende fellesskap" in page and "12" in page


def test_a_new_version_copies_the_previous_and_the_old_one_stays_readable(
    cast,
    full_forum,
    client_for,
):
    rekom = Scheme.objects.get(code="rekom")
    first = long_term_plan_save_version(
        actor=cast.caseworker,
        forum=full_forum,
        based_on_version=None,
        from_year=2024,
        to_year=2027,
        priorities=[("P1", "Inkluderende fellesskap")],
        frames={(2025, rekom): Decimal(10_000_000)},
    )
    second = long_term_plan_save_version(
        actor=cast.forum_member,
        forum=full_forum,
        based_on_version=1,
        from_year=2024,
        to_year=2028,
        change_note="Forlenga til 2028",
    )
    assert second.version == 2
    assert [p.code for p in second.priorities.all()] == ["P1"]
    assert second.frames.get().amount == Decimal(10_000_000)
    first.refresh_from_db()
    assert first.to_year == 2027
    client = client_for(cast.forum_member)
    old = client.get(reverse("forums:plan_version", args=[full_forum.pk, 1])).content.decode()
    assert "2024–2027" in old and "tidligere versjon" in old
    history = client.get(reverse("forums:plan_history", args=[full_forum.pk])).content.decode()
    assert "Forlenga til 2028" in history and "Versjon 1" in history
    event = Event.objects.for_object(second).get()
    assert event.before["to_year"] == 2027 and event.after["to_year"] == 2028


def test_a_stale_save_is_refused_and_what_was_typed_is_kept(cast, full_forum, client_for):
    long_term_plan_save_version(
        actor=cast.caseworker, forum=full_forum, based_on_version=None, from_year=2024, to_year=2027
    )
    long_term_plan_save_version(
        actor=cast.caseworker,
        forum=full_forum,
        based_on_version=1,
        from_year=2024,
        to_year=2027,
        change_note="Siri endra",
    )
    response = client_for(cast.forum_member).post(
        reverse("forums:plan_edit", args=[full_forum.pk]),
        plan_form(based_on_version="1", summary="Mitt utkast som ikkje må forsvinne"),
    )
    assert response.status_code == 200
    text = response.content.decode()
    assert "versjon 2" in text
    assert "Mitt utkast som ikkje må forsvinne" in text
    assert LongTermPlan.objects.filter(forum=full_forum).count() == 2


def test_a_frame_outside_the_period_and_a_half_filled_row_are_refused(
    cast,
    full_forum,
    client_for,
):
    client = client_for(cast.caseworker)
    url = reverse("forums:plan_edit", args=[full_forum.pk])
    outside = client.post(url, plan_form(**{"frame-0-year": "2031"}))
    assert outside.status_code == 200
    half = client.post(url, plan_form(**{"frame-0-amount": ""}))
    assert half.status_code == 200
    assert not LongTermPlan.objects.exists()


def test_duplicate_priority_codes_are_refused(cast, full_forum):
    with pytest.raises(ValidationError):
        long_term_plan_save_version(
            actor=cast.caseworker,
            forum=full_forum,
            based_on_version=None,
            from_year=2024,
            to_year=2027,
            priorities=[("P1", "a"), ("P1", "b")],
        )

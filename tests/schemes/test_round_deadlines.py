"""A round's deadlines are corrected after opening by its own office, with a reason
kept in the history (old → new); issued decisions keep what their letters state."""

import datetime

import pytest
from django.urls import reverse

from kompetansemidler.core.workflow import ServiceRefused
from kompetansemidler.history.models import Event
from kompetansemidler.schemes.models import Round
from kompetansemidler.schemes.services import allocation_enter, round_deadlines_correct
from tests.decisions.objects import issued_decision
from tests.support.keys import with_key

from .conftest import deadlines


def form(year=2026, **changes) -> dict:
    values = {k: v.isoformat() for k, v in deadlines(year).items()}
    return {**values, "reason": "Forumsmøtet er flytta", **changes}


def test_the_office_corrects_a_deadline_and_the_history_keeps_old_and_new(
    cast, client_for, make_round
):
    round_ = make_round()
    response = client_for(cast.caseworker).post(
        reverse("schemes:round_deadlines_edit", args=[round_.pk]),
        with_key(form(recommendation_deadline="2026-01-20")),
    )
    assert response.status_code == 302
    round_.refresh_from_db()
    assert round_.recommendation_deadline == datetime.date(2026, 1, 20)
    assert round_.needs_deadline == datetime.date(2025, 11, 1)
    event = Event.objects.for_object(round_).get(kind="round.deadlines_corrected")
    assert event.before == {"recommendation_deadline": "2025-12-15"}
    assert event.after == {"recommendation_deadline": "2026-01-20"}
    assert event.summary == "Forumsmøtet er flytta" and event.actor == cast.caseworker
    page = client_for(cast.caseworker).get(reverse("schemes:round_detail", args=[round_.pk]))
    assert "rettet rundens frister" in page.text and "Forumsmøtet er flytta" in page.text
    assert "round.deadlines_corrected" not in page.text
    assert "Frist for innstillingen endret fra 15.12.2025 til 20.01.2026" in page.text


def test_another_office_cannot_correct_the_deadlines(cast, client_for, make_round):
    round_ = make_round()
    url = reverse("schemes:round_deadlines_edit", args=[round_.pk])
    assert client_for(cast.other_caseworker).get(url).status_code == 403
    response = client_for(cast.other_caseworker).post(
        url, with_key(form(needs_deadline="2025-11-20"))
    )
    assert response.status_code == 403
    assert Round.objects.get(pk=round_.pk).needs_deadline == datetime.date(2025, 11, 1)


def test_a_reason_and_the_order_of_the_deadlines_are_required(cast, client_for, make_round):
    round_ = make_round()
    response = client_for(cast.caseworker).post(
        reverse("schemes:round_deadlines_edit", args=[round_.pk]),
        with_key(form(reason="", decision_deadline="2025-12-01")),
    )
    assert response.status_code == 400
    assert 'value="2025-12-01"' in response.text
    with pytest.raises(ServiceRefused) as refused:
        round_deadlines_correct(
            actor=cast.caseworker,
            round=round_,
            deadlines={**deadlines(2026), "decision_deadline": datetime.date(2025, 12, 1)},
            reason="  ",
        )
    assert {f.field for f in refused.value.findings} == {"decision_deadline", "reason"}
    assert not Event.objects.filter(kind="round.deadlines_corrected").exists()


def test_nothing_changed_is_refused(cast, make_round):
    round_ = make_round()
    with pytest.raises(ServiceRefused) as refused:
        round_deadlines_correct(
            actor=cast.caseworker, round=round_, deadlines=deadlines(2026), reason="Ingen endring"
        )
    assert refused.value.code == "unchanged"


def test_the_round_form_for_an_allocation_has_no_frame_field(cast, client_for, schemes):
    entry = allocation_enter(
        actor=cast.udir,
        office=cast.vestland,
        scheme=schemes["rekom"],
        year=2027,
        kind="initial",
        amount=40_000_000,
        dated=datetime.date(2026, 10, 1),
        reason="Tildelingsbrev",
    )
    client = client_for(cast.caseworker)
    plain = client.get(reverse("schemes:round_create"))
    assert 'name="frame"' in plain.text
    assert f"?allocation={entry.allocation_id}" in plain.text
    url = reverse("schemes:round_create") + f"?allocation={entry.allocation_id}"
    page = client.get(url)
    assert 'name="frame"' not in page.text and 'id="frame-from-allocation"' in page.text
    response = client.post(url, form(2027, frame="1"))
    assert response.status_code == 302
    round_ = Round.objects.get(year=2027, office=cast.vestland)
    assert round_.frame == 40_000_000 and round_.scheme.code == "rekom"
    other = client_for(cast.other_caseworker).get(url)
    assert 'name="frame"' in other.text


def test_an_issued_decision_keeps_the_reporting_deadline_its_letter_states(cast):
    decision = issued_decision(cast)
    round_ = decision.round
    stated = decision.reporting_deadline
    later = stated + datetime.timedelta(days=30)
    round_deadlines_correct(
        actor=cast.caseworker,
        round=round_,
        deadlines={
            "needs_deadline": round_.needs_deadline,
            "recommendation_deadline": round_.recommendation_deadline,
            "decision_deadline": round_.decision_deadline,
            "annual_report_deadline": later,
        },
        reason="Udir har flytta rapporteringsfristen",
    )
    round_.refresh_from_db()
    decision.refresh_from_db()
    assert round_.annual_report_deadline == later
    assert decision.reporting_deadline == stated

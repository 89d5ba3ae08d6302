import pytest
from django.urls import reverse

from kompetansemidler.core.workflow import STATE_REFUSED, ServiceRefused
from kompetansemidler.history.models import Event
from kompetansemidler.schemes.services import (
    ROUND_SERVICES,
    round_close,
    round_open_for_needs,
    round_start_deciding,
)
from kompetansemidler.schemes.workflow import WORKFLOW


def test_a_round_walks_through_every_phase_in_order_with_an_event_each(cast, make_round):
    round_ = make_round()
    for verb, transition in WORKFLOW.transitions.items():
        ROUND_SERVICES[verb](actor=cast.caseworker, round=round_)
        round_.refresh_from_db()
        assert round_.phase == transition.target
    assert round_.phase == "closed"
    events = list(Event.objects.for_object(round_).order_by("id"))
    assert [e.kind for e in events] == ["round.created"] + [
        f"round.{verb}" for verb in WORKFLOW.transitions
    ]
    assert events[1].before == {"phase": "planned"}
    assert events[1].after == {"phase": "open_for_needs"}
    assert all(e.office == cast.vestland for e in events)


def test_a_step_from_the_wrong_phase_is_refused_with_the_reason(cast, make_round):
    round_ = make_round()
    with pytest.raises(ServiceRefused) as refused:
        round_start_deciding(actor=cast.caseworker, round=round_)
    assert refused.value.code == STATE_REFUSED
    assert "Planned" in str(refused.value) or "Planlagt" in str(refused.value)
    round_.refresh_from_db()
    assert round_.phase == "planned"
    with pytest.raises(ServiceRefused):
        round_close(actor=cast.caseworker, round=round_)
    round_open_for_needs(actor=cast.caseworker, round=round_)
    with pytest.raises(ServiceRefused):
        round_open_for_needs(actor=cast.caseworker, round=round_)
    assert Event.objects.for_object(round_).count() == 2


def test_the_caseworker_moves_the_round_from_its_page(cast, make_round, client_for):
    round_ = make_round()
    client = client_for(cast.caseworker)
    page = client.get(reverse("schemes:round_detail", args=[round_.pk]))
    assert "Åpne runden for behovsmeldinger" in page.text
    response = client.post(
        reverse("schemes:round_transition", args=[round_.pk, "open_for_needs"]), follow=True
    )
    assert "Runden er nå i fasen «Åpen for behovsmeldinger»." in response.text
    response = client.post(
        reverse("schemes:round_transition", args=[round_.pk, "close"]), follow=True
    )
    assert "dette steget kan bare tas fra «Rapportering»" in response.text
    round_.refresh_from_db()
    assert round_.phase == "open_for_needs"
    assert (
        client.post(reverse("schemes:round_transition", args=[round_.pk, "explode"])).status_code
        == 404
    )


def test_readers_cannot_move_a_round(cast, make_round, client_for):
    round_ = make_round()
    url = reverse("schemes:round_transition", args=[round_.pk, "open_for_needs"])
    for user in (
        cast.udir,
        cast.forum_member,
        cast.owner_rep,
        cast.other_caseworker,
        cast.outsider,
    ):
        assert client_for(user).post(url).status_code == 403
    round_.refresh_from_db()
    assert round_.phase == "planned"

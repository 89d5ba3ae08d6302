"""Changing a decision without an appeal (omgjøring, forvaltningsloven § 35): in
the recipient's favour at any time, to its detriment only when the notice has not
reached it or the decision is invalid, never below what is paid. And a recipient
declining its grant: the unpaid money goes back to the round."""

import datetime
from decimal import Decimal

import pytest

from kompetansemidler.core.workflow import ServiceRefused
from kompetansemidler.decisions.appeals import (
    appeal_decide,
    appeal_register,
    decision_decline,
    decision_reverse,
)
from kompetansemidler.decisions.letters import letter_issue
from kompetansemidler.decisions.models import Declination, NoticeKind
from kompetansemidler.decisions.selectors import available_in_round, decided_in_round
from kompetansemidler.history.models import Event
from kompetansemidler.schemes.models import Round
from tests.decisions.objects import payment_made as payment_register
from tests.needs.objects import vestland_round

from .objects import issued_decision

AMOUNTS = (Decimal(900_000), Decimal(450_000), Decimal(0))


def _issued(cast):
    decision = issued_decision(cast)
    letter_issue(actor=cast.caseworker, decision=decision)
    return decision


def _reverse(cast, decision, amounts, ground="favour", actor=None):
    return decision_reverse(
        actor=actor or cast.caseworker,
        decision=decision,
        amounts=amounts,
        reason="Rekneskapen viste ein feil.",
        ground=ground,
    )


def test_a_change_in_the_recipients_favour_is_made_at_any_time_with_a_new_letter(cast):
    decision = _issued(cast)
    changed = _reverse(cast, decision, (Decimal(950_000), Decimal(450_000), Decimal(0)))
    assert changed.amounts[0] == Decimal(950_000)
    assert [letter.version for letter in changed.letters.all()] == [2, 1]
    event = Event.objects.filter(object_id=str(decision.pk), kind="decision.reversed").get()
    assert event.after["ground"] == "favour" and event.after["detriment"] is False


def test_a_change_to_the_recipients_detriment_is_refused_once_it_is_notified(cast):
    decision = _issued(cast)
    with pytest.raises(ServiceRefused) as refused:
        _reverse(cast, decision, (Decimal(899_999), Decimal(450_000), Decimal(0)))
    assert refused.value.code == "detriment"
    assert "kreves pengene tilbake etter vilkårene i tilskuddsbrevet" in refused.value.message
    decision.refresh_from_db()
    assert decision.amounts == AMOUNTS and decision.letters.count() == 1


@pytest.mark.parametrize("ground", ["not_notified", "invalid"])
def test_a_change_to_the_detriment_is_made_on_the_ground_the_caseworker_states(cast, ground):
    decision = _issued(cast)
    changed = _reverse(cast, decision, (Decimal(800_000), Decimal(450_000), Decimal(0)), ground)
    assert changed.amounts[0] == Decimal(800_000)
    assert changed.letters.count() == 2


def test_a_change_to_the_detriment_stops_at_what_is_paid(cast):
    decision = _issued(cast)
    payment_register(
        actor=cast.caseworker,
        decision=decision,
        paid_on=datetime.date(2026, 6, 1),
        amount=Decimal(600_000),
    )
    # Exactly what is paid passes; one krone less would need a repayment claim.
    with pytest.raises(ServiceRefused) as refused:
        _reverse(cast, decision, (Decimal(599_999), Decimal(0), Decimal(0)), "invalid")
    assert refused.value.code == "below_paid"
    changed = _reverse(cast, decision, (Decimal(600_000), Decimal(0), Decimal(0)), "invalid")
    assert changed.total == Decimal(600_000)


def test_a_change_with_the_same_amounts_is_refused(cast):
    decision = _issued(cast)
    with pytest.raises(ServiceRefused) as refused:
        _reverse(cast, decision, AMOUNTS)
    assert refused.value.code == "unchanged"


def test_another_office_cannot_change_the_decision(cast):
    decision = _issued(cast)
    with pytest.raises(ServiceRefused) as refused:
        _reverse(
            cast,
            decision,
            (Decimal(950_000), Decimal(450_000), Decimal(0)),
            actor=cast.other_caseworker,
        )
    assert refused.value.code == "not_office"


# Declining


def test_the_recipient_declines_and_the_unpaid_money_returns_to_the_round(cast):
    later = vestland_round(cast, "dekom", 2027)
    decision = _issued(cast)
    round_ = decision.round
    payment_register(
        actor=cast.caseworker,
        decision=decision,
        paid_on=datetime.date(2026, 6, 1),
        amount=Decimal(300_000),
    )
    available, decided = available_in_round(round_), decided_in_round(round_)
    assert Round.objects.get(pk=later.pk).committed == Decimal(450_000)
    declination = decision_decline(actor=cast.owner_rep, decision=decision, reason="Ikkje behov")
    decision.refresh_from_db()
    assert decision.amounts == (Decimal(300_000), Decimal(0), Decimal(0))
    assert declination.released == ["600000", "450000", "0"]
    assert available_in_round(round_) == available + Decimal(600_000)
    assert decided_in_round(round_) == decided - Decimal(600_000)
    # The later year's commitment goes with it.
    assert Round.objects.get(pk=later.pk).committed == Decimal(0)
    assert decision.notices.get().kind == NoticeKind.DECLINED
    assert Event.objects.filter(object_id=str(decision.pk), kind="decision.declined").exists()


def test_the_office_records_a_declined_grant_on_the_recipients_behalf(cast):
    decision = _issued(cast)
    decision_decline(actor=cast.caseworker, decision=decision)
    decision.refresh_from_db()
    assert decision.total == Decimal(0)


@pytest.mark.parametrize("who", ["other_owner_rep", "other_caseworker", "udir", "outsider"])
def test_no_one_else_declines_a_grant(cast, who):
    decision = _issued(cast)
    with pytest.raises(ServiceRefused) as refused:
        decision_decline(actor=getattr(cast, who), decision=decision)
    assert refused.value.code == "not_recipient"
    assert not Declination.objects.exists()


def test_a_grant_is_declined_once_and_then_no_longer_changed(cast):
    decision = _issued(cast)
    decision_decline(actor=cast.owner_rep, decision=decision)
    with pytest.raises(ServiceRefused) as refused:
        decision_decline(actor=cast.owner_rep, decision=decision)
    assert refused.value.code == "declined"
    with pytest.raises(ServiceRefused) as refused:
        _reverse(cast, decision, (Decimal(10), Decimal(0), Decimal(0)))
    assert refused.value.code == "declined"
    appeal = appeal_register(
        actor=cast.caseworker,
        decision=decision,
        received_on=datetime.date.today(),
        summary="Likevel",
    )
    with pytest.raises(ServiceRefused):
        appeal_decide(
            actor=cast.caseworker,
            appeal=appeal,
            outcome="changed",
            note="x",
            amounts=(Decimal(10), Decimal(0), Decimal(0)),
        )

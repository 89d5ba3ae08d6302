"""An appeal cannot cut a decision below what is already paid: that would need a
repayment claim, which the system cannot make yet. The refusal names the paid sum."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from kompetansemidler.decisions.appeals import appeal_decide, appeal_register
from kompetansemidler.decisions.models import AppealOutcome
from kompetansemidler.decisions.services import ServiceRefused

from .objects import issued_decision, paid_payment

pytestmark = pytest.mark.django_db


def paid_and_appealed(cast, paid=Decimal(600_000)):
    decision = issued_decision(cast)
    paid_payment(cast, decision, paid_on=datetime.date(2026, 3, 1), amount=paid)
    appeal = appeal_register(
        actor=cast.caseworker, decision=decision, received_on=timezone.localdate(), summary="Klage"
    )
    return decision, appeal


def test_an_appeal_cannot_cut_the_decision_below_what_is_paid(cast):
    decision, appeal = paid_and_appealed(cast)
    with pytest.raises(ServiceRefused) as refused:
        appeal_decide(
            actor=cast.caseworker,
            appeal=appeal,
            outcome=AppealOutcome.CHANGED,
            note="Kutt",
            amounts=(Decimal(100_000), Decimal(0), Decimal(0)),
        )
    assert "600000" in str(refused.value) and "100000" in str(refused.value)
    decision.refresh_from_db()
    appeal.refresh_from_db()
    assert decision.amounts == (Decimal(900_000), Decimal(450_000), Decimal(0))
    assert appeal.outcome == AppealOutcome.PENDING


def test_an_appeal_may_cut_down_to_exactly_what_is_paid(cast):
    decision, appeal = paid_and_appealed(cast)
    appeal_decide(
        actor=cast.caseworker,
        appeal=appeal,
        outcome=AppealOutcome.CHANGED,
        note="Kutt til utbetalt",
        amounts=(Decimal(600_000), Decimal(0), Decimal(0)),
    )
    decision.refresh_from_db()
    assert decision.total == Decimal(600_000)


def test_the_page_shows_the_refusal_with_the_paid_sum_and_keeps_the_form(cast, client_for):
    decision, appeal = paid_and_appealed(cast)
    response = client_for(cast.caseworker).post(
        reverse("decisions:appeal_outcome", args=[decision.pk, appeal.pk]),
        {
            "o-outcome": "changed",
            "o-note": "Kutt",
            "o-amount_year1": "100000",
            "o-amount_year2": "0",
            "idempotency_key": "cut-below-paid",
        },
    )
    assert response.status_code == 400
    assert "600000" in response.content.decode()
    assert decision.letters.count() == 0

"""Saving and issuing a decision, and changing it after an appeal with its new
letter, are each one service call in one transaction: a refusal or a failure
halfway leaves nothing half done."""

from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from kompetansemidler.decisions import letters
from kompetansemidler.decisions.appeals import appeal_decide, appeal_register
from kompetansemidler.decisions.models import AppealOutcome, Decision, DecisionState
from tests.support.keys import with_key

from .objects import approver, draft_decision, issued_decision


def test_a_refused_issue_saves_nothing_of_the_draft_either(cast, client_for):
    decision = draft_decision(cast)
    data = {
        **{f"d-amount_year{i}": str(int(a)) for i, a in enumerate(decision.amounts, start=1)},
        "d-conditions": "Nye vilkår",
        "d-reasons": decision.reasons,
        "d-justification": decision.justification,
        # One criterion left unconfirmed: the issue is refused.
        "d-check_c1": "on",
        "d-check_c2": "on",
        "d-check_c3": "on",
        "issue": "1",
    }
    response = client_for(cast.caseworker).post(
        reverse("decisions:update", args=[decision.pk]), with_key(data)
    )
    assert response.status_code == 400
    assert "Bekreft" in response.text or "Stadfest" in response.text or "Confirm" in response.text
    decision.refresh_from_db()
    assert decision.state == DecisionState.DRAFT
    assert decision.conditions != "Nye vilkår"


def test_an_approver_who_changes_the_draft_cannot_issue_it_in_the_same_post(cast, client_for):
    """Changing the draft makes her its preparer: approving her own change would be
    one person alone, so the issue is refused and the change is not saved either."""
    decision = draft_decision(cast)
    data = {
        **{f"d-amount_year{i}": str(int(a)) for i, a in enumerate(decision.amounts, start=1)},
        "d-conditions": "Nye vilkår",
        "d-reasons": decision.reasons,
        "d-justification": decision.justification,
        **{f"d-check_{key}": "on" for key in ("c1", "c2", "c3", "money")},
        "issue": "1",
    }
    response = client_for(approver(cast)).post(
        reverse("decisions:update", args=[decision.pk]), with_key(data)
    )
    assert response.status_code == 400
    decision.refresh_from_db()
    assert decision.state == DecisionState.DRAFT
    assert decision.conditions != "Nye vilkår"
    assert decision.prepared_by == cast.caseworker


def test_a_changed_decision_whose_letter_fails_stays_as_it_was(cast, monkeypatch):
    decision = issued_decision(cast)
    appeal = appeal_register(
        actor=cast.caseworker,
        decision=decision,
        received_on=timezone.localdate(),
        summary="Vi treng meir",
    )

    def broken(*args, **kwargs):
        raise RuntimeError("the letter could not be rendered")

    monkeypatch.setattr(letters, "letter_pdf", broken)
    with pytest.raises(RuntimeError):
        appeal_decide(
            actor=cast.caseworker,
            appeal=appeal,
            outcome=AppealOutcome.CHANGED,
            note="Nye opplysningar.",
            amounts=(Decimal(950_000), Decimal(450_000), Decimal(0)),
        )
    decision = Decision.objects.get(pk=decision.pk)
    assert decision.state == DecisionState.ISSUED
    assert decision.amount_year1 != Decimal(950_000)
    appeal.refresh_from_db()
    assert appeal.outcome == AppealOutcome.PENDING

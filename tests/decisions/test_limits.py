"""The hard limits, at their boundaries: a decision is never issued for more than the
recommendation without a justification, nor beyond the round's available money, and
payments never add up to more than the decision."""

import datetime
from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction

from kompetansemidler.core.workflow import ServiceRefused
from kompetansemidler.decisions.models import DecisionState, Payment
from kompetansemidler.decisions.payments import payment_register
from kompetansemidler.decisions.services import (
    REFUSED_AVAILABLE,
    REFUSED_CHECKLIST,
    REFUSED_DEVIATION,
    decision_issue,
    decision_update,
)
from kompetansemidler.schemes.models import Commitment

from .objects import approver, draft_decision, issued_decision

CHECKED = {"c1": True, "c2": True, "c3": True, "money": True}
TODAY = datetime.date(2026, 6, 1)


def _set(cast, decision, year1, justification=""):
    return decision_update(
        actor=cast.caseworker,
        decision=decision,
        amounts=(Decimal(year1), decision.amount_year2, decision.amount_year3),
        conditions="",
        reasons="",
        justification=justification,
        checklist=CHECKED,
    )


def test_exactly_the_recommended_amount_is_issued(cast):
    decision = draft_decision(cast)
    assert decision.amount_year1 == decision.recommended_year1 == Decimal(900_000)
    issued = decision_issue(actor=approver(cast), decision=decision)
    assert issued.state == DecisionState.ISSUED


def test_one_krone_over_the_recommendation_without_justification_is_refused(cast):
    decision = _set(cast, draft_decision(cast), 900_001)
    with pytest.raises(ServiceRefused) as refused:
        decision_issue(actor=approver(cast), decision=decision)
    assert refused.value.message == REFUSED_DEVIATION % {
        "recommended": Decimal(900_000),
        "amount": Decimal(900_001),
        "year": 1,
    }


def test_a_justified_deviation_is_issued(cast):
    decision = _set(cast, draft_decision(cast), 900_001, "Auka etter ny kostnadsoversikt.")
    assert decision_issue(actor=approver(cast), decision=decision).amount_year1 == 900_001


def test_beyond_the_available_money_is_refused_and_exactly_available_passes(cast):
    decision = draft_decision(cast)
    round_ = decision.round
    # Leave exactly the decision's amount available, then one krone less.
    Commitment.objects.create(
        round=round_, amount=round_.frame - Decimal(900_000) + 1, source="Eldre vedtak"
    )
    with pytest.raises(ServiceRefused) as refused:
        decision_issue(actor=approver(cast), decision=decision)
    assert refused.value.message == REFUSED_AVAILABLE % {
        "amount": Decimal(900_000),
        "available": Decimal(899_999),
    }
    Commitment.objects.filter(source="Eldre vedtak").update(amount=round_.frame - Decimal(900_000))
    assert decision_issue(actor=approver(cast), decision=decision).is_issued


def test_an_unconfirmed_checklist_item_refuses_issue(cast):
    decision = draft_decision(cast)
    decision_update(
        actor=cast.caseworker,
        decision=decision,
        amounts=decision.amounts,
        conditions="",
        reasons="",
        justification="",
        checklist={**CHECKED, "c3": False},
    )
    with pytest.raises(ServiceRefused) as refused:
        decision_issue(actor=approver(cast), decision=decision)
    assert refused.value.message == REFUSED_CHECKLIST


def test_payments_summing_exactly_to_the_years_amount_pass_and_one_krone_more_fails(cast):
    decision = issued_decision(cast)
    assert decision.amount_for_budget_year(2026) == Decimal(900_000)
    payment_register(
        actor=cast.caseworker, decision=decision, paid_on=TODAY, amount=Decimal(600_000)
    )
    payment_register(
        actor=cast.caseworker, decision=decision, paid_on=TODAY, amount=Decimal(300_000)
    )
    with pytest.raises(ServiceRefused) as refused:
        payment_register(actor=cast.caseworker, decision=decision, paid_on=TODAY, amount=Decimal(1))
    assert refused.value.message == (
        "Utbetalingen på 1 kroner er 1 kroner mer enn de 0 kronene som er igjen av beløpet "
        "vedtatt for 2026."
    )
    assert sum(p.amount for p in decision.payments.all()) == Decimal(900_000)


def test_a_draft_cannot_be_paid(cast):
    with pytest.raises(ServiceRefused):
        payment_register(
            actor=cast.caseworker, decision=draft_decision(cast), paid_on=TODAY, amount=Decimal(1)
        )


def test_the_database_refuses_a_payment_of_zero(cast):
    decision = issued_decision(cast)
    with pytest.raises(IntegrityError), transaction.atomic():
        Payment.objects.create(decision=decision, paid_on=TODAY, amount=Decimal(0))


def test_co_financing_for_a_dekom_owner_is_the_share_of_the_grant(cast):
    decision = draft_decision(cast)
    assert decision.round.rule_set.params.co_financing_share == Decimal("0.30")
    # 30 % of each budget year's grant: 900 000 in 2026 and 450 000 in 2027.
    assert decision.co_financings == (Decimal(270_000), Decimal(135_000), Decimal(0))
    assert decision.co_financing == Decimal(405_000)


def test_a_cut_allocation_below_what_is_bound_blocks_decisions_with_the_reason(cast):
    from kompetansemidler.schemes.models import SetAside

    decision = draft_decision(cast)
    round_ = decision.round
    # Set aside 1 000 more than the frame leaves after commitments: over-bound.
    SetAside.objects.create(
        round=round_,
        purpose="Tilretteleggingsmidlar",
        amount=round_.frame + 1_000,
        forum_decision_date=datetime.date(2025, 10, 20),
        forum_decision_text="Sak 12/25",
    )
    with pytest.raises(ServiceRefused) as refused:
        decision_issue(actor=cast.caseworker, decision=decision)
    assert refused.value.code == "overbound"
    assert [f.code for f in refused.value.findings] == ["ALLOCATION_OVERBOUND"]
    assert "1\xa0000 kroner mindre enn det som allerede er bundet" in refused.value.message
    decision.refresh_from_db()
    assert not decision.is_issued

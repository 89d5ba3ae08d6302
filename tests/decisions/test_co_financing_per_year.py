"""Dekom: the school owner finances at least 30 % (rule-set parameter) of each
budget year's grant itself, money through a network included. The decision
stores it per budget year, the page and the API show it per year, and issuing
refuses a year whose own financing is one krone short."""

from decimal import Decimal

import pytest
from django.urls import reverse

from kompetansemidler.core.workflow import ServiceRefused
from kompetansemidler.decisions.models import DecisionAmount
from kompetansemidler.decisions.services import co_financing_for, decision_issue
from kompetansemidler.recommendations.models import RecipientKind

from .objects import approver, draft_decision

pytestmark = pytest.mark.django_db

D = Decimal


def test_each_budget_year_carries_its_own_required_co_financing(cast):
    decision = draft_decision(cast)
    rows = [
        (r.budget_year, r.category, r.amount, r.co_financing) for r in decision.amount_rows_list
    ]
    assert rows == [
        (2026, "general", D(900_000), D(270_000)),
        (2027, "general", D(450_000), D(135_000)),
    ]
    assert decision.amount_for_budget_year(2027) == D(450_000)
    assert decision.amount_for_budget_year(2027, "facilitation") == D(0)
    assert decision.amount_for_budget_year(2028) == D(0)


def test_exactly_thirty_per_cent_of_each_year_passes(cast):
    decision = draft_decision(cast)
    assert decision_issue(actor=approver(cast), decision=decision).is_issued


def test_one_krone_under_in_a_later_year_is_refused_naming_the_year(cast):
    decision = draft_decision(cast)
    DecisionAmount.objects.filter(decision=decision, budget_year=2027).update(
        co_financing=D(134_999)
    )
    with pytest.raises(ServiceRefused) as refused:
        decision_issue(actor=approver(cast), decision=decision)
    assert [f.code for f in refused.value.findings] == ["CO_FINANCING_TOO_LOW_IN_YEAR"]
    message = refused.value.message.replace("\xa0", " ")
    assert "2027" in message and "135 000" in message


def test_money_through_a_network_is_co_financed_by_its_owners(cast):
    decision = draft_decision(cast)
    decision.recipient_kind = RecipientKind.NETWORK
    assert co_financing_for(decision, D(1_000_000)) == D(300_000)
    decision.recipient_kind = RecipientKind.UH
    assert co_financing_for(decision, D(1_000_000)) == D(0)


def test_the_decision_page_and_the_api_show_it_per_year(cast, client_for):
    decision = draft_decision(cast)
    client = client_for(cast.caseworker)
    page = client.get(reverse("decisions:detail", args=[decision.pk]))
    rows = [(row.year, row.decided, row.co_financing) for row in page.context["money_years"]]
    assert rows == [(2026, D(900_000), D(270_000)), (2027, D(450_000), D(135_000)), (2028, 0, 0)]
    body = client.get(reverse("api:decisions_detail", args=[decision.pk])).json()
    assert body["co_financing_per_year"] == [270_000, 135_000, 0]
    assert body["amounts_per_year_and_category"] == [
        {"budget_year": 2026, "category": "general", "amount": 900_000, "co_financing": 270_000},
        {"budget_year": 2027, "category": "general", "amount": 450_000, "co_financing": 135_000},
    ]

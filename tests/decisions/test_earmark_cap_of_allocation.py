"""The Rekom earmark cap is 30 % of the round's allocation, and the year's
earmarked money is counted once: earmarked set-asides, earmarked commitments
from earlier decisions (their later-year rows) and earmarked lines or decided
first-year amounts. Exactly at the cap passes, one krone over is refused with
a message naming the allocation and the cap."""

import datetime
from decimal import Decimal

import pytest

from kompetansemidler.core.workflow import ServiceRefused
from kompetansemidler.decisions.models import Decision, DecisionAmount, DecisionState
from kompetansemidler.decisions.services import decision_issue
from kompetansemidler.recommendations.facts import round_money
from kompetansemidler.recommendations.models import RecipientKind
from kompetansemidler.rules.recommendation import (
    OWNER,
    Line,
    RecommendationFacts,
    recommendation_findings,
)
from kompetansemidler.schemes.models import Round
from kompetansemidler.schemes.selectors import round_money_flow
from kompetansemidler.schemes.services import set_aside_add
from tests.factories import OrganisationFactory
from tests.needs.conftest import make_round

from .objects import approver, sent_recommendation

pytestmark = pytest.mark.django_db

D = Decimal
FORUM = {"forum_decision_date": datetime.date(2025, 10, 20), "forum_decision_text": "Sak 12/25"}


def set_aside(cast, round_, amount):
    return set_aside_add(
        actor=cast.caseworker,
        round=round_,
        purpose="Tilretteleggingsmidler 2026–2027",
        category="facilitation",
        amount=D(amount),
        **FORUM,
    )


def decision_with(cast, round_, rows, *, state=DecisionState.ISSUED, name="Eigar"):
    """A decision in ``round_`` with ``rows`` ((budget year, category) → kroner)."""
    decision = Decision.objects.create(
        round=round_,
        recommendation=sent_recommendation(cast),
        recipient_kind=RecipientKind.OWNER,
        recipient_organisation=OrganisationFactory(name=name),
        measures="Tilrettelegging for studium",
        reporting_deadline=datetime.date(round_.year + 1, 3, 1),
        state=state,
        justification="Fordelt frå avsetninga.",
        checklist={"c1": True, "c2": True, "c3": True, "money": True},
        prepared_by=cast.caseworker,
    )
    for (year, category), amount in rows.items():
        DecisionAmount.objects.create(
            decision=decision, budget_year=year, category=category, amount=D(amount)
        )
    return decision


@pytest.fixture
def rekom_2026(cast):
    """Vestland's Rekom 2026 with an allocation of 40 000 000 (the cap is 12 000 000)."""
    return make_round(cast.vestland, "rekom", 2026, frame=D(40_000_000))


@pytest.fixture
def earlier_commitment(cast, rekom_2026):
    """A 2025 decision granting 2 000 000 in facilitation funds for 2026 as well."""
    round_2025 = make_round(cast.vestland, "rekom", 2025, frame=D(30_000_000))
    return decision_with(
        cast,
        round_2025,
        {(2025, "facilitation"): 1_500_000, (2026, "facilitation"): 2_000_000},
        name="Eigar 2025",
    )


def test_twelve_million_set_aside_passes_and_one_krone_more_fails_naming_allocation_and_cap(
    cast, rekom_2026
):
    with pytest.raises(ServiceRefused) as refused:
        set_aside(cast, rekom_2026, 12_000_001)
    assert [f.code for f in refused.value.findings] == ["EARMARK_CAP_EXCEEDED"]
    message = refused.value.message.replace("\xa0", " ")
    assert "40 000 000" in message and "12 000 000" in message
    set_aside(cast, rekom_2026, 12_000_000)
    assert Round.objects.get(pk=rekom_2026.pk).available == D(28_000_000)


def test_an_earlier_decisions_earmarked_later_year_counts_against_the_cap(
    cast, rekom_2026, earlier_commitment
):
    flow = round_money_flow(rekom_2026)
    assert [(c.amount, c.category) for c in flow.commitments] == [(D(2_000_000), "facilitation")]
    with pytest.raises(ServiceRefused) as refused:
        set_aside(cast, rekom_2026, 10_000_001)
    message = refused.value.message.replace("\xa0", " ")
    assert "40 000 000" in message and "12 000 000" in message
    set_aside(cast, rekom_2026, 10_000_000)


def _earmarked_line(amount):
    return Line(
        line_id=1,
        recipient_kind=OWNER,
        recipient_id=1,
        amount=D(amount),
        owner_kind="public",
        category="facilitation",
    )


def test_the_recommendation_counts_the_earlier_commitment_and_the_set_aside_once(
    cast, rekom_2026, earlier_commitment
):
    set_aside(cast, rekom_2026, 6_000_000)
    money = round_money(rekom_2026)
    params = rekom_2026.rule_set.params
    # 12 000 000 − 6 000 000 set aside − 2 000 000 committed = 4 000 000 for the lines.
    at_cap = RecommendationFacts(scheme="rekom", lines=(_earmarked_line(4_000_000),))
    over = RecommendationFacts(scheme="rekom", lines=(_earmarked_line(4_000_001),))
    codes = {f.code for f in recommendation_findings(at_cap, money, params)}
    assert "EARMARK_CAP_EXCEEDED" not in codes
    [finding] = [
        f for f in recommendation_findings(over, money, params) if f.code == "EARMARK_CAP_EXCEEDED"
    ]
    assert finding.params["funds"] == D(40_000_000) and finding.params["cap"] == D(12_000_000)
    assert finding.params["earmarked"] == D(12_000_001)


def test_a_decision_issued_at_the_cap_passes_and_one_krone_over_is_refused(
    cast, rekom_2026, earlier_commitment
):
    set_aside(cast, rekom_2026, 9_000_000)
    # 9 000 000 set aside + 2 000 000 committed + 1 000 000 decided = 12 000 000.
    at_cap = decision_with(
        cast, rekom_2026, {(2026, "facilitation"): 1_000_000}, state=DecisionState.DRAFT
    )
    decision_issue(actor=approver(cast), decision=at_cap)
    over = decision_with(
        cast,
        rekom_2026,
        {(2026, "facilitation"): 1, (2026, "general"): 500_000},
        state=DecisionState.DRAFT,
        name="Eigar over",
    )
    with pytest.raises(ServiceRefused) as refused:
        decision_issue(actor=approver(cast), decision=over)
    assert [f.code for f in refused.value.findings] == ["EARMARK_CAP_EXCEEDED"]
    message = refused.value.message.replace("\xa0", " ")
    assert "40 000 000" in message and "12 000 000" in message
    assert Decision.objects.get(pk=over.pk).state == DecisionState.DRAFT


def test_ordinary_money_is_not_capped(cast, rekom_2026, earlier_commitment):
    set_aside(cast, rekom_2026, 10_000_000)
    ordinary = decision_with(
        cast, rekom_2026, {(2026, "general"): 5_000_000}, state=DecisionState.DRAFT
    )
    assert decision_issue(actor=approver(cast), decision=ordinary).is_issued

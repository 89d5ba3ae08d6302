"""A supplementary recommendation distributes the money left in a round after the
decisions on the forum's ordinary recommendation: started once the ordinary one is
sent and decided, checked by the same rules against what is still available (exactly
what is left passes, one krone more fails), and decided like the ordinary one."""

from decimal import Decimal

import pytest
from django.urls import reverse

from kompetansemidler.core.workflow import STATE_REFUSED, ServiceRefused
from kompetansemidler.decisions.models import Decision
from kompetansemidler.decisions.selectors import available_in_round
from kompetansemidler.decisions.services import decision_issue, decisions_draft
from kompetansemidler.demo.cast import make_approver
from kompetansemidler.forums.demo import build as forum_demo
from kompetansemidler.history.models import Event
from kompetansemidler.recommendations.models import (
    AdoptionMethod,
    RecommendationKind,
    RecommendationState,
)
from kompetansemidler.recommendations.selectors import lines_for
from kompetansemidler.recommendations.services import (
    recommendation_adopt,
    recommendation_send,
    recommendation_supplement,
    recommendation_update,
)
from kompetansemidler.schemes.models import Round
from kompetansemidler.schemes.workflow import RoundPhase
from tests.recommendations.objects import draft_recommendation
from tests.support.keys import with_key

pytestmark = pytest.mark.django_db

CHECKED = {"c1": True, "c2": True, "c3": True, "money": True}
# Rekom 2026 in Vestland: a frame of 20 000 000. The ordinary recommendation gives
# Bergen 600 000 of the 1 000 000 proposed for Språkløft and 300 000 for basic
# competence, so 19 100 000 is left after the decisions.
LEFT = Decimal(19_100_000)


@pytest.fixture
def forum(cast):
    forum_demo()
    return cast.forum


def _set_year1(cast, recommendation, amounts: dict[str, Decimal]):
    recommendation.refresh_from_db()
    lines = {line.title: line for line in lines_for(recommendation)}
    return recommendation_update(
        actor=cast.forum_member,
        recommendation=recommendation,
        lock_version=recommendation.lock_version,
        lines={lines[title].pk: {"amount_year1": amount} for title, amount in amounts.items()},
    )


def _adopt(cast, recommendation):
    recommendation.refresh_from_db()
    return recommendation_adopt(
        actor=cast.forum_member, recommendation=recommendation, method=AdoptionMethod.CONSENSUS
    )


def _decide(cast, recommendation) -> list[Decision]:
    drafts = decisions_draft(actor=cast.caseworker, recommendation=recommendation)
    Decision.objects.filter(pk__in=[d.pk for d in drafts]).update(checklist=CHECKED)
    return [decision_issue(actor=make_approver(), decision=d) for d in drafts]


def sent_ordinary(cast):
    ordinary = draft_recommendation(cast)
    _set_year1(cast, ordinary, {"Språkløft": Decimal(600_000)})
    # Needs reporting is over: the forum prioritises, so it may send.
    Round.objects.filter(pk=ordinary.round_id).update(phase=RoundPhase.FORUM_PRIORITISING)
    return recommendation_send(actor=cast.forum_member, recommendation=_adopt(cast, ordinary))


def decided_ordinary(cast):
    ordinary = sent_ordinary(cast)
    _decide(cast, ordinary)
    return ordinary


def test_it_starts_with_what_was_not_funded_and_records_the_step(cast, forum):
    ordinary = decided_ordinary(cast)
    supplementary = recommendation_supplement(
        actor=cast.caseworker, recommendation=ordinary, name="Restmidlar"
    )
    assert supplementary.kind == RecommendationKind.SUPPLEMENTARY
    assert supplementary.state == RecommendationState.DRAFT
    # Språkløft had 400 000 of year 1 left; basic competence was funded in full.
    assert [(line.title, line.amount_year1) for line in lines_for(supplementary)] == [
        ("Språkløft", Decimal(400_000))
    ]
    started = Event.objects.for_object(ordinary).get(kind="recommendation.supplement_started")
    assert started.after["supplementary"] == supplementary.pk
    assert started.after["left"] == str(LEFT)


def test_exactly_what_is_left_passes_and_one_krone_more_fails(cast, forum):
    ordinary = decided_ordinary(cast)
    assert available_in_round(ordinary.round) == LEFT
    supplementary = recommendation_supplement(
        actor=cast.caseworker, recommendation=ordinary, name="Restmidlar"
    )
    _set_year1(cast, supplementary, {"Språkløft": LEFT + 1})
    with pytest.raises(ServiceRefused) as refused:
        _adopt(cast, supplementary)
    assert [f.code for f in refused.value.findings] == ["LEFT_OVER_EXCEEDED"]
    assert "19 100 000" in refused.value.findings[0].message.replace("\xa0", " ")
    _set_year1(cast, supplementary, {"Språkløft": LEFT})
    adopted = _adopt(cast, supplementary)
    assert adopted.state == RecommendationState.ADOPTED
    assert adopted.decided_before == Decimal(900_000)
    sent = recommendation_send(actor=cast.forum_member, recommendation=adopted)
    # Decided like the ordinary one: Bergen gets a second decision, on this recommendation.
    (decision,) = _decide(cast, sent)
    assert decision.recommendation == sent and decision.amount_year1 == LEFT
    assert Decision.objects.filter(recipient_organisation=cast.owner).count() == 2
    assert available_in_round(sent.round) == 0


def test_it_waits_for_the_ordinary_recommendation_to_be_sent_and_decided(cast, forum):
    ordinary = draft_recommendation(cast)
    with pytest.raises(ServiceRefused) as refused:
        recommendation_supplement(actor=cast.caseworker, recommendation=ordinary, name="Rest")
    assert refused.value.code == "no_ordinary"
    adopted = _adopt(cast, ordinary)
    with pytest.raises(ServiceRefused) as refused:
        recommendation_supplement(actor=cast.caseworker, recommendation=adopted, name="Rest")
    assert refused.value.code == STATE_REFUSED
    Round.objects.filter(pk=adopted.round_id).update(phase=RoundPhase.FORUM_PRIORITISING)
    sent = recommendation_send(actor=cast.forum_member, recommendation=adopted)
    with pytest.raises(ServiceRefused) as refused:
        recommendation_supplement(actor=cast.caseworker, recommendation=sent, name="Rest")
    assert refused.value.code == "undecided"
    drafts = decisions_draft(actor=cast.caseworker, recommendation=sent)
    with pytest.raises(ServiceRefused) as refused:
        recommendation_supplement(actor=cast.caseworker, recommendation=sent, name="Rest")
    assert refused.value.code == "undecided"
    Decision.objects.filter(pk__in=[d.pk for d in drafts]).update(checklist=CHECKED)
    for draft in drafts:
        decision_issue(actor=make_approver(), decision=draft)
    assert recommendation_supplement(actor=cast.caseworker, recommendation=sent, name="Rest")


def test_nothing_left_means_no_supplementary_recommendation(cast, forum):
    ordinary = decided_ordinary(cast)
    Round.objects.filter(pk=ordinary.round_id).update(frame=Decimal(900_000))
    with pytest.raises(ServiceRefused) as refused:
        recommendation_supplement(actor=cast.caseworker, recommendation=ordinary, name="Rest")
    assert refused.value.code == "nothing_left"


def test_one_supplementary_at_a_time_is_adopted(cast, forum):
    ordinary = decided_ordinary(cast)
    first = recommendation_supplement(actor=cast.caseworker, recommendation=ordinary, name="A")
    second = recommendation_supplement(actor=cast.caseworker, recommendation=ordinary, name="B")
    _adopt(cast, first)
    with pytest.raises(ServiceRefused) as refused:
        _adopt(cast, second)
    assert refused.value.code == "supplement_pending"


def test_the_page_offers_it_to_the_forum_and_secretariat_only(cast, forum, client_for):
    ordinary = decided_ordinary(cast)
    url = reverse("recommendations:detail", args=[ordinary.pk])
    page = client_for(cast.caseworker).get(url)
    assert "Start en tilleggsinnstilling" in page.text
    assert 'data-kind="ordinary"' in page.text
    assert "Start en tilleggsinnstilling" not in client_for(cast.owner_rep).get(url).text
    start = reverse("recommendations:supplement", args=[ordinary.pk])
    refused = client_for(cast.other_caseworker).post(start, with_key(name="Rest"))
    assert refused.status_code == 403
    response = client_for(cast.caseworker).post(start, with_key(name="Restmidlar"))
    supplementary = ordinary.round.recommendations.get(kind=RecommendationKind.SUPPLEMENTARY)
    assert response.status_code == 302
    assert response.url == reverse("recommendations:edit", args=[supplementary.pk])
    detail = client_for(cast.caseworker).get(
        reverse("recommendations:detail", args=[supplementary.pk])
    )
    assert 'data-kind="supplementary"' in detail.text and "Tillegg" in detail.text
    api = client_for(cast.caseworker).get(f"/api/recommendations/{supplementary.pk}").json()
    assert api["kind"] == "supplementary"


def test_the_earmarked_money_decided_counts_against_the_earmark_cap(cast, forum):
    """What the round's decisions grant in earmarked categories (their year-1 rows),
    not what the sent lines asked for, counts against the supplementary's earmark cap."""
    from kompetansemidler.recommendations.facts import left_over_money, round_money
    from tests.decisions.objects import set_amount

    ordinary = decided_ordinary(cast)
    round_ = ordinary.round
    codes = round_.rule_set.params.earmarked_codes
    assert codes
    supplementary = recommendation_supplement(
        actor=cast.caseworker, recommendation=ordinary, name="Restmidlar"
    )
    before = left_over_money(round_money(round_), supplementary).decided_earmarked
    decision = Decision.objects.filter(recommendation=ordinary).first()
    earmarked = decision.amount_for_budget_year(round_.year, codes[0])
    assert before == earmarked
    set_amount(decision, earmarked + 100_000, category=codes[0])
    after = left_over_money(round_money(round_), supplementary).decided_earmarked
    assert after - before == Decimal(100_000)

"""A forum that never gets stuck: a line that fails a criterion can be set to
0 kr (unfunded: no finding, no decision) or removed, and nothing is sent or
decided while the round is still open for needs reports."""

from decimal import Decimal

import pytest
from django.urls import reverse

from kompetansemidler.core.workflow import ServiceRefused
from kompetansemidler.decisions.models import Decision
from kompetansemidler.decisions.services import decisions_draft
from kompetansemidler.forums.demo import build as forum_demo
from kompetansemidler.history.models import Event
from kompetansemidler.needs.models import ProposedMeasure
from kompetansemidler.needs.services import needs_report_return
from kompetansemidler.recommendations.facts import check, check_rows
from kompetansemidler.recommendations.models import (
    AdoptionMethod,
    RecommendationLine,
    RecommendationState,
)
from kompetansemidler.recommendations.selectors import line_rows, lines_for
from kompetansemidler.recommendations.services import (
    REFUSED_FROZEN,
    recommendation_adopt,
    recommendation_line_remove,
    recommendation_send,
    recommendation_update,
)
from kompetansemidler.schemes.models import Round
from kompetansemidler.schemes.workflow import RoundPhase
from tests.recommendations.objects import draft_recommendation

pytestmark = pytest.mark.django_db

ZERO = {"amount_year1": Decimal(0), "amount_year2": Decimal(0), "amount_year3": Decimal(0)}


def failing_second_line(cast):
    """The draft with its second line failing criterion C2 (individual further
    education in the general category)."""
    recommendation = draft_recommendation(cast)
    first, second = lines_for(recommendation)
    ProposedMeasure.objects.filter(pk=second.measure_id).update(individual_further_education=True)
    RecommendationLine.objects.filter(pk=second.pk).update(category="general")
    return recommendation, first, second


def line_codes(recommendation, line) -> list[str]:
    result = check(recommendation, lines_for(recommendation))
    return [f.code for f in result.findings if f.target.startswith(f"line:{line.pk}.")]


def set_amounts(cast, recommendation, line, amounts):
    recommendation.refresh_from_db()
    return recommendation_update(
        actor=cast.forum_member,
        recommendation=recommendation,
        lines={line.pk: amounts},
        lock_version=recommendation.lock_version,
    )


def adopt(cast, recommendation):
    recommendation.refresh_from_db()
    return recommendation_adopt(
        actor=cast.forum_member, recommendation=recommendation, method=AdoptionMethod.CONSENSUS
    )


def test_a_failing_line_set_to_0_kr_raises_nothing_and_the_forum_adopts(cast):
    forum_demo()
    recommendation, _first, second = failing_second_line(cast)
    assert line_codes(recommendation, second) == ["REC_C2_INDIVIDUAL"]
    with pytest.raises(ServiceRefused):
        adopt(cast, recommendation)
    set_amounts(cast, recommendation, second, ZERO)
    assert line_codes(recommendation, second) == []
    assert adopt(cast, recommendation).state == RecommendationState.ADOPTED


def test_one_krone_left_in_a_later_year_keeps_the_line_checked(cast):
    recommendation, _first, second = failing_second_line(cast)
    set_amounts(cast, recommendation, second, {**ZERO, "amount_year3": Decimal(1)})
    assert line_codes(recommendation, second) == ["REC_C2_INDIVIDUAL"]


def test_a_line_at_0_kr_leads_to_no_decision(cast):
    forum_demo()
    recommendation, first, second = failing_second_line(cast)
    set_amounts(cast, recommendation, second, ZERO)
    recommendation = adopt(cast, recommendation)
    Round.objects.filter(pk=recommendation.round_id).update(phase=RoundPhase.FORUM_PRIORITISING)
    recommendation = recommendation_send(actor=cast.caseworker, recommendation=recommendation)
    (decision,) = decisions_draft(actor=cast.caseworker, recommendation=recommendation)
    assert decision.measures == first.title
    assert decision.amount_year1 == first.amount_year1


def test_a_removed_line_is_gone_with_its_history(cast):
    recommendation, _first, second = failing_second_line(cast)
    recommendation_line_remove(actor=cast.forum_member, line=second)
    assert not RecommendationLine.objects.filter(pk=second.pk).exists()
    event = Event.objects.for_object(recommendation).filter(kind="recommendation.changed").get()
    assert event.before[str(second.pk)]["title"] == second.title
    assert event.after == {str(second.pk): None}
    # The measure stays in its needs report.
    assert ProposedMeasure.objects.filter(pk=second.measure_id).exists()


def test_no_line_is_removed_from_an_adopted_recommendation(cast):
    recommendation, first, _second = failing_second_line(cast)
    type(recommendation).objects.filter(pk=recommendation.pk).update(
        state=RecommendationState.ADOPTED
    )
    with pytest.raises(ServiceRefused) as refused:
        recommendation_line_remove(actor=cast.forum_member, line=first)
    assert refused.value.message == REFUSED_FROZEN
    assert RecommendationLine.objects.filter(pk=first.pk).exists()


def test_the_secretariat_removes_a_line_on_the_page_and_an_outsider_cannot(cast, client_for):
    recommendation, first, second = failing_second_line(cast)
    url = reverse("recommendations:line_remove", args=[recommendation.pk, second.pk])
    for outsider in (cast.other_caseworker, cast.owner_rep):
        assert client_for(outsider).post(url).status_code == 403
    assert RecommendationLine.objects.filter(pk=second.pk).exists()
    client = client_for(cast.caseworker)
    assert second.title in client.get(url).content.decode()
    assert client.post(url).status_code == 302
    assert list(lines_for(recommendation)) == [first]


def test_nothing_is_sent_while_the_round_is_open_for_needs(cast):
    forum_demo()
    recommendation = adopt(cast, draft_recommendation(cast))
    assert recommendation.round.phase == RoundPhase.OPEN_FOR_NEEDS
    with pytest.raises(ServiceRefused) as refused:
        recommendation_send(actor=cast.caseworker, recommendation=recommendation)
    assert str(refused.value.message).startswith(str(recommendation.round))
    assert refused.value.params == {"round": str(recommendation.round)}
    assert refused.value.code == "phase"
    recommendation.refresh_from_db()
    assert recommendation.state == RecommendationState.ADOPTED
    Round.objects.filter(pk=recommendation.round_id).update(phase=RoundPhase.FORUM_PRIORITISING)
    sent = recommendation_send(actor=cast.caseworker, recommendation=recommendation)
    assert sent.state == RecommendationState.SENT


def test_no_decision_is_drafted_while_the_round_is_open_for_needs(cast):
    recommendation = draft_recommendation(cast)
    type(recommendation).objects.filter(pk=recommendation.pk).update(state=RecommendationState.SENT)
    recommendation.refresh_from_db()
    with pytest.raises(ServiceRefused) as refused:
        decisions_draft(actor=cast.caseworker, recommendation=recommendation)
    assert str(refused.value.message).startswith(str(recommendation.round))
    assert refused.value.params == {"round": str(recommendation.round)}
    assert not Decision.objects.filter(recommendation=recommendation).exists()
    Round.objects.filter(pk=recommendation.round_id).update(phase=RoundPhase.DECIDING)
    assert decisions_draft(actor=cast.caseworker, recommendation=recommendation)


def test_the_send_button_while_the_round_is_open_says_why_and_sends_nothing(cast, client_for):
    forum_demo()
    recommendation = adopt(cast, draft_recommendation(cast))
    client = client_for(cast.caseworker)
    response = client.post(reverse("recommendations:send", args=[recommendation.pk]), follow=True)
    assert response.status_code == 200
    assert "behovsmeldinger" in response.content.decode()
    recommendation.refresh_from_db()
    assert recommendation.state == RecommendationState.ADOPTED


def test_a_line_whose_report_was_returned_must_be_set_to_0_kr_or_removed(cast):
    recommendation, first, second = failing_second_line(cast)
    needs_report_return(actor=cast.caseworker, report=first.measure.report, reason="Rett")
    assert line_codes(recommendation, first) == ["REC_C1_NO_NEEDS_REPORT"]
    # The editor's row reader and the line reader agree.
    result = check(recommendation, lines_for(recommendation))
    rows = check_rows(recommendation, line_rows(recommendation))
    assert sorted(f.code for f in rows.findings) == sorted(f.code for f in result.findings)
    set_amounts(cast, recommendation, first, ZERO)
    assert line_codes(recommendation, first) == []

"""Adoption: errors block, warnings need a justification, the forum must be
composed by the rules, and a vote is recorded per member, with members who
declared a conflict of interest recused from the lines that concern it."""

from decimal import Decimal

import pytest

from kompetansemidler.core.workflow import ServiceRefused
from kompetansemidler.forums.demo import build as forum_demo
from kompetansemidler.forums.models import ForumMember
from kompetansemidler.history.models import Event
from kompetansemidler.needs.models import NeedsReport
from kompetansemidler.recommendations.models import (
    AdoptionMethod,
    RecommendationState,
    Vote,
    VoteChoice,
)
from kompetansemidler.recommendations.selectors import lines_for
from kompetansemidler.recommendations.services import (
    REFUSED_COMPOSITION,
    REFUSED_FINDINGS,
    REFUSED_MAJORITY,
    REFUSED_NO_VOTES,
    recommendation_adopt,
    recommendation_send,
    recommendation_update,
)
from kompetansemidler.recommendations.tasks import panels_for
from kompetansemidler.schemes.models import Round
from kompetansemidler.schemes.workflow import RoundPhase
from tests.recommendations.objects import draft_recommendation

pytestmark = pytest.mark.django_db


@pytest.fixture
def forum(cast):
    """Samarbeidsforum Vestland as the demo composes it: 8 members with a vote (one a
    deputy), the secretariat without, and Frida's conflict of interest for Bergen."""
    forum_demo()
    return cast.forum


def adopt(cast, recommendation, **kwargs):
    recommendation.refresh_from_db()
    return recommendation_adopt(
        actor=cast.forum_member,
        recommendation=recommendation,
        **{"method": AdoptionMethod.CONSENSUS, **kwargs},
    )


def votes_for_all(forum, choice=VoteChoice.FOR):
    return {
        m.pk: choice for m in ForumMember.objects.filter(forum=forum, votes=True, is_deputy=False)
    }


def test_an_error_blocks_adoption_with_every_reason(cast, forum):
    recommendation = draft_recommendation(cast)
    first, earmarked = lines_for(recommendation)
    recommendation_update(
        actor=cast.forum_member,
        recommendation=recommendation,
        lock_version=recommendation.lock_version,
        lines={
            first.pk: {"amount_year1": Decimal(20_000_000)},
            earmarked.pk: {"amount_year1": Decimal(6_000_001)},
        },
    )
    with pytest.raises(ServiceRefused) as refused:
        adopt(cast, recommendation)
    assert refused.value.message == REFUSED_FINDINGS
    assert [f.code for f in refused.value.findings] == ["FRAME_EXCEEDED", "EARMARK_CAP_EXCEEDED"]
    recommendation.refresh_from_db()
    assert recommendation.state == RecommendationState.DRAFT


def test_a_warning_needs_a_written_justification(cast, forum):
    recommendation = draft_recommendation(cast)
    first, second = lines_for(recommendation)
    NeedsReport.objects.filter(pk=first.basis_report_id).update(sami_perspectives="")
    with pytest.raises(ServiceRefused) as refused:
        adopt(cast, recommendation)
    assert [f.code for f in refused.value.findings] == ["REC_JUSTIFICATION_MISSING"] * 2
    recommendation_update(
        actor=cast.forum_member,
        recommendation=recommendation,
        lock_version=recommendation.lock_version,
        lines={
            first.pk: {"justification": "Drøfta med eigaren."},
            second.pk: {"justification": "Same vurdering."},
        },
    )
    adopted = adopt(cast, recommendation, note="Samrøystes.")
    assert adopted.state == RecommendationState.ADOPTED
    assert adopted.adoption_method == AdoptionMethod.CONSENSUS
    event = Event.objects.for_object(adopted).get(kind="recommendation.adopted")
    assert event.before == {"state": "draft"} and event.after["total"] == "1300000"


def test_the_forum_must_be_composed_by_the_rules(cast):
    # The cast's forum has no members at all.
    with pytest.raises(ServiceRefused) as refused:
        adopt(cast, draft_recommendation(cast))
    assert refused.value.message == REFUSED_COMPOSITION


def test_a_vote_needs_every_voting_member_and_a_majority(cast, forum):
    recommendation = draft_recommendation(cast)
    votes = votes_for_all(forum)
    one = next(iter(votes))
    with pytest.raises(ServiceRefused) as refused:
        adopt(
            cast,
            recommendation,
            method=AdoptionMethod.VOTE,
            votes={k: v for k, v in votes.items() if k != one},
        )
    assert refused.value.message == REFUSED_NO_VOTES
    with pytest.raises(ServiceRefused) as refused:
        adopt(
            cast,
            recommendation,
            method=AdoptionMethod.VOTE,
            votes=votes_for_all(forum, VoteChoice.AGAINST),
        )
    assert refused.value.message == REFUSED_MAJORITY


def test_the_secretariat_does_not_vote(cast, forum):
    recommendation = draft_recommendation(cast)
    secretariat = ForumMember.objects.get(forum=forum, representation="secretariat")
    with pytest.raises(ServiceRefused) as refused:
        adopt(
            cast,
            recommendation,
            method=AdoptionMethod.VOTE,
            votes={**votes_for_all(forum), secretariat.pk: VoteChoice.FOR},
        )
    assert "Siri Saksbehandler" in refused.value.message


def test_a_conflicted_member_is_recused_from_the_lines_of_its_organisation(cast, forum):
    recommendation = draft_recommendation(cast)
    frida = ForumMember.objects.get(forum=forum, user=cast.forum_member)
    adopted = adopt(cast, recommendation, method=AdoptionMethod.VOTE, votes=votes_for_all(forum))
    assert adopted.state == RecommendationState.ADOPTED
    recorded = Vote.objects.filter(recommendation=adopted)
    assert recorded.filter(line__isnull=True).count() == 7
    # Both lines go to Bergen kommune, for which Frida declared a conflict.
    recused = recorded.filter(line__isnull=False)
    assert {(v.member_id, v.choice) for v in recused} == {(frida.pk, VoteChoice.RECUSED)}
    assert recused.count() == 2


def test_a_line_needs_a_majority_of_the_members_who_vote_on_it(cast, forum):
    recommendation = draft_recommendation(cast)
    frida = ForumMember.objects.get(forum=forum, user=cast.forum_member)
    votes = votes_for_all(forum, VoteChoice.AGAINST)
    # Four for, three against overall; but Frida may not vote on Bergen's lines,
    # so each line has three for and three against.
    others = [pk for pk in votes if pk != frida.pk]
    votes.update(
        {
            frida.pk: VoteChoice.FOR,
            others[0]: VoteChoice.FOR,
            others[1]: VoteChoice.FOR,
            others[2]: VoteChoice.FOR,
        }
    )
    with pytest.raises(ServiceRefused) as refused:
        adopt(cast, recommendation, method=AdoptionMethod.VOTE, votes=votes)
    assert "Språkløft" in refused.value.message


def test_adopted_then_sent_shows_on_the_caseworkers_start_page(cast, forum):
    recommendation = adopt(cast, draft_recommendation(cast))
    assert not any(
        "Recommendations to decide on" in str(p.title) for p in panels_for(cast.caseworker)
    )
    Round.objects.filter(pk=recommendation.round_id).update(phase=RoundPhase.FORUM_PRIORITISING)
    sent = recommendation_send(actor=cast.forum_member, recommendation=recommendation)
    assert sent.state == RecommendationState.SENT and sent.sent_at
    panel = [p for p in panels_for(cast.caseworker)][0]
    assert f"/innstilling/{sent.pk}/" in panel.links[0].url
    assert panels_for(cast.other_caseworker) == []
    with pytest.raises(ServiceRefused):
        recommendation_send(actor=cast.forum_member, recommendation=sent)


def test_a_second_version_cannot_be_adopted_for_the_same_round(cast, forum):
    adopt(cast, draft_recommendation(cast))
    with pytest.raises(ServiceRefused):
        adopt(cast, draft_recommendation(cast, name="Utkast 2"))

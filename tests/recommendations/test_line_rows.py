"""The editor and the recommendation page read lines as plain rows (``line_rows``);
the rules must see exactly what they see through the models (``line_facts``)."""

from decimal import Decimal

import pytest

from kompetansemidler.forums.models import LongTermPlan, Priority
from kompetansemidler.needs.models import NeedsReport, ProposedMeasure, ReportState
from kompetansemidler.recommendations.facts import check, check_rows, line_facts, row_facts
from kompetansemidler.recommendations.models import RecommendationLine
from kompetansemidler.recommendations.selectors import line_rows, lines_for
from kompetansemidler.recommendations.services import (
    recommendation_create,
    recommendation_joint_measure_add,
    recommendation_line_split,
)
from kompetansemidler.registry.models import Network, NetworkKind
from tests.needs.objects import bergen_partnership
from tests.recommendations.objects import ASSESSED, adopted_recommendation, bergen_accepted

pytestmark = pytest.mark.django_db


def varied_recommendation(cast):
    """Lines of every kind the rules tell apart: a public and a private owner, a report
    with a partnership and one without a UH partner or Sámi perspectives, a network
    share, a joint measure with its UH partner, a coordinator, a priority."""
    bergen = bergen_accepted(cast)
    NeedsReport.objects.filter(pk=bergen.pk).update(partnership=bergen_partnership(cast))
    fjord = NeedsReport.objects.create(
        round=bergen.round,
        owner=cast.other_owner,
        state=ReportState.ACCEPTED,
        **{**ASSESSED, "sami_perspectives": "", "uh_dialogue": ""},
    )
    ProposedMeasure.objects.create(
        report=fjord,
        position=0,
        title="Leik og læring",
        amount_year1=Decimal(400_000),
        individual_further_education=True,
    )
    ProposedMeasure.objects.create(
        report=fjord, position=1, title="Uteliv", amount_year1=Decimal(200_000)
    )
    recommendation = recommendation_create(
        actor=cast.forum_member, round=bergen.round, forum=cast.forum, name="Variert"
    )
    _first, second, _third, fourth = lines_for(recommendation)
    plan = LongTermPlan.objects.create(forum=cast.forum, version=1, from_year=2026, to_year=2029)
    priority = Priority.objects.create(plan=plan, code="P1", text="Språk")
    RecommendationLine.objects.filter(pk=second.pk).update(
        is_coordinator=True, priority=priority, justification="Avtalt i forumet."
    )
    north = Network.objects.create(name="Nord", kind=NetworkKind.REGIONAL, office=cast.vestland)
    recommendation_line_split(
        actor=cast.forum_member, line=fourth, key="staff", weights=[(north, 1)]
    )
    recommendation_joint_measure_add(
        actor=cast.forum_member,
        recommendation=recommendation,
        title="Fellestiltak",
        amount=Decimal(100_000),
        basis_report=bergen,
        partner=cast.uh,
    )
    return recommendation


def test_the_rules_see_the_same_line_through_rows_and_through_models(cast):
    recommendation = varied_recommendation(cast)
    rows, lines = line_rows(recommendation), list(lines_for(recommendation))
    assert [row.pk for row in rows] == [line.pk for line in lines]
    assert [row_facts(row) for row in rows] == [line_facts(line) for line in lines]
    assert check_rows(recommendation, rows).findings == check(recommendation, lines).findings
    assert {row.recipient_label for row in rows} == {line.recipient_label for line in lines}
    assert {f.owner_kind for f in map(row_facts, rows)} == {"public", "private", None}
    assert {f.code for f in check(recommendation, lines).findings} >= {
        "REC_C1_NO_UH_DIALOGUE",
        "REC_C2_INDIVIDUAL",
        "REC_COORDINATOR_NO_DECISION",
        "REC_SAMI_NOT_ASSESSED",
    }


def test_rows_carry_what_the_pages_print(cast):
    recommendation = varied_recommendation(cast)
    rows = line_rows(recommendation)
    for row, line in zip(rows, lines_for(recommendation), strict=True):
        assert (
            row.rank,
            row.title,
            row.category,
            row.amounts,
            row.co_financing,
            row.is_coordinator,
            row.coordinator_decision,
            row.priority_id,
            row.justification,
            row.pro_rata_key,
        ) == (
            line.rank,
            line.title,
            line.category,
            line.amounts,
            line.co_financing,
            line.is_coordinator,
            line.coordinator_decision,
            line.priority_id,
            line.justification,
            line.pro_rata_key,
        )
        assert row.priority_code == (line.priority.code if line.priority else "")
        assert row.proposed == (line.measure.amount_year1 if line.measure else None)


def test_an_owner_reads_only_the_rows_of_its_own_organisation(cast):
    recommendation = adopted_recommendation(cast)
    RecommendationLine.objects.create(
        recommendation=recommendation,
        rank=2,
        title="Leik og læring",
        recipient_kind="owner",
        recipient_organisation=cast.other_owner,
        amount_year1=Decimal(400_000),
    )
    assert [r.title for r in line_rows(recommendation, user=cast.owner_rep)] == [
        "Lesing i alle fag"
    ]
    assert len(line_rows(recommendation, user=cast.forum_member)) == 2

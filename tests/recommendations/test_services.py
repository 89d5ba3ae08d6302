"""Editing a draft: totals and findings from the saved lines, the optimistic lock,
scenarios and their comparison, joint measures, pro-rata splits, and the freeze."""

from decimal import Decimal

import pytest

from kompetansemidler.core.workflow import ServiceRefused, StaleEdit
from kompetansemidler.history.models import Event
from kompetansemidler.needs.models import NeedsReport, ReportState
from kompetansemidler.recommendations.compare import compare
from kompetansemidler.recommendations.facts import check, line_facts
from kompetansemidler.recommendations.models import (
    RecipientKind,
    RecommendationLine,
    RecommendationState,
)
from kompetansemidler.recommendations.selectors import lines_for
from kompetansemidler.recommendations.services import (
    recommendation_copy,
    recommendation_create,
    recommendation_joint_measure_add,
    recommendation_line_split,
    recommendation_update,
)
from kompetansemidler.registry.models import Network, NetworkKind
from tests.recommendations.objects import bergen_accepted, draft_recommendation

pytestmark = pytest.mark.django_db


def codes(result):
    return sorted(f.code for f in result.findings)


def test_a_new_draft_lists_every_measure_of_the_accepted_reports(cast):
    recommendation = draft_recommendation(cast)
    lines = list(lines_for(recommendation))
    assert [(line.rank, line.title, line.amount_year1) for line in lines] == [
        (1, "Språkløft", Decimal(1_000_000)),
        (2, "Grunnkompetanse", Decimal(300_000)),
    ]
    assert all(line.recipient_organisation == cast.owner for line in lines)
    assert Event.objects.for_object(recommendation).get().kind == "recommendation.created"


def test_only_accepted_reports_are_ranked(cast):
    report = bergen_accepted(cast)
    NeedsReport.objects.filter(pk=report.pk).update(state=ReportState.SUBMITTED)
    with pytest.raises(ServiceRefused):
        recommendation_create(
            actor=cast.forum_member, round=report.round, forum=cast.forum, name="x"
        )


def test_totals_are_against_frame_less_commitments(cast):
    recommendation = draft_recommendation(cast)
    result = check(recommendation, lines_for(recommendation))
    assert result.money.available == Decimal(20_000_000)
    assert result.totals.total == Decimal(1_300_000)
    assert result.totals.earmarked == Decimal(300_000)
    assert result.remaining == Decimal(18_700_000)
    assert result.findings == []


def test_the_model_is_read_into_the_rules_facts(cast):
    recommendation = draft_recommendation(cast)
    line = lines_for(recommendation)[0]
    facts = line_facts(line)
    assert facts.recipient_kind == "owner" and facts.owner_kind == "public"
    assert facts.needs_report.staff_and_leaders_involved and facts.needs_report.uh_dialogue
    assert facts.partner_kinds == ("uh",) and facts.sami_assessed
    NeedsReport.objects.filter(pk=line.basis_report_id).update(sami_perspectives="", uh_dialogue="")
    assert codes(check(recommendation, lines_for(recommendation))) == [
        "REC_C1_NO_UH_DIALOGUE",
        "REC_C1_NO_UH_DIALOGUE",
        "REC_SAMI_NOT_ASSESSED",
        "REC_SAMI_NOT_ASSESSED",
    ]


def test_over_the_frame_and_over_the_earmark_cap_are_both_reported_at_once(cast):
    recommendation = draft_recommendation(cast)
    first, second = lines_for(recommendation)
    recommendation_update(
        actor=cast.forum_member,
        recommendation=recommendation,
        lock_version=recommendation.lock_version,
        lines={
            first.pk: {"amount_year1": Decimal(15_000_000)},
            second.pk: {"amount_year1": Decimal(6_000_001)},
        },
    )
    result = check(recommendation, lines_for(recommendation))
    assert codes(result) == ["EARMARK_CAP_EXCEEDED", "FRAME_EXCEEDED"]
    # The cap is 30 % of the frame: exactly 6,000,000 passes.
    recommendation.refresh_from_db()
    recommendation_update(
        actor=cast.forum_member,
        recommendation=recommendation,
        lock_version=recommendation.lock_version,
        lines={second.pk: {"amount_year1": Decimal(6_000_000)}},
    )
    assert codes(check(recommendation, lines_for(recommendation))) == ["FRAME_EXCEEDED"]


def test_typed_values_are_checked_without_saving(cast):
    recommendation = draft_recommendation(cast)
    first = lines_for(recommendation)[0]
    result = check(
        recommendation, lines_for(recommendation), changes={first.pk: {"is_coordinator": True}}
    )
    assert codes(result) == ["REC_COORDINATOR_NO_DECISION"]
    assert result.findings[0].target == f"line:{first.pk}.coordinator_decision"
    assert not RecommendationLine.objects.get(pk=first.pk).is_coordinator


def test_a_stale_save_is_refused_and_nothing_is_written(cast):
    recommendation = draft_recommendation(cast)
    line = lines_for(recommendation)[0]
    opened = recommendation.lock_version
    recommendation_update(
        actor=cast.caseworker,
        recommendation=recommendation,
        lock_version=opened,
        lines={line.pk: {"rank": 5}},
    )
    with pytest.raises(StaleEdit) as stale:
        recommendation_update(
            actor=cast.forum_member,
            recommendation=recommendation,
            lock_version=opened,
            lines={line.pk: {"rank": 9}},
        )
    assert stale.value.current.lock_version == opened + 1
    assert RecommendationLine.objects.get(pk=line.pk).rank == 5


def test_a_change_is_recorded_with_before_and_after(cast):
    recommendation = draft_recommendation(cast)
    line = lines_for(recommendation)[0]
    recommendation_update(
        actor=cast.forum_member,
        recommendation=recommendation,
        lock_version=recommendation.lock_version,
        lines={line.pk: {"amount_year1": Decimal(800_000)}},
    )
    event = Event.objects.for_object(recommendation).filter(kind="recommendation.changed").get()
    assert event.before[str(line.pk)] == {"amount_year1": "1000000"}
    assert event.after[str(line.pk)] == {"amount_year1": "800000"}


def test_an_adopted_recommendation_is_frozen_for_every_service(cast):
    recommendation = draft_recommendation(cast)
    line = lines_for(recommendation)[0]
    recommendation.state = RecommendationState.ADOPTED
    recommendation.save()
    with pytest.raises(ServiceRefused):
        recommendation_update(
            actor=cast.forum_member,
            recommendation=recommendation,
            lock_version=recommendation.lock_version,
            lines={line.pk: {"amount_year1": Decimal(1)}},
        )
    with pytest.raises(ServiceRefused):
        recommendation_joint_measure_add(
            actor=cast.forum_member,
            recommendation=recommendation,
            title="x",
            amount=Decimal(1),
            basis_report=line.basis_report,
            partner=cast.uh,
        )
    network = Network.objects.create(
        name="Sunnhordland", kind=NetworkKind.REGIONAL, office=cast.vestland
    )
    with pytest.raises(ServiceRefused):
        recommendation_line_split(
            actor=cast.forum_member, line=line, key="staff", weights=[(network, 1)]
        )
    assert RecommendationLine.objects.get(pk=line.pk).amount_year1 == Decimal(1_000_000)


def test_a_scenario_is_a_copy_and_the_comparison_shows_who_gains_and_loses(cast):
    original = draft_recommendation(cast)
    scenario = recommendation_copy(
        actor=cast.forum_member, recommendation=original, name="Scenario B"
    )
    assert scenario.is_draft and scenario.copied_from == original
    first = lines_for(scenario)[0]
    recommendation_update(
        actor=cast.forum_member,
        recommendation=scenario,
        lock_version=scenario.lock_version,
        lines={first.pk: {"amount_year1": Decimal(600_000)}},
    )
    recommendation_joint_measure_add(
        actor=cast.forum_member,
        recommendation=scenario,
        title="Fellestiltak for styrarar",
        amount=Decimal(150_000),
        basis_report=first.basis_report,
        partner=cast.uh,
    )
    result = compare(original, scenario)
    assert (result.first.total, result.second.total) == (Decimal(1_300_000), Decimal(1_050_000))
    rows = {row.recipient: row.difference for row in result.rows}
    assert rows == {
        "Bergen kommune": Decimal(-400_000),
        "Fellestiltak for styrarar": Decimal(150_000),
    }
    assert [r.recipient for r in result.losers] == ["Bergen kommune"]
    # The original is untouched.
    assert lines_for(original)[0].amount_year1 == Decimal(1_000_000)


def test_a_joint_measure_is_ranked_last_and_checked_like_any_line(cast):
    recommendation = draft_recommendation(cast)
    basis = lines_for(recommendation)[0].basis_report
    line = recommendation_joint_measure_add(
        actor=cast.forum_member,
        recommendation=recommendation,
        title="Fellestiltak",
        amount=Decimal(100_000),
        basis_report=basis,
        partner=cast.uh,
    )
    assert line.rank == 3 and line.recipient_kind == RecipientKind.JOINT_MEASURE
    assert check(recommendation, lines_for(recommendation)).findings == []


def test_a_pro_rata_split_between_networks_adds_up_to_the_krone(cast):
    recommendation = draft_recommendation(cast)
    line = lines_for(recommendation)[0]
    north = Network.objects.create(name="Nord", kind=NetworkKind.REGIONAL, office=cast.vestland)
    south = Network.objects.create(name="Sør", kind=NetworkKind.REGIONAL, office=cast.vestland)
    west = Network.objects.create(name="Vest", kind=NetworkKind.REGIONAL, office=cast.vestland)
    parts = recommendation_line_split(
        actor=cast.forum_member, line=line, key="staff", weights=[(north, 1), (south, 1), (west, 1)]
    )
    assert sum(p.amount_year1 for p in parts) == Decimal(1_000_000)
    assert sorted(p.amount_year1 for p in parts) == [333_333, 333_333, 333_334]
    assert all(p.pro_rata_key == "staff" and p.recipient_kind == "network" for p in parts)
    # A pro-rata share between networks is allowed by the rules.
    assert check(recommendation, lines_for(recommendation)).findings == []


def test_a_pro_rata_split_between_owners_is_a_finding(cast):
    recommendation = draft_recommendation(cast)
    line = lines_for(recommendation)[0]
    RecommendationLine.objects.filter(pk=line.pk).update(pro_rata_key="children")
    assert codes(check(recommendation, lines_for(recommendation))) == ["REC_PRO_RATA_OWNER"]


def test_set_asides_and_a_cut_allocation_reach_the_editors_check(cast):
    import datetime

    from kompetansemidler.schemes.models import SetAside

    recommendation = draft_recommendation(cast)
    round_ = recommendation.round
    before = check(recommendation, lines_for(recommendation))
    assert "ALLOCATION_OVERBOUND" not in codes(before)
    set_aside = SetAside.objects.create(
        round=round_,
        purpose="Tilretteleggingsmidlar",
        category="facilitation",
        amount=Decimal(1_000_000),
        forum_decision_date=datetime.date(2025, 10, 20),
        forum_decision_text="Sak 12/25",
    )
    after = check(recommendation, lines_for(recommendation))
    assert after.money.available == before.money.available - Decimal(1_000_000)
    assert after.earmarked == before.earmarked + Decimal(1_000_000)
    # Cut below what is bound: every line is blocked with the reason, not "too much".
    SetAside.objects.filter(pk=set_aside.pk).update(amount=round_.frame + 1)
    cut = check(recommendation, lines_for(recommendation))
    assert "ALLOCATION_OVERBOUND" in codes(cut)
    assert "FRAME_EXCEEDED" not in codes(cut)

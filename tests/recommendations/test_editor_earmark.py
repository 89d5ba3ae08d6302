"""The editor's earmark figures are the rule's own: the cap is rounded down to the
krone, and what earlier decisions earmarked counts against it in the editor as
in the check. Rekom 2026, 30 % cap; the draft earmarks 300 000 kroner
(Grunnkompetanse) beside 1 000 000 general. Values worked out by hand."""

from decimal import Decimal

import pytest
from django.urls import reverse

from kompetansemidler.recommendations import facts
from kompetansemidler.recommendations.facts import check
from kompetansemidler.recommendations.selectors import lines_for
from kompetansemidler.rules.recommendation import RoundMoney
from kompetansemidler.schemes.models import Round
from tests.recommendations.objects import draft_recommendation

pytestmark = pytest.mark.django_db


def with_frame(recommendation, frame):
    Round.objects.filter(pk=recommendation.round_id).update(frame=Decimal(frame))
    recommendation.round.refresh_from_db()
    return recommendation


def test_the_cap_is_rounded_down_to_the_krone(cast, client_for):
    # 30 % of 1 000 003 kroner is 300 000.90: at most 300 000 may be earmarked.
    recommendation = with_frame(draft_recommendation(cast), 1_000_003)
    result = check(recommendation, lines_for(recommendation))
    assert result.earmark_cap == Decimal(300_000)
    assert result.earmark_room == Decimal(0)
    html = (
        client_for(cast.forum_member)
        .get(reverse("recommendations:edit", args=[recommendation.pk]))
        .text
    )
    assert "data-earmark-cap>300\xa0000" in html or "data-earmark-cap>300 000" in html


def test_what_earlier_decisions_earmarked_counts_in_the_editor_as_in_the_check(cast, monkeypatch):
    recommendation = with_frame(draft_recommendation(cast), 2_000_000)
    # The cap is 600 000; 300 000 earmarked here and 250 000 earlier leave 50 000.
    monkeypatch.setattr(
        facts,
        "round_money",
        lambda round_: RoundMoney(
            frame=round_.frame, committed=Decimal(0), committed_earmarked=Decimal(250_000)
        ),
    )
    result = check(recommendation, lines_for(recommendation))
    assert result.earmark_cap == Decimal(600_000)
    assert result.earmarked == Decimal(550_000)
    assert result.earmark_room == Decimal(50_000)
    assert "EARMARK_CAP_EXCEEDED" not in [f.code for f in result.findings]

    # 350 000 earlier: 650 000 is 50 000 over the cap, in the figures and the findings.
    monkeypatch.setattr(
        facts,
        "round_money",
        lambda round_: RoundMoney(
            frame=round_.frame, committed=Decimal(0), committed_earmarked=Decimal(350_000)
        ),
    )
    result = check(recommendation, lines_for(recommendation))
    assert result.earmark_room == Decimal(-50_000)
    assert "EARMARK_CAP_EXCEEDED" in [f.code for f in result.findings]

"""Moving decisions' fixed year amounts into rows per budget year and category
keeps every figure a user sees: each year's decided amount, the first year's
stored co-financing, the later years' required share, and what a later round
shows as committed (now read from the rows instead of a copied commitment)."""

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from kompetansemidler.decisions.models import Decision, Payment
from kompetansemidler.recommendations.models import RecommendationLine
from kompetansemidler.schemes.models import Commitment, Round
from kompetansemidler.schemes.selectors import with_money
from tests.needs.objects import vestland_round

from .objects import sent_recommendation

D = Decimal
BEFORE = ("decisions", "0009_payment_budget_year_required")


def _old_apps(executor):
    """The models as they were before the move: decisions at ``BEFORE``, the rest as now."""
    nodes = [n for n in executor.loader.graph.leaf_nodes() if n[0] != "decisions"]
    return executor.loader.project_state([*nodes, BEFORE]).apps


@pytest.mark.django_db(transaction=True)
def test_the_move_into_rows_keeps_every_figure(cast):
    recommendation = sent_recommendation(cast)
    next_round = vestland_round(cast, "dekom", 2027)
    # A second recipient whose lines are in two categories; it was granted less.
    for category, amount in (("facilitation", 100_000), ("general", 200_000)):
        RecommendationLine.objects.create(
            recommendation=recommendation,
            rank=90,
            title=f"Tiltak {category}",
            category=category,
            recipient_kind="owner",
            recipient_organisation=cast.other_owner,
            amount_year1=D(amount),
        )
    executor = MigrationExecutor(connection)
    executor.migrate([BEFORE])
    try:
        apps = _old_apps(executor)
        OldDecision = apps.get_model("decisions", "Decision")
        OldCommitment = apps.get_model("schemes", "Commitment")
        common = {
            "round_id": recommendation.round_id,
            "recommendation_id": recommendation.pk,
            "recipient_kind": "owner",
            "measures": "Tiltak",
            "reporting_deadline": datetime.date(2027, 3, 1),
            "state": "issued",
        }
        copied = OldCommitment.objects.create(
            round_id=next_round.pk,
            amount=D(450_000),
            source="Vedtak: Bergen kommune",
            source_round_id=recommendation.round_id,
        )
        typed = OldCommitment.objects.create(
            round_id=next_round.pk, amount=D(1_000_000), source="Vedtak 2025/7"
        )
        bergen = OldDecision.objects.create(
            **common,
            recipient_organisation_id=cast.owner.pk,
            amount_year1=D(900_000),
            amount_year2=D(450_000),
            # Stored when issued under an earlier rule: kept as it is.
            co_financing=D(260_000),
            commitment_year2_id=copied.pk,
        )
        other = OldDecision.objects.create(
            **common,
            recipient_organisation_id=cast.other_owner.pk,
            amount_year1=D(250_000),
            co_financing=D(75_000),
        )
        OldPayment = apps.get_model("decisions", "Payment")
        OldPayment.objects.create(
            decision_id=bergen.pk,
            paid_on=datetime.date(2026, 6, 1),
            budget_year=2026,
            amount=D(300_000),
            state="approved",
        )
        # A decision drawing on a set-aside: no recommendation, year-1 money only.
        set_aside = apps.get_model("schemes", "SetAside").objects.create(
            round_id=recommendation.round_id,
            purpose="Tilrettelegging",
            category="facilitation",
            amount=D(500_000),
            forum_decision_date=datetime.date(2026, 2, 1),
            forum_decision_text="Forumet set av midlar.",
            recorded_by_id=cast.caseworker.pk,
        )
        drawing = OldDecision.objects.create(
            **{**common, "recommendation_id": None},
            set_aside_id=set_aside.pk,
            recipient_organisation_id=cast.other_owner.pk,
            participants=5,
            amount_year1=D(200_000),
        )
    finally:
        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes())

    def rows(pk):
        return [
            (r.budget_year, r.category, r.amount, r.co_financing)
            for r in Decision.objects.get(pk=pk).amount_rows_list
        ]

    assert rows(bergen.pk) == [
        (2026, "general", D(900_000), D(260_000)),
        (2027, "general", D(450_000), D(135_000)),
    ]
    # The earmarked line keeps its amount; ordinary money takes the cut.
    assert rows(other.pk) == [
        (2026, "general", D(150_000), D(75_000)),
        (2026, "facilitation", D(100_000), D(0)),
    ]
    assert rows(drawing.pk) == [(2026, "facilitation", D(200_000), D(0))]
    # Payments are untouched.
    assert list(Payment.objects.values_list("decision_id", "amount")) == [(bergen.pk, D(300_000))]
    decision = Decision.objects.get(pk=bergen.pk)
    assert decision.amounts == (D(900_000), D(450_000), D(0))
    assert decision.co_financings == (D(260_000), D(135_000), D(0))
    # The copied commitment is gone, the typed one stays, and the committed figure
    # of the later round is what it was: 450 000 + 1 000 000.
    assert list(Commitment.objects.values_list("pk", flat=True)) == [typed.pk]
    assert Round.objects.get(pk=next_round.pk).committed == D(1_450_000)
    assert with_money(Round.objects.filter(pk=next_round.pk)).get().committed == D(1_450_000)

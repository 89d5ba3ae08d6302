"""Payments registered before budget years and the two-person check keep every
paid figure: they are migrated as approved, each in the budget year of its date,
kept within its decision's three years."""

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from kompetansemidler.decisions.models import Decision, Payment, PaymentState
from kompetansemidler.decisions.selectors import paid_total

from .objects import issued_decision

BEFORE = ("decisions", "0006_appeal_chain_notices_and_declined_grants")
AFTER = ("decisions", "0009_payment_budget_year_required")


def _migrate(target):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate([target])


@pytest.mark.django_db(transaction=True)
def test_existing_payments_become_approved_in_the_budget_year_of_their_date(cast):
    decision = issued_decision(cast)  # Dekom 2026: budget years 2026–2028
    dates = {
        datetime.date(2025, 12, 1): Decimal(100_000),  # an advance, before the round's year
        datetime.date(2026, 6, 1): Decimal(500_000),
        datetime.date(2027, 3, 1): Decimal(200_000),
        datetime.date(2029, 1, 15): Decimal(1_000),  # after the third year
    }
    _migrate(BEFORE)
    try:
        with connection.cursor() as cursor:
            for paid_on, amount in dates.items():
                cursor.execute(
                    "INSERT INTO decisions_payment (decision_id, paid_on, amount, note, created_at)"
                    " VALUES (%s, %s, %s, '', %s)",
                    [decision.pk, paid_on, amount, datetime.datetime(2026, 1, 1, 12, 0)],
                )
    finally:
        _migrate(AFTER)
        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes())
    decision = Decision.objects.get(pk=decision.pk)
    rows = {p.paid_on: (p.budget_year, p.state) for p in Payment.objects.filter(decision=decision)}
    assert rows == {
        datetime.date(2025, 12, 1): (2026, PaymentState.APPROVED),
        datetime.date(2026, 6, 1): (2026, PaymentState.APPROVED),
        datetime.date(2027, 3, 1): (2027, PaymentState.APPROVED),
        datetime.date(2029, 1, 15): (2028, PaymentState.APPROVED),
    }
    assert paid_total(decision) == Decimal(801_000)
    assert Decision.objects.with_paid().get(pk=decision.pk).paid == Decimal(801_000)

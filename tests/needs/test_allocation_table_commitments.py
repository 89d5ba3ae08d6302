"""The allocation table's committed column reads the one reader of commitments:
typed commitments plus the later-year amounts of earlier rounds' issued decisions
(the same office and scheme, budget year = the table's year)."""

from decimal import Decimal

import pytest

from kompetansemidler.needs.allocation_table import allocation_table
from kompetansemidler.schemes.services import commitment_add
from tests.decisions.objects import issued_decision
from tests.needs.objects import vestland_round

pytestmark = pytest.mark.django_db

D = Decimal


def test_committed_is_typed_commitments_plus_earlier_decisions_later_years(cast):
    issued_decision(cast)  # Dekom 2026 grants 450 000 for 2027
    next_round = vestland_round(cast, "dekom", 2027)
    commitment_add(
        actor=cast.caseworker, round=next_round, amount=D(1_000_000), source="Vedtak 2024/9, år 3"
    )
    table = allocation_table(cast.vestland, 2027)
    [row] = [r for r in table.rows if r.round.pk == next_round.pk]
    assert row.committed == D(1_450_000)
    assert row.available == next_round.frame - D(1_450_000)
    assert table.total.committed == D(1_450_000)

"""The office's report to Udir shows each scheme on its own and counts money in
its budget year: "decided" for a year is the first year of that year's
decisions plus the later-year amounts of earlier ones, so decided + available
never exceeds the allocation."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from kompetansemidler.decisions.selectors import available_in_round
from kompetansemidler.reporting.office_report import office_figures
from tests.decisions.objects import issued_decision
from tests.decisions.objects import payment_made as payment_register
from tests.needs.objects import vestland_round

pytestmark = pytest.mark.django_db

D = Decimal


def test_a_later_year_is_decided_and_committed_in_its_own_year_per_scheme(cast, client_for):
    decision = issued_decision(cast)  # Dekom 2026: 900 000 in 2026, 450 000 in 2027
    payment_register(
        actor=cast.caseworker,
        decision=decision,
        paid_on=datetime.date(2026, 6, 1),
        amount=D(400_000),
    )
    next_round = vestland_round(cast, "dekom", 2027)
    first = {m.scheme: m for m in office_figures(cast.vestland, 2026).schemes}
    assert first["Dekom"].decided == D(900_000) and first["Dekom"].paid == D(400_000)
    later = office_figures(cast.vestland, 2027)
    dekom = {m.scheme: m for m in later.schemes}["Dekom"]
    assert later.decided == D(450_000)
    assert (dekom.committed, dekom.decided, dekom.paid) == (D(450_000), D(450_000), D(0))
    assert dekom.allocation == next_round.frame
    available = available_in_round(next_round)
    assert dekom.decided + available == next_round.frame
    body = client_for(cast.caseworker).get(
        reverse("api:reporting_office", args=[cast.vestland.pk, 2027])
    )
    assert body.status_code == 200
    [row] = [r for r in body.json()["schemes"] if r["scheme"] == "Dekom"]
    assert (row["committed"], row["decided"]) == (450_000, 450_000)

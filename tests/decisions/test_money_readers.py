"""Paid, decided and available each have one reader, and every page, export and
API shows the same figure. Expected values are worked out by hand in kroner."""

import csv
import datetime
import io
from decimal import Decimal

import pytest
from django.urls import reverse

from kompetansemidler.decisions.models import Decision, DecisionState
from kompetansemidler.decisions.selectors import available_in_round, decided_in_round
from kompetansemidler.schemes.models import Commitment, Round
from tests.decisions.objects import (
    copies_for_other_recipients,
    issued_decision,
    paid_payment,
    set_amount,
)

pytestmark = pytest.mark.django_db


def round_of_three(cast):
    """A round with a frame of 5 000 000, 1 000 000 committed by earlier decisions,
    Bergen's issued decision of 900 000 in year 1, a second issued decision of
    300 000 and a draft of 700 000 that takes nothing until it is issued."""
    bergen = issued_decision(cast)
    Round.objects.filter(pk=bergen.round_id).update(frame=Decimal(5_000_000))
    Commitment.objects.create(round_id=bergen.round_id, amount=Decimal(1_000_000), source="2025")
    issued, draft = copies_for_other_recipients(bergen, 2)
    set_amount(issued, 300_000)
    set_amount(draft, 700_000)
    Decision.objects.filter(pk=draft.pk).update(state=DecisionState.DRAFT)
    return Round.objects.get(pk=bergen.round_id), bergen, issued, draft


def test_the_round_overview_counts_only_issued_decisions_as_taken(cast, client_for):
    round_, *_rest = round_of_three(cast)
    response = client_for(cast.caseworker).get(reverse("decisions:round", args=[round_.pk]))
    # 5 000 000 − 1 000 000 committed − 900 000 − 300 000 issued; the draft takes nothing.
    assert response.context["available"] == Decimal(2_800_000)
    assert available_in_round(round_) == Decimal(2_800_000)
    assert decided_in_round(round_) == Decimal(1_200_000)


def test_the_check_on_issue_leaves_out_the_decision_being_changed(cast):
    round_, bergen, _issued, _draft = round_of_three(cast)
    # Bergen's own 900 000 is not counted against itself: 5 000 000 − 1 000 000 − 300 000.
    assert available_in_round(round_, exclude=bergen) == Decimal(3_700_000)


def test_the_round_page_figure_counts_issued_decisions_and_their_payments(cast, client_for):
    round_, bergen, _issued, _draft = round_of_three(cast)
    pay(cast, bergen, 250_000)
    response = client_for(cast.caseworker).get(reverse("schemes:round_detail", args=[round_.pk]))
    [figure] = [f for f in response.context["figures"] if f.amount == Decimal(1_200_000)]
    assert "250000" in figure.note.replace("\xa0", "").replace(" ", "")


def pay(cast, decision, amount, day=1):
    return paid_payment(
        cast, decision, paid_on=datetime.date(decision.round.year, 3, day), amount=Decimal(amount)
    )


def test_paid_is_the_same_figure_on_every_page_export_and_the_api(cast, client_for):
    bergen = issued_decision(cast)
    [unpaid] = copies_for_other_recipients(bergen, 1)
    pay(cast, bergen, 250_000, day=1)
    pay(cast, bergen, 150_000, day=2)
    client = client_for(cast.caseworker)

    listed = {d.pk: d.paid for d in client.get(reverse("decisions:index")).context["paging"].page}
    assert listed == {bergen.pk: Decimal(400_000), unpaid.pk: Decimal(0)}

    detail = client.get(reverse("decisions:detail", args=[bergen.pk])).context["paid"]
    assert detail == Decimal(400_000)

    overview = client.get(reverse("decisions:round", args=[bergen.round_id])).context
    assert overview["totals"]["paid"] == Decimal(400_000)

    export = client.get(reverse("decisions:export", args=["csv"]))
    rows = list(csv.reader(io.StringIO(export.content.decode("utf-8-sig")), delimiter=";"))
    paid_column = rows[0].index("Utbetalt")
    assert sorted(int(row[paid_column].replace(" ", "") or 0) for row in rows[1:]) == [0, 400_000]

    api = client.get(reverse("api:decisions_list")).json()["items"]
    assert {d["id"]: d["paid"] for d in api} == {bergen.pk: 400_000, unpaid.pk: 0}
    one = client.get(reverse("api:decisions_detail", args=[bergen.pk])).json()
    assert one["paid"] == 400_000

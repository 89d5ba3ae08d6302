"""Typed commitments (history from before the product): registered with a source,
budget year (the round's) and category, never more than the round's frame less
what is already committed, and corrected or withdrawn with a reason and history."""

from decimal import Decimal

import pytest

from kompetansemidler.core.workflow import ServiceRefused
from kompetansemidler.history.models import Event
from kompetansemidler.schemes.models import Round
from kompetansemidler.schemes.selectors import committed_items
from kompetansemidler.schemes.services import (
    commitment_add,
    commitment_correct,
    commitment_withdraw,
)

D = Decimal


def add(cast, round_, amount, source="Vedtak 2025/14, år 2", category="general"):
    return commitment_add(
        actor=cast.caseworker, round=round_, amount=D(amount), source=source, category=category
    )


def test_a_commitment_up_to_the_frame_less_what_is_committed_passes_one_krone_more_fails(
    cast, make_round
):
    round_ = make_round(frame=D(10_000_000))
    add(cast, round_, 6_000_000)
    with pytest.raises(ServiceRefused) as refused:
        add(cast, round_, 4_000_001)
    assert [f.field for f in refused.value.findings] == ["amount"]
    message = refused.value.findings[0].message.replace("\xa0", " ")
    assert "4 000 001" in message and "4 000 000" in message and "6 000 000" in message
    add(cast, round_, 4_000_000)
    assert Round.objects.get(pk=round_.pk).committed == D(10_000_000)


def test_a_commitment_needs_a_source_and_a_category_of_the_rule_set(cast, make_round):
    round_ = make_round()
    with pytest.raises(ServiceRefused) as refused:
        add(cast, round_, 1_000, source="  ", category="nonsense")
    assert {f.field for f in refused.value.findings} == {"source", "category"}


def test_correct_and_withdraw_keep_the_history_and_free_the_money(cast, make_round):
    round_ = make_round(frame=D(10_000_000))
    commitment = add(cast, round_, 3_000_000)
    with pytest.raises(ServiceRefused):
        commitment_correct(
            actor=cast.caseworker,
            commitment=commitment,
            amount=D(2_000_000),
            source=commitment.source,
            category="craft_certificate",
            reason=" ",
        )
    commitment_correct(
        actor=cast.caseworker,
        commitment=commitment,
        amount=D(2_000_000),
        source=commitment.source,
        category="craft_certificate",
        reason="Feil beløp i overføringa",
    )
    assert [(i.amount, i.category) for i in committed_items(round_)] == [
        (D(2_000_000), "craft_certificate")
    ]
    commitment_withdraw(actor=cast.caseworker, commitment=commitment, reason="Registrert to gonger")
    round_ = Round.objects.get(pk=round_.pk)
    assert round_.committed == 0 and round_.available == D(10_000_000)
    assert committed_items(round_) == []
    kinds = sorted(
        Event.objects.for_object(round_)
        .filter(kind__startswith="round.commitment")
        .values_list("kind", flat=True)
    )
    assert kinds == [
        "round.commitment_added",
        "round.commitment_corrected",
        "round.commitment_withdrawn",
    ]
    with pytest.raises(ServiceRefused):
        commitment_withdraw(actor=cast.caseworker, commitment=commitment, reason="igjen")

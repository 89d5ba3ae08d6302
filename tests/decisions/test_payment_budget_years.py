"""Payments belong to a budget year: Bergen's decision grants 900 000 kroner for
2026 and 450 000 for 2027. Each year's payments stop at that year's amount to the
krone; 2027's money is not paid in 2026; 2026's money paid in 2027 needs a reason."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from kompetansemidler.core.workflow import ServiceRefused
from kompetansemidler.decisions.models import Payment, PaymentState
from kompetansemidler.decisions.payments import payment_register
from kompetansemidler.decisions.selectors import paid_total
from tests.support.keys import with_key

from .objects import issued_decision, paid_payment

pytestmark = pytest.mark.django_db

JUNE_2026 = datetime.date(2026, 6, 1)
MARCH_2027 = datetime.date(2027, 3, 1)


def prepare(cast, decision, **kwargs):
    return payment_register(actor=cast.caseworker, decision=decision, **kwargs)


def test_the_budget_year_is_the_payment_dates_year_unless_given(cast):
    decision = issued_decision(cast)
    payment = prepare(cast, decision, paid_on=JUNE_2026, amount=Decimal(1000))
    assert (payment.budget_year, payment.accounting_year) == (2026, 2026)


def test_exactly_the_years_remaining_amount_passes_and_one_krone_more_fails(cast):
    decision = issued_decision(cast)
    prepare(cast, decision, paid_on=MARCH_2027, amount=Decimal(200_000))
    prepare(cast, decision, paid_on=MARCH_2027, amount=Decimal(250_000))
    with pytest.raises(ServiceRefused) as refused:
        prepare(cast, decision, paid_on=MARCH_2027, amount=Decimal(1))
    assert [f.code for f in refused.value.findings] == ["PAYMENT_EXCEEDS_YEAR"]
    # 2026's money is untouched by 2027's payments.
    prepare(cast, decision, paid_on=JUNE_2026, amount=Decimal(900_000))
    assert Payment.objects.filter(decision=decision).count() == 3


def test_one_krone_over_the_year_is_refused_with_the_rest_named(cast):
    decision = issued_decision(cast)
    prepare(cast, decision, paid_on=JUNE_2026, amount=Decimal(899_999))
    with pytest.raises(ServiceRefused) as refused:
        prepare(cast, decision, paid_on=JUNE_2026, amount=Decimal(2))
    assert refused.value.message == (
        "Utbetalingen på 2 kroner er 1 kroner mer enn de 1 kronene som er igjen av beløpet "
        "vedtatt for 2026."
    )
    assert prepare(cast, decision, paid_on=JUNE_2026, amount=Decimal(1)).amount == 1


def test_a_prepared_payment_already_holds_its_years_money(cast):
    """Two prepared payments cannot together pass the year, though neither is paid yet."""
    decision = issued_decision(cast)
    prepare(cast, decision, paid_on=JUNE_2026, amount=Decimal(900_000))
    assert paid_total(decision) == 0
    with pytest.raises(ServiceRefused):
        prepare(cast, decision, paid_on=JUNE_2026, amount=Decimal(1))


def test_a_later_years_money_is_not_paid_early(cast):
    decision = issued_decision(cast)
    with pytest.raises(ServiceRefused) as refused:
        prepare(cast, decision, paid_on=JUNE_2026, amount=Decimal(1000), budget_year=2027)
    assert [f.code for f in refused.value.findings] == ["PAYMENT_TOO_EARLY"]
    assert refused.value.findings[0].field == "budget_year"
    assert not Payment.objects.exists()


def test_an_earlier_years_money_paid_late_needs_a_reason(cast):
    decision = issued_decision(cast)
    with pytest.raises(ServiceRefused) as refused:
        prepare(cast, decision, paid_on=MARCH_2027, amount=Decimal(1000), budget_year=2026)
    assert [f.code for f in refused.value.findings] == ["PAYMENT_LATE_WITHOUT_REASON"]
    payment = prepare(
        cast,
        decision,
        paid_on=MARCH_2027,
        amount=Decimal(1000),
        budget_year=2026,
        late_reason="Sluttrapporten for 2026 kom først i februar.",
    )
    assert (payment.budget_year, payment.accounting_year) == (2026, 2027)


def test_a_year_the_decision_grants_nothing_for_cannot_be_paid(cast):
    decision = issued_decision(cast)
    assert decision.amount_for_budget_year(2028) == 0
    with pytest.raises(ServiceRefused) as refused:
        prepare(cast, decision, paid_on=datetime.date(2028, 3, 1), amount=Decimal(1))
    assert [f.code for f in refused.value.findings] == ["PAYMENT_EXCEEDS_YEAR"]


def test_paid_for_a_year_counts_that_budget_years_approved_payments(cast):
    decision = issued_decision(cast)
    paid_payment(cast, decision, paid_on=JUNE_2026, amount=Decimal(500_000))
    paid_payment(
        cast,
        decision,
        paid_on=MARCH_2027,
        amount=Decimal(100_000),
        budget_year=2026,
        late_reason="Siste del av 2026-midlane.",
    )
    paid_payment(cast, decision, paid_on=MARCH_2027, amount=Decimal(300_000))
    assert paid_total(decision, year=2026) == Decimal(600_000)
    assert paid_total(decision, year=2027) == Decimal(300_000)
    assert paid_total(decision) == Decimal(900_000)


def test_the_page_keeps_what_was_typed_and_marks_the_late_reason(cast, client_for):
    decision = issued_decision(cast)
    response = client_for(cast.caseworker).post(
        reverse("decisions:payment_add", args=[decision.pk]),
        with_key(
            {
                "p-paid_on": "2027-03-01",
                "p-budget_year": "2026",
                "p-amount": "12 345",
                "p-note": "Restutbetaling",
            }
        ),
    )
    assert response.status_code == 400
    form = response.context["payment_form"]
    assert form["amount"].value() == "12 345"
    assert form.errors["late_reason"] == [
        "Midlene for 2026 utbetales for sent, i 2027: oppgi grunnen."
    ]
    assert not Payment.objects.exists()


def test_a_registered_payment_waits_for_approval(cast, client_for):
    decision = issued_decision(cast)
    response = client_for(cast.caseworker).post(
        reverse("decisions:payment_add", args=[decision.pk]),
        with_key({"p-paid_on": "2026-06-01", "p-budget_year": "", "p-amount": "400 000"}),
    )
    assert response.status_code == 302
    [payment] = Payment.objects.filter(decision=decision)
    assert (payment.state, payment.budget_year, payment.prepared_by) == (
        PaymentState.PREPARED,
        2026,
        cast.caseworker,
    )
    assert paid_total(decision) == 0

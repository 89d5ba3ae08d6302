"""Money and dates have sane ranges everywhere they are typed: each attempt below
once stored nonsense (a payment in year 1, 1 kr for "1,000") or crashed with a 500
(an amount of 99 999 999 999 999). Now each is a clear 400 and nothing changes."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from kompetansemidler.decisions.models import Payment
from kompetansemidler.decisions.payments import payment_register
from kompetansemidler.decisions.services import ServiceRefused
from kompetansemidler.reporting.services import annual_report_save
from tests.decisions.objects import draft_decision, issued_decision
from tests.reporting.objects import draft_report
from tests.support.keys import with_key

pytestmark = pytest.mark.django_db


def post_payment(client, decision, paid_on, amount="1 000"):
    return client.post(
        reverse("decisions:payment_add", args=[decision.pk]),
        with_key({"p-paid_on": paid_on, "p-amount": amount, "p-note": ""}),
    )


def test_a_payment_dated_year_1_or_2099_is_refused(cast, client_for):
    decision = issued_decision(cast)
    client = client_for(cast.caseworker)
    year_one = post_payment(client, decision, "0001-03-01")
    assert year_one.status_code == 400
    assert "Oppgi en dato mellom 01.01.2000 og 31.12.2100." in year_one.text
    # 2099 is a date, but not one a 2026 decision is paid on: 2026 to 2029.
    far = post_payment(client, decision, "2099-03-01")
    assert far.status_code == 400
    assert "01.01.2026" in far.text and "31.12.2029" in far.text
    assert not Payment.objects.exists()
    assert post_payment(client, decision, "2026-03-01").status_code == 302


def test_the_payment_service_refuses_a_date_outside_the_decisions_years(cast):
    decision = issued_decision(cast)
    for paid_on in (datetime.date(2024, 12, 31), datetime.date(2030, 1, 1)):
        with pytest.raises(ServiceRefused):
            payment_register(
                actor=cast.caseworker, decision=decision, paid_on=paid_on, amount=Decimal(1)
            )
    assert not Payment.objects.exists()


@pytest.mark.parametrize("amount", ["1,000", "1.000", "1 000,50", "100000000000000"])
def test_a_payment_amount_that_cannot_be_read_is_refused(cast, client_for, amount):
    decision = issued_decision(cast)
    response = post_payment(client_for(cast.caseworker), decision, "2026-03-01", amount)
    assert response.status_code == 400
    assert not Payment.objects.exists()


@pytest.mark.parametrize("used", ["99,999,999,999,999", "99999999999999", "-5", "1 000,50"])
def test_an_annual_report_amount_out_of_range_is_a_400_and_changes_nothing(cast, client_for, used):
    report = draft_report(cast)
    before = (report.used, report.unused, report.lock_version)
    response = client_for(cast.owner_rep).post(
        reverse("reporting:detail", args=[report.pk]),
        {
            "used": used,
            "unused": "0",
            "co_financing_documented": "0",
            "lock_version": report.lock_version,
        },
    )
    assert response.status_code == 400
    assert f'value="{used}"' in response.text
    report.refresh_from_db()
    assert (report.used, report.unused, report.lock_version) == before


def test_an_annual_report_in_norwegian_spacing_is_saved(cast, client_for):
    report = draft_report(cast)
    response = client_for(cast.owner_rep).post(
        reverse("reporting:detail", args=[report.pk]),
        {
            "used": "550\u00a0000",
            "unused": "50 000",
            "co_financing_documented": "0",
            "lock_version": report.lock_version,
        },
    )
    assert response.status_code == 302
    report.refresh_from_db()
    assert (report.used, report.unused) == (Decimal(550_000), Decimal(50_000))


def test_a_decision_amount_above_the_maximum_is_refused(cast, client_for):
    decision = draft_decision(cast)
    response = client_for(cast.caseworker).post(
        reverse("decisions:update", args=[decision.pk]),
        {"d-amount_year1": str(10**14), "d-amount_year2": "0", "d-amount_year3": "0"},
    )
    assert response.status_code == 400
    decision.refresh_from_db()
    assert decision.amount_year1 == Decimal(900_000)


def test_the_annual_report_service_refuses_an_amount_out_of_range(cast):
    report = draft_report(cast)
    with pytest.raises(ServiceRefused):
        annual_report_save(
            actor=cast.owner_rep,
            report=report,
            lock_version=report.lock_version,
            values={"used": Decimal(10**14), "unused": Decimal(0), "co_financing_documented": 0},
            answers={},
        )
    report.refresh_from_db()
    assert report.used != Decimal(10**14)

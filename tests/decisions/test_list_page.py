"""The caseworker's decision list shows what each decision has been paid, in the
export too, and in the same number of queries for two decisions as for twenty."""

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kompetansemidler.decisions.models import Payment, PaymentState
from tests.decisions.objects import copies_for_other_recipients, issued_decision

pytestmark = pytest.mark.django_db


def paid_twice(decision):
    for amount in (Decimal(123_000), Decimal(4_000)):
        Payment.objects.create(
            decision=decision,
            paid_on=datetime.date(2026, 6, 1),
            budget_year=2026,
            amount=amount,
            state=PaymentState.APPROVED,
        )


def more_decisions(decision, count):
    for other in copies_for_other_recipients(decision, count):
        paid_twice(other)


def listed(client):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(reverse("decisions:index"))
    assert response.status_code == 200
    return response.content.decode(), len(captured)


def test_the_list_and_export_show_the_sum_paid(cast, client_for):
    decision = issued_decision(cast)
    paid_twice(decision)
    client = client_for(cast.caseworker)
    html, _queries = listed(client)
    assert "127\u00a0000" in html or "127 000" in html
    export = client.get(reverse("decisions:export", args=["csv"])).content.decode("utf-8-sig")
    assert "127000" in export.replace(" ", "").replace("\u00a0", "")


def test_the_list_queries_do_not_grow_with_decisions(cast, client_for):
    decision = issued_decision(cast)
    more_decisions(decision, 1)
    client = client_for(cast.caseworker)
    listed(client)  # warm the per-process caches
    _html, few = listed(client)
    more_decisions(decision, 18)
    _html, many = listed(client)
    assert many == few

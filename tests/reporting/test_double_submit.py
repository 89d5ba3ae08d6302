"""Starting an annual report or approving one, sent twice, has one effect; a second
start from another tab leads to the report already started."""

import pytest
from django.urls import reverse

from kompetansemidler.decisions.models import UnusedFunds
from kompetansemidler.reporting.models import AnnualReport
from tests.support.keys import with_key

from .objects import paid_decision, submitted_report

pytestmark = pytest.mark.django_db


def test_start_pressed_twice_starts_one_report(cast, client_for):
    decision = paid_decision(cast)
    client = client_for(cast.owner_rep)
    url = reverse("reporting:start", args=[decision.pk])
    data = {"year": decision.round.year, "idempotency_key": "start-once"}
    first, second = client.post(url, data), client.post(url, data)
    report = AnnualReport.objects.get(decision=decision)
    assert first["Location"] == second["Location"] == reverse("reporting:detail", args=[report.pk])
    assert second["Idempotent-Replayed"] == "true"


def test_start_from_another_tab_leads_to_the_report_already_started(cast, client_for):
    decision = paid_decision(cast)
    client = client_for(cast.owner_rep)
    url = reverse("reporting:start", args=[decision.pk])
    client.post(url, {"year": decision.round.year, "idempotency_key": "tab-1"})
    second = client.post(url, {"year": decision.round.year, "idempotency_key": "tab-2"})
    report = AnnualReport.objects.get(decision=decision)
    assert second.status_code == 302
    assert second["Location"] == reverse("reporting:detail", args=[report.pk])


@pytest.mark.parametrize("year", ["9" * 30, "²", "２０２６"])
def test_an_odd_year_is_refused_with_a_message(cast, client_for, year):
    decision = paid_decision(cast)
    response = client_for(cast.owner_rep).post(
        reverse("reporting:start", args=[decision.pk]), with_key(year=year)
    )
    assert response.status_code == 302
    assert not AnnualReport.objects.filter(decision=decision).exists()


def test_approve_pressed_twice_decides_the_unused_funds_once(cast, client_for):
    report = submitted_report(cast)
    client = client_for(cast.caseworker)
    url = reverse("reporting:approve", args=[report.pk])
    data = {"carried_over": "0", "idempotency_key": "approve-once"}
    first, second = client.post(url, data), client.post(url, data)
    assert first.status_code == second.status_code == 302
    assert second["Idempotent-Replayed"] == "true"
    assert UnusedFunds.objects.filter(decision=report.decision).count() == 1

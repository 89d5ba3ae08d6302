"""'Start annual report' pressed five times at the same moment against a live
server on PostgreSQL: one report, and every press is led to it."""

import pytest
from django.urls import reverse

from kompetansemidler.history.models import Event
from kompetansemidler.reporting.models import AnnualReport
from tests.support.parallel import needs_postgresql, post_in_parallel

from .objects import paid_decision

pytestmark = [pytest.mark.django_db(transaction=True), needs_postgresql]


def test_start_pressed_five_times_at_once_starts_one_report(cast, live_server):
    decision = paid_decision(cast)
    url = live_server.url + reverse("reporting:start", args=[decision.pk])
    payloads = [{"year": decision.round.year, "idempotency_key": f"tab-{i}"} for i in range(5)]
    answers = post_in_parallel(url, cast.owner_rep, payloads)
    report = AnnualReport.objects.get(decision=decision)
    detail = reverse("reporting:detail", args=[report.pk])
    assert [(a.status_code, a.headers["Location"]) for a in answers] == [(302, detail)] * 5
    assert Event.objects.filter(kind="annual_report.started").count() == 1

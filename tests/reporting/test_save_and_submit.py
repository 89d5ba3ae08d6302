"""“Save and submit” is one step: a refused submit saves nothing of what was
typed either, and the page shows the typed values back with the reason."""

import pytest
from django.urls import reverse

from kompetansemidler.history.models import Event
from kompetansemidler.reporting.models import AnnualReport

from .objects import PAID, filled_report

pytestmark = pytest.mark.django_db


def _post(report, **changes):
    data = {
        "lock_version": report.lock_version,
        "used": str(report.used),
        "unused": str(report.unused),
        "co_financing_documented": str(report.co_financing_documented),
    }
    for answer in report.answers.all():
        data[f"answer-{answer.key}"] = answer.answer
        data[f"text-{answer.key}"] = answer.text
    data.update(changes)
    return data


def test_a_refused_submit_saves_nothing_of_the_typed_values(cast, client_for):
    report = filled_report(cast)
    before = AnnualReport.objects.get(pk=report.pk)
    events = Event.objects.for_object(report).count()
    too_much = str(PAID + 1000)
    response = client_for(cast.owner_rep).post(
        reverse("reporting:detail", args=[report.pk]),
        _post(report, used=too_much, unused="0", submit="1"),
    )
    assert response.status_code == 409
    assert too_much in response.content.decode().replace("\xa0", "").replace(" ", "")
    report.refresh_from_db()
    assert report.state == before.state == "draft"
    assert (report.used, report.lock_version) == (before.used, before.lock_version)
    assert Event.objects.for_object(report).count() == events


def test_save_and_submit_saves_and_submits_together(cast, client_for):
    report = filled_report(cast)
    response = client_for(cast.owner_rep).post(
        reverse("reporting:detail", args=[report.pk]),
        _post(report, used="500000", unused="100000", submit="1"),
    )
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.state == "submitted"
    assert report.used == 500000
    kinds = list(Event.objects.for_object(report).values_list("kind", flat=True))
    assert kinds.count("annual_report.saved") == 1
    assert kinds.count("annual_report.submitted") == 1

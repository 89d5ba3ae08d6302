"""The caseworker's list of annual reports: fifty to a page, filtered by state, in
the same number of queries however many reports the office has."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kompetansemidler.reporting.models import AnnualReport, AnnualReportState
from tests.reporting.objects import submitted_report

pytestmark = pytest.mark.django_db


def earlier_years(report, count, state=AnnualReportState.APPROVED):
    """Copies of the report for ``count`` earlier years (the list only reads the rows)."""
    AnnualReport.objects.bulk_create(
        AnnualReport(
            decision=report.decision,
            year=report.year - 1 - i,
            state=state,
            decided=report.decided,
            paid=report.paid,
            used=report.used,
        )
        for i in range(count)
    )


def listed(client, query=""):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(reverse("reporting:index") + query)
    assert response.status_code == 200
    report_links = re.findall(r'href="/rapport/[0-9]+/"', response.content.decode())
    return len(report_links), len(captured)


def test_the_list_pages_and_filters_by_state(cast, client_for):
    report = submitted_report(cast)
    earlier_years(report, 60)
    client = client_for(cast.caseworker)
    assert listed(client)[0] == 50
    assert listed(client, "?page=2")[0] == 11
    assert listed(client, "?state=submitted")[0] == 1
    assert listed(client, "?state=returned")[0] == 0


def test_the_list_queries_do_not_grow_with_reports(cast, client_for):
    report = submitted_report(cast)
    client = client_for(cast.caseworker)
    listed(client)  # warm the per-process caches
    _rows, few = listed(client)
    earlier_years(report, 120)
    _rows, many = listed(client)
    assert many == few

"""The demo has approved annual reports for two years."""

import pytest
from django.db import connection

from kompetansemidler.demo.build import build_demo
from kompetansemidler.reporting.models import AnnualReport


@pytest.mark.xfail(
    connection.vendor == "postgresql",
    reason="fails on PostgreSQL in some full parallel runs only (order-dependent, "
    "cause not found yet); passes alone and on SQLite",
    strict=False,
)
def test_demo_has_two_years_of_approved_reports(cast):
    build_demo()
    approved = AnnualReport.objects.filter(state="approved")
    assert set(approved.values_list("year", flat=True)) == {2025, 2026}
    assert approved.filter(participants_total__gt=0).exists()
    count = AnnualReport.objects.count()
    build_demo()
    assert AnnualReport.objects.count() == count

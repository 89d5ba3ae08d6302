"""The statistics pages, exports and API do not issue more queries as the
decisions grow: the count with one decision per round is the count with six."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from .objects import build

PAGES = [
    ("statistics:national", {}, {}),
    ("statistics:national", {}, {"group": "office"}),
    ("statistics:national", {}, {"group": "county", "year_from": "2027"}),
    ("statistics:national_export", {"dimension": "county", "fmt": "csv"}, {}),
    ("statistics:public", {}, {}),
    ("statistics:public", {}, {"year": "2026"}),
    ("statistics:public_export", {"dimension": "recipient", "fmt": "xlsx"}, {}),
    ("api:statistics_national", {}, {"group": "scheme"}),
    ("api:statistics_public", {}, {"group": "recipient"}),
]


def queries(client, url: str, params: dict) -> int:
    with CaptureQueriesContext(connection) as context:
        response = client.get(url, params)
    assert response.status_code == 200, url
    return len(context.captured_queries)


@pytest.mark.parametrize(("name", "kwargs", "params"), PAGES)
def test_query_count_does_not_grow_with_the_decisions(name, kwargs, params, cast, client_for):
    client = client_for(cast.udir)
    url = reverse(name, kwargs=kwargs)
    build(cast, per_round=1, seed=2)
    queries(client, url, params)  # warm the session and the role cache
    few = queries(client, url, params)
    build(cast, per_round=6, seed=3)
    many = queries(client, url, params)
    assert few == many, f"{name} {params}: {few} queries with 8 decisions, {many} with 56"


def test_the_national_page_reads_each_large_table_once(cast, client_for):
    """Payments, repayments, annual reports and goal answers once for both money
    tables (per year and per group); the decisions once per table."""
    build(cast, per_round=2)
    client = client_for(cast.udir)
    client.get(reverse("statistics:national"))
    with CaptureQueriesContext(connection) as context:
        client.get(reverse("statistics:national"), {"group": "office"})
    tables = {
        "decisions_payment": 0,
        "decisions_unusedfunds": 0,
        "reporting_annualreport": 0,
        "reporting_goalanswer": 0,
        "decisions_decision": 0,
    }
    for query in context.captured_queries:
        source = query["sql"].split(" FROM ", 1)[-1]
        table = source.split()[0].strip('"')
        if table in tables:
            tables[table] += 1
    assert tables == {
        "decisions_payment": 1,
        "decisions_unusedfunds": 1,
        "reporting_annualreport": 1,
        "reporting_goalanswer": 1,
        "decisions_decision": 2,
    }

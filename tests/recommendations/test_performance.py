"""The editor's queries do not grow with the number of lines, and the check's
mapping from models to the rules stays linear (timed in the benchmark, not here)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kompetansemidler.needs.models import ProposedMeasure
from kompetansemidler.recommendations import rows
from tests.recommendations.objects import recommendation_with_lines

pytestmark = pytest.mark.django_db


def queries(client, url, method="get", data=None):
    with CaptureQueriesContext(connection) as captured:
        response = getattr(client, method)(url, data or {})
    assert response.status_code == 200
    return len(captured)


def typed(recommendation, amount) -> dict:
    """What the editor posts for every line (the live check, a save)."""
    data = {"lock_version": recommendation.lock_version}
    for line in recommendation.lines.all():
        data.update(
            {
                f"l{line.pk}-rank": line.rank,
                f"l{line.pk}-amount_year1": amount,
                f"l{line.pk}-justification": "Grunngjeve",
            }
        )
    return data


# A refused save ("x" is no amount) renders the editor again with what was typed.
@pytest.mark.parametrize(
    "name,method,amount",
    [
        ("edit", "get", None),
        ("detail", "get", None),
        ("check", "post", "20000"),
        ("edit", "post", "x"),
    ],
)
@pytest.mark.parametrize("per_page", [300, 20])
def test_the_editor_does_not_query_per_line(
    cast, client_for, monkeypatch, name, method, amount, per_page
):
    # With 20 a page, the 50 lines take three pages; the totals still cover all of them.
    monkeypatch.setattr(rows.EDITOR_PAGES, "size", per_page)
    monkeypatch.setattr(rows.READING_PAGES, "size", per_page)
    client = client_for(cast.forum_member)
    small = recommendation_with_lines(cast, 5)
    url = reverse(f"recommendations:{name}", args=[small.pk])
    data = typed(small, amount) if amount else None
    queries(client, url, method, data)  # warm the per-process caches (content types)
    few = queries(client, url, method, data)
    small.lines.all().delete()
    ProposedMeasure.objects.filter(report__owner=cast.owner).delete()
    large = recommendation_with_lines(cast, 50)
    assert large.lines.count() == 50
    data = typed(large, amount) if amount else None
    many = queries(client, reverse(f"recommendations:{name}", args=[large.pk]), method, data)
    assert many == few

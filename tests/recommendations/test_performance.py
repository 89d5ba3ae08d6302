"""The editor's queries do not grow with the number of lines, and the check's
mapping from models to the rules stays linear (timed in the benchmark, not here)."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kompetansemidler.needs.models import ProposedMeasure
from kompetansemidler.recommendations.services import recommendation_create
from tests.recommendations.objects import bergen_accepted

pytestmark = pytest.mark.django_db


def recommendation_with(cast, count):
    report = bergen_accepted(cast, measures=())
    ProposedMeasure.objects.bulk_create(
        ProposedMeasure(report=report, position=i, title=f"Tiltak {i}",
                        amount_year1=Decimal(10_000 + i)) for i in range(count))
    return recommendation_create(actor=cast.forum_member, round=report.round,
                                 forum=cast.forum, name=f"{count} linjer")


def queries(client, url, method="get", data=None):
    with CaptureQueriesContext(connection) as captured:
        response = getattr(client, method)(url, data or {})
    assert response.status_code == 200
    return len(captured)


@pytest.mark.parametrize("name,method", [("edit", "get"), ("detail", "get"),
                                         ("check", "post")])
def test_the_editor_does_not_query_per_line(cast, client_for, name, method):
    client = client_for(cast.forum_member)
    small = recommendation_with(cast, 5)
    url = reverse(f"recommendations:{name}", args=[small.pk])
    queries(client, url, method)  # warm the per-process caches (content types)
    few = queries(client, url, method)
    small.lines.all().delete()
    ProposedMeasure.objects.filter(report__owner=cast.owner).delete()
    large = recommendation_with(cast, 50)
    assert large.lines.count() == 50
    many = queries(client, reverse(f"recommendations:{name}", args=[large.pk]), method)
    assert many == few

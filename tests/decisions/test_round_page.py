"""The round's decision table: each recipient's newest grant letter, and the same
number of queries for a round of two decisions as for a round of twenty."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kompetansemidler.decisions.models import Letter
from tests.decisions.objects import copies_for_other_recipients, issued_decision

pytestmark = pytest.mark.django_db


def letter(decision, version):
    return Letter.objects.create(
        decision=decision,
        version=version,
        decision_revision=version,
        language="nb",
        pdf_file=f"letters/{decision.pk}-{version}.pdf",
        appeal_deadline=datetime.date(2026, 6, 1),
        registry_reference=f"2026/{decision.pk}-{version}",
    )


def more_decisions(decision, count):
    for other in copies_for_other_recipients(decision, count):
        letter(other, 1)


def page(client, url):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return response, len(captured)


def test_round_page_links_the_newest_letter_in_constant_queries(cast, client_for):
    decision = issued_decision(cast)
    first, second = letter(decision, 1), letter(decision, 2)
    more_decisions(decision, 1)
    client = client_for(cast.caseworker)
    url = reverse("decisions:round", args=[decision.round_id])
    page(client, url)  # warm the per-process caches
    response, few = page(client, url)
    html = response.content.decode()
    assert reverse("decisions:letter", args=[second.pk]) in html
    assert reverse("decisions:letter", args=[first.pk]) not in html
    more_decisions(decision, 18)
    _response, many = page(client, url)
    assert many == few

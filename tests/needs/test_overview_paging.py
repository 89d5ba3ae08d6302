"""The round overview shows its owners a page at a time; the totals, the
exports and the API still count every owner, and its queries do not grow
with the number of owners."""

from decimal import Decimal

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kompetansemidler.needs.models import NeedsReport, ProposedMeasure, ReportState
from kompetansemidler.needs.views.overview import OWNERS_PER_PAGE
from tests.factories import OrganisationFactory


def add_owners(round_, count: int, *, start: int = 0) -> list:
    """``count`` private owners in Bergen; every third has sent a report of 100 000,
    every third after that has a draft."""
    owners = []
    for n in range(start, start + count):
        owner = OrganisationFactory(name=f"Eigar {n:03d} AS")
        if n % 3 == 0:
            report = NeedsReport.objects.create(
                round=round_, owner=owner, state=ReportState.SUBMITTED
            )
            ProposedMeasure.objects.create(
                report=report, title="Leik", amount_year1=Decimal(100000)
            )
        elif n % 3 == 1:
            NeedsReport.objects.create(round=round_, owner=owner)
        owners.append(owner)
    return owners


def url(round_, query: str = "") -> str:
    return f"/behov/runde/{round_.pk}/{query}"


def test_the_table_shows_one_page_and_the_totals_count_every_owner(cast, client_for, open_round):
    added = add_owners(open_round, 60)
    client = client_for(cast.caseworker)
    first = client.get(url(open_round))
    overview = first.context["overview"]
    total = overview.owner_count
    assert total >= 60
    assert len(first.context["rows"]) == OWNERS_PER_PAGE
    assert overview.reported_count == 20
    assert overview.demand == Decimal(2000000)
    assert overview.by_kind == {"private": Decimal(2000000)}
    content = first.content.decode()
    assert f"20 / {total}" in content
    assert f"Viser 1–{OWNERS_PER_PAGE} av {total}" in content
    assert 'href="?page=2"' in content

    shown = []
    for page in range(1, (total - 1) // OWNERS_PER_PAGE + 2):
        response = client.get(url(open_round, f"?page={page}"))
        assert response.context["overview"].reported_count == 20
        shown += [row.owner.pk for row in response.context["rows"]]
    assert len(shown) == len(set(shown)) == total
    assert {owner.pk for owner in added} <= set(shown)


def test_a_row_on_a_later_page_has_its_report_and_amounts(cast, client_for, open_round):
    add_owners(open_round, 60)
    client = client_for(cast.caseworker)
    rows = {}
    for page in (1, 2):
        rows.update(
            {
                row.owner.name: row
                for row in client.get(url(open_round, f"?page={page}")).context["rows"]
            }
        )
    assert rows["Eigar 057 AS"].report.state == ReportState.SUBMITTED
    assert rows["Eigar 057 AS"].amounts == (Decimal(100000), 0, 0)
    assert rows["Eigar 058 AS"].report is None and rows["Eigar 058 AS"].unsent
    assert rows["Eigar 059 AS"].report is None and rows["Eigar 059 AS"].unsent is None


def test_the_exports_and_the_api_have_every_owner(cast, client_for, open_round):
    add_owners(open_round, 60)
    client = client_for(cast.caseworker)
    total = client.get(url(open_round)).context["overview"].owner_count
    csv = client.get(url(open_round, "eksport.csv")).content.decode("utf-8-sig")
    assert len(csv.strip().splitlines()) == total + 1
    body = client.get(f"/api/needs/rounds/{open_round.pk}/overview").json()
    assert body["owners"] == len(body["rows"]) == total
    assert body["owners_reported"] == 20 and body["demand"] == 2000000


def test_reopening_from_a_later_page_returns_to_that_page(cast, client_for, open_round):
    owners = add_owners(open_round, 60)
    draft = NeedsReport.objects.get(round=open_round, owner=owners[1])
    client = client_for(cast.caseworker)
    response = client.post(
        reverse("needs:report_reopen", args=[draft.pk]) + "?page=2", {"reason": "Sjukdom"}
    )
    assert response.status_code == 302
    assert response.url == url(open_round, "?page=2")
    assert NeedsReport.objects.get(pk=draft.pk).reopened


def queries(client, path: str) -> int:
    with CaptureQueriesContext(connection) as context:
        response = client.get(path)
    assert response.status_code == 200, path
    return len(context.captured_queries)


def test_the_queries_do_not_grow_with_the_owners(cast, client_for, open_round):
    client = client_for(cast.caseworker)
    paths = [
        url(open_round),
        url(open_round, "?page=2"),
        url(open_round, "eksport.csv"),
        f"/api/needs/rounds/{open_round.pk}/overview",
    ]
    add_owners(open_round, 6)
    for path in paths:
        queries(client, path)  # warm the session and the role cache
    few = [queries(client, path) for path in paths]
    add_owners(open_round, 120, start=6)
    many = [queries(client, path) for path in paths]
    assert few == many

"""The caseworker's start page counts the submitted needs reports of each round
with one query, however many rounds have reports waiting."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from kompetansemidler.needs.models import NeedsReport, ReportState
from tests.factories import OrganisationFactory

from .conftest import make_round


def submit(round_, count: int, state=ReportState.SUBMITTED) -> None:
    for _ in range(count):
        NeedsReport.objects.create(round=round_, owner=OrganisationFactory(), state=state)


def waiting_links(client) -> dict[str, int]:
    panels = client.get("/").context["panels"]
    return {
        link.url: link.count
        for panel in panels
        for link in panel.links
        if link.url.startswith("/behov/runde/") and link.count is not None
    }


def test_each_round_shows_how_many_reports_wait(cast, client_for):
    rekom, dekom = make_round(cast.vestland), make_round(cast.vestland, "dekom")
    submit(rekom, 2)
    submit(rekom, 1, ReportState.ACCEPTED)
    submit(dekom, 1)
    submit(dekom, 1, ReportState.DRAFT)
    submit(make_round(cast.rogaland), 3)
    assert waiting_links(client_for(cast.caseworker)) == {
        f"/behov/runde/{rekom.pk}/": 2,
        f"/behov/runde/{dekom.pk}/": 1,
    }


def test_the_queries_do_not_grow_with_the_rounds(cast, client_for):
    client = client_for(cast.caseworker)
    submit(make_round(cast.vestland), 1)
    client.get("/")  # warm the session and the role cache

    def count() -> int:
        with CaptureQueriesContext(connection) as context:
            client.get("/")
        return len(context.captured_queries)

    one = count()
    for year in (2025, 2027):
        submit(make_round(cast.vestland, year=year), 2)
    submit(make_round(cast.vestland, "kompetanseloftet"), 1)
    assert len(waiting_links(client)) == 4
    assert count() == one

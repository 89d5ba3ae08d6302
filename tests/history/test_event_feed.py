"""The event feed at /api/events/: oldest first, from a cursor, filtered, and scoped."""

import pytest

from kompetansemidler.history.services import event_record
from kompetansemidler.needs.models import NeedsReport
from tests.needs.conftest import make_round

pytestmark = pytest.mark.django_db


@pytest.fixture
def report(cast):
    report = NeedsReport.objects.create(round=make_round(cast.vestland), owner=cast.owner)
    for kind in ("needs_report.created", "needs_report.submitted", "needs_report.returned"):
        event_record(
            actor=cast.owner_rep,
            kind=kind,
            obj=report,
            office=cast.vestland,
            organisation=cast.owner,
            before={"secret": "before"},
            after={"secret": "after"},
        )
    return report


def _kinds(response):
    return [e["kind"] for e in response.json()["events"]]


def test_the_feed_is_oldest_first_and_pages_by_cursor(cast, report, client_for):
    client = client_for(cast.owner_rep)
    first = client.get("/api/events/", {"limit": 2})
    assert _kinds(first) == ["needs_report.created", "needs_report.submitted"]
    rest = client.get("/api/events/", {"limit": 2, "after": first.json()["next_after"]})
    assert _kinds(rest) == ["needs_report.returned"]
    done = client.get("/api/events/", {"after": rest.json()["next_after"]})
    assert done.json() == {"events": [], "next_after": rest.json()["next_after"]}


def test_the_feed_filters_by_kind_and_object(cast, report, client_for):
    client = client_for(cast.owner_rep)
    by_kind = client.get("/api/events/", {"kind": ["needs_report.returned"]})
    assert _kinds(by_kind) == ["needs_report.returned"]
    by_object = client.get(
        "/api/events/", {"object_type": "needs.needsreport", "object_id": str(report.pk + 1)}
    )
    assert _kinds(by_object) == []


def test_an_event_is_a_projection_without_the_recorded_values(cast, report, client_for):
    event = client_for(cast.owner_rep).get("/api/events/").json()["events"][0]
    assert event["object"] == {
        "type": "needs.needsreport",
        "id": str(report.pk),
        "label": str(report),
    }
    assert event["actor"] == {"kind": "person", "name": cast.owner_rep.get_full_name()}
    assert "secret" not in str(event)


def test_another_owner_and_another_office_see_none_of_it(cast, report, client_for):
    for persona in (cast.other_owner_rep, cast.other_caseworker):
        client = client_for(persona)
        assert _kinds(client.get("/api/events/")) == []


def test_a_draft_is_hidden_from_the_forum_though_its_organisation_is_in_the_forums_county(
    cast, report, client_for
):
    assert _kinds(client_for(cast.forum_member).get("/api/events/")) == []


def test_someone_without_a_role_is_refused_and_a_visitor_must_log_in(cast, client):
    assert client.get("/api/events/").status_code == 401
    client.force_login(cast.outsider)
    assert client.get("/api/events/").status_code == 403

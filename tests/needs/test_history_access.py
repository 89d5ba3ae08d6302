"""The history page of a case opens only for those who may see the case."""

import pytest

from kompetansemidler.history.services import event_record
from kompetansemidler.needs.models import NeedsReport, ReportState

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft_report(cast, open_round):
    report = NeedsReport.objects.create(round=open_round, owner=cast.owner, state=ReportState.DRAFT)
    event_record(
        actor=cast.owner_rep,
        kind="needs_report.created",
        obj=report,
        office=cast.vestland,
        organisation=cast.owner,
    )
    return report


def history_url(report):
    return f"/historikk/needs/needsreport/{report.pk}/"


def test_the_owner_sees_the_history_of_its_own_draft(draft_report, cast, client_for):
    assert client_for(cast.owner_rep).get(history_url(draft_report)).status_code == 200


@pytest.mark.parametrize("persona", ["forum_member", "network_coordinator", "other_owner_rep"])
def test_others_cannot_read_the_history_of_an_owners_draft(draft_report, cast, client, persona):
    client.force_login(getattr(cast, persona))
    response = client.get(history_url(draft_report))
    assert response.status_code == 403
    assert "Bergen kommune" not in response.content.decode()


def test_a_history_id_that_is_not_a_number_is_refused_not_an_error(cast, client_for):
    response = client_for(cast.forum_member).get("/historikk/needs/needsreport/%C2%B2/")
    assert response.status_code in (403, 404)

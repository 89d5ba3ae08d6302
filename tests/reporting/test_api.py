import pytest

from .objects import draft_report, submitted_report

pytestmark = pytest.mark.django_db


def test_list_is_scoped_and_office_report_sums(cast, client_for):
    report = submitted_report(cast)
    body = client_for(cast.owner_rep).get("/api/reporting/").json()
    assert [item["id"] for item in body["items"]] == [report.pk]
    assert body["items"][0]["used"] == 550000
    assert client_for(cast.other_caseworker).get("/api/reporting/").json()["count"] == 0
    detail = client_for(cast.caseworker).get(f"/api/reporting/{report.pk}").json()
    assert {a["key"] for a in detail["answers"]} >= {"c2", "c6"}
    office = client_for(cast.udir).get(f"/api/reporting/office/{cast.vestland.pk}/2026").json()
    # Submitted, not yet approved: nothing used is counted yet.
    assert office["used"] == 0 and office["paid"] == 600000
    assert (
        client_for(cast.other_caseworker)
        .get(f"/api/reporting/office/{cast.vestland.pk}/2026")
        .status_code
        == 403
    )


def test_draft_hidden_from_caseworker(cast, client_for):
    report = draft_report(cast)
    assert client_for(cast.caseworker).get(f"/api/reporting/{report.pk}").status_code == 403

"""A needs report's steps and a local plan's text through the API: a refused
step is 409 with the reason, a report with errors 422 with every finding, a
plan saved on an old version 412 — each in the one error body, in the
request's language."""

import pytest
from django.urls import reverse

from kompetansemidler.history.models import Event
from kompetansemidler.needs.models import NeedsReport, ReportState
from tests.support.keys import key_header


@pytest.fixture
def api(client):
    def login(user):
        client.force_login(user)
        return client

    return login


def post(client, name, language="en", **kwargs):
    return client.post(
        reverse(name, kwargs=kwargs),
        {},
        content_type="application/json",
        **key_header(),
        HTTP_ACCEPT_LANGUAGE=language,
    )


@pytest.fixture
def accepted(owner_report):
    NeedsReport.objects.filter(pk=owner_report.pk).update(state=ReportState.ACCEPTED)
    return owner_report


def test_accepting_an_accepted_report_is_409_with_the_state_and_action(cast, accepted, api):
    response = post(api(cast.caseworker), "api:needs_report_accept", report_id=accepted.pk)
    assert response.status_code == 409
    body = response.json()
    assert body["code"] == "state_refused"
    assert body["detail"] == "A report in the state “Accepted” cannot be accepted."
    assert body["params"] == {"state": "Accepted", "action": "accepted", "sources": "Submitted"}
    accepted.refresh_from_db()
    assert accepted.state == ReportState.ACCEPTED
    assert not Event.objects.for_object(accepted).exists()


def test_the_refusal_reads_in_the_requests_language(cast, accepted, api):
    response = post(
        api(cast.caseworker), "api:needs_report_accept", language="nn", report_id=accepted.pk
    )
    assert response.status_code == 409
    assert response.json()["detail"].startswith("Ei melding med status «")
    assert response.json()["detail"].endswith("kan ikkje bli godkjend.")


def test_submitting_a_report_with_errors_is_422_with_each_finding(cast, owner_report, api):
    NeedsReport.objects.filter(pk=owner_report.pk).update(staff_involvement="", reopened=True)
    response = post(api(cast.owner_rep), "api:needs_report_submit", report_id=owner_report.pk)
    assert response.status_code == 422
    body = response.json()
    assert body["code"] == "findings"
    assert body["findings"]
    for finding in body["findings"]:
        assert set(finding) == {"code", "severity", "message", "field"}
        assert finding["severity"] == "error"
    assert "staff_involvement" in {f["field"] for f in body["findings"]}
    assert NeedsReport.objects.get(pk=owner_report.pk).state == ReportState.DRAFT


def test_a_report_that_meets_the_rules_is_submitted_and_accepted_once(cast, owner_report, api):
    NeedsReport.objects.filter(pk=owner_report.pk).update(reopened=True)
    response = post(api(cast.owner_rep), "api:needs_report_submit", report_id=owner_report.pk)
    assert response.status_code == 200
    assert response.json()["state"] == "submitted"
    client = api(cast.caseworker)
    assert post(client, "api:needs_report_accept", report_id=owner_report.pk).status_code == 200
    again = post(client, "api:needs_report_accept", report_id=owner_report.pk)
    assert again.status_code == 409
    assert again.json()["code"] == "state_refused"


def test_submitting_after_the_deadline_is_409_with_the_deadline(cast, owner_report, api):
    response = post(api(cast.owner_rep), "api:needs_report_submit", report_id=owner_report.pk)
    assert response.status_code == 409
    assert response.json()["code"] == "deadline"
    assert response.json()["params"] == {"deadline": "01.03.2026"}


def test_returning_without_a_reason_is_refused_and_with_one_goes_through(cast, owner_report, api):
    NeedsReport.objects.filter(pk=owner_report.pk).update(state=ReportState.SUBMITTED)
    client = api(cast.caseworker)
    url = reverse("api:needs_report_return", kwargs={"report_id": owner_report.pk})
    blank = client.post(url, {"reason": "   "}, content_type="application/json", **key_header())
    assert blank.status_code == 422
    assert blank.json()["findings"][0]["field"] == "reason"
    done = client.post(
        url, {"reason": "Rett beløpa"}, content_type="application/json", **key_header()
    )
    assert done.status_code == 200 and done.json()["state"] == "returned"


def test_a_plan_saved_on_an_old_version_is_412_and_keeps_the_newer_text(cast, plan, api):
    client = api(cast.owner_rep)
    url = reverse("api:needs_plan_update", kwargs={"plan_id": plan.pk})
    read = plan.lock_version
    first = client.patch(
        url,
        {"lock_version": read, "title": "Ny tittel"},
        content_type="application/json",
        **key_header(),
    )
    assert first.status_code == 200 and first.json()["title"] == "Ny tittel"
    stale = client.patch(
        url,
        {"lock_version": read, "title": "Gammal tittel"},
        content_type="application/json",
        **key_header(),
    )
    assert stale.status_code == 412
    assert stale.json()["code"] == "stale"
    plan.refresh_from_db()
    assert plan.title == "Ny tittel" and plan.lock_version == read + 1


def test_a_plan_with_an_invalid_value_is_422(cast, plan, api):
    response = api(cast.owner_rep).patch(
        reverse("api:needs_plan_update", kwargs={"plan_id": plan.pk}),
        {"lock_version": 0, "title": "x" * 201},
        content_type="application/json",
        **key_header(),
    )
    assert response.status_code == 422
    assert response.json()["code"] == "invalid"


def test_others_cannot_take_a_reports_steps_or_change_a_plan(cast, owner_report, plan, api):
    for user in (cast.other_owner_rep, cast.outsider, cast.forum_member):
        client = api(user)
        assert post(client, "api:needs_report_submit", report_id=owner_report.pk).status_code == 403
        assert post(client, "api:needs_report_accept", report_id=owner_report.pk).status_code == 403
        response = client.patch(
            reverse("api:needs_plan_update", kwargs={"plan_id": plan.pk}),
            {"lock_version": 0, "title": "Kapra"},
            content_type="application/json",
            **key_header(),
        )
        assert response.status_code == 403
    plan.refresh_from_db()
    assert plan.title == "Kompetanseplan Bergen"


def test_the_schema_documents_the_refusals_of_every_write(client):
    paths = client.get("/api/openapi.json").json()["paths"]
    for path, method in (
        ("/api/needs/reports/{report_id}/submit", "post"),
        ("/api/needs/reports/{report_id}/accept", "post"),
        ("/api/needs/reports/{report_id}/return", "post"),
        ("/api/needs/plans/{plan_id}", "patch"),
    ):
        assert {"409", "412", "422"} <= set(paths[path][method]["responses"]), path

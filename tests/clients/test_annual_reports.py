"""The recipient's own system fills in and submits its annual report through the API."""

import pytest

from kompetansemidler.accounts.api_clients import api_client_register
from kompetansemidler.accounts.models import Role
from kompetansemidler.reporting.models import AnnualReport, AnnualReportState
from tests.reporting.objects import draft_report

from .support import Bearer, bergen_client, token_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def report(cast):
    return draft_report(cast)


@pytest.fixture
def bergen(cast):
    return Bearer(token_for(bergen_client(cast, scopes=["read", "annual_reports.write"])))


def _answers(report, answer="yes"):
    return [{"key": a.key, "answer": answer, "text": "I referatet."} for a in report.answers.all()]


def test_the_recipients_system_fills_in_and_submits_its_report(cast, report, bergen):
    read = bergen.get(f"/api/reporting/{report.pk}")
    assert read.status_code == 200
    paid = read.json()["paid"]
    body = {
        "used": paid - 50_000,
        "unused": 50_000,
        "co_financing_documented": read.json()["co_financing_required"],
        "answers": _answers(report),
    }
    filled = bergen.write("patch", f"/api/reporting/{report.pk}", body, if_match=read["ETag"])
    assert filled.status_code == 200, filled.content
    assert filled.json()["used"] == paid - 50_000
    submitted = bergen.write("post", f"/api/reporting/{report.pk}/submit", if_match=filled["ETag"])
    assert submitted.status_code == 200, submitted.content
    assert AnnualReport.objects.get(pk=report.pk).state == AnnualReportState.SUBMITTED


def test_money_that_does_not_add_up_is_refused_at_submission(cast, report, bergen):
    read = bergen.get(f"/api/reporting/{report.pk}")
    body = {"used": read.json()["paid"], "unused": 1, "answers": _answers(report)}
    filled = bergen.write("patch", f"/api/reporting/{report.pk}", body, if_match=read["ETag"])
    assert filled.status_code == 200
    refused = bergen.write("post", f"/api/reporting/{report.pk}/submit")
    assert refused.status_code == 422
    assert refused.json()["code"] == "money"
    assert AnnualReport.objects.get(pk=report.pk).state == AnnualReportState.DRAFT


def test_a_change_needs_if_match_and_the_current_version(cast, report, bergen):
    url = f"/api/reporting/{report.pk}"
    assert bergen.write("patch", url, {"used": 1}).status_code == 428
    stale = bergen.write("patch", url, {"used": 1}, if_match=f'"{report.lock_version + 5}"')
    assert stale.status_code == 412
    assert stale["ETag"] == f'"{report.lock_version}"'


def test_an_unknown_question_is_422(cast, report, bergen):
    read = bergen.get(f"/api/reporting/{report.pk}")
    response = bergen.write(
        "patch",
        f"/api/reporting/{report.pk}",
        {"answers": [{"key": "nope", "answer": "yes"}]},
        if_match=read["ETag"],
    )
    assert response.status_code == 422


def test_another_owners_client_and_a_client_without_the_scope_are_refused(cast, report):
    fjord = api_client_register(
        actor=cast.caseworker,
        name="Fjord sak",
        role=Role.OWNER_REPRESENTATIVE,
        scope=cast.other_owner,
        scopes=["read", "annual_reports.write"],
    )
    body = {"used": 1}
    url = f"/api/reporting/{report.pk}"
    etag = f'"{report.lock_version}"'
    assert Bearer(token_for(fjord)).write("patch", url, body, if_match=etag).status_code == 403
    reader = Bearer(token_for(bergen_client(cast, scopes=["read"])))
    assert reader.write("patch", url, body, if_match=etag).status_code == 403
    assert AnnualReport.objects.get(pk=report.pk).lock_version == report.lock_version


def test_an_outsider_session_cannot_change_or_submit_the_report(cast, report, client):
    client.force_login(cast.outsider)
    url = f"/api/reporting/{report.pk}"
    change = client.patch(
        url,
        {"used": 1},
        content_type="application/json",
        HTTP_IDEMPOTENCY_KEY="outsider-1",
        HTTP_IF_MATCH=f'"{report.lock_version}"',
    )
    submit = client.post(
        f"{url}/submit", {}, content_type="application/json", HTTP_IDEMPOTENCY_KEY="outsider-2"
    )
    assert change.status_code == submit.status_code == 403
    assert AnnualReport.objects.get(pk=report.pk).state == AnnualReportState.DRAFT

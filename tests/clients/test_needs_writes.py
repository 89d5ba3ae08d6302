"""A municipality's own system writes its needs report through the API, with the
same checks as the page: one-time keys, versions, and scope."""

import datetime
import uuid

import pytest

from kompetansemidler.accounts.api_clients import api_client_register
from kompetansemidler.accounts.models import Role
from kompetansemidler.history.models import Event
from kompetansemidler.needs.models import NeedsReport, ReportState
from kompetansemidler.registry.models import Unit
from tests.decisions.objects import issued_decision, paid_payment
from tests.needs.conftest import anchoring_plan, make_round

from .support import Bearer, bergen_client, token_for

pytestmark = pytest.mark.django_db

CONTENT = {
    "staff_involvement": "Personalet drøfta behova på planleggingsdagar.",
    "leader_involvement": "Styrarane leia prosessen i kvar eining.",
    "needs": "Språkmiljø og inkluderande praksis.",
    "sami_perspectives": "Samisk språk og kultur i kvardagen, drøfta med personalet.",
    "uh_dialogue": "Fire møte med HVL hausten 2026.",
}


@pytest.fixture
def open_round(cast):
    # Its deadline lies ahead, so a report can be submitted today.
    return make_round(cast.vestland, year=2027, needs_deadline=datetime.date(2099, 3, 1))


@pytest.fixture
def bergen(cast):
    return Bearer(token_for(bergen_client(cast)))


def _start(api, round_, owner, key="new"):
    return api.write("post", "/api/needs/reports", {"round": round_.pk, "owner": owner}, key=key)


def _fill(api, report_id, version, cast, amount=300_000):
    """A report that meets every rule: anchored in a unit and in the owner's local plan."""
    unit = Unit.objects.filter(owner=cast.owner).first()
    body = {
        **CONTENT,
        "uh_partners": [cast.uh.organisation_number],
        "units": [unit.organisation_number],
        "local_plan": anchoring_plan(cast.owner).pk,
        "measures": [
            {
                "title": "Språkløft i barnehagen",
                "amount_year1": amount,
                "local_plan_priority": "Språk",
            }
        ],
    }
    return api.write("patch", f"/api/needs/reports/{report_id}", body, if_match=version)


def test_a_municipalitys_system_reports_its_needs_and_follows_its_case(cast, open_round):
    made = api_client_register(
        actor=cast.caseworker,
        name="Bergen sak/arkiv",
        role=Role.OWNER_REPRESENTATIVE,
        scope=cast.owner,
        scopes=["read", "needs.write", "decisions.read"],
    )
    api = Bearer(token_for(made))

    # Started twice with one key: one report, the second answer replayed.
    key = uuid.uuid4().hex
    first = _start(api, open_round, cast.owner.organisation_number, key=key)
    again = _start(api, open_round, cast.owner.organisation_number, key=key)
    assert first.status_code == again.status_code == 201
    assert again["Idempotent-Replayed"] == "true"
    assert first.json() == again.json()
    assert NeedsReport.objects.filter(round=open_round, owner=cast.owner).count() == 1
    report_id = first.json()["id"]

    filled = _fill(api, report_id, first["ETag"], cast)
    assert filled.status_code == 200, filled.content
    submitted = api.write("post", f"/api/needs/reports/{report_id}/submit", if_match=filled["ETag"])
    assert submitted.status_code == 200, submitted.content
    assert submitted.json()["state"] == ReportState.SUBMITTED
    assert submitted.json()["total"] == 300_000

    # The history names the client as the one who submitted.
    event = Event.objects.get(kind="needs_report.submitted", object_id=str(report_id))
    assert event.actor == made.client.user
    assert str(event.actor) == "Bergen sak/arkiv (API-klient)"  # Bokmål, the default

    # Another owner's report is not its to read.
    other = NeedsReport.objects.create(round=open_round, owner=cast.other_owner)
    assert api.get(f"/api/needs/reports/{other.pk}").status_code == 403

    # Its decision and payments.
    decision = issued_decision(cast)
    paid_payment(cast, decision, paid_on=datetime.date(2026, 6, 1), amount=100_000)
    read = api.get(f"/api/decisions/{decision.pk}")
    assert read.status_code == 200, read.content
    assert [p["amount"] for p in read.json()["payments"]] == [100_000]
    assert read.json()["paid"] == 100_000

    # The event feed: its own report's steps, oldest first, as it may see them.
    feed = api.get("/api/events/", {"object_type": "needs.needsreport", "object_id": report_id})
    assert feed.status_code == 200
    kinds = [e["kind"] for e in feed.json()["events"]]
    assert kinds == ["needs_report.created", "needs_report.submitted"]
    assert feed.json()["events"][1]["actor"] == {"kind": "api_client", "name": "Bergen sak/arkiv"}
    assert "before" not in feed.json()["events"][0]
    later = api.get("/api/events/", {"after": feed.json()["next_after"]})
    assert str(other.pk) not in {e["object"]["id"] for e in later.json()["events"]}


def test_a_write_without_an_idempotency_key_is_428_and_does_nothing(cast, open_round, bergen):
    response = _start(bergen, open_round, cast.owner.organisation_number, key=None)
    assert response.status_code == 428
    assert response.json()["code"] == "idempotency_key_required"
    assert not NeedsReport.objects.filter(round=open_round).exists()


def test_a_second_start_with_a_new_key_is_409_already_reported(cast, open_round, bergen):
    assert _start(bergen, open_round, cast.owner.organisation_number).status_code == 201
    response = _start(bergen, open_round, cast.owner.organisation_number)
    assert response.status_code == 409
    assert response.json()["code"] == "already_reported"


def test_a_client_cannot_start_a_report_for_another_owner(cast, open_round, bergen):
    response = _start(bergen, open_round, cast.other_owner.organisation_number)
    assert response.status_code == 403
    assert not NeedsReport.objects.filter(round=open_round).exists()


def test_a_round_not_open_for_reports_is_422(cast, bergen):
    response = bergen.write(
        "post", "/api/needs/reports", {"round": 2**40, "owner": cast.owner.organisation_number}
    )
    assert response.status_code == 422
    assert response.json()["errors"][0]["loc"] == ["body", "round"]


def test_a_change_needs_if_match(cast, open_round, bergen):
    report_id = _start(bergen, open_round, cast.owner.organisation_number).json()["id"]
    response = bergen.write("patch", f"/api/needs/reports/{report_id}", {"needs": "Språk"})
    assert response.status_code == 428
    assert response.json()["code"] == "precondition_required"
    assert NeedsReport.objects.get(pk=report_id).needs == ""


def test_a_change_on_an_old_version_is_412_with_the_current_one(cast, open_round, bergen):
    started = _start(bergen, open_round, cast.owner.organisation_number)
    report_id, old = started.json()["id"], started["ETag"]
    assert _fill(bergen, report_id, old, cast).status_code == 200
    stale = bergen.write(
        "patch", f"/api/needs/reports/{report_id}", {"needs": "Gammalt"}, if_match=old
    )
    assert stale.status_code == 412
    assert stale.json()["code"] == "stale"
    current = NeedsReport.objects.get(pk=report_id)
    assert stale["ETag"] == f'"{current.lock_version}"'
    assert stale.json()["params"]["current_version"] == str(current.lock_version)
    assert current.needs == CONTENT["needs"]


def test_an_amount_over_the_limit_is_422_on_the_measure(cast, open_round, bergen):
    started = _start(bergen, open_round, cast.owner.organisation_number)
    at_limit = _fill(bergen, started.json()["id"], started["ETag"], cast, amount=10_000_000_000)
    assert at_limit.status_code == 200
    over = _fill(bergen, started.json()["id"], at_limit["ETag"], cast, amount=10_000_000_001)
    assert over.status_code == 422


def test_submitting_with_errors_is_422_with_the_findings(cast, open_round, bergen):
    started = _start(bergen, open_round, cast.owner.organisation_number)
    report_id = started.json()["id"]
    response = bergen.write("post", f"/api/needs/reports/{report_id}/submit")
    assert response.status_code == 409  # no measures yet
    assert response.json()["code"] == "no_measures"
    body = {"measures": [{"title": "Tiltak", "amount_year1": 100_000}]}
    assert (
        bergen.write(
            "patch", f"/api/needs/reports/{report_id}", body, if_match=started["ETag"]
        ).status_code
        == 200
    )
    refused = bergen.write("post", f"/api/needs/reports/{report_id}/submit")
    assert refused.status_code == 422
    assert refused.json()["code"] == "findings"
    assert {f["field"] for f in refused.json()["findings"]} >= {"staff_involvement"}
    assert NeedsReport.objects.get(pk=report_id).state == ReportState.DRAFT


def test_a_token_without_the_write_scope_cannot_write(cast, open_round):
    api = Bearer(token_for(bergen_client(cast, scopes=["read"])))
    response = _start(api, open_round, cast.owner.organisation_number)
    assert response.status_code == 403
    assert not NeedsReport.objects.filter(round=open_round).exists()


def test_an_outsider_session_cannot_start_or_change_a_report(cast, open_round, client, bergen):
    report_id = _start(bergen, open_round, cast.owner.organisation_number).json()["id"]
    client.force_login(cast.outsider)
    start = client.post(
        "/api/needs/reports",
        {"round": open_round.pk, "owner": cast.owner.organisation_number},
        content_type="application/json",
        HTTP_IDEMPOTENCY_KEY=uuid.uuid4().hex,
    )
    assert start.status_code == 403
    change = client.patch(
        f"/api/needs/reports/{report_id}",
        {"needs": "Inntrengar"},
        content_type="application/json",
        HTTP_IDEMPOTENCY_KEY=uuid.uuid4().hex,
        HTTP_IF_MATCH='"1"',
    )
    assert change.status_code == 403
    assert NeedsReport.objects.get(pk=report_id).needs == ""


def test_another_owners_client_cannot_change_the_report(cast, open_round, bergen):
    started = _start(bergen, open_round, cast.owner.organisation_number)
    fjord = api_client_register(
        actor=cast.caseworker,
        name="Fjord sak",
        role=Role.OWNER_REPRESENTATIVE,
        scope=cast.other_owner,
        scopes=["read", "needs.write"],
    )
    response = Bearer(token_for(fjord)).write(
        "patch",
        f"/api/needs/reports/{started.json()['id']}",
        {"needs": "Ikkje vår"},
        if_match=started["ETag"],
    )
    assert response.status_code == 403

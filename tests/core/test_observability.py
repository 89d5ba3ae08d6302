"""The request id (header, log line, error page), one log line per request and
per task without personal data, and /metrics guarded by a token or a network."""

import datetime
import json
import logging

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.compat import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from kompetansemidler.core.observability import JsonFormatter
from kompetansemidler.decisions.letters import letters_for_round
from tests.decisions.objects import issued_decision

pytestmark = pytest.mark.django_db


def test_every_answer_carries_its_request_id_and_keeps_a_proxys(client):
    first = client.get("/healthz")["X-Request-ID"]
    second = client.get("/healthz")["X-Request-ID"]
    assert len(first) == 32 and first != second
    assert (
        client.get("/healthz", headers={"X-Request-ID": "proxy-given-1234"})["X-Request-ID"]
        == "proxy-given-1234"
    )
    # Something that is not an id is not echoed back.
    assert client.get("/healthz", headers={"X-Request-ID": "<script>"})["X-Request-ID"] != (
        "<script>"
    )


def test_one_json_line_per_request_names_ids_view_status_and_duration(cast, client_for, caplog):
    caplog.set_level(logging.INFO, logger="kompetansemidler.request")
    response = client_for(cast.caseworker).get(reverse("core:home"))

    [record] = [r for r in caplog.records if r.name == "kompetansemidler.request"]
    line = json.loads(JsonFormatter().format(record))
    assert line["request_id"] == response["X-Request-ID"]
    assert line["user_id"] == cast.caseworker.pk
    assert (line["view"], line["method"], line["status"]) == ("core:home", "GET", 200)
    assert line["duration_ms"] >= 0
    assert cast.caseworker.username not in json.dumps(line)
    assert cast.caseworker.email not in json.dumps(line)


def test_one_log_line_per_task(cast, caplog):
    caplog.set_level(logging.INFO, logger="kompetansemidler.task")
    decision = issued_decision(cast)
    letters_for_round.enqueue(round_id=decision.round_id, actor_id=cast.caseworker.pk)

    [record] = [r for r in caplog.records if r.name == "kompetansemidler.task"]
    line = json.loads(JsonFormatter().format(record))
    assert line["task"] == "letters_for_round"
    assert line["status"] == "SUCCESSFUL"
    assert line["request_id"].startswith("task-")


def test_the_error_page_names_the_request_id(settings):
    settings.ROOT_URLCONF = "tests.core.urls_failing"
    client = Client(raise_request_exception=False)
    response = client.get("/feiler/")
    assert response.status_code == 500
    assert response["X-Request-ID"] in response.content.decode()


def test_metrics_are_refused_without_the_token_or_an_allowed_network(client, settings):
    settings.METRICS_TOKEN = "s3cret-token"
    settings.METRICS_ALLOWED_NETWORKS = ["10.0.0.0/8"]
    assert client.get("/metrics").status_code == 403
    assert client.get("/metrics", headers={"Authorization": "Bearer wrong"}).status_code == 403
    settings.METRICS_TOKEN = ""
    settings.METRICS_ALLOWED_NETWORKS = []
    # Neither set: nobody, not even with an empty bearer.
    assert client.get("/metrics", headers={"Authorization": "Bearer "}).status_code == 403


def test_metrics_show_latency_per_view_and_the_queue(client, settings):
    settings.METRICS_TOKEN = "s3cret-token"
    DBTaskResult.objects.create(
        status=TaskResultStatus.READY,
        args_kwargs={"args": [], "kwargs": {}},
        task_path="kompetansemidler.decisions.letters.letters_for_round",
        backend_name="queue",
        run_after=timezone.now() - datetime.timedelta(minutes=5),
    )
    DBTaskResult.objects.filter().update(enqueued_at=timezone.now() - datetime.timedelta(minutes=5))
    client.get("/healthz")

    response = client.get("/metrics", headers={"Authorization": "Bearer s3cret-token"})

    assert response.status_code == 200
    text = response.content.decode()
    assert (
        'km_request_duration_seconds_bucket{le="0.05",method="GET",status="200",view="healthz"}'
        in text
    )
    assert 'km_tasks{status="READY"} 1.0' in text
    age = next(
        float(line.split()[1])
        for line in text.splitlines()
        if line.startswith("km_task_queue_oldest_age_seconds ")
    )
    assert 290 < age < 400


def test_metrics_from_an_allowed_network_need_no_token(client, settings):
    settings.METRICS_TOKEN = ""
    settings.METRICS_ALLOWED_NETWORKS = ["127.0.0.0/8"]
    assert client.get("/metrics").status_code == 200
    assert client.get("/metrics", REMOTE_ADDR="192.0.2.10").status_code == 403

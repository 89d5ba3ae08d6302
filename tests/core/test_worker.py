"""The task worker's lease and reaper (kompetansemidler/core/worker.py): a task
whose worker died goes back to the queue and is finished by another worker,
without a half-made or a second letter; production refuses the immediate
backend."""

import datetime
import os
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.db import connection
from django.utils import timezone
from django_tasks_db.compat import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from kompetansemidler.archive.models import RegistryEntry
from kompetansemidler.core.models import TaskLease, TaskProgress
from kompetansemidler.core.worker import LEASE_EXPIRED, lease_take, tasks_reap
from kompetansemidler.decisions.letters import letters_for_round, letters_scope
from kompetansemidler.decisions.models import Decision, Letter
from tests.decisions.objects import copies_for_other_recipients, issued_decision
from tests.support.parallel import needs_postgresql

ROOT = Path(__file__).resolve().parents[2]


def _running_task(*, started_seconds_ago: int, attempts: int = 1) -> DBTaskResult:
    now = timezone.now()
    return DBTaskResult.objects.create(
        status=TaskResultStatus.RUNNING,
        args_kwargs={"args": [], "kwargs": {"round_id": 1}},
        task_path="kompetansemidler.decisions.letters.letters_for_round",
        backend_name="queue",
        run_after=now,
        started_at=now - datetime.timedelta(seconds=started_seconds_ago),
        worker_ids=[f"worker-{i}" for i in range(attempts)],
    )


@pytest.mark.django_db
def test_a_task_whose_lease_ran_out_goes_back_to_the_queue(settings):
    settings.TASK_LEASE_SECONDS = 10
    dead = _running_task(started_seconds_ago=60)
    TaskLease.objects.create(
        task_id=dead.id,
        worker_id="worker-0",
        expires_at=timezone.now() - datetime.timedelta(seconds=1),
    )
    alive = _running_task(started_seconds_ago=60)
    lease_take(alive.id, "worker-0")
    just_claimed = _running_task(started_seconds_ago=1)

    assert tasks_reap() == (1, 0)

    dead.refresh_from_db()
    alive.refresh_from_db()
    just_claimed.refresh_from_db()
    assert dead.status == TaskResultStatus.READY
    assert not TaskLease.objects.filter(task_id=dead.id).exists()
    assert alive.status == TaskResultStatus.RUNNING
    # Claimed a moment ago, its worker not yet holding the lease: left alone.
    assert just_claimed.status == TaskResultStatus.RUNNING


@pytest.mark.django_db
def test_a_task_that_killed_every_worker_is_failed_not_run_for_ever(settings):
    settings.TASK_LEASE_SECONDS = 10
    settings.TASK_MAX_ATTEMPTS = 3
    poison = _running_task(started_seconds_ago=60, attempts=3)

    assert tasks_reap() == (0, 1)

    poison.refresh_from_db()
    assert poison.status == TaskResultStatus.FAILED
    assert poison.exception_class_path == LEASE_EXPIRED
    assert poison.finished_at is not None


def _settings_module_refuses(**env) -> subprocess.CompletedProcess:
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "kompetansemidler.settings.production",
        "DJANGO_SECRET_KEY": "x" * 50,
        "DJANGO_ALLOWED_HOSTS": "localhost",
        "DATABASE_URL": "postgres://app:app@127.0.0.1:5432/none",
        "DJANGO_FILE_STORAGE": "local",
        **env,
    }
    return subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_production_refuses_the_immediate_task_backend():
    refused = _settings_module_refuses(
        DJANGO_TASK_BACKEND="django.tasks.backends.immediate.ImmediateBackend"
    )
    assert refused.returncode != 0
    assert "refuses the immediate task backend" in refused.stderr


def test_production_without_a_bucket_for_the_object_store_does_not_start():
    refused = _settings_module_refuses(DJANGO_FILE_STORAGE="s3")
    assert refused.returncode != 0
    assert "AWS_STORAGE_BUCKET_NAME" in refused.stderr


def _worker(tmp_path, *extra) -> subprocess.Popen:
    db = connection.settings_dict
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "kompetansemidler.settings.test",
        "DATABASE_URL": (
            f"postgres://{db['USER']}:{db['PASSWORD']}@{db['HOST'] or '127.0.0.1'}:"
            f"{db['PORT'] or 5432}/{db['NAME']}"
        ),
        "DJANGO_FILE_STORAGE": "local",
        "MEDIA_ROOT": str(tmp_path),
        "DJANGO_TASK_LEASE_SECONDS": str(django_settings.TASK_LEASE_SECONDS),
    }
    return subprocess.Popen(
        [
            sys.executable,
            "manage.py",
            "run_worker",
            "--backend",
            "queue",
            "--interval",
            "0.2",
            "--no-startup-delay",
            "-v0",
            *extra,
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


def _wait_for(condition, timeout: float, message: str):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.1)
    pytest.fail(message)


@needs_postgresql
@pytest.mark.django_db(transaction=True)
def test_a_worker_killed_during_a_rounds_letters_leaves_no_half_letter_and_a_retry_finishes(
    cast, tmp_path, settings
):
    settings.TASK_LEASE_SECONDS = 2
    first = issued_decision(cast)
    decisions = [first, *copies_for_other_recipients(first, 99)]
    round_id = first.round_id
    result = letters_for_round.using(backend="queue").enqueue(
        round_id=round_id, actor_id=cast.caseworker.pk
    )
    task_id = uuid.UUID(result.id)

    worker = _worker(tmp_path)
    try:
        _wait_for(
            lambda: Letter.objects.filter(decision__round_id=round_id).count() >= 3,
            60,
            "the worker made no letters",
        )
        started = DBTaskResult.objects.get(id=task_id).started_at
        # Past one lease since the claim: only the renewed lease keeps it running.
        time.sleep(max(0.0, 2.5 - (timezone.now() - started).total_seconds()))
        assert tasks_reap() == (0, 0), "a live worker's task was taken from it"
        worker.send_signal(signal.SIGKILL)
        worker.wait(timeout=10)
    finally:
        if worker.poll() is None:
            worker.kill()

    made_before = Letter.objects.filter(decision__round_id=round_id).count()
    assert 3 <= made_before < len(decisions), "kill the worker while letters are still made"
    assert DBTaskResult.objects.get(id=task_id).status == TaskResultStatus.RUNNING
    progress = TaskProgress.objects.get(task_id=str(task_id))
    assert progress.done == made_before and progress.total == len(decisions)

    time.sleep(settings.TASK_LEASE_SECONDS + 0.5)
    retry = _worker(tmp_path, "--batch")
    assert retry.wait(timeout=240) == 0, retry.stderr.read().decode()

    task = DBTaskResult.objects.get(id=task_id)
    assert task.status == TaskResultStatus.SUCCESSFUL
    assert len(task.worker_ids) == 2
    for decision in Decision.objects.filter(pk__in=[d.pk for d in decisions]):
        assert decision.letters.count() == 1, decision
    letters = Letter.objects.filter(decision__round_id=round_id)
    # One journal entry per letter: nothing journalled twice or without its letter.
    assert (
        RegistryEntry.objects.filter(title__startswith="Tilskuddsbrev til").count()
        == letters.count()
        == len(decisions)
    )
    for letter in letters:
        stored = tmp_path / letter.pdf_file.name
        assert stored.read_bytes().startswith(b"%PDF")
    progress.refresh_from_db()
    assert (progress.done, progress.failed, progress.running) == (len(decisions), 0, False)
    assert letters_scope(round_id) == progress.scope
    assert not TaskLease.objects.exists()

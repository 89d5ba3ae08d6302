"""The real HTTP stack on loopback: gunicorn with the benchmark settings, a
logged-in HTTP session per persona, and the bounded locust load run."""

import json
import os
import socket
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import requests

from . import environment
from .measure import percentile

BIN = Path(sys.executable).parent
LOCUSTFILE = Path(__file__).resolve().parent / "locustfile.py"
LOOPBACK = "127.0.0.1"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((LOOPBACK, 0))
        return probe.getsockname()[1]


class Server:
    """gunicorn serving the product against one database, on 127.0.0.1 only."""

    def __init__(self, database_url: str, *, workers: int, log_path: Path):
        self.port = free_port()
        self.base = f"http://{LOOPBACK}:{self.port}"
        self.log_path = log_path
        self._log = open(log_path, "w", encoding="utf-8")  # noqa: SIM115 (closed in stop)
        self.process = subprocess.Popen(
            [
                str(BIN / "gunicorn"),
                "kompetansemidler.wsgi:application",
                "--bind",
                f"{LOOPBACK}:{self.port}",
                "--workers",
                str(workers),
                # Whole-country exports take long at 10x; the default 30 s would kill them.
                "--timeout",
                "180",
                "--log-level",
                "warning",
            ],
            env=environment.server_environment(database_url),
            cwd=environment.ROOT,
            stdout=self._log,
            stderr=subprocess.STDOUT,
        )

    def wait_ready(self, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn stopped; see {self.log_path}")
            try:
                if requests.get(self.base + "/healthz", timeout=2).status_code == 200:
                    return
            except requests.RequestException:  # not listening yet, or busy starting
                pass
            time.sleep(0.3)
        raise RuntimeError(f"gunicorn did not answer /healthz within {timeout:.0f} s")

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self._log.close()

    def __enter__(self):
        try:
            self.wait_ready()
        except BaseException:  # __exit__ is not called when __enter__ fails
            self.stop()
            raise
        return self

    def __exit__(self, *exc):
        self.stop()


def http_login(base: str, username: str, password: str) -> requests.Session | None:
    """A session logged in through the real login form, or None if the form refused."""
    session = requests.Session()
    login_url = base + "/konto/logg-inn/"
    session.get(login_url, timeout=30)
    response = session.post(
        login_url,
        data={
            "username": username,
            "password": password,
            "csrfmiddlewaretoken": session.cookies.get("csrftoken", ""),
        },
        headers={"Referer": login_url},
        allow_redirects=False,
        timeout=30,
    )
    if response.status_code == 302 and session.cookies.get("sessionid"):
        return session
    return None


def session_with_key(session_key: str) -> requests.Session:
    session = requests.Session()
    session.cookies.set("sessionid", session_key)
    return session


def run_load(
    base: str,
    *,
    session_keys: list[str],
    paths: list[str],
    users: int,
    seconds: int,
    out_path: Path,
) -> dict:
    """A headless locust run against ``base`` (loopback); throughput, errors, latency."""
    if not base.startswith(f"http://{LOOPBACK}:"):
        raise ValueError("the load run only targets 127.0.0.1")
    env = dict(os.environ, BENCH_SESSIONS=",".join(session_keys), BENCH_PATHS=json.dumps(paths))
    command = [
        str(BIN / "locust"),
        "-f",
        str(LOCUSTFILE),
        "--headless",
        "--host",
        base,
        "-u",
        str(users),
        "-r",
        str(max(1, users // 5)),
        "-t",
        f"{seconds}s",
        "--stop-timeout",
        "10",
        "--only-summary",
        "--skip-log",
        "--json-file",
        str(out_path),
    ]
    completed = subprocess.run(
        command,
        env=env,
        capture_output=True,
        text=True,
        timeout=seconds + 120,
        cwd=environment.ROOT,
    )
    # locust adds ".json" to the name it is given.
    json_path = out_path.with_name(out_path.name + ".json")
    if not json_path.exists():
        return {"status": "failed", "reason": (completed.stderr or completed.stdout)[-2000:]}
    entries = json.loads(json_path.read_text(encoding="utf-8"))
    requests_total = sum(e["num_requests"] for e in entries)
    failures = sum(e["num_failures"] for e in entries)
    started = min((e["start_time"] for e in entries), default=0)
    ended = max((e["last_request_timestamp"] or 0 for e in entries), default=0)
    duration = max(ended - started, 1e-9)
    buckets = Counter()
    for entry in entries:
        for ms, count in entry["response_times"].items():
            buckets[float(ms)] += count
    samples = sorted(buckets.elements())
    errors = Counter()
    for entry in entries:
        if entry["num_failures"]:
            errors[entry["name"]] += entry["num_failures"]
    return {
        "status": "done",
        "users": users,
        "seconds": seconds,
        "requests": requests_total,
        "errors": failures,
        "errors_by_path": dict(errors),
        "throughput_rps": round(requests_total / duration, 1),
        "p50_ms": round(percentile(samples, 0.5), 1) if samples else None,
        "p95_ms": round(percentile(samples, 0.95), 1) if samples else None,
        "paths": paths,
    }

"""One database: serve it with gunicorn and measure every target (run by ``run.py``).

    python -m bench.measure_one --database-url URL --out part.json [--load-seconds 60]

Django is set up in ``main`` for the database given, so the product's modules
are imported inside the functions that run after that.
"""

import argparse
import json
import sys
import time
from pathlib import Path

import requests

from bench import environment
from bench.measure import Timing

# Heavy targets (exports) slower than this on the first request are timed once.
SLOW_MS = 5_000


def _usernames() -> dict[str, str]:
    from kompetansemidler.demo.cast import PERSONA_OF_USERNAME

    return {persona: username for username, persona in PERSONA_OF_USERNAME.items()}


class Personas:
    """A logged-in HTTP session and a logged-in test client per persona, made on first use."""

    def __init__(self, base: str):
        self.base = base
        self.sessions, self.clients, self.login_methods = {}, {}, {}

    def user(self, persona: str):
        from kompetansemidler.accounts.models import User

        return User.objects.get(username=_usernames()[persona])

    def session(self, persona: str):
        from kompetansemidler.demo.cast import DEMO_PASSWORD

        from .server import http_login, session_with_key

        if persona not in self.sessions:
            if persona == "anonymous":
                self.sessions[persona], method = requests.Session(), "anonymous"
            else:
                session = http_login(self.base, _usernames()[persona], DEMO_PASSWORD)
                method = "login form"
                if session is None:  # the login form changed: fall back to a made session
                    session = session_with_key(self.session_key(persona))
                    method = "session made in-process (the login form refused)"
                self.sessions[persona] = session
            self.login_methods[persona] = method
        return self.sessions[persona]

    def client(self, persona: str):
        from django.test import Client

        if persona not in self.clients:
            client = Client()
            if persona != "anonymous":
                client.force_login(self.user(persona))
            self.clients[persona] = client
        return self.clients[persona]

    def session_key(self, persona: str) -> str:
        from django.test import Client

        client = Client()
        client.force_login(self.user(persona))
        return client.cookies["sessionid"].value


def _status(session, url: str) -> int | str:
    """The HTTP status of a GET, or "error" when the connection failed."""
    try:
        return session.get(url, allow_redirects=False, timeout=300).status_code
    except requests.RequestException:
        return "error"


def measure_targets(
    personas: Personas, *, repeat: int, warmup: int, only: list[str] | None = None
) -> tuple[dict, list[dict]]:
    from .measure import count_queries, time_requests
    from .targets import FLOOR_URL, TARGETS, Unavailable, resolve

    base = personas.base
    anonymous = personas.session("anonymous")
    floor = time_requests(
        lambda: anonymous.get(base + FLOOR_URL, timeout=60).status_code,
        repeat=repeat,
        warmup=warmup,
    ).as_dict()
    floor["queries"] = count_queries(personas.client("anonymous"), FLOOR_URL)[1]
    print(f"   floor {FLOOR_URL}: p50 {floor['p50_ms']} ms, p95 {floor['p95_ms']} ms", flush=True)
    rows = []
    for target in TARGETS:
        if only and target.key not in only:
            continue
        row = {
            "key": target.key,
            "kind": target.kind,
            "url_name": target.url_name,
            "persona": target.persona,
        }
        try:
            url = resolve(target)
        except Unavailable as reason:
            rows.append({**row, "status": "not available", "reason": str(reason)})
            continue
        except Exception as error:  # a lookup in data that is not there (yet)
            rows.append({**row, "status": "not available", "reason": repr(error)[:300]})
            continue
        session = personas.session(target.persona)
        started = time.perf_counter()
        try:
            first = session.get(base + url, allow_redirects=False, timeout=300)
        except requests.RequestException as error:  # e.g. the worker was killed by its timeout
            rows.append({**row, "url": url, "status": "failed", "reason": repr(error)[:300]})
            print(f"   {target.key:<40} failed: {error!r}"[:200], flush=True)
            continue
        first_ms = (time.perf_counter() - started) * 1000
        if first.status_code == 404:
            rows.append(
                {**row, "url": url, "status": "not available", "reason": "404 from the server"}
            )
            continue
        if first.status_code != 200:
            # Measuring a refusal or an error page would report a fast page that no
            # user gets: the target (or its persona) is wrong for this data.
            rows.append(
                {
                    **row,
                    "url": url,
                    "status": "failed",
                    "reason": f"HTTP {first.status_code} from the server",
                }
            )
            print(f"   {target.key:<40} failed: HTTP {first.status_code}", flush=True)
            continue
        heavy = target.repeat_share < 1
        if heavy and first_ms > SLOW_MS:
            # A whole-country export that takes this long is timed once: the
            # first request is the figure, and the run stays bounded.
            timing = Timing(
                requests=1,
                p50_ms=round(first_ms, 2),
                p95_ms=round(first_ms, 2),
                mean_ms=round(first_ms, 2),
                max_ms=round(first_ms, 2),
                statuses={str(first.status_code): 1},
            ).as_dict()
        else:
            timing = time_requests(
                lambda session=session, url=url: _status(session, base + url),
                repeat=max(3, round(repeat * target.repeat_share)),
                warmup=0 if heavy else warmup,
                max_seconds=30,
            ).as_dict()
        client = personas.client(target.persona)
        if timing["requests"] == 1:
            # Too slow to run again in-process within the run's bounds.
            status, queries = None, None
        else:
            if not heavy:  # the first request in a process fills caches; count the second
                client.get(url)
            status, queries = count_queries(client, url)
        rows.append(
            {
                **row,
                "url": url,
                "status": "measured",
                "http_status": first.status_code,
                "bytes": len(first.content),
                **timing,
                "queries": queries,
                "in_process_status": status,
                "p50_ratio": round(timing["p50_ms"] / floor["p50_ms"], 1),
                "p95_ratio": round(timing["p95_ms"] / floor["p95_ms"], 1),
            }
        )
        print(
            f"   {target.key:<40} {first.status_code} p50 {timing['p50_ms']:>8.1f} ms "
            f"p95 {timing['p95_ms']:>8.1f} ms  {queries} queries",
            flush=True,
        )
    return floor, rows


def load_run(
    personas: Personas, rows: list[dict], *, users: int, seconds: int, out_dir: Path, label: str
) -> dict:
    """Locust against the measured pages and API routes (not the exports)."""
    from .server import run_load

    paths = [
        r["url"]
        for r in rows
        if r["status"] == "measured"
        and r["kind"] != "export"
        and r.get("http_status") == 200
        and r["persona"] in ("caseworker",)
    ]
    if not paths:
        return {"status": "not available", "reason": "no measured caseworker page"}
    keys = [personas.session_key("caseworker") for _ in range(users)]
    print(f"   load run: {users} users for {seconds} s over {len(paths)} paths", flush=True)
    return run_load(
        personas.base,
        session_keys=keys,
        paths=paths,
        users=users,
        seconds=seconds,
        out_path=out_dir / f"locust-{label}",
    )


def main(argv=None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--database-url", required=True)
    parser.add_argument("--out", required=True)
    parser.add_argument("--label", default="bench")
    parser.add_argument("--requests", type=int, default=50)
    parser.add_argument("--warmup", type=int, default=5)
    parser.add_argument("--workers", type=int, default=3)
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--load-seconds", type=int, default=0)
    parser.add_argument("--only", nargs="+", help="measure only the targets with these keys")
    args = parser.parse_args(argv)
    environment.setup(args.database_url)

    from django.db import connection

    from . import extras
    from .server import Server

    result = {"backend": connection.vendor, "counts": extras.data_counts()}
    log_path = environment.RESULTS_DIR / f"gunicorn-{args.label}.log"
    with Server(args.database_url, workers=args.workers, log_path=log_path) as server:
        personas = Personas(server.base)
        floor, rows = measure_targets(
            personas, repeat=args.requests, warmup=args.warmup, only=args.only
        )
        result.update(
            {
                "floor": floor,
                "targets": rows,
                "logins": personas.login_methods,
                "workers": args.workers,
            }
        )
        result["rules_check"] = extras.rules_check()
        result["letters"] = extras.letters()
        if args.load_seconds:
            result["load"] = load_run(
                personas,
                rows,
                users=args.users,
                seconds=args.load_seconds,
                out_dir=environment.RESULTS_DIR,
                label=args.label,
            )
    Path(args.out).write_text(json.dumps(result, indent=2, ensure_ascii=False), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""The benchmark: latency, SQL queries and load on the real HTTP stack.

    .venv/bin/python bench/run.py [--quick] [--scales 1 10]
        [--database-url postgres://app:app@127.0.0.1:5432/bench] [--no-sqlite]
        [--requests 50] [--warmup 5] [--users 50] [--load-seconds 60]

For each backend (SQLite always unless --no-sqlite; PostgreSQL with
--database-url, whose database name gets the suffix ``_<scale>x`` per scale)
and each scale, it generates the data set if that database has none, starts
gunicorn with DEBUG off, logs in, and measures every target of ``targets.py``
against the floor (``/healthz``). It prints a table and writes the JSON to
``bench/results/<timestamp>.json`` and ``bench/results/latest.json``.
Every process it starts listens on or talks to 127.0.0.1 only.
"""

import argparse
import json
import os
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make ``bench`` importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import environment, report
from bench.generate import scale_label

PYTHON = sys.executable


def _with_suffix(database_url: str, suffix: str) -> str:
    base, _, _query = database_url.partition("?")
    return f"{base.rstrip('/')}_{suffix}"


def databases(args) -> list[dict]:
    plan = []
    for scale in args.scales:
        label = scale_label(scale)
        if not args.no_sqlite:
            plan.append({"backend": "sqlite", "scale": scale, "url": environment.sqlite_url(label)})
        if args.database_url:
            plan.append(
                {
                    "backend": "postgresql",
                    "scale": scale,
                    "url": _with_suffix(args.database_url, label),
                }
            )
    return plan


def _child(arguments: list[str], database_url: str, timeout: float) -> subprocess.CompletedProcess:
    return subprocess.run(
        [PYTHON, *arguments],
        env=environment.server_environment(database_url),
        cwd=environment.ROOT,
        timeout=timeout,
    )


def ensure_generated(database: dict, args) -> dict:
    """Generate the database's data set unless it has one; the generator's report."""
    report_path = environment.RESULTS_DIR / (
        f"generated-{database['backend']}-{scale_label(database['scale'])}.json"
    )
    command = [
        "bench/generate.py",
        "--scale",
        str(database["scale"]),
        "--seed",
        str(args.seed),
        "--database-url",
        database["url"],
        "--report",
        str(report_path),
    ]
    if args.regenerate:
        command.append("--reset")
    print(f"\n== data: {database['backend']} {scale_label(database['scale'])}")
    # National scale at 10x through the services takes most of an hour on two cores.
    completed = _child(command, database["url"], timeout=3 * 3600)
    if completed.returncode not in (0, 2):
        raise SystemExit(f"the generator failed for {database['url']}")
    if completed.returncode == 2:
        print("   (already generated; --regenerate to start again)")
    if report_path.exists():
        return json.loads(report_path.read_text(encoding="utf-8"))
    return {}


def measure_child(database: dict, args, *, load: bool) -> dict:
    label = f"{database['backend']}-{scale_label(database['scale'])}"
    out = environment.RESULTS_DIR / f"part-{label}.json"
    out.unlink(missing_ok=True)
    command = [
        "-m",
        "bench.measure_one",
        "--database-url",
        database["url"],
        "--out",
        str(out),
        "--requests",
        str(args.requests),
        "--warmup",
        str(args.warmup),
        "--workers",
        str(args.workers),
        "--label",
        label,
    ]
    if load:
        command += ["--load-seconds", str(args.load_seconds), "--users", str(args.users)]
    if args.only:
        command += ["--only", *args.only]
    print(
        f"\n== measuring {database['backend']} {scale_label(database['scale'])}"
        + (f" (with a {args.load_seconds} s load run, {args.users} users)" if load else "")
    )
    completed = _child(command, database["url"], timeout=3600 + (args.load_seconds if load else 0))
    if completed.returncode != 0 or not out.exists():
        return {"status": "failed", "returncode": completed.returncode}
    return json.loads(out.read_text(encoding="utf-8"))


def measure_import(backend: str, url: str) -> dict:
    out = environment.RESULTS_DIR / f"part-import-{backend}.json"
    out.unlink(missing_ok=True)
    print(f"\n== importing a national-size register file ({backend}, scratch database)")
    completed = _child(
        ["-m", "bench.measure_import", "--database-url", url, "--out", str(out)], url, timeout=1800
    )
    if completed.returncode != 0 or not out.exists():
        return {"status": "failed", "returncode": completed.returncode}
    return json.loads(out.read_text(encoding="utf-8"))


def machine() -> dict:
    load1, load5, load15 = os.getloadavg()
    return {
        "cpus": os.cpu_count(),
        "load_average": [load1, load5, load15],
        "python": sys.version.split()[0],
    }


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--quick", action="store_true", help="smoke run: scale 0.1, 10 requests, 10 users for 10 s"
    )
    parser.add_argument("--scales", type=float, nargs="+", default=[1.0, 10.0])
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--database-url", help="PostgreSQL base URL (suffix _<scale>x added)")
    parser.add_argument("--no-sqlite", action="store_true")
    parser.add_argument("--regenerate", action="store_true")
    parser.add_argument("--requests", type=int, default=50)
    parser.add_argument("--warmup", type=int, default=5)
    parser.add_argument("--workers", type=int, default=3, help="gunicorn workers")
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--load-seconds", type=int, default=60)
    parser.add_argument("--no-load", action="store_true")
    parser.add_argument("--no-import", action="store_true")
    parser.add_argument(
        "--only",
        nargs="+",
        metavar="KEY",
        help="measure only the targets with these keys (see targets.py)",
    )
    args = parser.parse_args(argv)
    if args.quick:
        args.scales, args.requests, args.warmup = [0.1], 10, 2
        args.users, args.load_seconds = 10, 10
    environment.RESULTS_DIR.mkdir(parents=True, exist_ok=True)
    started = datetime.now(UTC)
    results = {
        "started": started.isoformat(timespec="seconds"),
        "machine_before": machine(),
        "options": {k: v for k, v in vars(args).items() if k != "database_url"},
        "databases": [],
        "import": {},
    }
    plan = databases(args)
    for database in plan:
        database["generated"] = ensure_generated(database, args)
    subprocess.run(
        [PYTHON, "manage.py", "collectstatic", "--no-input", "-v0"],
        check=True,
        env=environment.server_environment(plan[0]["url"]),
        cwd=environment.ROOT,
    )
    # The load run goes against the national scale (the scale nearest 1) of each backend.
    load_scale = min(args.scales, key=lambda s: abs(s - 1))
    for database in plan:
        load = not args.no_load and database["scale"] == load_scale
        measured = measure_child(database, args, load=load)
        results["databases"].append({**database, "url": database["url"].split("@")[-1], **measured})
    if not args.no_import:
        backends = {d["backend"]: d["url"] for d in plan}
        for backend, url in backends.items():
            scratch = (
                environment.sqlite_url("import")
                if backend == "sqlite"
                else _with_suffix(url.rsplit("_", 1)[0], "import")
            )
            results["import"][backend] = measure_import(backend, scratch)
    results["machine_after"] = machine()
    results["seconds"] = round((datetime.now(UTC) - started).total_seconds())
    text = report.table(results)
    print("\n" + text)
    stamp = started.strftime("%Y%m%dT%H%M%SZ")
    for name in (f"{stamp}.json", "latest.json"):
        (environment.RESULTS_DIR / name).write_text(
            json.dumps(results, indent=2, ensure_ascii=False), encoding="utf-8"
        )
    print(f"\nJSON: bench/results/{stamp}.json and bench/results/latest.json")
    return 0


if __name__ == "__main__":
    sys.exit(main())

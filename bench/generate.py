"""Generate the national-scale data set in a fresh database.

    .venv/bin/python bench/generate.py --scale 1 [--seed 2026] [--database-url URL] [--reset]

The data goes in through the product's own models and services, in ordered
steps. A step whose models do not exist yet (a capability not built) is
skipped with a message; a capability that lands adds its step to ``STEPS``.
The scale multiplies the case volume (units and their owners, needs reports
and what follows them); the national structure (offices, counties,
municipalities, UH institutions, forums, rounds) is the same at every scale.
Without ``--database-url`` the database is ``bench/bench_<scale>x.sqlite3``.
"""

import argparse
import json
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from io import StringIO
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make ``bench`` importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import environment

DEFAULT_SEED = 2026
BATCH = 2_000
NATIONAL_NUMBER_STEM = 91_000_000  # made-up organisation numbers start here


@dataclass
class Context:
    scale: float
    seed: int
    out: Callable[[str], None] = print
    units_via: str = "auto"  # "auto" (the importer if it exists), "importer" or "bulk"
    state: dict = field(default_factory=dict)


@dataclass(frozen=True)
class Step:
    name: str
    requires: tuple[str, ...]  # "app_label.Model" that must exist for the step to run
    run: Callable[[Context], str]


@dataclass
class StepResult:
    step: str
    status: str  # "done" or "skipped"
    seconds: float
    summary: str
    figures: dict = field(default_factory=dict)


def missing_models(labels: tuple[str, ...]) -> list[str]:
    from django.apps import apps

    missing = []
    for label in labels:
        try:
            apps.get_model(label)
        except (LookupError, ValueError):
            missing.append(label)
    return missing


def generate(
    *,
    scale: float,
    seed: int = DEFAULT_SEED,
    out=print,
    units_via: str = "auto",
    only: list[str] | None = None,
) -> list[StepResult]:
    """Run every step (or the ``only`` ones, after the cast) in order, each in its
    own transaction."""
    from django.db import transaction

    from bench.steps import STEPS

    context = Context(scale=scale, seed=seed, out=out, units_via=units_via)
    results = []
    for step in STEPS:
        if only and step.name not in ("cast", *only):
            continue
        missing = missing_models(step.requires)
        if missing:
            result = StepResult(
                step.name, "skipped", 0.0, f"not available yet: no {', '.join(missing)} model"
            )
        else:
            started = time.perf_counter()
            context.state.pop("figures", None)
            with transaction.atomic():
                summary = step.run(context)
            result = StepResult(
                step.name,
                "done",
                round(time.perf_counter() - started, 2),
                summary,
                context.state.pop("figures", {}),
            )
        out(f"  {result.step:<16} {result.status:<8} {result.seconds:>7.1f} s  {result.summary}")
        results.append(result)
    return results


def call_importer(register: str, records: list[dict]) -> str:
    """Import ``records`` through the product's ``import_register`` command; its output."""
    from django.core.management import call_command

    with tempfile.NamedTemporaryFile(
        "w", suffix=f"-{register}.json", encoding="utf-8", delete=False
    ) as handle:
        json.dump(records, handle, ensure_ascii=False)
        path = handle.name
    output = StringIO()
    try:
        call_command(
            "import_register",
            "--register",
            register,
            "--national",
            path,
            stdout=output,
            stderr=output,
        )
    finally:
        Path(path).unlink(missing_ok=True)
    return output.getvalue()


def importer_available() -> bool:
    from django.core.management import get_commands

    return "import_register" in get_commands()


def reset_database(database_url: str) -> None:
    """Empty the database: delete the SQLite file, or recreate PostgreSQL's schema."""
    if database_url.startswith("sqlite"):
        path = Path(database_url.removeprefix("sqlite:///"))
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        return
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("DROP SCHEMA public CASCADE; CREATE SCHEMA public;")


def scale_label(scale: float) -> str:
    return f"{scale:g}x"


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--database-url", help="default: bench/bench_<scale>x.sqlite3")
    parser.add_argument(
        "--reset", action="store_true", help="empty the database first (otherwise it must be empty)"
    )
    parser.add_argument("--units-via", choices=["auto", "importer", "bulk"], default="auto")
    parser.add_argument("--report", help="write the step results as JSON to this file")
    parser.add_argument(
        "--steps",
        nargs="+",
        metavar="STEP",
        help="run only these steps on an existing data set (e.g. a capability "
        "that landed after it was generated: --steps recommendations)",
    )
    args = parser.parse_args(argv)
    database_url = args.database_url or environment.sqlite_url(scale_label(args.scale))
    environment.ensure_postgres_database(database_url)
    if args.reset and database_url.startswith("sqlite"):
        reset_database(database_url)
    environment.setup(database_url)
    if args.reset and not database_url.startswith("sqlite"):
        reset_database(database_url)

    from django.core.management import call_command

    started = time.perf_counter()
    call_command("migrate", verbosity=0, interactive=False)
    from kompetansemidler.registry.models import Unit

    if Unit.objects.exists() and not args.steps:
        print("The database already has units; use --reset to start from empty.", file=sys.stderr)
        return 2
    print(
        f"Migrated in {time.perf_counter() - started:.1f} s. Generating at scale "
        f"{scale_label(args.scale)}, seed {args.seed}:"
    )
    results = generate(scale=args.scale, seed=args.seed, units_via=args.units_via, only=args.steps)
    total = round(time.perf_counter() - started, 1)
    print(f"Done in {total} s.")
    if args.report:
        Path(args.report).write_text(
            json.dumps(
                {
                    "scale": args.scale,
                    "seed": args.seed,
                    "seconds": total,
                    "steps": [asdict(result) for result in results],
                },
                indent=2,
                ensure_ascii=False,
            ),
            encoding="utf-8",
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())

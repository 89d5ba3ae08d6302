"""Time the product's importer on a national-size register file (run by ``run.py``).

    python -m bench.measure_import --database-url SCRATCH_URL --out part.json

The scratch database is emptied first: the national structure and the public
owners are put in, then the NBR and NSR files of a scale-1 plan are imported
(every unit created), and imported again (nothing changes: the idempotent path).
"""

import argparse
import json
import sys
import time
from pathlib import Path

from bench import environment
from bench.generate import DEFAULT_SEED, importer_available, reset_database


def main(argv=None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--database-url", required=True)
    parser.add_argument("--out", required=True)
    parser.add_argument("--scale", type=float, default=1.0)
    args = parser.parse_args(argv)
    environment.ensure_postgres_database(args.database_url)
    if args.database_url.startswith("sqlite"):
        reset_database(args.database_url)
    environment.setup(args.database_url)
    if not args.database_url.startswith("sqlite"):
        reset_database(args.database_url)
    result = measure(scale=args.scale)
    Path(args.out).write_text(json.dumps(result, indent=2, ensure_ascii=False), encoding="utf-8")
    return 0


def measure(*, scale: float, seed: int = DEFAULT_SEED) -> dict:
    """Units per second of a first import and of a repeated (unchanged) import."""
    from django.core.management import call_command
    from django.db import transaction

    call_command("migrate", verbosity=0, interactive=False)
    if not importer_available():
        return {"status": "not available", "reason": "no import_register command yet"}

    from kompetansemidler.registry.models import Organisation, Unit

    from .generate import Context, call_importer
    from .national import plan_registry, register_records
    from .steps import _numbers, _places, step_public_owners, step_structure

    context = Context(scale=scale, seed=seed, out=lambda line: None)
    with transaction.atomic():
        step_structure(context)
        step_public_owners(context)
    places = _places()
    plan = plan_registry(places, scale, seed, _numbers(context), context.state["public_owner_of"])
    owner_names = dict(Organisation.objects.values_list("organisation_number", "name"))
    owner_names.update({owner.number: owner.name for owner in plan.owners})
    by_number = {place.number: place for place in places}
    files = {
        register: register_records(plan, register, by_number, owner_names)
        for register in ("nbr", "nsr")
    }
    result = {"status": "done", "units_in_files": len(plan.units)}
    for attempt in ("first", "repeated"):
        started = time.perf_counter()
        outputs = [call_importer(register, records) for register, records in files.items()]
        seconds = time.perf_counter() - started
        result[attempt] = {
            "seconds": round(seconds, 2),
            "units_per_second": round(len(plan.units) / seconds),
            "units_in_database": Unit.objects.count(),
            "output_tail": outputs[-1][-600:],
        }
    return result


if __name__ == "__main__":
    sys.exit(main())

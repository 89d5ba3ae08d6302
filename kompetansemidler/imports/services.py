"""Importing register files: check (preview), apply, and the one-step import.

Every write happens in one transaction: the organisations, the units, the
import run and its history event are all stored, or none of them is.
"""

import hashlib
import zlib

from django.db import IntegrityError, transaction
from django.utils import timezone

from kompetansemidler.history.services import event_record
from kompetansemidler.registry.models import Municipality, Organisation, Unit

from .format import parse_records, read_file
from .models import ImportRun, ImportStatus
from .planning import OWNER_FIELDS, UNIT_FIELDS, Plan, import_plan_make

EVENT_KIND = "registry.import"
BATCH_SIZE = 1000

# The one transition an import run makes; a run already applied is not
# applied again.
TRANSITIONS = {"apply": (ImportStatus.PREVIEW,)}


class ImportNotAllowed(Exception):
    """The run is not in a state that allows the action."""


class ImportConflict(Exception):
    """Another import wrote the same organisations at the same time; nothing was changed."""


def import_file_plan(*, register: str, content: bytes) -> Plan:
    """What importing ``content`` would do now. Raises FileRefused; writes nothing."""
    records = read_file(register, content)
    municipalities = set(Municipality.objects.values_list("number", flat=True))
    return import_plan_make(
        register=register, parsed=parse_records(register, records, municipalities)
    )


def _plan_write(plan: Plan) -> None:
    now = timezone.now()
    Organisation.objects.bulk_create(plan.owners_created, batch_size=BATCH_SIZE)
    changed_owners = [owner for owner, _changes in plan.owners_changed]
    for owner in changed_owners:
        owner.updated_at = now
    Organisation.objects.bulk_update(
        changed_owners, [*OWNER_FIELDS, "updated_at"], batch_size=BATCH_SIZE
    )
    Unit.objects.bulk_create(plan.units_created, batch_size=BATCH_SIZE)
    changed_units = [unit for unit, _changes in plan.units_changed]
    changed_units += [unit for unit, _why, _changes in plan.units_deactivated]
    for unit in changed_units:
        unit.updated_at = now
    Unit.objects.bulk_update(changed_units, [*UNIT_FIELDS, "updated_at"], batch_size=BATCH_SIZE)


def _record_outcome(run: ImportRun, plan: Plan) -> None:
    run.counts = plan.counts()
    run.report = plan.report()
    run.rejected = plan.rejected


def _summary(run: ImportRun) -> str:
    c = run.counts
    return (
        f"{run.register.upper()} {run.file_name}: {c['units_created']} created, "
        f"{c['units_changed']} changed, {c['units_deactivated']} deactivated, "
        f"{c['owners_created']} owners created, {c['owners_changed']} owners changed, "
        f"{c['rejected']} rejected"
    )


def _apply(run: ImportRun, content: bytes, actor) -> ImportRun:
    plan = import_file_plan(register=run.register, content=content)
    _plan_write(plan)
    _record_outcome(run, plan)
    run.status = ImportStatus.APPLIED
    run.applied_at = timezone.now()
    run.applied_by = actor if getattr(actor, "is_authenticated", False) else None
    run.content = None
    run.save()
    event_record(
        actor=actor,
        kind=EVENT_KIND,
        obj=run,
        summary=_summary(run),
        after={
            "register": run.register,
            "file_name": run.file_name,
            "file_sha256": run.file_sha256,
            **run.counts,
        },
    )
    return run


def _new_run(*, register: str, file_name: str, content: bytes, actor) -> ImportRun:
    return ImportRun(
        register=register,
        file_name=file_name[:255],
        file_sha256=hashlib.sha256(content).hexdigest(),
        file_size=len(content),
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
    )


def import_file_apply(*, register: str, file_name: str, content: bytes, actor=None) -> ImportRun:
    """Import a file in one step (the command, the demo data).

    All or nothing: a failure anywhere leaves the registry as it was. Raises
    FileRefused for a file that cannot be read, and ImportConflict when a
    concurrent import created the same organisations first.
    """
    try:
        with transaction.atomic():
            run = _new_run(register=register, file_name=file_name, content=content, actor=actor)
            return _apply(run, content, actor)
    except IntegrityError as error:
        raise ImportConflict() from error


def import_run_preview(*, register: str, file_name: str, content: bytes, actor) -> ImportRun:
    """Check a file and store what importing it would do, keeping the file to apply later.

    Raises FileRefused (and stores nothing) when the file cannot be read.
    """
    plan = import_file_plan(register=register, content=content)
    run = _new_run(register=register, file_name=file_name, content=content, actor=actor)
    run.status = ImportStatus.PREVIEW
    run.content = zlib.compress(content, 6)
    _record_outcome(run, plan)
    run.save()
    return run


def import_run_apply(*, run: ImportRun, actor) -> ImportRun:
    """Import the file a preview kept, against the registry as it is now.

    The outcome replaces the preview's figures, which may differ if the
    registry changed in between. Raises ImportNotAllowed if the run is no
    longer a preview, ImportConflict as ``import_file_apply`` does.
    """
    try:
        with transaction.atomic():
            run = ImportRun.objects.select_for_update().get(pk=run.pk)
            # The file is dropped once applied: a run without it cannot be applied.
            if run.status not in TRANSITIONS["apply"] or run.content is None:
                raise ImportNotAllowed(run.status)
            return _apply(run, zlib.decompress(bytes(run.content)), actor)
    except IntegrityError as error:
        raise ImportConflict() from error

"""Importing register files: check (preview), apply, and the one-step import.

Every write happens in one transaction: the organisations, the units, the
import run and its history event are all stored, or none of them is.
"""

import hashlib
import zlib
from collections.abc import Collection
from decimal import Decimal

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kompetansemidler.accounts.policy import caseworker_office_ids, is_national_admin
from kompetansemidler.core.actors import stored_actor
from kompetansemidler.core.workflow import ServiceRefused, Transition, Workflow, locked
from kompetansemidler.history.services import event_record
from kompetansemidler.registry.models import County, Municipality, Organisation, Unit

from .format import parse_records, read_file
from .models import ImportRun, ImportStatus
from .planning import OWNER_FIELDS, UNIT_FIELDS, Plan, Scope, import_plan_make
from .reasons import FileRefused, ScopeRefused

EVENT_KIND = "registry.import"
BATCH_SIZE = 1000

ERROR_ALREADY_IMPORTED = _("This file has already been imported.")

# The one transition an import run makes; a run already applied is not
# applied again. (The one-step import stores its run applied at once.)
WORKFLOW = Workflow(
    refused=ERROR_ALREADY_IMPORTED,
    field="status",
    transitions={
        "apply": Transition(
            (ImportStatus.PREVIEW,), ImportStatus.APPLIED, EVENT_KIND, _("imported")
        )
    },
)


class ImportConflict(Exception):
    """Another import wrote the same organisations at the same time; nothing was changed."""


class DeactivationsUnconfirmed(FileRefused):
    """The import deactivates more than the settings' share and was not confirmed for it."""

    def __init__(self, *, deactivated: int, active: int, share: Decimal):
        super().__init__(
            "deactivations_unconfirmed",
            deactivated=deactivated,
            active=active,
            share=f"{(share * 100).normalize():f}",
        )
        self.deactivated = deactivated


DEFAULT_DEACTIVATION_SHARE = Decimal("0.05")


def deactivation_share() -> Decimal:
    """Above this share of the active units in scope, deactivations need confirming."""
    return Decimal(
        str(getattr(settings, "IMPORT_DEACTIVATION_CONFIRM_SHARE", DEFAULT_DEACTIVATION_SHARE))
    )


def import_counties_for(actor):
    """The counties ``actor`` may declare an upload to cover: all for national authority."""
    counties = County.objects.select_related("office").order_by("number")
    if actor is None or is_national_admin(actor):
        return counties
    return counties.filter(office_id__in=caseworker_office_ids(actor))


def import_scope_for(*, actor, counties: Collection[str] | None) -> Scope:
    """The scope of an import by ``actor`` covering ``counties`` (numbers); None: national.

    ``actor`` None is the system (the command, the demo data) and acts on
    national authority, as the national administrator does. A caseworker
    covers only her own office's counties and never imports nationally.
    Raises ScopeRefused with the reason.
    """
    national = actor is None or is_national_admin(actor)
    allowed = {county.number: county.pk for county in import_counties_for(actor)}
    if counties is None:
        if not national:
            raise ScopeRefused("national_only")
        return Scope(counties=frozenset(allowed.values()), national=True)
    if not counties:
        raise ScopeRefused("no_counties")
    unknown = sorted(set(counties) - set(County.objects.values_list("number", flat=True)))
    if unknown:
        raise ScopeRefused("unknown_counties", counties=", ".join(unknown))
    outside = sorted(set(counties) - set(allowed))
    if outside:
        raise ScopeRefused("counties_not_yours", counties=", ".join(outside))
    return Scope(counties=frozenset(allowed[number] for number in counties), national=national)


def import_file_plan(*, register: str, content: bytes, scope: Scope | None = None) -> Plan:
    """What importing ``content`` would do now. Raises FileRefused; writes nothing.

    Without ``scope`` the import is national.
    """
    records = read_file(register, content)
    municipalities = set(Municipality.objects.values_list("number", flat=True))
    if scope is None:
        scope = import_scope_for(actor=None, counties=None)
    return import_plan_make(
        register=register,
        parsed=parse_records(register, records, municipalities),
        scope=scope,
    )


def _check_deactivations(plan: Plan, confirm_deactivations: bool | int) -> None:
    """Refuse a plan that deactivates more than the share, unless confirmed.

    ``confirm_deactivations``: True confirms any number (the command's flag);
    a number confirms exactly that many, so a page confirmed for the preview's
    figure asks again if the registry changed since.
    """
    share = deactivation_share()
    if not plan.needs_confirmation(share):
        return
    deactivated = len(plan.units_deactivated)
    if confirm_deactivations is True or (
        not isinstance(confirm_deactivations, bool) and confirm_deactivations == deactivated
    ):
        return
    raise DeactivationsUnconfirmed(
        deactivated=deactivated, active=plan.active_in_scope, share=share
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


def _apply(run: ImportRun, content: bytes, actor, confirm_deactivations: bool | int) -> ImportRun:
    # On the authority of whoever applies: a preview by Udir cannot be
    # applied by a caseworker, nor one office's by another.
    scope = import_scope_for(actor=actor, counties=None if run.national else run.counties)
    plan = import_file_plan(register=run.register, content=content, scope=scope)
    _check_deactivations(plan, confirm_deactivations)
    _plan_write(plan)
    _record_outcome(run, plan)
    run.status = ImportStatus.APPLIED
    run.applied_at = timezone.now()
    run.applied_by = stored_actor(actor)
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
            "counties": run.counties,
            "national": run.national,
            **run.counts,
        },
    )
    return run


def _new_run(
    *, register: str, file_name: str, content: bytes, actor, counties: Collection[str] | None
) -> ImportRun:
    return ImportRun(
        register=register,
        file_name=file_name[:255],
        file_sha256=hashlib.sha256(content).hexdigest(),
        file_size=len(content),
        created_by=stored_actor(actor),
        counties=sorted(counties) if counties is not None else [],
        national=counties is None,
    )


def import_file_apply(
    *,
    register: str,
    file_name: str,
    content: bytes,
    actor=None,
    counties: Collection[str] | None = None,
    confirm_deactivations: bool | int = False,
) -> ImportRun:
    """Import a file in one step (the command, the demo data).

    ``counties``: the county numbers the file covers; None for the whole
    country (national authority only). All or nothing: a failure anywhere
    leaves the registry as it was. Raises FileRefused for a file that cannot
    be read, ScopeRefused for counties beyond the actor's authority,
    DeactivationsUnconfirmed (see ``_check_deactivations``), and
    ImportConflict when a concurrent import created the same organisations
    first.
    """
    try:
        with transaction.atomic():
            run = _new_run(
                register=register,
                file_name=file_name,
                content=content,
                actor=actor,
                counties=counties,
            )
            return _apply(run, content, actor, confirm_deactivations)
    except IntegrityError as error:
        raise ImportConflict() from error


def import_run_preview(
    *,
    register: str,
    file_name: str,
    content: bytes,
    actor,
    counties: Collection[str] | None,
) -> ImportRun:
    """Check a file and store what importing it would do, keeping the file to apply later.

    Raises FileRefused (and stores nothing) when the file cannot be read, and
    ScopeRefused when ``counties`` are beyond the actor's authority.
    """
    scope = import_scope_for(actor=actor, counties=counties)
    plan = import_file_plan(register=register, content=content, scope=scope)
    run = _new_run(
        register=register, file_name=file_name, content=content, actor=actor, counties=counties
    )
    run.status = ImportStatus.PREVIEW
    run.content = zlib.compress(content, 6)
    _record_outcome(run, plan)
    run.save()
    return run


def import_run_apply(
    *, run: ImportRun, actor, confirm_deactivations: bool | int = False
) -> ImportRun:
    """Import the file a preview kept, against the registry as it is now, on ``actor``'s authority.

    The outcome replaces the preview's figures, which may differ if the
    registry changed in between. Refused (ServiceRefused)
    if the run is no longer a preview, ScopeRefused if the preview's counties are beyond the
    actor's authority, DeactivationsUnconfirmed and ImportConflict as
    ``import_file_apply`` does.
    """
    try:
        with transaction.atomic():
            run = locked(run)
            WORKFLOW.check(run, "apply")
            # The file is dropped once applied: a run without it cannot be applied.
            if run.content is None:
                raise ServiceRefused("no_file", ERROR_ALREADY_IMPORTED)
            content = zlib.decompress(bytes(run.content))
            return _apply(run, content, actor, confirm_deactivations)
    except IntegrityError as error:
        raise ImportConflict() from error

"""The deposit package (arkivuttrekk, Noark 5 chapter 6.4) of one office and
journal period, as a ZIP::

    arkivuttrekk.xml      package description (ADDML 8.3): creator, system, period,
                          counts of mapper/registreringer/dokumentfiler, SHA-256
                          of every XML and schema file
    arkivstruktur.xml     arkiv → arkivdel → saksmappe → journalpost → dokument
    loependeJournal.xml   the running journal of the period (full titles and names)
    offentligJournal.xml  the public journal of the period (screened)
    endringslogg.xml      changes to archival metadata (screenings, cases closed)
    *.xsd                 Arkivverket's schemas under their standard names
    DOKUMENT/<id>.pdf     every document of the deposited cases, byte for byte

The journals hold every entry journalled in the period. The archive structure
holds the case files with an entry in the period that are closed (a case
still under processing has no closing date and goes in a later package).
Every XML file is validated against its schema before the ZIP is made; an
invalid package is never handed out. The package is made synchronously
when asked for.
"""

import hashlib
import io
import zipfile
from dataclasses import dataclass
from datetime import date

from django.utils import timezone

from . import noark, selectors
from .models import NOARK_CASE_STATUS, CaseFileStatus, MetadataChange

SCHEMAS = (
    "arkivstruktur.xsd",
    "metadatakatalog.xsd",
    "loependeJournal.xsd",
    "offentligJournal.xsd",
    "endringslogg.xsd",
    "addml.xsd",
)


class EmptyExtract(Exception):
    """The selection holds nothing to deposit; ``str()`` says what is missing."""


@dataclass(frozen=True)
class Package:
    filename: str
    content: bytes
    # SHA-256 of every file in the package but arkivuttrekk.xml itself.
    checksums: dict[str, str]


def _name(user) -> str:
    return (user.get_full_name() or user.get_username()) if user else noark.SYSTEM


def _changes(case_files, entries_by_case) -> list:
    """The metadata changes of the deposited units, with a closing for any
    case closed before changes were recorded (the log is never empty)."""
    units = {c.system_id for c in case_files} | {
        e.system_id for entries in entries_by_case.values() for e in entries
    }
    changes = list(
        MetadataChange.objects.filter(unit_system_id__in=units).select_related("changed_by")
    )
    logged = {c.unit_system_id for c in changes if c.field == "saksstatus"}
    for case_file in case_files:
        if case_file.system_id not in logged:
            changes.append(
                MetadataChange(
                    unit_system_id=case_file.system_id,
                    office_id=case_file.office_id,
                    field="saksstatus",
                    before=NOARK_CASE_STATUS[CaseFileStatus.OPEN],
                    after=NOARK_CASE_STATUS[CaseFileStatus.CLOSED],
                    changed_at=case_file.closed_at,
                    changed_by=case_file.closed_by,
                )
            )
    return sorted(changes, key=lambda c: c.changed_at)


def deposit_package(*, office, start: date, end: date, made_by: str) -> Package:
    """The deposit package of ``office`` for entries journalled from ``start``
    to ``end`` (inclusive).

    Raises EmptyExtract when the period has no entry or no closed case, and
    noark.NoarkValidationError if an XML file fails its schema.
    """
    entries = list(selectors.office_entries_in_period(office, start, end))
    if not entries:
        raise EmptyExtract("entries")
    case_files = list(selectors.closed_case_files_in_period(office, start, end))
    if not case_files:
        raise EmptyExtract("closed")
    made_at = timezone.now().replace(microsecond=0)
    creators = noark.creators_of([office])
    extract = noark.Extract(
        key=f"deposit/{office.slug}/{start}/{end}/{made_at.isoformat()}",
        title=f"Kompetansemidler {office.name} {start.isoformat()}–{end.isoformat()}",
        description=f"Arkivuttrekk for {office.name}, journalperioden {start} til {end}",
        creators=creators,
        made_by=made_by,
        made_at=made_at,
        period_start=start,
        period_end=end,
    )
    selection = f"Journaldato {start.isoformat()} til {end.isoformat()}"
    entries_by_case = {c.pk: list(c.entries.all()) for c in case_files}
    changes = _changes(case_files, entries_by_case)
    files: dict[str, bytes] = {
        "arkivstruktur.xml": noark.arkivstruktur(case_files, extract=extract),
        "loependeJournal.xml": noark.loepende_journal(
            entries, start=start, end=end, creators=creators, selection=selection
        ),
        "offentligJournal.xml": noark.offentlig_journal(
            entries, start=start, end=end, creators=creators, selection=selection
        ),
        "endringslogg.xml": noark.endringslogg(
            changes, user_names={c.changed_by_id: _name(c.changed_by) for c in changes}
        ),
    }
    for schema in SCHEMAS:
        files[schema] = (noark.SCHEMA_DIR / schema).read_bytes()
    documents = 0
    for case_entries in entries_by_case.values():
        for entry in case_entries:
            for document in entry.documents.all():
                with document.file.open("rb") as handle:
                    files[noark.document_path(document)] = handle.read()
                documents += 1
    checksums = {name: hashlib.sha256(data).hexdigest() for name, data in files.items()}
    files["arkivuttrekk.xml"] = noark.arkivuttrekk(
        extract=extract,
        files=[
            noark.PackageFile(name=name, sha256=digest, kind=name.rsplit(".", 1)[1].upper())
            for name, digest in checksums.items()
            if name.endswith((".xml", ".xsd"))
        ],
        folders=len(case_files),
        registrations=sum(len(e) for e in entries_by_case.values()),
        document_files=documents,
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name in ["arkivuttrekk.xml", *checksums]:
            archive.writestr(name, files[name])
    return Package(
        filename=f"arkivuttrekk-{office.slug}-{start.isoformat()}-{end.isoformat()}.zip",
        content=buffer.getvalue(),
        checksums=checksums,
    )

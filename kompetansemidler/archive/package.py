"""The archive extract of a round: a ZIP in the Noark 5 style.

Contents::

    arkivstruktur.xml     arkiv → arkivdel → saksmappe → journalpost → dokument
    offentligJournal.xml  the public journal of the same entries
    dokumenter/<id>.pdf   every document, named as arkivstruktur refers to it
    sjekksummer.txt       SHA-256 of every other file (``sha256sum -c`` reads it)
    README.txt            what the extract holds, for whoever opens it

Both XML files are validated against Arkivverket's schemas before the ZIP
is made; an invalid extract is never handed out.
"""

import hashlib
import io
import zipfile
from dataclasses import dataclass

from django.utils import timezone

from . import noark

README = """Arkivuttrekk (Noark 5) fra Kompetansemidler
===========================================

Uttrekk: {title}
Laget: {made_at} av {made_by}
Saksmapper: {case_files}
Journalposter: {entries}
Dokumenter: {documents}

arkivstruktur.xml     Arkivstruktur etter Arkivverkets skjema arkivstruktur.xsd (Noark 5)
offentligJournal.xml  Offentlig journal for de samme journalpostene (offentligJournal.xsd)
dokumenter/           Dokumentfilene, navngitt etter dokumentobjektets systemID
sjekksummer.txt       SHA-256 for hver fil i uttrekket

Saker som fortsatt er under behandling, har saksstatus "Under behandling";
avsluttetDato for mappen er da tidspunktet for uttrekket, fordi skjemaet
krever en verdi.
"""


class EmptyExtract(Exception):
    """The selection holds no registry entry, so there is nothing to archive."""


@dataclass(frozen=True)
class Package:
    filename: str
    content: bytes
    checksums: dict[str, str]


def round_package(*, round_, case_files, made_by: str) -> Package:
    """The extract of ``case_files`` (from ``selectors.case_files_of_round``).

    Raises EmptyExtract when no case file has an entry, and
    noark.NoarkValidationError if either XML file fails its schema.
    """
    case_files = list(case_files)
    entries = [entry for case_file in case_files for entry in case_file.entries.all()]
    if not entries:
        raise EmptyExtract(str(round_))
    made_at = timezone.now().replace(microsecond=0)
    creators = noark.creators_of([round_.office])
    extract = noark.Extract(
        key=f"round/{round_.pk}/{made_at.isoformat()}",
        title=f"Kompetansemidler {round_}",
        description=f"Saker i runden {round_}, {round_.office.name}",
        creators=creators,
        made_by=made_by,
        made_at=made_at,
        period_start=min(entry.journal_date for entry in entries),
        period_end=max(entry.journal_date for entry in entries),
    )
    files: dict[str, bytes] = {
        "arkivstruktur.xml": noark.arkivstruktur(case_files, extract=extract),
        "offentligJournal.xml": noark.offentlig_journal(
            entries,
            start=extract.period_start,
            end=extract.period_end,
            creators=creators,
            selection=f"Runde: {round_}",
        ),
    }
    documents = 0
    for entry in entries:
        for document in entry.documents.all():
            with document.file.open("rb") as handle:
                files[noark.document_path(document)] = handle.read()
            documents += 1
    checksums = {name: hashlib.sha256(data).hexdigest() for name, data in files.items()}
    files["sjekksummer.txt"] = "".join(
        f"{digest}  {name}\n" for name, digest in checksums.items()
    ).encode()
    files["README.txt"] = README.format(
        title=extract.title,
        made_at=timezone.localtime(made_at).isoformat(timespec="minutes"),
        made_by=made_by,
        case_files=len(case_files),
        entries=len(entries),
        documents=documents,
    ).encode()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    stamp = timezone.localdate().isoformat()
    return Package(
        filename=f"arkivuttrekk-{round_.office.slug}-{round_.pk}-{stamp}.zip",
        content=buffer.getvalue(),
        checksums=checksums,
    )

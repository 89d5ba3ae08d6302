"""Journalling: the API other apps call to put their documents in the journal.

Typical use, from a service that has just produced a grant letter::

    from kompetansemidler.archive.services import Party, case_file_for, registry_entry_record

    case_file = case_file_for(obj=decision, office=round.office, round=round,
                              title=f"Tilskudd {round} - {recipient.name}", actor=actor)
    registry_entry_record(
        case_file=case_file, entry_type=EntryType.OUTGOING,
        title=f"Tilskuddsbrev til {recipient.name}",
        parties=[Party(name=recipient.name, organisation_number=recipient.organisation_number)],
        document_bytes=pdf, document_name="tilskuddsbrev.pdf",
        document_title="Tilskuddsbrev", actor=actor,
    )

Both run inside the caller's transaction if there is one (they open their
own savepoint otherwise), so a failed decision leaves no entry behind.
Numbers are handed out from a locked counter row per office and year, so
concurrent journalling never produces a duplicate or a gap.
"""

import hashlib
import mimetypes
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kompetansemidler.core.actors import stored_actor
from kompetansemidler.history.services import event_record

from .models import (
    NOARK_CASE_STATUS,
    SCREENING_BASIS,
    CaseFile,
    CaseFileStatus,
    Document,
    EntryType,
    MetadataChange,
    NumberCounter,
    PartyRole,
    RegistryEntry,
    ScreeningGround,
)
from .models import Party as PartyRow

SCREENED = "**"

ERROR_LEGAL_BASIS_REQUIRED = _("An exempt entry or party needs the legal basis for the exemption.")
ERROR_EXEMPT_NOT_PUBLISHED = _("The document of an exempt entry cannot be published.")
ERROR_NO_PARTY = _("A registry entry needs at least one sender or recipient.")
ERROR_EMPTY_DOCUMENT = _("The document is empty.")
ERROR_OFFICE_MISMATCH = _("The object already has a case file at another office.")
ERROR_UNKNOWN_GROUND = _("Choose a legal ground from the list.")
ERROR_NOTHING_SCREENED = _(
    "Choose what to exempt: words of the title, the document or a party's name."
)
ERROR_WORD_NOT_IN_TITLE = _("“%(word)s” does not occur in the title.")
ERROR_ALREADY_CLOSED = _("The case is already closed.")


@dataclass(frozen=True)
class Party:
    """A sender or recipient given to ``registry_entry_record``."""

    name: str
    organisation_number: str = ""
    role: str = PartyRole.RECIPIENT
    # The name is withheld from the public journal (e.g. a private person).
    exempt: bool = False


def screen_title(title: str, words: Iterable[str]) -> str:
    """``title`` with every exempt word or phrase replaced by ``**``.

    Matching ignores case and only takes whole words, so screening "Ås"
    leaves "Åsane" alone.
    """
    screened = title
    for word in sorted({w.strip() for w in words if w and w.strip()}, key=len, reverse=True):
        screened = re.sub(
            rf"(?<!\w){re.escape(word)}(?!\w)", SCREENED, screened, flags=re.IGNORECASE
        )
    return screened


def _next_number(*, office, year: int, series: str) -> int:
    counter, _created = NumberCounter.objects.select_for_update().get_or_create(
        office=office,
        year=year,
        series=series,
    )
    counter.last += 1
    counter.save(update_fields=["last"])
    return counter.last


@transaction.atomic
def case_file_for(*, obj, office, title: str, actor, round=None) -> CaseFile:  # noqa: A002
    """The case file of ``obj``, created (and numbered) at ``office`` if it has none.

    An existing case file is returned as it is (its title is not changed),
    except that a missing ``round`` is filled in. Raises ValidationError if
    the object already has a case file at another office.
    """
    content_type = ContentType.objects.get_for_model(obj)
    existing = CaseFile.objects.filter(content_type=content_type, object_id=str(obj.pk)).first()
    if existing:
        if existing.office_id != office.pk:
            raise ValidationError(ERROR_OFFICE_MISMATCH, code="office_mismatch")
        if round is not None and existing.round_id is None:
            existing.round = round
            existing.save(update_fields=["round"])
        return existing
    year = timezone.localdate().year
    case_file = CaseFile.objects.create(
        office=office,
        year=year,
        sequence_number=_next_number(office=office, year=year, series=NumberCounter.CASE),
        title=title[:300],
        content_type=content_type,
        object_id=str(obj.pk),
        round=round,
        created_by=stored_actor(actor),
    )
    event_record(
        actor=actor,
        kind="archive.case_file_created",
        obj=case_file,
        summary=f"{case_file.case_number} {case_file.title}",
        office=office,
        after={"case_number": case_file.case_number, "title": case_file.title},
    )
    return case_file


def _format(name: str) -> tuple[str, str]:
    mime = mimetypes.guess_type(name)[0] or "application/octet-stream"
    extension = name.rsplit(".", 1)[-1].upper() if "." in name else "BIN"
    return extension[:20], mime


@transaction.atomic
def registry_entry_record(
    *,
    case_file: CaseFile,
    entry_type: str,
    title: str,
    parties: Sequence[Party],
    document_bytes: bytes | None,
    document_name: str,
    document_title: str,
    actor,
    public_title: str | None = None,
    exempt_words: Iterable[str] = (),
    exempt: bool = False,
    legal_basis: str = "",
    published: bool = False,
    journal_date: date | None = None,
) -> RegistryEntry:
    """Journal one document in ``case_file`` and return the new entry.

    - ``entry_type``: ``EntryType.INCOMING``/``OUTGOING``/``INTERNAL`` (I/U/N).
    - ``public_title``: the title the public journal shows; by default the
      title with ``exempt_words`` screened out as ``**``.
    - ``exempt``: the document is withheld from the public (it is never
      downloadable there); ``legal_basis`` (e.g. "Offl. § 13 jf. fvl. § 13")
      is then required, as it is when a party is exempt.
    - ``published``: the caseworker has decided the document may be
      downloaded from the public journal (outgoing letters such as a grant
      letter); refused for an exempt entry.

    The document is stored through Django's default storage with its SHA-256
    checksum; ``document_bytes=None`` journals an entry without a document
    (a report received as data, not as a file). Raises ValidationError (with
    a code) on inconsistent input.
    Writes an ``archive.entry_recorded`` history event.
    """
    entry_type = EntryType(entry_type)
    parties = list(parties)
    if not parties:
        raise ValidationError(ERROR_NO_PARTY, code="no_party")
    needs_basis = exempt or any(party.exempt for party in parties)
    if needs_basis and not legal_basis.strip():
        raise ValidationError(ERROR_LEGAL_BASIS_REQUIRED, code="legal_basis_required")
    if exempt and published:
        raise ValidationError(ERROR_EXEMPT_NOT_PUBLISHED, code="exempt_not_published")
    if document_bytes is not None and not document_bytes:
        raise ValidationError(ERROR_EMPTY_DOCUMENT, code="empty_document")

    case_file = CaseFile.objects.select_for_update().get(pk=case_file.pk)
    journal_date = journal_date or timezone.localdate()
    last = case_file.entries.order_by("-number").values_list("number", flat=True).first()
    number = (last or 0) + 1
    entry = RegistryEntry.objects.create(
        case_file=case_file,
        number=number,
        journal_year=journal_date.year,
        journal_sequence=_next_number(
            office=case_file.office, year=journal_date.year, series=NumberCounter.ENTRY
        ),
        journal_date=journal_date,
        entry_type=entry_type,
        title=title[:300],
        public_title=(
            public_title if public_title is not None else screen_title(title, exempt_words)
        )[:300],
        exempt=exempt,
        legal_basis=legal_basis.strip(),
        published=published,
        created_by=stored_actor(actor),
    )
    PartyRow.objects.bulk_create(
        [
            PartyRow(
                entry=entry,
                role=PartyRole(p.role),
                name=p.name[:200],
                organisation_number=p.organisation_number or "",
                exempt=p.exempt,
            )
            for p in parties
        ]
    )
    sha256 = ""
    if document_bytes is not None:
        file_format, mime = _format(document_name)
        document = Document(
            entry=entry,
            number=1,
            title=document_title[:300],
            file_name=document_name[:200],
            format=file_format,
            mime_type=mime,
            sha256=hashlib.sha256(document_bytes).hexdigest(),
            size=len(document_bytes),
        )
        document.file.save(document_name, ContentFile(document_bytes), save=False)
        document.save()
        sha256 = document.sha256
    event_record(
        actor=actor,
        kind="archive.entry_recorded",
        obj=entry,
        office=case_file.office,
        summary=f"{entry.entry_number} {entry.title}",
        after={
            "entry_number": entry.entry_number,
            "entry_type": entry.entry_type,
            "exempt": entry.exempt,
            "published": entry.published,
            "sha256": sha256,
        },
    )
    return entry


@transaction.atomic
def registry_entry_publish(*, entry: RegistryEntry, published: bool, actor) -> RegistryEntry:
    """Let the public journal offer the entry's document for download, or stop it.

    Raises ValidationError for an exempt entry. Writes an
    ``archive.entry_published`` or ``archive.entry_unpublished`` event.
    """
    entry = RegistryEntry.objects.select_for_update().select_related("case_file").get(pk=entry.pk)
    if published and entry.exempt:
        raise ValidationError(ERROR_EXEMPT_NOT_PUBLISHED, code="exempt_not_published")
    if entry.published == published:
        return entry
    before = {"published": entry.published}
    entry.published = published
    entry.save(update_fields=["published"])
    event_record(
        actor=actor,
        kind="archive.entry_published" if published else "archive.entry_unpublished",
        obj=entry,
        office=entry.case_file.office,
        summary=entry.entry_number,
        before=before,
        after={"published": published},
    )
    return entry


@transaction.atomic
def document_journal(
    *,
    obj,
    office,
    case_title: str,
    actor,
    round=None,  # noqa: A002
    **entry,
) -> RegistryEntry:
    """``case_file_for`` and ``registry_entry_record`` in one call: journal a
    document in the case file of ``obj`` (created if it has none). ``entry``
    takes the keyword arguments of ``registry_entry_record`` except
    ``case_file`` and ``actor``."""
    case_file = case_file_for(obj=obj, office=office, title=case_title, actor=actor, round=round)
    return registry_entry_record(case_file=case_file, actor=actor, **entry)


@transaction.atomic
def registry_entry_screen(
    *,
    entry: RegistryEntry,
    actor,
    ground: str,
    words: Iterable[str] = (),
    exempt_document: bool = False,
    exempt_party_ids: Iterable[int] = (),
) -> RegistryEntry:
    """Exempt parts of an entry from public access (offentleglova) on ``ground``
    (a ``ScreeningGround``): the ``words`` of the title become ``**`` in the
    public title, the document is withheld (and unpublished) if
    ``exempt_document``, and the named parties are shown as ``**``.

    The screening replaces any earlier one of the entry. Raises
    ValidationError (with a code) for an unknown ground, a word that is not
    in the title, or nothing to screen. Records each changed archival field
    for the deposit package's change log and an ``archive.entry_screened``
    history event.
    """
    if ground not in ScreeningGround.values:
        raise ValidationError(ERROR_UNKNOWN_GROUND, code="unknown_ground")
    entry = RegistryEntry.objects.select_for_update().select_related("case_file").get(pk=entry.pk)
    words = [word.strip() for word in words if word and word.strip()]
    for word in words:
        if screen_title(entry.title, [word]) == entry.title:
            raise ValidationError(
                ERROR_WORD_NOT_IN_TITLE, code="word_not_in_title", params={"word": word}
            )
    parties = list(entry.parties.all())
    exempt_ids = {int(pk) for pk in exempt_party_ids}
    if not words and not exempt_document and not exempt_ids:
        raise ValidationError(ERROR_NOTHING_SCREENED, code="nothing_screened")
    before = {
        "offentligTittel": entry.public_title,
        "skjermingshjemmel": entry.legal_basis,
        "skjermingDokument": "Skjerming av hele dokumentet" if entry.exempt else "",
    }
    entry.public_title = screen_title(entry.title, words)[:300]
    entry.legal_basis = SCREENING_BASIS[ground]
    entry.screening_ground = ground
    entry.exempt = exempt_document
    if exempt_document:
        entry.published = False
    entry.save(
        update_fields=["public_title", "legal_basis", "screening_ground", "exempt", "published"]
    )
    changed_parties = []
    for party in parties:
        exempt = party.pk in exempt_ids
        if party.exempt != exempt:
            party.exempt = exempt
            party.save(update_fields=["exempt"])
            changed_parties.append(party)
    after = {
        "offentligTittel": entry.public_title,
        "skjermingshjemmel": entry.legal_basis,
        "skjermingDokument": "Skjerming av hele dokumentet" if entry.exempt else "",
    }
    changes = [
        MetadataChange(
            unit_system_id=entry.system_id,
            office=entry.case_file.office,
            field=field,
            before=before[field],
            after=after[field],
            changed_by=stored_actor(actor),
        )
        for field in before
        if before[field] != after[field]
    ]
    changes += [
        MetadataChange(
            unit_system_id=entry.system_id,
            office=entry.case_file.office,
            field="skjermingMetadata",
            before="" if party.exempt else _party_screening(party),
            after=_party_screening(party) if party.exempt else "",
            changed_by=stored_actor(actor),
        )
        for party in changed_parties
    ]
    MetadataChange.objects.bulk_create(changes)
    event_record(
        actor=actor,
        kind="archive.entry_screened",
        obj=entry,
        office=entry.case_file.office,
        summary=f"{entry.entry_number} {entry.legal_basis}",
        before=before,
        after={
            **after,
            "screening_ground": ground,
            "exempt_parties": sorted(p.pk for p in parties if p.exempt),
        },
    )
    return entry


def _party_screening(party) -> str:
    """The Noark 5 skjermingMetadata value for an exempt party's name."""
    return (
        "Skjerming navn avsender" if party.role == PartyRole.SENDER else "Skjerming navn mottaker"
    )


@transaction.atomic
def case_file_close(*, case_file: CaseFile, actor) -> CaseFile:
    """Close the case (saksstatus Avsluttet) with today's time as its closing
    date. Raises ValidationError if it is already closed."""
    case_file = CaseFile.objects.select_for_update().get(pk=case_file.pk)
    if case_file.status == CaseFileStatus.CLOSED:
        raise ValidationError(ERROR_ALREADY_CLOSED, code="already_closed")
    case_file.status = CaseFileStatus.CLOSED
    case_file.closed_at = timezone.now()
    case_file.closed_by = stored_actor(actor)
    case_file.save(update_fields=["status", "closed_at", "closed_by"])
    MetadataChange.objects.create(
        unit_system_id=case_file.system_id,
        office_id=case_file.office_id,
        field="saksstatus",
        before=NOARK_CASE_STATUS[CaseFileStatus.OPEN],
        after=NOARK_CASE_STATUS[CaseFileStatus.CLOSED],
        changed_by=stored_actor(actor),
    )
    event_record(
        actor=actor,
        kind="archive.case_file_closed",
        obj=case_file,
        office=case_file.office,
        summary=f"{case_file.case_number} {case_file.title}",
        before={"status": CaseFileStatus.OPEN},
        after={"status": CaseFileStatus.CLOSED},
    )
    return case_file

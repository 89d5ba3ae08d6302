"""Noark 5 XML: the public journal (offentligJournal) and the archive
structure (arkivstruktur) of an extract, validated against Arkivverket's
schemas in ``schemas/noark5/`` (version 5.0 as published by Arkivverket).

The element order below follows the schemas exactly (XSD sequences are
ordered): note that in ``arkivstruktur`` a saksmappe's registrations come
*before* its case fields (saksaar…), and a journalpost's documents and
correspondence parties come before its journal fields, because saksmappe and
journalpost extend mappe and registrering. Dates without a value of their own
in our data (avsluttetDato of an open case, which the schema requires) take
the time of the extract; the README in the package says so.
"""

import logging
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from functools import cache
from pathlib import Path

from django.utils import timezone
from lxml import etree

from .models import NOARK_CASE_STATUS, NOARK_ENTRY_TYPE, NOARK_PARTY_ROLE, CaseFile, RegistryEntry

logger = logging.getLogger(__name__)

SCHEMA_DIR = Path(__file__).parent / "schemas" / "noark5"
ARKIVSTRUKTUR_NS = "http://www.arkivverket.no/standarder/noark5/arkivstruktur"
OFFENTLIG_JOURNAL_NS = "http://www.arkivverket.no/standarder/noark5/offentligJournal"
XSI_NS = "http://www.w3.org/2001/XMLSchema-instance"
SCREENED = "**"
# A fixed namespace for identifiers we derive (the arkiv and arkivdel of an
# extract, a document description), so the same extract gets the same ids.
ID_NAMESPACE = uuid.UUID("6f1c7c0e-5d2b-4c59-9a53-6a0e0c1f2b8d")
SYSTEM = "Kompetansemidler"


class NoarkValidationError(Exception):
    """An XML document does not match its Noark 5 schema; ``errors`` says where."""

    def __init__(self, schema: str, errors: list[str]):
        super().__init__(f"{schema}: {'; '.join(errors[:5])}")
        self.schema = schema
        self.errors = errors


@cache
def schema(name: str) -> etree.XMLSchema:
    """The compiled schema ``name`` (``"arkivstruktur"`` or ``"offentligJournal"``)."""
    return etree.XMLSchema(etree.parse(str(SCHEMA_DIR / f"{name}.xsd")))


def validation_errors(xml: bytes, name: str) -> list[str]:
    """Every schema violation in ``xml`` as "line N: message"; empty if valid."""
    try:
        document = etree.fromstring(xml)
    except etree.XMLSyntaxError as error:
        return [str(error)]
    checker = schema(name)
    if checker.validate(document):
        return []
    return [f"line {e.line}: {e.message}" for e in checker.error_log]


def ensure_valid(xml: bytes, name: str) -> bytes:
    """``xml`` unchanged if valid; otherwise logs and raises NoarkValidationError."""
    errors = validation_errors(xml, name)
    if errors:
        logger.error("Noark 5 %s failed validation: %s", name, errors[:10])
        raise NoarkValidationError(name, errors)
    return xml


def _when(value: datetime | date) -> str:
    if isinstance(value, datetime):
        return timezone.localtime(value).isoformat(timespec="seconds")
    return value.isoformat()


def _sub(parent, tag: str, text=None, **attributes):
    element = etree.SubElement(parent, f"{{{parent.nsmap[None]}}}{tag}", **attributes)
    if text is not None:
        element.text = str(text)
    return element


def _serialise(root) -> bytes:
    return etree.tostring(root, xml_declaration=True, encoding="utf-8", pretty_print=True)


def derived_id(*parts) -> str:
    return str(uuid.uuid5(ID_NAMESPACE, "/".join(str(p) for p in parts)))


def public_party_name(party) -> str:
    return SCREENED if party.exempt else party.name


@dataclass(frozen=True)
class Creator:
    """The arkivskaper: the office whose journal it is."""

    identifier: str
    name: str


def creators_of(offices: Iterable) -> list[Creator]:
    return [Creator(identifier=office.slug, name=office.name) for office in offices]


# --- offentligJournal ------------------------------------------------------


def offentlig_journal(
    entries: Sequence[RegistryEntry],
    *,
    start: date,
    end: date,
    creators: Sequence[Creator],
    selection: str = "",
) -> bytes:
    """The public journal of ``entries`` (parties and case files prefetched).

    Only what the public may see is written: the public title, exempt party
    names as ``**`` and the legal basis of an exemption. The schema requires
    at least one entry; the caller says so to the user instead.
    """
    root = etree.Element(
        f"{{{OFFENTLIG_JOURNAL_NS}}}offentligJournal", nsmap={None: OFFENTLIG_JOURNAL_NS}
    )
    head = _sub(root, "journalhode")
    _sub(head, "journalStartDato", _when(start))
    _sub(head, "journalSluttDato", _when(end))
    if selection:
        _sub(head, "seleksjon", selection)
    _sub(head, "antallJournalposter", len(entries))
    for creator in creators:
        element = _sub(head, "arkivskaper")
        _sub(element, "arkivskaperID", creator.identifier)
        _sub(element, "arkivskaperNavn", creator.name)
    for entry in entries:
        case_file = entry.case_file
        registration = _sub(root, "journalregistrering")
        folder = _sub(registration, "saksmappe")
        _sub(folder, "mappeID", case_file.case_number)
        _sub(folder, "saksaar", case_file.year)
        _sub(folder, "sakssekvensnummer", case_file.sequence_number)
        _sub(folder, "administrativEnhet", case_file.office.name)
        post = _sub(registration, "journalpost")
        _sub(post, "systemID", entry.system_id)
        _sub(post, "registreringsID", entry.entry_number)
        _sub(post, "journalaar", entry.journal_year)
        _sub(post, "journalsekvensnummer", entry.journal_sequence)
        _sub(post, "journalpostnummer", entry.number)
        _sub(post, "offentligTittel", entry.public_title)
        screened = _screened_fields(entry)
        if screened:
            _sub(post, "skjermingMetadata", screened)
        _sub(post, "journaldato", _when(entry.journal_date))
        _sub(post, "administrativEnhet", case_file.office.name)
        if entry.legal_basis:
            _sub(post, "skjermingshjemmel", entry.legal_basis)
        for party in entry.parties.all():
            element = _sub(post, "korrespondansepart")
            _sub(element, "korrespondanseparttype", NOARK_PARTY_ROLE[party.role])
            _sub(element, "korrespondansepartNavn", public_party_name(party))
    return ensure_valid(_serialise(root), "offentligJournal")


def _screened_fields(entry) -> str:
    """Noark's skjermingMetadata: which fields are withheld, comma-separated."""
    fields = []
    if entry.public_title != entry.title:
        fields.append("tittel")
    if any(party.exempt for party in entry.parties.all()):
        fields.append("korrespondansepart")
    if entry.exempt:
        fields.append("dokument")
    return ", ".join(fields)


# --- arkivstruktur ---------------------------------------------------------


def document_path(document) -> str:
    """Where the file of ``document`` lies in the extract."""
    return f"dokumenter/{document.system_id}.{document.format.lower()}"


@dataclass(frozen=True)
class Extract:
    """What an extract describes: its title, the creating offices, who made it and when."""

    key: str
    title: str
    description: str
    creators: Sequence[Creator]
    made_by: str
    made_at: datetime
    period_start: date | None = None
    period_end: date | None = None


def arkivstruktur(case_files: Sequence[CaseFile], *, extract: Extract) -> bytes:
    """arkiv → arkivdel → saksmappe → journalpost → dokumentbeskrivelse →
    dokumentobjekt for ``case_files`` (with entries, parties and documents
    prefetched), every document referenced by ``document_path``."""
    made_at = _when(extract.made_at)
    root = etree.Element(
        f"{{{ARKIVSTRUKTUR_NS}}}arkiv", nsmap={None: ARKIVSTRUKTUR_NS, "xsi": XSI_NS}
    )
    _sub(root, "systemID", derived_id("arkiv", extract.key))
    _sub(root, "tittel", extract.title)
    _sub(root, "beskrivelse", extract.description)
    _sub(root, "arkivstatus", "Avsluttet")
    _sub(root, "dokumentmedium", "Elektronisk arkiv")
    _sub(root, "opprettetDato", made_at)
    _sub(root, "opprettetAv", extract.made_by)
    _sub(root, "avsluttetDato", made_at)
    _sub(root, "avsluttetAv", extract.made_by)
    for creator in extract.creators:
        element = _sub(root, "arkivskaper")
        _sub(element, "arkivskaperID", creator.identifier)
        _sub(element, "arkivskaperNavn", creator.name)
    part = _sub(root, "arkivdel")
    _sub(part, "systemID", derived_id("arkivdel", extract.key))
    _sub(part, "tittel", extract.title)
    _sub(part, "arkivdelstatus", "Avsluttet periode")
    _sub(part, "dokumentmedium", "Elektronisk arkiv")
    _sub(part, "opprettetDato", made_at)
    _sub(part, "opprettetAv", extract.made_by)
    _sub(part, "avsluttetDato", made_at)
    _sub(part, "avsluttetAv", extract.made_by)
    if extract.period_start and extract.period_end:
        _sub(part, "arkivperiodeStartDato", _when(extract.period_start))
        _sub(part, "arkivperiodeSluttDato", _when(extract.period_end))
    for case_file in case_files:
        _case_file(part, case_file, extract)
    return ensure_valid(_serialise(root), "arkivstruktur")


def _user(user) -> str:
    return (user.get_full_name() or user.get_username()) if user else SYSTEM


def _case_file(parent, case_file: CaseFile, extract: Extract) -> None:
    folder = _sub(parent, "mappe", **{f"{{{XSI_NS}}}type": "saksmappe"})
    _sub(folder, "systemID", case_file.system_id)
    _sub(folder, "mappeID", case_file.case_number)
    _sub(folder, "tittel", case_file.title)
    _sub(folder, "opprettetDato", _when(case_file.created_at))
    _sub(folder, "opprettetAv", _user(case_file.created_by))
    _sub(folder, "avsluttetDato", _when(extract.made_at))
    _sub(folder, "avsluttetAv", extract.made_by)
    for entry in case_file.entries.all():
        _entry(folder, entry)
    _sub(folder, "saksaar", case_file.year)
    _sub(folder, "sakssekvensnummer", case_file.sequence_number)
    _sub(folder, "saksdato", _when(timezone.localdate(case_file.created_at)))
    _sub(folder, "administrativEnhet", case_file.office.name)
    _sub(folder, "saksansvarlig", _user(case_file.created_by))
    _sub(folder, "saksstatus", NOARK_CASE_STATUS[case_file.status])


def _entry(parent, entry: RegistryEntry) -> None:
    post = _sub(parent, "registrering", **{f"{{{XSI_NS}}}type": "journalpost"})
    created = _when(entry.created_at)
    author = _user(entry.created_by)
    _sub(post, "systemID", entry.system_id)
    _sub(post, "opprettetDato", created)
    _sub(post, "opprettetAv", author)
    _sub(post, "arkivertDato", created)
    _sub(post, "arkivertAv", author)
    screened = _screened_fields(entry)
    if entry.legal_basis and screened:
        shielding = _sub(post, "skjerming")
        _sub(shielding, "tilgangsrestriksjon", "Skjermet")
        _sub(shielding, "skjermingshjemmel", entry.legal_basis)
        for field in screened.split(", "):
            _sub(shielding, "skjermingMetadata", field)
        if entry.exempt:
            _sub(shielding, "skjermingDokument", "Hele dokumentet")
    for document in entry.documents.all():
        description = _sub(post, "dokumentbeskrivelse")
        _sub(description, "systemID", derived_id("dokumentbeskrivelse", document.system_id))
        _sub(description, "dokumenttype", "Brev" if entry.entry_type != "N" else "Notat")
        _sub(description, "dokumentstatus", "Dokumentet er ferdigstilt")
        _sub(description, "tittel", document.title)
        _sub(description, "opprettetDato", _when(document.created_at))
        _sub(description, "opprettetAv", author)
        _sub(
            description,
            "tilknyttetRegistreringSom",
            "Hoveddokument" if document.number == 1 else "Vedlegg",
        )
        _sub(description, "dokumentnummer", document.number)
        _sub(description, "tilknyttetDato", _when(document.created_at))
        _sub(description, "tilknyttetAv", author)
        item = _sub(description, "dokumentobjekt")
        _sub(item, "systemID", document.system_id)
        _sub(item, "versjonsnummer", 1)
        _sub(item, "variantformat", "Arkivformat")
        _sub(item, "format", document.format)
        _sub(item, "opprettetDato", _when(document.created_at))
        _sub(item, "opprettetAv", author)
        _sub(item, "referanseDokumentfil", document_path(document))
        _sub(item, "sjekksum", document.sha256)
        _sub(item, "sjekksumAlgoritme", "SHA256")
        _sub(item, "filstoerrelse", document.size)
    _sub(post, "registreringsID", entry.entry_number)
    _sub(post, "tittel", entry.title)
    _sub(post, "offentligTittel", entry.public_title)
    for party in entry.parties.all():
        element = _sub(post, "korrespondansepart")
        _sub(element, "korrespondanseparttype", NOARK_PARTY_ROLE[party.role])
        _sub(element, "korrespondansepartNavn", party.name)
    _sub(post, "journalaar", entry.journal_year)
    _sub(post, "journalsekvensnummer", entry.journal_sequence)
    _sub(post, "journalpostnummer", entry.number)
    _sub(post, "journalposttype", NOARK_ENTRY_TYPE[entry.entry_type])
    _sub(post, "journalstatus", "Journalført")
    _sub(post, "journaldato", _when(entry.journal_date))

"""Noark 5 XML: the public journal (offentligJournal) and the archive
structure (arkivstruktur) of an extract, validated against Arkivverket's
schemas in ``schemas/noark5/`` (version 5.0 as published by Arkivverket).

The element order below follows the schemas exactly (XSD sequences are
ordered): note that in ``arkivstruktur`` a saksmappe's registrations come
*before* its case fields (saksaar…), and a journalpost's documents and
correspondence parties come before its journal fields, because saksmappe and
journalpost extend mappe and registrering.

The XSDs type most fields as plain strings; the values written are the
code-list values (Kodenavn) of the Noark 5 metadatakatalog, kept together in
``CODE_LISTS`` so the tests can hold every written value against them. A
case folder's avsluttetDato is its real closing date: ``arkivstruktur``
takes closed case files only (the schema requires the date).
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

from .models import (
    NOARK_CASE_STATUS,
    NOARK_ENTRY_TYPE,
    NOARK_PARTY_ROLE,
    CaseFile,
    CaseFileStatus,
    PartyRole,
    RegistryEntry,
)

logger = logging.getLogger(__name__)

SCHEMA_DIR = Path(__file__).parent / "schemas" / "noark5"
ARKIVSTRUKTUR_NS = "http://www.arkivverket.no/standarder/noark5/arkivstruktur"
OFFENTLIG_JOURNAL_NS = "http://www.arkivverket.no/standarder/noark5/offentligJournal"
LOEPENDE_JOURNAL_NS = "http://www.arkivverket.no/standarder/noark5/loependeJournal"
ENDRINGSLOGG_NS = "http://www.arkivverket.no/standarder/noark5/endringslogg"
ADDML_NS = "http://www.arkivverket.no/standarder/addml"
XSI_NS = "http://www.w3.org/2001/XMLSchema-instance"
SCREENED = "**"
# A fixed namespace for identifiers we derive (the arkiv and arkivdel of an
# extract, a document description), so the same extract gets the same ids.
ID_NAMESPACE = uuid.UUID("6f1c7c0e-5d2b-4c59-9a53-6a0e0c1f2b8d")
SYSTEM = "Kompetansemidler"

# Values of the metadatakatalog's code lists this module writes.
SCREENED_TITLE = "Skjerming tittel registrering - utvalgte ord"
SCREENED_SENDER = "Skjerming navn avsender"
SCREENED_RECIPIENT = "Skjerming navn mottaker"
SCREENED_DOCUMENT = "Skjerming av hele dokumentet"
CODE_LISTS: dict[str, frozenset[str]] = {
    "journalposttype": frozenset(
        {
            "Inngående dokument",
            "Utgående dokument",
            "Organinternt dokument for oppfølging",
            "Organinternt dokument uten oppfølging",
            "Saksframlegg",
        }
    ),
    "journalstatus": frozenset(
        {"Journalført", "Ferdigstilt fra saksbehandler", "Godkjent av leder", "Ekspedert"}
        | {"Arkivert", "Utgår", "Midlertidig registrering av innkommet dokument"}
        | {"Saksbehandler har registrert innkommet dokument", "Reservert dokument"}
    ),
    "saksstatus": frozenset(
        {"Under behandling", "Avsluttet", "Utgår", "Opprettet av saksbehandler"}
        | {"Avsluttet av saksbehandler", "Unntatt prosesstyring", "Ferdig fra saksbehandler"}
    ),
    "dokumentstatus": frozenset({"Dokumentet er under redigering", "Dokumentet er ferdigstilt"}),
    "dokumenttype": frozenset({"Brev", "Rundskriv", "Faktura", "Ordrebekreftelse"}),
    "tilknyttetRegistreringSom": frozenset({"Hoveddokument", "Vedlegg"}),
    "korrespondanseparttype": frozenset(
        {"Avsender", "Mottaker", "Kopimottaker", "Gruppemottaker", "Intern avsender"}
        | {"Intern mottaker", "Intern kopimottaker", "Medavsender"}
    ),
    "arkivstatus": frozenset({"Opprettet", "Avsluttet"}),
    "arkivdelstatus": frozenset(
        {"Aktiv periode", "Overlappingsperiode", "Avsluttet periode", "Uaktuelle mapper"}
    ),
    "dokumentmedium": frozenset(
        {"Fysisk medium", "Elektronisk arkiv", "Blandet fysisk og elektronisk arkiv"}
    ),
    "variantformat": frozenset(
        {"Produksjonsformat", "Arkivformat", "Dokument hvor deler av innholdet er skjermet"}
    ),
    "skjermingMetadata": frozenset(
        {"Skjerming klasseID", "Skjerming tittel klasse"}
        | {"Skjerming tittel mappe - unntatt første linje", "Skjerming tittel mappe - utvalgte ord"}
        | {"Skjerming navn part i sak", "Skjerming tittel registrering - unntatt første linje"}
        | {SCREENED_TITLE, SCREENED_SENDER, SCREENED_RECIPIENT}
        | {"Skjerming tittel dokumentbeskrivelse", "Skjerming merknadstekst"}
        | {"Midlertidig skjerming"}
    ),
    "skjermingDokument": frozenset({SCREENED_DOCUMENT, "Skjerming av deler av dokumentet"}),
    "tilgangsrestriksjon": frozenset(
        {"Begrenset etter sikkerhetsinstruksen", "Konfidensielt etter sikkerhetsinstruksen"}
        | {"Hemmelig etter sikkerhetsinstruksen", "Fortrolig etter beskyttelsesinstruksen"}
        | {"Strengt fortrolig etter beskyttelsesinstruksen"}
        | {"Unntatt etter offentlighetsloven § 5", "Unntatt etter offentlighetsloven § 5a"}
        | {"Unntatt etter offentlighetsloven § 6", "Unntatt etter offentlighetsloven § 11"}
        | {"Midlertidig sperret", "Personalsaker", "Klientsaker"}
    ),
}
# The code list's tilgangsrestriksjon values still name the paragraphs of the
# 1970 act; each ground of today's act maps to its counterpart there
# (taushetsplikt § 13 = old § 5a, internal documents §§ 14-15 = old § 5,
# §§ 23-24 = old § 6, personnel matters § 25 = "Personalsaker").
ACCESS_RESTRICTION = {
    "offl13-fvl13": "Unntatt etter offentlighetsloven § 5a",
    "offl13-fvl13-2": "Unntatt etter offentlighetsloven § 5a",
    "offl14": "Unntatt etter offentlighetsloven § 5",
    "offl15": "Unntatt etter offentlighetsloven § 5",
    "offl23": "Unntatt etter offentlighetsloven § 6",
    "offl24": "Unntatt etter offentlighetsloven § 6",
    "offl25": "Personalsaker",
}
DEFAULT_ACCESS_RESTRICTION = "Unntatt etter offentlighetsloven § 5a"


class NoarkValidationError(Exception):
    """An XML document does not match its Noark 5 schema; ``errors`` says where."""

    def __init__(self, schema: str, errors: list[str]):
        super().__init__(f"{schema}: {'; '.join(errors[:5])}")
        self.schema = schema
        self.errors = errors


@cache
def schema(name: str) -> etree.XMLSchema:
    """The compiled schema ``name`` (``"arkivstruktur"``, ``"offentligJournal"``,
    ``"loependeJournal"``, ``"endringslogg"`` or ``"addml"``)."""
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
    return _journal(
        "offentligJournal", entries, start=start, end=end, creators=creators, selection=selection
    )


def loepende_journal(
    entries: Sequence[RegistryEntry],
    *,
    start: date,
    end: date,
    creators: Sequence[Creator],
    selection: str = "",
) -> bytes:
    """The running journal of ``entries``: as the public journal, but with the
    full title and every party's name (it is deposited, not published)."""
    return _journal(
        "loependeJournal", entries, start=start, end=end, creators=creators, selection=selection
    )


def _journal(name, entries, *, start, end, creators, selection) -> bytes:
    public = name == "offentligJournal"
    namespace = OFFENTLIG_JOURNAL_NS if public else LOEPENDE_JOURNAL_NS
    root = etree.Element(f"{{{namespace}}}{name}", nsmap={None: namespace})
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
        if not public:
            _sub(folder, "tittel", case_file.title)
        _sub(folder, "administrativEnhet", case_file.office.name)
        post = _sub(registration, "journalpost")
        _sub(post, "systemID", entry.system_id)
        _sub(post, "registreringsID", entry.entry_number)
        _sub(post, "journalaar", entry.journal_year)
        _sub(post, "journalsekvensnummer", entry.journal_sequence)
        _sub(post, "journalpostnummer", entry.number)
        if not public:
            _sub(post, "tittel", entry.title)
        _sub(post, "offentligTittel", entry.public_title)
        screened = _screened_fields(entry)
        if screened:
            # One value only in the journals: the title if screened, else the names.
            _sub(post, "skjermingMetadata", screened[0])
        _sub(post, "journaldato", _when(entry.journal_date))
        _sub(post, "administrativEnhet", case_file.office.name)
        if entry.legal_basis:
            if not public:
                _sub(post, "tilgangsrestriksjon", access_restriction(entry))
            _sub(post, "skjermingshjemmel", entry.legal_basis)
        for party in entry.parties.all():
            element = _sub(post, "korrespondansepart")
            _sub(element, "korrespondanseparttype", NOARK_PARTY_ROLE[party.role])
            _sub(
                element,
                "korrespondansepartNavn",
                public_party_name(party) if public else party.name,
            )
            if party.exempt and not public:
                _sub(element, "skjermingMetadata", party_screening(party))
    return ensure_valid(_serialise(root), name)


def access_restriction(entry) -> str:
    """The tilgangsrestriksjon code-list value for the entry's screening ground."""
    return ACCESS_RESTRICTION.get(entry.screening_ground, DEFAULT_ACCESS_RESTRICTION)


def party_screening(party) -> str:
    return SCREENED_SENDER if party.role == PartyRole.SENDER else SCREENED_RECIPIENT


def _screened_fields(entry) -> list[str]:
    """Noark's skjermingMetadata values: which fields are withheld."""
    fields = []
    if entry.public_title != entry.title:
        fields.append(SCREENED_TITLE)
    for party in entry.parties.all():
        if party.exempt and party_screening(party) not in fields:
            fields.append(party_screening(party))
    return fields


# --- arkivstruktur ---------------------------------------------------------


def document_path(document) -> str:
    """Where the file of ``document`` lies in the deposit package."""
    return f"DOKUMENT/{document.system_id}.{document.format.lower()}"


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
    dokumentobjekt for ``case_files`` (closed ones, with entries, parties and
    documents prefetched), every document referenced by ``document_path``.

    Raises ValueError for an open case file: it has no closing date yet.
    """
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
    if case_file.status != CaseFileStatus.CLOSED or case_file.closed_at is None:
        raise ValueError(f"Case {case_file.case_number} is not closed.")
    _sub(folder, "avsluttetDato", _when(case_file.closed_at))
    _sub(folder, "avsluttetAv", _user(case_file.closed_by))
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
    if entry.legal_basis and (screened or entry.exempt):
        shielding = _sub(post, "skjerming")
        _sub(shielding, "tilgangsrestriksjon", access_restriction(entry))
        _sub(shielding, "skjermingshjemmel", entry.legal_basis)
        # The schema requires at least one; a withheld document with nothing
        # else screened keeps its title, which is what the value says.
        for field in screened or ["Skjerming tittel dokumentbeskrivelse"]:
            _sub(shielding, "skjermingMetadata", field)
        if entry.exempt:
            _sub(shielding, "skjermingDokument", SCREENED_DOCUMENT)
    for document in entry.documents.all():
        description = _sub(post, "dokumentbeskrivelse")
        _sub(description, "systemID", derived_id("dokumentbeskrivelse", document.system_id))
        # The code list has no value for a note; every document is a letter there.
        _sub(description, "dokumenttype", "Brev")
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


# --- endringslogg ----------------------------------------------------------


# The schema requires a value on both sides of a change; a field that had none
# (no legal basis before the first screening) is written as this.
NO_VALUE = "[ingen verdi]"


def endringslogg(changes: Sequence, *, user_names: dict) -> bytes:
    """The change log of archival metadata: one ``endring`` per MetadataChange
    (``user_names`` maps a user id to the name written as endretAv). The
    schema requires at least one change."""
    root = etree.Element(f"{{{ENDRINGSLOGG_NS}}}endringslogg", nsmap={None: ENDRINGSLOGG_NS})
    for change in changes:
        element = _sub(root, "endring")
        _sub(element, "referanseArkivenhet", change.unit_system_id)
        _sub(element, "referanseMetadata", change.field)
        _sub(element, "endretDato", _when(change.changed_at))
        _sub(element, "endretAv", user_names.get(change.changed_by_id, SYSTEM))
        _sub(element, "tidligereVerdi", change.before or NO_VALUE)
        _sub(element, "nyVerdi", change.after or NO_VALUE)
    return ensure_valid(_serialise(root), "endringslogg")


# --- arkivuttrekk (ADDML) --------------------------------------------------


@dataclass(frozen=True)
class PackageFile:
    """A file the package description lists, with its SHA-256 checksum."""

    name: str
    sha256: str
    kind: str  # "XML" or "XSD"


def _property(parent, name: str, value=None):
    element = etree.SubElement(parent, f"{{{ADDML_NS}}}property", name=name)
    if value is not None:
        etree.SubElement(element, f"{{{ADDML_NS}}}value").text = str(value)
    return element


def _properties(parent):
    return etree.SubElement(parent, f"{{{ADDML_NS}}}properties")


def _additional(parent, name: str, value=None):
    element = etree.SubElement(parent, f"{{{ADDML_NS}}}additionalElement", name=name)
    if value is not None:
        etree.SubElement(element, f"{{{ADDML_NS}}}value").text = str(value)
    return element


def arkivuttrekk(
    *,
    extract: Extract,
    files: Sequence[PackageFile],
    folders: int,
    registrations: int,
    document_files: int,
) -> bytes:
    """The package description, ADDML 8.3 in Arkivverket's Noark 5 profile:
    the creator, system and period in ``reference``; one dataObject per XML
    file and schema with its SHA-256 checksum; the counts of mapper,
    registreringer and dokumentfiler on the arkivstruktur object."""
    root = etree.Element(f"{{{ADDML_NS}}}addml", nsmap={None: ADDML_NS})
    dataset = etree.SubElement(root, f"{{{ADDML_NS}}}dataset")
    etree.SubElement(dataset, f"{{{ADDML_NS}}}description").text = extract.description
    reference = etree.SubElement(dataset, f"{{{ADDML_NS}}}reference")
    context = etree.SubElement(reference, f"{{{ADDML_NS}}}context")
    elements = etree.SubElement(context, f"{{{ADDML_NS}}}additionalElements")
    creators = _additional(elements, "recordCreators")
    creator_list = etree.SubElement(creators, f"{{{ADDML_NS}}}additionalElements")
    for creator in extract.creators:
        element = _additional(creator_list, "recordCreator")
        details = etree.SubElement(element, f"{{{ADDML_NS}}}additionalElements")
        _additional(details, "identifier", creator.identifier)
        _additional(details, "name", creator.name)
    _additional(elements, "systemType", "Noark5")
    _additional(elements, "systemName", SYSTEM)
    _additional(elements, "deliveryType", "Arkivuttrekk")
    _additional(elements, "createdBy", extract.made_by)
    _additional(elements, "createdDate", _when(extract.made_at))
    content = etree.SubElement(reference, f"{{{ADDML_NS}}}content")
    content_elements = etree.SubElement(content, f"{{{ADDML_NS}}}additionalElements")
    _additional(content_elements, "archivalDataDescription", extract.title)
    period = _additional(content_elements, "archivalPeriod")
    dates = _properties(period)
    _property(dates, "startDate", _when(extract.period_start) if extract.period_start else "")
    _property(dates, "endDate", _when(extract.period_end) if extract.period_end else "")

    objects = etree.SubElement(dataset, f"{{{ADDML_NS}}}dataObjects")
    package = etree.SubElement(objects, f"{{{ADDML_NS}}}dataObject", name="Noark 5 arkivuttrekk")
    inner = etree.SubElement(package, f"{{{ADDML_NS}}}dataObjects")
    for file in files:
        item = etree.SubElement(
            inner, f"{{{ADDML_NS}}}dataObject", name=file.name.rsplit(".", 1)[0]
        )
        properties = _properties(item)
        described = _property(properties, "file")
        details = _properties(described)
        _property(details, "name", file.name)
        _property(details, "format", file.kind)
        checksum = _property(details, "checksum")
        checksum_details = _properties(checksum)
        _property(checksum_details, "algorithm", "SHA256")
        _property(checksum_details, "value", file.sha256)
        if file.name == "arkivstruktur.xml":
            info = _property(properties, "info")
            occurrences = _property(_properties(info), "numberOfOccurrences")
            counts = _properties(occurrences)
            for name, count in (
                ("mapper", folders),
                ("registreringer", registrations),
                ("dokumentfiler", document_files),
            ):
                _property(counts, name, count).set("dataType", "integer")
    return ensure_valid(_serialise(root), "addml")

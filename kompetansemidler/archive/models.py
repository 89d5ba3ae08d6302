"""The journal and archive: case files (saksmapper), registry entries
(journalposter) and their documents, in the Noark 5 sense.

This layer knows nothing of the apps that journal into it: a case file points
at the object it concerns through a generic relation, and the calling app
decides the titles, parties and exemption. Entries are written through
``services.registry_entry_record`` only.
"""

import uuid

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _

from kompetansemidler.registry.models import GovernorOffice
from kompetansemidler.schemes.models import Round


class NumberCounter(models.Model):  # noqa: DJ008 - never shown to anyone
    """The last number handed out per office, year and series.

    Numbers come from this row, locked with select_for_update, rather than
    from ``max() + 1``: two caseworkers journalling at the same moment would
    otherwise both read the same maximum and get the same number.
    """

    CASE = "case"
    ENTRY = "entry"
    SERIES = [(CASE, "case"), (ENTRY, "entry")]

    office = models.ForeignKey(GovernorOffice, on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField()
    series = models.CharField(max_length=10, choices=SERIES)
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["office", "year", "series"], name="archive_counter_unique"
            ),
        ]


class CaseFileStatus(models.TextChoices):
    # Noark 5 saksstatus values, written as they stand in the extract.
    OPEN = "B", _("Under processing")
    CLOSED = "A", _("Closed")


NOARK_CASE_STATUS = {"B": "Under behandling", "A": "Avsluttet"}


class CaseFile(models.Model):
    """A saksmappe: one per object (an adopted recommendation, a decision…),
    numbered ``year/sequence`` per office."""

    system_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    office = models.ForeignKey(
        GovernorOffice,
        on_delete=models.PROTECT,
        related_name="case_files",
        verbose_name=_("office"),
    )
    year = models.PositiveSmallIntegerField(_("case year"))
    sequence_number = models.PositiveIntegerField(_("sequence number"))
    title = models.CharField(_("title"), max_length=300)
    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    object_id = models.CharField(max_length=64)
    subject = GenericForeignKey("content_type", "object_id")
    # The round the case belongs to, set by the caller; the archive package
    # of a round is made of the case files that name it.
    round = models.ForeignKey(
        Round,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="case_files",
        verbose_name=_("round"),
    )
    status = models.CharField(
        _("status"),
        max_length=1,
        choices=CaseFileStatus.choices,
        default=CaseFileStatus.OPEN,
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    # Set when the case is closed (saksstatus Avsluttet), never before: the
    # deposit package carries this date as the folder's avsluttetDato.
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        ordering = ["-year", "-sequence_number"]
        verbose_name = _("case file")
        verbose_name_plural = _("case files")
        constraints = [
            models.UniqueConstraint(
                fields=["office", "year", "sequence_number"],
                name="archive_case_number_unique",
            ),
            models.UniqueConstraint(
                fields=["content_type", "object_id"], name="archive_case_per_object"
            ),
        ]

    def __str__(self):
        return f"{self.case_number} {self.title}"

    @property
    def case_number(self) -> str:
        return f"{self.year}/{self.sequence_number}"


class EntryType(models.TextChoices):
    # Noark 5 journalposttype codes (metadatakatalog M082).
    INCOMING = "I", _("Incoming")
    OUTGOING = "U", _("Outgoing")
    INTERNAL = "N", _("Internal document for follow-up")
    INTERNAL_NO_FOLLOW_UP = "X", _("Internal document without follow-up")


# The code-list values (Kodenavn) the Noark 5 XML carries for each code.
NOARK_ENTRY_TYPE = {
    "I": "Inngående dokument",
    "U": "Utgående dokument",
    "N": "Organinternt dokument for oppfølging",
    "X": "Organinternt dokument uten oppfølging",
}


class ScreeningGround(models.TextChoices):
    """The legal grounds a caseworker may give for exempting an entry or a name
    from public access (offentleglova), as the public journal shows them."""

    PERSONAL = (
        "offl13-fvl13",
        _("Offl. § 13 jf. fvl. § 13 first paragraph no. 1 (personal circumstances)"),
    )
    BUSINESS = (
        "offl13-fvl13-2",
        _("Offl. § 13 jf. fvl. § 13 first paragraph no. 2 (business secrets)"),
    )
    INTERNAL = "offl14", _("Offl. § 14 (internal document)")
    ADVICE = "offl15", _("Offl. § 15 (obtained for internal preparation)")
    NEGOTIATION = "offl23", _("Offl. § 23 first paragraph (negotiating position)")
    CONTROL = "offl24", _("Offl. § 24 first paragraph (control and regulation)")
    PERSONNEL = "offl25", _("Offl. § 25 (personnel matters)")


# The legal basis as written in the journal and the Noark 5 skjermingshjemmel.
SCREENING_BASIS = {
    "offl13-fvl13": "Offl. § 13 jf. fvl. § 13 første ledd nr. 1",
    "offl13-fvl13-2": "Offl. § 13 jf. fvl. § 13 første ledd nr. 2",
    "offl14": "Offl. § 14",
    "offl15": "Offl. § 15",
    "offl23": "Offl. § 23 første ledd",
    "offl24": "Offl. § 24 første ledd",
    "offl25": "Offl. § 25",
}


class RegistryEntry(models.Model):
    """A journalpost: one document sent, received or written in a case."""

    system_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    case_file = models.ForeignKey(
        CaseFile,
        on_delete=models.PROTECT,
        related_name="entries",
        verbose_name=_("case file"),
    )
    # Number within the case: 2026/123-4 is the fourth entry of case 2026/123.
    number = models.PositiveIntegerField(_("entry number"))
    journal_year = models.PositiveSmallIntegerField(_("journal year"))
    # Running number per office and journal year (journalsekvensnummer).
    journal_sequence = models.PositiveIntegerField(_("journal sequence number"))
    journal_date = models.DateField(_("journal date"), db_index=True)
    entry_type = models.CharField(_("entry type"), max_length=1, choices=EntryType.choices)
    title = models.CharField(_("title"), max_length=300)
    public_title = models.CharField(_("public title"), max_length=300)
    exempt = models.BooleanField(_("exempt from public access"), default=False)
    legal_basis = models.CharField(_("legal basis"), max_length=200, blank=True)
    # The ground chosen from ScreeningGround when a caseworker screened the
    # entry; empty for an entry journalled with a free legal basis.
    screening_ground = models.CharField(
        _("screening ground"), max_length=20, choices=ScreeningGround.choices, blank=True
    )
    # The caseworker's decision that the document may be downloaded from the
    # public journal; never allowed for exempt entries.
    published = models.BooleanField(_("document published"), default=False)
    created_at = models.DateTimeField(_("registered"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        ordering = ["-journal_date", "-journal_sequence"]
        verbose_name = _("registry entry")
        verbose_name_plural = _("registry entries")
        constraints = [
            models.UniqueConstraint(
                fields=["case_file", "number"], name="archive_entry_number_unique"
            ),
            models.CheckConstraint(
                condition=~models.Q(exempt=True, published=True),
                name="archive_exempt_not_published",
            ),
        ]

    def __str__(self):
        return f"{self.entry_number} {self.public_title}"

    @property
    def entry_number(self) -> str:
        return f"{self.case_file.case_number}-{self.number}"

    @property
    def document_public(self) -> bool:
        return self.published and not self.exempt


class PartyRole(models.TextChoices):
    SENDER = "sender", _("Sender")
    RECIPIENT = "recipient", _("Recipient")
    COPY = "copy", _("Copy recipient")


# Noark 5 korrespondanseparttype.
NOARK_PARTY_ROLE = {"sender": "Avsender", "recipient": "Mottaker", "copy": "Kopimottaker"}


class Party(models.Model):
    """A sender or recipient of an entry. A party whose name is exempt (a
    private person, say) is shown in the public journal as ``**`` with the
    entry's legal basis."""

    entry = models.ForeignKey(RegistryEntry, on_delete=models.CASCADE, related_name="parties")
    role = models.CharField(_("role"), max_length=10, choices=PartyRole.choices)
    name = models.CharField(_("name"), max_length=200)
    organisation_number = models.CharField(_("organisation number"), max_length=9, blank=True)
    exempt = models.BooleanField(_("name exempt"), default=False)

    class Meta:
        ordering = ["id"]
        verbose_name = _("party")
        verbose_name_plural = _("parties")

    def __str__(self):
        return self.name


def document_path(document, filename: str) -> str:
    return f"archive/{document.entry.journal_year}/{document.entry.system_id}/{filename}"


class Document(models.Model):
    """A stored file of an entry, with the checksum the archive extract carries."""

    entry = models.ForeignKey(RegistryEntry, on_delete=models.CASCADE, related_name="documents")
    number = models.PositiveSmallIntegerField(_("document number"), default=1)
    system_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    title = models.CharField(_("title"), max_length=300)
    file = models.FileField(_("file"), upload_to=document_path, max_length=300)
    file_name = models.CharField(_("file name"), max_length=200)
    format = models.CharField(_("format"), max_length=20)
    mime_type = models.CharField(max_length=100)
    sha256 = models.CharField(_("SHA-256 checksum"), max_length=64)
    size = models.PositiveBigIntegerField(_("size in bytes"))
    created_at = models.DateTimeField(_("registered"), auto_now_add=True)

    class Meta:
        ordering = ["number"]
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        constraints = [
            models.UniqueConstraint(
                fields=["entry", "number"], name="archive_document_number_unique"
            ),
        ]

    def __str__(self):
        return self.title


class MetadataChange(models.Model):
    """A change to archival metadata after registration (a screening, a case
    closed): what the deposit package's endringslogg.xml lists. Ordinary case
    events stay in the history app."""

    # The systemID of the case file or entry that changed (referanseArkivenhet).
    unit_system_id = models.UUIDField(db_index=True)
    office = models.ForeignKey(GovernorOffice, on_delete=models.PROTECT, related_name="+")
    # The Noark 5 metadata name (referanseMetadata), e.g. "offentligTittel".
    field = models.CharField(max_length=60)
    before = models.CharField(max_length=300, blank=True)
    after = models.CharField(max_length=300, blank=True)
    changed_at = models.DateTimeField(auto_now_add=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        ordering = ["changed_at", "pk"]
        verbose_name = _("metadata change")
        verbose_name_plural = _("metadata changes")

    def __str__(self):
        return f"{self.unit_system_id} {self.field}"

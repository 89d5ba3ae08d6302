"""Demo journal: every recommendation a forum has sent to the state
administrator is journalled as an incoming document with its PDF (as it is
sent, through the archive's transition effects; here for a demo built before
that), and its case is closed once read; an enquiry from a private person is
journalled and screened (her name and the words about her child), so the
public journal shows one screened entry and the deposit package holds a
closed case.

Idempotent. The decisions app journals its own letters (it comes after this app).
"""

from django.contrib.contenttypes.models import ContentType
from django.template.loader import render_to_string

from kompetansemidler.core.pdf import html_to_pdf
from kompetansemidler.demo.cast import make_cast
from kompetansemidler.recommendations.models import Recommendation, RecommendationState

from .journalling import recommendation_received
from .models import CaseFile, CaseFileStatus, EntryType, RegistryEntry, ScreeningGround
from .services import Party, case_file_close, document_journal, registry_entry_screen

ENQUIRY_NAME = "Kari Nordmann"
ENQUIRY_TITLE = (
    f"Spørsmål fra {ENQUIRY_NAME} om tilrettelegging for sønnen i barnehagen – Kompetanseløftet"
)


def _journal_enquiry(cast, case_file: CaseFile) -> None:
    """An incoming letter from a private person, screened on personal grounds."""
    entry = document_journal(
        obj=case_file.subject,
        office=case_file.office,
        case_title=case_file.title,
        actor=cast.caseworker,
        entry_type=EntryType.INCOMING,
        title=ENQUIRY_TITLE,
        parties=[Party(name=ENQUIRY_NAME, role="sender")],
        document_bytes=_enquiry_pdf(),
        document_name="henvendelse.pdf",
        document_title="Henvendelse",
    )
    registry_entry_screen(
        entry=entry,
        actor=cast.caseworker,
        ground=ScreeningGround.PERSONAL,
        words=[ENQUIRY_NAME, "tilrettelegging for sønnen"],
        exempt_document=True,
        exempt_party_ids=[party.pk for party in entry.parties.all()],
    )


def _enquiry_pdf() -> bytes:
    return html_to_pdf(
        render_to_string(
            "archive/demo_enquiry.html", {"name": ENQUIRY_NAME, "title": ENQUIRY_TITLE}
        )
    )


def build() -> str:
    cast = make_cast()
    journalled = set(
        CaseFile.objects.filter(
            content_type=ContentType.objects.get_for_model(Recommendation),
        ).values_list("object_id", flat=True)
    )
    made = 0
    sent = list(
        Recommendation.objects.filter(state=RecommendationState.SENT)
        .select_related("round__office", "round__scheme", "forum")
        .order_by("pk")
    )
    for recommendation in sent:
        if str(recommendation.pk) not in journalled:
            recommendation_received(cast.caseworker, recommendation)
            made += 1
    if sent:
        case_file = CaseFile.objects.get(
            content_type=ContentType.objects.get_for_model(Recommendation),
            object_id=str(sent[0].pk),
        )
        if not RegistryEntry.objects.filter(title=ENQUIRY_TITLE).exists():
            _journal_enquiry(cast, case_file)
            made += 1
        if case_file.status == CaseFileStatus.OPEN:
            case_file_close(case_file=case_file, actor=cast.caseworker)
    return f"Journal: {made} new entries; {RegistryEntry.objects.count()} in all."

"""Demo journal: every recommendation a forum has sent to the state
administrator is journalled as an incoming document with its PDF.

Idempotent: a recommendation that already has a case file is left alone.
The decisions app journals its own letters (it comes after this app).
"""

from django.contrib.contenttypes.models import ContentType

from kompetansemidler.demo.cast import make_cast
from kompetansemidler.recommendations.exports import recommendation_pdf
from kompetansemidler.recommendations.models import Recommendation, RecommendationState
from kompetansemidler.recommendations.selectors import lines_for

from .models import CaseFile, EntryType, RegistryEntry
from .services import Party, document_journal


def _journal_recommendation(cast, recommendation) -> None:
    round_ = recommendation.round
    forum = recommendation.forum
    lines = list(
        lines_for(recommendation).prefetch_related("measure__report__units", "basis_report__units")
    )
    document_journal(
        obj=recommendation,
        office=round_.office,
        round=round_,
        actor=cast.caseworker,
        case_title=f"Innstilling {round_} – {forum.name}",
        entry_type=EntryType.INCOMING,
        title=f"Innstilling fra {forum.name} – {round_}",
        parties=[Party(name=forum.name, role="sender")],
        document_bytes=recommendation_pdf(recommendation, lines),
        document_name=f"innstilling-{round_.scheme.code}-{round_.year}.pdf",
        document_title=f"Innstilling {round_}",
        published=True,
    )


def build() -> str:
    cast = make_cast()
    journalled = set(
        CaseFile.objects.filter(
            content_type=ContentType.objects.get_for_model(Recommendation),
        ).values_list("object_id", flat=True)
    )
    made = 0
    for recommendation in (
        Recommendation.objects.filter(state=RecommendationState.SENT)
        .select_related("round__office", "round__scheme", "forum")
        .order_by("pk")
    ):
        if str(recommendation.pk) not in journalled:
            _journal_recommendation(cast, recommendation)
            made += 1
    return f"Journal: {made} new entries; {RegistryEntry.objects.count()} in all."

"""Journalling the documents of the apps below the archive as they happen: a
needs report as it is received (I) and the recommendation the forum sends,
with its PDF (I). They run as ``transition_effects`` in the transaction of
the transition, so a failed journalling undoes the submission.

The apps above the archive (decisions, reporting) call ``document_journal``
from their own services.
"""

from kompetansemidler.recommendations.exports import recommendation_pdf
from kompetansemidler.recommendations.selectors import lines_for

from .models import EntryType, RegistryEntry
from .services import Party, document_journal


def needs_report_received(actor, report) -> RegistryEntry:
    """A submitted needs report, in the case file of the report. The report
    is data in the system, not a file, so the entry has no document."""
    round_ = report.round
    author = report.author
    return document_journal(
        obj=report,
        office=round_.office,
        round=round_,
        actor=actor,
        case_title=f"Behovsmelding {round_} – {author.name}",
        entry_type=EntryType.INCOMING,
        title=f"Behovsmelding fra {author.name} – {round_}",
        parties=[
            Party(
                name=author.name,
                organisation_number=getattr(author, "organisation_number", "") or "",
                role="sender",
            )
        ],
        document_bytes=None,
        document_name="",
        document_title="",
    )


def recommendation_received(actor, recommendation) -> RegistryEntry:
    """The recommendation the forum sent, with its PDF, in its own case file."""
    round_ = recommendation.round
    forum = recommendation.forum
    lines = list(
        lines_for(recommendation).prefetch_related("measure__report__units", "basis_report__units")
    )
    return document_journal(
        obj=recommendation,
        office=round_.office,
        round=round_,
        actor=actor,
        case_title=f"Innstilling {round_} – {forum.name}",
        entry_type=EntryType.INCOMING,
        title=f"Innstilling fra {forum.name} – {round_}",
        parties=[Party(name=forum.name, role="sender")],
        document_bytes=recommendation_pdf(recommendation, lines),
        document_name=f"innstilling-{round_.scheme.code}-{round_.year}.pdf",
        document_title=f"Innstilling {round_}",
        published=True,
    )

"""Recommendation data for tests: idempotent, built on the cast and the needs objects.

``bergen_accepted`` is Bergen's accepted needs report in a Vestland round, with staff,
leaders, a UH dialogue and Sámi perspectives, and measures at the amounts given.
``draft_recommendation`` and ``adopted_recommendation`` are Samarbeidsforum
Vestland's, for Rekom 2026 and Dekom 2026; ``recommendation_with_lines`` is a
draft with as many lines as asked for, line i at 10 000 + i kroner.
"""

from decimal import Decimal

from kompetansemidler.needs.models import NeedsReport, ProposedMeasure, ReportState
from kompetansemidler.recommendations.models import Recommendation, RecommendationState
from kompetansemidler.recommendations.services import recommendation_create
from tests.needs.objects import vestland_round

ASSESSED = {
    "staff_involvement": "Alle tilsette svarte på kartlegginga.",
    "leader_involvement": "Styrarane prioriterte i leiarmøte.",
    "uh_dialogue": "Tre møte med HVL.",
    "sami_perspectives": "Samiske forteljingar i planane.",
}


def bergen_accepted(
    cast,
    scheme="rekom",
    measures=(
        ("Språkløft", 1_000_000, "general"),
        ("Grunnkompetanse", 300_000, "basic_competence"),
    ),
):
    round_ = vestland_round(cast, scheme)
    report, created = NeedsReport.objects.get_or_create(
        round=round_, owner=cast.owner, defaults={**ASSESSED, "state": ReportState.ACCEPTED}
    )
    if created:
        report.uh_partners.set([cast.uh])
        report.units.set([cast.unit])
        for position, (title, amount, category) in enumerate(measures):
            ProposedMeasure.objects.create(
                report=report,
                position=position,
                title=title,
                category=category,
                amount_year1=Decimal(amount),
                amount_year2=Decimal(amount) / 2,
                co_financing=Decimal(amount) * Decimal("0.3"),
            )
    return report


def draft_recommendation(cast, name="Utkast 1") -> Recommendation:
    report = bergen_accepted(cast)
    existing = Recommendation.objects.filter(
        round=report.round, forum=cast.forum, name=name
    ).first()
    return existing or recommendation_create(
        actor=cast.forum_member, round=report.round, forum=cast.forum, name=name
    )


def adopted_recommendation(cast) -> Recommendation:
    report = bergen_accepted(cast, "dekom", measures=(("Lesing i alle fag", 900_000, "general"),))
    existing = Recommendation.objects.filter(round=report.round, forum=cast.forum).first()
    recommendation = existing or recommendation_create(
        actor=cast.forum_member, round=report.round, forum=cast.forum, name="Vedteken"
    )
    Recommendation.objects.filter(pk=recommendation.pk).update(state=RecommendationState.ADOPTED)
    recommendation.refresh_from_db()
    return recommendation


def recommendation_with_lines(cast, count, scheme="rekom") -> Recommendation:
    report = bergen_accepted(cast, scheme, measures=())
    ProposedMeasure.objects.bulk_create(
        ProposedMeasure(
            report=report, position=i, title=f"Tiltak {i}", amount_year1=Decimal(10_000 + i)
        )
        for i in range(count)
    )
    return recommendation_create(
        actor=cast.forum_member, round=report.round, forum=cast.forum, name=f"{count} linjer"
    )

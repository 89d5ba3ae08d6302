"""Demo recommendations of Samarbeidsforum Vestland: a draft for Rekom 2026 with
findings left to fix, and Kompetanseløftet 2025 adopted by consensus and sent
to the state administrator.

Made through the same services the forum uses, so each has its history.
Idempotent: a round that already has a recommendation from the forum is left
as it is.
"""

from decimal import Decimal

from kompetansemidler.core.workflow import ServiceRefused
from kompetansemidler.demo.cast import make_cast
from kompetansemidler.needs.models import NeedsReport, ReportState
from kompetansemidler.schemes.models import Round

from .models import AdoptionMethod, Recommendation
from .selectors import lines_for
from .services import (
    recommendation_adopt,
    recommendation_create,
    recommendation_joint_measure_add,
    recommendation_send,
    recommendation_update,
)


def _round(cast, code, year):
    return Round.objects.filter(office=cast.vestland, scheme__code=code, year=year).first()


def _draft(cast, round_) -> bool:
    if round_ is None or Recommendation.objects.filter(round=round_, forum=cast.forum).exists():
        return False
    if not NeedsReport.objects.filter(round=round_, state=ReportState.ACCEPTED).exists():
        return False
    draft = recommendation_create(
        actor=cast.forum_member, round=round_, forum=cast.forum, name="Utkast til innstilling 2026"
    )
    bergen = NeedsReport.objects.filter(round=round_, owner=cast.owner).first()
    recommendation_joint_measure_add(
        actor=cast.caseworker,
        recommendation=draft,
        title="Fylkesdekkande samling for styrarar om språkmiljø",
        amount=Decimal(250_000),
        basis_report=bergen,
        partner=cast.uh,
    )
    draft.refresh_from_db()
    lines = list(lines_for(draft))
    # The first measure also funds a coordinator, but the forum has not yet recorded the
    # decision that anchors it: a finding for the forum to fix.
    changes = {lines[0].pk: {"amount_year1": Decimal(1_300_000), "is_coordinator": True}}
    recommendation_update(
        actor=cast.forum_member,
        recommendation=draft,
        lines=changes,
        lock_version=draft.lock_version,
    )
    return True


def _adopted(cast, round_) -> bool:
    if round_ is None or Recommendation.objects.filter(round=round_, forum=cast.forum).exists():
        return False
    try:
        recommendation = recommendation_create(
            actor=cast.caseworker, round=round_, forum=cast.forum, name="Innstilling 2025"
        )
    except ServiceRefused:
        return False
    lines = list(lines_for(recommendation))
    recommendation_update(
        actor=cast.caseworker,
        recommendation=recommendation,
        lock_version=1,
        lines={line.pk: {"justification": "Drøfta i forumsmøtet 12. mars 2025."} for line in lines},
    )
    recommendation.refresh_from_db()
    recommendation_adopt(
        actor=cast.caseworker,
        recommendation=recommendation,
        method=AdoptionMethod.CONSENSUS,
        note="Samrøystes vedteke i forumsmøtet 12. mars 2025.",
    )
    recommendation_send(actor=cast.caseworker, recommendation=recommendation)
    return True


def build() -> str:
    cast = make_cast()
    made = _draft(cast, _round(cast, "rekom", 2026))
    made += _adopted(cast, _round(cast, "kompetanseloftet", 2025))
    count = Recommendation.objects.filter(forum=cast.forum).count()
    return f"Recommendations: {made} new; Samarbeidsforum Vestland has {count}."

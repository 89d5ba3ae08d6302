"""Demo decisions: Samarbeidsforum Vestland's sent recommendation for
Kompetanseløftet 2025 gets one issued decision per recipient with its grant
letter in the recipient's målform, a payment on each, and an appeal from
Bergen. Fjordbarnehagar AS has chosen Nynorsk, so a letter to it is in Nynorsk.

Siri prepares the decisions and Anna, the office's approver, issues them (the
two-person check). Made through the same services the caseworker uses. Idempotent: a
recommendation that already has decisions is left as it is.

Bergen also has a three-year Dekom grant from 2025 (1 200 000, 1 000 000 and
800 000 kroner) with its own financing required per budget year; its later
years show as committed on the Dekom rounds of 2026 and 2027. The forum's
Dekom 2025 recommendation was sent before the product, so it is entered as
data and the decision made from it through the services.
"""

import datetime
from decimal import Decimal

from django.utils import timezone

from kompetansemidler.core.workflow import ServiceRefused
from kompetansemidler.demo.cast import make_approver, make_cast
from kompetansemidler.recommendations.models import (
    AdoptionMethod,
    RecipientKind,
    Recommendation,
    RecommendationLine,
    RecommendationState,
)
from kompetansemidler.registry.models import LanguageForm, Organisation
from kompetansemidler.schemes.models import Round

from .letters import letters_for_round
from .models import CHECKLIST, Decision
from .services import (
    appeal_register,
    decision_issue,
    decision_update,
    decisions_draft,
    payment_register,
)

DEKOM_YEARS = (Decimal(1_200_000), Decimal(1_000_000), Decimal(800_000))


def _dekom_three_years(cast, approver) -> int:
    """Bergen's three-year Dekom 2025 decision, with co-financing per budget year."""
    round_ = Round.objects.filter(office=cast.vestland, scheme__code="dekom", year=2025).first()
    if round_ is None or Recommendation.objects.filter(round=round_, forum=cast.forum).exists():
        return 0
    adopted = timezone.make_aware(datetime.datetime(2025, 3, 12, 12))
    recommendation = Recommendation.objects.create(
        round=round_,
        forum=cast.forum,
        name="Innstilling Dekom 2025",
        state=RecommendationState.SENT,
        adoption_method=AdoptionMethod.CONSENSUS,
        adoption_note="Samrøystes vedteke i forumsmøtet 12. mars 2025.",
        adopted_at=adopted,
        sent_at=adopted,
    )
    RecommendationLine.objects.create(
        recommendation=recommendation,
        rank=1,
        title="Lesing og skriving i alle fag (2025–2027)",
        recipient_kind=RecipientKind.OWNER,
        recipient_organisation=cast.owner,
        partner=cast.uh,
        amount_year1=DEKOM_YEARS[0],
        amount_year2=DEKOM_YEARS[1],
        amount_year3=DEKOM_YEARS[2],
        co_financing=Decimal(360_000),
    )
    [decision] = decisions_draft(actor=cast.caseworker, recommendation=recommendation)
    decision = decision_update(
        actor=cast.caseworker,
        decision=decision,
        amounts=DEKOM_YEARS,
        conditions="Bergen kommune finansierer minst 30 prosent av kvart års tilskot sjølv.",
        reasons="Tiltaket går over tre år og er forankra i den lokale kompetanseplanen.",
        justification="",
        checklist={key: True for key, _label in CHECKLIST},
    )
    decision_issue(actor=approver, decision=decision)
    letters_for_round.enqueue(round_id=round_.pk, actor_id=approver.pk)
    return 1


def build() -> str:
    cast = make_cast()
    approver = make_approver()
    try:
        dekom = _dekom_three_years(cast, approver)
    except ServiceRefused as refused:
        return f"Decisions: the Dekom 2025 decision was refused ({refused})."
    Organisation.objects.filter(pk=cast.other_owner.pk).update(language_form=LanguageForm.NYNORSK)
    recommendation = (
        Recommendation.objects.filter(forum=cast.forum, state=RecommendationState.SENT)
        .order_by("round__year")
        .first()
    )
    if recommendation is None or Decision.objects.filter(recommendation=recommendation).exists():
        return f"Decisions: none new; {Decision.objects.count()} in all."
    made = 0
    try:
        for decision in decisions_draft(actor=cast.caseworker, recommendation=recommendation):
            decision = decision_update(
                actor=cast.caseworker,
                decision=decision,
                amounts=decision.amounts,
                conditions="Midlane skal brukast i samsvar med den lokale kompetanseplanen.",
                reasons="Tiltaka svarer på behova i behovsmeldinga.",
                justification="",
                checklist={key: True for key, _label in CHECKLIST},
            )
            decision_issue(actor=approver, decision=decision)
            made += 1
    except ServiceRefused as refused:
        return f"Decisions: refused ({refused}); {made} issued."
    letters_for_round.enqueue(round_id=recommendation.round_id, actor_id=approver.pk)
    year = recommendation.round.year
    for decision in Decision.objects.filter(recommendation=recommendation):
        half = (decision.amount_year1 / 2).to_integral_value()
        if half > 0:
            payment_register(
                actor=cast.caseworker,
                decision=decision,
                paid_on=datetime.date(year, 6, 15),
                amount=Decimal(half),
                note="Første utbetaling",
            )
    bergen = Decision.objects.filter(
        recommendation=recommendation, recipient_organisation=cast.owner
    ).first()
    if bergen is not None:
        appeal_register(
            actor=cast.caseworker,
            decision=bergen,
            received_on=bergen.letters.first().created_at.date(),
            summary="Bergen kommune ber om høgare tilskot til språkløftet.",
        )
    return (
        f"Decisions: {made} issued with letters, payments and one appeal; "
        f"{dekom} three-year Dekom decision."
    )

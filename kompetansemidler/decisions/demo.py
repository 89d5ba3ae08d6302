"""Demo decisions: Samarbeidsforum Vestland's sent recommendation for
Kompetanseløftet 2025 gets one issued decision per recipient with its grant
letter in the recipient's målform, a payment on each, and an appeal from
Bergen. Fjordbarnehagar AS has chosen Nynorsk, so a letter to it is in Nynorsk.

Siri prepares the decisions and Anna, the office's approver, issues them (the
two-person check). Made through the same services the caseworker uses. Idempotent: a
recommendation that already has decisions is left as it is.
"""

import datetime
from decimal import Decimal

from django.utils import timezone

from kompetansemidler.core.workflow import ServiceRefused
from kompetansemidler.demo.cast import make_approver, make_cast
from kompetansemidler.recommendations.models import Recommendation, RecommendationState
from kompetansemidler.registry.models import LanguageForm, Organisation

from .letters import letters_for_round
from .models import CHECKLIST, Decision
from .services import (
    appeal_register,
    decision_issue,
    decision_update,
    decisions_draft,
    payment_register,
)


def build() -> str:
    cast = make_cast()
    approver = make_approver()
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
        # With a task worker (production) the letter may not be made yet.
        letter = bergen.letters.first()
        appeal_register(
            actor=cast.caseworker,
            decision=bergen,
            received_on=letter.created_at.date() if letter else timezone.localdate(),
            summary="Bergen kommune ber om høgare tilskot til språkløftet.",
        )
    return f"Decisions: {made} issued with letters, payments and one appeal."

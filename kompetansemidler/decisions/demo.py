"""Demo decisions: Samarbeidsforum Vestland's sent recommendation for
Kompetanseløftet 2025 gets one issued decision per recipient with its grant
letter in the recipient's målform, a payment on each, a request for
reconsideration from Bergen, a repayment claim on Bergen's grant past its due
date, and an appeal from Fjordbarnehagar AS sent on to Udir. Fjordbarnehagar AS
has chosen Nynorsk, so its letters are in Nynorsk.

Rekom 2027's facilitation set-aside is distributed to owners per participant:
Bergen's decision issued, Fjordbarnehagar's a draft for Anna to approve.

Siri prepares the decisions and payments and Anna, the office's approver,
issues and approves them (the two-person check); the last payment still waits
for Anna's approval, so it can be clicked through. Made through the same
services the caseworker uses. Idempotent: a recommendation that already has
decisions is left as it is.

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
from kompetansemidler.schemes.models import Round, SetAside

from .appeals import appeal_decide, appeal_register
from .letters import letters_for_round
from .models import CHECKLIST, GENERAL, AppealOutcome, Decision, RepaymentSource
from .payments import payment_approve, payment_register
from .receivables import claim_repayment
from .services import (
    _write_amounts,
    decision_issue,
    decision_update,
    decisions_draft,
    set_aside_decision_draft,
)

# Facilitation funds per participant in the demo's Rekom 2027 set-aside.
PER_PARTICIPANT = Decimal(40_000)


def _distribute_set_aside(cast, approver) -> str:
    """Bergen (24 participants) and Fjordbarnehagar AS (6) get facilitation funds
    from Vestland's Rekom 2027 set-aside; Bergen's decision is issued."""
    set_aside = (
        SetAside.objects.filter(
            round__office=cast.vestland,
            round__scheme__code="rekom",
            category="facilitation",
            withdrawn_at__isnull=True,
        )
        .select_related("round")
        .first()
    )
    if set_aside is None or set_aside.decisions.exists():
        return ""
    for owner, participants, issue in ((cast.owner, 24, True), (cast.other_owner, 6, False)):
        decision = set_aside_decision_draft(
            actor=cast.caseworker,
            set_aside=set_aside,
            organisation=owner,
            participants=participants,
            amount=PER_PARTICIPANT * participants,
        )
        decision = decision_update(
            actor=cast.caseworker,
            decision=decision,
            amounts=decision.amounts,
            conditions="Midlane skal dekkje vikarutgifter og reise for deltakarane.",
            reasons="Tilrettelegging for ABLU og masterstudium etter søknad frå eigaren.",
            justification="",
            checklist={key: True for key, _label in CHECKLIST},
        )
        if issue:
            decision_issue(actor=approver, decision=decision)
    letters_for_round.enqueue(round_id=set_aside.round_id, actor_id=approver.pk)
    return " The facilitation set-aside is distributed to two owners."


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
    distributed = _distribute_set_aside(cast, approver)
    recommendation = (
        Recommendation.objects.filter(forum=cast.forum, state=RecommendationState.SENT)
        .order_by("round__year")
        .first()
    )
    if recommendation is None or Decision.objects.filter(recommendation=recommendation).exists():
        return f"Decisions: none new; {Decision.objects.count()} in all.{distributed}"
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
        decision_issue(actor=approver, decision=_private_owner_draft(cast, recommendation))
        made += 1
    except ServiceRefused as refused:
        return f"Decisions: refused ({refused}); {made} issued."
    letters_for_round.enqueue(round_id=recommendation.round_id, actor_id=approver.pk)
    year = recommendation.round.year
    payments = []
    for decision in Decision.objects.filter(recommendation=recommendation).order_by("pk"):
        half = (decision.amount_year1 / 2).to_integral_value()
        if half > 0:
            payments.append(
                payment_register(
                    actor=cast.caseworker,
                    decision=decision,
                    paid_on=datetime.date(year, 6, 15),
                    amount=Decimal(half),
                    note="Første utbetaling",
                )
            )
    for payment in payments[:-1]:
        payment_approve(actor=approver, payment=payment)
    bergen = Decision.objects.filter(
        recommendation=recommendation, recipient_organisation=cast.owner
    ).first()
    if bergen is not None:
        # With a task worker (production) the letter may not be made yet.
        letter = bergen.letters.first()
        appeal_register(
            actor=cast.caseworker,
            decision=bergen,
            received_on=timezone.localdate(letter.created_at) if letter else timezone.localdate(),
            summary="Bergen kommune ber om høgare tilskot til språkløftet.",
        )
        today = timezone.localdate()
        claim_repayment(
            decision=bergen,
            amount=Decimal(25_000),
            reason="Eitt av tiltaka vart avslutta tidlegare enn planlagt; "
            "25 000 kr av det utbetalte tilskotet skal betalast tilbake.",
            source=RepaymentSource.CHANGE,
            due_on=today - datetime.timedelta(days=14),
            actor=cast.caseworker,
        )
    fjord = Decision.objects.filter(
        recommendation=recommendation, recipient_organisation=cast.other_owner
    ).first()
    if fjord is not None and fjord.has_appeal_right:
        _appeal_sent_on_to_udir(cast, fjord)
    return (
        f"Decisions: {made} issued with letters, payments (prepared and approved), "
        f"two appeals and one repayment claim; "
        f"{dekom} three-year Dekom decision.{distributed}"
    )


def _private_owner_draft(cast, recommendation) -> Decision:
    """A draft for Fjordbarnehagar AS, a private owner writing Nynorsk, beside the
    forum's lines (the recommendation has Bergen's only): its letter is the demo's
    Nynorsk letter, and as a private party it may appeal to Udir."""
    round_ = recommendation.round
    amount = Decimal(200_000)
    decision = Decision.objects.create(
        round=round_,
        recommendation=recommendation,
        recipient_kind=RecipientKind.OWNER,
        recipient_organisation=cast.other_owner,
        measures="Rettleiing for det spesialpedagogiske arbeidet i barnehagane",
        recommended_year1=amount,
        reporting_deadline=round_.annual_report_deadline,
        reasons="Tiltaket svarer på behova i behovsmeldinga.",
        checklist={key: True for key, _label in CHECKLIST},
        prepared_by=cast.caseworker,
    )
    _write_amounts(decision, {(round_.year, GENERAL): amount})
    return decision


def _appeal_sent_on_to_udir(cast, decision) -> None:
    """Fjordbarnehagar AS, a private owner with a right to appeal and letters in
    Nynorsk, appeals; Siri keeps the decision and sends the appeal on to Udir with
    the office's assessment, where Nora records Udir's outcome."""
    letter = decision.letters.first()
    appeal = appeal_register(
        actor=cast.caseworker,
        decision=decision,
        # With a task worker the letter may not be made yet: then it is received today.
        received_on=timezone.localdate(letter.created_at) if letter else timezone.localdate(),
        summary="Fjordbarnehagar AS meiner tilskotet er for lågt til å dekkje rettleiinga.",
    )
    appeal_decide(
        actor=cast.caseworker,
        appeal=appeal,
        outcome=AppealOutcome.SENT_ON,
        note="Beløpet følgjer innstillinga frå samarbeidsforumet og ramma for runden. "
        "Klaga gir ingen nye opplysningar om behova.",
    )

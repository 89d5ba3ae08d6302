"""Expected access to decisions.

The caseworkers of the round's office (Vestland) decide, pay and register
appeals; Udir reads; the recipient's representative (Bergen's owner
representative) reads its own issued decision and letter. Another office,
other owners and outsiders get 403.
"""

import datetime
from decimal import Decimal

from django.utils import timezone

from kompetansemidler.decisions.appeals import (
    appeal_decide,
    appeal_register,
    appeal_udir_decide,
    decision_decline,
)
from kompetansemidler.decisions.letters import letter_issue
from kompetansemidler.decisions.models import Appeal, AppealOutcome, RepaymentSource
from kompetansemidler.decisions.payments import payment_register
from kompetansemidler.decisions.receivables import claim_repayment
from kompetansemidler.registry.models import Organisation
from tests.decisions.objects import draft_decision, issued_decision

from . import Rule
from .schemes import _set_aside

DECIDER = frozenset({"caseworker"})
STAFF_READERS = frozenset({"caseworker", "udir"})
READERS = STAFF_READERS | {"owner_rep"}
USERS = frozenset(
    {
        "udir",
        "caseworker",
        "other_caseworker",
        "owner_rep",
        "other_owner_rep",
        "network_coordinator",
        "uh_rep",
    }
)


def _draft(cast):
    return {"pk": draft_decision(cast).pk}


def _issued(cast):
    return {"pk": issued_decision(cast).pk}


def _round(cast):
    return {"pk": draft_decision(cast).round_id}


def _letter(cast):
    decision = issued_decision(cast)
    letter = decision.letters.first() or letter_issue(actor=cast.caseworker, decision=decision)
    return {"pk": letter.pk}


def _appeal(cast):
    decision = issued_decision(cast)
    appeal = decision.appeals.first() or appeal_register(
        actor=cast.caseworker,
        decision=decision,
        received_on=timezone.localdate(),
        summary="Klage på beløpet",
    )
    return {"pk": decision.pk, "appeal_pk": appeal.pk}


def _sent_on(cast):
    """Bergen made a private owner (with a right to appeal), its appeal sent on to Udir."""
    Organisation.objects.filter(pk=cast.owner.pk).update(kind="private_owner")
    ids = _appeal(cast)
    appeal = Appeal.objects.get(pk=ids["appeal_pk"])
    if appeal.outcome == AppealOutcome.PENDING:
        appeal_decide(actor=cast.caseworker, appeal=appeal, outcome="sent_on", note="Vurdering")
    return ids


def _udir_decided(cast):
    ids = _sent_on(cast)
    appeal = Appeal.objects.get(pk=ids["appeal_pk"])
    if appeal.outcome == AppealOutcome.SENT_ON:
        appeal_udir_decide(actor=cast.udir, appeal=appeal, outcome="upheld", note="Stadfesta")
    return ids


def _notice(cast):
    decision = issued_decision(cast)
    if not decision.notices.exists():
        decision_decline(actor=cast.caseworker, decision=decision, reason="Treng det ikkje")
    return {"pk": decision.notices.first().pk}


def _prepared_payment(cast):
    decision = issued_decision(cast)
    payment = decision.payments.filter(state="prepared").first() or payment_register(
        actor=cast.caseworker,
        decision=decision,
        paid_on=datetime.date(2026, 6, 1),
        amount=Decimal(1000),
    )
    return {"pk": decision.pk, "payment_pk": payment.pk}


def _claim(cast):
    decision = issued_decision(cast)
    claim = decision.repayment_claims.first() or claim_repayment(
        decision=decision,
        amount=Decimal(1000),
        reason="Ubrukte midlar",
        source=RepaymentSource.ANNUAL_REPORT,
        due_on=datetime.date(2026, 9, 1),
        actor=cast.caseworker,
    )
    return {"pk": decision.pk, "claim_pk": claim.pk}


RULES = {
    "decisions:index": Rule(USERS),
    "decisions:export": Rule(USERS, kwargs=lambda cast: {"fmt": "csv"}),
    "decisions:round": Rule(STAFF_READERS, kwargs=_round),
    # A set-aside's decisions: read by Udir and the office, distributed by the office
    # (tests/decisions/test_set_aside_decisions.py posts as the other office).
    "decisions:set_aside": Rule(STAFF_READERS, kwargs=lambda cast: {"pk": _set_aside(cast)}),
    "decisions:round_draft": Rule(DECIDER, kwargs=_round, method="post"),
    "decisions:round_letters": Rule(DECIDER, kwargs=_round, method="post"),
    "decisions:round_letters_progress": Rule(STAFF_READERS, kwargs=_round),
    "decisions:round_letter_retry": Rule(
        DECIDER, kwargs=_round, method="post", data=lambda cast: {"decision": "1"}
    ),
    "decisions:round_approve": Rule(
        DECIDER,
        kwargs=_round,
        method="post",
        data=lambda cast: {"decision": [str(draft_decision(cast).pk)]},
    ),
    "decisions:payments_export": Rule(
        STAFF_READERS, kwargs=lambda cast: {**_round(cast), "fmt": "xlsx"}
    ),
    "decisions:detail": Rule(READERS, kwargs=_issued),
    "decisions:update": Rule(
        DECIDER,
        kwargs=_draft,
        method="post",
        data=lambda cast: {
            "d-amount_year1": "900000",
            "d-amount_year2": "450000",
            "d-amount_year3": "0",
        },
    ),
    "decisions:payment_add": Rule(
        DECIDER,
        kwargs=_issued,
        method="post",
        data=lambda cast: {"p-paid_on": "2026-06-01", "p-amount": "1000"},
    ),
    # Siri prepared it: her approval is refused by the two-person check (a redirect
    # with the reason), everyone outside the office is refused access.
    "decisions:payment_approve": Rule(DECIDER, kwargs=_prepared_payment, method="post"),
    "decisions:repayment_receive": Rule(
        DECIDER,
        kwargs=_claim,
        method="post",
        data=lambda cast: {
            f"r{_claim(cast)['claim_pk']}-received_on": timezone.localdate().isoformat(),
            f"r{_claim(cast)['claim_pk']}-received_amount": "1000",
        },
    ),
    "decisions:appeal_add": Rule(
        DECIDER,
        kwargs=_issued,
        method="post",
        data=lambda cast: {
            "a-received_on": timezone.localdate().isoformat(),
            "a-summary": "Klage",
        },
    ),
    "decisions:appeal_outcome": Rule(
        DECIDER,
        kwargs=_appeal,
        method="post",
        data=lambda cast: {"o-outcome": "upheld", "o-note": "Ingen nye opplysningar."},
    ),
    "decisions:unused_add": Rule(
        DECIDER,
        kwargs=_issued,
        method="post",
        data=lambda cast: {
            "u-unused": "1000",
            "u-repaid": "1000",
            "u-carried_over": "0",
            "u-reason": "Rapport",
        },
    ),
    "decisions:letter": Rule(READERS, kwargs=_letter),
    # Udir reads the appeals sent on from every office; a caseworker its office's.
    "decisions:appeals": Rule(STAFF_READERS | {"other_caseworker"}),
    "decisions:appeal_udir": Rule(
        frozenset({"udir"}),
        kwargs=_sent_on,
        method="post",
        data=lambda cast: {"ud-outcome": "upheld", "ud-note": "Vedtaket står ved lag."},
    ),
    "decisions:appeal_carry_out": Rule(DECIDER, kwargs=_udir_decided, method="post"),
    "decisions:reverse": Rule(
        DECIDER,
        kwargs=_issued,
        method="post",
        data=lambda cast: {
            "r-ground": "favour",
            "r-reason": "Nye opplysningar",
            "r-amount_year1": "910000",
        },
    ),
    # The recipient declines, or the office records it on its behalf.
    "decisions:decline": Rule(
        DECIDER | {"owner_rep"}, kwargs=_issued, method="post", data=lambda cast: {}
    ),
    "decisions:notice": Rule(READERS, kwargs=_notice),
}

RULES |= {
    "api:decisions_list": Rule(USERS),
    "api:decisions_detail": Rule(READERS, kwargs=_issued),
}

"""Expected access to decisions.

The caseworkers of the round's office (Vestland) decide, pay and register
appeals; Udir reads; the recipient's representative (Bergen's owner
representative) reads its own issued decision and letter. Another office,
other owners and outsiders get 403.
"""

import datetime

from kompetansemidler.decisions.letters import letter_issue
from kompetansemidler.decisions.services import appeal_register
from tests.decisions.objects import draft_decision, issued_decision

from . import Rule

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
        received_on=datetime.date(2026, 6, 1),
        summary="Klage på beløpet",
    )
    return {"pk": decision.pk, "appeal_pk": appeal.pk}


RULES = {
    "decisions:index": Rule(USERS),
    "decisions:export": Rule(USERS, kwargs=lambda cast: {"fmt": "csv"}),
    "decisions:round": Rule(STAFF_READERS, kwargs=_round),
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
    "decisions:appeal_add": Rule(
        DECIDER,
        kwargs=_issued,
        method="post",
        data=lambda cast: {"a-received_on": "2026-06-01", "a-summary": "Klage"},
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
}

RULES |= {
    "api:decisions_list": Rule(USERS),
    "api:decisions_detail": Rule(READERS, kwargs=_issued),
}

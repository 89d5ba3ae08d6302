"""Repayment claims as receivables (tilbakebetalingskrav): money a recipient must
pay back, with a due date, until it is received.

A claim is made when unused funds are ordered repaid (``services.unused_funds_decide``,
from the annual report) and by anyone else who orders money back through
``claim_repayment`` (an appeal, a changed decision). It is journalled as an
outgoing document in the decision's case file. An open claim past its due date
is a task for the office's caseworkers (``tasks.py``), until the receipt is
registered (``repayment_receive``).

Received money is returned to Udir, unless the rule set of the office's round of
the same scheme for the year the money arrives allows reusing repayments
(``repayments_reusable``): then it is reused in that round and adds to what the
round has available (``selectors.available_in_round``). Which of the two is
stored with the claim when it is received, so a later change of the rule set
does not move money already accounted for.
"""

import datetime
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kompetansemidler.archive.models import EntryType, PartyRole
from kompetansemidler.archive.services import Party, document_journal
from kompetansemidler.core.dates import business_date_problem
from kompetansemidler.core.money import kroner_problem
from kompetansemidler.core.workflow import ServiceRefused, locked
from kompetansemidler.history.services import event_record
from kompetansemidler.schemes.models import Round

from .models import (
    Decision,
    RepaymentClaim,
    RepaymentDisposition,
    RepaymentSource,
)
from .selectors import ISSUED

# The time a recipient has to pay back unused funds once ordered to.
DAYS_TO_REPAY = 30

REFUSED_CLAIM_NOT_ISSUED = _("Money can only be claimed back on an issued decision.")
REFUSED_CLAIM_MORE = _(
    "The claim cannot be more than the %(decided)s kroner decided, less the %(claimed)s "
    "kroner already claimed back."
)
REFUSED_CLAIM_SOURCE = _("“%(source)s” is not a reason a repayment can be claimed for.")
REFUSED_CLAIM_REASON = _("Say why the money is claimed back.")
REFUSED_RECEIVED = _("The repayment has already been registered as received.")
REFUSED_RECEIVED_AMOUNT = _(
    "The claim is for %(amount)s kroner: register the receipt when the whole amount has been "
    "received (%(received)s kroner was given)."
)
REFUSED_RECEIVED_BEFORE = _("The repayment cannot be received before the claim was made.")


def _event(decision, *, actor, kind, summary, after) -> None:
    event_record(
        actor=actor,
        kind=kind,
        obj=decision,
        summary=str(summary),
        after=after,
        office=decision.round.office,
        organisation=decision.recipient_organisation,
    )


def _date(value, field: str) -> datetime.date:
    problem = (
        business_date_problem(value) if isinstance(value, datetime.date) else str(_("Give a date."))
    )
    if problem:
        raise ServiceRefused("date", problem, field=field)
    return value


def _claimed(decision) -> Decimal:
    return sum((c.amount for c in decision.repayment_claims.all()), Decimal(0))


@transaction.atomic
def claim_repayment(
    *,
    decision,
    amount: Decimal,
    reason: str,
    source: str,
    due_on: datetime.date,
    actor,
    unused_funds=None,
) -> RepaymentClaim:
    """Claim ``amount`` back from the recipient of ``decision`` by ``due_on``.

    ``source`` is a ``RepaymentSource`` (an annual report's unused funds, an appeal,
    a change of decision). The claims on a decision never add up to more than it
    decided. Recorded in the decision's history and journalled as an outgoing
    document in its case file."""
    current = locked(decision, "round__office", "recipient_organisation")
    if current.state not in ISSUED:
        raise ServiceRefused("not_issued", REFUSED_CLAIM_NOT_ISSUED)
    if source not in RepaymentSource.values:
        raise ServiceRefused("source", REFUSED_CLAIM_SOURCE, {"source": source}, field="source")
    problem = kroner_problem(amount, min_value=Decimal(1))
    if problem:
        raise ServiceRefused("amount", problem, field="amount")
    amount = Decimal(amount)
    if not reason.strip():
        raise ServiceRefused("reason", REFUSED_CLAIM_REASON, field="reason")
    due_on = _date(due_on, "due_on")
    claimed = _claimed(current)
    if claimed + amount > current.total:
        raise ServiceRefused(
            "claim_more",
            REFUSED_CLAIM_MORE,
            {"decided": current.total, "claimed": claimed},
            field="amount",
        )
    claim = RepaymentClaim.objects.create(
        decision=current,
        amount=amount,
        reason=reason.strip(),
        source=source,
        due_on=due_on,
        unused_funds=unused_funds,
        created_by=actor,
    )
    _event(
        current,
        actor=actor,
        kind="decision.repayment_claimed",
        summary=_("%(amount)s kroner claimed back, due %(due)s")
        % {"amount": amount, "due": due_on.strftime("%d.%m.%Y")},
        after={
            "claim": claim.pk,
            "amount": str(amount),
            "source": source,
            "due_on": due_on.isoformat(),
        },
    )
    round_ = current.round
    organisation = current.recipient_organisation
    document_journal(
        obj=current,
        office=round_.office,
        round=round_,
        actor=actor,
        case_title=f"Tilskudd {round_} – {current.recipient_label}",
        entry_type=EntryType.OUTGOING,
        title=f"Krav om tilbakebetaling av {amount} kr fra {current.recipient_label}",
        parties=[
            Party(
                name=organisation.name,
                organisation_number=organisation.organisation_number,
                role=PartyRole.RECIPIENT,
            )
        ],
        document_bytes=None,
        document_name="",
        document_title="",
    )
    return claim


def reusing_round(decision: Decision, received_on: datetime.date) -> Round | None:
    """The office's round of the decision's scheme in the year the money is
    received, when its rule set lets repayments be reused there; else None
    (the money is returned to Udir)."""
    round_ = (
        Round.objects.filter(
            office=decision.round.office_id,
            scheme=decision.round.scheme_id,
            year=received_on.year,
        )
        .select_related("rule_set")
        .first()
    )
    if round_ is None or not round_.rule_set.params.repayments_reusable:
        return None
    return round_


@transaction.atomic
def repayment_receive(
    *, actor, claim, received_on: datetime.date, received_amount: Decimal
) -> RepaymentClaim:
    """Register that the claimed money was received, in full, on ``received_on``;
    it is returned to Udir or reused in the office's round (``reusing_round``)."""
    current = locked(claim, "decision__round__office", "decision__recipient_organisation")
    if not current.is_open:
        raise ServiceRefused("received", REFUSED_RECEIVED)
    received_on = _date(received_on, "received_on")
    if received_on < timezone.localdate(current.created_at):
        raise ServiceRefused("received_before", REFUSED_RECEIVED_BEFORE, field="received_on")
    if received_amount != current.amount:
        raise ServiceRefused(
            "received_amount",
            REFUSED_RECEIVED_AMOUNT,
            {"amount": current.amount, "received": received_amount},
            field="received_amount",
        )
    round_ = reusing_round(current.decision, received_on)
    current.received_on = received_on
    current.received_amount = received_amount
    current.received_by = actor
    current.reused_in_round = round_
    current.disposition = (
        RepaymentDisposition.REUSED if round_ is not None else RepaymentDisposition.RETURNED
    )
    current.save()
    _event(
        current.decision,
        actor=actor,
        kind="decision.repayment_received",
        summary=_("%(amount)s kroner received back: %(disposition)s")
        % {"amount": received_amount, "disposition": current.get_disposition_display()},
        after={
            "claim": current.pk,
            "received_on": received_on.isoformat(),
            "received_amount": str(received_amount),
            "disposition": current.disposition,
            "round": round_.pk if round_ is not None else None,
        },
    )
    return current


def default_due_date(today: datetime.date | None = None) -> datetime.date:
    """When unused funds ordered repaid are due: ``DAYS_TO_REPAY`` days from today."""
    return (today or timezone.localdate()) + datetime.timedelta(days=DAYS_TO_REPAY)

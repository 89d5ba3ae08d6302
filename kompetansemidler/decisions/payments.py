"""Payments (utbetalinger): prepared by one caseworker, approved by another.

A payment settles money of one budget year of an issued decision. The rules
(``rules.allocation.check_payment``) hold per budget year: the year's payments
never exceed what is decided for that year (``Decision.amount_for_budget_year``),
a later year's money is not paid before its year, and an earlier year's money
paid in a later year needs a reason. Every payment that is not paid yet
(prepared) already holds its year's money, so two prepared payments cannot
together pass the limit.

    prepared ──approve──▶ approved ──confirm──▶ confirmed

``payment_register`` prepares (attestasjon); ``payment_approve`` is the approval
(anvisning) by a caseworker with budget authority who did not prepare it, through
the one two-person check (``core.two_person``), the same as a decision's issue;
``payment_confirm`` records that the finance system paid it out. Approved and
confirmed payments are paid money (``models.PAID_STATES``). Each step is recorded
in the decision's history, so the case shows who prepared and who approved.
"""

import datetime
from decimal import Decimal

from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from kompetansemidler.accounts.policy import approver_office_ids
from kompetansemidler.core.two_person import two_person_check
from kompetansemidler.core.workflow import ServiceRefused, Transition, Workflow, locked
from kompetansemidler.rules.allocation import check_payment
from kompetansemidler.schemes.messages import as_refusal_findings

from .models import Payment, PaymentState
from .services import ISSUED, REFUSED_NOT_ISSUED, _event, _locked, _whole_kroner

REFUSED_PAYMENT_STATE = _("A payment in the state “%(state)s” cannot be %(action)s.")
REFUSED_PAYMENT_DATE = _(
    "A payment on this decision is dated between %(first)s and %(last)s: from its first "
    "budget year to the year after its last."
)

WORKFLOW = Workflow(
    refused=REFUSED_PAYMENT_STATE,
    transitions={
        "approve": Transition(
            (PaymentState.PREPARED,),
            PaymentState.APPROVED,
            "decision.payment_approved",
            pgettext_lazy("payment", "approved"),
        ),
        "confirm": Transition(
            (PaymentState.APPROVED,),
            PaymentState.CONFIRMED,
            "decision.payment_confirmed",
            _("confirmed as paid out"),
        ),
    },
)


def payment_dates(decision) -> tuple[datetime.date, datetime.date]:
    """The dates a payment on ``decision`` may carry: from 1 January of its first
    budget year (money is never paid before its year) to 31 December of the year
    after its last (a late instalment, with a reason)."""
    years = decision.budget_years
    return datetime.date(years[0], 1, 1), datetime.date(years[-1] + 1, 12, 31)


def _check_payment_date(decision, paid_on) -> None:
    first, last = payment_dates(decision)
    if not isinstance(paid_on, datetime.date) or not first <= paid_on <= last:
        raise ServiceRefused(
            "payment_date",
            REFUSED_PAYMENT_DATE,
            {"first": first.strftime("%d.%m.%Y"), "last": last.strftime("%d.%m.%Y")},
            field="paid_on",
        )


def held_for_budget_year(decision, budget_year: int, *, exclude=None) -> Decimal:
    """What the decision's payments already take of ``budget_year``'s money:
    every payment, prepared or paid."""
    rows = Payment.objects.filter(decision=decision, budget_year=budget_year)
    if exclude is not None:
        rows = rows.exclude(pk=exclude.pk)
    return rows.aggregate(total=Sum("amount"))["total"] or Decimal(0)


def _check_rules(decision, *, amount, budget_year, paid_on, late_reason, exclude=None) -> None:
    findings = check_payment(
        amount=amount,
        budget_year=budget_year,
        paying_year=paid_on.year,
        decided=decision.amount_for_budget_year(budget_year),
        paid_before=held_for_budget_year(decision, budget_year, exclude=exclude),
        late_reason=late_reason,
    )
    if findings:
        reasons = as_refusal_findings(findings)
        raise ServiceRefused("payment_rules", reasons[0].message, findings=reasons)


@transaction.atomic
def payment_register(
    *,
    actor,
    decision,
    paid_on: datetime.date,
    amount: Decimal,
    budget_year: int | None = None,
    note: str = "",
    late_reason: str = "",
) -> Payment:
    """Prepare one instalment of ``budget_year``'s money (default: the year of
    ``paid_on``), to be approved by another caseworker (``payment_approve``).

    Refused when the year's payments would pass its decided amount, when the
    year is later than the payment date's, and when an earlier year's money is
    paid late without ``late_reason``."""
    current = _locked(decision)
    if current.state not in ISSUED:
        raise ServiceRefused("not_issued", REFUSED_NOT_ISSUED)
    amount = _whole_kroner(amount)
    _check_payment_date(current, paid_on)
    budget_year = paid_on.year if budget_year is None else budget_year
    late_reason = late_reason.strip() if budget_year < paid_on.year else ""
    _check_rules(
        current, amount=amount, budget_year=budget_year, paid_on=paid_on, late_reason=late_reason
    )
    payment = Payment.objects.create(
        decision=current,
        paid_on=paid_on,
        budget_year=budget_year,
        amount=amount,
        note=note,
        late_reason=late_reason,
        prepared_by=actor,
    )
    _event(
        current,
        actor=actor,
        kind="decision.payment_registered",
        summary=_("Payment of %(amount)s kroner for %(year)s prepared")
        % {"amount": amount, "year": budget_year},
        after={
            "payment": payment.pk,
            "amount": str(amount),
            "paid_on": paid_on.isoformat(),
            "budget_year": budget_year,
            "late_reason": late_reason,
            "state": payment.state,
        },
    )
    return payment


def _transition(payment, name: str, *, actor, summary, **changes) -> Payment:
    """Move ``payment`` through ``name`` of the table and record the step in its
    decision's history (the case the caseworkers read), not the payment's own."""
    transition = WORKFLOW.check(payment, name)
    source = payment.state
    payment.state = transition.target
    for field, value in changes.items():
        setattr(payment, field, value)
    payment.save()
    _event(
        payment.decision,
        actor=actor,
        kind=transition.event,
        summary=summary,
        before={"payment": payment.pk, "state": source},
        after={"payment": payment.pk, "state": payment.state},
    )
    return payment


@transaction.atomic
def payment_approve(*, actor, payment) -> Payment:
    """Approve (anvise) a prepared payment: ``actor`` is a caseworker of the round's
    office with budget authority who did not prepare it. The year's limit is checked
    again, against the decision as it stands now (an appeal may have changed it)."""
    # The decision first, as every payment verb locks it: one order, no deadlock.
    decision = _locked(payment.decision)
    current = locked(payment)
    current.decision = decision
    WORKFLOW.check(current, "approve")
    two_person_check(
        preparer=current.prepared_by,
        approver=actor,
        approver_has_authority=decision.round.office_id in approver_office_ids(actor),
    )
    if decision.state not in ISSUED:
        raise ServiceRefused("not_issued", REFUSED_NOT_ISSUED)
    _check_rules(
        decision,
        amount=current.amount,
        budget_year=current.budget_year,
        paid_on=current.paid_on,
        late_reason=current.late_reason,
        exclude=current,
    )
    return _transition(
        current,
        "approve",
        actor=actor,
        summary=_("Payment of %(amount)s kroner for %(year)s approved")
        % {"amount": current.amount, "year": current.budget_year},
        approved_by=actor,
        approved_at=timezone.now(),
    )


@transaction.atomic
def payment_confirm(*, actor, payment) -> Payment:
    """Record that the finance system paid the approved payment out."""
    decision = _locked(payment.decision)
    current = locked(payment)
    current.decision = decision
    return _transition(
        current,
        "confirm",
        actor=actor,
        summary=_("Payment of %(amount)s kroner confirmed as paid out")
        % {"amount": current.amount},
        confirmed_at=timezone.now(),
    )

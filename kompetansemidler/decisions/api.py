"""Decisions in the JSON API, at /api/decisions/: the list, and one decision with its
payments (budget year, accounting year, approval state and both names), repayment
claims, appeals and letters, through the same selectors as the pages. Amounts
are whole kroner as integers; a recipient sees only its own issued decisions."""

import datetime

from ninja import Field, Path, Query, Router, Schema

from kompetansemidler.accounts.models import ApiScope
from kompetansemidler.accounts.policy import ensure
from kompetansemidler.api.auth import client_auth
from kompetansemidler.api.errors import with_errors
from kompetansemidler.api.paging import PageQuery, api_page
from kompetansemidler.core.money import Kroner

from .models import (
    AppealOutcome,
    DecisionState,
    PaymentState,
    RepaymentDisposition,
    RepaymentSource,
)
from .permissions import can_use_decisions
from .selectors import decision_visible_or_403, decisions_visible_to, paid_total
from .templatetags.km_decisions import person

PREFIX = "decisions"
# An API client needs the scope decisions.read as well as its role.
router = Router(tags=["decisions"], auth=client_auth(ApiScope.DECISIONS_READ))

ID = Path(..., ge=1, le=2**62, description="The decision's id.")


class Filters(PageQuery):
    round: int | None = Field(None, ge=1, le=2**62, description="Only this round's.")
    state: DecisionState | None = None


class AmountOut(Schema):
    budget_year: int
    category: str = Field(description="general, or one of the rule set's earmarked categories.")
    amount: Kroner
    co_financing: Kroner = Field(description="The owner's own financing required (Dekom).")


class DecisionOut(Schema):
    id: int
    round: int
    recommendation: int | None
    set_aside: int | None
    state: DecisionState
    recipient: str
    recipient_organisation_number: str
    recommended: list[Kroner] = Field(description="Year 1, 2 and 3, whole kroner.")
    amounts: list[Kroner] = Field(description="Year 1, 2 and 3, whole kroner.")
    co_financing: Kroner = Field(description="Own financing required over every year.")
    co_financing_per_year: list[Kroner] = Field(
        description="Own financing required in year 1, 2 and 3, whole kroner."
    )
    amounts_per_year_and_category: list[AmountOut]
    paid: Kroner
    reporting_deadline: datetime.date
    issued_at: datetime.datetime | None


class Page(Schema):
    count: int
    page: int
    page_size: int
    items: list[DecisionOut]


class PaymentOut(Schema):
    id: int
    paid_on: datetime.date
    budget_year: int = Field(description="The year of the decided amount it settles.")
    accounting_year: int = Field(description="The year it is paid (cash accounting).")
    amount: Kroner
    state: PaymentState = Field(
        description="prepared: not paid yet; approved or confirmed: counts as paid."
    )
    prepared_by: str
    approved_by: str
    approved_at: datetime.datetime | None
    note: str
    late_reason: str


class RepaymentClaimOut(Schema):
    id: int
    amount: Kroner
    source: RepaymentSource
    reason: str
    due_on: datetime.date
    received_on: datetime.date | None
    received_amount: Kroner | None
    disposition: RepaymentDisposition | None = Field(
        description="Returned to Udir or reused in the office's round; empty until received."
    )


class AppealOut(Schema):
    id: int
    received_on: datetime.date
    is_late: bool
    outcome: AppealOutcome
    outcome_note: str
    dismissal_ground: str = Field(description="late, no_legal_interest, or empty.")
    udir_outcome: str = Field(
        description="Udir's outcome of an appeal sent on: upheld, changed, reversed, "
        "sent_back, or empty."
    )
    udir_note: str


class LetterOut(Schema):
    id: int
    version: int
    language: str
    appeal_deadline: datetime.date
    registry_reference: str


class DecisionDetailOut(DecisionOut):
    conditions: str
    reasons: str
    justification: str
    payments: list[PaymentOut]
    repayment_claims: list[RepaymentClaimOut]
    appeals: list[AppealOut]
    letters: list[LetterOut]


def _out(d) -> dict:
    return {
        "id": d.pk,
        "round": d.round_id,
        "recommendation": d.recommendation_id,
        "set_aside": d.set_aside_id,
        "state": d.state,
        "recipient": d.recipient_label,
        "recipient_organisation_number": d.recipient_organisation.organisation_number,
        "recommended": [int(a) for a in d.recommended],
        "amounts": [int(a) for a in d.amounts],
        "co_financing": int(d.co_financing),
        "co_financing_per_year": [int(c) for c in d.co_financings],
        "amounts_per_year_and_category": [
            {
                "budget_year": row.budget_year,
                "category": row.category,
                "amount": int(row.amount),
                "co_financing": int(row.co_financing),
            }
            for row in d.amount_rows_list
        ],
        "paid": int(d.paid or 0),
        "reporting_deadline": d.reporting_deadline,
        "issued_at": d.issued_at,
    }


@router.get("/", response=with_errors({200: Page}), url_name="decisions_list")
def decision_list(request, filters: Query[Filters]):
    ensure(can_use_decisions(request.auth))
    rows = decisions_visible_to(request.auth).with_paid().order_by("id")
    if filters.round:
        rows = rows.filter(round_id=filters.round)
    if filters.state:
        rows = rows.filter(state=filters.state)
    return api_page(rows, page=filters.page, page_size=filters.page_size, convert=_out)


@router.get(
    "/{pk}", response=with_errors({200: DecisionDetailOut}, 404), url_name="decisions_detail"
)
def decision_detail(request, pk: int = ID):
    ensure(can_use_decisions(request.auth))
    decision = decision_visible_or_403(request.auth, pk)
    decision.paid = paid_total(decision)
    body = _out(decision)
    body |= {
        "conditions": decision.conditions,
        "reasons": decision.reasons,
        "justification": decision.justification,
    }
    body["payments"] = [
        {
            "id": p.pk,
            "paid_on": p.paid_on,
            "budget_year": p.budget_year,
            "accounting_year": p.accounting_year,
            "amount": int(p.amount),
            "state": p.state,
            "prepared_by": person(p.prepared_by),
            "approved_by": person(p.approved_by),
            "approved_at": p.approved_at,
            "note": p.note,
            "late_reason": p.late_reason,
        }
        for p in decision.payments.select_related("prepared_by", "approved_by")
    ]
    body["repayment_claims"] = [
        {
            "id": c.pk,
            "amount": int(c.amount),
            "source": c.source,
            "reason": c.reason,
            "due_on": c.due_on,
            "received_on": c.received_on,
            "received_amount": int(c.received_amount) if c.received_amount is not None else None,
            "disposition": c.disposition or None,
        }
        for c in decision.repayment_claims.all()
    ]
    body["appeals"] = [
        {
            "id": a.pk,
            "received_on": a.received_on,
            "is_late": a.is_late,
            "outcome": a.outcome,
            "outcome_note": a.outcome_note,
            "dismissal_ground": a.dismissal_ground,
            "udir_outcome": a.udir_outcome,
            "udir_note": a.udir_note,
        }
        for a in decision.appeals.all()
    ]
    body["letters"] = [
        {
            "id": letter.pk,
            "version": letter.version,
            "language": letter.language,
            "appeal_deadline": letter.appeal_deadline,
            "registry_reference": letter.registry_reference,
        }
        for letter in decision.letters.all()
    ]
    return body

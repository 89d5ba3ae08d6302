"""Writes: drafting decisions from a sent recommendation, issuing them, changing
them after an appeal, payments, appeals and unused funds.

Each state change is a named verb that checks the source state against the
one transition table below and writes a history event, in one transaction.
The money limits are checked here with the rows locked, so two caseworkers
issuing or paying at the same moment cannot together pass a limit that each
alone respects.
"""

import datetime
from collections.abc import Mapping, Sequence
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kompetansemidler.accounts.policy import approver_office_ids
from kompetansemidler.archive.models import EntryType, PartyRole
from kompetansemidler.archive.services import Party, document_journal
from kompetansemidler.core.money import kroner_problem
from kompetansemidler.core.two_person import two_person_check
from kompetansemidler.core.workflow import ServiceRefused, Transition, Workflow
from kompetansemidler.history.services import event_record
from kompetansemidler.recommendations.facts import check, line_facts
from kompetansemidler.recommendations.models import (
    RecipientKind,
    Recommendation,
    RecommendationState,
)
from kompetansemidler.recommendations.selectors import lines_for
from kompetansemidler.rules.allocation import (
    YearAmount,
    check_co_financing_per_year,
    check_earmark_cap_of_allocation,
    check_not_overbound,
)
from kompetansemidler.rules.money import required_co_financing
from kompetansemidler.schemes.messages import as_refusal_findings
from kompetansemidler.schemes.models import Round
from kompetansemidler.schemes.selectors import round_money_flow

from .letters import letter_issue
from .models import (
    CHECKLIST,
    MAX_YEARS,
    Appeal,
    AppealOutcome,
    Decision,
    DecisionAmount,
    DecisionState,
    Payment,
    UnusedFunds,
)
from .selectors import (
    available_in_round,
    decided_earmarked_in_round,
    decided_in_round,
    paid_total,
)

REFUSED_STATE = _("A decision in the state “%(state)s” cannot be %(action)s.")
REFUSED_NOT_SENT = _("Decisions are made from a recommendation the forum has sent.")
REFUSED_EXISTS = _("Decisions have already been drafted from this recommendation.")
REFUSED_NO_RECIPIENT = _("The line “%(title)s” has no recipient to address a decision to.")
REFUSED_CHECKLIST = _("Confirm every criterion in the checklist before issuing.")
REFUSED_DEVIATION = _(
    "The decision deviates from the recommendation (%(recommended)s kroner recommended for "
    "year %(year)s, %(amount)s kroner decided): write a justification."
)
REFUSED_AVAILABLE = _(
    "Year 1 of %(amount)s kroner is more than the %(available)s kroner still available in the "
    "round (the allocation less set-asides, commitments and other issued decisions)."
)
REFUSED_OVERPAID = _(
    "The payment of %(amount)s kroner would bring the payments to %(total)s kroner, more than "
    "the %(decided)s kroner decided."
)
REFUSED_NOT_ISSUED = _("Only an issued decision can have payments, appeals or unused funds.")
REFUSED_PAYMENT_DATE = _(
    "A payment on this decision is dated between %(first)s and %(last)s: from the year "
    "before the round to the year after its last year."
)
REFUSED_DECIDED = _("The appeal's outcome has already been recorded.")
REFUSED_UNUSED_SPLIT = _(
    "The unused %(unused)s kroner must be split exactly into repayment and carry-over."
)
REFUSED_BELOW_PAID = _(
    "The decision cannot be changed to %(total)s kroner: %(paid)s kroner has already been "
    "paid, and claiming money back is not possible yet. Change it to at least %(paid)s kroner."
)
REFUSED_NO_APPEAL_RIGHT = _(
    "The recipient has no right to appeal this decision: the office decides its request "
    "for reconsideration itself, and there is nothing to send on to Udir."
)
REFUSED_UNUSED_MORE = _("The unused amount cannot be more than the %(decided)s kroner decided.")
REFUSED_PER_CATEGORY = _(
    "The decision grants money in more than one category; year %(year)s would leave "
    "%(category)s below zero. Give the amounts per category."
)
REFUSED_CATEGORY = _("“%(category)s” is not a category of this round's rule set.")


WORKFLOW = Workflow(
    refused=REFUSED_STATE,
    transitions={
        "issue": Transition(
            (DecisionState.DRAFT,), DecisionState.ISSUED, "decision.issued", _("issued")
        ),
        "change": Transition(
            (DecisionState.ISSUED, DecisionState.CHANGED),
            DecisionState.CHANGED,
            "decision.changed",
            _("changed"),
        ),
    },
)
ISSUED = WORKFLOW["change"].sources


def _event(decision, *, actor, kind, summary="", before=None, after=None):
    event_record(
        actor=actor,
        kind=kind,
        obj=decision,
        summary=str(summary),
        before=before,
        after=after,
        office=decision.round.office,
        organisation=decision.recipient_organisation,
    )


def _locked(decision) -> Decision:
    return (
        Decision.objects.select_for_update(of=("self",))
        .select_related(
            "round__office",
            "round__scheme",
            "round__rule_set",
            "recipient_organisation",
            "recipient_network",
        )
        .get(pk=decision.pk)
    )


def _recipient(line) -> tuple[str, object, object]:
    """(kind, organisation, network) a line's money goes to. A network's letter goes to
    its coordinating owner (the network lead); a joint measure's to the UH running it."""
    if line.recipient_kind == RecipientKind.NETWORK and line.recipient_network is not None:
        return line.recipient_kind, line.recipient_network.coordinator, line.recipient_network
    if line.recipient_kind == RecipientKind.JOINT_MEASURE:
        return line.recipient_kind, line.partner, None
    return line.recipient_kind, line.recipient_organisation, None


# Who co-finances in Dekom: a school owner, and the network's school owners
# together for money that reaches them through a network.
CO_FINANCING_KINDS = (RecipientKind.OWNER, RecipientKind.NETWORK)


def co_financing_for(decision, amount: Decimal) -> Decimal:
    """The own financing required for ``amount`` of ``decision``'s grant: the rule
    set's share (rounded up to whole kroner) for Dekom school owners, else 0."""
    share = decision.round.rule_set.params.co_financing_share
    if share is None or decision.recipient_kind not in CO_FINANCING_KINDS:
        return Decimal(0)
    return required_co_financing(grant=amount, share=share)


def _write_amounts(decision, amounts: Mapping[tuple[int, str], Decimal]) -> None:
    """Store ``amounts`` ((budget year, category) → kroner) as the decision's rows,
    each with its required co-financing; a zero amount has no row."""
    existing = {(row.budget_year, row.category): row for row in decision.amount_rows.all()}
    for key, row in existing.items():
        if amounts.get(key, Decimal(0)) <= 0:
            row.delete()
    for (year, category), amount in amounts.items():
        if amount <= 0:
            continue
        co_financing = co_financing_for(decision, amount)
        row = existing.get((year, category))
        if row is None:
            DecisionAmount.objects.create(
                decision=decision,
                budget_year=year,
                category=category,
                amount=amount,
                co_financing=co_financing,
            )
        elif (row.amount, row.co_financing) != (amount, co_financing):
            row.amount, row.co_financing = amount, co_financing
            row.save(update_fields=["amount", "co_financing"])
    decision.forget_amounts()


def _checklist_from(result, lines) -> dict[str, bool]:
    """Pre-filled from the rules engine: an item is ticked when no line breaks it."""
    facts = [line_facts(line) for line in lines]
    own = tuple(f"line:{line.pk}." for line in lines)
    money_errors = [
        f
        for f in result.findings
        if f.is_error and (not f.target.startswith("line:") or f.target.startswith(own))
    ]
    return {
        "c1": all(
            f.needs_report is not None
            and f.needs_report.staff_and_leaders_involved
            and f.needs_report.uh_dialogue
            for f in facts
        ),
        "c2": not any(f.individual_further_education for f in facts),
        "c3": all("uh" in f.partner_kinds for f in facts),
        "money": not money_errors,
    }


@transaction.atomic
def decisions_draft(*, actor, recommendation) -> list[Decision]:
    """One draft decision per recipient of the sent recommendation, at the amounts
    recommended, with the checklist pre-filled from the rules engine's findings.

    The recommendation is locked first: of two caseworkers drafting at the same
    moment, the second waits and is told the decisions are already drafted."""
    recommendation = Recommendation.objects.select_for_update().get(pk=recommendation.pk)
    if recommendation.state != RecommendationState.SENT:
        raise ServiceRefused("not_sent", REFUSED_NOT_SENT)
    if Decision.objects.filter(recommendation=recommendation).exists():
        raise ServiceRefused("exists", REFUSED_EXISTS)
    round_ = recommendation.round
    lines = list(lines_for(recommendation).prefetch_related("recipient_network__members"))
    result = check(recommendation, lines)
    groups: dict[tuple, list] = {}
    for line in lines:
        kind, organisation, network = _recipient(line)
        if organisation is None:
            raise ServiceRefused("no_recipient", REFUSED_NO_RECIPIENT, {"title": line.title})
        groups.setdefault((kind, organisation, network), []).append(line)
    decisions = []
    for (kind, organisation, network), group in groups.items():
        sums = [
            sum((line.amount(i) for line in group), Decimal(0)) for i in range(1, MAX_YEARS + 1)
        ]
        by_year_and_category: dict[tuple[int, str], Decimal] = {}
        for line in group:
            for index in range(MAX_YEARS):
                key = (round_.year + index, line.category)
                by_year_and_category[key] = by_year_and_category.get(key, Decimal(0)) + line.amount(
                    index + 1
                )
        decision = Decision(
            round=round_,
            recommendation=recommendation,
            recipient_kind=kind,
            recipient_organisation=organisation,
            recipient_network=network,
            measures="\n".join(line.title for line in group),
            reporting_deadline=round_.annual_report_deadline,
            checklist=_checklist_from(result, group),
            prepared_by=actor,
            **{f"recommended_year{i}": sums[i - 1] for i in range(1, MAX_YEARS + 1)},
        )
        decision.save()
        _write_amounts(decision, by_year_and_category)
        _event(
            decision,
            actor=actor,
            kind="decision.drafted",
            after={"amounts": [str(a) for a in decision.amounts]},
        )
        decisions.append(decision)
    return decisions


def _snapshot(decision) -> dict:
    return {
        "amounts": [str(a) for a in decision.amounts],
        "conditions": decision.conditions,
        "reasons": decision.reasons,
        "justification": decision.justification,
        "checklist": decision.checklist,
        "co_financing": [str(c) for c in decision.co_financings],
        "by_category": {
            category: [str(a) for a in amounts]
            for category, amounts in decision.amounts_by_category().items()
        },
    }


# Amounts as a caseworker gives them: each budget year's total (first year first),
# which changes the decision's main category, or each category's amounts per year.
Amounts = Sequence[Decimal] | Mapping[str, Sequence[Decimal]]


def _checked(amount, field: str) -> Decimal:
    problem = kroner_problem(amount)
    if problem:
        raise ServiceRefused("amount", problem, field=field)
    return Decimal(amount)


def _set_amounts(decision, amounts: Amounts) -> None:
    """Store the new amounts as the decision's rows.

    Year totals go to the decision's main category (``general`` when it has it):
    the other categories keep their amounts, and a total below them is refused.
    """
    years = decision.budget_years
    current = {
        (year, category): decision.amount_for_budget_year(year, category)
        for year in years
        for category in decision.categories
    }
    if isinstance(amounts, Mapping):
        allowed = {"general", *decision.round.rule_set.params.earmarked_codes}
        wanted: dict[tuple[int, str], Decimal] = {}
        for category, per_year in amounts.items():
            if category not in allowed:
                raise ServiceRefused("category", REFUSED_CATEGORY, {"category": category})
            for index, amount in enumerate(per_year):
                field = f"amount_year{index + 1}"
                wanted[(years[index], category)] = _checked(amount, field)
        _write_amounts(decision, wanted)
        return
    main = decision.main_category
    wanted = dict(current)
    for index, amount in enumerate(amounts):
        total = _checked(amount, f"amount_year{index + 1}")
        others = sum(
            (value for (year, c), value in current.items() if year == years[index] and c != main),
            Decimal(0),
        )
        if total < others:
            raise ServiceRefused(
                "per_category",
                REFUSED_PER_CATEGORY,
                {"year": index + 1, "category": main},
                field=f"amount_year{index + 1}",
            )
        wanted[(years[index], main)] = total - others
    _write_amounts(decision, wanted)


@transaction.atomic
def decision_update(
    *,
    actor,
    decision,
    amounts: Amounts,
    conditions: str,
    reasons: str,
    justification: str,
    checklist: Mapping[str, bool],
    issue: bool = False,
) -> Decision:
    """Save the draft's amounts, texts and checklist as typed, and with ``issue``
    issue it too (``decision_issue``): a refused issue saves nothing either."""
    current = _locked(decision)
    if current.state != DecisionState.DRAFT:
        raise WORKFLOW.refuse(current, _("changed"), (DecisionState.DRAFT,))
    before = _snapshot(current)
    _set_amounts(current, amounts)
    current.conditions, current.reasons = conditions, reasons
    current.justification = justification
    current.checklist = {key: bool(checklist.get(key)) for key, _label in CHECKLIST}
    current.save()
    after = _snapshot(current)
    changed = [k for k in after if after[k] != before[k]]
    if changed:
        # Whoever changes the draft has prepared it, and may not approve it too.
        current.prepared_by = actor
        current.save(update_fields=["prepared_by"])
        _event(
            current,
            actor=actor,
            kind="decision.updated",
            before={k: before[k] for k in changed},
            after={k: after[k] for k in changed},
        )
    if issue:
        return decision_issue(actor=actor, decision=current)
    return current


def _check_limits(decision) -> None:
    """The hard limits: each year at most the recommendation unless the deviation is
    justified, the first year within what the round still has available, and the
    money rules on the round (earmark cap of the allocation, co-financing per year)."""
    if not decision.justification.strip():
        for year, (amount, recommended) in enumerate(
            zip(decision.amounts, decision.recommended, strict=True), start=1
        ):
            if amount != recommended:
                raise ServiceRefused(
                    "deviation",
                    REFUSED_DEVIATION,
                    {"recommended": recommended, "amount": amount, "year": year},
                    field="justification",
                )
    # Locking the round serialises every issue and change in it.
    round_ = Round.objects.select_for_update().get(pk=decision.round_id)
    first_year = decision.amount_for_budget_year(round_.year)
    available = available_in_round(round_, exclude=decision)
    if available < 0:
        # The allocation was cut below what is bound: no decision until that is resolved.
        reasons = as_refusal_findings(
            check_not_overbound(
                round_money_flow(round_), decided=decided_in_round(round_, exclude=decision)
            )
        )
        raise ServiceRefused("overbound", reasons[0].message, findings=reasons)
    if first_year > available:
        raise ServiceRefused(
            "available",
            REFUSED_AVAILABLE,
            {"amount": first_year, "available": available},
        )
    reasons = as_refusal_findings(money_rule_findings(round_, decision))
    if reasons:
        raise ServiceRefused(reasons[0].code.lower(), reasons[0].message, findings=reasons)


def money_rule_findings(round_, decision) -> list:
    """The round's money rules with ``decision`` issued: the earmarked money of the
    round's year (earmarked set-asides and commitments, and the earmarked first-year
    money of its issued decisions and this one) within the cap of the allocation,
    and the owner's own financing at least the share of every budget year's grant."""
    params = round_.rule_set.params
    earmarked_codes = params.earmarked_codes
    own = sum(
        (decision.amount_for_budget_year(round_.year, code) for code in earmarked_codes),
        Decimal(0),
    )
    findings = check_earmark_cap_of_allocation(
        round_money_flow(round_),
        earmarked_codes=earmarked_codes,
        cap_share=params.earmark_cap_share,
        earmarked_lines=decided_earmarked_in_round(round_, exclude=decision) + own,
    )
    if decision.recipient_kind in CO_FINANCING_KINDS:
        rows = decision.amount_rows_list
        findings += check_co_financing_per_year(
            grants=[YearAmount(year=r.budget_year, amount=r.amount) for r in rows],
            co_financing=[YearAmount(year=r.budget_year, amount=r.co_financing) for r in rows],
            share=params.co_financing_share,
        )
    return findings


@transaction.atomic
def decision_issue(*, actor, decision) -> Decision:
    """Issue the draft: its approval by ``actor``, a caseworker of the round's office
    with budget authority who did not prepare it (the two-person check); every
    criterion confirmed, within the limits. Its later budget years' rows are from
    then on commitments against those years' rounds. The letter follows
    (``letters.letters_for_round``)."""
    current = _locked(decision)
    WORKFLOW.check(current, "issue")
    if not all(current.checklist.get(key) for key, _label in CHECKLIST):
        raise ServiceRefused("checklist", REFUSED_CHECKLIST)
    _check_limits(current)
    two_person_check(
        preparer=current.prepared_by,
        approver=actor,
        approver_has_authority=current.round.office_id in approver_office_ids(actor),
    )
    return WORKFLOW.apply(
        current,
        "issue",
        actor=actor,
        summary=_("Decision issued"),
        after={"amounts": [str(a) for a in current.amounts]},
        office=current.round.office,
        organisation=current.recipient_organisation,
        issued_at=timezone.now(),
        issued_by=actor,
        revision=current.revision + 1,
    )


@transaction.atomic
def decisions_approve(*, actor, decisions: Sequence[Decision]) -> list[Decision]:
    """Approve (issue) a list of draft decisions the approver has seen, in one
    approval: all of them are issued, or, when one is refused, none is. The
    letters follow (``letters.letters_for_round``)."""
    return [
        decision_issue(actor=actor, decision=decision)
        for decision in sorted(decisions, key=lambda d: d.pk)
    ]


@transaction.atomic
def decision_change(
    *, actor, decision, amounts: Amounts, justification: str, appeal=None
) -> Decision:
    """Change an issued decision (after an appeal): new amounts within the same limits,
    its later years' commitments with them. ``appeal_decide`` makes the new letter;
    the old one is kept.

    Refused below what is already paid: that would need a repayment claim, which
    the system cannot make yet."""
    current = _locked(decision)
    WORKFLOW.check(current, "change")
    before = _snapshot(current)
    _set_amounts(current, amounts)
    paid = paid_total(current)
    if current.total < paid:
        raise ServiceRefused(
            "below_paid", REFUSED_BELOW_PAID, {"total": current.total, "paid": paid}
        )
    current.justification = justification
    _check_limits(current)
    return WORKFLOW.apply(
        current,
        "change",
        actor=actor,
        summary=_("Decision changed"),
        before=before,
        after={**_snapshot(current), "appeal": appeal.pk if appeal is not None else None},
        office=current.round.office,
        organisation=current.recipient_organisation,
        revision=current.revision + 1,
    )


def _whole_kroner(amount) -> Decimal:
    """A positive amount of whole kroner, in the range every form allows."""
    problem = kroner_problem(amount, min_value=Decimal(1))
    if problem:
        raise ServiceRefused("amount", problem, field="amount")
    return Decimal(amount)


def payment_dates(decision) -> tuple[datetime.date, datetime.date]:
    """The dates a payment on ``decision`` may carry: from 1 January of the year
    before its round (an advance) to 31 December of the year after its third year
    (a late instalment)."""
    year = decision.round.year
    return datetime.date(year - 1, 1, 1), datetime.date(year + 3, 12, 31)


def _check_payment_date(decision, paid_on) -> None:
    first, last = payment_dates(decision)
    if not isinstance(paid_on, datetime.date) or not first <= paid_on <= last:
        raise ServiceRefused(
            "payment_date",
            REFUSED_PAYMENT_DATE,
            {"first": first.strftime("%d.%m.%Y"), "last": last.strftime("%d.%m.%Y")},
            field="paid_on",
        )


@transaction.atomic
def payment_register(
    *, actor, decision, paid_on: datetime.date, amount: Decimal, note: str = ""
) -> Payment:
    """One instalment. The sum of payments never exceeds the decided amount."""
    current = _locked(decision)
    if current.state not in ISSUED:
        raise ServiceRefused("not_issued", REFUSED_NOT_ISSUED)
    amount = _whole_kroner(amount)
    _check_payment_date(current, paid_on)
    paid = paid_total(current)
    if paid + amount > current.total:
        raise ServiceRefused(
            "overpaid",
            REFUSED_OVERPAID,
            {"amount": amount, "total": paid + amount, "decided": current.total},
        )
    payment = Payment.objects.create(
        decision=current, paid_on=paid_on, amount=amount, note=note, created_by=actor
    )
    _event(
        current,
        actor=actor,
        kind="decision.payment_registered",
        summary=_("Payment of %(amount)s kroner") % {"amount": amount},
        after={
            "amount": str(amount),
            "paid_on": paid_on.isoformat(),
            "paid_total": str(paid + amount),
        },
    )
    return payment


@transaction.atomic
def appeal_register(*, actor, decision, received_on: datetime.date, summary: str) -> Appeal:
    """Register an appeal; one received after the deadline is flagged, not refused
    (the office may still consider it, forvaltningsloven § 31). For a recipient
    without a right to appeal it is a request for reconsideration, which has no
    deadline to be late for."""
    current = _locked(decision)
    if current.state not in ISSUED:
        raise ServiceRefused("not_issued", REFUSED_NOT_ISSUED)
    letter = current.letters.filter(notified_at__isnull=False).order_by("version").last()
    is_late = (
        current.has_appeal_right and letter is not None and received_on > letter.appeal_deadline
    )
    appeal = Appeal.objects.create(
        decision=current, received_on=received_on, summary=summary, is_late=is_late
    )
    _event(
        current,
        actor=actor,
        kind="decision.appeal_registered",
        summary=_("Appeal received %(date)s") % {"date": received_on.isoformat()},
        after={"appeal": appeal.pk, "received_on": received_on.isoformat(), "late": is_late},
    )
    _journal(
        current,
        actor=actor,
        entry_type=EntryType.INCOMING,
        title=f"Klage fra {current.recipient_label} på vedtak om tilskudd",
        role=PartyRole.SENDER,
    )
    return appeal


APPEAL_OUTCOME_TITLE = {
    "upheld": "Klage fra {recipient} – vedtaket opprettholdes",
    "changed": "Klage fra {recipient} – vedtaket endres",
    "sent_on": "Klage fra {recipient} – oversendt Udir",
}


def _journal(decision, *, actor, entry_type: str, title: str, role: str, to=None) -> None:
    """Journal a step of the decision's case in its case file, beside the grant
    letter. Appeals and outcomes are recorded as data, so there is no document;
    a changed decision's new letter is journalled with its PDF by letter_issue."""
    round_ = decision.round
    organisation = decision.recipient_organisation
    document_journal(
        obj=decision,
        office=round_.office,
        round=round_,
        actor=actor,
        case_title=f"Tilskudd {round_} – {decision.recipient_label}",
        entry_type=entry_type,
        title=title,
        parties=[
            to
            or Party(
                name=organisation.name,
                organisation_number=organisation.organisation_number,
                role=role,
            )
        ],
        document_bytes=None,
        document_name="",
        document_title="",
    )


@transaction.atomic
def appeal_decide(
    *, actor, appeal, outcome: str, note: str, amounts: Sequence[Decimal] | None = None
) -> Appeal:
    """Record the outcome. ``changed`` changes the decision to ``amounts`` (with
    ``note`` as its justification) and sends the new letter; the old one is kept."""
    current = (
        Appeal.objects.select_for_update(of=("self",))
        .select_related("decision__round__rule_set", "decision__recipient_organisation")
        .get(pk=appeal.pk)
    )
    if current.outcome != AppealOutcome.PENDING:
        raise ServiceRefused("decided", REFUSED_DECIDED)
    if outcome not in AppealOutcome.values or outcome == AppealOutcome.PENDING:
        raise ServiceRefused(
            "outcome", REFUSED_STATE, {"state": outcome, "action": _("recorded")}, field="outcome"
        )
    if outcome == AppealOutcome.SENT_ON and not current.decision.has_appeal_right:
        raise ServiceRefused("no_appeal_right", REFUSED_NO_APPEAL_RIGHT, field="outcome")
    if outcome == AppealOutcome.CHANGED:
        decision_change(
            actor=actor,
            decision=current.decision,
            amounts=amounts or (),
            justification=note,
            appeal=current,
        )
        letter_issue(actor=actor, decision=current.decision)
    current.outcome, current.outcome_note, current.decided_at = outcome, note, timezone.now()
    current.save()
    _event(
        current.decision,
        actor=actor,
        kind="decision.appeal_decided",
        summary=AppealOutcome(outcome).label,
        after={"appeal": current.pk, "outcome": outcome},
    )
    _journal(
        current.decision,
        actor=actor,
        entry_type=EntryType.OUTGOING,
        title=APPEAL_OUTCOME_TITLE[outcome].format(recipient=current.decision.recipient_label),
        role=PartyRole.RECIPIENT,
        to=Party(name="Utdanningsdirektoratet", organisation_number="970018131")
        if outcome == AppealOutcome.SENT_ON
        else None,
    )
    return current


@transaction.atomic
def unused_funds_decide(
    *, actor, decision, unused: Decimal, repaid: Decimal, carried_over: Decimal, reason: str
) -> UnusedFunds:
    """Decide what happens to a recipient's unused funds: repaid, carried over, or both."""
    current = _locked(decision)
    if current.state not in ISSUED:
        raise ServiceRefused("not_issued", REFUSED_NOT_ISSUED)
    unused = _whole_kroner(unused)
    if unused > current.total:
        raise ServiceRefused(
            "unused_more", REFUSED_UNUSED_MORE, {"decided": current.total}, field="unused"
        )
    if (
        kroner_problem(repaid) is not None
        or kroner_problem(carried_over) is not None
        or repaid + carried_over != unused
    ):
        raise ServiceRefused("unused_split", REFUSED_UNUSED_SPLIT, {"unused": unused})
    row = UnusedFunds.objects.create(
        decision=current,
        unused=unused,
        repaid=repaid,
        carried_over=carried_over,
        reason=reason,
        created_by=actor,
    )
    _event(
        current,
        actor=actor,
        kind="decision.unused_funds_decided",
        after={"unused": str(unused), "repaid": str(repaid), "carried_over": str(carried_over)},
    )
    _journal(
        current,
        actor=actor,
        entry_type=EntryType.OUTGOING,
        title=f"Vedtak om ubrukte midler for {current.recipient_label}: "
        f"{repaid} kr tilbakebetales, {carried_over} kr overføres",
        role=PartyRole.RECIPIENT,
    )
    return row

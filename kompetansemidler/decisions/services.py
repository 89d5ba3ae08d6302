"""Writes: drafting decisions from a sent recommendation, issuing them, changing
them, and unused funds. The appeal chain, reversal (§ 35) and a declined grant
are in ``appeals.py``; payments in ``payments.py``; repayment claims in
``receivables.py``.

Each state change is a named verb that checks the source state against the
one transition table below and writes a history event, in one transaction.
The money limits are checked here with the rows locked, so two caseworkers
issuing or paying at the same moment cannot together pass a limit that each
alone respects.
"""

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
from kompetansemidler.registry.models import OWNER_KINDS
from kompetansemidler.rules.allocation import (
    YearAmount,
    check_co_financing_per_year,
    check_earmark_cap_of_allocation,
    check_not_overbound,
)
from kompetansemidler.rules.money import required_co_financing
from kompetansemidler.rules.recommendation import unfunded
from kompetansemidler.schemes.messages import as_refusal_findings
from kompetansemidler.schemes.models import Round, SetAside
from kompetansemidler.schemes.selectors import round_money_flow
from kompetansemidler.schemes.workflow import NEEDS_PHASES, REFUSED_STILL_OPEN

from .models import (
    CHECKLIST,
    MAX_YEARS,
    Decision,
    DecisionAmount,
    DecisionState,
    RepaymentSource,
    UnusedFunds,
)
from .receivables import claim_repayment, default_due_date
from .selectors import (
    available_in_round,
    decided_earmarked_in_round,
    decided_in_round,
    paid_total,
    set_aside_distributed,
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
REFUSED_NOT_ISSUED = _("Only an issued decision can have payments, appeals or unused funds.")
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
REFUSED_SET_ASIDE_EXCEEDED = _(
    "%(amount)s kroner would bring the decisions on the set-aside to %(total)s kroner, more "
    "than the %(set_aside)s kroner set aside: %(left)s kroner is left to distribute."
)
REFUSED_SET_ASIDE_WITHDRAWN = _("The set-aside is withdrawn: nothing more is decided on it.")
REFUSED_SET_ASIDE_LATER_YEARS = _(
    "A set-aside's decisions grant money of the round's own year only; leave years 2 and 3 at 0."
)
REFUSED_SET_ASIDE_RECIPIENT = _(
    "A set-aside is distributed to kindergarten and school owners in the office's counties; "
    "choose one of them."
)
REFUSED_SET_ASIDE_EXISTS = _(
    "%(owner)s already has a decision on this set-aside: change that decision instead."
)
REFUSED_PARTICIPANTS = _("Give the number of participants, at least 1.")
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
        # The recipient declines: the decision keeps only what is paid (appeals.py).
        "decline": Transition(
            (DecisionState.ISSUED, DecisionState.CHANGED),
            DecisionState.CHANGED,
            "decision.declined",
            _("declined"),
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
    if round_.phase in NEEDS_PHASES:
        raise ServiceRefused("phase", REFUSED_STILL_OPEN, {"round": str(round_)})
    lines = list(lines_for(recommendation).prefetch_related("recipient_network__members"))
    result = check(recommendation, lines)
    groups: dict[tuple, list] = {}
    for line in lines:
        if unfunded(line_facts(line)):
            # A line at 0 kr funds nothing and leads to no decision.
            continue
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
    if current.set_aside_id is not None:
        _check_set_aside(current, amount=current.total)
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
    if decision.set_aside_id is not None:
        _check_set_aside(decision, amount=decision.total)
        return
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
def unused_funds_decide(
    *, actor, decision, unused: Decimal, repaid: Decimal, carried_over: Decimal, reason: str
) -> UnusedFunds:
    """Decide what happens to a recipient's unused funds: repaid, carried over, or both.
    The repaid part becomes a repayment claim due in ``receivables.DAYS_TO_REPAY`` days."""
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
    if repaid > 0:
        # Ordered repaid: a receivable with a due date until the money is back.
        claim_repayment(
            decision=current,
            amount=repaid,
            reason=reason,
            source=RepaymentSource.ANNUAL_REPORT,
            due_on=default_due_date(),
            actor=actor,
            unused_funds=row,
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


def _check_set_aside(decision, *, amount: Decimal) -> SetAside:
    """A set-aside's decisions grant year-1 money only, and together never more than
    the set-aside's amount (exactly the amount passes). The set-aside's row is locked,
    so two caseworkers distributing at once cannot together pass it."""
    set_aside = SetAside.objects.select_for_update().get(pk=decision.set_aside_id)
    if not set_aside.is_active:
        raise ServiceRefused("set_aside_withdrawn", REFUSED_SET_ASIDE_WITHDRAWN)
    if any(decision.amount_for_budget_year(decision.round.year + offset) for offset in (1, 2)):
        raise ServiceRefused(
            "set_aside_later_years", REFUSED_SET_ASIDE_LATER_YEARS, field="amount_year2"
        )
    others = set_aside_distributed(set_aside, exclude=decision if decision.pk else None)
    if others + amount > set_aside.amount:
        raise ServiceRefused(
            "set_aside_exceeded",
            REFUSED_SET_ASIDE_EXCEEDED,
            {
                "amount": amount,
                "total": others + amount,
                "set_aside": set_aside.amount,
                "left": set_aside.amount - others,
            },
            field="amount",
        )
    return set_aside


@transaction.atomic
def set_aside_decision_draft(
    *, actor, set_aside, organisation, participants: int, amount: Decimal
) -> Decision:
    """Draft a decision that draws on ``set_aside`` for one owner: ``amount`` kroner of
    the round's year for ``participants`` participants (facilitation funds per
    participant, say). From here it goes the way of every decision: changed with
    ``decision_update``, approved by a second caseworker with ``decision_issue``,
    its letter, payments and appeals. Refused when the set-aside's decisions would
    come to more than its amount, for a second decision to the same owner, or for
    a recipient that is not an owner."""
    amount = _whole_kroner(amount)
    if not isinstance(participants, int) or participants < 1:
        raise ServiceRefused("participants", REFUSED_PARTICIPANTS, field="participants")
    round_ = set_aside.round
    in_office = (
        organisation.county is not None and organisation.county.office_id == round_.office_id
    )
    if organisation.kind not in OWNER_KINDS or not in_office:
        raise ServiceRefused("set_aside_recipient", REFUSED_SET_ASIDE_RECIPIENT, field="owner")
    decision = Decision(
        round=round_,
        set_aside=set_aside,
        recipient_kind=RecipientKind.OWNER,
        recipient_organisation=organisation,
        participants=participants,
        measures=set_aside.purpose,
        reporting_deadline=round_.annual_report_deadline,
        prepared_by=actor,
        recommended_year1=amount,
    )
    _check_set_aside(decision, amount=amount)
    if Decision.objects.filter(set_aside=set_aside, recipient_organisation=organisation).exists():
        raise ServiceRefused(
            "set_aside_exists", REFUSED_SET_ASIDE_EXISTS, {"owner": organisation}, field="owner"
        )
    decision.save()
    # Year-1 money only, in the set-aside's category.
    _write_amounts(decision, {(round_.year, set_aside.category): amount})
    _event(
        decision,
        actor=actor,
        kind="decision.drafted",
        after={
            "set_aside": set_aside.pk,
            "participants": participants,
            "amounts": [str(a) for a in decision.amounts],
        },
    )
    return decision

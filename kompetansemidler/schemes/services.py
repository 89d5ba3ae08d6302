"""Writes: rule sets, rounds, phase transitions and commitments.

Each service checks what it needs, changes the data and records a history
event in one transaction. Services never see the request; permission checks
stay in the views (the policy layer), rule checks are here.
"""

import datetime
from dataclasses import replace
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _

from kompetansemidler.core.actors import stored_actor
from kompetansemidler.core.dates import business_date_problem
from kompetansemidler.core.money import MAX_KRONER, kroner_problem
from kompetansemidler.core.workflow import RefusalFinding, ServiceRefused
from kompetansemidler.history.services import event_record
from kompetansemidler.rules import RuleSetParameters
from kompetansemidler.rules.allocation import (
    SetAsideFact,
    check_earmark_cap_of_allocation,
    check_not_overbound,
)
from kompetansemidler.rules.needs import GENERAL

from .extensions import round_decided, round_opened
from .messages import as_refusal_findings
from .models import (
    Allocation,
    AllocationEntry,
    AllocationKind,
    Commitment,
    Round,
    RuleSet,
    Scheme,
    SetAside,
)
from .selectors import round_money_flow
from .workflow import WORKFLOW

DEADLINE_FIELDS = (
    "needs_deadline",
    "recommendation_deadline",
    "decision_deadline",
    "annual_report_deadline",
)

ERROR_RULE_SET_EXISTS = _("%(scheme)s already has a rule set for %(year)s.")
ERROR_ROUND_EXISTS = _(
    "%(office)s already has a %(scheme)s round for %(year)s. Open that round instead."
)
ERROR_NO_RULE_SET = _(
    "There is no rule set for %(scheme)s in %(year)s yet. The national administrator (Udir) "
    "must add it before the round can be opened."
)
ERROR_FRAME_REQUIRED = _(
    "Udir has not registered an allocation for this office, scheme and year yet: give the "
    "frame in whole kroner."
)
ERROR_FIRST_ENTRY_INITIAL = _(
    "The first entry of an allocation is the initial allocation; later changes are revisions, "
    "returns or supplements."
)
ERROR_INITIAL_EXISTS = _(
    "This allocation already has its initial entry: record the change as a revision, a return "
    "or a supplement."
)
ERROR_ENTRY_ZERO = _("A change of 0 kroner changes nothing.")
ERROR_ENTRY_SIGN = _("%(kind)s adds money: give a positive amount.")
ERROR_ENTRY_RETURNED_SIGN = _(
    "Money returned to Udir lowers the allocation: give a negative amount."
)
ERROR_ALLOCATION_NEGATIVE = _(
    "The allocation would become %(total)s kroner; it cannot be less than 0."
)
ERROR_REASON_REQUIRED = _("Give the reason for the change.")
ERROR_CATEGORY = _("“%(category)s” is not a category of this round's rule set.")
ERROR_SET_ASIDE_WITHDRAWN = _("This set-aside is withdrawn and can no longer be changed.")
ERROR_COMMITMENT_WITHDRAWN = _("This commitment is withdrawn and can no longer be changed.")
ERROR_COMMITMENT_SOURCE = _("Name the earlier decision the money is bound by.")
ERROR_COMMITMENT_OVER_FRAME = _(
    "A commitment of %(amount)s kroner is more than the %(room)s kroner the round's frame of "
    "%(frame)s kroner has left after %(committed)s kroner already committed."
)
ERROR_FORUM_DECISION = _("Quote the forum's decision from its minutes.")
ERROR_SET_ASIDE_DECIDED = _(
    "Decisions already draw on this set-aside: it can be raised, but not lowered, moved to "
    "another category or withdrawn."
)

ERROR_DEADLINE_REQUIRED = _("Give the date.")
ERROR_DEADLINE_ORDER = _("This deadline must come after the deadline for %(previous)s.")

ERROR_PARAMETERS = _("The rule set's parameters do not meet the rules; see each field.")

DEADLINE_NAMES = {
    "needs_deadline": _("needs reports"),
    "recommendation_deadline": _("the recommendation"),
    "decision_deadline": _("decisions"),
    "annual_report_deadline": _("the annual report"),
}


def _invalid(problems: list[RefusalFinding]) -> ServiceRefused:
    """The refusal of input that broke a rule: every problem, each on its field."""
    return ServiceRefused("invalid", problems[0].message, findings=problems)


def _rule_set_snapshot(rule_set: RuleSet) -> dict:
    return {
        "parameters": rule_set.parameters,
        "valid_from": rule_set.valid_from.isoformat(),
        "notes": rule_set.notes,
    }


def _parsed(parameters: dict) -> dict:
    parsed, findings = RuleSetParameters.from_dict(parameters)
    if findings or parsed is None:
        raise ServiceRefused("findings", ERROR_PARAMETERS, findings=as_refusal_findings(findings))
    return parsed.to_dict()


def rule_set_update(
    *,
    actor,
    rule_set: RuleSet,
    parameters: dict,
    valid_from: datetime.date,
    notes: str,
) -> RuleSet:
    """Change a rule set's parameters; the event keeps the values before and after."""
    normalised = _parsed(parameters)
    with transaction.atomic():
        rule_set = RuleSet.objects.select_for_update().get(pk=rule_set.pk)
        before = _rule_set_snapshot(rule_set)
        rule_set.parameters = normalised
        rule_set.valid_from = valid_from
        rule_set.notes = notes
        rule_set.updated_by = stored_actor(actor)
        rule_set.save()
        after = _rule_set_snapshot(rule_set)
        if before != after:
            changed = sorted(
                name
                for name in {*before["parameters"], *after["parameters"]}
                if before["parameters"].get(name) != after["parameters"].get(name)
            )
            event_record(
                actor=actor,
                kind="rule_set.changed",
                obj=rule_set,
                before=before,
                after=after,
                summary=f"Changed: {', '.join(changed) or 'valid from, notes'}",
            )
    return rule_set


def rule_set_create(
    *,
    actor,
    scheme: Scheme,
    year: int,
    parameters: dict,
    valid_from: datetime.date,
    notes: str = "",
) -> RuleSet:
    """A new year's rule set, as data: no code change, no migration."""
    normalised = _parsed(parameters)
    exists = _invalid(
        [
            RefusalFinding(
                "rule_set_exists",
                ERROR_RULE_SET_EXISTS % {"scheme": scheme, "year": year},
                field="year",
            )
        ]
    )
    if RuleSet.objects.filter(scheme=scheme, year=year).exists():
        raise exists
    try:
        with transaction.atomic():
            rule_set = RuleSet.objects.create(
                scheme=scheme,
                year=year,
                parameters=normalised,
                valid_from=valid_from,
                notes=notes,
                updated_by=stored_actor(actor),
            )
            event_record(
                actor=actor,
                kind="rule_set.created",
                obj=rule_set,
                after=_rule_set_snapshot(rule_set),
                summary=str(rule_set),
            )
    except IntegrityError:
        # Two administrators saving the same year at once: the second is told why.
        raise exists from None
    return rule_set


def _round_errors(*, frame: Decimal, deadlines: dict[str, datetime.date]) -> list[RefusalFinding]:
    errors: list[RefusalFinding] = []
    problem = kroner_problem(frame)
    if problem:
        errors.append(RefusalFinding("frame", problem, field="frame"))
    previous = None
    for name in DEADLINE_FIELDS:
        value = deadlines.get(name)
        if value is None:
            continue
        problem = business_date_problem(value)
        if problem:
            errors.append(RefusalFinding("date_range", problem, field=name))
            continue
        if previous and value <= deadlines[previous]:
            errors.append(
                RefusalFinding(
                    "deadline_order",
                    ERROR_DEADLINE_ORDER % {"previous": DEADLINE_NAMES[previous]},
                    field=name,
                )
            )
        previous = name
    return errors


def round_create(
    *,
    actor,
    office,
    scheme: Scheme,
    year: int,
    needs_deadline: datetime.date,
    recommendation_deadline: datetime.date,
    decision_deadline: datetime.date,
    annual_report_deadline: datetime.date,
    frame: Decimal | None = None,
) -> Round:
    """Open a round (phase: planned) for one scheme, year and office.

    The frame is the current sum of Udir's allocation for the office, scheme and
    year when one is registered (a typed ``frame`` is then ignored); without an
    allocation the typed frame is used. Raises ServiceRefused with every
    problem: deadlines out of order, a bad or missing frame, no rule set for the
    year, or a round that already exists.
    """
    allocation = Allocation.objects.filter(office=office, scheme=scheme, year=year).first()
    if allocation is not None:
        frame = allocation.amount
    elif frame is None:
        raise _invalid([RefusalFinding("frame", ERROR_FRAME_REQUIRED, field="frame")])
    deadlines = {
        "needs_deadline": needs_deadline,
        "recommendation_deadline": recommendation_deadline,
        "decision_deadline": decision_deadline,
        "annual_report_deadline": annual_report_deadline,
    }
    errors = _round_errors(frame=frame, deadlines=deadlines)
    names = {"scheme": scheme, "year": year, "office": office}
    rule_set = RuleSet.objects.filter(scheme=scheme, year=year).first()
    if rule_set is None:
        errors.append(RefusalFinding("no_rule_set", ERROR_NO_RULE_SET % names, field="year"))
    exists = Round.objects.filter(scheme=scheme, year=year, office=office).exists()
    if exists:
        errors.append(RefusalFinding("round_exists", ERROR_ROUND_EXISTS % names))
    if errors:
        raise _invalid(errors)
    assert rule_set is not None  # a missing one is in ``errors``
    try:
        with transaction.atomic():
            round_ = Round.objects.create(
                scheme=scheme,
                year=year,
                office=office,
                rule_set=rule_set,
                frame=frame,
                created_by=stored_actor(actor),
                **deadlines,
            )
            event_record(
                actor=actor,
                kind="round.created",
                obj=round_,
                office=office,
                summary=str(round_),
                after={
                    "frame": str(frame),
                    "from_allocation": allocation is not None,
                    "phase": round_.phase,
                    **{k: v.isoformat() for k, v in deadlines.items()},
                },
            )
            round_opened(actor=actor, round_=round_)
    except IntegrityError:
        raise _invalid([RefusalFinding("round_exists", ERROR_ROUND_EXISTS % names)]) from None
    return round_


def _round_transition(*, actor, round_: Round, verb: str) -> Round:
    target = WORKFLOW[verb].target
    with transaction.atomic():
        locked = Round.objects.select_for_update().get(pk=round_.pk)
        WORKFLOW.apply(
            locked,
            verb,
            actor=actor,
            office=locked.office,
            summary=f"{locked.phase} → {target}",
        )
    round_.phase = locked.phase
    return locked


def round_open_for_needs(*, actor, round: Round) -> Round:  # noqa: A002 — the domain word
    return _round_transition(actor=actor, round_=round, verb="open_for_needs")


def round_start_prioritising(*, actor, round: Round) -> Round:  # noqa: A002
    return _round_transition(actor=actor, round_=round, verb="start_prioritising")


def round_start_deciding(*, actor, round: Round) -> Round:  # noqa: A002
    return _round_transition(actor=actor, round_=round, verb="start_deciding")


def round_start_implementing(*, actor, round: Round) -> Round:  # noqa: A002
    return _round_transition(actor=actor, round_=round, verb="start_implementing")


def round_start_reporting(*, actor, round: Round) -> Round:  # noqa: A002
    return _round_transition(actor=actor, round_=round, verb="start_reporting")


def round_close(*, actor, round: Round) -> Round:  # noqa: A002
    return _round_transition(actor=actor, round_=round, verb="close")


ERROR_DEADLINES_UNCHANGED = _("The deadlines are as before: change at least one.")


def round_deadlines_correct(
    *,
    actor,
    round: Round,
    deadlines: dict[str, datetime.date],
    reason: str,  # noqa: A002
) -> Round:
    """Correct the round's deadlines after it is opened, with the reason.

    Only the deadlines change: decisions already issued keep the reporting
    deadline their letters state, while every rule that reads the round's
    deadline when it runs (a needs report's lateness, reminders) follows the
    corrected one. The history keeps the old and new dates. Raises
    ServiceRefused with every problem: a missing reason, dates out of order or
    out of range, or nothing changed.
    """
    new = {name: deadlines[name] for name in DEADLINE_FIELDS if deadlines.get(name) is not None}
    problems = [p for p in _round_errors(frame=Decimal(0), deadlines=new) if p.field != "frame"]
    problems += [
        RefusalFinding("required", ERROR_DEADLINE_REQUIRED, field=name)
        for name in DEADLINE_FIELDS
        if name not in new
    ]
    if not (reason or "").strip():
        problems.append(RefusalFinding("reason", ERROR_REASON_REQUIRED, field="reason"))
    if problems:
        raise _invalid(problems)
    with transaction.atomic():
        current = Round.objects.select_for_update().get(pk=round.pk)
        changed = [name for name in DEADLINE_FIELDS if getattr(current, name) != new[name]]
        if not changed:
            raise ServiceRefused("unchanged", ERROR_DEADLINES_UNCHANGED)
        before = {name: getattr(current, name).isoformat() for name in changed}
        for name in changed:
            setattr(current, name, new[name])
        current.save(update_fields=[*changed, "updated_at"])
        event_record(
            actor=actor,
            kind="round.deadlines_corrected",
            obj=current,
            office=current.office,
            summary=reason.strip(),
            before=before,
            after={name: getattr(current, name).isoformat() for name in changed},
        )
    return current


# The service for each verb of the transition table; views look them up here.
ROUND_SERVICES = {
    "open_for_needs": round_open_for_needs,
    "start_prioritising": round_start_prioritising,
    "start_deciding": round_start_deciding,
    "start_implementing": round_start_implementing,
    "start_reporting": round_start_reporting,
    "close": round_close,
}


def _kroner(value: Decimal) -> str:
    return number_format(value, decimal_pos=0, force_grouping=True)


def _commitment_problems(
    round_: Round, *, amount, source: str, category: str, without: Commitment | None = None
) -> list[RefusalFinding]:
    """A typed commitment names its source and a category of the round's rule set,
    and binds no more than the round's frame less what is already committed."""
    problems = []
    problem = kroner_problem(amount, min_value=Decimal(1))
    if problem:
        problems.append(RefusalFinding("amount", problem, field="amount"))
    if not (source or "").strip():
        problems.append(RefusalFinding("source", ERROR_COMMITMENT_SOURCE, field="source"))
    if category not in {GENERAL, *round_.rule_set.params.earmarked_codes}:
        problems.append(
            RefusalFinding("category", ERROR_CATEGORY % {"category": category}, field="category")
        )
    if not problem:
        committed = round_.committed - (without.amount if without is not None else Decimal(0))
        room = round_.frame - committed
        if amount > room:
            problems.append(
                RefusalFinding(
                    "over_frame",
                    ERROR_COMMITMENT_OVER_FRAME
                    % {
                        "amount": _kroner(amount),
                        "room": _kroner(room),
                        "frame": _kroner(round_.frame),
                        "committed": _kroner(committed),
                    },
                    field="amount",
                )
            )
    return problems


def _commitment_snapshot(commitment: Commitment) -> dict:
    return {
        "commitment": commitment.pk,
        "amount": str(commitment.amount),
        "source": commitment.source,
        "category": commitment.category,
        "budget_year": commitment.round.year,
    }


def commitment_add(
    *,
    actor,
    round: Round,  # noqa: A002
    amount: Decimal,
    source: str,
    source_round: Round | None = None,
    category: str = GENERAL,
) -> Commitment:
    """Register money a multi-year decision from before the product has already bound
    in ``round`` (its budget year is the round's year), in ``category`` (``general``
    or one of the rule set's earmarked categories), with its source in words.

    Decisions made in the product commit their later years by themselves; this is
    for the history before it."""
    with transaction.atomic():
        round_ = (
            Round.objects.select_related("rule_set", "office").select_for_update().get(pk=round.pk)
        )
        problems = _commitment_problems(round_, amount=amount, source=source, category=category)
        if problems:
            raise _invalid(problems)
        commitment = Commitment.objects.create(
            round=round_,
            amount=amount,
            category=category,
            source=source.strip(),
            source_round=source_round,
            created_by=stored_actor(actor),
        )
        event_record(
            actor=actor,
            kind="round.commitment_added",
            obj=round_,
            office=round_.office,
            after=_commitment_snapshot(commitment),
            summary=commitment.source,
        )
    return commitment


def commitment_correct(
    *, actor, commitment: Commitment, amount: Decimal, source: str, category: str, reason: str
) -> Commitment:
    """Correct a typed commitment; the history keeps what it was and why it changed."""
    with transaction.atomic():
        round_ = (
            Round.objects.select_related("rule_set", "office")
            .select_for_update()
            .get(pk=commitment.round_id)
        )
        current = Commitment.objects.select_for_update().get(pk=commitment.pk)
        if not current.is_active:
            raise ServiceRefused("withdrawn", ERROR_COMMITMENT_WITHDRAWN)
        problems = _commitment_problems(
            round_, amount=amount, source=source, category=category, without=current
        )
        if not (reason or "").strip():
            problems.append(RefusalFinding("reason", ERROR_REASON_REQUIRED, field="reason"))
        if problems:
            raise _invalid(problems)
        before = _commitment_snapshot(current)
        current.amount, current.source, current.category = amount, source.strip(), category
        current.save(update_fields=["amount", "source", "category"])
        event_record(
            actor=actor,
            kind="round.commitment_corrected",
            obj=round_,
            office=round_.office,
            summary=reason.strip(),
            before=before,
            after=_commitment_snapshot(current),
        )
    return current


def commitment_withdraw(*, actor, commitment: Commitment, reason: str) -> Commitment:
    """Withdraw a typed commitment registered in error: its money is available again."""
    if not (reason or "").strip():
        raise ServiceRefused("reason", ERROR_REASON_REQUIRED, field="reason")
    with transaction.atomic():
        round_ = (
            Round.objects.select_related("office").select_for_update().get(pk=commitment.round_id)
        )
        current = Commitment.objects.select_for_update().get(pk=commitment.pk)
        if not current.is_active:
            raise ServiceRefused("withdrawn", ERROR_COMMITMENT_WITHDRAWN)
        current.withdrawn_at = timezone.now()
        current.withdrawn_reason = reason.strip()
        current.save(update_fields=["withdrawn_at", "withdrawn_reason"])
        event_record(
            actor=actor,
            kind="round.commitment_withdrawn",
            obj=round_,
            office=round_.office,
            summary=reason.strip(),
            before=_commitment_snapshot(current),
        )
    return current


def _entry_problems(
    *, allocation: Allocation, kind: str, amount, dated, reason: str
) -> list[RefusalFinding]:
    problems = []
    amount_problem = kroner_problem(amount, min_value=-MAX_KRONER)
    if amount_problem:
        problems.append(RefusalFinding("amount", amount_problem, field="amount"))
    elif amount == 0:
        problems.append(RefusalFinding("amount", ERROR_ENTRY_ZERO, field="amount"))
    elif kind in (AllocationKind.INITIAL, AllocationKind.SUPPLEMENTARY) and amount < 0:
        problems.append(
            RefusalFinding(
                "amount",
                ERROR_ENTRY_SIGN % {"kind": AllocationKind(kind).label},
                field="amount",
            )
        )
    elif kind == AllocationKind.RETURNED and amount > 0:
        problems.append(RefusalFinding("amount", ERROR_ENTRY_RETURNED_SIGN, field="amount"))
    elif allocation.amount + amount < 0:
        problems.append(
            RefusalFinding(
                "amount",
                ERROR_ALLOCATION_NEGATIVE % {"total": allocation.amount + amount},
                field="amount",
            )
        )
    has_entries = allocation.pk is not None and allocation.entries.exists()
    if kind == AllocationKind.INITIAL and has_entries:
        problems.append(RefusalFinding("kind", ERROR_INITIAL_EXISTS, field="kind"))
    if kind != AllocationKind.INITIAL and not has_entries:
        problems.append(RefusalFinding("kind", ERROR_FIRST_ENTRY_INITIAL, field="kind"))
    date_problem = business_date_problem(dated)
    if dated is None or date_problem:
        problems.append(
            RefusalFinding("dated", date_problem or ERROR_REASON_REQUIRED, field="dated")
        )
    if not (reason or "").strip():
        problems.append(RefusalFinding("reason", ERROR_REASON_REQUIRED, field="reason"))
    return problems


def allocation_enter(
    *,
    actor,
    office,
    scheme: Scheme,
    year: int,
    kind: str,
    amount: Decimal,
    dated: datetime.date,
    reason: str,
) -> AllocationEntry:
    """Record Udir's allocation to ``office`` for ``scheme`` and ``year``, or a
    change of it, as a new dated, reasoned entry (never an overwrite).

    The allocation's current sum and the frame of the office's round for the
    scheme and year (if opened) change in the same transaction. A cut may leave
    the round's available amount negative; the recommendation and decision
    checks then block new money with ALLOCATION_OVERBOUND.
    """
    if kind not in AllocationKind.values:
        raise ServiceRefused("kind", ERROR_FIRST_ENTRY_INITIAL, field="kind")
    with transaction.atomic():
        allocation, _created = Allocation.objects.get_or_create(
            office=office, scheme=scheme, year=year
        )
        allocation = Allocation.objects.select_for_update().get(pk=allocation.pk)
        problems = _entry_problems(
            allocation=allocation, kind=kind, amount=amount, dated=dated, reason=reason
        )
        if problems:
            raise _invalid(problems)
        before = allocation.amount
        allocation.amount = before + amount
        allocation.save(update_fields=["amount"])
        entry = AllocationEntry.objects.create(
            allocation=allocation,
            kind=kind,
            amount=amount,
            dated=dated,
            reason=reason.strip(),
            created_by=stored_actor(actor),
        )
        event_record(
            actor=actor,
            kind="allocation.entered",
            obj=allocation,
            office=office,
            summary=reason.strip(),
            before={"amount": str(before)},
            after={
                "amount": str(allocation.amount),
                "change": str(amount),
                "kind": kind,
                "dated": dated.isoformat(),
            },
        )
        round_ = (
            Round.objects.select_for_update()
            .filter(office=office, scheme=scheme, year=year)
            .first()
        )
        if round_ is not None and round_.frame != allocation.amount:
            old_frame = round_.frame
            round_.frame = allocation.amount
            round_.save(update_fields=["frame", "updated_at"])
            event_record(
                actor=actor,
                kind="round.frame_changed",
                obj=round_,
                office=office,
                summary=reason.strip(),
                before={"frame": str(old_frame)},
                after={"frame": str(round_.frame)},
            )
    return entry


def _set_aside_problems(
    *, round_: Round, purpose: str, category: str, amount, forum_decision_text: str, dated
) -> list[RefusalFinding]:
    problems = []
    amount_problem = kroner_problem(amount, min_value=Decimal(1))
    if amount_problem:
        problems.append(RefusalFinding("amount", amount_problem, field="amount"))
    if not (purpose or "").strip():
        problems.append(RefusalFinding("purpose", ERROR_REASON_REQUIRED, field="purpose"))
    categories = {GENERAL, *round_.rule_set.params.earmarked_codes}
    if category not in categories:
        problems.append(
            RefusalFinding("category", ERROR_CATEGORY % {"category": category}, field="category")
        )
    if not (forum_decision_text or "").strip():
        problems.append(
            RefusalFinding("forum_decision", ERROR_FORUM_DECISION, field="forum_decision_text")
        )
    date_problem = business_date_problem(dated)
    if dated is None or date_problem:
        problems.append(
            RefusalFinding(
                "forum_decision_date",
                date_problem or ERROR_FORUM_DECISION,
                field="forum_decision_date",
            )
        )
    return problems


def _money_problems(round_: Round, *, without: SetAside | None, amount, category) -> list:
    """The money rules on the round with ``amount`` in ``category`` set aside
    (in place of ``without``): not over-bound, and the earmark cap holds."""
    flow = round_money_flow(round_)
    if without is not None and without.is_active:
        kept = list(flow.set_asides)
        kept.remove(SetAsideFact(amount=without.amount, category=without.category))
        flow = replace(flow, set_asides=tuple(kept))
    flow = replace(
        flow, set_asides=(*flow.set_asides, SetAsideFact(amount=amount, category=category))
    )
    # Year 1 of the round's issued decisions is bound too (round_extensions.DECIDED).
    decided = round_decided(round_)
    params = round_.rule_set.params
    findings = check_not_overbound(flow, decided=decided, target="amount")
    findings += check_earmark_cap_of_allocation(
        flow,
        earmarked_codes=params.earmarked_codes,
        cap_share=params.earmark_cap_share,
        target="amount",
    )
    return as_refusal_findings(findings)


def _set_aside_snapshot(set_aside: SetAside) -> dict:
    return {
        "purpose": set_aside.purpose,
        "category": set_aside.category,
        "amount": str(set_aside.amount),
        "forum_decision_date": set_aside.forum_decision_date.isoformat(),
        "forum_decision_text": set_aside.forum_decision_text,
    }


def set_aside_add(
    *,
    actor,
    round: Round,  # noqa: A002
    purpose: str,
    category: str,
    amount: Decimal,
    forum_decision_date: datetime.date,
    forum_decision_text: str,
) -> SetAside:
    """Record part of the round's allocation set aside on the forum's decision."""
    with transaction.atomic():
        round_ = Round.objects.select_related("rule_set").select_for_update().get(pk=round.pk)
        problems = _set_aside_problems(
            round_=round_,
            purpose=purpose,
            category=category,
            amount=amount,
            forum_decision_text=forum_decision_text,
            dated=forum_decision_date,
        )
        if problems:
            raise _invalid(problems)
        money = _money_problems(round_, without=None, amount=amount, category=category)
        if money:
            raise _invalid(money)
        set_aside = SetAside.objects.create(
            round=round_,
            purpose=purpose.strip(),
            category=category,
            amount=amount,
            forum_decision_date=forum_decision_date,
            forum_decision_text=forum_decision_text.strip(),
            recorded_by=stored_actor(actor),
        )
        event_record(
            actor=actor,
            kind="round.set_aside_added",
            obj=round_,
            office=round_.office,
            summary=set_aside.purpose,
            after={"set_aside": set_aside.pk, **_set_aside_snapshot(set_aside)},
        )
    return set_aside


def set_aside_correct(
    *,
    actor,
    set_aside: SetAside,
    purpose: str,
    category: str,
    amount: Decimal,
    forum_decision_date: datetime.date,
    forum_decision_text: str,
    reason: str,
) -> SetAside:
    """Correct a set-aside; the history keeps what it was and why it changed."""
    with transaction.atomic():
        round_ = (
            Round.objects.select_related("rule_set").select_for_update().get(pk=set_aside.round_id)
        )
        current = SetAside.objects.select_for_update().get(pk=set_aside.pk)
        if not current.is_active:
            raise ServiceRefused("withdrawn", ERROR_SET_ASIDE_WITHDRAWN)
        problems = _set_aside_problems(
            round_=round_,
            purpose=purpose,
            category=category,
            amount=amount,
            forum_decision_text=forum_decision_text,
            dated=forum_decision_date,
        )
        if not (reason or "").strip():
            problems.append(RefusalFinding("reason", ERROR_REASON_REQUIRED, field="reason"))
        if problems:
            raise _invalid(problems)
        money = _money_problems(round_, without=current, amount=amount, category=category)
        if money:
            raise _invalid(money)
        # Its decisions (the decisions app's, through the reverse relation) keep it whole.
        if current.decisions.exists() and (amount < current.amount or category != current.category):
            raise ServiceRefused("set_aside_decided", ERROR_SET_ASIDE_DECIDED, field="amount")
        before = _set_aside_snapshot(current)
        current.purpose = purpose.strip()
        current.category = category
        current.amount = amount
        current.forum_decision_date = forum_decision_date
        current.forum_decision_text = forum_decision_text.strip()
        current.save()
        after = _set_aside_snapshot(current)
        changed = [k for k in after if after[k] != before[k]]
        event_record(
            actor=actor,
            kind="round.set_aside_corrected",
            obj=round_,
            office=round_.office,
            summary=reason.strip(),
            before={"set_aside": current.pk, **{k: before[k] for k in changed}},
            after={"set_aside": current.pk, **{k: after[k] for k in changed}},
        )
    return current


def set_aside_withdraw(*, actor, set_aside: SetAside, reason: str) -> SetAside:
    """Withdraw a set-aside: its money is available to the forum again."""
    if not (reason or "").strip():
        raise ServiceRefused("reason", ERROR_REASON_REQUIRED, field="reason")
    with transaction.atomic():
        round_ = Round.objects.select_for_update().get(pk=set_aside.round_id)
        current = SetAside.objects.select_for_update().get(pk=set_aside.pk)
        if not current.is_active:
            raise ServiceRefused("withdrawn", ERROR_SET_ASIDE_WITHDRAWN)
        if current.decisions.exists():
            raise ServiceRefused("set_aside_decided", ERROR_SET_ASIDE_DECIDED)
        current.withdrawn_at = timezone.now()
        current.withdrawn_reason = reason.strip()
        current.save(update_fields=["withdrawn_at", "withdrawn_reason"])
        event_record(
            actor=actor,
            kind="round.set_aside_withdrawn",
            obj=round_,
            office=round_.office,
            summary=reason.strip(),
            before={"set_aside": current.pk, **_set_aside_snapshot(current)},
        )
    return current

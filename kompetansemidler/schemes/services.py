"""Writes: rule sets, rounds, phase transitions and commitments.

Each service checks what it needs, changes the data and records a history
event in one transaction. Services never see the request; permission checks
stay in the views (the policy layer), rule checks are here.
"""

import datetime
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.utils.translation import gettext_lazy as _

from kompetansemidler.core.dates import business_date_problem
from kompetansemidler.core.money import kroner_problem
from kompetansemidler.core.workflow import RefusalFinding, ServiceRefused
from kompetansemidler.history.services import event_record
from kompetansemidler.rules import RuleSetParameters

from .extensions import round_opened
from .messages import as_refusal_findings
from .models import Commitment, Round, RuleSet, Scheme
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
        rule_set.updated_by = actor if getattr(actor, "is_authenticated", False) else None
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
                updated_by=actor if getattr(actor, "is_authenticated", False) else None,
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
    frame: Decimal,
    needs_deadline: datetime.date,
    recommendation_deadline: datetime.date,
    decision_deadline: datetime.date,
    annual_report_deadline: datetime.date,
) -> Round:
    """Open a round (phase: planned) for one scheme, year and office.

    Raises ServiceRefused with every problem: deadlines out of order, a bad
    frame, no rule set for the year, or a round that already exists.
    """
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
                created_by=actor if getattr(actor, "is_authenticated", False) else None,
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


# The service for each verb of the transition table; views look them up here.
ROUND_SERVICES = {
    "open_for_needs": round_open_for_needs,
    "start_prioritising": round_start_prioritising,
    "start_deciding": round_start_deciding,
    "start_implementing": round_start_implementing,
    "start_reporting": round_start_reporting,
    "close": round_close,
}


def commitment_add(
    *,
    actor,
    round: Round,
    amount: Decimal,
    source: str,  # noqa: A002
    source_round: Round | None = None,
) -> Commitment:
    """Register money an earlier multi-year decision has already bound in ``round``."""
    problem = kroner_problem(amount, min_value=Decimal(1))
    if problem:
        raise ServiceRefused("amount", problem, field="amount")
    with transaction.atomic():
        commitment = Commitment.objects.create(
            round=round,
            amount=amount,
            source=source,
            source_round=source_round,
            created_by=actor if getattr(actor, "is_authenticated", False) else None,
        )
        event_record(
            actor=actor,
            kind="round.commitment_added",
            obj=round,
            office=round.office,
            after={"amount": str(amount), "source": source},
            summary=source,
        )
    return commitment

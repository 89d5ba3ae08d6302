"""Writes: starting an annual report pre-filled from the decision, saving it,
and its lifecycle draft → submitted → returned → approved.

Each state change is a named verb that checks the source state against the one
transition table below and writes a history event, in one transaction.
Approval feeds the unused money into the decisions app's repayment/carry-over
decision (``unused_funds_decide``).
"""

from dataclasses import replace
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kompetansemidler.archive.models import EntryType, PartyRole
from kompetansemidler.archive.services import Party, document_journal
from kompetansemidler.core.money import kroner_problem
from kompetansemidler.core.workflow import (
    RefusalFinding,
    ServiceRefused,
    StaleEdit,
    Transition,
    Workflow,
    locked,
)
from kompetansemidler.decisions.models import MAX_YEARS, Decision
from kompetansemidler.decisions.selectors import paid_total
from kompetansemidler.decisions.services import unused_funds_decide
from kompetansemidler.history.services import event_record
from kompetansemidler.recommendations.models import RecipientKind
from kompetansemidler.rules import reporting as rules
from kompetansemidler.schemes.messages import as_refusal_findings

from .models import AnnualReport, AnnualReportState, AnswerKind, GoalAnswer

__all__ = [
    "annual_report_start",
    "annual_report_save",
    "annual_report_submit",
    "annual_report_return",
    "annual_report_approve",
]

CRITERIA = (
    (
        "c2",
        _("Have the units carried out unit-based measures that promote collective development?"),
    ),
    (
        "c3",
        _(
            "Are the measures anchored in the units' needs, found in local processes that "
            "involved the staff?"
        ),
    ),
    ("c4", _("Were Sámi perspectives taken care of in the local priorities?")),
    ("c5", _("Were the measures planned and run in partnership between owner and UH?")),
    ("c6", _("Has the UH used the partnership's experience to develop teacher education?")),
    ("c7", _("Were holistic measures carried out that included the team around the child?")),
)
# Answered by the UH partner; the only part a UH partner edits.
UH_CRITERION = "c6"
KOMPETANSELOFTET_ONLY = "c7"

REFUSED_STATE = _("An annual report in the state “%(state)s” cannot be %(action)s.")
REFUSED_YEAR = _("The decision gives no money for %(year)s.")
REFUSED_EXISTS = _("The annual report for %(year)s has already been started.")
REFUSED_STALE = _(
    "Someone else saved this report while you were editing. Your text is kept below: "
    "compare with the saved report and save again."
)
REFUSED_REASON = _("Write why the report is returned, so the recipient knows what to fix.")
REFUSED_UNANSWERED = _("Answer every goal and criterion before submitting.")
REFUSED_SPLIT = _("The carried-over amount must be between 0 and the %(unused)s kroner unused.")
# The input a money finding is tied to, so a form shows it beside that field.
PROBLEM_FIELDS = {
    rules.USED_MORE_THAN_PAID.code: "used",
    rules.SPLIT_DOES_NOT_ADD_UP.code: "unused",
    rules.CO_FINANCING_NOT_DOCUMENTED.code: "co_financing_documented",
}


WORKFLOW = Workflow(
    refused=REFUSED_STATE,
    transitions={
        "submit": Transition(
            (AnnualReportState.DRAFT, AnnualReportState.RETURNED),
            AnnualReportState.SUBMITTED,
            "annual_report.submitted",
            _("submitted"),
        ),
        "return": Transition(
            (AnnualReportState.SUBMITTED,),
            AnnualReportState.RETURNED,
            "annual_report.returned",
            _("returned"),
        ),
        "approve": Transition(
            (AnnualReportState.SUBMITTED,),
            AnnualReportState.APPROVED,
            "annual_report.approved",
            _("approved"),
        ),
    },
)
EDITABLE = WORKFLOW["submit"].sources


def _event(report, *, actor, kind, summary="", after=None):
    event_record(
        actor=actor,
        kind=kind,
        obj=report,
        summary=str(summary),
        after=after,
        office=report.decision.round.office,
        organisation=report.decision.recipient_organisation,
    )


def _locked(report) -> AnnualReport:
    return locked(report, "decision__round__office", "decision__round__scheme")


def _year_amount(decision, year) -> Decimal | None:
    index = year - decision.round.year + 1
    if not 1 <= index <= MAX_YEARS:
        return None
    return decision.amount_for_budget_year(year)


def _decision_lines(decision):
    """The recommendation's lines addressed to the decision's recipient, the way
    ``decisions_draft`` grouped them, with the needs reports' units at hand.

    Reading only these keeps starting a report as cheap in a 2,000-line round
    as in a small one."""
    from kompetansemidler.recommendations.selectors import lines_for

    lines = lines_for(decision.recommendation).filter(recipient_kind=decision.recipient_kind)
    if decision.recipient_kind == RecipientKind.NETWORK:
        lines = lines.filter(recipient_network=decision.recipient_network_id)
    elif decision.recipient_kind == RecipientKind.JOINT_MEASURE:
        lines = lines.filter(partner=decision.recipient_organisation_id)
    else:
        lines = lines.filter(recipient_organisation=decision.recipient_organisation_id)
    return lines.prefetch_related("basis_report__units", "measure__report__units")


def _prefill_participants(decision) -> list[dict]:
    """One row per target group and unit of the needs reports behind the decision's measures."""
    rows, seen = [], set()
    for line in _decision_lines(decision):
        report = line.basis_report or (line.measure.report if line.measure_id else None)
        if report is None or line.title not in decision.measures.splitlines():
            continue
        groups = report.target_groups or [""]
        for unit in report.units.all():
            for group in groups:
                if (group, unit.name) not in seen:
                    seen.add((group, unit.name))
                    rows.append({"target_group": str(group), "unit": unit.name, "count": 0})
    return rows


def _criteria_for(decision):
    kompetanseloftet = decision.round.scheme.code == "kompetanseloftet"
    return [
        (key, text) for key, text in CRITERIA if key != KOMPETANSELOFTET_ONLY or kompetanseloftet
    ]


@transaction.atomic
def annual_report_start(*, actor, decision, year: int) -> AnnualReport:
    """A draft pre-filled with the decided and paid money, the measures, their goals,
    the participants' target groups and units, and the scheme's process criteria.

    The decision is locked first: of two starts at the same moment, the second
    waits and is told the report is already started."""
    decision = (
        Decision.objects.select_for_update(of=("self",))
        .select_related(
            "round__scheme", "round__office", "recipient_organisation", "recommendation"
        )
        .get(pk=decision.pk)
    )
    amount = _year_amount(decision, year)
    if not amount:
        raise ServiceRefused("year", REFUSED_YEAR, {"year": year}, field="year")
    if AnnualReport.objects.filter(decision=decision, year=year).exists():
        raise ServiceRefused("exists", REFUSED_EXISTS, {"year": year})
    paid = paid_total(decision, year=year)
    # The own financing the decision requires in this budget year (Dekom).
    required = decision.co_financing_for_budget_year(year)
    report = AnnualReport.objects.create(
        decision=decision,
        year=year,
        decided=amount,
        paid=paid,
        used=paid,
        co_financing_required=required,
        measures=decision.measures,
        participants=_prefill_participants(decision),
    )
    GoalAnswer.objects.bulk_create(
        [
            *(
                GoalAnswer(
                    report=report,
                    kind=AnswerKind.GOAL,
                    key=f"goal-{position}",
                    position=position,
                    question=str(
                        _("Were the concrete goals of “%(title)s” reached?") % {"title": title}
                    ),
                )
                for position, title in enumerate(decision.measures.splitlines(), start=1)
            ),
            *(
                GoalAnswer(
                    report=report,
                    kind=AnswerKind.CRITERION,
                    key=key,
                    position=offset,
                    question=str(text),
                )
                for offset, (key, text) in enumerate(_criteria_for(decision), start=1)
            ),
        ]
    )
    _event(report, actor=actor, kind="annual_report.started", after={"year": year})
    return report


def _transition(report, name, *, actor, summary="", after=None, **changes) -> AnnualReport:
    return WORKFLOW.apply(
        report,
        name,
        actor=actor,
        summary=summary,
        after=after,
        office=report.decision.round.office,
        organisation=report.decision.recipient_organisation,
        lock_version=report.lock_version + 1,
        **changes,
    )


def money_findings(report) -> list[RefusalFinding]:
    """The money figures' problems, each tied to the field to fix."""
    findings = rules.money_problems(paid=report.paid, used=report.used, unused=report.unused)
    findings += rules.co_financing_problems(
        required=report.co_financing_required, documented=report.co_financing_documented
    )
    return [
        replace(refusal, field=PROBLEM_FIELDS.get(refusal.code, refusal.field))
        for refusal in as_refusal_findings(findings)
    ]


def money_messages(report) -> list[str]:
    return [str(finding.message) for finding in money_findings(report)]


@transaction.atomic
def annual_report_save(
    *,
    actor,
    report,
    lock_version: int,
    values: dict | None,
    answers: dict[str, tuple[str, str]],
    participants: list[dict] | None = None,
    submit: bool = False,
) -> AnnualReport:
    """Save the recipient's answers; ``values`` is None for a UH partner, who saves only
    criterion 6. A save based on an older version than the stored one is refused.

    With ``submit`` the report is submitted too (``annual_report_submit``), in the
    same transaction: a refused submit saves nothing either, and the page shows
    the typed values back with the reason, to correct or to save without submitting.
    """
    current = _locked(report)
    if current.state not in EDITABLE:
        raise WORKFLOW.refuse(current, _("changed"), EDITABLE)
    if current.lock_version != lock_version:
        raise StaleEdit(current, REFUSED_STALE)
    if values is not None:
        for field in ("used", "unused", "co_financing_documented"):
            problem = kroner_problem(values[field])
            if problem:
                raise ServiceRefused("amount", problem, field=field)
            setattr(current, field, values[field])
        if participants is not None:
            current.participants = participants
            current.participants_total, current.units_reached = rules.participants_summary(
                participants
            )
    changed = []
    for answer in current.answers.all():
        if answer.key in answers and (values is not None or answer.key == UH_CRITERION):
            answer.answer, answer.text = answers[answer.key]
            changed.append(answer)
    GoalAnswer.objects.bulk_update(changed, ["answer", "text"])
    current.lock_version += 1
    current.save()
    _event(current, actor=actor, kind="annual_report.saved")
    if submit:
        return annual_report_submit(actor=actor, report=current)
    return current


@transaction.atomic
def annual_report_submit(*, actor, report) -> AnnualReport:
    current = _locked(report)
    WORKFLOW.check(current, "submit")
    problems = money_findings(current)
    if problems:
        raise ServiceRefused("money", " ".join(str(p.message) for p in problems), findings=problems)
    if current.answers.filter(answer="").exists():
        raise ServiceRefused("unanswered", REFUSED_UNANSWERED)
    submitted = _transition(
        current,
        "submit",
        actor=actor,
        after={"used": str(current.used), "unused": str(current.unused)},
        submitted_at=timezone.now(),
    )
    _journal(submitted, actor=actor, received=True)
    return submitted


def _journal(report, *, actor, received: bool) -> None:
    """Journal the annual report in the decision's case file: received from
    the recipient (I), or approved by the caseworker (X, an internal record
    without follow-up). The report is data in the system, so no document."""
    decision = report.decision
    round_ = decision.round
    organisation = decision.recipient_organisation
    document_journal(
        obj=decision,
        office=round_.office,
        round=round_,
        actor=actor,
        case_title=f"Tilskudd {round_} – {decision.recipient_label}",
        entry_type=EntryType.INCOMING if received else EntryType.INTERNAL_NO_FOLLOW_UP,
        title=(
            f"Årsrapport {report.year} fra {decision.recipient_label}"
            if received
            else f"Årsrapport {report.year} fra {decision.recipient_label} godkjent"
        ),
        parties=[
            Party(
                name=organisation.name,
                organisation_number=organisation.organisation_number,
                role=PartyRole.SENDER if received else PartyRole.RECIPIENT,
            )
        ],
        document_bytes=None,
        document_name="",
        document_title="",
    )


@transaction.atomic
def annual_report_return(*, actor, report, reason: str) -> AnnualReport:
    current = _locked(report)
    WORKFLOW.check(current, "return")
    if not reason.strip():
        raise ServiceRefused("no_reason", REFUSED_REASON, field="reason")
    return _transition(
        current, "return", actor=actor, summary=reason.strip(), return_reason=reason.strip()
    )


@transaction.atomic
def annual_report_approve(
    *, actor, report, carried_over: Decimal = Decimal(0), reason: str = ""
) -> AnnualReport:
    """Approve; unused money becomes a repayment/carry-over decision (all repaid unless
    the caseworker carries some of it over)."""
    current = _locked(report)
    WORKFLOW.check(current, "approve")
    if not Decimal(0) <= carried_over <= current.unused:
        raise ServiceRefused(
            "split", REFUSED_SPLIT, {"unused": current.unused}, field="carried_over"
        )
    if current.unused > 0:
        current.unused_funds = unused_funds_decide(
            actor=actor,
            decision=current.decision,
            unused=current.unused,
            repaid=current.unused - carried_over,
            carried_over=carried_over,
            reason=reason.strip()
            or str(_("Unused funds in the annual report for %(year)s.") % {"year": current.year}),
        )
    approved = _transition(
        current,
        "approve",
        actor=actor,
        after={"unused": str(current.unused), "carried_over": str(carried_over)},
        approved_at=timezone.now(),
        approved_by=actor,
    )
    _journal(approved, actor=actor, received=False)
    return approved

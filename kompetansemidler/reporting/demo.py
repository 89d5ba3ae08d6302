"""Demo annual reports: the recipients of Vestland's Kompetanseløftet 2025
decisions report on 2025 and, where the decision gives money for 2026, on
2026 too, so the statistics show two years. When there are more than two
recipients, the last one's report is still a draft and the one before it is
returned with a reason; all others are approved.

Made through the same services the recipients and the caseworker use.
Idempotent: a decision that already has annual reports is left as it is.
"""

import datetime
from decimal import Decimal

from kompetansemidler.core.workflow import ServiceRefused
from kompetansemidler.decisions.models import Decision, DecisionState
from kompetansemidler.decisions.payments import payment_approve, payment_register
from kompetansemidler.demo.cast import make_approver, make_cast

from .models import AnnualReport, Answer
from .services import (
    annual_report_approve,
    annual_report_return,
    annual_report_save,
    annual_report_start,
    annual_report_submit,
)

SCALE = (Answer.YES, Answer.YES, Answer.PARTLY, Answer.YES, Answer.NO, Answer.PARTLY)
EVIDENCE = "Vurdert saman med dei tilsette i refleksjonsmøte; sjå referat frå nettverksmøtet."


def _fill(cast, report, index: int) -> AnnualReport:
    used = (report.paid * Decimal("0.9")).to_integral_value() if index % 3 else report.paid
    participants = [
        {**row, "count": 6 + (index + i) % 9} for i, row in enumerate(report.participants)
    ]
    answers = {
        a.key: (SCALE[(index + i) % len(SCALE)], EVIDENCE)
        for i, a in enumerate(report.answers.all())
    }
    return annual_report_save(
        actor=cast.owner_rep,
        report=report,
        lock_version=report.lock_version,
        values={
            "used": used,
            "unused": report.paid - used,
            "co_financing_documented": report.co_financing_required,
        },
        answers=answers,
        participants=participants,
    )


def _report(cast, decision, year, index, *, end: str) -> None:
    report = _fill(
        cast, annual_report_start(actor=cast.owner_rep, decision=decision, year=year), index
    )
    if end == "draft":
        return
    report = annual_report_submit(actor=cast.owner_rep, report=report)
    if end == "returned":
        annual_report_return(
            actor=cast.caseworker,
            report=report,
            reason="Talet på deltakarar per eining manglar for to barnehagar.",
        )
    else:
        annual_report_approve(
            actor=cast.caseworker, report=report, reason="Ubrukte midlar skal betalast tilbake."
        )


def build() -> str:
    cast = make_cast()
    decisions = list(
        Decision.objects.filter(
            round__office=cast.vestland,
            round__scheme__code="kompetanseloftet",
            round__year=2025,
            state__in=(DecisionState.ISSUED, DecisionState.CHANGED),
            # Eirik writes the reports, so only Bergen's own grants: the round has
            # others too (Fjordbarnehagar AS's), which are not his to report on.
            recipient_organisation=cast.owner,
            recipient_network__isnull=True,
        ).order_by("id")
    )
    if not decisions or AnnualReport.objects.filter(decision__in=decisions).exists():
        return f"Annual reports: none new; {AnnualReport.objects.count()} in all."
    made = 0
    try:
        for index, decision in enumerate(decisions):
            end = (
                {len(decisions) - 1: "draft", len(decisions) - 2: "returned"}.get(index, "approved")
                if len(decisions) > 2
                else "approved"
            )
            _report(cast, decision, 2025, index, end=end)
            made += 1
            if end == "approved" and decision.amount_year2 > 0:
                payment = payment_register(
                    actor=cast.caseworker,
                    decision=decision,
                    paid_on=datetime.date(2026, 3, 1),
                    amount=decision.amount_year2,
                    note="Utbetaling år 2",
                )
                payment_approve(actor=make_approver(), payment=payment)
                _report(cast, decision, 2026, index + 1, end="approved")
                made += 1
    except ServiceRefused as refused:
        return f"Annual reports: refused ({refused}); {made} made."
    return f"Annual reports: {made} made for 2025 and 2026."

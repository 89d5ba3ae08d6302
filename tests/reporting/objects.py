"""Annual report data for tests: Bergen's issued Dekom 2026 decision, paid 600 000
kroner in 2026, with its annual report for 2026."""

import datetime
from decimal import Decimal

from kompetansemidler.reporting.models import AnnualReport
from kompetansemidler.reporting.services import annual_report_start, annual_report_submit
from tests.decisions.objects import issued_decision, paid_payment

PAID = Decimal(600000)


def paid_decision(cast):
    decision = issued_decision(cast)
    if not decision.payments.exists():
        paid_payment(cast, decision, paid_on=datetime.date(decision.round.year, 3, 1), amount=PAID)
    return decision


def draft_report(cast) -> AnnualReport:
    decision = paid_decision(cast)
    existing = AnnualReport.objects.filter(decision=decision).first()
    return existing or annual_report_start(
        actor=cast.owner_rep, decision=decision, year=decision.round.year
    )


def filled_report(cast, *, used=Decimal(550000)) -> AnnualReport:
    """Answered in full: 50 000 kroner unused."""
    report = draft_report(cast)
    report.used, report.unused = used, max(report.paid - used, 0)
    report.co_financing_documented = report.co_financing_required
    report.save()
    report.answers.update(answer="yes", text="Dokumentert i referat.")
    return report


def submitted_report(cast) -> AnnualReport:
    report = filled_report(cast)
    if report.is_editable:
        report = annual_report_submit(actor=cast.owner_rep, report=report)
    return report

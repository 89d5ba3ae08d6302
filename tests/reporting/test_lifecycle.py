from decimal import Decimal

import pytest
from django.utils import translation

from kompetansemidler.core.workflow import ServiceRefused
from kompetansemidler.decisions.models import UnusedFunds
from kompetansemidler.history.models import Event
from kompetansemidler.reporting.models import AnnualReportState, AnswerKind
from kompetansemidler.reporting.services import (
    annual_report_approve,
    annual_report_return,
    annual_report_save,
    annual_report_start,
    annual_report_submit,
)

from .objects import PAID, draft_report, filled_report, paid_decision, submitted_report

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english():
    # The refusals are matched on their English wording.
    with translation.override("en"):
        yield


def kinds(report):
    return list(
        Event.objects.filter(object_id=str(report.pk), kind__startswith="annual_report")
        .order_by("id")
        .values_list("kind", flat=True)
    )


def test_prefilled_from_decision_and_payments(cast):
    report = draft_report(cast)
    decision = report.decision
    assert report.decided == decision.amount_year1
    assert report.paid == PAID
    assert report.used == PAID and report.unused == 0
    # The own financing required in the report's budget year, not over every year.
    assert report.co_financing_required == decision.co_financing_for_budget_year(report.year)
    assert report.co_financing_required == Decimal(270_000)
    goals = report.answers.filter(kind=AnswerKind.GOAL)
    assert goals.count() == len(decision.measures.splitlines())
    assert decision.measures.splitlines()[0] in goals.first().question
    keys = list(report.answers.filter(kind=AnswerKind.CRITERION).values_list("key", flat=True))
    # Dekom: criteria 2–6, not the Kompetanseløftet question.
    assert keys == ["c2", "c3", "c4", "c5", "c6"]


def test_a_year_without_money_or_twice_is_refused(cast):
    decision = paid_decision(cast)
    with pytest.raises(ServiceRefused):
        annual_report_start(actor=cast.owner_rep, decision=decision, year=decision.round.year + 5)
    draft_report(cast)
    with pytest.raises(ServiceRefused):
        annual_report_start(actor=cast.owner_rep, decision=decision, year=decision.round.year)


def test_submit_refuses_unanswered_and_bad_money(cast):
    report = draft_report(cast)
    with pytest.raises(ServiceRefused):
        annual_report_submit(actor=cast.owner_rep, report=report)
    report = filled_report(cast, used=PAID + 1)
    with pytest.raises(ServiceRefused, match="more than"):
        annual_report_submit(actor=cast.owner_rep, report=report)


def test_co_financing_must_be_documented(cast):
    report = filled_report(cast)
    assert report.co_financing_required > 0
    report.co_financing_documented = report.co_financing_required - 1
    report.save()
    with pytest.raises(ServiceRefused, match="own financing"):
        annual_report_submit(actor=cast.owner_rep, report=report)


def test_stale_save_is_refused(cast):
    report = draft_report(cast)
    values = {"used": PAID, "unused": Decimal(0), "co_financing_documented": Decimal(1)}
    annual_report_save(
        actor=cast.owner_rep,
        report=report,
        lock_version=report.lock_version,
        values=values,
        answers={},
    )
    with pytest.raises(ServiceRefused, match="Someone else"):
        annual_report_save(
            actor=cast.owner_rep,
            report=report,
            lock_version=report.lock_version,
            values=values,
            answers={},
        )


def test_uh_partner_saves_only_criterion_six(cast):
    report = draft_report(cast)
    annual_report_save(
        actor=cast.uh_rep,
        report=report,
        lock_version=report.lock_version,
        values=None,
        answers={"c6": ("partly", "Brukt i PPU."), "c2": ("no", "x")},
    )
    assert report.answers.get(key="c6").answer == "partly"
    assert report.answers.get(key="c2").answer == ""


def test_return_with_reason_resubmit_and_approve_feeds_unused_funds(cast):
    report = submitted_report(cast)
    with pytest.raises(ServiceRefused):
        annual_report_return(actor=cast.caseworker, report=report, reason="  ")
    report = annual_report_return(
        actor=cast.caseworker, report=report, reason="Deltakartala manglar."
    )
    assert report.state == AnnualReportState.RETURNED
    assert report.return_reason == "Deltakartala manglar."
    report = annual_report_submit(actor=cast.owner_rep, report=report)
    report = annual_report_approve(
        actor=cast.caseworker, report=report, carried_over=Decimal(20000)
    )
    assert report.state == AnnualReportState.APPROVED
    funds = UnusedFunds.objects.get(decision=report.decision)
    assert (funds.unused, funds.repaid, funds.carried_over) == (50000, 30000, 20000)
    assert report.unused_funds == funds
    assert kinds(report) == [
        "annual_report.started",
        "annual_report.submitted",
        "annual_report.returned",
        "annual_report.submitted",
        "annual_report.approved",
    ]
    with pytest.raises(ServiceRefused):
        annual_report_return(actor=cast.caseworker, report=report, reason="For seint.")


def test_carry_over_more_than_unused_is_refused(cast):
    report = submitted_report(cast)
    with pytest.raises(ServiceRefused):
        annual_report_approve(actor=cast.caseworker, report=report, carried_over=Decimal(50001))
    assert not UnusedFunds.objects.exists()


def test_annual_reports_are_journalled_as_received_and_approved(cast):
    from kompetansemidler.archive.models import RegistryEntry

    report = submitted_report(cast)
    report = annual_report_approve(actor=cast.caseworker, report=report)
    entries = RegistryEntry.objects.filter(title__startswith=f"Årsrapport {report.year}").order_by(
        "number"
    )
    assert [(e.entry_type, e.parties.get().name) for e in entries] == [
        ("I", report.decision.recipient_organisation.name),
        ("X", report.decision.recipient_organisation.name),
    ]
    # In the decision's own case file, beside its grant letter.
    assert entries[0].case_file.object_id == str(report.decision.pk)
    assert entries[0].case_file.office == report.decision.round.office

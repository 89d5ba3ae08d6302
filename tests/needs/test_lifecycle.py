"""A needs report goes draft → submitted → returned → submitted → accepted, by named verbs."""

import pytest

from kompetansemidler.core.workflow import ServiceRefused
from kompetansemidler.history.models import Event
from kompetansemidler.needs.models import NeedsReport, ReportState
from kompetansemidler.needs.services import (
    REFUSED_DEADLINE,
    REFUSED_ERRORS,
    REFUSED_NO_REASON,
    needs_report_accept,
    needs_report_reopen,
    needs_report_return,
    needs_report_submit,
)

from .conftest import AFTER_DEADLINE, BEFORE_DEADLINE


def kinds(report):
    return list(Event.objects.for_object(report).order_by("id").values_list("kind", flat=True))


def test_full_lifecycle_writes_one_event_per_state_change(cast, owner_report):
    report = needs_report_submit(actor=cast.owner_rep, report=owner_report, today=BEFORE_DEADLINE)
    assert report.state == ReportState.SUBMITTED and report.submitted_at
    report = needs_report_return(actor=cast.caseworker, report=report, reason="Manglar budsjett")
    assert report.state == ReportState.RETURNED and report.return_reason == "Manglar budsjett"
    report = needs_report_submit(actor=cast.owner_rep, report=report, today=BEFORE_DEADLINE)
    report = needs_report_accept(actor=cast.caseworker, report=report)
    assert report.state == ReportState.ACCEPTED
    assert kinds(report) == [
        "needs_report.submitted",
        "needs_report.returned",
        "needs_report.submitted",
        "needs_report.accepted",
    ]
    returned = Event.objects.for_object(report).get(kind="needs_report.returned")
    assert returned.before == {"state": "submitted"}
    assert returned.after["state"] == "returned"
    assert returned.summary == "Manglar budsjett"
    assert returned.office == cast.vestland


@pytest.mark.parametrize("verb", [needs_report_accept, needs_report_return])
def test_a_draft_cannot_be_accepted_or_returned(cast, owner_report, verb):
    with pytest.raises(ServiceRefused):
        verb(
            actor=cast.caseworker,
            report=owner_report,
            **({"reason": "x"} if verb is needs_report_return else {}),
        )
    owner_report.refresh_from_db()
    assert owner_report.state == ReportState.DRAFT
    assert kinds(owner_report) == []


def test_an_accepted_report_cannot_be_submitted_again(cast, owner_report):
    needs_report_submit(actor=cast.owner_rep, report=owner_report, today=BEFORE_DEADLINE)
    needs_report_accept(actor=cast.caseworker, report=owner_report)
    with pytest.raises(ServiceRefused):
        needs_report_submit(actor=cast.owner_rep, report=owner_report, today=BEFORE_DEADLINE)


def test_returning_needs_a_reason(cast, owner_report):
    needs_report_submit(actor=cast.owner_rep, report=owner_report, today=BEFORE_DEADLINE)
    with pytest.raises(ServiceRefused) as refused:
        needs_report_return(actor=cast.caseworker, report=owner_report, reason="  ")
    assert refused.value.message == REFUSED_NO_REASON


def test_a_report_with_errors_is_not_submitted(cast, owner_report):
    owner_report.staff_involvement = ""
    owner_report.save()
    with pytest.raises(ServiceRefused) as refused:
        needs_report_submit(actor=cast.owner_rep, report=owner_report, today=BEFORE_DEADLINE)
    assert refused.value.message == REFUSED_ERRORS
    assert NeedsReport.objects.get(pk=owner_report.pk).state == ReportState.DRAFT


def test_after_the_deadline_only_a_reopened_report_is_submitted(cast, owner_report):
    with pytest.raises(ServiceRefused) as refused:
        needs_report_submit(actor=cast.owner_rep, report=owner_report, today=AFTER_DEADLINE)
    assert str(refused.value.message).startswith(str(REFUSED_DEADLINE)[:20])
    needs_report_reopen(actor=cast.caseworker, report=owner_report, reason="Sjukdom i staben")
    report = needs_report_submit(actor=cast.owner_rep, report=owner_report, today=AFTER_DEADLINE)
    assert report.state == ReportState.SUBMITTED
    assert kinds(report) == ["needs_report.reopened", "needs_report.submitted"]


def test_a_returned_report_may_be_resubmitted_after_the_deadline(cast, owner_report):
    needs_report_submit(actor=cast.owner_rep, report=owner_report, today=BEFORE_DEADLINE)
    needs_report_return(actor=cast.caseworker, report=owner_report, reason="Rett beløpa")
    report = needs_report_submit(actor=cast.owner_rep, report=owner_report, today=AFTER_DEADLINE)
    assert report.state == ReportState.SUBMITTED

"""A needs report's lateness follows the round's deadline as corrected after opening."""

import datetime

import pytest

from kompetansemidler.core.workflow import ServiceRefused
from kompetansemidler.needs.models import ReportState
from kompetansemidler.needs.services import needs_report_submit
from kompetansemidler.schemes.services import round_deadlines_correct

from .conftest import AFTER_DEADLINE, DEADLINE


def _deadlines(round_, **changes) -> dict:
    names = ("needs_deadline", "recommendation_deadline", "decision_deadline")
    return {
        **{name: getattr(round_, name) for name in names},
        "annual_report_deadline": round_.annual_report_deadline,
        **changes,
    }


def test_a_report_late_by_the_first_deadline_is_on_time_by_the_corrected_one(
    cast, owner_report, open_round
):
    with pytest.raises(ServiceRefused):
        needs_report_submit(actor=cast.owner_rep, report=owner_report, today=AFTER_DEADLINE)
    round_deadlines_correct(
        actor=cast.caseworker,
        round=open_round,
        deadlines=_deadlines(open_round, needs_deadline=AFTER_DEADLINE),
        reason="Fristen forlenga etter ønske frå kommunane",
    )
    owner_report.round.refresh_from_db()
    report = needs_report_submit(actor=cast.owner_rep, report=owner_report, today=AFTER_DEADLINE)
    assert report.state == ReportState.SUBMITTED


def test_a_deadline_brought_forward_makes_a_report_late(cast, owner_report, open_round):
    earlier = DEADLINE - datetime.timedelta(days=10)
    round_deadlines_correct(
        actor=cast.caseworker,
        round=open_round,
        deadlines=_deadlines(open_round, needs_deadline=earlier),
        reason="Feil dato i utlysinga",
    )
    owner_report.round.refresh_from_db()
    with pytest.raises(ServiceRefused) as refused:
        needs_report_submit(
            actor=cast.owner_rep, report=owner_report, today=earlier + datetime.timedelta(days=1)
        )
    assert refused.value.code == "deadline"

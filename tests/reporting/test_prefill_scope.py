"""Starting an annual report reads the lines of the decision's own recipient: the
participants it pre-fills are the recipient's own units, even where another
recipient's measure has the same title, and its cost does not grow with the round."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kompetansemidler.needs.models import NeedsReport, ReportState
from kompetansemidler.recommendations.models import RecipientKind, RecommendationLine
from kompetansemidler.reporting.services import annual_report_start
from tests.factories import UnitFactory
from tests.reporting.objects import paid_decision

pytestmark = pytest.mark.django_db


def other_recipients_lines(decision, other, count):
    """Lines of the same recommendation for another owner, from its own needs report
    with its own kindergarten, every one titled like the decision's first measure."""
    report = NeedsReport.objects.create(
        round=decision.round, owner=other, state=ReportState.ACCEPTED
    )
    report.units.set([UnitFactory(owner=other, name="Naboeigarens barnehage")])
    title = decision.measures.splitlines()[0]
    RecommendationLine.objects.bulk_create(
        RecommendationLine(
            recommendation=decision.recommendation,
            rank=100 + i,
            title=title,
            basis_report=report,
            recipient_kind=RecipientKind.OWNER,
            recipient_organisation=other,
            amount_year1=Decimal(10_000),
        )
        for i in range(count)
    )


def start(decision):
    with CaptureQueriesContext(connection) as captured:
        report = annual_report_start(actor=None, decision=decision, year=decision.round.year)
    return report, len(captured)


def test_prefill_has_only_the_recipients_units_and_constant_queries(cast):
    decision = paid_decision(cast)
    start(decision)[0].delete()  # warm the per-process caches (content types)
    report, few = start(decision)
    own_units = {row["unit"] for row in report.participants}
    report.delete()
    other_recipients_lines(decision, cast.other_owner, 30)
    report, many = start(decision)
    assert {row["unit"] for row in report.participants} == own_units
    assert "Naboeigarens barnehage" not in own_units
    assert many == few

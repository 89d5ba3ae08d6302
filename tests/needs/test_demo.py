"""The demo data has an open round with reports in every state, and is idempotent."""

from django.utils import timezone

from kompetansemidler.demo.build import build_demo
from kompetansemidler.needs.models import (
    LocalPlan,
    NeedsReport,
    Partnership,
    ProposedMeasure,
    ReportState,
)
from kompetansemidler.schemes.models import Round
from kompetansemidler.schemes.workflow import RoundPhase


def test_the_demo_has_an_open_round_with_reports_in_every_state(cast):
    build_demo()
    open_reports = NeedsReport.objects.filter(
        round__office=cast.vestland, round__phase=RoundPhase.OPEN_FOR_NEEDS
    )
    assert set(open_reports.values_list("state", flat=True)) == set(ReportState.values)
    assert LocalPlan.objects.filter(owner=cast.owner).count() == 2
    # Owners can still submit: the open rounds' needs deadline lies ahead.
    today = timezone.localdate()
    open_rounds = Round.objects.filter(phase=RoundPhase.OPEN_FOR_NEEDS)
    assert open_rounds.exists()
    assert all(r.needs_deadline > today for r in open_rounds)
    assert all(
        r.needs_deadline < r.recommendation_deadline < r.decision_deadline for r in open_rounds
    )
    # Every measure sent in is anchored in a local plan and a priority in it.
    sent = ProposedMeasure.objects.exclude(report__state=ReportState.DRAFT)
    assert sent.exists()
    assert not sent.filter(local_plan__isnull=True, report__local_plan__isnull=True).exists()
    assert not sent.filter(local_plan_priority="").exists()
    assert not open_reports.exclude(state=ReportState.DRAFT).filter(units__isnull=True).exists()
    assert Partnership.objects.filter(institutions__name="Universitetet i Bergen").exists()
    counts = (NeedsReport.objects.count(), LocalPlan.objects.count(), Partnership.objects.count())
    build_demo()
    assert (
        NeedsReport.objects.count(),
        LocalPlan.objects.count(),
        Partnership.objects.count(),
    ) == counts

"""The demo data has an open round with reports in every state, and is idempotent."""

from kompetansemidler.demo.build import build_demo
from kompetansemidler.needs.models import LocalPlan, NeedsReport, Partnership, ReportState
from kompetansemidler.schemes.workflow import RoundPhase


def test_the_demo_has_an_open_round_with_reports_in_every_state(cast):
    build_demo()
    open_reports = NeedsReport.objects.filter(
        round__office=cast.vestland, round__phase=RoundPhase.OPEN_FOR_NEEDS
    )
    assert set(open_reports.values_list("state", flat=True)) == set(ReportState.values)
    assert LocalPlan.objects.filter(owner=cast.owner).count() == 2
    assert Partnership.objects.filter(institutions__name="Universitetet i Bergen").exists()
    counts = (NeedsReport.objects.count(), LocalPlan.objects.count(), Partnership.objects.count())
    build_demo()
    assert (
        NeedsReport.objects.count(),
        LocalPlan.objects.count(),
        Partnership.objects.count(),
    ) == counts

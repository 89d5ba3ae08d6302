"""The benchmark instrument keeps working: the generator at a tiny scale, one
target through the measuring functions, and the report's verdicts."""

import pytest

from bench.generate import generate
from bench.measure import count_queries, percentile, time_requests
from bench.national import NumberAllocator, Place, plan_registry
from bench.report import table
from bench.targets import TARGETS, Target, Unavailable, resolve
from kompetansemidler.registry.models import Forum, Organisation, OrganisationKind, Unit


@pytest.fixture
def tiny_national_data(db):
    lines = []
    results = generate(scale=0.01, seed=7, out=lines.append)
    return {result.step: result for result in results}


def test_generator_builds_a_small_country_in_ordered_steps(tiny_national_data):
    steps = tiny_national_data
    units = steps["units"]
    assert units.status == "done"
    # 1 % of the national volume: 56 kindergartens and 28 schools, all created.
    assert units.figures["kindergartens"] == 56
    assert units.figures["schools"] == 28
    assert Unit.objects.count() == 56 + 28 + 1  # and the cast's own kindergarten
    assert Organisation.objects.filter(kind=OrganisationKind.MUNICIPALITY).count() == 357
    assert Organisation.objects.filter(kind=OrganisationKind.COUNTY_MUNICIPALITY).count() == 14
    assert Organisation.objects.filter(kind=OrganisationKind.UH).count() == 20
    assert Forum.objects.count() == 15
    private = Unit.objects.filter(kind="kindergarten", is_public=False).count()
    assert 15 <= private <= 45  # roughly half of the kindergartens are private
    # A capability that is not built yet is skipped with a reason, not a crash.
    for result in steps.values():
        assert result.status in ("done", "skipped")
        if result.status == "skipped":
            assert result.summary.startswith("not available yet")


def test_generator_follows_the_recommendations_to_decisions_payments_and_reports(
    tiny_national_data,
):
    from django.db.models import Sum

    from kompetansemidler.decisions.models import Decision, DecisionAmount, Payment
    from kompetansemidler.reporting.models import AnnualReport
    from kompetansemidler.schemes.models import Round

    assert {
        tiny_national_data[name].status for name in ("decisions", "payments", "annual reports")
    } == {"done"}
    assert Decision.objects.filter(state="issued").exists()
    # Decided within each round's money: year 1 never above frame less commitments.
    for round_ in Round.objects.filter(decisions__isnull=False).distinct():
        decided = (
            DecisionAmount.objects.filter(
                decision__round=round_, decision__state="issued", budget_year=round_.year
            ).aggregate(t=Sum("amount"))["t"]
            or 0
        )
        assert decided <= round_.available
    # Never paid more than decided.
    for decision in Decision.objects.filter(payments__isnull=False).distinct():
        paid = Payment.objects.filter(decision=decision).aggregate(t=Sum("amount"))["t"]
        assert paid <= decision.total
    reports = AnnualReport.objects.all()
    assert reports.filter(state="approved").exists()
    for report in reports:
        assert report.used + report.unused == report.paid
        assert report.answers.exists()


def test_the_registry_plan_is_deterministic():
    places = [
        Place("4601", "Bergen", "Bergen", "46", "Vestland"),
        Place("0301", "Oslo", "Oslo", "03", "Oslo"),
    ]
    owners = {"4601": "964338531", "0301": "940000000", "county:46": "940000001"}

    def plan(seed):
        return plan_registry(places, 0.05, seed, NumberAllocator(91_000_000), owners)

    first, again, other = plan(3), plan(3), plan(4)
    assert [(u.number, u.name, u.owner_number) for u in first.units] == [
        (u.number, u.name, u.owner_number) for u in again.units
    ]
    assert [u.name for u in first.units] != [u.name for u in other.units]


def test_one_target_is_measured_for_latency_and_queries(cast, client):
    client.force_login(cast.caseworker)
    url = resolve(next(t for t in TARGETS if t.key == "unit list"))

    timing = time_requests(lambda: client.get(url).status_code, repeat=5, warmup=1)
    status, queries = count_queries(client, url)

    assert timing.requests == 5
    assert timing.statuses == {"200": 5}
    assert 0 < timing.p50_ms <= timing.p95_ms <= timing.max_ms
    assert status == 200
    assert 0 < queries < 30


def test_a_target_of_a_capability_not_built_is_unavailable(db):
    with pytest.raises(Unavailable, match="no URL named"):
        resolve(Target("grant letters", "letters:nothing_here"))


def test_percentiles_interpolate_between_ranks():
    values = [float(v) for v in range(1, 101)]
    assert percentile(values, 0.5) == pytest.approx(50.5)
    assert percentile(values, 0.95) == pytest.approx(95.05)
    assert percentile([7.0], 0.95) == 7.0


def test_report_names_missed_targets_and_unavailable_pages():
    row = {
        "key": "unit list",
        "kind": "page",
        "status": "measured",
        "p50_ms": 120.0,
        "p95_ms": 210.0,
        "p50_ratio": 60.0,
        "p95_ratio": 70.0,
        "queries": 10,
    }
    results = {
        "databases": [
            {
                "backend": "postgresql",
                "scale": 1.0,
                "floor": {"p50_ms": 2.0, "p95_ms": 3.0, "queries": 1},
                "targets": [
                    row,
                    {"key": "decision list", "kind": "page", "status": "not available"},
                ],
            }
        ],
        "import": {},
    }

    text = table(results)

    assert "postgresql 1x unit list: p95 210.0 ms > 150 ms" in text
    assert "Not available: decision list" in text

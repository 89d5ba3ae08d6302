"""The statistics against sums computed here, row by row, from the raw data."""

from collections import defaultdict
from decimal import Decimal

from django.db import connection
from django.test.utils import CaptureQueriesContext

from kompetansemidler.decisions.models import Decision, DecisionAmount, Payment, UnusedFunds
from kompetansemidler.registry.models import OrganisationKind
from kompetansemidler.reporting.models import AnnualReport, GoalAnswer
from kompetansemidler.schemes.models import Commitment, Round
from kompetansemidler.statistics.selectors import (
    Filters,
    goal_answers,
    money_table,
    money_tables,
    needs_table,
    public_table,
    public_tables,
    public_top_recipients,
)
from tests.needs.conftest import open_round, owner_report  # noqa: F401 (fixtures)

from .objects import DRAFT_AMOUNT, build

PUBLISHED = ("issued", "changed")


def _expected(key_of_round, key_of_decision, office_ids=None, key_of_amount=None):
    """Sums in plain Python over every row, keyed as the selector keys them. Decided
    money counts in its budget year (``key_of_amount``, default: as the decision);
    a later year's amount is committed to that year too."""
    key_of_amount = key_of_amount or (lambda row: key_of_decision(row.decision))
    expected = defaultdict(lambda: defaultdict(Decimal))
    for round_ in Round.objects.all():
        if office_ids is None or round_.office_id in office_ids:
            if key_of_round:
                expected[key_of_round(round_)]["frame"] += round_.frame
    for row in DecisionAmount.objects.select_related(
        "decision__round__scheme",
        "decision__round__office",
        "decision__recipient_organisation__county",
    ):
        decision = row.decision
        if decision.state not in PUBLISHED:
            continue
        if office_ids is not None and decision.round.office_id not in office_ids:
            continue
        expected[key_of_amount(row)]["decided"] += row.amount
        if key_of_round and row.budget_year > decision.round.year:
            expected[key_of_amount(row)]["committed"] += row.amount
    for commitment in Commitment.objects.select_related("round"):
        if office_ids is None or commitment.round.office_id in office_ids:
            if key_of_round:
                expected[key_of_round(commitment.round)]["committed"] += commitment.amount
    for decision in Decision.objects.select_related("round", "recipient_organisation__county"):
        if decision.state not in PUBLISHED:
            continue
        if office_ids is not None and decision.round.office_id not in office_ids:
            continue
        row = expected[key_of_decision(decision)]
        row["decisions"] += 1
        row["private"] += decision.recipient_organisation.kind == OrganisationKind.PRIVATE_OWNER
        row["paid"] += sum(
            (p.amount for p in Payment.objects.filter(decision=decision)), Decimal(0)
        )
        row["repaid"] += sum(
            (u.repaid for u in UnusedFunds.objects.filter(decision=decision)), Decimal(0)
        )
        for report in AnnualReport.objects.filter(decision=decision, state="approved"):
            row["used"] += report.used
            row["participants"] += report.participants_total
            row["units_reached"] += report.units_reached
    return expected


def _check(table, expected):
    assert {row["label"] for row in table} == set(expected)
    for row in table:
        for name, value in expected[row["label"]].items():
            assert row[name] == value, (row["label"], name)


def test_money_per_year_scheme_office_and_county_matches_the_rows(cast):
    build(cast, per_round=4)
    by_year = money_table(Filters(), "year")
    _check(
        by_year,
        _expected(lambda r: r.year, lambda d: d.round.year, key_of_amount=lambda a: a.budget_year),
    )
    _check(
        money_table(Filters(), "scheme"),
        _expected(lambda r: r.scheme.short_name, lambda d: d.round.scheme.short_name),
    )
    _check(
        money_table(Filters(), "office"),
        _expected(lambda r: r.office.name, lambda d: d.round.office.name),
    )
    _check(
        money_table(Filters(), "county"),
        _expected(None, lambda d: d.recipient_organisation.county.name),
    )
    assert all(isinstance(row["decided"], Decimal) for row in by_year)
    assert sum(row["decided"] for row in by_year) > 0


def test_an_office_scope_leaves_out_the_other_office(cast):
    build(cast, per_round=4)
    mine = frozenset({cast.vestland.pk})
    table = money_table(Filters(office_ids=mine), "office")
    assert [row["label"] for row in table] == [cast.vestland.name]
    _check(
        table, _expected(lambda r: r.office.name, lambda d: d.round.office.name, office_ids=mine)
    )


def test_filters_on_scheme_and_years(cast):
    build(cast, per_round=2)
    table = money_table(Filters(scheme="dekom", year_from=2027, year_to=2027), "year")
    assert [row["label"] for row in table] == [2027]
    frames = sum(r.frame for r in Round.objects.filter(scheme__code="dekom", year=2027))
    assert table[0]["frame"] == frames


def test_drafts_never_count(cast):
    build(cast, per_round=4)
    assert DecisionAmount.objects.filter(amount=DRAFT_AMOUNT).exists()
    for dimension in ("county", "scheme", "year", "recipient"):
        rows = public_table(dimension)
        total = sum(row["decided"] for row in rows)
        issued = sum(d.total for d in Decision.objects.filter(state__in=PUBLISHED))
        assert total == issued
        assert (
            sum(row["decisions"] for row in rows)
            == Decision.objects.filter(state__in=PUBLISHED).count()
        )
    per_recipient = {row["label"]: row["decided"] for row in public_table("recipient")}
    for decision in Decision.objects.filter(state="draft"):
        assert decision.recipient_organisation.name not in per_recipient


def _queries(callable_):
    with CaptureQueriesContext(connection) as context:
        callable_()
    return len(context.captured_queries)


def test_the_number_of_queries_does_not_grow_with_the_data(cast):
    def counts():
        return [
            *(_queries(lambda d=d: money_table(Filters(), d)) for d in ("year", "county")),
            _queries(lambda: money_tables(Filters(), ["year", "office"])),
            _queries(lambda: public_table("recipient")),
            _queries(lambda: public_tables(["county", "scheme", "year"])),
            _queries(lambda: public_top_recipients(20)),
        ]

    build(cast, per_round=1, seed=2)
    small = counts()
    build(cast, per_round=6, seed=3)
    assert counts() == small
    assert small == [8, 5, 9, 1, 1, 2]


def test_tables_read_together_match_the_tables_read_alone(cast):
    build(cast, per_round=4)
    for group in ("scheme", "office", "county"):
        for filters in (
            Filters(),
            Filters(scheme="rekom", year_from=2027),
            Filters(office_ids=frozenset({cast.vestland.pk})),
        ):
            together = money_tables(filters, ["year", group])
            assert together == {
                "year": money_table(filters, "year"),
                group: money_table(filters, group),
            }
    for year in (None, 2026):
        together = public_tables(["county", "scheme", "year"], year=year)
        for dimension, rows in together.items():
            assert rows == public_table(dimension, year=year)


def test_the_top_recipients_are_the_largest_of_the_full_list(cast):
    build(cast, per_round=4)
    every = public_table("recipient")
    top, count = public_top_recipients(5)
    assert count == len(every) > 5
    assert top == sorted(every, key=lambda row: (-row["decided"], row["label"]))[:5]


def test_goal_answers_count_approved_reports_only(cast):
    build(cast, per_round=4)
    expected = defaultdict(int)
    for answer in GoalAnswer.objects.select_related("report__decision"):
        if (
            answer.report.state == "approved"
            and answer.answer
            and answer.report.decision.state in PUBLISHED
        ):
            expected[(answer.kind, answer.answer)] += 1
    rows = goal_answers(Filters())
    assert {(row["kind"], row["answer"]): row["count"] for row in rows} == expected
    assert AnnualReport.objects.exclude(state="approved").exists()


def test_sami_coverage_and_uh_involvement_match_the_reports(cast, owner_report):  # noqa: F811
    from kompetansemidler.needs.models import NeedsReport, ProposedMeasure

    NeedsReport.objects.filter(pk=owner_report.pk).update(
        state="submitted", sami_perspectives="Samisk språk"
    )
    reports = NeedsReport.objects.filter(state__in=("submitted", "accepted"))
    measures = ProposedMeasure.objects.filter(report__in=reports)
    expected = {
        "reports": reports.count(),
        "sami": sum(1 for r in reports if r.sami_perspectives),
        "measures": measures.count(),
        "measures_uh": sum(1 for m in measures if m.report.uh_partners.exists()),
    }
    assert expected["measures"] and expected["measures_uh"]
    rows = needs_table(Filters(), "year")
    assert [{name: row[name] for name in expected} for row in rows] == [expected]
    assert needs_table(Filters(office_ids=frozenset({cast.rogaland.pk})), "year") == []

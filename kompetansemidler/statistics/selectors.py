"""The statistics, as database aggregates.

Every figure is one ``GROUP BY`` query over the rows, so a table costs the same
few queries whatever the amount of data; tables of several dimensions share
one pass over each large table, grouped by all of them and added up here.
Money is whole kroner (Decimal).

- frame: the rounds' frames; committed: typed commitments of the rounds plus
  the later-year amounts of earlier issued decisions, in their budget year;
- decided: money decided for a budget year, counted in that year: the first
  year of that year's issued decisions plus the later-year amounts of earlier
  ones (never a three-year sum in the decision year); drafts never count. The
  public tables (``public_table``) still show what each year's round decided,
  all its budget years together, beside the number of its decisions;
- paid: payments on those decisions; repaid: unused funds decided repaid;
- used, participants and units reached: from approved annual reports, counted
  in the year of the decision's round like the money they report on.
"""

from collections.abc import Mapping
from dataclasses import dataclass, replace
from decimal import Decimal

from django.db.models import Count, F, Q, Sum
from django.utils.translation import gettext_lazy as _

from kompetansemidler.accounts.policy import caseworker_office_ids, is_national_admin
from kompetansemidler.decisions.models import (
    Decision,
    DecisionAmount,
    DecisionState,
    Payment,
    UnusedFunds,
)
from kompetansemidler.needs.models import NeedsReport, ProposedMeasure, ReportState
from kompetansemidler.registry.models import OrganisationKind
from kompetansemidler.reporting.models import AnnualReport, AnnualReportState, GoalAnswer
from kompetansemidler.schemes.models import Commitment, Round

PUBLISHED = (DecisionState.ISSUED, DecisionState.CHANGED)
ZERO = Decimal(0)

# Dimension -> the path from a round to its value. County is the recipient's
# county, so it exists for decision figures only (a frame belongs to an office).
DIMENSIONS = {
    "year": ("year", _("Year")),
    "scheme": ("scheme__short_name", _("Scheme")),
    "office": ("office__name", _("Office")),
    "county": (None, _("County")),
}
COUNTY_PATH = "recipient_organisation__county__name"
MONEY = ("frame", "committed", "decided", "paid", "repaid", "used")
COUNTS = ("decisions", "recipients", "private", "participants", "units_reached")


@dataclass(frozen=True)
class Filters:
    scheme: str = ""
    year_from: int | None = None
    year_to: int | None = None
    office_ids: frozenset[int] | None = None  # None: every office


def statistics_scope_for(user) -> frozenset[int] | None:
    """The offices whose figures the user may see: None for all (Udir)."""
    if is_national_admin(user):
        return None
    return frozenset(caseworker_office_ids(user))


def _round_q(filters: Filters, prefix: str = "") -> Q:
    q = Q()
    if filters.scheme:
        q &= Q(**{f"{prefix}scheme__code": filters.scheme})
    if filters.year_from:
        q &= Q(**{f"{prefix}year__gte": filters.year_from})
    if filters.year_to:
        q &= Q(**{f"{prefix}year__lte": filters.year_to})
    if filters.office_ids is not None:
        q &= Q(**{f"{prefix}office_id__in": filters.office_ids})
    return q


def _amount_q(filters: Filters) -> Q:
    """``_round_q`` for decided amounts: the year filter applies to the budget year."""
    q = _round_q(replace(filters, year_from=None, year_to=None), "decision__round__")
    if filters.year_from:
        q &= Q(budget_year__gte=filters.year_from)
    if filters.year_to:
        q &= Q(budget_year__lte=filters.year_to)
    return q


def _amount_path(dimension: str) -> str:
    """The path from a decided amount to ``dimension``: its year is its budget year."""
    if dimension == "year":
        return "budget_year"
    return _decision_path(dimension, "decision__round__")


def _decided_amounts(filters: Filters):
    return DecisionAmount.objects.filter(_amount_q(filters), decision__state__in=PUBLISHED)


def _decision_path(dimension: str, prefix: str) -> str:
    path = DIMENSIONS[dimension][0]
    if path is None:
        return prefix.removesuffix("round__") + COUNTY_PATH
    return prefix + path


def _grouped(queryset, key: str, **aggregates) -> dict:
    return {row.pop(key): row for row in queryset.values(key).order_by(key).annotate(**aggregates)}


def _add_up(rows: dict, queryset, paths: dict[str, str], **aggregates) -> None:
    """Group ``queryset`` by every path of ``paths`` (dimension -> path) at once
    and add each group's sums into ``rows[dimension][value]``.

    Sums and counts add up, so one pass over a large table serves every
    dimension. A distinct count does not: ask for one with a single path only."""
    names = list(paths.values())
    # order_by() also keeps the model's default ordering from adding joins.
    for group in queryset.values(*names).order_by().annotate(**aggregates):
        for dimension, path in paths.items():
            totals = rows[dimension].setdefault(group[path], {})
            for name in aggregates:
                if group[name] is not None:
                    totals[name] = totals.get(name, 0) + group[name]


def _sort_key(value):
    return (value is None, str(value) if value is not None else "")


def money_tables(filters: Filters, dimensions) -> dict[str, list[dict]]:
    """The money table (see ``money_table``) of each of ``dimensions``.

    Frames, typed commitments, later-year and decided amounts, payments,
    repayments and annual reports are each read once for all the dimensions;
    the decisions once per dimension, for the count of distinct recipients.
    ``6 + len(dimensions)`` queries at most (three fewer when county is the only
    dimension: a frame, and so a commitment, has no county)."""
    dimensions = list(dict.fromkeys(dimensions))
    for dimension in dimensions:
        if dimension not in DIMENSIONS:
            raise ValueError(dimension)
    rows: dict[str, dict] = {dimension: {} for dimension in dimensions}
    # The dimensions a round has (a frame has no county), with the path to each.
    round_paths = {d: path for d in dimensions if (path := DIMENSIONS[d][0]) is not None}
    if round_paths:
        _add_up(
            rows,
            Round.objects.filter(_round_q(filters)),
            round_paths,
            frame=Sum("frame"),
        )
        _add_up(
            rows,
            Commitment.objects.filter(_round_q(filters, "round__"), withdrawn_at__isnull=True),
            {d: "round__" + path for d, path in round_paths.items()},
            committed=Sum("amount"),
        )
        _add_up(
            rows,
            _decided_amounts(filters).filter(budget_year__gt=F("decision__round__year")),
            {d: _amount_path(d) for d in round_paths},
            committed=Sum("amount"),
        )
    _add_up(
        rows,
        _decided_amounts(filters),
        {d: _amount_path(d) for d in dimensions},
        decided=Sum("amount"),
    )
    decisions = Decision.objects.filter(_round_q(filters, "round__"), state__in=PUBLISHED)
    for dimension in dimensions:
        _add_up(
            rows,
            decisions,
            {dimension: _decision_path(dimension, "round__")},
            decisions=Count("pk"),
            recipients=Count("recipient_organisation", distinct=True),
            private=Count(
                "pk", filter=Q(recipient_organisation__kind=OrganisationKind.PRIVATE_OWNER)
            ),
        )
    of_decisions = {d: _decision_path(d, "decision__round__") for d in dimensions}
    _add_up(
        rows,
        Payment.objects.paid().filter(
            _round_q(filters, "decision__round__"), decision__state__in=PUBLISHED
        ),
        of_decisions,
        paid=Sum("amount"),
    )
    _add_up(
        rows,
        UnusedFunds.objects.filter(
            _round_q(filters, "decision__round__"), decision__state__in=PUBLISHED
        ),
        of_decisions,
        repaid=Sum("repaid"),
    )
    _add_up(
        rows,
        _approved_reports(filters),
        of_decisions,
        used=Sum("used"),
        participants=Sum("participants_total"),
        units_reached=Sum("units_reached"),
    )
    return {dimension: _money_rows(rows[dimension]) for dimension in dimensions}


def _money_rows(rows: dict) -> list[dict]:
    table = []
    for key in sorted(rows, key=_sort_key):
        row = {
            "label": key if key is not None else "",
            **{name: 0 for name in COUNTS},
            **{name: ZERO for name in MONEY},
            **rows[key],
        }
        row["private_share"] = (
            round(100 * row["private"] / row["decisions"]) if row["decisions"] else None
        )
        table.append(row)
    return table


def money_table(filters: Filters, dimension: str) -> list[dict]:
    """One row per value of ``dimension``: money and counts. Six queries."""
    return money_tables(filters, [dimension])[dimension]


def _approved_reports(filters: Filters):
    return AnnualReport.objects.filter(
        _round_q(filters, "decision__round__"),
        decision__state__in=PUBLISHED,
        state=AnnualReportState.APPROVED,
    )


def goal_answers(filters: Filters) -> list[Mapping[str, object]]:
    """How approved annual reports answered goals and process criteria: one row
    per kind and answer, with the count. One query."""
    # The largest table here: COUNT(*), not of the id, so that PostgreSQL counts
    # from the index on (report, kind, answer) without reading the rows.
    rows = (
        GoalAnswer.objects.filter(
            _round_q(filters, "report__decision__round__"),
            report__state=AnnualReportState.APPROVED,
            report__decision__state__in=PUBLISHED,
        )
        .exclude(answer="")
        .values("kind", "answer")
        .order_by("kind", "answer")
        .annotate(count=Count("*"))
    )
    return list(rows)


def _share(part: int, whole: int) -> int | None:
    return round(100 * part / whole) if whole else None


def needs_table(filters: Filters, dimension: str) -> list[dict]:
    """Per value of ``dimension``: submitted needs reports, how many assessed
    Sámi perspectives, their measures and how many of those have a UH partner
    (through the report's UH dialogue). County is the owner's. Two queries."""
    if dimension not in DIMENSIONS:
        raise ValueError(dimension)
    path = DIMENSIONS[dimension][0]
    key = f"round__{path}" if path else "owner__county__name"
    submitted = (ReportState.SUBMITTED, ReportState.ACCEPTED)
    reports = NeedsReport.objects.filter(_round_q(filters, "round__"), state__in=submitted)
    measures = ProposedMeasure.objects.filter(
        _round_q(filters, "report__round__"), report__state__in=submitted
    )
    # One uncorrelated list of the reports with a UH partner, not an EXISTS per
    # measure: the database builds it once and looks each measure up in it.
    with_uh = NeedsReport.uh_partners.through.objects.values("needsreport_id")
    parts = [
        _grouped(
            reports, key, reports=Count("pk"), sami=Count("pk", filter=~Q(sami_perspectives=""))
        ),
        _grouped(
            measures,
            f"report__{key}",
            measures=Count("pk"),
            measures_uh=Count("pk", filter=Q(report_id__in=with_uh)),
        ),
    ]
    rows: dict = {}
    for part in parts:
        for value, figures in part.items():
            rows.setdefault(value, {}).update(figures)
    table = []
    for value in sorted(rows, key=_sort_key):
        row = {
            "label": value if value is not None else "",
            "reports": 0,
            "sami": 0,
            "measures": 0,
            "measures_uh": 0,
            **rows[value],
        }
        row["sami_share"] = _share(row["sami"], row["reports"])
        row["uh_share"] = _share(row["measures_uh"], row["measures"])
        table.append(row)
    return table


PUBLIC_PATHS = {
    "county": COUNTY_PATH,
    "scheme": "round__scheme__short_name",
    "year": "round__year",
    "recipient": "recipient_organisation__name",
}
# Every budget year of a decision (the public tables show what was decided in a
# year's round); one row per decision joined, so decisions are counted distinctly.
DECIDED = Sum("amount_rows__amount")
DECISIONS = Count("pk", distinct=True)


def _published(year: int | None):
    decisions = Decision.objects.filter(state__in=PUBLISHED)
    return decisions.filter(round__year=year) if year else decisions


def _public_rows(rows, key: str) -> list[dict]:
    return [
        {
            "label": row[key] if row[key] is not None else "",
            "decided": row["decided"],
            "decisions": row["decisions"],
        }
        for row in rows
    ]


def public_table(dimension: str, *, year: int | None = None) -> list[dict]:
    """Money per county, scheme, year or recipient from published decisions only."""
    key = PUBLIC_PATHS[dimension]
    rows = _published(year).values(key).order_by(key).annotate(decided=DECIDED, decisions=DECISIONS)
    return _public_rows(rows, key)


def public_tables(dimensions, *, year: int | None = None) -> dict[str, list[dict]]:
    """``public_table`` of each of ``dimensions`` from one query: the decisions
    grouped by all of them at once, added up per dimension here. Not for
    recipients: grouped by recipient as well, the groups would be as many as
    the decisions."""
    rows: dict[str, dict] = {dimension: {} for dimension in dimensions}
    _add_up(
        rows,
        _published(year),
        {d: PUBLIC_PATHS[d] for d in dimensions},
        decided=DECIDED,
        decisions=DECISIONS,
    )
    return {
        dimension: [
            {"label": key if key is not None else "", **rows[dimension][key]}
            for key in sorted(rows[dimension], key=_sort_key)
        ]
        for dimension in dimensions
    }


def public_top_recipients(limit: int, *, year: int | None = None) -> tuple[list[dict], int]:
    """The ``limit`` recipients granted the most (then by name), as rows of
    ``public_table("recipient")``, and how many recipients there are. Two queries."""
    key = PUBLIC_PATHS["recipient"]
    decisions = _published(year)
    rows = (
        decisions.values(key)
        .annotate(decided=DECIDED, decisions=DECISIONS)
        .order_by("-decided", key)[:limit]
    )
    count = decisions.order_by().aggregate(count=Count(key, distinct=True))["count"]
    return _public_rows(rows, key), count

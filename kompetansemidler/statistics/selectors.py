"""The statistics, as database aggregates.

Every figure is one ``GROUP BY`` query over the rows, so a table costs the same
few queries whatever the amount of data. Money is whole kroner (Decimal).

- frame: the rounds' frames; committed: commitments from earlier multi-year
  decisions bound in the rounds;
- decided: the total of issued decisions (all years of a multi-year decision
  counted in the round's year); drafts never count;
- paid: payments on those decisions; repaid: unused funds decided repaid;
- used, participants and units reached: from approved annual reports, counted
  in the year of the decision's round like the money they report on.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Exists, F, OuterRef, Q, Sum
from django.utils.translation import gettext_lazy as _

from kompetansemidler.accounts.policy import caseworker_office_ids, is_national_admin
from kompetansemidler.decisions.models import Decision, DecisionState, Payment, UnusedFunds
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


def _decision_path(dimension: str, prefix: str) -> str:
    path = DIMENSIONS[dimension][0]
    if path is None:
        return prefix.removesuffix("round__") + COUNTY_PATH
    return prefix + path


def _grouped(queryset, key: str, **aggregates) -> dict:
    return {row.pop(key): row for row in queryset.values(key).order_by(key).annotate(**aggregates)}


def money_table(filters: Filters, dimension: str) -> list[dict]:
    """One row per value of ``dimension``: money and counts. Six queries."""
    if dimension not in DIMENSIONS:
        raise ValueError(dimension)
    parts = []
    if DIMENSIONS[dimension][0] is not None:
        key = DIMENSIONS[dimension][0]
        parts.append(_grouped(Round.objects.filter(_round_q(filters)), key, frame=Sum("frame")))
        parts.append(_grouped(Commitment.objects.filter(_round_q(filters, "round__")),
                              "round__" + key, committed=Sum("amount")))
    decisions = Decision.objects.filter(_round_q(filters, "round__"), state__in=PUBLISHED)
    parts.append(_grouped(
        decisions, _decision_path(dimension, "round__"),
        decided=Sum(F("amount_year1") + F("amount_year2") + F("amount_year3")),
        decisions=Count("pk"), recipients=Count("recipient_organisation", distinct=True),
        private=Count("pk", filter=Q(recipient_organisation__kind=OrganisationKind.PRIVATE_OWNER)),
    ))
    parts.append(_grouped(
        Payment.objects.filter(_round_q(filters, "decision__round__"),
                               decision__state__in=PUBLISHED),
        _decision_path(dimension, "decision__round__"), paid=Sum("amount")))
    parts.append(_grouped(
        UnusedFunds.objects.filter(_round_q(filters, "decision__round__"),
                                   decision__state__in=PUBLISHED),
        _decision_path(dimension, "decision__round__"), repaid=Sum("repaid")))
    parts.append(_grouped(
        _approved_reports(filters), _decision_path(dimension, "decision__round__"),
        used=Sum("used"), participants=Sum("participants_total"),
        units_reached=Sum("units_reached")))
    rows: dict = {}
    for part in parts:
        for key, values in part.items():
            rows.setdefault(key, {}).update(values)
    table = []
    for key in sorted(rows, key=lambda k: (k is None, str(k) if k is not None else "")):
        row = {"label": key if key is not None else "", **{name: 0 for name in COUNTS},
               **{name: ZERO for name in MONEY}}
        row.update({name: value for name, value in rows[key].items() if value is not None})
        row["private_share"] = (round(100 * row["private"] / row["decisions"])
                                if row["decisions"] else None)
        table.append(row)
    return table


def _approved_reports(filters: Filters):
    return AnnualReport.objects.filter(_round_q(filters, "decision__round__"),
                                       decision__state__in=PUBLISHED,
                                       state=AnnualReportState.APPROVED)


def goal_answers(filters: Filters) -> list[dict]:
    """How approved annual reports answered goals and process criteria: one row
    per kind and answer, with the count. One query."""
    rows = (GoalAnswer.objects
            .filter(report__in=_approved_reports(filters)).exclude(answer="")
            .values("kind", "answer").order_by("kind", "answer").annotate(count=Count("pk")))
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
    reports = NeedsReport.objects.filter(
        _round_q(filters, "round__"), state__in=(ReportState.SUBMITTED, ReportState.ACCEPTED))
    with_uh = Exists(NeedsReport.uh_partners.through.objects.filter(
        needsreport_id=OuterRef("report_id")))
    parts = [
        _grouped(reports, key, reports=Count("pk"),
                 sami=Count("pk", filter=~Q(sami_perspectives=""))),
        _grouped(ProposedMeasure.objects.filter(report__in=reports), f"report__{key}",
                 measures=Count("pk"), measures_uh=Count("pk", filter=Q(with_uh))),
    ]
    rows: dict = {}
    for part in parts:
        for value, figures in part.items():
            rows.setdefault(value, {}).update(figures)
    table = []
    for value in sorted(rows, key=lambda k: (k is None, str(k) if k is not None else "")):
        row = {"label": value if value is not None else "", "reports": 0, "sami": 0,
               "measures": 0, "measures_uh": 0, **rows[value]}
        row["sami_share"] = _share(row["sami"], row["reports"])
        row["uh_share"] = _share(row["measures_uh"], row["measures"])
        table.append(row)
    return table


def public_table(dimension: str, *, year: int | None = None) -> list[dict]:
    """Money per county, scheme, year or recipient from published decisions only."""
    paths = {"county": COUNTY_PATH, "scheme": "round__scheme__short_name",
             "year": "round__year", "recipient": "recipient_organisation__name"}
    decisions = Decision.objects.filter(state__in=PUBLISHED)
    if year:
        decisions = decisions.filter(round__year=year)
    key = paths[dimension]
    rows = (decisions.values(key).order_by(key)
            .annotate(decided=Sum(F("amount_year1") + F("amount_year2") + F("amount_year3")),
                      decisions=Count("pk")))
    return [{"label": row[key] if row[key] is not None else "", "decided": row["decided"],
             "decisions": row["decisions"]} for row in rows]

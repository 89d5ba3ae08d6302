"""The office's report to Udir for a year, assembled from the office's rounds,
decisions, payments and approved annual reports, with the caseworker's own
assessment. The figures are computed on reading, never stored, so they always
agree with the rows they come from.
"""

from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import transaction
from django.db.models import Count, Sum
from django.template.loader import render_to_string
from django.utils.translation import gettext_lazy as _

from kompetansemidler.core.exports import Column, ColumnKind, export_response
from kompetansemidler.core.pdf import html_to_pdf
from kompetansemidler.core.workflow import StaleEdit
from kompetansemidler.decisions.models import (
    Decision,
    DecisionAmount,
    DecisionState,
    Payment,
    UnusedFunds,
)
from kompetansemidler.decisions.selectors import paid_sum
from kompetansemidler.history.services import event_record
from kompetansemidler.schemes.models import Round
from kompetansemidler.schemes.selectors import with_money

from .models import (
    AnnualReport,
    AnnualReportState,
    Answer,
    AnswerKind,
    GoalAnswer,
    OfficeReport,
)
from .services import CRITERIA

ISSUED = (DecisionState.ISSUED, DecisionState.CHANGED)
REFUSED_STALE = _(
    "Someone else saved the assessment while you were editing. Your text is kept below: "
    "compare and save again."
)


@dataclass
class Figures:
    office: object
    year: int
    frames: Decimal = Decimal(0)
    decided: Decimal = Decimal(0)
    paid: Decimal = Decimal(0)
    used: Decimal = Decimal(0)
    unused: Decimal = Decimal(0)
    decisions: int = 0
    measures: int = 0
    approved_reports: int = 0
    units: int = 0
    participants: int = 0
    # {(key, question): Counter({"yes": n, "partly": n, "no": n})}
    goals: dict = field(default_factory=dict)
    # One row per scheme: each is reported to Udir on its own, never summed.
    schemes: list["SchemeMoney"] = field(default_factory=list)

    def rows(self) -> list[tuple[str, object, str]]:
        """(label, value, kind) in the order shown and exported."""
        k, n = ColumnKind.KRONER, ColumnKind.INTEGER
        return [
            (_("Frames"), self.frames, k),
            (_("Decided"), self.decided, k),
            (_("Paid"), self.paid, k),
            (_("Used"), self.used, k),
            (_("Unused"), self.unused, k),
            (_("Decisions"), self.decisions, n),
            (_("Measures"), self.measures, n),
            (_("Approved annual reports"), self.approved_reports, n),
            (_("Units reached"), self.units, n),
            (_("Participants"), self.participants, n),
        ]

    def goal_rows(self) -> list[tuple[str, int, int, int]]:
        return [
            (question, c[Answer.YES], c[Answer.PARTLY], c[Answer.NO])
            for (_key, question), c in sorted(self.goals.items())
        ]


@dataclass(frozen=True)
class SchemeMoney:
    """One scheme's money of the office's year, counted in its budget year."""

    scheme: str
    allocation: Decimal
    set_aside: Decimal
    committed: Decimal
    decided: Decimal
    paid: Decimal
    repaid: Decimal
    carried_over: Decimal


SCHEME_COLUMNS = (
    ("allocation", _("Allocation")),
    ("set_aside", _("Set aside")),
    ("committed", _("Committed from earlier years")),
    ("decided", _("Decided this year")),
    ("paid", _("Paid")),
    ("repaid", _("Repaid")),
    ("carried_over", _("Carried over")),
)


def _by_scheme(queryset, path: str, field_name: str) -> dict[int, Decimal]:
    return dict(queryset.values(path).order_by().annotate(t=Sum(field_name)).values_list(path, "t"))


def scheme_money(office, year: int) -> list[SchemeMoney]:
    """Per scheme of ``office`` in ``year``: allocation, set aside, committed from
    earlier years, decided for the budget year (this year's first years and earlier
    decisions' amounts for this year), paid in the year, repaid and carried over
    (decided in the year). A fixed number of queries."""
    rounds = list(
        with_money(Round.objects.filter(office=office, year=year))
        .select_related("scheme")
        .order_by("scheme_id")
    )
    issued = {"decision__round__office": office, "decision__state__in": ISSUED}
    decided = _by_scheme(
        DecisionAmount.objects.filter(budget_year=year, **issued),
        "decision__round__scheme",
        "amount",
    )
    paid = _by_scheme(
        Payment.objects.filter(paid_on__year=year, **issued), "decision__round__scheme", "amount"
    )
    unused = UnusedFunds.objects.filter(created_at__year=year, **issued)
    repaid = _by_scheme(unused, "decision__round__scheme", "repaid")
    carried = _by_scheme(unused, "decision__round__scheme", "carried_over")
    zero = Decimal(0)
    return [
        SchemeMoney(
            scheme=r.scheme.short_name,
            allocation=r.frame,
            set_aside=r.set_aside,
            committed=r.committed,
            decided=decided.get(r.scheme_id) or zero,
            paid=paid.get(r.scheme_id) or zero,
            repaid=repaid.get(r.scheme_id) or zero,
            carried_over=carried.get(r.scheme_id) or zero,
        )
        for r in rounds
    ]


def office_figures(office, year: int) -> Figures:
    rounds = Round.objects.filter(office=office, year=year)
    decisions = Decision.objects.filter(round__in=rounds, state__in=ISSUED)
    reports = AnnualReport.objects.filter(
        decision__round__office=office, year=year, state=AnnualReportState.APPROVED
    )
    figures = Figures(office=office, year=year)
    figures.frames = rounds.aggregate(t=Sum("frame"))["t"] or Decimal(0)
    # Money decided for the budget year: the first year of this year's decisions and
    # the later years of earlier ones, never a three-year sum in the decision year.
    figures.decided = DecisionAmount.objects.filter(
        decision__round__office=office, decision__state__in=ISSUED, budget_year=year
    ).aggregate(t=Sum("amount"))["t"] or Decimal(0)
    figures.paid = paid_sum(
        Payment.objects.filter(
            decision__round__office=office, decision__state__in=ISSUED, paid_on__year=year
        )
    )
    sums = reports.aggregate(
        used=Sum("used"),
        unused=Sum("unused"),
        participants=Sum("participants_total"),
        units=Sum("units_reached"),
    )
    figures.used = sums["used"] or Decimal(0)
    figures.unused = sums["unused"] or Decimal(0)
    figures.participants = sums["participants"] or 0
    figures.units = sums["units"] or 0
    figures.decisions = decisions.count()
    figures.measures = sum(
        len(m.splitlines()) for m in decisions.values_list("measures", flat=True)
    )
    figures.approved_reports = reports.count()
    figures.schemes = scheme_money(office, year)
    goals = str(_("Were the concrete goals of the measures reached?"))
    criteria = dict(CRITERIA)
    # Counted in the database: the answers' rows (with their long question texts)
    # are tens of thousands for a large office. Each criterion is labelled with
    # its question in the reader's language.
    for kind, key, answer, count in (
        GoalAnswer.objects.filter(report__in=reports)
        .exclude(answer="")
        .values("kind", "key", "answer")
        .annotate(n=Count("id"))
        .order_by()
        .values_list("kind", "key", "answer", "n")
    ):
        label = ("c1", goals) if kind == AnswerKind.GOAL else (key, str(criteria.get(key, key)))
        figures.goals.setdefault(label, Counter())[answer] += count
    return figures


def office_report_for(office, year: int) -> OfficeReport:
    return OfficeReport.objects.get_or_create(office=office, year=year)[0]


@transaction.atomic
def office_report_save(
    *, actor, report: OfficeReport, assessment: str, lock_version: int
) -> OfficeReport:
    current = OfficeReport.objects.select_for_update().get(pk=report.pk)
    if current.lock_version != lock_version:
        raise StaleEdit(current, REFUSED_STALE)
    current.assessment = assessment
    current.updated_by = actor
    current.lock_version += 1
    current.save()
    event_record(actor=actor, kind="office_report.saved", obj=current, office=current.office)
    return current


def office_report_pdf(figures: Figures, report: OfficeReport) -> bytes:
    html = render_to_string(
        "reporting/office_report_pdf.html", {"figures": figures, "report": report}
    )
    return html_to_pdf(html)


def office_report_xlsx(figures: Figures, report: OfficeReport):
    rows = [(str(label), value, kind) for label, value, kind in figures.rows()]
    rows += [
        (f"{money.scheme}: {label}", getattr(money, name), ColumnKind.KRONER)
        for money in figures.schemes
        for name, label in SCHEME_COLUMNS
    ]
    rows += [
        (
            f"{question}: {Answer.YES.label} / {Answer.PARTLY.label} / {Answer.NO.label}",
            f"{yes} / {partly} / {no}",
            ColumnKind.TEXT,
        )
        for question, yes, partly, no in figures.goal_rows()
    ]
    rows.append((str(_("The office's assessment")), report.assessment, ColumnKind.TEXT))
    columns = [
        Column(_("Figure"), lambda row: row[0], width=70),
        Column(
            _("Number"),
            lambda row: None if row[2] == ColumnKind.TEXT else row[1],
            ColumnKind.KRONER,
            width=16,
        ),
        Column(_("Text"), lambda row: row[1] if row[2] == ColumnKind.TEXT else None, width=60),
    ]
    return export_response(
        rows=rows,
        columns=columns,
        fmt="xlsx",
        filename=f"rapport-udir-{figures.year}",
        sheet_title=str(figures.year),
    )

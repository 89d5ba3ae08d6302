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
from kompetansemidler.decisions.models import Decision, DecisionAmount, DecisionState, Payment
from kompetansemidler.decisions.selectors import paid_sum
from kompetansemidler.history.services import event_record
from kompetansemidler.schemes.models import Round

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

"""The adopted recommendation as the mandate asks for it: measures, participants,
duration, criteria, owner–UH pairs and money per actor; as PDF and as Excel."""

import io
from dataclasses import dataclass
from decimal import Decimal

from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from kompetansemidler.core.pdf import html_to_pdf

from .facts import line_facts


@dataclass(frozen=True)
class ExportLine:
    rank: int
    title: str
    recipient: str
    category: str
    participants: str
    years: int
    amounts: tuple[Decimal, ...]
    needs_report: bool
    collective: bool
    uh_partner: bool
    sami: bool
    partners: str
    coordinator: bool
    priority: str


def export_lines(lines) -> list[ExportLine]:
    rows = []
    for line in lines:
        facts = line_facts(line)
        report = line.measure.report if line.measure_id else line.basis_report
        partners = []
        if line.partner is not None:
            partners.append(line.partner.name)
        if report is not None:
            partners += [o.name for o in report.uh_partners.all()]
            if report.partnership is not None:
                partners += [o.name for o in report.partnership.institutions.all()]
        units = [u.name for u in report.units.all()] if report is not None else []
        rows.append(
            ExportLine(
                rank=line.rank,
                title=line.title,
                recipient=line.recipient_label,
                category=line.category,
                participants=", ".join(units),
                years=sum(1 for a in line.amounts if a > 0),
                amounts=line.amounts,
                needs_report=facts.needs_report is not None,
                collective=not facts.individual_further_education,
                uh_partner="uh" in facts.partner_kinds,
                sami=facts.sami_assessed,
                partners=", ".join(dict.fromkeys(partners)),
                coordinator=line.is_coordinator,
                priority=line.priority.code if line.priority_id else "",
            )
        )
    return rows


def money_per_actor(rows: list[ExportLine]) -> list[tuple[str, tuple[Decimal, ...]]]:
    per: dict[str, list[Decimal]] = {}
    for row in rows:
        sums = per.setdefault(row.recipient, [Decimal(0)] * 3)
        for index, amount in enumerate(row.amounts):
            sums[index] += amount
    return [(name, tuple(sums)) for name, sums in sorted(per.items(), key=lambda i: i[0])]


def recommendation_pdf(recommendation, lines) -> bytes:
    rows = export_lines(lines)
    html = render_to_string(
        "recommendations/export_pdf.html",
        {
            "recommendation": recommendation,
            "rows": rows,
            "actors": money_per_actor(rows),
            "total": [sum((r.amounts[i] for r in rows), Decimal(0)) for i in range(3)],
        },
    )
    return html_to_pdf(html)


def recommendation_xlsx(recommendation, lines) -> bytes:
    rows = export_lines(lines)
    workbook = Workbook()
    bold = Font(bold=True)
    yes, no = _("yes"), _("no")

    def sheet(title, header, data, first=False):
        ws = workbook.active if first else workbook.create_sheet()
        ws.title = title[:31]
        ws.append(header)
        for cell in ws[1]:
            cell.font = bold
        ws.freeze_panes = "A2"
        for values in data:
            ws.append(values)
        for column in ws.columns:
            ws.column_dimensions[column[0].column_letter].width = 18

    sheet(
        _("Measures"),
        [
            _("Rank"),
            _("Measure"),
            _("Recipient"),
            _("Category"),
            _("Participants"),
            _("Duration (years)"),
            _("Year 1"),
            _("Year 2"),
            _("Year 3"),
            _("Priority"),
            _("Coordinator function"),
        ],
        [
            [
                r.rank,
                r.title,
                r.recipient,
                r.category,
                r.participants,
                r.years,
                *[int(a) for a in r.amounts],
                r.priority,
                yes if r.coordinator else no,
            ]
            for r in rows
        ],
        first=True,
    )
    sheet(
        _("Criteria"),
        [
            _("Rank"),
            _("Measure"),
            _("C1 needs report"),
            _("C2 collective"),
            _("C3 UH partner"),
            _("Sámi perspectives"),
        ],
        [
            [
                r.rank,
                r.title,
                *[yes if v else no for v in (r.needs_report, r.collective, r.uh_partner, r.sami)],
            ]
            for r in rows
        ],
    )
    sheet(
        _("Owner–UH pairs"),
        [_("Recipient"), _("Measure"), _("UH partners")],
        [[r.recipient, r.title, r.partners] for r in rows],
    )
    sheet(
        _("Money per actor"),
        [_("Recipient"), _("Year 1"), _("Year 2"), _("Year 3")],
        [[name, *[int(a) for a in sums]] for name, sums in money_per_actor(rows)],
    )
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()

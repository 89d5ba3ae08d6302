"""The adopted recommendation as the mandate asks for it: measures, participants,
duration, criteria, owner–UH pairs and money per actor; as PDF and as Excel."""

from dataclasses import dataclass
from decimal import Decimal

from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from kompetansemidler.core.exports import Column, ColumnKind, Sheet, xlsx_workbook
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
    """Measures, criteria, owner–UH pairs and money per actor, one sheet each.

    Measure titles and names are typed by owners and forum members: they go
    through the one export helper, which writes them as text, never as formulas.
    """
    rows = export_lines(lines)
    yes, no = _("yes"), _("no")
    years = (_("Year 1"), _("Year 2"), _("Year 3"))

    def flag(get):
        return lambda row: yes if get(row) else no

    rank = Column(_("Rank"), lambda r: r.rank, ColumnKind.INTEGER, width=18)
    title = Column(_("Measure"), lambda r: r.title, width=18)
    recipient = Column(_("Recipient"), lambda r: r.recipient, width=18)
    return xlsx_workbook(
        [
            Sheet(
                _("Measures"),
                rows,
                [
                    rank,
                    title,
                    recipient,
                    Column(_("Category"), lambda r: r.category, width=18),
                    Column(_("Participants"), lambda r: r.participants, width=18),
                    Column(_("Duration (years)"), lambda r: r.years, ColumnKind.INTEGER, width=18),
                    *[
                        Column(label, lambda r, i=index: r.amounts[i], ColumnKind.KRONER, width=18)
                        for index, label in enumerate(years)
                    ],
                    Column(_("Priority"), lambda r: r.priority, width=18),
                    Column(_("Coordinator function"), flag(lambda r: r.coordinator), width=18),
                ],
            ),
            Sheet(
                _("Criteria"),
                rows,
                [
                    rank,
                    title,
                    Column(_("C1 needs report"), flag(lambda r: r.needs_report), width=18),
                    Column(_("C2 collective"), flag(lambda r: r.collective), width=18),
                    Column(_("C3 UH partner"), flag(lambda r: r.uh_partner), width=18),
                    Column(_("Sámi perspectives"), flag(lambda r: r.sami), width=18),
                ],
            ),
            Sheet(
                _("Owner–UH pairs"),
                rows,
                [recipient, title, Column(_("UH partners"), lambda r: r.partners, width=18)],
            ),
            Sheet(
                _("Money per actor"),
                money_per_actor(rows),
                [
                    Column(_("Recipient"), lambda actor: actor[0], width=18),
                    *[
                        Column(
                            label, lambda actor, i=index: actor[1][i], ColumnKind.KRONER, width=18
                        )
                        for index, label in enumerate(years)
                    ],
                ],
            ),
        ]
    )

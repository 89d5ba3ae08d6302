"""Columns of the round list's CSV and Excel export."""

from django.utils.translation import gettext_lazy as _

from kompetansemidler.core.exports import Column, ColumnKind

ROUND_COLUMNS = [
    Column(_("Scheme"), lambda r: r.scheme.short_name),
    Column(_("Year"), lambda r: r.year, ColumnKind.INTEGER),
    Column(_("State administrator office"), lambda r: r.office.name, width=30),
    Column(_("Phase"), lambda r: r.get_phase_display(), width=24),
    Column(_("Frame (NOK)"), lambda r: r.frame, ColumnKind.KRONER, width=16),
    Column(_("Set aside (NOK)"), lambda r: r.set_aside, ColumnKind.KRONER, width=16),
    Column(_("Committed (NOK)"), lambda r: r.committed, ColumnKind.KRONER, width=16),
    Column(_("Available (NOK)"), lambda r: r.available, ColumnKind.KRONER, width=16),
    Column(_("Deadline for needs reports"), lambda r: r.needs_deadline, ColumnKind.DATE),
    Column(
        _("Deadline for the recommendation"), lambda r: r.recommendation_deadline, ColumnKind.DATE
    ),
    Column(_("Deadline for decisions"), lambda r: r.decision_deadline, ColumnKind.DATE),
    Column(
        _("Deadline for the annual report"), lambda r: r.annual_report_deadline, ColumnKind.DATE
    ),
]

"""The public journal as CSV and Excel: the same public fields as the page."""

from django.utils.translation import gettext_lazy as _

from kompetansemidler.core.exports import Column, ColumnKind

from .noark import public_party_name


def _parties(entry) -> str:
    return "; ".join(
        f"{party.get_role_display()}: {public_party_name(party)}" for party in entry.parties.all()
    )


PUBLIC_COLUMNS = [
    Column(_("Case number"), lambda e: e.case_file.case_number, width=12),
    Column(_("Entry number"), lambda e: e.entry_number, width=14),
    Column(_("Journal date"), lambda e: e.journal_date, ColumnKind.DATE),
    Column(_("Entry type"), lambda e: e.get_entry_type_display(), width=14),
    Column(_("Title"), lambda e: e.public_title, width=50),
    Column(_("Parties"), _parties, width=40),
    Column(_("Office"), lambda e: e.case_file.office.name, width=30),
    Column(
        _("Exempt"),
        lambda e: e.exempt or any(p.exempt for p in e.parties.all()),
        ColumnKind.BOOLEAN,
    ),
    Column(_("Legal basis"), lambda e: e.legal_basis, width=30),
]

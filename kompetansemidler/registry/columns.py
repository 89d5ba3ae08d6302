"""The columns of each registry list's CSV and Excel export.

Each row is an object from the list's selector, which has already fetched the
related rows and counts a column reads.
"""

from django.utils.translation import gettext_lazy as _

from kompetansemidler.core.exports import Column, ColumnKind


def _name_of(related) -> str:
    return related.name if related else ""


def _number_of(related) -> str:
    return related.number if related else ""


OFFICE_COLUMNS = [
    Column(_("Identifier"), lambda o: o.slug, width=32),
    Column(_("Name"), lambda o: o.name, width=45),
    Column(_("Counties"), lambda o: o.county_count, ColumnKind.INTEGER),
    Column(_("Municipalities"), lambda o: o.municipality_count, ColumnKind.INTEGER),
]

COUNTY_COLUMNS = [
    Column(_("County number"), lambda c: c.number),
    Column(_("Name"), lambda c: c.name, width=30),
    Column(_("State administrator office"), lambda c: c.office.name, width=45),
    Column(_("Municipalities"), lambda c: c.municipality_count, ColumnKind.INTEGER),
]

MUNICIPALITY_COLUMNS = [
    Column(_("Municipality number"), lambda m: m.number),
    Column(_("Name"), lambda m: m.name, width=30),
    Column(_("Official name"), lambda m: m.official_name, width=40),
    Column(_("County number"), lambda m: m.county.number),
    Column(_("County"), lambda m: m.county.name, width=25),
    Column(_("State administrator office"), lambda m: m.county.office.name, width=45),
    Column(_("Organisations"), lambda m: m.organisation_count, ColumnKind.INTEGER),
    Column(_("Units"), lambda m: m.unit_count, ColumnKind.INTEGER),
]

ORGANISATION_COLUMNS = [
    Column(_("Organisation number"), lambda o: o.organisation_number, width=20),
    Column(_("Name"), lambda o: o.name, width=45),
    Column(_("Kind"), lambda o: o.get_kind_display(), width=30),
    Column(_("Public owner"), lambda o: o.is_public, ColumnKind.BOOLEAN),
    Column(_("Municipality number"), lambda o: _number_of(o.municipality)),
    Column(_("Municipality"), lambda o: _name_of(o.municipality), width=25),
    Column(_("County"), lambda o: _name_of(o.county), width=25),
    Column(_("Units"), lambda o: o.unit_count, ColumnKind.INTEGER),
    Column(_("Active"), lambda o: o.is_active, ColumnKind.BOOLEAN),
    Column(_("Language form"), lambda o: o.get_language_form_display()),
    Column(_("E-mail"), lambda o: o.email, width=30),
    Column(_("Source"), lambda o: o.get_source_display(), width=30),
]

UNIT_COLUMNS = [
    Column(_("Organisation number"), lambda u: u.organisation_number, width=20),
    Column(_("Name"), lambda u: u.name, width=45),
    Column(_("Kind"), lambda u: u.get_kind_display()),
    Column(_("Owner's organisation number"), lambda u: u.owner.organisation_number, width=20),
    Column(_("Owner"), lambda u: u.owner.name, width=40),
    Column(_("Public"), lambda u: u.is_public, ColumnKind.BOOLEAN),
    Column(_("Municipality number"), lambda u: u.municipality.number),
    Column(_("Municipality"), lambda u: u.municipality.name, width=25),
    Column(_("County"), lambda u: u.municipality.county.name, width=25),
    Column(_("Children or pupils"), lambda u: u.children, ColumnKind.INTEGER),
    Column(_("Staff"), lambda u: u.staff, ColumnKind.INTEGER),
    Column(_("Primary and lower secondary"), lambda u: u.is_primary, ColumnKind.BOOLEAN),
    Column(_("Upper secondary"), lambda u: u.is_upper_secondary, ColumnKind.BOOLEAN),
    Column(_("Active"), lambda u: u.is_active, ColumnKind.BOOLEAN),
    Column(_("Language form"), lambda u: u.get_language_form_display()),
    Column(_("Address"), lambda u: u.address, width=30),
    Column(_("Postal code"), lambda u: u.postal_code),
    Column(_("Postal place"), lambda u: u.postal_place, width=20),
]

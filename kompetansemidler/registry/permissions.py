"""Who may see and maintain the registry.

Organisations outside the national registers (universities and colleges, KS,
PBL, unions, other partners) are kept by hand: by the national administrator
anywhere, and by a caseworker for her office. Such an organisation belongs to
the office whose counties hold the municipality of its address (its
``county``): a caseworker registers and changes only those, and cannot move
one into another office's area. Owners and anything the import brought are
never changed on these pages: the import from NBR and NSR keeps them.
"""

from django.utils.translation import gettext_lazy as _

from kompetansemidler.accounts.policy import (
    ALLOWED,
    Decision,
    caseworker_office_ids,
    deny,
    has_any_role,
    is_national_admin,
)

from .models import HAND_KEPT_KINDS

REASON_IMPORT = _(
    "Only caseworkers at a state administrator office and the national administrator "
    "may import register files."
)
REASON_KEEP = _(
    "Only caseworkers at a state administrator office and the national administrator "
    "register and change organisations."
)
REASON_IMPORTED = _(
    "%(name)s comes from %(register)s and is kept by the register import: change it in the "
    "register and import the file again."
)
REASON_OWNER = _(
    "%(name)s is a kindergarten or school owner. Owners come from the national registers "
    "NBR and NSR through the register import, not from this page."
)
REASON_OTHER_OFFICE = _(
    "%(name)s lies outside your office's counties: a caseworker at %(office)s or the national "
    "administrator keeps it."
)
REASON_NO_COUNTY = _(
    "%(name)s has no county, so no office keeps it: the national administrator changes it."
)


def can_view_registry(user) -> Decision:
    """The registry is public information, shown to everyone who has a role."""
    return has_any_role(user)


def can_import_registry(user) -> Decision:
    if is_national_admin(user) or caseworker_office_ids(user):
        return ALLOWED
    return deny(REASON_IMPORT)


def can_keep_organisations(user) -> Decision:
    """Whether the user registers organisations at all (the page and its menu entry)."""
    if is_national_admin(user) or caseworker_office_ids(user):
        return ALLOWED
    return deny(REASON_KEEP)


def can_place_organisation(user, county) -> bool:
    """Whether the user may keep an organisation located in ``county`` (None: unknown)."""
    if is_national_admin(user):
        return True
    return county is not None and county.office_id in caseworker_office_ids(user)


def can_edit_organisation(user, organisation) -> Decision:
    """Whether the user may change ``organisation`` on the registry's pages, and why not."""
    if not can_keep_organisations(user):
        return deny(REASON_KEEP)
    if organisation.is_imported:
        return deny(
            REASON_IMPORTED
            % {"name": organisation.name, "register": organisation.get_source_display()}
        )
    if organisation.kind not in HAND_KEPT_KINDS:
        return deny(REASON_OWNER % {"name": organisation.name})
    if can_place_organisation(user, organisation.county):
        return ALLOWED
    if organisation.county is None:
        return deny(REASON_NO_COUNTY % {"name": organisation.name})
    return deny(
        REASON_OTHER_OFFICE % {"name": organisation.name, "office": organisation.county.office}
    )

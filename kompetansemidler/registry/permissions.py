"""Who may see and maintain the registry."""

from django.utils.translation import gettext_lazy as _

from kompetansemidler.accounts.policy import (
    ALLOWED,
    Decision,
    caseworker_office_ids,
    deny,
    has_any_role,
    is_national_admin,
)

REASON_IMPORT = _(
    "Only caseworkers at a state administrator office and the national administrator "
    "may import register files."
)


def can_view_registry(user) -> Decision:
    """The registry is public information, shown to everyone who has a role."""
    return has_any_role(user)


def can_import_registry(user) -> Decision:
    if is_national_admin(user) or caseworker_office_ids(user):
        return ALLOWED
    return deny(REASON_IMPORT)

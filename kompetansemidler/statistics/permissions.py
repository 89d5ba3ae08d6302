"""Who may read which statistics, and why not. The public figures need no check."""

from django.utils.translation import gettext_lazy as _

from kompetansemidler.accounts.policy import (
    ALLOWED,
    REASON_NOT_LOGGED_IN,
    Decision,
    caseworker_office_ids,
    deny,
    is_national_admin,
)

REASON_NOT_STAFF = _("Only Udir and the state administrators' caseworkers can read the statistics.")
REASON_OTHER_OFFICE = _("You can only see the statistics of your own office.")


def can_view_statistics(user) -> Decision:
    if not getattr(user, "is_authenticated", False):
        return deny(REASON_NOT_LOGGED_IN)
    if is_national_admin(user) or caseworker_office_ids(user):
        return ALLOWED
    return deny(REASON_NOT_STAFF)


def can_view_office_statistics(user, office) -> Decision:
    decision = can_view_statistics(user)
    if not decision or is_national_admin(user):
        return decision
    return ALLOWED if office.pk in caseworker_office_ids(user) else deny(REASON_OTHER_OFFICE)

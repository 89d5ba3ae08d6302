"""Who may read the journal's internal view and take archive extracts, and why not."""

from django.utils.translation import gettext_lazy as _

from kompetansemidler.accounts.policy import (
    ALLOWED,
    REASON_NOT_LOGGED_IN,
    Decision,
    caseworker_office_ids,
    deny,
    is_national_admin,
)

REASON_NOT_STAFF = _("Only the state administrator's caseworkers and Udir can read the journal.")
REASON_OTHER_OFFICE = _("This belongs to another state administrator's office.")
REASON_EXEMPT = _("The document is exempt from public access.")
REASON_NOT_PUBLISHED = _("The document has not been published in the public journal.")


def can_use_journal(user) -> Decision:
    if not getattr(user, "is_authenticated", False):
        return deny(REASON_NOT_LOGGED_IN)
    if is_national_admin(user) or caseworker_office_ids(user):
        return ALLOWED
    return deny(REASON_NOT_STAFF)


def can_publish_documents(user) -> Decision:
    """Only caseworkers decide what the public journal offers for download."""
    if not getattr(user, "is_authenticated", False):
        return deny(REASON_NOT_LOGGED_IN)
    return ALLOWED if caseworker_office_ids(user) else deny(REASON_NOT_STAFF)


def can_read_office_records(user, obj) -> Decision:
    """The journal records of ``obj``'s office (a round, a case file): its
    caseworkers and national administrators."""
    decision = can_use_journal(user)
    if not decision:
        return decision
    if is_national_admin(user) or obj.office_id in caseworker_office_ids(user):
        return ALLOWED
    return deny(REASON_OTHER_OFFICE)


def can_download_public_document(entry) -> Decision:
    if entry.exempt:
        return deny(REASON_EXEMPT)
    return ALLOWED if entry.published else deny(REASON_NOT_PUBLISHED)


def can_screen_entries(user) -> Decision:
    """Caseworkers decide what is exempt from public access (their own office's entries)."""
    return can_publish_documents(user)


def can_act_for_office(user, office_id: int) -> Decision:
    """A caseworker of that very office: screening, closing cases, deposit packages."""
    if not getattr(user, "is_authenticated", False):
        return deny(REASON_NOT_LOGGED_IN)
    if not caseworker_office_ids(user):
        return deny(REASON_NOT_STAFF)
    return ALLOWED if office_id in caseworker_office_ids(user) else deny(REASON_OTHER_OFFICE)


def can_take_deposit_packages(user) -> Decision:
    """Deposit packages are the office's own: its caseworkers only."""
    return can_publish_documents(user)

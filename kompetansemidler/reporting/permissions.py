"""Who may see and work on annual reports and the office report, and why not.

The recipient's representatives (the owner representative of the receiving
organisation, the network's coordinator, the UH representative of a partner
on the decision's measures) write their report; the caseworkers of the round's
office read submitted reports, return and approve them and write the office
report; Udir reads. Everybody else is refused.
"""

from django.utils.translation import gettext_lazy as _

from kompetansemidler.accounts.models import Role
from kompetansemidler.accounts.policy import (
    ALLOWED,
    Decision,
    caseworker_office_ids,
    deny,
    is_national_admin,
    scope_ids,
)
from kompetansemidler.decisions.permissions import coordinated_network_ids

REASON_NO_ACCESS = _(
    "Only grant recipients' representatives, caseworkers and the national administrator see "
    "annual reports."
)
REASON_NOT_WRITER = _("Only the grant recipient's representatives write its annual report.")
REASON_NOT_EDITABLE = _("The report is submitted or approved and can no longer be changed.")
REASON_NOT_OFFICE = _(
    "Only the caseworkers at the round's state administrator office return and approve reports "
    "and write the office report."
)


def owner_ids(user) -> set[int]:
    return scope_ids(user, Role.OWNER_REPRESENTATIVE, "organisation")


def uh_ids(user) -> set[int]:
    return scope_ids(user, Role.UH_REPRESENTATIVE, "organisation")


def is_recipient_writer(user, decision) -> bool:
    """Owner rep of the recipient or coordinator of its network (the whole report)."""
    if decision.recipient_network_id is not None:
        return decision.recipient_network_id in coordinated_network_ids(user)
    return decision.recipient_organisation_id in (owner_ids(user) | uh_ids(user))


def is_partner_writer(user, decision) -> bool:
    """A UH representative of a partner on the decision's measures (criterion 6 only)."""
    from .selectors import partner_decision_ids

    return decision.pk in partner_decision_ids(user)


def can_use_reports(user) -> Decision:
    if (
        is_national_admin(user)
        or caseworker_office_ids(user)
        or owner_ids(user)
        or uh_ids(user)
        or coordinated_network_ids(user)
    ):
        return ALLOWED
    return deny(REASON_NO_ACCESS)


def can_edit(user, report) -> Decision:
    if not (is_recipient_writer(user, report.decision) or is_partner_writer(user, report.decision)):
        return deny(REASON_NOT_WRITER)
    if not report.is_editable:
        return deny(REASON_NOT_EDITABLE)
    return ALLOWED


def can_review(user, report) -> Decision:
    if report.decision.round.office_id in caseworker_office_ids(user):
        return ALLOWED
    return deny(REASON_NOT_OFFICE)


def can_read_office(user, office) -> Decision:
    if is_national_admin(user) or office.pk in caseworker_office_ids(user):
        return ALLOWED
    return deny(REASON_NOT_OFFICE)


def can_write_office(user, office) -> Decision:
    return ALLOWED if office.pk in caseworker_office_ids(user) else deny(REASON_NOT_OFFICE)

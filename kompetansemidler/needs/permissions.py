"""Who may do what with local plans, partnerships and needs reports, and why not."""

from django.utils.translation import gettext_lazy as _

from kompetansemidler.accounts.models import Role
from kompetansemidler.accounts.policy import (
    ALLOWED,
    Decision,
    caseworker_office_ids,
    deny,
    has_any_role,
    is_national_admin,
    scope_ids,
)

from .models import NeedsReport, ReportState

REASON_NOT_OWNER = _("Only a representative of an owner can write local plans and partnerships.")
REASON_NOT_AUTHOR = _(
    "Only the owner's representatives, or the network's coordinator, can change this report."
)
REASON_NOT_EDITABLE = _("The report has been submitted and can no longer be changed.")
REASON_NOT_REPORTER = _("Only owner representatives and network coordinators can report needs.")
REASON_NOT_CASEWORKER = _(
    "Only caseworkers at the state administrator office of the round can do this."
)
REASON_NOT_OVERVIEW = _(
    "Only the state administrator office of the round and the national administrator "
    "can see the round's overview."
)


def can_use_needs(user) -> Decision:
    """The area's pages list only what the user may see, so any role may open them."""
    return has_any_role(user)


def can_write_for_owner(user, owner=None) -> Decision:
    owners = scope_ids(user, Role.OWNER_REPRESENTATIVE, "organisation")
    if owners and (owner is None or owner.pk in owners):
        return ALLOWED
    return deny(REASON_NOT_OWNER)


def can_report_needs(user) -> Decision:
    if scope_ids(user, Role.OWNER_REPRESENTATIVE, "organisation") or scope_ids(
        user, Role.NETWORK_COORDINATOR, "network"
    ):
        return ALLOWED
    return deny(REASON_NOT_REPORTER)


def can_write_report(user, report: NeedsReport) -> Decision:
    if report.owner_id:
        authors = scope_ids(user, Role.OWNER_REPRESENTATIVE, "organisation")
        is_author = report.owner_id in authors
    else:
        is_author = report.network_id in scope_ids(user, Role.NETWORK_COORDINATOR, "network")
    if not is_author:
        return deny(REASON_NOT_AUTHOR)
    if report.state not in (ReportState.DRAFT, ReportState.RETURNED):
        return deny(REASON_NOT_EDITABLE)
    return ALLOWED


def is_round_caseworker(user, round_) -> Decision:
    if round_.office_id in caseworker_office_ids(user):
        return ALLOWED
    return deny(REASON_NOT_CASEWORKER)


def can_handle_reports(user) -> Decision:
    """Menu and view gate for the caseworker's actions; the round is checked per report."""
    return ALLOWED if caseworker_office_ids(user) else deny(REASON_NOT_CASEWORKER)


def can_view_overview(user, round_=None) -> Decision:
    if is_national_admin(user):
        return ALLOWED
    offices = caseworker_office_ids(user)
    if offices and (round_ is None or round_.office_id in offices):
        return ALLOWED
    return deny(REASON_NOT_OVERVIEW)

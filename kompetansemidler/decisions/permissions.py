"""Who may see and work on decisions, and why not.

The caseworkers of the round's office decide, pay and register appeals; Udir
reads every decision; a recipient's representatives (owner representative, UH
representative, the network's coordinator) read their own issued decisions
and letters. Everybody else is refused.
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

REASON_NO_ACCESS = _(
    "Only caseworkers at a state administrator office, the national administrator and the "
    "representatives of a grant recipient see decisions."
)
REASON_NOT_OFFICE = _(
    "Only the caseworkers at the round's state administrator office make decisions, pay and "
    "register appeals."
)


def recipient_organisation_ids(user) -> set[int]:
    """Organisations the user represents as owner or UH."""
    return scope_ids(user, Role.OWNER_REPRESENTATIVE, "organisation") | scope_ids(
        user, Role.UH_REPRESENTATIVE, "organisation"
    )


def coordinated_network_ids(user) -> set[int]:
    return scope_ids(user, Role.NETWORK_COORDINATOR, "network")


def can_use_decisions(user) -> Decision:
    if (
        is_national_admin(user)
        or caseworker_office_ids(user)
        or recipient_organisation_ids(user)
        or coordinated_network_ids(user)
    ):
        return ALLOWED
    return deny(REASON_NO_ACCESS)


def can_decide_in(user, round_) -> Decision:
    if round_.office_id in caseworker_office_ids(user):
        return ALLOWED
    return deny(REASON_NOT_OFFICE)


def can_decide(user) -> Decision:
    return ALLOWED if caseworker_office_ids(user) else deny(REASON_NOT_OFFICE)


def can_read_round(user, round_) -> Decision:
    """The round's overview: its office's caseworkers and Udir."""
    if is_national_admin(user) or round_.office_id in caseworker_office_ids(user):
        return ALLOWED
    return deny(REASON_NOT_OFFICE)


def can_read_rounds(user) -> Decision:
    if is_national_admin(user) or caseworker_office_ids(user):
        return ALLOWED
    return deny(REASON_NOT_OFFICE)


REASON_NOT_UDIR = _("Only Udir records the outcome of an appeal sent on to it.")
REASON_NOT_RECIPIENT = _(
    "Only the recipient's representatives or the caseworkers at the decision's office "
    "record that a grant is declined."
)


def can_decide_appeals_as_udir(user) -> Decision:
    return ALLOWED if is_national_admin(user) else deny(REASON_NOT_UDIR)


def can_decline(user, decision) -> Decision:
    """The recipient's representatives, and the office's caseworkers on its behalf."""
    if decision.round.office_id in caseworker_office_ids(user):
        return ALLOWED
    if decision.recipient_network_id:
        if decision.recipient_network_id in coordinated_network_ids(user):
            return ALLOWED
    elif decision.recipient_organisation_id in recipient_organisation_ids(user):
        return ALLOWED
    return deny(REASON_NOT_RECIPIENT)

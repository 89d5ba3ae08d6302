"""Who may see and maintain schemes, rule sets and funding rounds."""

from django.utils.translation import gettext_lazy as _

from kompetansemidler.accounts.policy import (
    ALLOWED,
    Decision,
    caseworker_office_ids,
    deny,
    has_any_role,
    is_national_admin,
)

REASON_RULE_SETS = _("Only the national administrator (Udir) maintains schemes and rule sets.")
REASON_OPEN_ROUND = _("Only caseworkers at a state administrator office open funding rounds.")
REASON_ROUND_NOT_YOURS = _(
    "This round belongs to a state administrator office whose rounds your roles do not cover."
)
REASON_ROUND_OTHER_OFFICE = _(
    "Only caseworkers at the state administrator office that runs this round may change it."
)


def can_view_schemes(user) -> Decision:
    """Schemes and rule sets are public rules, shown to everyone who has a role."""
    return has_any_role(user)


def can_manage_rule_sets(user) -> Decision:
    return ALLOWED if is_national_admin(user) else deny(REASON_RULE_SETS)


def can_view_rounds(user) -> Decision:
    """Everyone with a role sees some rounds; which ones is the selector's business."""
    return has_any_role(user)


def can_view_round(user, round_, visible_office_ids) -> Decision:
    """``visible_office_ids`` is the selector's answer for the user (None: all offices)."""
    if visible_office_ids is None or round_.office_id in visible_office_ids:
        return ALLOWED
    return deny(REASON_ROUND_NOT_YOURS)


def can_open_round(user) -> Decision:
    return ALLOWED if caseworker_office_ids(user) else deny(REASON_OPEN_ROUND)


def can_manage_round(user, round_) -> Decision:
    """Change a round's phase, deadlines or commitments: its own office's caseworkers."""
    if round_.office_id in caseworker_office_ids(user):
        return ALLOWED
    return deny(REASON_ROUND_OTHER_OFFICE)


REASON_ALLOCATIONS = _(
    "Only the national administrator (Udir) and the state administrator offices' caseworkers "
    "see allocations."
)
REASON_ENTER_ALLOCATION = _("Only the national administrator (Udir) enters allocations.")
REASON_SET_ASIDES = _(
    "Only the national administrator (Udir) and the caseworkers of the office that runs this "
    "round see its set-asides."
)


def can_view_allocations(user) -> Decision:
    """Udir sees every office's allocations, a caseworker their own office's."""
    if is_national_admin(user) or caseworker_office_ids(user):
        return ALLOWED
    return deny(REASON_ALLOCATIONS)


def can_enter_allocations(user) -> Decision:
    return ALLOWED if is_national_admin(user) else deny(REASON_ENTER_ALLOCATION)


def can_view_set_asides(user, round_) -> Decision:
    if is_national_admin(user) or round_.office_id in caseworker_office_ids(user):
        return ALLOWED
    return deny(REASON_SET_ASIDES)

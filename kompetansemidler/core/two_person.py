"""The two-person check (to-personskontroll) for anything that binds the state's
money: a grant decision issued, a payment made.

One person prepares, another approves; the approver must hold budget authority
(the approver flag on her caseworker role, set by the office's administrators).
The caller says who prepared, who approves and whether the approver holds the
flag; the check refuses, or returns the ``Approval`` the caller stores with the
case, so both names are on record (and in the letter).
"""

import datetime
from dataclasses import dataclass
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .workflow import ServiceRefused

SAME_PERSON = "same_person"

REFUSED_NO_PREPARER = _("Nobody has prepared this yet, so there is nothing to approve.")
REFUSED_SAME_PERSON = _(
    "You prepared this yourself: another caseworker with budget authority must approve it."
)
REFUSED_NOT_APPROVER = _(
    "Only a caseworker with budget authority (approver) may approve; ask one of them."
)


@dataclass(frozen=True)
class Approval:
    """Who prepared and who approved, and when it was approved."""

    prepared_by: Any
    approved_by: Any
    approved_at: datetime.datetime


def two_person_check(*, preparer: Any, approver: Any, approver_has_authority: bool) -> Approval:
    """The approval of what ``preparer`` prepared, by ``approver``.

    Raises ``ServiceRefused("same_person", ...)`` when nobody prepared it, when the
    approver is the preparer, or when the approver lacks budget authority; all three
    are the one rule "two different people, the second with authority"."""
    if preparer is None:
        raise ServiceRefused(SAME_PERSON, REFUSED_NO_PREPARER)
    if getattr(preparer, "pk", preparer) == getattr(approver, "pk", approver):
        raise ServiceRefused(SAME_PERSON, REFUSED_SAME_PERSON)
    if not approver_has_authority:
        raise ServiceRefused(SAME_PERSON, REFUSED_NOT_APPROVER)
    return Approval(prepared_by=preparer, approved_by=approver, approved_at=timezone.now())

"""Who may read an object's history, and why not."""

from django.utils.translation import gettext_lazy as _

from kompetansemidler.accounts.policy import ALLOWED, Decision, deny

REASON_OTHER_OFFICE = _("You do not have access: the case belongs to %(office)s.")
REASON_OTHER_ORGANISATION = _("You do not have access: the case belongs to %(organisation)s.")
REASON_NOT_YOURS = _("You do not have access to the history of this case.")


def can_view_object_history(visible_events, all_events) -> Decision:
    """Allowed when the user may read at least one of the object's events."""
    if visible_events.exists():
        return ALLOWED
    sample = all_events.select_related("office", "organisation").first()
    if sample is not None and sample.office is not None:
        return deny(REASON_OTHER_OFFICE % {"office": sample.office})
    if sample is not None and sample.organisation is not None:
        return deny(REASON_OTHER_ORGANISATION % {"organisation": sample.organisation})
    return deny(REASON_NOT_YOURS)

"""Readable names of the history events of forums and their members."""

from django.utils.translation import gettext_lazy as _

EVENT_KINDS = {
    "forum.created": _("Forum created"),
    "forum.changed": _("Forum changed"),
    "forum.schemes_changed": _("Schemes of the forum changed"),
    "forum.member_added": _("Forum member added"),
    "forum.member_ended": _("Forum membership ended"),
    "forum.conflict_declared": _("Conflict of interest declared"),
    "forum.plan_version_saved": _("Long-term plan saved"),
}

"""Readable names of the history events of allocations and funding rounds' money."""

from django.utils.translation import gettext_lazy as _

EVENT_KINDS = {
    "allocation.entered": _("Allocation entered"),
    "round.frame_changed": _("Frame changed with the allocation"),
    "round.set_aside_added": _("Set-aside recorded"),
    "round.set_aside_corrected": _("Set-aside corrected"),
    "round.set_aside_withdrawn": _("Set-aside withdrawn"),
    "round.commitment_added": _("Commitment registered"),
    "round.commitment_corrected": _("Commitment corrected"),
    "round.commitment_withdrawn": _("Commitment withdrawn"),
}

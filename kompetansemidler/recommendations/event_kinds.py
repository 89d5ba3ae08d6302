"""Readable names of the history events of the forum's recommendations."""

from django.utils.translation import gettext_lazy as _

EVENT_KINDS = {
    "recommendation.created": _("Recommendation started"),
    "recommendation.copied": _("Scenario copied from another version"),
    "recommendation.changed": _("Recommendation changed"),
    "recommendation.adopted": _("Recommendation adopted by the forum"),
    "recommendation.sent": _("Recommendation sent to the state administrator"),
    "recommendation.supplement_started": _("Supplementary recommendation started"),
}

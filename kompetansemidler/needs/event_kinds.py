"""Readable names of the history events of local plans, partnerships and needs reports."""

from django.utils.translation import gettext_lazy as _

EVENT_KINDS = {
    "local_plan.created": _("Local plan written"),
    "local_plan.changed": _("Local plan changed"),
    "partnership.created": _("Partnership formed"),
    "needs_report.created": _("Needs report started"),
    "needs_report.submitted": _("Needs report submitted"),
    "needs_report.returned": _("Needs report returned"),
    "needs_report.accepted": _("Needs report accepted"),
    "needs_report.reopened": _("Needs report reopened after the deadline"),
}

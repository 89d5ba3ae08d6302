"""Readable names of the history events of annual reports and the office report."""

from django.utils.translation import gettext_lazy as _

EVENT_KINDS = {
    "annual_report.started": _("Annual report started"),
    "annual_report.saved": _("Annual report saved"),
    "annual_report.submitted": _("Annual report submitted"),
    "annual_report.returned": _("Annual report returned"),
    "annual_report.approved": _("Annual report approved"),
    "office_report.saved": _("Office report saved"),
}

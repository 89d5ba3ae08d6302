"""History sentences of annual reports and the office report.

Each kind reads as one sentence, ``%(actor)s`` the one who acted (or "the
system"); the history renders it in the reader's language.
"""

from django.utils.translation import gettext_lazy as _

EVENT_KINDS = {
    "annual_report.started": _("%(actor)s started the annual report"),
    "annual_report.saved": _("%(actor)s saved the annual report"),
    "annual_report.submitted": _("%(actor)s submitted the annual report"),
    "annual_report.returned": _("%(actor)s returned the annual report to its author"),
    "annual_report.approved": _("%(actor)s approved the annual report"),
    "office_report.saved": _("%(actor)s saved the office's report to Udir"),
}

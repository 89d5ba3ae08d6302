"""History sentences of local plans, partnerships and needs reports.

Each kind reads as one sentence, ``%(actor)s`` the one who acted (or "the
system"); the history renders it in the reader's language.
"""

from django.utils.translation import gettext_lazy as _

EVENT_KINDS = {
    "local_plan.created": _("%(actor)s wrote the local plan"),
    "local_plan.changed": _("%(actor)s changed the local plan"),
    "partnership.created": _("%(actor)s formed the partnership"),
    "needs_report.created": _("%(actor)s started the needs report"),
    "needs_report.submitted": _("%(actor)s submitted the needs report"),
    "needs_report.returned": _("%(actor)s returned the needs report to its author"),
    "needs_report.accepted": _("%(actor)s accepted the needs report"),
    "needs_report.reopened": _("%(actor)s reopened the needs report after the deadline"),
}

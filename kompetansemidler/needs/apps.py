from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NeedsConfig(AppConfig):
    name = "kompetansemidler.needs"
    label = "needs"
    verbose_name = _("Local plans, partnerships and needs reports")

    def ready(self):
        from kompetansemidler.history.kinds import register_kind
        from kompetansemidler.history.visibility import register_object_selector

        from . import models, selectors

        for kind, label in EVENT_KINDS.items():
            register_kind(kind, label)
        register_object_selector(models.NeedsReport, selectors.needs_reports_visible_to)
        register_object_selector(models.LocalPlan, selectors.local_plans_visible_to)
        register_object_selector(models.Partnership, selectors.partnerships_visible_to)


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

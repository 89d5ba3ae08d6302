from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NeedsConfig(AppConfig):
    name = "kompetansemidler.needs"
    label = "needs"
    verbose_name = _("Local plans, partnerships and needs reports")

    def ready(self):
        from kompetansemidler.history.visibility import register_object_selector

        from . import models, selectors

        register_object_selector(models.NeedsReport, selectors.needs_reports_visible_to)
        register_object_selector(models.LocalPlan, selectors.local_plans_visible_to)
        register_object_selector(models.Partnership, selectors.partnerships_visible_to)

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportingConfig(AppConfig):
    name = "kompetansemidler.reporting"
    label = "reporting"
    verbose_name = _("Annual reports and the office report")

    def ready(self):
        from kompetansemidler.history.visibility import register_object_selector

        from . import models, selectors

        register_object_selector(models.AnnualReport, selectors.annual_reports_visible_to)
        register_object_selector(models.OfficeReport, selectors.office_reports_visible_to)

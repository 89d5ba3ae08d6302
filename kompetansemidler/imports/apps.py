from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ImportsConfig(AppConfig):
    name = "kompetansemidler.imports"
    label = "imports"
    verbose_name = _("Register imports")

    def ready(self):
        from kompetansemidler.history.visibility import register_object_selector

        from . import models, selectors

        register_object_selector(models.ImportRun, selectors.import_runs_visible_to)

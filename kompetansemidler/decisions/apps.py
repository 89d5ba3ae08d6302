from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DecisionsConfig(AppConfig):
    name = "kompetansemidler.decisions"
    label = "decisions"
    verbose_name = _("Decisions, payments and appeals")

    def ready(self):
        from kompetansemidler.history.visibility import register_object_selector

        from . import models, selectors

        register_object_selector(models.Decision, selectors.decisions_visible_to)

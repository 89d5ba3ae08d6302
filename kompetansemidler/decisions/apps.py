from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DecisionsConfig(AppConfig):
    name = "kompetansemidler.decisions"
    label = "decisions"
    verbose_name = _("Decisions, payments and appeals")

    def ready(self):
        from . import signals  # noqa: F401  (connects the receivers)

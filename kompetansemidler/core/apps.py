from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "kompetansemidler.core"
    label = "core"
    verbose_name = _("Core")

    def ready(self):
        # Importing contributions registers its system check (core.E010);
        # importing observability connects the log line and count of each task.
        from . import contributions, observability  # noqa: F401

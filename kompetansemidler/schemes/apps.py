from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SchemesConfig(AppConfig):
    name = "kompetansemidler.schemes"
    label = "schemes"
    verbose_name = _("Schemes, rule sets and funding rounds")

    def ready(self):
        from . import checks  # noqa: F401, PLC0415 — registers the system checks

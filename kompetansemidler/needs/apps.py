from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NeedsConfig(AppConfig):
    name = "kompetansemidler.needs"
    label = "needs"
    verbose_name = _("Local plans, partnerships and needs reports")

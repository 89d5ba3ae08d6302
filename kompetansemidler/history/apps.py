from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HistoryConfig(AppConfig):
    name = "kompetansemidler.history"
    label = "history"
    verbose_name = _("Case history")

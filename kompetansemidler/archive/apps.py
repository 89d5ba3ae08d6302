from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ArchiveConfig(AppConfig):
    name = "kompetansemidler.archive"
    label = "archive"
    verbose_name = _("Public journal and archive")

    def ready(self):
        from kompetansemidler.history.visibility import gated, register_object_selector

        from . import models, selectors
        from .permissions import can_use_journal

        register_object_selector(
            models.CaseFile,
            gated(can_use_journal, selectors.case_files_visible_to, models.CaseFile),
        )
        register_object_selector(
            models.RegistryEntry,
            gated(can_use_journal, selectors.registry_entries_visible_to, models.RegistryEntry),
        )

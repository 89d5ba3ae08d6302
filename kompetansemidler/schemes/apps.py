from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SchemesConfig(AppConfig):
    name = "kompetansemidler.schemes"
    label = "schemes"
    verbose_name = _("Schemes, rule sets and funding rounds")

    def ready(self):
        from kompetansemidler.history.visibility import register_object_selector

        # Importing checks registers the system checks.
        from . import checks, models, selectors  # noqa: F401

        register_object_selector(models.Round, selectors.rounds_visible_to)
        register_object_selector(models.RuleSet, selectors.rule_sets_visible_to)
        register_object_selector(models.Allocation, selectors.allocations_visible_to)

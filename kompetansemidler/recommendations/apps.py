from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RecommendationsConfig(AppConfig):
    name = "kompetansemidler.recommendations"
    label = "recommendations"
    verbose_name = _("Recommendations")

    def ready(self):
        from kompetansemidler.history.visibility import register_object_selector

        from . import models, selectors

        register_object_selector(models.Recommendation, selectors.recommendations_visible_to)

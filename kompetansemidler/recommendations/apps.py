from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RecommendationsConfig(AppConfig):
    name = "kompetansemidler.recommendations"
    label = "recommendations"
    verbose_name = _("Recommendations")

    def ready(self):
        from kompetansemidler.history.kinds import register_kind
        from kompetansemidler.history.visibility import register_object_selector

        from . import models, selectors

        for kind, label in EVENT_KINDS.items():
            register_kind(kind, label)
        register_object_selector(models.Recommendation, selectors.recommendations_visible_to)


EVENT_KINDS = {
    "recommendation.created": _("Recommendation started"),
    "recommendation.copied": _("Scenario copied from another version"),
    "recommendation.changed": _("Recommendation changed"),
    "recommendation.adopted": _("Recommendation adopted by the forum"),
    "recommendation.sent": _("Recommendation sent to the state administrator"),
}

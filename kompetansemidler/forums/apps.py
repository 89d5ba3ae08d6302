from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ForumsConfig(AppConfig):
    name = "kompetansemidler.forums"
    label = "forums"
    verbose_name = _("Collaboration forums")

    def ready(self):
        from kompetansemidler.history.visibility import register_object_selector
        from kompetansemidler.registry.models import Forum

        from . import models, selectors

        register_object_selector(Forum, selectors.forums_visible_to)
        register_object_selector(models.ForumMember, selectors.forum_members_visible_to)
        register_object_selector(models.LongTermPlan, selectors.long_term_plans_visible_to)

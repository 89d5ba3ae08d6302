from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HistoryConfig(AppConfig):
    name = "kompetansemidler.history"
    label = "history"
    verbose_name = _("Case history")

    def ready(self):
        from kompetansemidler.accounts.models import ApiClient, User
        from kompetansemidler.accounts.permissions import can_administer_roles
        from kompetansemidler.accounts.selectors import api_clients_visible_to, users_visible_to
        from kompetansemidler.registry.models import Organisation, Unit
        from kompetansemidler.registry.permissions import can_view_registry
        from kompetansemidler.registry.selectors import organisations_visible_to, units_visible_to

        # Importing checks registers the system checks.
        from . import checks  # noqa: F401
        from .visibility import gated, register_object_selector

        # The base's own models, whose apps lean on the history: a person's
        # page in the role administration, an organisation's and a unit's in
        # the registry.
        register_object_selector(User, gated(can_administer_roles, users_visible_to, User))
        register_object_selector(
            Organisation, gated(can_view_registry, organisations_visible_to, Organisation)
        )
        register_object_selector(Unit, gated(can_view_registry, units_visible_to, Unit))
        register_object_selector(ApiClient, api_clients_visible_to)

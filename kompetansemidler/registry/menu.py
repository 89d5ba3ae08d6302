from django.utils.translation import gettext_lazy as _

from kompetansemidler.core.menu import Group, MenuItem

from .permissions import can_keep_organisations, can_view_registry

ITEMS = [
    MenuItem(_("Registry"), "registry:index", can_view_registry, group=Group.REGISTRY),
    MenuItem(
        _("Organisations outside the registers"),
        "registry:organisation_keep_list",
        can_keep_organisations,
        group=Group.REGISTRY,
    ),
]

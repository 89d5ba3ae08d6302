from django.utils.translation import gettext_lazy as _

from kompetansemidler.core.menu import Group, MenuItem

from .permissions import can_create_forums, can_view_forums

ITEMS = [
    MenuItem(_("Forums"), "forums:list", can_view_forums, group=Group.REGISTRY),
    MenuItem(
        _("New collaboration forum"), "forums:create", can_create_forums, group=Group.REGISTRY
    ),
]

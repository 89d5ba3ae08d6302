from django.utils.translation import gettext_lazy as _

from kompetansemidler.core.menu import Group, MenuItem

from .permissions import can_administer_roles
from .two_factor import has_staff_role

ITEMS = [
    MenuItem(
        _("Users and roles"), "accounts:user_list", can_administer_roles, group=Group.ADMINISTRATION
    ),
    MenuItem(
        _("API clients"),
        "accounts:api_client_list",
        can_administer_roles,
        group=Group.ADMINISTRATION,
    ),
    MenuItem(
        _("Two-factor login"), "accounts:two_factor", has_staff_role, group=Group.ADMINISTRATION
    ),
]

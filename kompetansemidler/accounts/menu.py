from django.utils.translation import gettext_lazy as _

from kompetansemidler.core.menu import MenuItem

from .permissions import can_administer_roles

ITEMS = [MenuItem(_("Users and roles"), "accounts:user_list", can_administer_roles)]

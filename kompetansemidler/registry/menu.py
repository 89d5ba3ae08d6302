from django.utils.translation import gettext_lazy as _

from kompetansemidler.core.menu import MenuItem

from .permissions import can_view_registry

ITEMS = [MenuItem(_("Registry"), "registry:index", can_view_registry)]

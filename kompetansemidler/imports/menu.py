from django.utils.translation import gettext_lazy as _

from kompetansemidler.core.menu import Group, MenuItem
from kompetansemidler.registry.permissions import can_import_registry

ITEMS = [MenuItem(_("Register import"), "imports:index", can_import_registry, group=Group.REGISTRY)]

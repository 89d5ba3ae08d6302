from django.utils.translation import gettext_lazy as _

from kompetansemidler.core.menu import Group, MenuItem

from .permissions import can_view_statistics

ITEMS = [MenuItem(_("Statistics"), "statistics:national", can_view_statistics, group=Group.ROUNDS)]

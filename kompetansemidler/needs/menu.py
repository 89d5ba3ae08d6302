from django.utils.translation import gettext_lazy as _

from kompetansemidler.core.menu import Group, MenuItem

from .permissions import can_use_needs

ITEMS = [MenuItem(_("Needs and plans"), "needs:index", can_use_needs, group=Group.CASES)]

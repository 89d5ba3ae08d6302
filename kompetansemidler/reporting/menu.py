from django.utils.translation import gettext_lazy as _

from kompetansemidler.core.menu import Group, MenuItem

from .permissions import can_use_reports

ITEMS = [MenuItem(_("Annual reports"), "reporting:index", can_use_reports, group=Group.CASES)]

from django.utils.translation import gettext_lazy as _

from kompetansemidler.core.menu import Group, MenuItem

from .permissions import can_use_journal

ITEMS = [MenuItem(_("Journal"), "archive:staff_journal", can_use_journal, group=Group.ARCHIVE)]

from django.utils.translation import gettext_lazy as _

from kompetansemidler.core.menu import Group, MenuItem

from .permissions import can_use_decisions

ITEMS = [MenuItem(_("Decisions"), "decisions:index", can_use_decisions, group=Group.DECISIONS)]

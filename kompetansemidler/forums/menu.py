from django.utils.translation import gettext_lazy as _

from kompetansemidler.core.menu import MenuItem

from .permissions import can_view_forums

ITEMS = [MenuItem(_("Forums"), "forums:list", can_view_forums)]

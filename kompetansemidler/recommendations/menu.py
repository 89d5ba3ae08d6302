from django.utils.translation import gettext_lazy as _

from kompetansemidler.core.menu import Group, MenuItem

from .permissions import can_use_recommendations

ITEMS = [
    MenuItem(
        _("Recommendations"), "recommendations:index", can_use_recommendations, group=Group.CASES
    )
]

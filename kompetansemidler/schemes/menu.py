from django.utils.translation import gettext_lazy as _

from kompetansemidler.core.menu import Group, MenuItem

from .permissions import can_view_allocations, can_view_rounds, can_view_schemes

ITEMS = [
    MenuItem(_("Funding rounds"), "schemes:round_list", can_view_rounds, group=Group.ROUNDS),
    MenuItem(_("Allocations"), "schemes:allocation_list", can_view_allocations, group=Group.ROUNDS),
    MenuItem(_("Schemes and rules"), "schemes:index", can_view_schemes, group=Group.ROUNDS),
]

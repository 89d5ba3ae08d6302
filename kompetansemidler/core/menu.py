"""The main menu: one entry per area, shown to those who may use it."""

from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class MenuItem:
    label: str
    url_name: str
    # Whether a user sees the entry; later areas add their own predicate.
    visible: callable = lambda user: user.is_authenticated


MAIN_MENU = [
    MenuItem(_("My tasks"), "core:home"),
    MenuItem(_("Registry"), "registry:index"),
]


def menu_for(request) -> list[dict]:
    path = request.path
    items = []
    for item in MAIN_MENU:
        if not item.visible(request.user):
            continue
        url = reverse(item.url_name)
        current = path == url if url == "/" else path.startswith(url)
        items.append({"label": item.label, "url": url, "current": current})
    return items

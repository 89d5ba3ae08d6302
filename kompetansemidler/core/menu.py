"""The main menu: one entry per area, shown to those who may use it.

Each app that has a place in the menu lists its entries in ``menu.py`` as
``ITEMS = [MenuItem(...)]``; they appear in the order of INSTALLED_APPS
(collected by ``kompetansemidler.core.contributions``, which checks them).
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .contributions import concatenated


def _logged_in(user) -> bool:
    return user.is_authenticated


@dataclass(frozen=True)
class MenuItem:
    label: str
    url_name: str
    # Takes the user, returns whether the entry is shown (a Decision works too).
    visible: Callable = _logged_in


ITEMS = [MenuItem(_("My tasks"), "core:home")]


def all_items() -> tuple[MenuItem, ...]:
    return concatenated("menu", "ITEMS")


def menu_for(request) -> list[dict]:
    path = request.path
    entries = []
    for item in all_items():
        if not item.visible(request.user):
            continue
        url = reverse(item.url_name)
        current = path == url if url == "/" else path.startswith(url)
        entries.append({"label": item.label, "url": url, "current": current})
    return entries

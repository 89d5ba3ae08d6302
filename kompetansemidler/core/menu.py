"""The main menu: entries grouped by what each role does, shown to those who may use them.

Each app that has a place in the menu lists its entries in ``menu.py`` as
``ITEMS = [MenuItem(...)]`` (collected by ``kompetansemidler.core.contributions``,
which checks them), each naming one of the ``MenuGroup``s below. The groups are
defined here once, with their order; within a group the entries keep the order
of INSTALLED_APPS. A group with one entry the user may see is shown as a plain
link, one with several as a disclosure listing them. "My tasks" comes first.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .contributions import concatenated


@dataclass(frozen=True)
class MenuGroup:
    key: str
    label: str
    order: int


class Group:
    TASKS = MenuGroup("tasks", _("My tasks"), 0)
    ROUNDS = MenuGroup("rounds", _("Rounds"), 10)
    CASES = MenuGroup("cases", _("Cases"), 20)
    DECISIONS = MenuGroup("decisions", _("Decisions and payments"), 30)
    ARCHIVE = MenuGroup("archive", _("Archive"), 40)
    REGISTRY = MenuGroup("registry", _("Registry and forums"), 50)
    ADMINISTRATION = MenuGroup("administration", _("Administration"), 60)
    # Where an entry that names no group goes, so that it is still shown.
    OTHER = MenuGroup("other", _("More"), 90)


def _logged_in(user) -> bool:
    return user.is_authenticated


@dataclass(frozen=True)
class MenuItem:
    label: str
    url_name: str
    # Takes the user, returns whether the entry is shown (a Decision works too).
    visible: Callable = _logged_in
    group: MenuGroup = field(default=Group.OTHER)


ITEMS = [MenuItem(_("My tasks"), "core:home", group=Group.TASKS)]


def all_items() -> tuple[MenuItem, ...]:
    return concatenated("menu", "ITEMS")


def _current_url(path: str, urls: list[str]) -> str | None:
    """The entry the page belongs to: the longest entry address the path starts with."""
    matching = [url for url in urls if (path == url if url == "/" else path.startswith(url))]
    return max(matching, key=len, default=None)


def menu_for(request) -> list[dict]:
    """The user's menu as groups in order, each with its visible entries.

    A group is ``{"key", "label", "entries", "current"}``; an entry is
    ``{"label", "url", "current"}``. Groups without a visible entry are left out.
    """
    visible = [item for item in all_items() if item.visible(request.user)]
    urls = {item.url_name: reverse(item.url_name) for item in visible}
    current = _current_url(request.path, list(urls.values()))
    groups: dict[str, MenuGroup] = {}
    entries: dict[str, list[dict]] = {}
    for item in visible:
        url = urls[item.url_name]
        groups.setdefault(item.group.key, item.group)
        entries.setdefault(item.group.key, []).append(
            {"label": item.label, "url": url, "current": url == current}
        )
    ordered = sorted(groups.values(), key=lambda group: group.order)
    return [
        {
            "key": group.key,
            "label": group.label,
            "entries": entries[group.key],
            "current": any(entry["current"] for entry in entries[group.key]),
        }
        for group in ordered
    ]

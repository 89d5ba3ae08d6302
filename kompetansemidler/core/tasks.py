"""Task panels on "Mine oppgaver".

Each app may add panels to the start page with a ``tasks.py`` that defines
``panels_for(user) -> list[TaskPanel]``; they are collected in the order of
INSTALLED_APPS, like the main menu (``kompetansemidler.core.contributions``).
A panel is shown only when an app returns it, so an app decides from the
user's roles whether it has anything to say.
"""

import datetime
from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .contributions import collected
from .menu import all_items


@dataclass(frozen=True)
class TaskLink:
    label: str
    url: str
    # A number to show beside the link, e.g. how many cases wait (None: none).
    count: int | None = None
    # The date the task must be done by, shown with the days left (None: no deadline).
    deadline: datetime.date | None = None


@dataclass(frozen=True)
class TaskPanel:
    title: str
    links: tuple[TaskLink, ...] = ()
    text: str = ""


def task_panel(title: str, links, text: str = "") -> TaskPanel | None:
    """The panel with ``links``, or None when there is nothing to do (no links):
    a home page shows no empty panels."""
    links = tuple(links)
    return TaskPanel(title, links, text) if links else None


def _providers():
    return collected("tasks", "panels_for")


def reachable_panel(user) -> TaskPanel | None:
    """Links to every area of the main menu the user's roles reach."""
    links = tuple(
        TaskLink(item.label, reverse(item.url_name))
        # In the menu's order: group by group.
        for item in sorted(all_items(), key=lambda item: item.group.order)
        if item.url_name != "core:home" and item.visible(user)
    )
    return task_panel(_("Where you can work"), links)


def task_panels_for(user) -> list[TaskPanel]:
    """The apps' panels: what the user has to do now (empty: nothing)."""
    return [panel for provider in _providers() for panel in provider(user)]


def panels_for(user) -> list[TaskPanel]:
    panels = task_panels_for(user)
    reachable = reachable_panel(user)
    return [*panels, reachable] if reachable else panels

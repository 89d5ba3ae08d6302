"""The round page's extension point: figures and panels from other apps.

The round page shows the frame, what is committed and what is available;
later steps add their own numbers (the needs app: the sum of reported needs)
and panels without editing this app. An app lists them in its own
``round_extensions.py``:

    FIGURES = [needs_sum_figure]      # (round, user) -> Figure | None
    PANELS = [needs_overview_panel]   # (round, user) -> Panel | None

Figures appear beside frame, committed and available; panels below them, in
the order of INSTALLED_APPS. A provider returns None to show nothing (e.g.
when the user may not see the data).
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache
from importlib import import_module
from importlib.util import find_spec

from django.apps import apps


@dataclass(frozen=True)
class Figure:
    label: str
    amount: Decimal
    # A short explanation shown under the amount, e.g. "12 reports submitted".
    note: str = ""


@dataclass(frozen=True)
class Panel:
    title: str
    template: str
    context: dict = field(default_factory=dict)


@cache
def _providers() -> tuple[tuple[Callable, ...], tuple[Callable, ...]]:
    figures: list[Callable] = []
    panels: list[Callable] = []
    for config in apps.get_app_configs():
        module_name = f"{config.name}.round_extensions"
        if config.name.startswith("kompetansemidler.") and find_spec(module_name):
            module = import_module(module_name)
            figures.extend(getattr(module, "FIGURES", ()))
            panels.extend(getattr(module, "PANELS", ()))
    return tuple(figures), tuple(panels)


def round_figures(round_, user) -> list[Figure]:
    return [f for f in (provider(round_, user) for provider in _providers()[0]) if f]


def round_panels(round_, user) -> list[Panel]:
    return [p for p in (provider(round_, user) for provider in _providers()[1]) if p]

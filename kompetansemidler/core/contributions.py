"""Contribution points: how an app adds to a shared place without editing another app.

Each point is a module name that any project app may have (``menu.py``,
``tasks.py``, ...) and the attributes that module must define. This table is
the one list of them; the places that use the contributions read them through
``contributions(point)`` or ``collected(point, attribute)``, in the order of
INSTALLED_APPS.

The contract is checked at start-up by the system check ``core.E010`` (every
management command, ``runserver`` included), and again when a point is first
read: a module that lacks an attribute, or has one of the wrong kind, stops
with an error naming the module, the attribute and what it must be, instead of
being silently skipped.

To add a point, add a ``ContributionPoint`` to ``POINTS`` and read it where it
is used; document it in the README's Layout section.
"""

import inspect
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from importlib import import_module
from types import ModuleType
from typing import Any

from django.apps import apps
from django.core import checks
from django.core.exceptions import ImproperlyConfigured
from django.utils.functional import Promise
from django.utils.module_loading import import_string, module_has_submodule

PROJECT = "kompetansemidler."
CHECK_ID = "core.E010"


@dataclass(frozen=True)
class Attribute:
    """One attribute a contribution module defines, and what it must be."""

    name: str
    # What it must be, in words, for the error message.
    kind: str
    valid: Callable[[Any], bool]
    # An optional attribute may be left out; when present it must still be valid.
    required: bool = True


@dataclass(frozen=True)
class ContributionPoint:
    module: str
    purpose: str
    attributes: tuple[Attribute, ...]
    # Apps whose module of this name is the collector itself, not a contribution.
    collectors: tuple[str, ...] = ()


def _takes(count: int) -> Callable[[Any], bool]:
    """A callable that accepts ``count`` positional arguments."""

    def valid(value: Any) -> bool:
        if not callable(value):
            return False
        try:
            inspect.signature(value).bind(*[None] * count)
        except TypeError:
            return False
        except ValueError:  # no signature to read (some built-ins): trust it
            return True
        return True

    return valid


def _list_of(test: Callable[[Any], bool]) -> Callable[[Any], bool]:
    def valid(value: Any) -> bool:
        return isinstance(value, list | tuple) and all(test(item) for item in value)

    return valid


def _instance_of(dotted_path: str) -> Callable[[Any], bool]:
    # Resolved when checked, so that this table imports none of the apps it describes.
    def valid(value: Any) -> bool:
        return isinstance(value, import_string(dotted_path))

    return valid


def _texts_by_code(value: Any) -> bool:
    return isinstance(value, Mapping) and all(
        isinstance(code, str) and isinstance(text, str | Promise) for code, text in value.items()
    )


def _effects_by_kind(value: Any) -> bool:
    return isinstance(value, Mapping) and all(
        isinstance(kind, str) and _list_of(_takes(2))(effects) for kind, effects in value.items()
    )


def _path_segment(value: Any) -> bool:
    return isinstance(value, str) and value != "" and "/" not in value


POINTS: dict[str, ContributionPoint] = {
    point.module: point
    for point in (
        ContributionPoint(
            "menu",
            "entries in the main menu",
            (
                Attribute(
                    "ITEMS",
                    "a list of kompetansemidler.core.menu.MenuItem",
                    _list_of(_instance_of("kompetansemidler.core.menu.MenuItem")),
                ),
            ),
        ),
        ContributionPoint(
            "tasks",
            "panels on the start page (Mine oppgaver)",
            (Attribute("panels_for", "a function (user) -> list[TaskPanel]", _takes(1)),),
            collectors=("kompetansemidler.core",),
        ),
        ContributionPoint(
            "api",
            "a router of the JSON API, mounted at /api/<PREFIX>/",
            (
                Attribute("PREFIX", "a path segment without slashes", _path_segment),
                Attribute("router", "a ninja Router", _instance_of("ninja.Router")),
            ),
            collectors=("kompetansemidler.api",),
        ),
        ContributionPoint(
            "demo",
            "the app's part of the demo data",
            (Attribute("build", "a function () -> str (idempotent)", _takes(0)),),
            collectors=("kompetansemidler.demo",),
        ),
        ContributionPoint(
            "finding_messages",
            "translations of the rule findings the app shows",
            (Attribute("MESSAGES", "a dict of finding code -> gettext_lazy text", _texts_by_code),),
        ),
        ContributionPoint(
            "round_extensions",
            "figures and panels on the round page, and what happens when a round opens",
            (
                Attribute(
                    "FIGURES",
                    "a list of functions (round, user) -> Figure | None",
                    _list_of(_takes(2)),
                    required=False,
                ),
                Attribute(
                    "PANELS",
                    "a list of functions (round, user) -> Panel | None",
                    _list_of(_takes(2)),
                    required=False,
                ),
                Attribute(
                    "ROUND_OPENED",
                    "a list of functions (actor, round) -> None, run in the transaction that "
                    "opens a round",
                    _list_of(_takes(2)),
                    required=False,
                ),
                Attribute(
                    "DECIDED",
                    "a list of functions (round) -> Decimal: money the app's decisions take "
                    "from the round's allocation (counted as bound when it is cut or set aside)",
                    _list_of(_takes(1)),
                    required=False,
                ),
                Attribute(
                    "DECIDED_EARMARKED",
                    "a list of functions (round) -> Decimal: the part of DECIDED in the rule "
                    "set's earmarked categories (counted against the earmark cap)",
                    _list_of(_takes(1)),
                    required=False,
                ),
                Attribute(
                    "COMMITTED",
                    "a list of functions () -> QuerySet of rows with scheme_id, office_id, "
                    "budget_year, category and amount: money the app's decisions commit to "
                    "the rounds of later budget years",
                    _list_of(_takes(0)),
                    required=False,
                ),
            ),
        ),
        ContributionPoint(
            "transition_effects",
            "what an app does in the transaction of another app's workflow transition "
            "(the archive journals a needs report as it is submitted)",
            (
                Attribute(
                    "EFFECTS",
                    "a dict of event kind -> list of functions (actor, obj) -> None",
                    _effects_by_kind,
                ),
            ),
        ),
        ContributionPoint(
            "event_kinds",
            "readable names of the app's history event kinds",
            (
                Attribute(
                    "EVENT_KINDS", "a dict of event kind -> gettext_lazy label", _texts_by_code
                ),
            ),
        ),
    )
}


def module_errors(point: ContributionPoint, module: ModuleType) -> list[str]:
    """What is wrong with ``module`` as a contribution to ``point`` (empty when it is sound)."""
    errors = []
    for attribute in point.attributes:
        if not hasattr(module, attribute.name):
            if attribute.required:
                errors.append(f"{module.__name__} must define {attribute.name}: {attribute.kind}.")
            continue
        if not attribute.valid(getattr(module, attribute.name)):
            errors.append(
                f"{module.__name__}.{attribute.name} must be {attribute.kind}; "
                f"it is {type(getattr(module, attribute.name)).__name__}."
            )
    return errors


def _discover(point: ContributionPoint) -> list[ModuleType]:
    """Import ``<app>.<point.module>`` of every project app that has one.

    The same walk as ``django.utils.module_loading.autodiscover_modules``, which
    only imports; this one also returns the modules, so that they are read
    rather than left to register themselves as a side effect.
    """
    modules = []
    for config in apps.get_app_configs():
        if not config.name.startswith(PROJECT) or config.name in point.collectors:
            continue
        if module_has_submodule(config.module, point.module):
            modules.append(import_module(f"{config.name}.{point.module}"))
    return modules


@cache
def contributions(name: str) -> tuple[ModuleType, ...]:
    """The modules contributing to the point ``name``, checked, in INSTALLED_APPS order.

    Raises ImproperlyConfigured when one of them breaks the point's contract.
    """
    point = POINTS[name]
    modules = _discover(point)
    errors = [error for module in modules for error in module_errors(point, module)]
    if errors:
        raise ImproperlyConfigured(" ".join(errors))
    return tuple(modules)


def collected(name: str, attribute: str) -> tuple[Any, ...]:
    """Every contribution's ``attribute`` of the point ``name``, one per module that has it."""
    return tuple(
        getattr(module, attribute) for module in contributions(name) if hasattr(module, attribute)
    )


def concatenated(name: str, attribute: str) -> tuple[Any, ...]:
    """The lists every contribution gives as ``attribute``, joined in order."""
    return tuple(item for sequence in collected(name, attribute) for item in sequence)


def merged(name: str, attribute: str) -> dict[Any, Any]:
    """The dicts every contribution gives as ``attribute``, merged (a later app wins)."""
    result: dict[Any, Any] = {}
    for mapping in collected(name, attribute):
        result.update(mapping)
    return result


@checks.register()
def check_contributions(
    app_configs: Iterable[Any] | None = None, **kwargs: Any
) -> list[checks.CheckMessage]:
    """System check core.E010: every contribution module keeps its point's contract."""
    problems: list[checks.CheckMessage] = []
    for point in POINTS.values():
        for module in _discover(point):
            problems.extend(
                checks.Error(
                    error,
                    hint=f"A {point.module}.py module contributes {point.purpose}; see "
                    "kompetansemidler.core.contributions.",
                    obj=module.__name__,
                    id=CHECK_ID,
                )
                for error in module_errors(point, module)
            )
    return problems

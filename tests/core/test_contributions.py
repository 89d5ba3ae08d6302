"""The one registry of per-app contributions: its contract is checked at start-up,
and every app's menu entries, task panels, API routers, demo data, finding
messages, round extensions and event names still arrive where they are shown."""

from types import ModuleType

import pytest
from django.core import checks
from django.core.exceptions import ImproperlyConfigured
from django.urls import reverse
from ninja import Router

from kompetansemidler.api.api import api
from kompetansemidler.core import contributions
from kompetansemidler.core.contributions import (
    POINTS,
    check_contributions,
    collected,
    concatenated,
    module_errors,
)
from kompetansemidler.core.menu import MenuItem, all_items
from kompetansemidler.core.tasks import _providers as task_providers
from kompetansemidler.demo.build import demo_builders
from kompetansemidler.history.kinds import kind_label
from kompetansemidler.schemes.extensions import _providers as round_providers
from kompetansemidler.schemes.messages import translations


def fake_module(point: str, **attributes) -> ModuleType:
    module = ModuleType(f"kompetansemidler.fake.{point}")
    for name, value in attributes.items():
        setattr(module, name, value)
    return module


@pytest.fixture
def only(monkeypatch):
    """Discovery finds just the given fake module for its point, and nothing else."""

    def install(module: ModuleType):
        point = module.__name__.rsplit(".", 1)[1]
        monkeypatch.setattr(
            contributions, "_discover", lambda p: [module] if p.module == point else []
        )
        contributions.contributions.cache_clear()

    yield install
    contributions.contributions.cache_clear()


def test_the_check_runs_at_start_up_and_the_project_keeps_every_contract():
    assert check_contributions in checks.registry.registry.get_checks()
    assert check_contributions() == []


def test_a_module_without_its_attribute_fails_the_start_up_check(only):
    only(fake_module("menu"))
    [error] = check_contributions()
    assert error.id == "core.E010"
    assert error.obj == "kompetansemidler.fake.menu"
    assert "must define ITEMS" in error.msg


@pytest.mark.parametrize(
    ("point", "attributes", "wrong"),
    [
        ("menu", {"ITEMS": ["Mine oppgaver"]}, "ITEMS"),
        ("menu", {"ITEMS": MenuItem("Mine oppgaver", "core:home")}, "ITEMS"),
        ("tasks", {"panels_for": lambda: []}, "panels_for"),
        ("tasks", {"panels_for": "panels"}, "panels_for"),
        ("api", {"PREFIX": "needs/reports", "router": Router()}, "PREFIX"),
        ("api", {"PREFIX": "needs", "router": object()}, "router"),
        ("demo", {"build": lambda cast: ""}, "build"),
        ("finding_messages", {"MESSAGES": [("CODE", "text")]}, "MESSAGES"),
        ("finding_messages", {"MESSAGES": {"CODE": 12}}, "MESSAGES"),
        ("round_extensions", {"FIGURES": [lambda round_: None]}, "FIGURES"),
        ("round_extensions", {"ROUND_OPENED": lambda actor, round_: None}, "ROUND_OPENED"),
        ("event_kinds", {"EVENT_KINDS": {"x.y": None}}, "EVENT_KINDS"),
    ],
)
def test_an_attribute_of_the_wrong_kind_fails_the_start_up_check(only, point, attributes, wrong):
    only(fake_module(point, **attributes))
    [error] = check_contributions()
    assert error.id == "core.E010"
    assert error.msg.startswith(f"kompetansemidler.fake.{point}.{wrong} must be ")


def test_a_broken_contribution_stops_its_first_use_loudly(only):
    only(fake_module("tasks", panels_for=lambda: []))
    with pytest.raises(ImproperlyConfigured, match="kompetansemidler.fake.tasks.panels_for"):
        collected("tasks", "panels_for")


def test_optional_attributes_may_be_left_out_but_not_given_wrong():
    point = POINTS["round_extensions"]
    assert module_errors(point, fake_module("round_extensions")) == []
    assert module_errors(point, fake_module("round_extensions", PANELS=[lambda r, u: None])) == []


def modules(point):
    return {module.__name__.split(".")[1] for module in contributions.contributions(point)}


def test_every_app_still_contributes_its_menu_entries():
    assert {"core", "registry", "accounts", "imports", "schemes", "needs", "forums"} <= modules(
        "menu"
    )
    assert {"recommendations", "archive", "decisions", "reporting", "statistics"} <= modules("menu")
    url_names = {item.url_name for item in all_items()}
    assert {
        "core:home",
        "accounts:user_list",
        "registry:index",
        "imports:index",
        "schemes:round_list",
        "needs:index",
        "forums:list",
        "recommendations:index",
        "archive:staff_journal",
        "decisions:index",
        "reporting:index",
        "statistics:national",
    } <= url_names


def test_every_app_still_contributes_its_task_panels():
    assert {"accounts", "needs", "recommendations", "decisions"} <= modules("tasks")
    assert "core" not in modules("tasks")  # core.tasks collects, it does not contribute
    assert len(task_providers()) == len(contributions.contributions("tasks"))


def test_every_app_router_is_mounted_in_the_api():
    assert {
        "registry",
        "schemes",
        "needs",
        "forums",
        "recommendations",
        "archive",
        "decisions",
        "reporting",
        "statistics",
    } <= modules("api")
    mounted = {prefix.strip("/") for prefix, _router in api._routers}
    assert {module.PREFIX for module in contributions.contributions("api")} <= mounted
    assert reverse("api:forums_list") == "/api/forums/"
    assert reverse("api:statistics_national").startswith("/api/statistics/")


def test_every_app_still_contributes_its_demo_data():
    apps_with_demo = {build.__module__.split(".")[1] for build in demo_builders()}
    assert {"imports", "schemes", "needs", "forums", "recommendations"} <= apps_with_demo
    assert {"archive", "decisions", "reporting"} <= apps_with_demo


def test_each_app_translates_its_own_findings():
    assert {"schemes", "needs", "forums", "recommendations", "reporting"} <= modules(
        "finding_messages"
    )
    known = translations()
    for code in ("FRAME_EXCEEDED", "NEEDS_NO_UH_PARTNER", "FORUM_MISSING_KS"):
        assert code in known
    for code in ("REC_NEGATIVE_AMOUNT", "USED_MORE_THAN_PAID"):
        assert code in known
    by_app = {
        module.__name__.split(".")[1]: module.MESSAGES
        for module in contributions.contributions("finding_messages")
    }
    assert not any(code.startswith("REC_") for code in by_app["forums"])
    assert "REC_C3_NO_PARTNER" in by_app["recommendations"]


def test_round_extensions_and_the_round_opened_hook_still_arrive():
    figures, panels = round_providers()
    assert {f.__module__ for f in figures} >= {
        "kompetansemidler.needs.round_extensions",
        "kompetansemidler.decisions.round_extensions",
    }
    assert {p.__module__ for p in panels} >= {
        "kompetansemidler.needs.round_extensions",
        "kompetansemidler.decisions.round_extensions",
    }
    # A later round reads what earlier decisions commit to it; nothing is copied
    # into it when it opens.
    assert concatenated("round_extensions", "ROUND_OPENED") == ()
    committed = concatenated("round_extensions", "COMMITTED")
    assert [c.__name__ for c in committed] == ["later_year_amounts"]


def test_every_app_names_its_history_events():
    assert str(kind_label("role.granted")) == "Ga en rolle"
    assert str(kind_label("needs_report.submitted")) == "Sendte inn behovsmeldingen"
    assert str(kind_label("recommendation.adopted")) != "recommendation.adopted"
    assert str(kind_label("annual_report.approved")) != "annual_report.approved"
    assert kind_label("unknown.kind") == "unknown.kind"

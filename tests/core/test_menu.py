"""The main menu: grouped by what each role does, "Mine oppgaver" first, a group
with one entry a plain link, an entry that names no group still shown."""

import pytest
from django.test import RequestFactory

from kompetansemidler.core import menu
from kompetansemidler.core.menu import Group, MenuItem, menu_for

pytestmark = pytest.mark.django_db


def groups_of(user, path="/"):
    request = RequestFactory().get(path)
    request.user = user
    return menu_for(request)


def test_a_caseworker_gets_the_groups_of_the_work_in_order_my_tasks_first(cast):
    groups = groups_of(cast.caseworker)
    assert [g["key"] for g in groups] == [
        "tasks",
        "rounds",
        "cases",
        "decisions",
        "archive",
        "registry",
        "administration",
    ]
    assert [str(e["label"]) for e in groups[0]["entries"]] == ["Mine oppgaver"]
    registry = next(g for g in groups if g["key"] == "registry")
    assert "Registerimport" in [str(e["label"]) for e in registry["entries"]]


def test_the_page_marks_only_its_own_entry_and_group_as_current(cast):
    groups = groups_of(cast.caseworker, "/forum/ny/")
    current = [(g["key"], str(e["label"])) for g in groups for e in g["entries"] if e["current"]]
    assert current == [("registry", "Nytt samarbeidsforum")]
    assert [g["key"] for g in groups if g["current"]] == ["registry"]


def test_a_group_with_one_entry_is_a_link_one_with_several_a_disclosure(cast, client_for):
    groups = groups_of(cast.owner_rep)
    keys = [g["key"] for g in groups]
    assert keys[0] == "tasks"
    assert "administration" not in keys and "archive" not in keys
    page = client_for(cast.owner_rep).get("/").content.decode()
    several = [g for g in groups if len(g["entries"]) > 1]
    single = [g for g in groups if len(g["entries"]) == 1]
    assert several and single
    assert page.count('class="km-menu__group"') == len(several)
    for group in several:
        assert f"<summary>{group['label']}</summary>" in page
    for group in single:
        entry = group["entries"][0]
        assert f'<li><a href="{entry["url"]}"' in page


def test_an_entry_that_names_no_group_is_shown_under_more(cast, monkeypatch):
    items = (
        MenuItem("Mine oppgaver", "core:home", group=Group.TASKS),
        MenuItem("Nytt område", "needs:index"),
    )
    monkeypatch.setattr(menu, "all_items", lambda: items)
    groups = groups_of(cast.caseworker)
    assert [(g["key"], [e["label"] for e in g["entries"]]) for g in groups] == [
        ("tasks", ["Mine oppgaver"]),
        ("other", ["Nytt område"]),
    ]


def test_nobody_logged_in_gets_no_menu(client):
    assert 'aria-label="Hovedmeny"' not in client.get("/konto/logg-inn/").content.decode()

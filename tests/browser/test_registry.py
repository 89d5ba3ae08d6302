"""The registry in a real browser: every list and a detail page of each kind,
filters and search, axe on each page, and the filter form by keyboard alone."""

import re

from playwright.sync_api import expect

from tests.factories import UnitFactory


def test_every_registry_page_is_accessible_and_filters_and_search_work(
    page, live_server, cast, login, assert_accessible
):
    UnitFactory.create_batch(55, owner=cast.other_owner)
    login(cast.caseworker)
    page.get_by_role("link", name="Register", exact=True).first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Register")
    assert_accessible(page)

    for link, heading in [
        ("Statsforvaltere", "Statsforvaltere"),
        ("Fylker", "Fylker"),
        ("Kommuner", "Kommuner"),
        ("Organisasjoner", "Organisasjoner"),
        ("Barnehager og skoler", "Barnehager og skoler"),
    ]:
        page.goto(f"{live_server.url}/register/")
        page.get_by_role("link", name=link, exact=True).click()
        expect(page.get_by_role("heading", level=1)).to_have_text(heading)
        assert_accessible(page)

    # Units: two pages, paging by link, then a filter.
    expect(page.get_by_role("navigation", name="Sider")).to_be_visible()
    page.get_by_role("link", name="Neste").click()
    expect(page.get_by_text(re.compile(r"Viser 51–56 av 56"))).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Kommune", exact=True).select_option("4601")
    page.get_by_role("button", name="Søk").click()
    expect(page.get_by_text("Viser 1–1 av 1")).to_be_visible()
    page.get_by_role("link", name="Solsikken barnehage").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Solsikken barnehage")
    assert_accessible(page)
    page.get_by_role("link", name="Bergen kommune").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Bergen kommune")
    expect(page.get_by_text("Aktive barnehager")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Bergen", exact=True).first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Bergen")
    assert_accessible(page)
    page.get_by_role("link", name="Vestland", exact=True).first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Vestland")
    assert_accessible(page)
    page.get_by_role("link", name="Statsforvalteren i Vestland").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Statsforvalteren i Vestland")
    assert_accessible(page)

    # Search by the Sámi official name, and a bad filter explained.
    page.goto(f"{live_server.url}/register/kommuner/")
    page.get_by_label("Søk", exact=True).fill("Unjárga")
    page.get_by_role("button", name="Søk").click()
    expect(page.get_by_role("link", name="Nesseby")).to_be_visible()
    page.goto(f"{live_server.url}/register/enheter/?owner=12ab&q=Sol")
    expect(page.get_by_role("alert")).to_contain_text("ni siffer")
    expect(page.get_by_label("Søk", exact=True)).to_have_value("Sol")
    assert_accessible(page)


def test_the_filter_form_works_by_keyboard_alone(page, live_server, cast, login):
    login(cast.caseworker)
    page.goto(f"{live_server.url}/register/organisasjoner/")
    search = page.get_by_label("Søk", exact=True)
    search.focus()
    page.keyboard.type("Fjord")
    # Tab through county and municipality to kind, choose by keyboard, submit with Enter.
    page.keyboard.press("Tab")
    expect(page.get_by_label("Fylke")).to_be_focused()
    page.keyboard.press("Tab")
    expect(page.get_by_label("Kommune", exact=True)).to_be_focused()
    page.keyboard.press("Tab")
    expect(page.get_by_label("Type")).to_be_focused()
    page.get_by_label("Type").select_option("private_owner")
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    expect(page.get_by_role("button", name="Søk")).to_be_focused()
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"q=Fjord.*kind=private_owner"))
    expect(page.get_by_role("link", name="Fjordbarnehagar AS")).to_be_visible()
    expect(page.get_by_text("Viser 1–1 av 1")).to_be_visible()

"""The frame every page shares: login, the language switcher, skip link, axe."""

import re

from playwright.sync_api import expect


def test_login_page_is_accessible_and_logging_in_shows_my_tasks(
    page, live_server, cast, login, assert_accessible
):
    page.goto(f"{live_server.url}/konto/logg-inn/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Logg inn")
    assert_accessible(page)
    login(cast.caseworker)
    expect(page.get_by_role("heading", level=1)).to_have_text("Mine oppgaver")
    expect(page.get_by_text("Statsforvalteren i Vestland")).to_be_visible()
    assert_accessible(page)


def test_language_switcher_changes_the_page_to_nynorsk_and_english(page, live_server, cast, login):
    login(cast.caseworker)
    page.get_by_label("Språk").select_option("en")
    page.get_by_role("button", name="Bytt språk").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("My tasks")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    page.get_by_label("Language").select_option("nn")
    page.get_by_role("button", name="Change language").click()
    expect(page.locator("html")).to_have_attribute("lang", "nn")
    expect(page.get_by_role("heading", level=1)).to_have_text(re.compile("Mine oppgåver"))


def test_skip_link_is_the_first_tab_stop_and_moves_focus_to_main(page, live_server, cast, login):
    login(cast.caseworker)
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Hopp til hovedinnhold")
    expect(skip).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.locator("main")).to_be_focused()

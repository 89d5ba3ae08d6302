"""The grouped main menu by keyboard, at a desk (1366 px) and on a phone (390 px),
for a caseworker and an owner: nothing spills sideways and axe finds nothing."""

import pytest
from playwright.sync_api import expect

DESK = {"width": 1366, "height": 900}
PHONE = {"width": 390, "height": 844}


def assert_no_sideways_overflow(page):
    widths = page.evaluate(
        "() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]"
    )
    assert widths[0] <= widths[1], f"the page is {widths[0]} px wide in {widths[1]} px"


def open_group_by_keyboard(page, menu):
    """Open the last group by keyboard; returns its summary and its first link."""
    summary = menu.locator(".km-menu__group > summary").last
    summary.focus()
    page.keyboard.press("Enter")
    link = menu.locator(".km-menu__group").last.get_by_role("link").first
    expect(link).to_be_visible()
    page.keyboard.press("Tab")
    expect(link).to_be_focused()
    return summary, link


@pytest.mark.parametrize("persona", ["caseworker", "owner_rep"])
def test_the_grouped_menu_works_by_keyboard_at_both_widths(
    page, live_server, cast, login, assert_accessible, persona
):
    page.set_viewport_size(DESK)
    login(getattr(cast, persona))
    menu = page.get_by_role("navigation", name="Hovedmeny")
    expect(menu.get_by_role("link").first).to_have_text("Mine oppgaver")
    expect(menu.get_by_text("Meny", exact=True)).to_be_hidden()
    summary, link = open_group_by_keyboard(page, menu)
    assert_no_sideways_overflow(page)
    assert_accessible(page)
    page.keyboard.press("Escape")
    expect(link).to_be_hidden()
    expect(summary).to_be_focused()

    page.set_viewport_size(PHONE)
    page.reload()
    button = menu.locator(".km-menu__button")
    expect(button).to_be_visible()
    expect(menu.get_by_role("link", name="Mine oppgaver")).to_be_hidden()
    assert_no_sideways_overflow(page)
    assert_accessible(page)
    button.focus()
    page.keyboard.press("Enter")
    expect(menu.get_by_role("link", name="Mine oppgaver")).to_be_visible()
    open_group_by_keyboard(page, menu)
    assert_no_sideways_overflow(page)
    assert_accessible(page)
    page.keyboard.press("Enter")
    page.wait_for_load_state()
    expect(page.get_by_role("heading", level=1)).to_be_visible()


def test_without_javascript_the_menu_is_open_on_a_phone(browser, live_server, cast):
    from kompetansemidler.demo.cast import DEMO_PASSWORD

    context = browser.new_context(java_script_enabled=False, viewport=PHONE, locale="nb-NO")
    page = context.new_page()
    page.goto(f"{live_server.url}/konto/logg-inn/")
    page.locator("#id_username").fill(cast.caseworker.username)
    page.locator("#id_password").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Logg inn").click()
    menu = page.get_by_role("navigation", name="Hovedmeny")
    expect(menu.get_by_role("link", name="Mine oppgaver")).to_be_visible()
    menu.locator(".km-menu__group > summary").first.click()
    expect(menu.locator(".km-menu__group").first.get_by_role("link").first).to_be_visible()
    assert_no_sideways_overflow(page)
    context.close()


@pytest.mark.parametrize("width", [800, 1366])
def test_every_group_opens_within_the_page(page, live_server, cast, login, width):
    page.set_viewport_size({"width": width, "height": 700})
    login(cast.caseworker)
    summaries = page.get_by_role("navigation", name="Hovedmeny").locator(
        ".km-menu__group > summary"
    )
    for index in range(summaries.count()):
        summaries.nth(index).click()
        group_list = page.locator(".km-menu__group[open] > ul")
        expect(group_list).to_be_visible()
        page.wait_for_function(
            """() => { const box = document.querySelector('.km-menu__group[open] > ul')
                         .getBoundingClientRect();
                       return box.left >= 0
                         && box.right <= document.documentElement.clientWidth; }"""
        )
        assert_no_sideways_overflow(page)

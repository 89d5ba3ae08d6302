"""A caseworker registers a private university college and creates a forum on
the pages, in real Chromium: a wrong organisation number is refused with the
reason and what was typed stays; axe finds no violations on any page."""

from playwright.sync_api import expect

from kompetansemidler.registry.models import Organisation
from kompetansemidler.registry.numbers import organisation_number_from
from kompetansemidler.schemes.seed import ensure_seed

NUMBER = organisation_number_from(97250000)


def test_caseworker_registers_a_college_and_creates_a_forum(
    page, live_server, cast, login, assert_accessible, menu_link
):
    ensure_seed()
    login(cast.caseworker)
    menu_link(page, "Organisasjoner utenfor registrene").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Organisasjoner utenfor registrene")
    expect(page.locator("table")).to_contain_text("Høgskulen på Vestlandet")
    assert_accessible(page)

    page.get_by_role("link", name="Registrer en organisasjon").click()
    page.get_by_label("Organisasjonsnummer").fill(NUMBER[:8] + str((int(NUMBER[8]) + 1) % 10))
    page.get_by_label("Navn", exact=True).fill("VID vitenskapelige høgskole")
    page.get_by_label("Type").select_option("uh")
    page.get_by_label("Privat høgskole").check()
    page.get_by_label("Kommunen i adressen").select_option(label="Bergen")
    page.get_by_label("Oslo").check()
    page.get_by_role("button", name="Registrer organisasjonen").click()
    expect(page.locator(".ds-error-summary")).to_contain_text("kontrollsifferet")
    expect(page.get_by_label("Navn", exact=True)).to_have_value("VID vitenskapelige høgskole")
    assert_accessible(page)

    page.get_by_label("Organisasjonsnummer").fill(NUMBER)
    page.get_by_role("button", name="Registrer organisasjonen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("VID vitenskapelige høgskole")
    expect(page.locator(".km-dl")).to_contain_text("Privat høgskole")
    expect(page.locator(".km-dl")).to_contain_text("Oslo")
    assert_accessible(page)
    assert Organisation.objects.get(organisation_number=NUMBER).privately_owned

    menu_link(page, "Nytt samarbeidsforum").click()
    page.get_by_label("Navn").fill("Samarbeidsforum Sunnfjord")
    page.get_by_label("Vestland").check()
    assert_accessible(page)
    page.get_by_role("button", name="Opprett forumet").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Samarbeidsforum Sunnfjord")
    expect(page.locator('[data-code="FORUM_MISSING_UH"]')).to_be_visible()
    assert_accessible(page)

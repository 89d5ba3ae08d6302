"""A caseworker registers an API client on accessible pages and sees its secret once."""

from playwright.sync_api import expect

from kompetansemidler.accounts.models import ApiClient


def test_caseworker_registers_an_api_client_and_sees_the_secret_once(
    page, live_server, cast, login, assert_accessible, menu_link
):
    login(cast.caseworker)
    menu_link(page, "API-klienter").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("API-klienter")
    assert_accessible(page)

    page.get_by_role("link", name="Registrer en API-klient").click()
    assert_accessible(page)
    page.get_by_label("Navn").fill("Bergen sak/arkiv")
    page.get_by_label("Rolle").select_option("owner_representative")
    page.get_by_label("Handler for").select_option(f"organisation:{cast.owner.pk}")
    page.get_by_label("Lese saker og registeret").check()
    page.get_by_label("Skrive behovsmeldinger").check()
    page.get_by_role("button", name="Registrer").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Bergen sak/arkiv")
    secret = page.locator("#client-secret").inner_text()
    assert secret.startswith("kmcs_")
    assert ApiClient.objects.get().scopes == ["read", "needs.write"]
    assert_accessible(page)

    page.reload()
    expect(page.locator("#client-secret")).to_have_count(0)

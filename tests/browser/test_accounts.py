"""Login, role administration, refusal and lockout pages in real Chromium, with axe."""

from playwright.sync_api import expect

from kompetansemidler.accounts.models import Role
from kompetansemidler.history.services import event_record


def test_caseworker_invites_a_user_and_grants_a_role_by_keyboard(
    page, live_server, cast, login, assert_accessible, menu_link
):
    login(cast.caseworker)
    menu_link(page, "Brukere og roller").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Brukere og roller")
    expect(page.get_by_role("link", name="Eirik Eier")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Inviter en bruker").click()
    page.get_by_label("Fornavn").fill("Kari")
    page.get_by_label("Etternavn").fill("Nordmann")
    page.get_by_label("E-post").fill("ikke-en-adresse")
    page.get_by_role("button", name="Inviter").click()
    # The error is summarised, tied to its field, and nothing typed is lost.
    expect(page.locator(".ds-error-summary")).to_be_visible()
    expect(page.get_by_label("Etternavn")).to_have_value("Nordmann")
    expect(page.get_by_label("E-post")).to_have_attribute("aria-invalid", "true")
    assert_accessible(page)
    page.get_by_label("E-post").fill("kari.nordmann@bergen.kommune.no")
    page.get_by_label("E-post").press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Kari Nordmann")
    expect(page.get_by_text("Kari Nordmann er invitert")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Tildel en rolle").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Tildel en rolle til Kari Nordmann")
    assert_accessible(page)
    page.get_by_label("Rolle", exact=True).select_option(Role.UNIT_LEADER.value)
    page.get_by_label("Omfang").select_option(label="Solsikken barnehage")
    page.get_by_role("button", name="Tildel rolle").focus()
    page.keyboard.press("Enter")
    expect(
        page.get_by_role("cell", name="Enhetsleder: Solsikken barnehage", exact=True)
    ).to_be_visible()
    history = page.get_by_role("list", name="Hendelser, nyeste først")
    expect(history.get_by_role("listitem").first).to_contain_text("ga en rolle")
    expect(history.get_by_role("listitem").first).to_contain_text(
        "Enhetsleder: Solsikken barnehage"
    )
    assert_accessible(page)

    page.get_by_role("button", name="Trekk tilbake").click()
    expect(page.get_by_text("Rollen Enhetsleder er trukket tilbake")).to_be_visible()
    expect(page.get_by_role("heading", name="Tilbaketrukne roller")).to_be_visible()
    assert_accessible(page)


def test_refusals_show_their_reason_on_accessible_pages(
    page, live_server, cast, login, assert_accessible
):
    event_record(
        actor=cast.caseworker,
        kind="role.granted",
        obj=cast.owner,
        summary="Test",
        office=cast.vestland,
        organisation=cast.owner,
    )
    login(cast.other_caseworker)
    page.goto(f"{live_server.url}/konto/brukere/{cast.owner_rep.pk}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Du har ikke tilgang til denne siden")
    expect(page.get_by_text("har ingen rolle under ditt embete")).to_be_visible()
    assert_accessible(page)
    page.goto(f"{live_server.url}/historikk/registry/organisation/{cast.owner.pk}/")
    expect(page.get_by_text("saken tilhører Statsforvalteren i Vestland")).to_be_visible()

    page.get_by_role("button", name="Logg ut").click()
    login(cast.caseworker)
    page.goto(f"{live_server.url}/historikk/registry/organisation/{cast.owner.pk}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Historikk for Bergen kommune")
    assert_accessible(page)


def test_lockout_password_reset_and_csrf_pages_are_accessible(
    page, live_server, cast, assert_accessible
):
    page.goto(f"{live_server.url}/konto/logg-inn/")
    for _attempt in range(5):
        page.locator("#id_username").fill("siri")
        page.locator("#id_password").fill("feil-passord")
        page.get_by_role("button", name="Logg inn").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "For mange mislykkede innloggingsforsøk"
    )
    assert_accessible(page)

    page.goto(f"{live_server.url}/konto/passord/")
    assert_accessible(page)
    page.get_by_label("E-post").fill("siri@example.no")
    page.get_by_role("button", name="Send lenke").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Sjekk e-posten din")

    # A form sent after the CSRF cookie was lost is refused with an explanation.
    page.goto(f"{live_server.url}/konto/logg-inn/")
    page.context.clear_cookies()
    page.locator("#id_username").fill("siri")
    page.locator("#id_password").fill("demo-passord-2026")
    page.get_by_role("button", name="Logg inn").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Skjemaet ble ikke sendt")
    assert_accessible(page)

"""A caseworker opens a round, registers a commitment and opens it for needs."""

from playwright.sync_api import expect

from kompetansemidler.schemes.seed import ensure_seed


def figure(page, name):
    return page.locator(f'[data-figure="{name}"]')


def test_caseworker_opens_a_round_and_sees_frame_committed_and_available(
    page, live_server, cast, login, assert_accessible, menu_link
):
    ensure_seed()
    login(cast.caseworker)
    menu_link(page, "Tildelingsrunder").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Tildelingsrunder")
    assert_accessible(page)

    page.get_by_role("link", name="Opprett en tildelingsrunde").click()
    page.get_by_label("Ordning", exact=True).select_option(label="Dekom")
    page.get_by_label("År", exact=True).fill("2026")
    page.get_by_label("Ramme (kr)").fill("53 400 000")
    page.get_by_label("Frist for behovsmeldinger").fill("2025-11-01")
    # Out of order: the recommendation before the needs reports.
    page.get_by_label("Frist for samarbeidsforumets innstilling").fill("2025-10-01")
    page.get_by_label("Frist for vedtak").fill("2026-02-01")
    page.get_by_label("Frist for årsrapporten").fill("2027-03-01")
    page.get_by_role("button", name="Opprett runden").click()
    expect(page.get_by_role("alert")).to_contain_text(
        "Denne fristen må komme etter fristen for behovsmeldinger."
    )
    expect(page.get_by_label("Ramme (kr)")).to_have_value("53 400 000")
    assert_accessible(page)
    page.get_by_label("Frist for samarbeidsforumets innstilling").fill("2025-12-15")
    page.get_by_role("button", name="Opprett runden").click()

    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Dekom 2026 – Statsforvalteren i Vestland"
    )
    expect(figure(page, "frame")).to_have_text("53\u00a0400\u00a0000 kr")
    expect(figure(page, "available")).to_have_text("53\u00a0400\u00a0000 kr")
    assert_accessible(page)

    page.get_by_label("Beløp (kr)").fill("6 400 000")
    page.get_by_label("Kilde", exact=True).fill("Vedtak 2025/14 Bergen kommune – år 2 av 3")
    page.get_by_role("button", name="Registrer bindingen").click()
    expect(figure(page, "committed")).to_have_text("6\u00a0400\u00a0000 kr")
    expect(figure(page, "available")).to_have_text("47\u00a0000\u00a0000 kr")

    page.get_by_role("button", name="Åpne runden for behovsmeldinger").click()
    expect(page.get_by_role("status")).to_contain_text("Åpen for behovsmeldinger")
    history = page.get_by_role("list", name="Hendelser, nyeste først")
    expect(history).to_contain_text("åpnet runden for behovsmeldinger")
    expect(history).not_to_contain_text("round.open_for_needs")
    assert_accessible(page)

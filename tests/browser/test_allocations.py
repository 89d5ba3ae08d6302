"""Udir enters an allocation and a cut; the caseworker opens the round on it,
sets 30 % aside for facilitation funds and sees the allocation table. axe finds
nothing on any page on the way."""

from playwright.sync_api import expect

from kompetansemidler.schemes.seed import ensure_seed


def figure(page, name):
    return page.locator(f'[data-figure="{name}"]')


def test_udir_allocates_and_the_caseworker_sets_aside(
    page, live_server, cast, login, assert_accessible
):
    ensure_seed()
    base = live_server.url
    login(cast.udir)
    page.goto(f"{base}/ordninger/tildelinger/ny/")
    assert_accessible(page)
    page.get_by_label("Statsforvalter", exact=True).select_option(label=cast.vestland.name)
    page.get_by_label("Ordning", exact=True).select_option(label="Rekom")
    page.get_by_label("År", exact=True).fill("2026")
    page.get_by_label("Type føring").select_option("initial")
    page.get_by_label("Endring (kr)").fill("40 500 000")
    page.get_by_label("Datert").fill("2025-10-01")
    page.get_by_label("Begrunnelse for endringen").fill("Tildelingsbrev 2026")
    page.get_by_role("button", name="Registrer føringen").click()
    expect(figure(page, "allocation")).to_have_text("40\u00a0500\u00a0000 kr")
    page.get_by_role("link", name="Registrer en endring").click()
    page.get_by_label("Type føring").select_option("revised")
    page.get_by_label("Endring (kr)").fill("-500 000")
    page.get_by_label("Begrunnelse for endringen").fill("Revidert nasjonalbudsjett")
    page.get_by_role("button", name="Registrer føringen").click()
    expect(figure(page, "allocation")).to_have_text("40\u00a0000\u00a0000 kr")
    expect(page.locator("#allocation-entries tbody tr")).to_have_count(2)
    assert_accessible(page)

    page.context.clear_cookies()
    login(cast.caseworker)
    page.goto(f"{base}/ordninger/tildelinger/")
    expect(page.locator("#allocations")).to_contain_text("40\u00a0000\u00a0000")
    assert_accessible(page)
    page.goto(f"{base}/ordninger/runder/ny/")
    expect(page.locator("#open-allocations")).to_contain_text("40\u00a0000\u00a0000")
    page.get_by_label("Ordning", exact=True).select_option(label="Rekom")
    page.get_by_label("År", exact=True).fill("2026")
    page.get_by_label("Frist for behovsmeldinger").fill("2025-11-01")
    page.get_by_label("Frist for samarbeidsforumets innstilling").fill("2025-12-15")
    page.get_by_label("Frist for vedtak").fill("2026-02-01")
    page.get_by_label("Frist for årsrapporten").fill("2027-03-01")
    page.get_by_role("button", name="Opprett runden").click()
    expect(figure(page, "frame")).to_contain_text("40\u00a0000\u00a0000 kr")

    page.get_by_role("link", name="avsetninger").click()
    assert_accessible(page)
    page.get_by_label("Formål").fill("Tilretteleggingsmidler 2026–2027")
    page.get_by_label("Kategori").select_option("facilitation")
    page.get_by_label("Beløp (kr)").fill("12 000 001")
    page.get_by_label("Dato for forumets vedtak").fill("2025-10-20")
    page.get_by_label("Forumets vedtak", exact=True).fill("Sak 12/25")
    page.get_by_role("button", name="Registrer avsetningen").click()
    expect(page.get_by_role("alert")).to_contain_text("12\u00a0000\u00a0001")
    assert_accessible(page)
    page.get_by_label("Beløp (kr)").fill("12 000 000")
    page.get_by_role("button", name="Registrer avsetningen").click()
    expect(figure(page, "set_aside")).to_have_text("12\u00a0000\u00a0000 kr")
    expect(figure(page, "available")).to_have_text("28\u00a0000\u00a0000 kr")
    assert_accessible(page)

"""Statistics in a real browser: Udir filters the national statistics, a
caseworker sees their own office, and a visitor reads the public page without
logging in. axe on every page, charts included."""

from playwright.sync_api import expect

from tests.statistics.objects import build


def test_udir_caseworker_and_the_public_read_the_statistics(
    cast, login, live_server, assert_accessible
):
    build(cast, per_round=4)
    page = login(cast.udir)
    page.goto(f"{live_server.url}/statistikk/")
    expect(page.get_by_role("heading", name="Statistikk", level=1)).to_be_visible()
    expect(page.get_by_role("img", name="Vedtatt beløp per år")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Grupper etter").select_option("office")
    page.get_by_label("Fra år").fill("2027")
    page.get_by_role("button", name="Vis").click()
    table = page.get_by_role("table", name="Vedtatt beløp per embete")
    expect(table).to_contain_text(cast.rogaland.name)
    expect(page.get_by_role("table", name="Penger og vedtak per år")).not_to_contain_text("2026")
    assert_accessible(page)

    page.context.clear_cookies()
    page = login(cast.caseworker)
    page.goto(f"{live_server.url}/statistikk/?group=office")
    expect(page.get_by_role("table", name="Vedtatt beløp per embete")).to_contain_text(
        cast.vestland.name
    )
    expect(page.get_by_role("main")).not_to_contain_text(cast.rogaland.name)
    expect(page.locator("select[name=office]")).to_have_count(0)
    assert_accessible(page)

    page.context.clear_cookies()
    page.goto(f"{live_server.url}/statistikk/offentlig/")
    expect(page.get_by_role("heading", name="Tilskuddsstatistikk")).to_be_visible()
    expect(page.get_by_role("img", name="Tildelt beløp per fylke")).to_be_visible()
    page.get_by_label("År", exact=True).fill("2026")
    page.get_by_role("button", name="Vis").click()
    expect(page.get_by_role("table", name="Tildelt beløp per år")).not_to_contain_text("2027")
    assert_accessible(page)

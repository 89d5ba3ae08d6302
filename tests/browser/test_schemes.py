"""The national administrator edits a rule-set parameter: a bad value is
explained at its field and kept, a good one is saved."""

from playwright.sync_api import expect

from kompetansemidler.schemes.models import RuleSet
from kompetansemidler.schemes.seed import ensure_seed


def test_national_administrator_edits_a_rule_set_parameter(
    page, live_server, cast, login, assert_accessible, menu_link
):
    ensure_seed()
    login(cast.udir)
    menu_link(page, "Ordninger og regelverk").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Ordninger og regelverk")
    assert_accessible(page)

    page.get_by_role("link", name="Rekom 2026").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Regelverk Rekom 2026")
    expect(page.locator(".km-dl")).to_contain_text("30 %")
    assert_accessible(page)

    page.get_by_role("link", name="Endre regelverket").click()
    cap = page.get_by_label("Øvre grense for øremerking (prosent)")
    expect(cap).to_have_value("30")
    cap.fill("130")
    page.get_by_role("button", name="Lagre").click()
    message = "En andel må være mellom 0 og 100 prosent; 130 prosent ble oppgitt."
    expect(page.get_by_role("alert")).to_contain_text(message)
    expect(page.get_by_label("Øvre grense for øremerking (prosent)")).to_have_value("130")
    assert_accessible(page)

    page.get_by_label("Øvre grense for øremerking (prosent)").fill("25")
    page.get_by_role("button", name="Lagre").click()
    expect(page.get_by_role("status")).to_contain_text("Regelverket Rekom 2026 er lagret.")
    expect(page.locator(".km-dl")).to_contain_text("25 %")
    history = page.get_by_role("list", name="Hendelser, nyeste først")
    expect(history).to_contain_text("endret regelsettet")
    expect(history).not_to_contain_text("rule_set.changed")
    assert (
        str(RuleSet.objects.get(scheme__code="rekom", year=2026).params.earmark_cap_share) == "0.25"
    )

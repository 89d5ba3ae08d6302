"""Uploading a register file through the page, by keyboard and mouse, with axe on every step."""

from pathlib import Path

from playwright.sync_api import expect

from kompetansemidler.registry import samples
from kompetansemidler.registry.models import Unit

SAMPLES = Path(samples.__file__).resolve().parent
BROKEN = Path(__file__).resolve().parent.parent / "imports" / "files"


def test_caseworker_uploads_a_sample_file_previews_and_imports_it(
    page, live_server, cast, login, assert_accessible, menu_link
):
    login(cast.caseworker)
    menu_link(page, "Registerimport").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Import fra barnehage- og skoleregisteret"
    )
    assert_accessible(page)

    # A broken file first: the message is shown at the top and at the field.
    page.get_by_label("Skoleregisteret (NSR)").check()
    page.get_by_label("46 Vestland").check()
    page.get_by_label("Fil", exact=True).set_input_files(str(BROKEN / "v3.json"))
    page.get_by_role("button", name="Kontroller filen").click()
    expect(page.locator(".ds-error-summary")).to_contain_text("versjon 3")
    expect(page.get_by_label("Skoleregisteret (NSR)")).to_be_checked()
    expect(page.get_by_label("46 Vestland")).to_be_checked()
    assert_accessible(page)

    page.get_by_label("Fil", exact=True).set_input_files(str(SAMPLES / "nsr-vestland.json"))
    page.get_by_role("button", name="Kontroller filen").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Forhåndsvisning av import")
    expect(page.get_by_role("heading", name="Enheter opprettet (36)")).to_be_visible()
    assert not Unit.objects.filter(source="nsr").exists()
    assert_accessible(page)

    page.get_by_role("button", name="Importer filen").focus()
    page.keyboard.press("Enter")
    expect(page.get_by_text("Filen er importert.")).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Importrapport")
    assert Unit.objects.filter(source="nsr").count() == 36
    assert_accessible(page)

    page.get_by_role("link", name="Tilbake til registerimport").click()
    expect(page.get_by_role("table")).to_contain_text("nsr-vestland.json")
    assert_accessible(page)

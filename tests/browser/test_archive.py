"""The public journal (anonymous) and the caseworker's journal in a real browser:
axe finds nothing, and the filter form works from the keyboard alone."""

import pytest
from django.urls import reverse

from kompetansemidler.archive.services import Party, case_file_for, registry_entry_record


@pytest.fixture
def entries(cast, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    case_file = case_file_for(
        obj=cast.owner, office=cast.vestland, title="Tilskudd Bergen", actor=cast.caseworker
    )
    for title, exempt in (
        ("Tilskuddsbrev til Bergen kommune", False),
        ("Klage fra Kari Nordmann", True),
    ):
        registry_entry_record(
            case_file=case_file,
            entry_type="U",
            title=title,
            actor=cast.caseworker,
            exempt_words=["Kari Nordmann"],
            exempt=exempt,
            legal_basis="Offl. § 13 jf. fvl. § 13" if exempt else "",
            parties=[Party(name="Kari Nordmann" if exempt else cast.owner.name, exempt=exempt)],
            document_bytes=b"%PDF-1.4",
            document_name="brev.pdf",
            document_title=title,
            published=not exempt,
        )


def test_public_journal_filters_by_keyboard(page, live_server, entries, assert_accessible):
    page.goto(live_server.url + reverse("archive:public_journal"))
    assert page.locator("tbody tr").count() == 2
    assert "Kari Nordmann" not in page.content()
    assert_accessible(page)
    page.locator("#id_q").focus()
    page.keyboard.type("Tilskuddsbrev")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.locator("tbody tr").count() == 1
    assert "q=Tilskuddsbrev" in page.url
    # A bad date is reported, not a crash, and the search text stays.
    page.locator("#id_date_from").fill("2026-05-01")
    page.locator("#id_date_to").fill("2026-04-01")
    with page.expect_navigation():
        page.locator("#id_date_to").press("Enter")
    assert page.locator(".ds-error-summary").is_visible()
    assert page.locator("#id_q").input_value() == "Tilskuddsbrev"
    assert_accessible(page)


def test_caseworker_journal_publishes_by_keyboard(
    login, live_server, cast, entries, assert_accessible
):
    page = login(cast.caseworker)
    page.goto(live_server.url + reverse("archive:staff_journal"))
    assert "Klage fra Kari Nordmann" in page.content()
    assert_accessible(page)
    button = page.locator("form[action*='publisering'] button").first
    button.focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.locator("[role=status] .ds-alert").count() == 1
    assert_accessible(page)


def test_caseworker_screens_an_entry_by_keyboard(
    login, live_server, cast, entries, assert_accessible
):
    from kompetansemidler.archive.models import RegistryEntry

    letter = RegistryEntry.objects.get(title="Tilskuddsbrev til Bergen kommune")
    page = login(cast.caseworker)
    page.goto(live_server.url + reverse("archive:entry_screen", args=[letter.system_id]))
    assert_accessible(page)
    page.locator("#id_words").focus()
    page.keyboard.type("Bergen kommune")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    letter.refresh_from_db()
    assert letter.public_title == "Tilskuddsbrev til **"
    assert_accessible(page)
    page.goto(live_server.url + reverse("archive:public_journal"))
    assert "Tilskuddsbrev til Bergen kommune" not in page.content()

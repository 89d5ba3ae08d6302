"""A caseworker completes a forum's composition and a member reads the plan,
in real Chromium; axe finds no violations on any of the pages."""

import datetime
from decimal import Decimal

from playwright.sync_api import expect

from kompetansemidler.forums.services import (
    forum_member_add,
    forum_schemes_set,
    long_term_plan_save_version,
)
from kompetansemidler.registry.models import OrganisationKind
from kompetansemidler.schemes.models import Scheme
from kompetansemidler.schemes.seed import ensure_seed
from tests.factories import OrganisationFactory

START = datetime.date(2024, 1, 1)


def test_caseworker_adds_members_until_the_composition_findings_vanish(
    page, live_server, cast, login, assert_accessible, menu_link
):
    ensure_seed()
    forum = cast.forum
    forum_schemes_set(
        actor=cast.caseworker, forum=forum, schemes=Scheme.objects.filter(code="rekom")
    )
    ks = OrganisationFactory(name="KS Vestland", kind=OrganisationKind.KS)
    OrganisationFactory(name="PBL Vest", kind=OrganisationKind.PBL)
    union = OrganisationFactory(name="Utdanningsforbundet Vestland", kind=OrganisationKind.UNION)
    for name, representation, organisation in [
        ("Frida Forum", "public_owner", cast.owner),
        ("Ingrid Haugland", "private_owner", cast.other_owner),
        ("Magnus Vik", "uh", cast.uh),
        ("Solveig Brekke", "ks", ks),
        ("Kristin Sandvik", "union", union),
    ]:
        forum_member_add(
            actor=cast.caseworker,
            forum=forum,
            name=name,
            representation=representation,
            organisation=organisation,
            period_from=START,
        )
    forum_member_add(
        actor=cast.caseworker,
        forum=forum,
        name="Anders Tveit",
        representation="kindergarten_authority",
        period_from=START,
        municipality=cast.owner.municipality.county.municipalities.get(number="4621"),
    )

    login(cast.caseworker)
    menu_link(page, "Forum").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Samarbeidsforum")
    assert_accessible(page)
    page.get_by_role("link", name="Samarbeidsforum Vestland").click()
    findings = page.locator("#composition-findings li")
    expect(findings).to_have_count(2)
    expect(page.locator('[data-code="FORUM_MISSING_PBL"]')).to_be_visible()
    expect(page.locator('[data-code="FORUM_MISSING_SECRETARIAT"]')).to_be_visible()
    assert_accessible(page)

    # A secretariat with a vote is refused with the reason; what was typed stays.
    page.get_by_role("link", name="Legg til medlem").click()
    page.get_by_label("Navn").fill("Siri Saksbehandler")
    page.get_by_label("Representerer").select_option("secretariat")
    page.get_by_label("Medlem fra").fill("2025-01-01")
    page.get_by_role("button", name="Legg til medlem").click()
    expect(page.locator(".ds-error-summary")).to_contain_text("aldri stemmerett")
    expect(page.get_by_label("Navn")).to_have_value("Siri Saksbehandler")
    assert_accessible(page)
    page.get_by_label("Har stemmerett").uncheck()
    page.get_by_role("button", name="Legg til medlem").click()
    expect(page.locator("#composition-findings li")).to_have_count(1)

    page.get_by_role("link", name="Legg til medlem").click()
    page.get_by_label("Navn").fill("Tor Eide")
    page.get_by_label("Representerer").select_option("pbl")
    page.get_by_label("Organisasjon som representeres").select_option(label="PBL Vest")
    page.get_by_label("Medlem fra").fill("2025-01-01")
    page.get_by_role("button", name="Legg til medlem").click()
    expect(page.locator("#composition-ok")).to_be_visible()
    expect(page.locator("#composition-findings")).to_have_count(0)
    expect(page.locator("#members")).to_contain_text("Tor Eide")
    assert_accessible(page)

    page.get_by_role("link", name="Tor Eide").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Tor Eide")
    assert_accessible(page)


def test_a_forum_member_reads_the_long_term_plan_and_its_history(
    page,
    live_server,
    cast,
    login,
    assert_accessible,
):
    ensure_seed()
    rekom = Scheme.objects.get(code="rekom")
    long_term_plan_save_version(
        actor=cast.caseworker,
        forum=cast.forum,
        based_on_version=None,
        from_year=2024,
        to_year=2027,
        adopted_on=datetime.date(2024, 2, 15),
        priorities=[("P1", "Inkluderande fellesskap")],
        frames={(2025, rekom): Decimal(25_450_000)},
    )
    long_term_plan_save_version(
        actor=cast.caseworker,
        forum=cast.forum,
        based_on_version=1,
        from_year=2024,
        to_year=2027,
        priorities=[("P1", "Inkluderande fellesskap"), ("P2", "Språk og lesing")],
        change_note="Ny prioritering P2",
    )
    login(cast.forum_member)
    page.goto(f"{live_server.url}/forum/{cast.forum.pk}/plan/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Langsiktig felles plan 2024–2027")
    expect(page.locator("#priorities")).to_contain_text("Språk og lesing")
    expect(page.locator("#frames")).to_contain_text("25")
    assert_accessible(page)

    page.get_by_role("link", name="Versjonshistorikk").click()
    expect(page.locator("#versions")).to_contain_text("Ny prioritering P2")
    assert_accessible(page)
    page.get_by_role("link", name="Versjon 1", exact=True).click()
    expect(page.locator(".ds-alert")).to_contain_text("tidligere versjon")
    expect(page.locator("#priorities")).not_to_contain_text("Språk og lesing")
    assert_accessible(page)

    page.goto(f"{live_server.url}/forum/{cast.forum.pk}/plan/endre/")
    expect(page.get_by_label("Til år")).to_have_value("2027")
    assert_accessible(page)

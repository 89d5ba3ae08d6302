"""The forum at work in a real browser: it ranks, cuts a line until the frame
finding vanishes, justifies a warning and adopts; meanwhile a second session
saves the same draft late and gets the conflict page. A long recommendation is
edited a page at a time without losing what was typed. axe on every page."""

import re
from decimal import Decimal

from playwright.sync_api import expect

from kompetansemidler.demo.cast import DEMO_PASSWORD
from kompetansemidler.forums.demo import build as forum_demo
from kompetansemidler.needs.models import NeedsReport, ProposedMeasure, ReportState
from kompetansemidler.recommendations import rows
from kompetansemidler.recommendations.models import RecommendationLine
from kompetansemidler.recommendations.selectors import lines_for
from kompetansemidler.recommendations.services import recommendation_create
from tests.recommendations.objects import ASSESSED, bergen_accepted, recommendation_with_lines


def _draft(cast):
    forum_demo()
    bergen = bergen_accepted(cast, measures=(("Språkløft", 25_000_000, "general"),))
    fjord = NeedsReport.objects.create(
        round=bergen.round,
        owner=cast.other_owner,
        state=ReportState.ACCEPTED,
        **{**ASSESSED, "sami_perspectives": ""},
    )
    fjord.uh_partners.set([cast.uh])
    ProposedMeasure.objects.create(
        report=fjord, title="Leik og læring", amount_year1=Decimal(400_000)
    )
    return recommendation_create(
        actor=cast.forum_member, round=bergen.round, forum=cast.forum, name="Utkast 2026"
    )


def _second_session(browser, live_server, user):
    context = browser.new_context(locale="nb-NO")
    page = context.new_page()
    page.goto(f"{live_server.url}/konto/logg-inn/")
    page.locator("#id_username").fill(user.username)
    page.locator("#id_password").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Logg inn").click()
    page.wait_for_load_state()
    return context, page


def test_the_forum_ranks_cuts_justifies_and_adopts_while_a_late_save_conflicts(
    cast, login, live_server, browser, assert_accessible
):
    recommendation = _draft(cast)
    big, small = lines_for(recommendation)
    editor = f"{live_server.url}/innstilling/{recommendation.pk}/endre/"

    page = login(cast.forum_member)
    page.goto(editor)
    live = page.locator("#live")
    expect(live.locator('[data-code="FRAME_EXCEEDED"]')).to_be_visible()
    expect(
        page.locator(f'#line-findings-{small.pk} [data-code="REC_SAMI_NOT_ASSESSED"]')
    ).to_be_visible()
    assert_accessible(page)

    # The secretariat opens the same draft before the forum saves.
    context, other = _second_session(browser, live_server, cast.caseworker)
    other.goto(editor)

    # Rank: Fjordbarnehagar first. Cut: Bergen's measure to 15 million.
    page.locator(f"#id_l{small.pk}-rank").fill("1")
    page.locator(f"#id_l{big.pk}-rank").fill("2")
    page.locator(f"#id_l{big.pk}-amount_year1").fill("15000000")
    expect(live.locator('[data-code="FRAME_EXCEEDED"]')).to_have_count(0)
    expect(live.locator("[data-not-ready]")).to_be_visible()
    # Justify the Sámi warning on the line it concerns.
    page.locator(f"#id_l{small.pk}-justification").fill(
        "Fjordbarnehagar har ingen samiske barn i år; tema i neste plan."
    )
    expect(live.locator("[data-ready]")).to_be_visible()
    page.get_by_role("button", name="Lagre").click()
    expect(page.locator(".ds-alert[data-color=success]")).to_be_visible()
    line = RecommendationLine.objects.get(pk=big.pk)
    assert (line.rank, line.amount_year1) == (2, Decimal(15_000_000))

    # The second session saves its stale page: refused, with what changed and its input kept.
    other.locator(f"#id_l{small.pk}-amount_year1").fill("350000")
    other.get_by_role("button", name="Lagre").click()
    conflict = other.locator("#conflict")
    expect(conflict).to_be_visible()
    expect(conflict).to_contain_text("15000000")
    expect(other.locator(f"#id_l{small.pk}-amount_year1")).to_have_value("350000")
    assert_accessible(other)
    context.close()
    assert RecommendationLine.objects.get(pk=small.pk).amount_year1 == Decimal(400_000)

    # Adopt by consensus.
    page.goto(f"{live_server.url}/innstilling/{recommendation.pk}/vedta/")
    expect(page.locator("[data-ready]")).to_be_visible()
    assert_accessible(page)
    page.locator("main form[method=post] button[type=submit]").last.click()
    expect(page.locator('[data-state="adopted"]')).to_be_visible()
    assert_accessible(page)

    page.goto(f"{live_server.url}/innstilling/")
    assert_accessible(page)
    page.goto(
        f"{live_server.url}/innstilling/samanlikn/?a={recommendation.pk}&b={recommendation.pk}"
    )
    assert_accessible(page)


def test_a_long_recommendation_is_edited_a_page_at_a_time_without_losing_input(
    cast, login, live_server, monkeypatch, assert_accessible
):
    monkeypatch.setattr(rows.EDITOR_PAGES, "size", 2)
    recommendation = recommendation_with_lines(cast, 5)
    first, second, third, *_ = lines_for(recommendation)
    page = login(cast.forum_member)
    page.goto(f"{live_server.url}/innstilling/{recommendation.pk}/endre/")
    expect(page.locator("[data-lines-shown]")).to_contain_text("1–2 av 5")
    assert_accessible(page)

    # The totals cover all five lines, the ones on other pages as saved.
    page.locator(f"#id_l{first.pk}-amount_year1").fill("0")
    expect(page.locator("#live [data-total]")).to_have_text(re.compile(r"40\s010"))

    # Leaving the page with what was typed not saved asks first; staying keeps it.
    asked = []
    page.once("dialog", lambda dialog: (asked.append(dialog.type), dialog.dismiss()))
    page.get_by_role("link", name="Neste").click()
    expect(page.locator(f"#id_l{first.pk}-amount_year1")).to_have_value("0")
    assert asked == ["beforeunload"]

    # Saved, it goes without asking, and the next page shows the next lines.
    page.get_by_role("button", name="Lagre").click()
    expect(page.locator(".ds-alert[data-color=success]")).to_be_visible()
    page.get_by_role("link", name="Neste").click()
    expect(page.locator(f"#id_l{third.pk}-rank")).to_be_visible()
    expect(page.locator(f"#id_l{first.pk}-rank")).to_have_count(0)
    assert RecommendationLine.objects.get(pk=first.pk).amount_year1 == 0
    assert_accessible(page)

"""A partnership files its annual report in a real browser, the caseworker returns
it with a reason, the recipient fixes and resubmits it, the caseworker approves
it, the statistics count the money used, and the caseworker reads the office's
report to Udir. axe on every page."""

import re

from playwright.sync_api import expect

from kompetansemidler.decisions.models import UnusedFunds
from kompetansemidler.reporting.models import AnnualReport
from tests.reporting.objects import paid_decision

USED = re.compile(r"550\s000")


def _statistics_row(page, live_server, year):
    page.goto(f"{live_server.url}/statistikk/")
    return page.get_by_role("table", name="Penger og vedtak per år").get_by_role(
        "row", name=re.compile(f"^{year}")
    )


def _as(page, login, user):
    page.context.clear_cookies()
    return login(user)


def test_file_return_resubmit_approve(cast, login, live_server, assert_accessible):
    decision = paid_decision(cast)
    year = decision.round.year
    page = login(cast.owner_rep)
    page.goto(f"{live_server.url}/rapport/")
    assert_accessible(page)
    page.get_by_role("button", name=f"Start årsrapporten for {year}").click()
    assert_accessible(page)
    page.get_by_label("Brukte midler (kroner)", exact=True).fill("550000")
    page.get_by_label("Ubrukte midler (kroner)", exact=True).fill("50000")
    page.get_by_label("Dokumentert egenfinansiering (kroner)").fill(str(decision.co_financing))
    for select in page.locator("select[name^=answer-]").all():
        select.select_option("yes")
    page.get_by_role("button", name="Lagre og send inn").click()
    expect(page.get_by_role("status")).to_contain_text("Årsrapporten er sendt inn")
    report = AnnualReport.objects.get(decision=decision)

    page = _as(page, login, cast.caseworker)
    # A submitted report is not yet in the statistics: only approved ones count.
    expect(_statistics_row(page, live_server, year)).not_to_contain_text(USED)
    page.goto(f"{live_server.url}/rapport/{report.pk}/")
    assert_accessible(page)
    page.get_by_label("Grunn for retur").fill("Deltakartala manglar.")
    page.get_by_role("button", name="Returner til mottakeren").click()
    expect(page.get_by_role("status")).to_contain_text("returnert")

    page = _as(page, login, cast.owner_rep)
    page.goto(f"{live_server.url}/rapport/{report.pk}/")
    expect(page.locator(".ds-alert")).to_contain_text("Deltakartala manglar.")
    assert_accessible(page)
    page.get_by_role("button", name="Lagre og send inn").click()
    expect(page.get_by_role("status")).to_contain_text("Årsrapporten er sendt inn")

    page = _as(page, login, cast.caseworker)
    page.goto(f"{live_server.url}/rapport/{report.pk}/")
    page.get_by_label("Overført (kroner)").fill("10000")
    page.get_by_role("button", name="Godkjenn").click()
    expect(page.get_by_role("status")).to_contain_text("Rapporten er godkjent")
    assert_accessible(page)
    funds = UnusedFunds.objects.get(decision=decision)
    assert (funds.repaid, funds.carried_over) == (40000, 10000)
    expect(_statistics_row(page, live_server, year)).to_contain_text(USED)
    assert_accessible(page)

    page.goto(f"{live_server.url}/rapport/embete/{cast.vestland.pk}/{year}/")
    assert_accessible(page)
    page.get_by_label("Embetets vurdering").fill("Tiltaka er godt forankra.")
    page.get_by_role("button", name="Lagre").click()
    expect(page.get_by_role("status")).to_contain_text("Lagret")
    expect(page.get_by_label("Embetets vurdering")).to_have_value("Tiltaka er godt forankra.")

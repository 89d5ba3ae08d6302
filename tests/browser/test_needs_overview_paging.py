"""The caseworker pages through the owners of a round's needs overview; the
totals above the table stay those of every owner, and axe finds nothing."""

import re
from decimal import Decimal

from playwright.sync_api import expect

from kompetansemidler.needs.models import NeedsReport, ProposedMeasure, ReportState
from tests.factories import OrganisationFactory
from tests.needs.conftest import make_round


def test_the_caseworker_pages_through_the_owners(page, live_server, cast, login, assert_accessible):
    round_ = make_round(cast.vestland)
    for n in range(60):
        owner = OrganisationFactory(name=f"Eigar {n:02d} AS")
        if n % 4 == 0:
            report = NeedsReport.objects.create(
                round=round_, owner=owner, state=ReportState.SUBMITTED
            )
            ProposedMeasure.objects.create(
                report=report, title="Leik", amount_year1=Decimal(100000)
            )
    login(cast.caseworker)
    page.goto(f"{live_server.url}/behov/runde/{round_.pk}/")
    summary = page.locator("dl.km-dl").first
    expect(summary).to_contain_text("1 500 000")
    totals = summary.inner_text()
    expect(page.get_by_text(re.compile(r"Viser 1–50 av \d+"))).to_be_visible()
    assert_accessible(page)

    page.get_by_role("navigation", name="Sider").get_by_role("link", name="Neste").click()
    expect(page.get_by_text(re.compile(r"Viser 51–\d+ av \d+"))).to_be_visible()
    assert page.locator("dl.km-dl").first.inner_text() == totals
    assert_accessible(page)

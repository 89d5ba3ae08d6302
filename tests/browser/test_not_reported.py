"""The caseworker goes from Mine oppgaver to who has not reported needs in an open
round and reminds them with one click; axe on each step."""

import datetime

from django.utils import timezone
from playwright.sync_api import expect

from kompetansemidler.needs.models import Reminder
from tests.needs.conftest import make_round


def test_caseworker_reminds_those_who_have_not_reported(
    page, live_server, cast, login, assert_accessible
):
    deadline = timezone.localdate() + datetime.timedelta(days=9)
    round_ = make_round(cast.vestland, needs_deadline=deadline)
    login(cast.caseworker)
    task = page.get_by_role("link", name=f"Ikke meldt ennå: {round_}")
    expect(task.locator("xpath=..")).to_contain_text("9 dager igjen")
    task.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Ikke meldt ennå")
    expect(page.get_by_role("rowheader", name="Bergen kommune")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("button", name="Påminn dem som ikke har meldt").click()
    expect(page.get_by_role("status")).to_contain_text("2 påminnelser ble sendt")
    assert_accessible(page)
    assert Reminder.objects.filter(round=round_).count() == 2

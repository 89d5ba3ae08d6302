"""Reminders before a deadline: once per deadline and person, by e-mail and on the start page."""

import datetime

from django.core import mail
from django.core.management import call_command

from kompetansemidler.needs.models import NeedsReport, Reminder, ReportState
from kompetansemidler.needs.reminders import reminders_schedule

from .conftest import make_round

TWO_WEEKS_BEFORE = datetime.date(2026, 2, 16)


def test_owners_that_have_not_reported_are_reminded_once(cast):
    round_ = make_round(cast.vestland)
    NeedsReport.objects.create(round=round_, owner=cast.other_owner, state=ReportState.SUBMITTED)
    created = reminders_schedule(today=TWO_WEEKS_BEFORE)
    recipients = {r.recipient for r in created}
    # Bergen has not reported; Fjordbarnehagar has. The network has not reported jointly.
    assert cast.owner_rep in recipients
    assert cast.network_coordinator in recipients
    assert cast.other_owner_rep not in recipients
    assert cast.caseworker not in recipients
    assert {m.to[0] for m in mail.outbox} == {u.email for u in recipients}
    assert all(r.sent_at for r in Reminder.objects.all())
    message = next(m for m in mail.outbox if m.to == [cast.owner_rep.email])
    assert "01.03.2026" in message.subject
    assert reminders_schedule(today=TWO_WEEKS_BEFORE + datetime.timedelta(days=1)) == []
    assert len(mail.outbox) == len(recipients)


def test_nothing_is_sent_outside_the_window_or_after_the_deadline(cast):
    make_round(cast.vestland)
    assert reminders_schedule(today=datetime.date(2026, 1, 1)) == []
    assert reminders_schedule(today=datetime.date(2026, 3, 2)) == []
    assert mail.outbox == []


def test_the_command_is_idempotent(cast, capsys):
    make_round(cast.vestland)
    call_command("send_reminders", "--today", "2026-02-20")
    first = len(mail.outbox)
    call_command("send_reminders", "--today", "2026-02-21")
    assert first > 0 and len(mail.outbox) == first
    assert "0 reminder(s)" in capsys.readouterr().out


def test_the_start_page_lists_the_owners_reports_to_write_and_the_caseworkers_to_handle(
    cast, client_for
):
    round_ = make_round(
        cast.vestland, needs_deadline=datetime.date.today() + datetime.timedelta(days=10)
    )
    content = client_for(cast.owner_rep).get("/").content.decode()
    assert "Meld behov: Rekom 2026" in content
    NeedsReport.objects.create(round=round_, owner=cast.owner, state=ReportState.SUBMITTED)
    content = client_for(cast.caseworker).get("/").content.decode()
    assert f"/behov/runde/{round_.pk}/" in content
    content = client_for(cast.other_caseworker).get("/").content.decode()
    assert f"/behov/runde/{round_.pk}/" not in content

"""'Mine oppgaver': each task with its deadline, only the panels that concern the
role, and a plain sentence when there is nothing to do."""

import datetime

from django.utils import timezone

from kompetansemidler.decisions.letters import letter_issue
from kompetansemidler.decisions.models import Letter
from tests.decisions.objects import draft_decision, issued_decision
from tests.needs.conftest import make_round


def test_an_owner_sees_the_rounds_deadline_and_the_days_left(cast, client_for):
    deadline = timezone.localdate() + datetime.timedelta(days=10)
    make_round(cast.vestland, needs_deadline=deadline)
    page = client_for(cast.owner_rep).get("/").content.decode()
    assert f"frist {deadline:%d.%m.%Y}, 10 dager igjen" in page


def test_the_report_start_page_shows_each_open_rounds_deadline(cast, client_for):
    deadline = timezone.localdate() + datetime.timedelta(days=1)
    make_round(cast.vestland, needs_deadline=deadline)
    page = client_for(cast.owner_rep).get("/behov/meldingar/ny/").content.decode()
    assert f"frist {deadline:%d.%m.%Y}, 1 dag igjen" in page


def test_a_role_with_nothing_to_do_is_told_so(cast, client_for):
    page = client_for(cast.unit_leader).get("/").content.decode()
    assert "Du har ingenting å gjøre akkurat nå." in page
    # An owner with a round to report to has something to do.
    make_round(cast.vestland, needs_deadline=timezone.localdate() + datetime.timedelta(days=5))
    page = client_for(cast.owner_rep).get("/").content.decode()
    assert "Du har ingenting å gjøre akkurat nå." not in page


def test_only_the_recipient_is_offered_its_grant_letters_to_appeal(cast, client_for):
    decision = issued_decision(cast)
    letter = Letter.objects.filter(decision=decision).first() or letter_issue(
        actor=cast.caseworker, decision=decision
    )
    Letter.objects.filter(pk=letter.pk).update(appeal_deadline=datetime.date(2026, 6, 1))
    page = client_for(cast.owner_rep).get("/").content.decode()
    assert "Dine tilskuddsbrev" in page
    # The letter's task shows its appeal deadline.
    assert "frist 01.06.2026" in page
    # Udir reads every decision but receives none, and cannot appeal.
    page = client_for(cast.udir).get("/").content.decode()
    assert "Dine tilskuddsbrev" not in page
    assert "klage" not in page


def test_a_draft_decision_to_issue_shows_the_rounds_decision_deadline(cast, client_for):
    decision = draft_decision(cast)
    page = client_for(cast.caseworker).get("/").content.decode()
    assert f"/vedtak/{decision.pk}/" in page
    assert f"frist {decision.round.decision_deadline:%d.%m.%Y}" in page

"""Deadlines of the appeal chain on "Mine oppgaver": the office sees each appeal
to handle with the date three weeks from receiving it (overdue after that) and
Udir's outcomes to carry out; Udir sees the appeals sent on to it, from every
office; another office sees none of them."""

import datetime

from django.urls import reverse
from django.utils import timezone

from kompetansemidler.decisions.appeals import appeal_decide, appeal_register, appeal_udir_decide
from kompetansemidler.decisions.letters import letter_issue
from kompetansemidler.decisions.models import Appeal
from kompetansemidler.registry.models import Organisation

from .objects import issued_decision, notified_long_ago


def _home(client_for, user) -> str:
    return client_for(user).get(reverse("core:home")).content.decode()


def _appeal(cast):
    Organisation.objects.filter(pk=cast.owner.pk).update(kind="private_owner")
    decision = issued_decision(cast)
    letter_issue(actor=cast.caseworker, decision=decision)
    return appeal_register(
        actor=cast.caseworker,
        decision=decision,
        received_on=timezone.localdate(),
        summary="Klage",
    )


def test_the_office_sees_the_appeal_to_handle_within_three_weeks(cast, client_for):
    appeal = _appeal(cast)
    due = (timezone.localdate() + datetime.timedelta(weeks=3)).strftime("%d.%m.%Y")
    page = _home(client_for, cast.caseworker)
    assert "Klager å behandle" in page
    assert f"Behandle innen {due}: klage fra Bergen kommune" in page
    assert f"#appeal-{appeal.pk}" in page
    assert "Bergen kommune" not in _home(client_for, cast.other_caseworker)


def test_an_appeal_not_handled_in_three_weeks_is_overdue(cast, client_for):
    appeal = _appeal(cast)
    notified_long_ago(appeal.decision, days=30)
    received = timezone.localdate() - datetime.timedelta(days=22)
    Appeal.objects.filter(pk=appeal.pk).update(received_on=received)
    due = (received + datetime.timedelta(weeks=3)).strftime("%d.%m.%Y")
    assert f"Forfalt siden {due}: klage fra Bergen kommune" in _home(client_for, cast.caseworker)


def test_udir_sees_the_appeal_sent_on_and_the_office_then_carries_out_its_outcome(cast, client_for):
    appeal = appeal_decide(
        actor=cast.caseworker, appeal=_appeal(cast), outcome="sent_on", note="Vurdering"
    )
    assert "Klager sendt videre til Udir" in _home(client_for, cast.udir)
    assert "Klager å behandle" not in _home(client_for, cast.caseworker)
    appeal_udir_decide(actor=cast.udir, appeal=appeal, outcome="upheld", note="Rett")
    assert "Klager sendt videre til Udir" not in _home(client_for, cast.udir)
    page = _home(client_for, cast.caseworker)
    assert "Gjennomfør Udirs avgjørelse: Bergen kommune" in page


def test_udirs_list_of_appeals_holds_every_office_and_a_caseworker_only_its_own(cast, client_for):
    appeal_decide(actor=cast.caseworker, appeal=_appeal(cast), outcome="sent_on", note="V")
    url = reverse("decisions:appeals")
    assert "Bergen kommune" in client_for(cast.udir).get(url).content.decode()
    assert "Bergen kommune" not in client_for(cast.other_caseworker).get(url).content.decode()

"""Five presses at the same moment — a payment, unused funds, 'make and send
letters', 'draft decisions' — against a live server on PostgreSQL: one effect,
and every press gets an answer, never a server error."""

import pytest
from django.core import mail
from django.urls import reverse

from kompetansemidler.archive.models import RegistryEntry
from kompetansemidler.decisions.models import Decision, Payment, UnusedFunds
from kompetansemidler.history.models import Event
from tests.support.parallel import needs_postgresql, post_in_parallel

from .objects import issued_decision, sent_recommendation

pytestmark = [pytest.mark.django_db(transaction=True), needs_postgresql]

PRESSES = 5


def same_key(data):
    return [{**data, "idempotency_key": "one-click-many-requests"}] * PRESSES


def own_keys(data):
    return [{**data, "idempotency_key": f"tab-{i}"} for i in range(PRESSES)]


def test_one_payment_sent_five_times_at_once_is_registered_once(cast, live_server):
    decision = issued_decision(cast)
    url = live_server.url + reverse("decisions:payment_add", args=[decision.pk])
    answers = post_in_parallel(
        url, cast.caseworker, same_key({"p-paid_on": "2026-06-01", "p-amount": "400000"})
    )
    assert [a.status_code for a in answers] == [302] * PRESSES
    assert Payment.objects.filter(decision=decision).count() == 1
    assert (
        Event.objects.for_object(decision).filter(kind="decision.payment_registered").count() == 1
    )


def test_unused_funds_sent_five_times_at_once_are_decided_once(cast, live_server):
    decision = issued_decision(cast)
    url = live_server.url + reverse("decisions:unused_add", args=[decision.pk])
    data = {"u-unused": "50000", "u-repaid": "50000", "u-carried_over": "0", "u-reason": "Ubrukt"}
    answers = post_in_parallel(url, cast.caseworker, same_key(data))
    assert [a.status_code for a in answers] == [302] * PRESSES
    assert UnusedFunds.objects.filter(decision=decision).count() == 1


def test_make_letters_pressed_five_times_at_once_sends_one_letter(cast, live_server):
    decision = issued_decision(cast)
    url = live_server.url + reverse("decisions:round_letters", args=[decision.round_id])
    mail.outbox.clear()
    answers = post_in_parallel(url, cast.caseworker, own_keys({}))
    assert [a.status_code for a in answers] == [302] * PRESSES
    assert decision.letters.count() == 1
    assert RegistryEntry.objects.filter(title__startswith="Tilskuddsbrev").count() == 1
    assert Event.objects.for_object(decision).filter(kind="decision.letter_sent").count() == 1
    assert len(mail.outbox) == 1


def test_draft_decisions_pressed_five_times_at_once_drafts_one_set(cast, live_server):
    recommendation = sent_recommendation(cast)
    url = live_server.url + reverse("decisions:round_draft", args=[recommendation.round_id])
    answers = post_in_parallel(url, cast.caseworker, own_keys({}))
    assert [a.status_code for a in answers] == [302] * PRESSES
    drafted = Decision.objects.filter(recommendation=recommendation)
    assert drafted.exists()
    assert Event.objects.filter(kind="decision.drafted").count() == drafted.count()

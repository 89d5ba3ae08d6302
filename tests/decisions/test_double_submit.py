"""A form that moves money or sends a letter, sent twice (a double click, the back
button, a retry), has one effect: the second sending is answered with the first
one's result. A second 'make letters' for an unchanged decision makes no letter,
journal entry or e-mail."""

import datetime
from decimal import Decimal

import pytest
from django.core import mail
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation

from kompetansemidler.archive.models import RegistryEntry
from kompetansemidler.core.idempotency import ALREADY_DONE, REFUSED_MISSING, REFUSED_REUSED
from kompetansemidler.decisions import letters
from kompetansemidler.decisions.appeals import appeal_register
from kompetansemidler.decisions.letters import letter_issue
from kompetansemidler.decisions.models import Appeal, Decision, Payment, UnusedFunds
from kompetansemidler.history.models import Event

from .objects import approver, draft_decision, issued_decision, sent_recommendation

pytestmark = pytest.mark.django_db

KEY = "6f1c2a9e4b7d4e0f8a3b5c1d2e3f4a5b"


def post_twice(client, url, data):
    first = client.post(url, {**data, "idempotency_key": KEY})
    second = client.post(url, {**data, "idempotency_key": KEY})
    return first, second


def events(decision, kind) -> int:
    return Event.objects.for_object(decision).filter(kind=kind).count()


def assert_replayed(first, second):
    assert first.status_code == 302
    assert second.status_code == 302 and second["Location"] == first["Location"]
    assert second["Idempotent-Replayed"] == "true"


def test_the_forms_carry_a_fresh_one_time_key_per_render(cast, client_for):
    decision = issued_decision(cast)
    client = client_for(cast.caseworker)
    url = reverse("decisions:detail", args=[decision.pk])
    first, second = (client.get(url).content.decode() for _ in range(2))
    # payment, appeal, reversal (§ 35), declining the grant, unused funds
    assert first.count('name="idempotency_key"') == 5
    assert (
        first.split('name="idempotency_key" value="')[1][:32]
        != (second.split('name="idempotency_key" value="')[1][:32])
    )


def test_a_payment_sent_twice_is_registered_once(cast, client_for):
    decision = issued_decision(cast)
    client = client_for(cast.caseworker)
    url = reverse("decisions:payment_add", args=[decision.pk])
    first, second = post_twice(client, url, {"p-paid_on": "2026-06-01", "p-amount": "400000"})
    assert_replayed(first, second)
    assert Payment.objects.filter(decision=decision).count() == 1
    assert events(decision, "decision.payment_registered") == 1
    page = client.get(second["Location"]).content.decode()
    with translation.override("nb"):
        assert str(ALREADY_DONE) in page


def test_the_same_key_with_another_amount_is_refused_not_paid(cast, client_for):
    decision = issued_decision(cast)
    client = client_for(cast.caseworker)
    url = reverse("decisions:payment_add", args=[decision.pk])
    client.post(url, {"p-paid_on": "2026-06-01", "p-amount": "400000", "idempotency_key": KEY})
    response = client.post(
        url, {"p-paid_on": "2026-06-01", "p-amount": "500000", "idempotency_key": KEY}
    )
    assert response.status_code == 422
    with translation.override("nb"):
        assert str(REFUSED_REUSED) in response.content.decode()
    assert [p.amount for p in Payment.objects.filter(decision=decision)] == [Decimal(400000)]


def test_a_refused_payment_gives_the_key_back_for_the_corrected_form(cast, client_for):
    decision = issued_decision(cast)
    client = client_for(cast.caseworker)
    url = reverse("decisions:payment_add", args=[decision.pk])
    too_much = client.post(
        url, {"p-paid_on": "2026-06-01", "p-amount": "9000000", "idempotency_key": KEY}
    )
    assert too_much.status_code == 400
    corrected = client.post(
        url, {"p-paid_on": "2026-06-01", "p-amount": "400000", "idempotency_key": KEY}
    )
    assert corrected.status_code == 302
    assert Payment.objects.filter(decision=decision).count() == 1


def test_unused_funds_sent_twice_are_decided_once(cast, client_for):
    decision = issued_decision(cast)
    first, second = post_twice(
        client_for(cast.caseworker),
        reverse("decisions:unused_add", args=[decision.pk]),
        {"u-unused": "50000", "u-repaid": "50000", "u-carried_over": "0", "u-reason": "Ubrukt"},
    )
    assert_replayed(first, second)
    assert UnusedFunds.objects.filter(decision=decision).count() == 1
    assert events(decision, "decision.unused_funds_decided") == 1


def test_an_appeal_sent_twice_is_registered_once(cast, client_for):
    decision = issued_decision(cast)
    first, second = post_twice(
        client_for(cast.caseworker),
        reverse("decisions:appeal_add", args=[decision.pk]),
        {"a-received_on": timezone.localdate().isoformat(), "a-summary": "Vi klagar"},
    )
    assert_replayed(first, second)
    assert Appeal.objects.filter(decision=decision).count() == 1


def test_an_appeal_outcome_sent_twice_changes_the_decision_and_sends_one_letter(
    cast, client_for, django_capture_on_commit_callbacks
):
    decision = issued_decision(cast)
    letter_issue(actor=cast.caseworker, decision=decision)
    appeal = appeal_register(
        actor=cast.caseworker, decision=decision, received_on=timezone.localdate(), summary="Meir"
    )
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        first, second = post_twice(
            client_for(cast.caseworker),
            reverse("decisions:appeal_outcome", args=[decision.pk, appeal.pk]),
            {"o-outcome": "changed", "o-note": "Nye opplysningar", "o-amount_year1": "950000"},
        )
    assert_replayed(first, second)
    assert [letter.version for letter in decision.letters.all()] == [2, 1]
    assert events(decision, "decision.changed") == 1
    assert len(mail.outbox) == 1


def test_save_and_issue_sent_twice_issues_once(cast, client_for):
    decision = draft_decision(cast)
    data = {
        "d-amount_year1": "900000",
        "d-amount_year2": "450000",
        "d-amount_year3": "0",
        **{f"d-check_{key}": "on" for key in ("c1", "c2", "c3", "money")},
        "issue": "",
    }
    first, second = post_twice(
        client_for(approver(cast)), reverse("decisions:update", args=[decision.pk]), data
    )
    assert_replayed(first, second)
    decision.refresh_from_db()
    assert decision.is_issued and decision.revision == 1
    assert events(decision, "decision.issued") == 1


def test_draft_decisions_pressed_twice_drafts_once(cast, client_for):
    recommendation = sent_recommendation(cast)
    client = client_for(cast.caseworker)
    url = reverse("decisions:round_draft", args=[recommendation.round_id])
    first, second = post_twice(client, url, {})
    assert_replayed(first, second)
    drafted = Decision.objects.filter(recommendation=recommendation).count()
    assert drafted >= 1
    # Another tab, another key: told it is done, nothing drafted again.
    third = client.post(url, {"idempotency_key": "another-tab"}, follow=True)
    assert third.status_code == 200
    assert Decision.objects.filter(recommendation=recommendation).count() == drafted


def test_make_letters_pressed_twice_makes_one_letter_one_entry_one_e_mail(
    cast, client_for, django_capture_on_commit_callbacks
):
    decision = issued_decision(cast)
    client = client_for(cast.caseworker)
    url = reverse("decisions:round_letters", args=[decision.round_id])
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"idempotency_key": "first-press"})
        client.post(url, {"idempotency_key": "second-press"})
    assert decision.letters.count() == 1
    assert RegistryEntry.objects.filter(title__startswith="Tilskuddsbrev").count() == 1
    assert len(mail.outbox) == 1


def test_a_second_letter_for_an_unchanged_decision_is_the_first(
    cast, django_capture_on_commit_callbacks
):
    decision = issued_decision(cast)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        first = letter_issue(actor=cast.caseworker, decision=decision)
        again = letter_issue(actor=cast.caseworker, decision=decision)
    assert again.pk == first.pk
    assert decision.letters.count() == 1
    assert RegistryEntry.objects.filter(title__startswith="Tilskuddsbrev").count() == 1
    assert events(decision, "decision.letter_sent") == 1
    assert len(mail.outbox) == 1


def test_the_database_refuses_two_letters_for_one_revision(cast):
    decision = issued_decision(cast)
    letter = letter_issue(actor=cast.caseworker, decision=decision)
    with pytest.raises(IntegrityError), transaction.atomic():
        letter.pk, letter.version = None, 2
        letter.save()


def test_a_payment_on_another_day_with_a_new_key_is_a_new_payment(cast, client_for):
    decision = issued_decision(cast)
    client = client_for(cast.caseworker)
    url = reverse("decisions:payment_add", args=[decision.pk])
    for key, day in (("k1", "2026-06-01"), ("k2", "2026-09-01")):
        client.post(url, {"p-paid_on": day, "p-amount": "100000", "idempotency_key": key})
    assert sorted(p.paid_on for p in Payment.objects.filter(decision=decision)) == [
        datetime.date(2026, 6, 1),
        datetime.date(2026, 9, 1),
    ]


def test_a_payment_posted_twice_without_a_key_is_refused_and_pays_nothing(cast, client_for):
    """A script (or a form whose key was stripped) posting the payment form twice: both
    refused, so no payment; with a key, one payment; the same key again, still one."""
    decision = issued_decision(cast)
    client = client_for(cast.caseworker)
    url = reverse("decisions:payment_add", args=[decision.pk])
    data = {"p-paid_on": "2026-06-01", "p-amount": "400000"}
    refused = [client.post(url, data) for _ in range(2)]
    assert [r.status_code for r in refused] == [400, 400]
    with translation.override("nb"):
        assert str(REFUSED_MISSING) in refused[0].content.decode()
    assert not Payment.objects.filter(decision=decision).exists()
    assert events(decision, "decision.payment_registered") == 0
    first, second = post_twice(client, url, data)
    assert_replayed(first, second)
    assert Payment.objects.filter(decision=decision).count() == 1


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("decisions:round_letters", {}),
        (
            "decisions:appeal_add",
            {"a-received_on": timezone.localdate().isoformat(), "a-summary": "Vi klagar"},
        ),
        (
            "decisions:unused_add",
            {"u-unused": "5000", "u-repaid": "5000", "u-carried_over": "0", "u-reason": "Ubrukt"},
        ),
    ],
)
def test_a_letter_or_money_form_without_a_key_changes_nothing(name, data, cast, client_for):
    decision = issued_decision(cast)
    pk = decision.round_id if name == "decisions:round_letters" else decision.pk
    before = Event.objects.count()
    response = client_for(cast.caseworker).post(reverse(name, args=[pk]), data)
    assert response.status_code == 400
    assert Event.objects.count() == before
    assert not (decision.letters.exists() or decision.appeals.exists())
    assert not decision.unused_funds.exists()


def test_a_letter_whose_transaction_is_rolled_back_sends_no_e_mail(
    cast, monkeypatch, django_capture_on_commit_callbacks
):
    decision = issued_decision(cast)
    mail.outbox.clear()

    def broken(**kwargs):
        raise RuntimeError("the history could not be written")

    # Fails after the letter is made and its e-mail prepared: all of it rolls back.
    monkeypatch.setattr(letters, "event_record", broken)
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(RuntimeError):
        letter_issue(actor=cast.caseworker, decision=decision)
    assert mail.outbox == []
    assert decision.letters.count() == 0


def test_a_mail_server_that_is_down_leaves_the_letter_made(
    cast, monkeypatch, django_capture_on_commit_callbacks
):
    decision = issued_decision(cast)

    def down(*args, **kwargs):
        raise ConnectionRefusedError("the mail server is down")

    monkeypatch.setattr(letters, "send_mail", down)
    with django_capture_on_commit_callbacks(execute=True):
        letter = letter_issue(actor=cast.caseworker, decision=decision)
    assert decision.letters.get() == letter

"""Grant letters in the recipient's målform, read back with pdftotext; e-mail;
commitments for later years; late appeals; a changed decision's new letter."""

import datetime
import subprocess
from decimal import Decimal

from django.core import mail
from django.utils import timezone

from kompetansemidler.core.dates import appeal_deadline
from kompetansemidler.decisions.appeals import appeal_decide, appeal_register
from kompetansemidler.decisions.letters import letter_issue, letters_for_round
from kompetansemidler.decisions.models import AppealOutcome, DecisionState
from kompetansemidler.registry.models import Organisation
from kompetansemidler.schemes.models import Commitment, Round
from kompetansemidler.schemes.selectors import with_money
from kompetansemidler.schemes.services import round_create
from tests.needs.objects import vestland_round
from tests.schemes.conftest import deadlines

from .objects import draft_decision, issued_decision, notified_long_ago


def _text(pdf: bytes) -> str:
    out = subprocess.run(
        ["pdftotext", "-layout", "-", "-"], input=pdf, capture_output=True, check=True
    )
    return " ".join(out.stdout.decode().split())


def test_a_bokmaal_letter_names_amount_deadline_and_recipient(cast):
    decision = issued_decision(cast)
    letters_for_round.enqueue(round_id=decision.round_id, actor_id=cast.caseworker.pk)
    letter = decision.letters.get()
    text = _text(bytes(letter.pdf))
    deadline = appeal_deadline(timezone.localdate())
    assert letter.appeal_deadline == deadline
    assert "Bergen kommune" in text
    assert "900 000 kroner" in text
    assert deadline.strftime("%d.%m.%Y") in text
    assert "Tilskuddsbrev" in text and "Ny vurdering" in text and "forvaltningsloven" in text
    assert "Tilskotsbrev" not in text
    assert letter.registry_reference


def test_a_nynorsk_recipient_gets_its_letter_in_nynorsk(cast):
    Organisation.objects.filter(pk=cast.owner.pk).update(language_form="nn")
    decision = issued_decision(cast)
    text = _text(bytes(letter_issue(actor=cast.caseworker, decision=decision).pdf))
    assert "Tilskotsbrev" in text and "Ny vurdering" in text and "forvaltningslova" in text
    assert "Tilskuddsbrev" not in text and "forvaltningsloven" not in text
    assert "Bergen kommune" in text and "900 000 kroner" in text


def test_the_recipient_is_notified_by_e_mail(cast, django_capture_on_commit_callbacks):
    decision = issued_decision(cast)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        letter_issue(actor=cast.caseworker, decision=decision)
    assert [m.to for m in mail.outbox] == [[cast.owner_rep.email]]
    assert "900 000" in mail.outbox[0].body


def test_multi_year_decision_commits_the_next_round_that_exists(cast):
    next_round = vestland_round(cast, "dekom", 2027)
    decision = issued_decision(cast)
    assert decision.amount_for_budget_year(2027) == Decimal(450_000)
    # Derived from the decision's rows: no typed commitment is made.
    assert not Commitment.objects.filter(round=next_round).exists()
    assert Round.objects.get(pk=next_round.pk).committed == Decimal(450_000)
    assert with_money(Round.objects.filter(pk=next_round.pk)).get().committed == Decimal(450_000)


def test_a_draft_commits_nothing_to_the_next_round(cast):
    next_round = vestland_round(cast, "dekom", 2027)
    draft_decision(cast)
    assert Round.objects.get(pk=next_round.pk).committed == Decimal(0)


def test_a_late_appeal_is_flagged_and_still_registered(cast):
    # A private owner has a right to appeal (a municipality asks for reconsideration).
    Organisation.objects.filter(pk=cast.owner.pk).update(kind="private_owner")
    decision = issued_decision(cast)
    letter = letter_issue(actor=cast.caseworker, decision=decision)
    notified_long_ago(decision, days=40)
    letter.refresh_from_db()
    on_time = appeal_register(
        actor=cast.caseworker,
        decision=decision,
        received_on=letter.appeal_deadline,
        summary="Klage",
    )
    late = appeal_register(
        actor=cast.caseworker,
        decision=decision,
        received_on=letter.appeal_deadline + datetime.timedelta(days=1),
        summary="For sein klage",
    )
    assert (on_time.is_late, late.is_late) == (False, True)


def test_a_changed_decision_gets_a_new_letter_and_keeps_the_old(cast):
    decision = issued_decision(cast)
    first = letter_issue(actor=cast.caseworker, decision=decision)
    appeal = appeal_register(
        actor=cast.caseworker,
        decision=decision,
        received_on=timezone.localdate(),
        summary="Vi treng meir",
    )
    appeal_decide(
        actor=cast.caseworker,
        appeal=appeal,
        outcome=AppealOutcome.CHANGED,
        note="Nye opplysningar om deltakarar.",
        amounts=(Decimal(950_000), Decimal(450_000), Decimal(0)),
    )
    # Changing the decision sends its new letter, in the same transaction.
    second = decision.letters.get(version=2)
    decision.refresh_from_db()
    assert decision.state == DecisionState.CHANGED
    assert [letter.version for letter in decision.letters.all()] == [2, 1]
    assert "950 000 kroner" in _text(bytes(second.pdf))
    assert "900 000 kroner" in _text(bytes(first.pdf))


def test_a_round_opened_later_gets_the_commitment_of_an_earlier_decision(cast):
    decision = issued_decision(cast)
    next_round = round_create(
        actor=cast.caseworker,
        office=cast.vestland,
        scheme=decision.round.scheme,
        year=2027,
        frame=Decimal(30_000_000),
        **deadlines(2027),
    )
    assert Round.objects.get(pk=next_round.pk).committed == Decimal(450_000)
    assert next_round.available == Decimal(30_000_000 - 450_000)


def test_appeals_and_their_outcomes_are_journalled_in_the_grant_case(cast):
    from kompetansemidler.archive.models import RegistryEntry
    from kompetansemidler.registry.models import Organisation

    # A private owner has the right to appeal, so its appeal can be sent on to Udir.
    Organisation.objects.filter(pk=cast.owner.pk).update(kind="private_owner")
    decision = issued_decision(cast)
    letter_issue(actor=cast.caseworker, decision=decision)
    for outcome in (AppealOutcome.DISMISSED, AppealOutcome.SENT_ON):
        appeal = appeal_register(
            actor=cast.caseworker,
            decision=decision,
            received_on=timezone.localdate(),
            summary="Vi treng meir",
        )
        appeal_decide(
            actor=cast.caseworker,
            appeal=appeal,
            outcome=outcome,
            note="Grunngiving",
            ground="no_legal_interest",
        )
    entries = RegistryEntry.objects.filter(case_file__object_id=str(decision.pk)).order_by("number")
    recipient = decision.recipient_label
    assert [(e.entry_type, e.title) for e in entries][1:] == [
        ("I", f"Klage fra {recipient} på vedtak om tilskudd"),
        ("U", f"Klage fra {recipient} – avvist"),
        ("U", f"Vedtak om avvisning av klage fra {recipient}"),
        ("I", f"Klage fra {recipient} på vedtak om tilskudd"),
        ("U", f"Klage fra {recipient} – oversendt Udir"),
        ("U", f"Klage fra {recipient} oversendt Udir – orientering til klager"),
    ]
    sent_on = entries.get(title=f"Klage fra {recipient} – oversendt Udir")
    assert sent_on.parties.get().name == "Utdanningsdirektoratet"
    # The letters to the recipient are journalled with their PDF.
    assert entries.last().documents.get().size > 0

"""The appeal chain (forvaltningsloven §§ 28–36): an appeal registered on a date
between the decision and today; the office dismisses it, changes the decision or
sends it on to Udir, never upholds it itself; Udir records its outcome and the
office carries it out. Only the decision's office takes the office's steps and
only Udir records Udir's outcome. Every step writes history, a journal entry and
a letter to the recipient."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from kompetansemidler.archive.models import RegistryEntry
from kompetansemidler.core.workflow import ServiceRefused
from kompetansemidler.decisions.appeals import (
    appeal_carry_out,
    appeal_decide,
    appeal_register,
    appeal_udir_decide,
)
from kompetansemidler.decisions.letters import letter_issue
from kompetansemidler.decisions.models import (
    AppealOutcome,
    DecisionState,
    NoticeKind,
    NoticeLetter,
)
from kompetansemidler.history.models import Event
from kompetansemidler.registry.models import Organisation
from tests.decisions.objects import payment_made as payment_register

from .objects import issued_decision, notified_long_ago

TODAY = timezone.localdate


def _private(cast):
    """Bergen made a private owner: a party with a right to appeal."""
    Organisation.objects.filter(pk=cast.owner.pk).update(kind="private_owner")
    decision = issued_decision(cast)
    letter_issue(actor=cast.caseworker, decision=decision)
    return decision


def _appeal(cast, decision, *, received_on=None, **kwargs):
    return appeal_register(
        actor=cast.caseworker,
        decision=decision,
        received_on=received_on or TODAY(),
        summary="Vi treng meir til rettleiing.",
        **kwargs,
    )


def _kinds(decision) -> list[str]:
    return list(
        Event.objects.filter(object_id=str(decision.pk), kind__startswith="decision.appeal")
        .order_by("id")
        .values_list("kind", flat=True)
    )


def _titles(decision) -> list[str]:
    return list(
        RegistryEntry.objects.filter(case_file__object_id=str(decision.pk))
        .order_by("number")
        .values_list("title", flat=True)
    )


# Registration


def test_an_appeal_received_today_is_registered_and_journalled_as_incoming(cast):
    decision = _private(cast)
    appeal = _appeal(cast, decision)
    assert appeal.outcome == AppealOutcome.PENDING
    entry = RegistryEntry.objects.filter(case_file__object_id=str(decision.pk)).latest("number")
    assert entry.entry_type == "I" and entry.title.startswith("Klage fra Bergen kommune")


def test_an_appeal_cannot_be_received_tomorrow(cast):
    decision = _private(cast)
    with pytest.raises(ServiceRefused) as refused:
        _appeal(cast, decision, received_on=TODAY() + datetime.timedelta(days=1))
    assert refused.value.code == "future"
    assert not decision.appeals.exists()


def test_an_appeal_cannot_be_received_before_the_decision(cast):
    decision = _private(cast)
    notified_long_ago(decision, days=10)
    issued = timezone.localdate(decision.issued_at)
    assert _appeal(cast, decision, received_on=issued).received_on == issued
    with pytest.raises(ServiceRefused) as refused:
        _appeal(cast, decision, received_on=issued - datetime.timedelta(days=1))
    assert refused.value.code == "before_decision"
    assert issued.strftime("%d.%m.%Y") in refused.value.message


def test_another_office_cannot_register_an_appeal(cast):
    decision = _private(cast)
    with pytest.raises(ServiceRefused) as refused:
        appeal_register(
            actor=cast.other_caseworker, decision=decision, received_on=TODAY(), summary="Klage"
        )
    assert refused.value.code == "not_office"


# The office's outcomes


def test_a_late_appeal_is_dismissed_with_a_letter_that_can_itself_be_appealed(cast):
    decision = _private(cast)
    notified_long_ago(decision, days=40)
    appeal = _appeal(cast, decision)
    assert appeal.is_late
    appeal = appeal_decide(
        actor=cast.caseworker, appeal=appeal, outcome="dismissed", note="For sein.", ground="late"
    )
    assert appeal.outcome == AppealOutcome.DISMISSED
    notice = NoticeLetter.objects.get(appeal=appeal)
    assert notice.kind == NoticeKind.DISMISSAL
    assert notice.appeal_deadline > TODAY()
    assert notice.registry_entry.documents.get().size > 0
    assert _kinds(decision)[-1] == "decision.appeal_dismissed"
    assert "Vedtak om avvisning av klage fra Bergen kommune" in _titles(decision)
    # The dismissal is appealed in its turn, within the dismissal letter's deadline.
    second = _appeal(cast, decision, dismissal_of=appeal)
    assert second.dismissal_of == appeal and not second.is_late


def test_a_timely_appeal_cannot_be_dismissed_as_too_late(cast):
    decision = _private(cast)
    appeal = _appeal(cast, decision)
    with pytest.raises(ServiceRefused) as refused:
        appeal_decide(
            actor=cast.caseworker, appeal=appeal, outcome="dismissed", note="x", ground="late"
        )
    assert refused.value.code == "not_late"
    appeal.refresh_from_db()
    assert appeal.outcome == AppealOutcome.PENDING and not appeal.notices.exists()


def test_a_timely_appeal_without_legal_interest_is_dismissed(cast):
    decision = _private(cast)
    appeal = appeal_decide(
        actor=cast.caseworker,
        appeal=_appeal(cast, decision),
        outcome="dismissed",
        note="Klagaren er ikkje part.",
        ground="no_legal_interest",
    )
    assert appeal.dismissal_ground == "no_legal_interest"


def test_a_dismissal_needs_its_ground(cast):
    decision = _private(cast)
    with pytest.raises(ServiceRefused) as refused:
        appeal_decide(
            actor=cast.caseworker, appeal=_appeal(cast, decision), outcome="dismissed", note="x"
        )
    assert refused.value.code == "no_ground"


def test_only_a_dismissed_appeal_can_be_appealed_as_a_dismissal(cast):
    decision = _private(cast)
    pending = _appeal(cast, decision)
    with pytest.raises(ServiceRefused) as refused:
        _appeal(cast, decision, dismissal_of=pending)
    assert refused.value.code == "not_a_dismissal"


def test_the_office_does_not_uphold_an_appeal_itself(cast):
    decision = _private(cast)
    appeal = _appeal(cast, decision)
    with pytest.raises(ServiceRefused) as refused:
        appeal_decide(actor=cast.caseworker, appeal=appeal, outcome="upheld", note="Står ved lag")
    assert refused.value.code == "uphold_appeal"
    assert "send klagen videre til Udir" in refused.value.message


def test_a_request_for_reconsideration_is_upheld_at_the_office_with_a_letter(cast):
    decision = issued_decision(cast)  # Bergen kommune: no right to appeal
    request = _appeal(cast, decision)
    request = appeal_decide(
        actor=cast.caseworker, appeal=request, outcome="upheld", note="Ingen nye opplysningar."
    )
    assert request.outcome == AppealOutcome.UPHELD
    assert request.notices.get().kind == NoticeKind.RECONSIDERATION


def test_a_request_for_reconsideration_is_not_dismissed(cast):
    decision = issued_decision(cast)
    with pytest.raises(ServiceRefused) as refused:
        appeal_decide(
            actor=cast.caseworker,
            appeal=_appeal(cast, decision),
            outcome="dismissed",
            note="x",
            ground="no_legal_interest",
        )
    assert refused.value.code == "reconsideration"


def test_sending_on_to_udir_needs_the_offices_assessment(cast):
    decision = _private(cast)
    with pytest.raises(ServiceRefused) as refused:
        appeal_decide(
            actor=cast.caseworker, appeal=_appeal(cast, decision), outcome="sent_on", note=" "
        )
    assert refused.value.code == "no_reasons"


def test_another_office_takes_none_of_the_offices_steps(cast):
    decision = _private(cast)
    appeal = _appeal(cast, decision)
    for outcome in ("dismissed", "changed", "sent_on"):
        with pytest.raises(ServiceRefused) as refused:
            appeal_decide(
                actor=cast.other_caseworker,
                appeal=appeal,
                outcome=outcome,
                note="x",
                ground="no_legal_interest",
                amounts=(Decimal(950_000), Decimal(450_000), Decimal(0)),
            )
        assert refused.value.code == "not_office"
    appeal.refresh_from_db()
    assert appeal.outcome == AppealOutcome.PENDING


def test_a_decided_appeal_cannot_be_decided_again(cast):
    decision = _private(cast)
    appeal = appeal_decide(
        actor=cast.caseworker, appeal=_appeal(cast, decision), outcome="sent_on", note="Vurdering"
    )
    with pytest.raises(ServiceRefused) as refused:
        appeal_decide(
            actor=cast.caseworker,
            appeal=appeal,
            outcome="dismissed",
            note="x",
            ground="no_legal_interest",
        )
    assert refused.value.code == "state_refused"


# Udir


def _sent_on(cast, decision=None):
    decision = decision or _private(cast)
    appeal = appeal_decide(
        actor=cast.caseworker,
        appeal=_appeal(cast, decision),
        outcome="sent_on",
        note="Vedtaket følgjer innstillinga.",
    )
    return decision, appeal


def test_sent_on_the_recipient_gets_the_offices_assessment(cast):
    decision, appeal = _sent_on(cast)
    assert appeal.outcome == AppealOutcome.SENT_ON and appeal.sent_on_at is not None
    assert appeal.notices.get().kind == NoticeKind.SENT_ON
    assert _kinds(decision)[-1] == "decision.appeal_sent_on"


def test_only_udir_records_udirs_outcome(cast):
    _decision, appeal = _sent_on(cast)
    for actor in (cast.caseworker, cast.other_caseworker, cast.owner_rep):
        with pytest.raises(ServiceRefused) as refused:
            appeal_udir_decide(actor=actor, appeal=appeal, outcome="upheld", note="x")
        assert refused.value.code == "not_udir"


def test_udir_decides_only_an_appeal_sent_on_to_it(cast):
    decision = _private(cast)
    with pytest.raises(ServiceRefused) as refused:
        appeal_udir_decide(
            actor=cast.udir, appeal=_appeal(cast, decision), outcome="upheld", note="x"
        )
    assert refused.value.code == "state_refused"


def test_udir_upholds_and_the_office_informs_the_recipient(cast):
    decision, appeal = _sent_on(cast)
    appeal = appeal_udir_decide(actor=cast.udir, appeal=appeal, outcome="upheld", note="Rett.")
    assert appeal.outcome == AppealOutcome.UDIR_DECIDED
    assert "Udirs avgjørelse i klagesak fra Bergen kommune" in _titles(decision)
    # The office carries it out; Udir does not.
    with pytest.raises(ServiceRefused):
        appeal_carry_out(actor=cast.other_caseworker, appeal=appeal)
    appeal = appeal_carry_out(actor=cast.caseworker, appeal=appeal)
    assert appeal.outcome == AppealOutcome.UPHELD
    assert appeal.notices.filter(kind=NoticeKind.UDIR_OUTCOME).count() == 1
    decision.refresh_from_db()
    assert decision.state == DecisionState.ISSUED and decision.letters.count() == 1


@pytest.mark.parametrize("outcome", ["changed", "reversed"])
def test_udirs_change_is_carried_out_with_a_new_grant_letter(cast, outcome):
    decision, appeal = _sent_on(cast)
    amounts = (Decimal(1_000_000), Decimal(450_000), Decimal(0))
    appeal_udir_decide(
        actor=cast.udir, appeal=appeal, outcome=outcome, note="Meir.", amounts=amounts
    )
    decision.refresh_from_db()
    assert decision.amounts[0] == Decimal(900_000)  # not until the office carries it out
    appeal = appeal_carry_out(actor=cast.caseworker, appeal=appeal)
    decision.refresh_from_db()
    assert appeal.outcome == AppealOutcome.CHANGED
    assert decision.amounts == amounts and decision.state == DecisionState.CHANGED
    assert [letter.version for letter in decision.letters.all()] == [2, 1]
    assert appeal.notices.filter(kind=NoticeKind.UDIR_OUTCOME).count() == 1


def test_udirs_change_needs_the_amounts(cast):
    _decision, appeal = _sent_on(cast)
    with pytest.raises(ServiceRefused) as refused:
        appeal_udir_decide(actor=cast.udir, appeal=appeal, outcome="changed", note="Meir.")
    assert refused.value.code == "amounts"


def test_udirs_change_to_the_same_amounts_is_refused(cast):
    decision, appeal = _sent_on(cast)
    with pytest.raises(ServiceRefused) as refused:
        appeal_udir_decide(
            actor=cast.udir, appeal=appeal, outcome="changed", note="x", amounts=decision.amounts
        )
    assert refused.value.code == "unchanged"


def test_sent_back_the_appeal_is_the_offices_to_handle_again(cast):
    decision, appeal = _sent_on(cast)
    appeal_udir_decide(actor=cast.udir, appeal=appeal, outcome="sent_back", note="Sjå på nytt.")
    appeal = appeal_carry_out(actor=cast.caseworker, appeal=appeal)
    assert appeal.outcome == AppealOutcome.PENDING and appeal.udir_outcome == "sent_back"
    # Handled anew: this time the office changes the decision itself.
    appeal = appeal_decide(
        actor=cast.caseworker,
        appeal=appeal,
        outcome="changed",
        note="Nye opplysningar.",
        amounts=(Decimal(950_000), Decimal(450_000), Decimal(0)),
    )
    assert appeal.outcome == AppealOutcome.CHANGED
    assert _kinds(decision)[-3:] == [
        "decision.appeal_udir_decided",
        "decision.appeal_carried_out",
        "decision.appeal_changed",
    ]


def test_udirs_cut_below_what_is_paid_is_refused_until_money_can_be_claimed_back(cast):
    decision, appeal = _sent_on(cast)
    payment_register(
        actor=cast.caseworker,
        decision=decision,
        paid_on=datetime.date(2026, 6, 1),
        amount=Decimal(600_000),
    )
    appeal_udir_decide(
        actor=cast.udir,
        appeal=appeal,
        outcome="changed",
        note="Mindre.",
        amounts=(Decimal(599_999), Decimal(0), Decimal(0)),
    )
    with pytest.raises(ServiceRefused) as refused:
        appeal_carry_out(actor=cast.caseworker, appeal=appeal)
    assert refused.value.code == "below_paid"
    appeal.refresh_from_db()
    assert appeal.outcome == AppealOutcome.UDIR_DECIDED

"""The demo has a decided round with letters in Bokmål and Nynorsk, payments
(prepared by Siri, approved by Anna; one still waiting), a request for
reconsideration, an appeal sent on to Udir and an overdue repayment claim."""

from django.utils import timezone

from kompetansemidler.decisions.models import (
    Appeal,
    AppealOutcome,
    Decision,
    Letter,
    Payment,
    PaymentState,
    RepaymentClaim,
)
from kompetansemidler.demo.build import build_demo


def test_the_demo_has_a_decided_round_with_letters_payments_and_an_appeal(cast):
    build_demo()
    assert Decision.objects.filter(state="issued").exists()
    assert Letter.objects.filter(language="nb").exists()
    nynorsk = Letter.objects.get(language="nn")
    assert nynorsk.decision.issued_by != nynorsk.decision.prepared_by  # approved
    assert Payment.objects.exists()
    assert Appeal.objects.count() == 2
    sent_on = Appeal.objects.get(outcome=AppealOutcome.SENT_ON)
    assert sent_on.decision == nynorsk.decision and sent_on.notices.get().language == "nn"
    # The Rekom facilitation set-aside is distributed to two owners, one decision issued.
    on_set_aside = Decision.objects.filter(set_aside__isnull=False)
    assert sorted(on_set_aside.values_list("state", "participants")) == [
        ("draft", 6),
        ("issued", 24),
    ]
    counts = (Decision.objects.count(), Letter.objects.count(), Payment.objects.count())
    build_demo()
    assert (Decision.objects.count(), Letter.objects.count(), Payment.objects.count()) == counts


def test_the_demo_shows_payments_prepared_and_approved_by_two_people_and_a_claim(cast):
    build_demo()
    payments = list(Payment.objects.select_related("prepared_by", "approved_by"))
    approved = [p for p in payments if p.state == PaymentState.APPROVED]
    waiting = [p for p in payments if p.state == PaymentState.PREPARED]
    assert approved and waiting
    assert {(p.prepared_by.username, p.approved_by.username) for p in approved} == {
        ("siri", "anna")
    }
    assert RepaymentClaim.objects.filter(
        received_on__isnull=True, due_on__lt=timezone.localdate()
    ).exists()


def test_the_demo_has_a_three_year_dekom_decision_with_co_financing_per_year(cast):
    from decimal import Decimal

    from kompetansemidler.schemes.models import Round

    build_demo()
    decision = Decision.objects.get(round__scheme__code="dekom", round__year=2025)
    assert decision.is_issued
    assert decision.amounts == (Decimal(1_200_000), Decimal(1_000_000), Decimal(800_000))
    assert decision.co_financings == (Decimal(360_000), Decimal(300_000), Decimal(240_000))
    # Its later years are committed to the Dekom rounds of 2026 and 2027.
    for year, amount in ((2026, 1_000_000), (2027, 800_000)):
        round_ = Round.objects.get(office=decision.round.office, scheme__code="dekom", year=year)
        assert round_.committed >= Decimal(amount)

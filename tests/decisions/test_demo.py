"""The demo has a decided round with letters, payments (prepared by Siri, approved
by Anna; one still waiting), an appeal and an overdue repayment claim."""

from django.utils import timezone

from kompetansemidler.decisions.models import (
    Appeal,
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
    assert Payment.objects.exists()
    assert Appeal.objects.count() == 1
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

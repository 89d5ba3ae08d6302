"""The demo has a decided round with letters in Bokmål and Nynorsk, payments,
a request for reconsideration and an appeal sent on to Udir."""

from kompetansemidler.decisions.models import Appeal, AppealOutcome, Decision, Letter, Payment
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

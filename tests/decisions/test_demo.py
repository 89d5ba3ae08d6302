"""The demo has a decided round with letters, payments and an appeal."""

from kompetansemidler.decisions.models import Appeal, Decision, Letter, Payment
from kompetansemidler.demo.build import build_demo


def test_the_demo_has_a_decided_round_with_letters_payments_and_an_appeal(cast):
    build_demo()
    assert Decision.objects.filter(state="issued").exists()
    assert Letter.objects.filter(language="nb").exists()
    assert Payment.objects.exists()
    assert Appeal.objects.count() == 1
    # The Rekom facilitation set-aside is distributed to two owners, one decision issued.
    on_set_aside = Decision.objects.filter(set_aside__isnull=False)
    assert sorted(on_set_aside.values_list("state", "participants")) == [
        ("draft", 6),
        ("issued", 24),
    ]
    counts = (Decision.objects.count(), Letter.objects.count(), Payment.objects.count())
    build_demo()
    assert (Decision.objects.count(), Letter.objects.count(), Payment.objects.count()) == counts

"""The demo has a decided round with letters, payments and an appeal."""

from kompetansemidler.decisions.models import Appeal, Decision, Letter, Payment
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

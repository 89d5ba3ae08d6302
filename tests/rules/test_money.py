"""Money rules, with property-based tests on every numeric bound."""

from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from kompetansemidler.rules.money import (
    available,
    check_co_financing,
    check_earmark_cap,
    check_frame,
    earmark_cap,
    required_co_financing,
)

kroner = st.integers(min_value=0, max_value=10**11).map(Decimal)
positive_kroner = st.integers(min_value=1, max_value=10**11).map(Decimal)
# Shares as the rule sets store them: whole per cent or finer, 0–100 %.
shares = st.integers(min_value=0, max_value=10000).map(lambda n: Decimal(n) / 10000)


# Frame: total ≤ frame − committed.


@given(frame=kroner, committed=kroner)
def test_spending_exactly_what_is_available_passes(frame, committed):
    room = available(frame=frame, committed=committed)
    assert room == frame - committed
    if room >= 0:
        assert check_frame(total=room, frame=frame, committed=committed) == []
    else:
        # More is committed than the frame: even nothing new is over by the shortfall.
        [finding] = check_frame(total=Decimal(0), frame=frame, committed=committed)
        assert finding.code == "FRAME_EXCEEDED"
        assert finding.params["excess"] == committed - frame


def test_available_is_the_frame_less_commitments_in_kroner():
    assert available(frame=Decimal(45_000_000), committed=Decimal(1_150_000)) == 43_850_000
    assert available(frame=Decimal(100), committed=Decimal(250)) == -150


@given(frame=kroner, committed=kroner)
def test_one_krone_over_the_available_fails(frame, committed):
    room = available(frame=frame, committed=committed)
    findings = check_frame(total=room + 1, frame=frame, committed=committed)
    assert [f.code for f in findings] == ["FRAME_EXCEEDED"]
    assert findings[0].params["excess"] == 1


def test_frame_message_names_the_numbers():
    [finding] = check_frame(total=Decimal(900), frame=Decimal(1000), committed=Decimal(200))
    assert finding.text() == (
        "The total of 900 kroner is 100 kroner more than the 800 kroner available "
        "(the allocation of 1000 kroner less 0 kroner set aside and 200 kroner already "
        "committed)."
    )


# Rekom earmark cap: earmarked ≤ share × funds.


@given(funds=kroner, share=shares)
def test_earmarking_exactly_the_cap_passes(funds, share):
    cap = earmark_cap(funds=funds, cap_share=share)
    # The cap is the largest whole krone not above share × funds: in integer
    # arithmetic on ten-thousandths, cap × 10 000 ≤ funds × n < (cap + 1) × 10 000.
    n = int(share * 10000)
    assert cap * 10000 <= funds * n < (cap + 1) * 10000
    assert check_earmark_cap(earmarked=cap, funds=funds, cap_share=share) == []


def test_the_cap_is_rounded_down_to_the_krone():
    # 30 % of 1 000 003 kroner is 300 000.90 kroner.
    assert earmark_cap(funds=Decimal(1_000_003), cap_share=Decimal("0.30")) == 300_000
    assert check_earmark_cap(
        earmarked=Decimal(300_001), funds=Decimal(1_000_003), cap_share=Decimal("0.30")
    )


@given(funds=kroner, share=shares)
def test_one_krone_over_the_cap_fails(funds, share):
    cap = earmark_cap(funds=funds, cap_share=share)
    findings = check_earmark_cap(earmarked=cap + 1, funds=funds, cap_share=share)
    assert [f.code for f in findings] == ["EARMARK_CAP_EXCEEDED"]
    assert findings[0].params["cap"] == cap


@given(funds=kroner, earmarked=kroner)
def test_no_cap_means_no_earmark_finding(funds, earmarked):
    assert check_earmark_cap(earmarked=earmarked, funds=funds, cap_share=None) == []


def test_thirty_per_cent_of_a_rekom_round():
    funds = Decimal(26_800_000)
    assert (
        check_earmark_cap(earmarked=Decimal(8_040_000), funds=funds, cap_share=Decimal("0.30"))
        == []
    )
    [finding] = check_earmark_cap(
        earmarked=Decimal(8_040_001), funds=funds, cap_share=Decimal("0.30")
    )
    assert finding.text() == (
        "8040001 kroner go to earmarked categories; at most 30 per cent of the allocation of "
        "26800000 kroner, "
        "that is 8040000 kroner, may."
    )


# Dekom co-financing: own financing ≥ share × grant (of the grant, not the total cost).


@given(grant=kroner, share=shares)
def test_co_financing_of_exactly_the_required_amount_passes(grant, share):
    required = required_co_financing(grant=grant, share=share)
    # The smallest whole krone not below share × grant, in ten-thousandths.
    n = int(share * 10000)
    assert (required - 1) * 10000 < grant * n <= required * 10000
    assert check_co_financing(co_financing=required, grant=grant, share=share) == []


def test_required_co_financing_is_rounded_up_to_the_krone():
    # 30 % of 100 001 kroner is 30 000.30 kroner: 30 001 is needed.
    assert required_co_financing(grant=Decimal(100_001), share=Decimal("0.30")) == 30_001


@given(grant=positive_kroner, share=shares.filter(lambda s: s > 0))
def test_one_krone_less_than_required_fails(grant, share):
    required = required_co_financing(grant=grant, share=share)
    findings = check_co_financing(co_financing=required - 1, grant=grant, share=share)
    assert [f.code for f in findings] == ["CO_FINANCING_TOO_LOW"]
    assert findings[0].params["required"] == required


def test_co_financing_is_a_share_of_the_grant_not_of_the_total_cost():
    # A grant of 1 000 000 needs 300 000 of own money, not 30 % of 1 300 000.
    grant = Decimal(1_000_000)
    assert (
        check_co_financing(co_financing=Decimal(300_000), grant=grant, share=Decimal("0.30")) == []
    )
    assert check_co_financing(co_financing=Decimal(299_999), grant=grant, share=Decimal("0.30"))

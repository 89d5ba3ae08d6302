"""The money flow of a round and its rules, at every boundary (DOMAIN.md §3–4).

Worked examples are computed by hand in kroner; the property tests check that
exactly at a limit passes and one krone past it fails.
"""

from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from kompetansemidler.rules.allocation import (
    CommitmentFact,
    MoneyFlow,
    SetAsideFact,
    YearAmount,
    check_co_financing_per_year,
    check_earmark_cap_of_allocation,
    check_not_overbound,
    check_payment,
    earmarked_total,
)
from kompetansemidler.rules.recommendation import Line, RecommendationFacts, RoundMoney
from kompetansemidler.rules.recommendation import recommendation_findings as rec_findings

D = Decimal
CAP = D("0.30")
SHARE = D("0.30")
EARMARKED = ("grunnkompetanse", "fagbrev", "facilitation")
kroner = st.integers(min_value=0, max_value=2_000_000_000).map(Decimal)
positive = st.integers(min_value=1, max_value=2_000_000_000).map(Decimal)


def codes(findings):
    return [f.code for f in findings]


def facilitation(amount) -> SetAsideFact:
    return SetAsideFact(amount=D(amount), category="facilitation")


# --- available to the forum ---------------------------------------------------------------


def test_available_is_allocation_less_set_asides_less_commitments():
    # DOMAIN.md §3: 40 000 000 − 12 000 000 − 9 500 000 = 18 500 000.
    flow = MoneyFlow(
        allocation=D(40_000_000),
        set_asides=(facilitation(12_000_000),),
        commitments=(
            CommitmentFact(D(6_000_000), "general"),
            CommitmentFact(D(3_500_000), "general"),
        ),
    )
    assert flow.set_aside == D(12_000_000)
    assert flow.committed == D(9_500_000)
    assert flow.available == D(18_500_000)


def test_a_commitment_paid_from_the_set_aside_is_not_taken_twice():
    flow = MoneyFlow(
        allocation=D(40_000_000),
        set_asides=(facilitation(12_000_000),),
        commitments=(CommitmentFact(D(2_000_000), "facilitation", from_set_aside=True),),
    )
    assert flow.available == D(28_000_000)


@given(allocation=kroner, set_aside=kroner, committed=kroner, decided=kroner)
def test_overbound_exactly_when_bound_exceeds_the_allocation(
    allocation, set_aside, committed, decided
):
    flow = MoneyFlow(
        allocation=allocation,
        set_asides=(SetAsideFact(set_aside, "general"),),
        commitments=(CommitmentFact(committed, "general"),),
    )
    findings = check_not_overbound(flow, decided=decided)
    assert (codes(findings) == ["ALLOCATION_OVERBOUND"]) == (
        set_aside + committed + decided > allocation
    )


def test_overbound_names_the_shortfall():
    # Allocation cut from 40 000 000 to 30 000 000 with 12 000 000 set aside and
    # 20 000 000 committed: 2 000 000 short.
    flow = MoneyFlow(
        allocation=D(30_000_000),
        set_asides=(facilitation(12_000_000),),
        commitments=(CommitmentFact(D(20_000_000), "general"),),
    )
    [finding] = check_not_overbound(flow)
    assert finding.params["shortfall"] == D(2_000_000)
    assert "30000000" in finding.text() and "2000000" in finding.text()


# --- Rekom earmark cap of the allocation ------------------------------------------------------


def test_worked_example_set_aside_of_exactly_thirty_per_cent_passes():
    flow = MoneyFlow(allocation=D(40_000_000), set_asides=(facilitation(12_000_000),))
    assert check_earmark_cap_of_allocation(flow, earmarked_codes=EARMARKED, cap_share=CAP) == []


def test_worked_example_one_krone_over_fails_naming_the_allocation_and_the_cap():
    flow = MoneyFlow(allocation=D(40_000_000), set_asides=(facilitation(12_000_001),))
    [finding] = check_earmark_cap_of_allocation(flow, earmarked_codes=EARMARKED, cap_share=CAP)
    assert finding.code == "EARMARK_CAP_EXCEEDED"
    assert finding.params["funds"] == D(40_000_000)
    assert finding.params["cap"] == D(12_000_000)
    assert finding.params["earmarked"] == D(12_000_001)
    assert "allocation of 40000000" in finding.text()


def test_worked_example_with_an_earmarked_commitment():
    # 2 000 000 earmarked from an earlier decision + 10 000 000 set aside = 12 000 000.
    commitment = CommitmentFact(D(2_000_000), "fagbrev")
    at_cap = MoneyFlow(
        allocation=D(40_000_000), set_asides=(facilitation(10_000_000),), commitments=(commitment,)
    )
    over = MoneyFlow(
        allocation=D(40_000_000), set_asides=(facilitation(10_000_001),), commitments=(commitment,)
    )
    assert check_earmark_cap_of_allocation(at_cap, earmarked_codes=EARMARKED, cap_share=CAP) == []
    assert codes(
        check_earmark_cap_of_allocation(over, earmarked_codes=EARMARKED, cap_share=CAP)
    ) == ["EARMARK_CAP_EXCEEDED"]


def test_the_cap_is_of_the_allocation_not_of_what_is_left():
    # 20 000 000 committed to general measures leaves 20 000 000; the cap stays
    # 30 % of 40 000 000, not 30 % of 20 000 000.
    flow = MoneyFlow(
        allocation=D(40_000_000),
        set_asides=(facilitation(12_000_000),),
        commitments=(CommitmentFact(D(20_000_000), "general"),),
    )
    assert check_earmark_cap_of_allocation(flow, earmarked_codes=EARMARKED, cap_share=CAP) == []


def test_a_commitment_paid_from_the_set_aside_counts_once():
    # The 2 000 000 is paid from the 12 000 000 set aside: 12 000 000 earmarked, not 14.
    flow = MoneyFlow(
        allocation=D(40_000_000),
        set_asides=(facilitation(12_000_000),),
        commitments=(CommitmentFact(D(2_000_000), "facilitation", from_set_aside=True),),
    )
    assert earmarked_total(flow, EARMARKED) == D(12_000_000)
    assert check_earmark_cap_of_allocation(flow, earmarked_codes=EARMARKED, cap_share=CAP) == []


def test_general_set_asides_do_not_count_against_the_cap():
    flow = MoneyFlow(
        allocation=D(40_000_000),
        set_asides=(SetAsideFact(D(20_000_000), "general"), facilitation(12_000_000)),
    )
    assert check_earmark_cap_of_allocation(flow, earmarked_codes=EARMARKED, cap_share=CAP) == []


@given(
    allocation=positive,
    set_aside_share=st.integers(min_value=0, max_value=100),
    commitment_share=st.integers(min_value=0, max_value=100),
)
def test_exactly_at_the_cap_passes_and_one_krone_over_fails(
    allocation, set_aside_share, commitment_share
):
    cap = (allocation * CAP).to_integral_value(rounding="ROUND_FLOOR")
    # Split the cap between a set-aside, an earmarked commitment and the lines.
    set_aside = cap * set_aside_share // 100
    committed = (cap - set_aside) * commitment_share // 100
    lines = cap - set_aside - committed
    commitments = (CommitmentFact(committed, "fagbrev"),)

    def findings(extra):
        flow = MoneyFlow(
            allocation=allocation,
            set_asides=(facilitation(set_aside + extra),),
            commitments=commitments,
        )
        return check_earmark_cap_of_allocation(
            flow, earmarked_codes=EARMARKED, cap_share=CAP, earmarked_lines=lines
        )

    assert findings(D(0)) == []
    assert codes(findings(D(1))) == ["EARMARK_CAP_EXCEEDED"]


def test_no_cap_no_finding():
    flow = MoneyFlow(allocation=D(100), set_asides=(facilitation(100),))
    assert check_earmark_cap_of_allocation(flow, earmarked_codes=EARMARKED, cap_share=None) == []


# --- the recommendation sees set-asides -------------------------------------------------------


def _params():
    from kompetansemidler.rules.parameters import RuleSetParameters

    params, problems = RuleSetParameters.from_dict(
        {
            "earmark_cap_share": "0.30",
            "co_financing_share": None,
            "earmarked_categories": [{"code": c, "label": c} for c in EARMARKED],
            "eligible_recipient_kinds": ["municipality", "network"],
            "eligible_partner_kinds": ["uh"],
            "target_groups": ["teachers"],
            "max_duration_years": 3,
        }
    )
    assert problems == []
    return params


def _line(amount, category="general"):
    return Line(
        line_id=1,
        recipient_kind="owner",
        recipient_id=1,
        amount=D(amount),
        owner_kind="public",
        category=category,
        is_coordinator=True,
        coordinator_decision="Forum 2025-11-01",
    )


def test_recommendation_counts_earmarked_set_asides_against_the_cap():
    money = RoundMoney(
        frame=D(40_000_000), set_aside=D(11_000_000), set_aside_earmarked=D(11_000_000)
    )
    ok = RecommendationFacts(scheme="rekom", lines=(_line(1_000_000, "fagbrev"),))
    over = RecommendationFacts(scheme="rekom", lines=(_line(1_000_001, "fagbrev"),))
    assert "EARMARK_CAP_EXCEEDED" not in codes(rec_findings(ok, money, _params()))
    assert "EARMARK_CAP_EXCEEDED" in codes(rec_findings(over, money, _params()))


def test_recommendation_frame_is_the_allocation_less_set_asides_and_commitments():
    money = RoundMoney(frame=D(40_000_000), set_aside=D(12_000_000), committed=D(9_500_000))
    at = RecommendationFacts(scheme="rekom", lines=(_line(18_500_000),))
    over = RecommendationFacts(scheme="rekom", lines=(_line(18_500_001),))
    assert "FRAME_EXCEEDED" not in codes(rec_findings(at, money, _params()))
    [finding] = [f for f in rec_findings(over, money, _params()) if f.code == "FRAME_EXCEEDED"]
    assert finding.params["set_aside"] == D(12_000_000)
    assert finding.params["available"] == D(18_500_000)


def test_recommendation_over_a_cut_allocation_is_blocked_with_the_reason():
    money = RoundMoney(frame=D(30_000_000), set_aside=D(12_000_000), committed=D(20_000_000))
    rec = RecommendationFacts(scheme="rekom", lines=(_line(0),))
    findings = rec_findings(rec, money, _params())
    assert "ALLOCATION_OVERBOUND" in codes(findings)
    assert "FRAME_EXCEEDED" not in codes(findings)


# --- Dekom co-financing per budget year -------------------------------------------------------


def test_co_financing_of_exactly_thirty_per_cent_each_year_passes():
    grants = [YearAmount(2026, D(1_000_000)), YearAmount(2027, D(500_000))]
    own = [YearAmount(2026, D(300_000)), YearAmount(2027, D(150_000))]
    assert check_co_financing_per_year(grants=grants, co_financing=own, share=SHARE) == []


def test_a_short_year_fails_even_when_the_total_is_enough():
    # 450 000 in all is 30 % of 1 500 000, but 2027 has 149 999 of the 150 000 it needs.
    grants = [YearAmount(2026, D(1_000_000)), YearAmount(2027, D(500_000))]
    own = [YearAmount(2026, D(300_001)), YearAmount(2027, D(149_999))]
    [finding] = check_co_financing_per_year(grants=grants, co_financing=own, share=SHARE)
    assert finding.code == "CO_FINANCING_TOO_LOW_IN_YEAR"
    assert finding.params["year"] == 2027
    assert finding.params["required"] == D(150_000)
    assert finding.target == "co_financing.2027"


@given(
    grants=st.lists(st.integers(min_value=1, max_value=100_000_000), min_size=1, max_size=3),
    short_year=st.integers(min_value=0, max_value=2),
)
def test_exactly_the_share_each_year_passes_one_krone_under_fails(grants, short_year):
    years = [2026 + i for i in range(len(grants))]
    required = [D(g * 3 + 9) // 10 for g in grants]  # 30 %, rounded up to whole kroner
    grant_rows = [YearAmount(y, D(g)) for y, g in zip(years, grants, strict=True)]
    exact = [YearAmount(y, r) for y, r in zip(years, required, strict=True)]
    assert check_co_financing_per_year(grants=grant_rows, co_financing=exact, share=SHARE) == []
    short = short_year % len(grants)
    under = [
        YearAmount(y, r - 1 if i == short else r)
        for i, (y, r) in enumerate(zip(years, required, strict=True))
    ]
    findings = check_co_financing_per_year(grants=grant_rows, co_financing=under, share=SHARE)
    assert [f.params["year"] for f in findings] == [years[short]]


def test_no_co_financing_share_no_finding():
    grants = [YearAmount(2026, D(1_000_000))]
    assert check_co_financing_per_year(grants=grants, co_financing=[], share=None) == []


# --- payments per budget year -----------------------------------------------------------------


@given(decided=positive, paid_share=st.integers(min_value=0, max_value=99))
def test_paying_exactly_the_rest_passes_one_krone_more_fails(decided, paid_share):
    paid = decided * paid_share // 100
    rest = decided - paid
    ok = check_payment(
        amount=rest, budget_year=2026, paying_year=2026, decided=decided, paid_before=paid
    )
    over = check_payment(
        amount=rest + 1, budget_year=2026, paying_year=2026, decided=decided, paid_before=paid
    )
    assert ok == []
    assert codes(over) == ["PAYMENT_EXCEEDS_YEAR"]
    assert over[0].params["excess"] == 1


def test_a_later_years_money_is_not_paid_early():
    findings = check_payment(
        amount=D(100_000),
        budget_year=2027,
        paying_year=2026,
        decided=D(500_000),
        paid_before=D(0),
    )
    assert codes(findings) == ["PAYMENT_TOO_EARLY"]
    assert (
        check_payment(
            amount=D(100_000),
            budget_year=2027,
            paying_year=2027,
            decided=D(500_000),
            paid_before=D(0),
        )
        == []
    )


def test_a_payment_of_nothing_is_refused():
    findings = check_payment(
        amount=D(0), budget_year=2026, paying_year=2026, decided=D(10), paid_before=D(0)
    )
    assert codes(findings) == ["PAYMENT_NOT_POSITIVE"]


@given(budget_year=st.integers(2000, 2100), later=st.integers(1, 5), reason=st.text(max_size=5))
def test_an_earlier_years_money_paid_late_needs_a_reason(budget_year, later, reason):
    paying_year = budget_year + later
    findings = check_payment(
        amount=D(1),
        budget_year=budget_year,
        paying_year=paying_year,
        decided=D(1),
        paid_before=D(0),
        late_reason=reason,
    )
    if reason.strip():
        assert findings == []
    else:
        assert codes(findings) == ["PAYMENT_LATE_WITHOUT_REASON"]
        assert findings[0].params == {"year": budget_year, "paying_year": paying_year}


@given(budget_year=st.integers(2000, 2100), earlier=st.integers(1, 5))
def test_paying_in_any_year_before_the_budget_year_is_refused(budget_year, earlier):
    findings = check_payment(
        amount=D(1),
        budget_year=budget_year,
        paying_year=budget_year - earlier,
        decided=D(1),
        paid_before=D(0),
        late_reason="Forseinka rapport",
    )
    assert codes(findings) == ["PAYMENT_TOO_EARLY"]


def test_a_payment_in_its_own_budget_year_needs_no_reason():
    assert (
        check_payment(
            amount=D(450_000),
            budget_year=2027,
            paying_year=2027,
            decided=D(450_000),
            paid_before=D(0),
        )
        == []
    )

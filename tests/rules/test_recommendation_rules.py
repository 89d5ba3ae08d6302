"""The recommendation rules (DOMAIN.md §4), each at its boundary and as a
property: every finding at once, each tied to the line it concerns. Pure."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kompetansemidler.rules.parameters import RuleSetParameters
from kompetansemidler.rules.recommendation import (
    JOINT_MEASURE,
    NETWORK,
    OWNER,
    UH,
    Line,
    NeedsReportRef,
    RecommendationFacts,
    RoundMoney,
    can_adopt,
    finding_key,
    recommendation_findings,
    totals,
)

STAFF = ["teachers", "leaders", "other_staff", "others_around_children"]
OWNERS = ["municipality", "county_municipality", "private_owner", "state_owner"]


def parameters(**overrides) -> RuleSetParameters:
    data = {
        "earmark_cap_share": None,
        "co_financing_share": None,
        "earmarked_categories": [],
        "eligible_recipient_kinds": [*OWNERS, "uh", "network"],
        "eligible_partner_kinds": ["uh"],
        "target_groups": STAFF,
        "max_duration_years": 3,
        **overrides,
    }
    params, problems = RuleSetParameters.from_dict(data)
    assert problems == []
    return params


REKOM = parameters(
    earmark_cap_share="0.30",
    earmarked_categories=[
        {"code": "basic_competence", "label": "Barnehagefaglig grunnkompetanse"},
        {"code": "craft_certificate", "label": "Fagbrev"},
        {"code": "facilitation", "label": "Tilretteleggingsmidler"},
    ],
    individual_further_education_categories=["facilitation"],
    requires_kindergarten_authority=True,
)
DEKOM = parameters(co_financing_share="0.30")
REPORT = NeedsReportRef(report_id=1, staff_and_leaders_involved=True, uh_dialogue=True)


def line(n, amount, **kwargs) -> Line:
    """A line that keeps every rule unless told otherwise."""
    defaults = {
        "recipient_kind": OWNER,
        "recipient_id": n,
        "owner_kind": "public",
        "needs_report": REPORT,
        "partner_kinds": ("uh",),
        "sami_assessed": True,
    }
    return Line(line_id=n, amount=Decimal(amount), **{**defaults, **kwargs})


def rec(*lines, scheme="rekom"):
    return RecommendationFacts(scheme=scheme, lines=tuple(lines))


def codes(findings):
    return [f.code for f in findings]


def check(lines, *, frame=1_000_000, committed=0, params=REKOM, committed_earmarked=0):
    money = RoundMoney(
        frame=Decimal(frame),
        committed=Decimal(committed),
        committed_earmarked=Decimal(committed_earmarked),
    )
    return recommendation_findings(rec(*lines), money, params)


def test_a_recommendation_that_keeps_every_rule_has_no_findings():
    assert check([line(1, 400_000), line(2, 300_000, category="facilitation")]) == []


# Frame -----------------------------------------------------------------------


def test_the_total_may_reach_but_not_exceed_frame_less_commitments():
    assert check([line(1, 600_000), line(2, 200_000)], committed=200_000) == []
    findings = check([line(1, 600_000), line(2, 200_001)], committed=200_000)
    assert codes(findings) == ["FRAME_EXCEEDED"]
    assert findings[0].target == "total"
    assert findings[0].params["excess"] == Decimal(1)


# Rekom earmark cap -----------------------------------------------------------


def test_earmarked_lines_at_exactly_the_cap_pass():
    lines = [
        line(1, 200_000, category="basic_competence"),
        line(2, 100_000, category="craft_certificate"),
        line(3, 500_000),
    ]
    assert check(lines) == []


def test_earmarked_lines_one_krone_above_the_cap_fail():
    lines = [
        line(1, 200_000, category="basic_competence"),
        line(2, 100_001, category="craft_certificate"),
        line(3, 500_000),
    ]
    findings = check(lines)
    assert codes(findings) == ["EARMARK_CAP_EXCEEDED"]
    assert findings[0].target == "earmarked"
    assert findings[0].params["cap"] == Decimal(300_000)


def test_earmarks_committed_by_earlier_decisions_count_against_the_cap():
    lines = [line(1, 250_000, category="facilitation")]
    assert check(lines, committed_earmarked=50_000) == []
    assert codes(check(lines, committed_earmarked=50_001)) == ["EARMARK_CAP_EXCEEDED"]


@given(frame=st.integers(min_value=1, max_value=10**9), share=st.integers(0, 100))
def test_earmark_cap_boundary_for_any_frame_and_share(frame, share):
    params = parameters(
        earmark_cap_share=str(Decimal(share) / 100),
        earmarked_categories=[{"code": "facilitation", "label": "Tilrettelegging"}],
    )
    # Whole per cent of whole kroner, floored in integer arithmetic.
    cap = frame * share // 100
    at_cap = check([line(1, cap, category="facilitation")], frame=frame, params=params)
    over = check([line(1, cap + 1, category="facilitation")], frame=frame, params=params)
    assert "EARMARK_CAP_EXCEEDED" not in codes(at_cap)
    assert "EARMARK_CAP_EXCEEDED" in codes(over)


# Dekom co-financing ----------------------------------------------------------


def test_co_financing_at_exactly_the_share_of_the_grant_passes():
    assert check([line(1, 100_000, co_financing=Decimal(30_000))], params=DEKOM) == []


def test_co_financing_one_krone_below_the_share_fails_on_the_owners_line():
    findings = check([line(1, 100_000, co_financing=Decimal(29_999))], params=DEKOM)
    assert codes(findings) == ["CO_FINANCING_TOO_LOW"]
    assert findings[0].target == "line:1.co_financing"
    assert findings[0].params["required"] == Decimal(30_000)


def test_co_financing_is_owed_on_the_sum_of_an_owners_grants():
    # One owner, two lines: all of its own share on the second line is enough.
    lines = [
        line(1, 100_000, recipient_id="bergen"),
        line(2, 100_000, recipient_id="bergen", co_financing=Decimal(60_000)),
    ]
    assert check(lines, params=DEKOM) == []
    lines[1] = line(2, 100_000, recipient_id="bergen", co_financing=Decimal(59_999))
    assert codes(check(lines, params=DEKOM)) == ["CO_FINANCING_TOO_LOW"]


@given(grant=st.integers(min_value=0, max_value=10**8), share=st.integers(0, 100))
def test_co_financing_boundary_for_any_grant_and_share(grant, share):
    params = parameters(co_financing_share=str(Decimal(share) / 100))
    # The ceiling of grant × share / 100 in integer arithmetic.
    required = -(-grant * share // 100)
    assert check([line(1, grant, co_financing=required)], params=params, frame=10**9) == []
    if required > 0:
        short = check([line(1, grant, co_financing=required - 1)], params=params, frame=10**9)
        assert codes(short) == ["CO_FINANCING_TOO_LOW"]


def test_networks_and_uh_owe_no_co_financing():
    lines = [
        line(1, 100_000, recipient_kind=NETWORK, owner_kind=None),
        line(2, 100_000, recipient_kind=UH, owner_kind=None),
    ]
    assert check(lines, params=DEKOM) == []


# Coordinator and pro rata ----------------------------------------------------


def test_coordinator_funds_need_a_recorded_forum_decision():
    findings = check([line(1, 50_000, is_coordinator=True, coordinator_decision="  ")])
    assert codes(findings) == ["REC_COORDINATOR_NO_DECISION"]
    assert findings[0].target == "line:1.coordinator_decision"
    assert (
        check(
            [
                line(
                    1,
                    50_000,
                    is_coordinator=True,
                    coordinator_decision="Forumsmøte 12.03.2025, sak 4/25",
                )
            ]
        )
        == []
    )


def test_coordinator_funds_are_refused_when_the_rule_set_does_not_allow_them():
    params = parameters(coordinator_allowed=False)
    findings = check(
        [line(1, 50_000, is_coordinator=True, coordinator_decision="sak 4/25")], params=params
    )
    assert codes(findings) == ["REC_COORDINATOR_NOT_ALLOWED"]


def test_a_pro_rata_split_is_refused_between_owners_and_allowed_between_networks():
    assert codes(check([line(1, 50_000, pro_rata_key="children")])) == ["REC_PRO_RATA_OWNER"]
    assert (
        check([line(1, 50_000, pro_rata_key="children", recipient_kind=NETWORK, owner_kind=None)])
        == []
    )


# Criteria C1–C3 and Sámi perspectives ----------------------------------------


def test_a_measure_without_a_needs_report_fails_c1():
    findings = check([line(1, 10_000, needs_report=None)])
    assert codes(findings) == ["REC_C1_NO_NEEDS_REPORT"]
    assert findings[0].target == "line:1.needs_report"


def test_a_needs_report_without_staff_or_uh_dialogue_fails_c1():
    report = NeedsReportRef(report_id=7, staff_and_leaders_involved=False, uh_dialogue=False)
    assert codes(check([line(1, 10_000, needs_report=report)])) == [
        "REC_C1_NO_STAFF_INVOLVEMENT",
        "REC_C1_NO_UH_DIALOGUE",
    ]


def test_individual_further_education_fails_c2_except_in_rekom_facilitation_funds():
    assert codes(check([line(1, 10_000, individual_further_education=True)])) == [
        "REC_C2_INDIVIDUAL"
    ]
    assert (
        check([line(1, 10_000, individual_further_education=True, category="facilitation")]) == []
    )


def test_a_measure_without_a_uh_partner_fails_c3():
    assert codes(check([line(1, 10_000, partner_kinds=())])) == ["REC_C3_NO_PARTNER"]
    assert codes(check([line(1, 10_000, partner_kinds=("other",))])) == ["REC_C3_NO_PARTNER"]


def test_sami_perspectives_not_assessed_is_a_warning_on_the_line():
    findings = check([line(1, 10_000, sami_assessed=False)])
    assert codes(findings) == ["REC_SAMI_NOT_ASSESSED"]
    assert not findings[0].is_error
    assert findings[0].target == "line:1.sami_assessed"


def test_a_county_wide_joint_measure_is_checked_like_any_measure():
    findings = check(
        [line(1, 10_000, recipient_kind=JOINT_MEASURE, owner_kind=None, needs_report=None)]
    )
    assert codes(findings) == ["REC_C1_NO_NEEDS_REPORT"]


@pytest.mark.parametrize(
    "amount, code", [("-1", "REC_NEGATIVE_AMOUNT"), ("10.50", "REC_NOT_WHOLE_KRONER")]
)
def test_amounts_are_whole_non_negative_kroner(amount, code):
    assert codes(check([line(1, Decimal(amount))])) == [code]


def test_every_finding_is_reported_at_once_errors_first():
    lines = [
        line(1, 900_000, category="basic_competence", needs_report=None),
        line(2, 200_000, sami_assessed=False, pro_rata_key="staff"),
    ]
    found = codes(check(lines))
    assert sorted(found) == sorted(
        [
            "REC_C1_NO_NEEDS_REPORT",
            "REC_PRO_RATA_OWNER",
            "REC_SAMI_NOT_ASSESSED",
            "FRAME_EXCEEDED",
            "EARMARK_CAP_EXCEEDED",
        ]
    )
    assert found[-1] == "REC_SAMI_NOT_ASSESSED"


# Sums over many lines --------------------------------------------------------

amounts = st.lists(st.integers(min_value=0, max_value=5_000_000), min_size=0, max_size=2000)


@given(amounts)
def test_totals_never_drift_with_many_lines(values):
    lines = [
        line(n, v, category="facilitation" if n % 3 == 0 else "general")
        for n, v in enumerate(values)
    ]
    sums = totals(rec(*lines), REKOM)
    assert sums.total == sum(values)
    assert sums.earmarked == sum(v for n, v in enumerate(values) if n % 3 == 0)


@given(amounts, st.integers(min_value=0, max_value=10**10))
def test_the_frame_finding_appears_exactly_when_the_sum_exceeds_the_available_money(
    values,
    frame,
):
    findings = check([line(n, v) for n, v in enumerate(values)], frame=frame, params=DEKOM)
    assert ("FRAME_EXCEEDED" in codes(findings)) == (sum(values) > frame)


# Adoption --------------------------------------------------------------------


def test_errors_block_adoption_whatever_is_justified():
    findings = check([line(1, 10_000, needs_report=None)])
    ok, reasons = can_adopt(findings, {finding_key(f): "Vi meiner det er rett" for f in findings})
    assert not ok
    assert codes(reasons) == ["REC_C1_NO_NEEDS_REPORT"]


def test_a_warning_needs_a_written_justification():
    findings = check([line(1, 10_000, sami_assessed=False)])
    ok, reasons = can_adopt(findings, {})
    assert not ok
    assert codes(reasons) == ["REC_JUSTIFICATION_MISSING"]
    assert reasons[0].target == "line:1.sami_assessed"
    assert can_adopt(findings, {finding_key(findings[0]): "   "})[0] is False
    ok, reasons = can_adopt(findings, {finding_key(findings[0]): "Ingen samiske barnehagar"})
    assert ok and reasons == []


def test_a_clean_recommendation_can_be_adopted():
    assert can_adopt([], {}) == (True, [])

"""The needs report's rules, without a database: one behaviour per test, and
property-based tests on every numeric bound (duration, co-financing, sign)."""

from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from kompetansemidler.rules import RuleSetParameters, Severity
from kompetansemidler.rules.needs import (
    MeasureFacts,
    NeedsReportFacts,
    last_funded_year,
    needs_report_findings,
)

BASE = {
    "earmark_cap_share": None,
    "co_financing_share": None,
    "earmarked_categories": [],
    "eligible_recipient_kinds": ["municipality", "network"],
    "eligible_partner_kinds": ["uh"],
    "target_groups": ["teachers", "leaders"],
    "max_duration_years": 3,
}
REKOM = {
    **BASE,
    "earmark_cap_share": "0.30",
    "earmarked_categories": [
        {"code": "facilitation", "label": "Tilrettelegging"},
        {"code": "basic_competence", "label": "Grunnkompetanse"},
    ],
    "individual_further_education_categories": ["facilitation"],
}
DEKOM = {**BASE, "co_financing_share": "0.30"}


def params(data=BASE, **changes) -> RuleSetParameters:
    parsed, problems = RuleSetParameters.from_dict({**data, **changes})
    assert problems == []
    return parsed


def report(*measures, **changes) -> NeedsReportFacts:
    values = {
        "staff_involvement": True,
        "leader_involvement": True,
        "partner_kinds": ("uh",),
        "sami_perspectives": True,
        "target_groups": ("teachers",),
        "measures": tuple(measures),
    }
    values.update(changes)
    return NeedsReportFacts(**values)


def measure(*amounts, **changes) -> MeasureFacts:
    values = {
        "key": "0",
        "title": "Lesing",
        "amounts": tuple(None if a is None else Decimal(a) for a in amounts),
    }
    values.update(changes)
    return MeasureFacts(**values)


def codes(findings) -> list[str]:
    return [f.code for f in findings]


def test_a_complete_report_has_no_findings():
    assert needs_report_findings(report(measure(100000, 80000, 60000)), params()) == []


def test_missing_staff_and_leader_involvement_are_errors_tied_to_their_fields():
    findings = needs_report_findings(
        report(staff_involvement=False, leader_involvement=False), params()
    )
    assert codes(findings) == ["NEEDS_NO_STAFF_INVOLVEMENT", "NEEDS_NO_LEADER_INVOLVEMENT"]
    assert {f.target for f in findings} == {"staff_involvement", "leader_involvement"}
    assert all(f.severity is Severity.ERROR for f in findings)


def test_no_uh_partner_is_an_error_c3():
    assert codes(needs_report_findings(report(partner_kinds=()), params())) == [
        "NEEDS_NO_UH_PARTNER"
    ]
    assert codes(needs_report_findings(report(partner_kinds=("ks",)), params())) == [
        "NEEDS_NO_UH_PARTNER"
    ]


def test_a_rule_set_admitting_other_partner_kinds_accepts_them():
    assert (
        needs_report_findings(
            report(partner_kinds=("other",)), params(eligible_partner_kinds=["uh", "other"])
        )
        == []
    )


def test_sami_perspectives_not_assessed_is_only_a_warning_and_comes_last():
    findings = needs_report_findings(report(sami_perspectives=False, partner_kinds=()), params())
    assert codes(findings) == ["NEEDS_NO_UH_PARTNER", "NEEDS_SAMI_NOT_ASSESSED"]
    assert findings[-1].severity is Severity.WARNING


def test_individual_further_education_is_refused_where_the_scheme_does_not_fund_it():
    general = measure(100000, individual_further_education=True)
    assert codes(needs_report_findings(report(general), params(REKOM))) == [
        "NEEDS_INDIVIDUAL_FURTHER_EDUCATION"
    ]
    assert codes(needs_report_findings(report(general), params())) == [
        "NEEDS_INDIVIDUAL_FURTHER_EDUCATION"
    ]
    facilitation = measure(100000, individual_further_education=True, category="facilitation")
    assert needs_report_findings(report(facilitation), params(REKOM)) == []


def test_an_unknown_category_or_target_group_is_named():
    findings = needs_report_findings(
        report(measure(1, category="facilitation"), target_groups=("ppt",)), params()
    )
    assert codes(findings) == ["NEEDS_UNKNOWN_TARGET_GROUP", "NEEDS_UNKNOWN_CATEGORY"]
    assert findings[0].params["group"] == "ppt"


def test_a_coordinator_is_refused_only_where_the_rule_set_says_so():
    assert needs_report_findings(report(coordinator_requested=True), params()) == []
    assert codes(
        needs_report_findings(report(coordinator_requested=True), params(coordinator_allowed=False))
    ) == ["NEEDS_COORDINATOR_NOT_ALLOWED"]


def test_every_finding_is_reported_at_once():
    findings = needs_report_findings(
        report(
            measure(1, 1, 1, 1, individual_further_education=True),
            staff_involvement=False,
            partner_kinds=(),
            sami_perspectives=False,
        ),
        params(),
    )
    assert set(codes(findings)) == {
        "NEEDS_NO_STAFF_INVOLVEMENT",
        "NEEDS_NO_UH_PARTNER",
        "NEEDS_INDIVIDUAL_FURTHER_EDUCATION",
        "NEEDS_DURATION_EXCEEDED",
        "NEEDS_SAMI_NOT_ASSESSED",
    }


amounts = st.decimals(min_value=1, max_value=10**9, places=0)


@given(max_years=st.integers(1, 10), funded_years=st.integers(1, 12), amount=amounts)
def test_an_amount_beyond_the_longest_duration_is_an_error(max_years, funded_years, amount):
    values = [amount] * funded_years
    findings = needs_report_findings(report(measure(*values)), params(max_duration_years=max_years))
    beyond = [f for f in findings if f.code == "NEEDS_DURATION_EXCEEDED"]
    assert len(beyond) == max(0, funded_years - max_years)
    assert [f.params["year"] for f in beyond] == list(range(max_years + 1, funded_years + 1))
    assert all(f.target == f"measures.0.amount_year{f.params['year']}" for f in beyond)


@given(max_years=st.integers(1, 10), gap=st.integers(1, 12))
def test_empty_or_zero_years_never_count_against_the_duration(max_years, gap):
    values = [Decimal(100)] + [None] * gap + [Decimal(0)]
    assert "NEEDS_DURATION_EXCEEDED" not in codes(
        needs_report_findings(report(measure(*values)), params(max_duration_years=max_years))
    )
    assert last_funded_year(measure(*values)) == 1


@given(amount=st.decimals(min_value=-(10**9), max_value=10**9, places=0))
def test_only_a_negative_amount_is_refused_for_its_sign(amount):
    negative = "NEEDS_NEGATIVE_AMOUNT" in codes(
        needs_report_findings(report(measure(amount)), params())
    )
    assert negative is (amount < 0)


@given(grant=amounts, delta=st.integers(-3, 3))
def test_planned_co_financing_below_the_share_warns_exactly_at_the_bound(grant, delta):
    # 30 % of the grant, rounded up to the krone, in integer arithmetic.
    required = Decimal(-(-int(grant) * 30 // 100))
    planned = max(Decimal(0), required + delta)
    findings = needs_report_findings(report(measure(grant, co_financing=planned)), params(DEKOM))
    low = [f for f in findings if f.code == "NEEDS_CO_FINANCING_LOW"]
    assert bool(low) is (planned < grant * Decimal("0.30"))
    assert all(f.severity is Severity.WARNING and f.params["required"] == required for f in low)


@given(grant=amounts)
def test_no_co_financing_rule_without_a_share(grant):
    assert needs_report_findings(report(measure(grant, co_financing=None)), params()) == []

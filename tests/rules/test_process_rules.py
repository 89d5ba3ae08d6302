"""The process rules the scheme's text asks for, at their boundaries, without a
database: C1–C3 checked when the owner submits, "bør" as warnings and "skal"
as rules, earmarked Rekom categories as individual qualifications, the team
around the child, and a recommendation line at 0 kr as unfunded."""

from decimal import Decimal

from kompetansemidler.rules import RuleSetParameters, Severity
from kompetansemidler.rules.needs import (
    PLAN_ELEMENTS,
    local_plan_findings,
    needs_report_findings,
)
from kompetansemidler.rules.parameters import PARAM_NOT_EARMARKED
from kompetansemidler.rules.recommendation import (
    OWNER,
    Line,
    NeedsReportRef,
    RecommendationFacts,
    RoundMoney,
    recommendation_findings,
    unfunded,
)
from kompetansemidler.schemes.seed import PARAMETERS
from tests.rules.test_needs_rules import measure, report


def seeded(code: str) -> RuleSetParameters:
    parsed, problems = RuleSetParameters.from_dict(PARAMETERS[code])
    assert problems == []
    return parsed


REKOM = seeded("rekom")
LOFTET = seeded("kompetanseloftet")


def codes(findings) -> list[str]:
    return [f.code for f in findings]


# C1–C3 on submission ---------------------------------------------------------


def test_an_assessment_anchored_in_no_unit_is_an_error_and_one_unit_is_enough():
    assert codes(needs_report_findings(report(measure(1000), units=0), REKOM)) == ["NEEDS_NO_UNITS"]
    assert needs_report_findings(report(measure(1000), units=1), REKOM) == []


def test_no_dialogue_with_the_uh_partner_is_an_error_on_its_field():
    findings = needs_report_findings(report(measure(1000), uh_dialogue=False), REKOM)
    assert codes(findings) == ["NEEDS_NO_UH_DIALOGUE"]
    assert findings[0].target == "uh_dialogue" and findings[0].is_error


def test_a_measure_without_a_local_plan_is_an_error_that_says_how_to_make_one():
    findings = needs_report_findings(report(measure(1000, local_plan=False)), REKOM)
    assert codes(findings) == ["NEEDS_NO_LOCAL_PLAN"]
    assert findings[0].target == "measures.0.local_plan"
    assert "Needs and plans" in findings[0].text()


def test_a_measure_with_a_plan_but_no_priority_in_it_is_an_error():
    findings = needs_report_findings(report(measure(1000, plan_priority=False)), REKOM)
    assert codes(findings) == ["NEEDS_NO_PLAN_PRIORITY"]
    assert findings[0].target == "measures.0.local_plan_priority"


# "Bør" is a warning ----------------------------------------------------------


def test_a_plan_describing_all_nine_elements_has_no_warning():
    assert local_plan_findings(PLAN_ELEMENTS) == []


def test_each_element_the_plan_leaves_out_is_a_warning_never_an_error():
    findings = local_plan_findings(PLAN_ELEMENTS[1:])
    assert [(f.code, f.target) for f in findings] == [("PLAN_ELEMENT_MISSING", "priorities")]
    assert all(f.severity is Severity.WARNING for f in local_plan_findings(()))
    assert len(local_plan_findings(())) == 9


# Earmarked Rekom categories ------------------------------------------------


def test_the_earmarked_rekom_categories_are_fundable_as_individual_qualifications():
    for category in ("basic_competence", "craft_certificate", "facilitation"):
        individual = measure(1000, category=category, individual_further_education=True)
        assert needs_report_findings(report(individual), REKOM) == [], category


def test_individual_further_education_in_the_general_category_is_still_refused_c2():
    individual = measure(1000, individual_further_education=True)
    assert codes(needs_report_findings(report(individual), REKOM)) == [
        "NEEDS_INDIVIDUAL_FURTHER_EDUCATION"
    ]


def test_a_craft_certificate_alone_needs_no_uh_partner_or_dialogue():
    craft = measure(1000, category="craft_certificate")
    no_uh = {"partner_kinds": (), "uh_dialogue": False}
    assert needs_report_findings(report(craft, **no_uh), REKOM) == []
    # Basic competence is planned with a UH: C3 applies to it.
    basic = measure(1000, category="basic_competence")
    assert codes(needs_report_findings(report(basic, **no_uh), REKOM)) == [
        "NEEDS_NO_UH_PARTNER",
        "NEEDS_NO_UH_DIALOGUE",
    ]
    # One measure that needs a partner is enough for the report to need one.
    assert "NEEDS_NO_UH_PARTNER" in codes(
        needs_report_findings(report(craft, measure(1000, key="1"), **no_uh), REKOM)
    )


def test_partner_exempt_categories_must_be_earmarked_categories():
    data = {**PARAMETERS["rekom"], "partner_exempt_categories": ["general"]}
    parsed, problems = RuleSetParameters.from_dict(data)
    assert parsed is None
    assert [(p.code, p.target) for p in problems] == [
        (PARAM_NOT_EARMARKED.code, "partner_exempt_categories")
    ]


def test_the_new_parameters_survive_a_round_trip():
    parsed, problems = RuleSetParameters.from_dict(REKOM.to_dict())
    assert problems == [] and parsed == REKOM
    assert REKOM.partner_exempt_categories == ("craft_certificate",)
    assert LOFTET.team_around_child and not REKOM.team_around_child


# The team around the child -------------------------------------------------


def test_a_kompetanseloftet_measure_without_the_team_around_the_child_is_a_warning():
    findings = needs_report_findings(report(measure(1000)), LOFTET)
    assert codes(findings) == ["NEEDS_NO_TEAM_AROUND_CHILD"]
    assert findings[0].severity is Severity.WARNING
    assert findings[0].target == "measures.0.team_around_child"


def test_ppt_alone_is_enough_and_other_schemes_do_not_ask():
    assert needs_report_findings(report(measure(1000, team_around_child=("ppt",))), LOFTET) == []
    assert needs_report_findings(report(measure(1000)), REKOM) == []


# A line at 0 kr ------------------------------------------------------------

BROKEN = {
    "recipient_kind": OWNER,
    "recipient_id": 1,
    "owner_kind": "public",
    # Every criterion fails: no staff, no UH dialogue, no partner, not Sámi-assessed.
    "needs_report": NeedsReportRef(
        report_id=1, staff_and_leaders_involved=False, uh_dialogue=False
    ),
    "individual_further_education": True,
    "category": "general",
}


def findings_for(*lines, params=REKOM):
    facts = RecommendationFacts(scheme="rekom", lines=tuple(lines))
    return recommendation_findings(facts, RoundMoney(frame=Decimal(1_000_000)), params)


def test_a_line_at_0_kr_in_every_year_raises_no_finding_of_any_kind():
    line = Line(line_id=1, amount=Decimal(0), **BROKEN)
    assert unfunded(line)
    assert findings_for(line) == []


def test_one_krone_makes_the_line_funded_and_checked():
    line = Line(line_id=1, amount=Decimal(1), **BROKEN)
    assert not unfunded(line)
    assert {
        "REC_C1_NO_STAFF_INVOLVEMENT",
        "REC_C1_NO_UH_DIALOGUE",
        "REC_C2_INDIVIDUAL",
        "REC_C3_NO_PARTNER",
        "REC_SAMI_NOT_ASSESSED",
    } <= set(codes(findings_for(line)))


def test_a_line_at_0_kr_this_year_but_money_later_is_still_checked():
    line = Line(line_id=1, amount=Decimal(0), later_amounts=Decimal(1), **BROKEN)
    assert not unfunded(line)
    assert "REC_C3_NO_PARTNER" in codes(findings_for(line))


def test_a_craft_certificate_line_needs_no_uh_partner_but_facilitation_does():
    ok = {**BROKEN, "needs_report": NeedsReportRef(1, True, True), "sami_assessed": True}
    craft = Line(line_id=1, amount=Decimal(100), **{**ok, "category": "craft_certificate"})
    facilitation = Line(line_id=2, amount=Decimal(100), **{**ok, "category": "facilitation"})
    assert codes(findings_for(craft)) == []
    assert codes(findings_for(facilitation)) == ["REC_C3_NO_PARTNER"]


def test_every_line_finding_says_what_to_do():
    line = Line(line_id=1, amount=Decimal(1), **BROKEN)
    for finding in findings_for(line):
        if finding.target.startswith("line:"):
            text = finding.text()
            assert ": " in text and ("0 kr" in text or "return" in text), text

from decimal import Decimal

from kompetansemidler.rules import RuleSetParameters

REKOM = {
    "earmark_cap_share": "0.30",
    "co_financing_share": None,
    "earmarked_categories": [
        {"code": "basic_competence", "label": "Barnehagefaglig grunnkompetanse"},
        {"code": "facilitation", "label": "Tilretteleggingsmidler"},
    ],
    "eligible_recipient_kinds": ["municipality", "private_owner", "uh", "network"],
    "eligible_partner_kinds": ["uh"],
    "target_groups": ["teachers", "leaders"],
    "max_duration_years": 3,
    "individual_further_education_categories": ["facilitation"],
    "requires_kindergarten_authority": True,
    "coordinator_allowed": True,
}


def codes(findings):
    return sorted((f.target, f.code) for f in findings)


def test_valid_parameters_parse_and_round_trip():
    params, findings = RuleSetParameters.from_dict(REKOM)
    assert findings == []
    assert params.earmark_cap_share == Decimal("0.30")
    assert params.earmarked_codes == ("basic_competence", "facilitation")
    assert params.individual_further_education_fundable
    assert params.max_duration_years == 3
    again, findings = RuleSetParameters.from_dict(params.to_dict())
    assert findings == [] and again == params


def test_every_problem_is_reported_at_once_each_at_its_parameter():
    bad = {
        **REKOM,
        "earmark_cap_share": "1.3",
        "co_financing_share": "abc",
        "eligible_partner_kinds": [],
        "target_groups": ["teachers", "pupils", "teachers"],
        "max_duration_years": 0,
        "requires_kindergarten_authority": "yes",
        "individual_further_education_categories": ["master"],
        "colour": "blue",
    }
    del bad["eligible_recipient_kinds"]
    params, findings = RuleSetParameters.from_dict(bad)
    assert params is None
    assert codes(findings) == [
        ("co_financing_share", "PARAM_NOT_A_NUMBER"),
        ("colour", "PARAM_UNKNOWN"),
        ("earmark_cap_share", "PARAM_SHARE_RANGE"),
        ("eligible_partner_kinds", "PARAM_EMPTY"),
        ("eligible_recipient_kinds", "PARAM_REQUIRED"),
        ("individual_further_education_categories", "PARAM_NOT_EARMARKED"),
        ("max_duration_years", "PARAM_DURATION_RANGE"),
        ("requires_kindergarten_authority", "PARAM_NOT_YES_NO"),
        ("target_groups", "PARAM_DUPLICATE"),
        ("target_groups", "PARAM_UNKNOWN_CODE"),
    ]
    share = next(f for f in findings if f.code == "PARAM_SHARE_RANGE")
    assert share.text() == "A share must be between 0 and 100 per cent; 130 per cent was given."


def test_a_cap_needs_categories_and_categories_need_a_cap():
    _p, findings = RuleSetParameters.from_dict(
        {**REKOM, "earmarked_categories": [], "individual_further_education_categories": []}
    )
    assert codes(findings) == [("earmarked_categories", "PARAM_CAP_WITHOUT_CATEGORIES")]
    _p, findings = RuleSetParameters.from_dict({**REKOM, "earmark_cap_share": None})
    assert codes(findings) == [("earmark_cap_share", "PARAM_CATEGORIES_WITHOUT_CAP")]


def test_bad_categories_are_named():
    _p, findings = RuleSetParameters.from_dict(
        {
            **REKOM,
            "earmarked_categories": [
                {"code": "Basic Competence", "label": "x"},
                {"code": "facilitation", "label": " "},
                {"code": "facilitation", "label": "y"},
                "just text",
            ],
        }
    )
    assert codes(findings) == [
        ("earmarked_categories", "PARAM_CATEGORY_CODE"),
        ("earmarked_categories", "PARAM_CATEGORY_CODE"),
        ("earmarked_categories", "PARAM_CATEGORY_LABEL"),
    ]


def test_not_a_mapping_is_refused_without_crashing():
    for value in (None, [], "rekom", 3):
        params, findings = RuleSetParameters.from_dict(value)
        assert params is None and [f.code for f in findings] == ["PARAM_NOT_A_MAPPING"]


def test_booleans_and_floats_are_not_mistaken_for_numbers():
    _p, findings = RuleSetParameters.from_dict(
        {**REKOM, "max_duration_years": True, "earmark_cap_share": False}
    )
    assert codes(findings) == [
        ("earmark_cap_share", "PARAM_NOT_A_NUMBER"),
        ("max_duration_years", "PARAM_NOT_A_WHOLE_NUMBER"),
    ]
    params, findings = RuleSetParameters.from_dict({**REKOM, "earmark_cap_share": 0.3})
    assert findings == [] and params.earmark_cap_share == Decimal("0.3")

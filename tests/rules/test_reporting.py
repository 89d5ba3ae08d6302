from decimal import Decimal as D

from kompetansemidler.rules import reporting as rules


def codes(findings):
    return [finding.code for finding in findings]


def test_used_more_than_paid_and_split():
    assert rules.money_problems(paid=D(100), used=D(60), unused=D(40)) == []
    assert codes(rules.money_problems(paid=D(100), used=D(120), unused=D(0))) == [
        rules.USED_MORE_THAN_PAID.code,
        rules.SPLIT_DOES_NOT_ADD_UP.code,
    ]
    assert codes(rules.money_problems(paid=D(100), used=D(50), unused=D(40))) == [
        rules.SPLIT_DOES_NOT_ADD_UP.code
    ]


def test_co_financing_documented_at_least_required():
    assert rules.co_financing_problems(required=D(300), documented=D(300)) == []
    [finding] = rules.co_financing_problems(required=D(300), documented=D(299))
    assert finding.code == rules.CO_FINANCING_NOT_DOCUMENTED.code
    assert finding.text() == (
        "The own financing documented (299 kroner) is less than the 300 kroner the decision "
        "requires."
    )


def test_participants_summary_counts_units_with_participants():
    rows = [
        {"unit": "A", "count": 3},
        {"unit": "A", "count": 2},
        {"unit": "B", "count": 0},
        {"unit": "C", "count": "4"},
    ]
    assert rules.participants_summary(rows) == (9, 2)

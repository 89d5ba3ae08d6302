from decimal import Decimal as D

from kompetansemidler.rules import reporting as rules


def test_used_more_than_paid_and_split():
    assert rules.money_problems(paid=D(100), used=D(60), unused=D(40)) == []
    assert rules.money_problems(paid=D(100), used=D(120), unused=D(0)) == [
        rules.USED_MORE_THAN_PAID,
        rules.SPLIT_DOES_NOT_ADD_UP,
    ]
    assert rules.money_problems(paid=D(100), used=D(50), unused=D(40)) == [
        rules.SPLIT_DOES_NOT_ADD_UP
    ]


def test_co_financing_documented_at_least_required():
    assert rules.co_financing_problems(required=D(300), documented=D(300)) == []
    assert rules.co_financing_problems(required=D(300), documented=D(299)) == [
        rules.CO_FINANCING_NOT_DOCUMENTED
    ]


def test_participants_summary_counts_units_with_participants():
    rows = [
        {"unit": "A", "count": 3},
        {"unit": "A", "count": 2},
        {"unit": "B", "count": 0},
        {"unit": "C", "count": "4"},
    ]
    assert rules.participants_summary(rows) == (9, 2)

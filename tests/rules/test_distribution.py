"""Distributing a sum by a key (staff, children) with the largest remainder
method: to the krone, no drift, deterministic."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kompetansemidler.rules.distribution import distribute


def test_an_even_split_gives_equal_parts():
    assert distribute(Decimal(300), {"nord": 10, "sor": 10, "vest": 10}) == {
        "nord": Decimal(100),
        "sor": Decimal(100),
        "vest": Decimal(100),
    }


def test_leftover_kroner_go_to_the_largest_remainders():
    # 100 by 1:1:1 is 33.33 each; the one krone left goes to the first listed.
    assert distribute(Decimal(100), [("a", 1), ("b", 1), ("c", 1)]) == {
        "a": Decimal(34),
        "b": Decimal(33),
        "c": Decimal(33),
    }
    # 10 by 3:3:4: exact shares 3, 3, 4.
    assert distribute(10, {"a": 3, "b": 3, "c": 4}) == {"a": 3, "b": 3, "c": 4}
    # 10 by 1:2: 3.33 and 6.67: the larger remainder (0.67) takes the krone.
    assert distribute(10, {"a": 1, "b": 2}) == {"a": 3, "b": 7}


def test_a_part_with_weight_zero_gets_nothing():
    assert distribute(1000, {"a": 0, "b": 5}) == {"a": 0, "b": 1000}


@pytest.mark.parametrize(
    "total, weights",
    [
        (Decimal("-1"), {"a": 1}),
        (Decimal("10.5"), {"a": 1}),
        (Decimal(10), {"a": 0, "b": 0}),
        (Decimal(10), {}),
        (Decimal(10), {"a": -1, "b": 2}),
        (Decimal(10), {"a": 1.5}),
        (Decimal(10), [("a", 1), ("a", 2)]),
    ],
)
def test_impossible_input_is_refused(total, weights):
    with pytest.raises(ValueError):
        distribute(total, weights)


weights = st.lists(st.integers(min_value=0, max_value=5000), min_size=1, max_size=400).filter(
    lambda ws: sum(ws) > 0
)


@given(total=st.integers(min_value=0, max_value=10**10), weights=weights)
def test_the_parts_always_sum_to_the_total(total, weights):
    parts = distribute(Decimal(total), list(enumerate(weights)))
    assert sum(parts.values()) == total
    assert all(p == p.to_integral_value() and p >= 0 for p in parts.values())


@given(total=st.integers(min_value=0, max_value=10**9), weights=weights)
def test_each_part_is_within_one_krone_of_its_exact_share(total, weights):
    parts = distribute(total, list(enumerate(weights)))
    weight_sum = sum(weights)
    for key, weight in enumerate(weights):
        exact = Decimal(total) * weight / weight_sum
        assert abs(parts[key] - exact) < 1


@given(total=st.integers(min_value=0, max_value=10**9), weights=weights)
def test_a_larger_weight_never_gets_less(total, weights):
    parts = distribute(total, list(enumerate(weights)))
    ordered = sorted(enumerate(weights), key=lambda kw: kw[1])
    for (low_key, low), (high_key, high) in zip(ordered, ordered[1:], strict=False):
        if high > low:
            assert parts[high_key] >= parts[low_key]

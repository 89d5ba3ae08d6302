"""The one money parser: Norwegian spacing accepted, ambiguous separators and øre
refused with a reason, and a sane range from 0 to 10 000 000 000 kroner."""

from decimal import Decimal

import pytest
from django import forms
from hypothesis import given
from hypothesis import strategies as st

from kompetansemidler.core.money import (
    ERROR_AMBIGUOUS,
    ERROR_INVALID,
    ERROR_NEGATIVE,
    ERROR_NOT_WHOLE,
    ERROR_TOO_LARGE,
    ERROR_TOO_SMALL,
    MAX_KRONER,
    KronerError,
    KronerField,
    kroner_problem,
    parse_kroner,
)

SPACES = st.sampled_from([" ", "\u00a0", "\u202f", "\u2009", "  "])
in_range = st.integers(min_value=0, max_value=int(MAX_KRONER))


def code(text, **kwargs):
    with pytest.raises(KronerError) as refused:
        parse_kroner(text, **kwargs)
    return refused.value.code


def grouped(amount: int, space: str) -> str:
    """``1234567`` → ``1 234 567`` with ``space`` between groups of three."""
    return f"{amount:,}".replace(",", space)


@given(amount=in_range)
def test_every_amount_in_range_reads_back_as_itself(amount):
    assert parse_kroner(str(amount)) == amount


@given(amount=in_range, space=SPACES)
def test_every_amount_reads_back_with_any_thousands_spacing(amount, space):
    assert parse_kroner(grouped(amount, space)) == amount


@given(amount=in_range, spaces=st.lists(SPACES, min_size=1, max_size=12), data=st.data())
def test_spaces_anywhere_between_the_digits_are_ignored(amount, spaces, data):
    digits = list(str(amount))
    for space in spaces:
        digits.insert(data.draw(st.integers(0, len(digits))), space)
    assert parse_kroner("".join(digits)) == amount


@given(amount=st.integers(min_value=1_000, max_value=int(MAX_KRONER)), mark=st.sampled_from(".,"))
def test_thousands_grouped_with_a_comma_or_full_stop_are_refused_as_ambiguous(amount, mark):
    assert code(grouped(amount, mark)) == ERROR_AMBIGUOUS


@pytest.mark.parametrize("text", ["1,000", "1.000", "12.345.678", "1,000,000"])
def test_the_classic_ambiguous_amounts_are_refused_with_the_text_in_the_message(text):
    with pytest.raises(KronerError) as refused:
        parse_kroner(text)
    assert refused.value.code == ERROR_AMBIGUOUS
    assert text in refused.value.message


@given(
    whole=st.integers(min_value=0, max_value=10**9),
    fraction=st.integers(min_value=0, max_value=99).map(lambda n: f"{n:02d}")
    | st.sampled_from(["5", "1", "0", "9999"]),
    mark=st.sampled_from(".,"),
)
def test_kroner_and_ore_are_refused_where_whole_kroner_are_required(whole, fraction, mark):
    assert code(f"{whole}{mark}{fraction}") == ERROR_NOT_WHOLE


@pytest.mark.parametrize("text", ["1 000,50", "1\u00a0000,50", "0,5", "12.5", "1 000.99"])
def test_norwegian_decimals_are_refused_as_not_whole(text):
    assert code(text) == ERROR_NOT_WHOLE


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("45 000 000", 45_000_000),
        ("kr 1 500", 1_500),
        ("1 500 kr", 1_500),
        ("1 500,-", 1_500),
        ("  0  ", 0),
        ("007", 7),
    ],
)
def test_what_people_type_is_read(text, expected):
    assert parse_kroner(text) == expected


@pytest.mark.parametrize(
    "text", ["", "femti", "12,5 mill", "1e6", "NaN", "Infinity", "0x10", "١٢٣", "1_000", "--5"]
)
def test_anything_else_is_not_an_amount(text):
    assert code(text) == ERROR_INVALID


def test_the_boundary_at_the_maximum():
    assert parse_kroner("10 000 000 000") == MAX_KRONER
    assert code("10 000 000 001") == ERROR_TOO_LARGE
    assert code("99999999999999") == ERROR_TOO_LARGE
    assert code(str(10**14)) == ERROR_TOO_LARGE


def test_a_negative_amount_is_refused_and_a_minimum_names_its_limit():
    assert code("-1") == ERROR_NEGATIVE
    assert code("0", min_value=Decimal(1)) == ERROR_TOO_SMALL
    assert parse_kroner("1", min_value=Decimal(1)) == 1


def test_numbers_from_code_are_checked_the_same_way_and_floats_refused():
    assert parse_kroner(Decimal(500)) == 500
    assert parse_kroner(7) == 7
    assert code(Decimal("0.5")) == ERROR_NOT_WHOLE
    assert code(0.5) == ERROR_INVALID
    assert code(True) == ERROR_INVALID
    assert kroner_problem(None)
    assert kroner_problem(Decimal(10) ** 11)
    assert kroner_problem(Decimal(42)) is None


class Form(forms.Form):
    amount = KronerField(label="Amount")
    optional = KronerField(label="Optional", required=False)


def test_the_form_field_cleans_to_decimal_and_keeps_what_was_typed():
    form = Form({"amount": "1\u00a0234\u202f567", "optional": ""})
    assert form.is_valid()
    assert form.cleaned_data == {"amount": Decimal(1_234_567), "optional": None}
    bad = Form({"amount": "1,000"})
    assert not bad.is_valid()
    assert "1,000" in bad.errors["amount"][0]
    assert 'value="1,000"' in str(bad["amount"])
    assert 'inputmode="numeric"' in str(bad["amount"])


def test_an_initial_amount_is_shown_as_digits():
    assert 'value="45000"' in str(Form(initial={"amount": Decimal(45_000)})["amount"])

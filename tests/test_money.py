"""Tests for wealthcalc.money: parsing, half-up rounding to the fen, display."""

from decimal import ROUND_HALF_UP, Decimal

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from wealthcalc.errors import InputError
from wealthcalc.money import (
    format_amount,
    format_rate,
    parse_amount,
    parse_rate,
    round_fen,
)


def _bank_round(x: float) -> float:
    # Independent reference: the decimal a person wrote, rounded half-up (四舍五入), docs/rules/rounding.md#money-and-rounding.
    return float(Decimal(str(x)).quantize(Decimal("0.01"), ROUND_HALF_UP))


# ----------------------------------------------------------------------------- round_fen


@pytest.mark.parametrize(
    "x, expected",
    [
        (0.125, 0.13),  # binary 0.125 is exact: a true tie, half-up
        (2.675, 2.68),  # stored as 2.67499999…; Python's round() gives 2.67
        (1.005, 1.01),  # stored as 1.00499999…
        (-0.125, -0.13),  # half away from zero for negatives
        (0.0049999, 0.0),
        (5307.2714, 5307.27),  # docs/rules/loans.md#equal-installment L-1 payment 5,307.27
        (6.135, 6.14),  # docs/rules/deposits.md#lump-sum-fixed-deposit D-8: 10,225 × 0.0072 × 30/360 = 6.135 → 6.14
        (1e13 + 0.005, 1e13 + 0.01),
    ],
)
def test_round_fen_half_up_examples(x, expected):
    assert round_fen(x) == expected


def test_round_fen_differs_from_builtin_round_where_banks_do():
    assert round(2.675, 2) == 2.67  # the trap round_fen avoids
    assert round_fen(2.675) == 2.68


def test_round_fen_vectorized_and_shape_preserving():
    values = np.array([[0.125, 2.675], [1.005, -0.125]])
    out = round_fen(values)
    assert isinstance(out, np.ndarray) and out.shape == (2, 2)
    assert out.tolist() == [[0.13, 2.68], [1.01, -0.13]]


def test_round_fen_returns_plain_float_for_scalars_and_keeps_nan():
    assert type(round_fen(1.234)) is float
    assert np.isnan(round_fen(float("nan")))
    assert round_fen(-0.001) == 0.0 and str(round_fen(-0.001)) == "0.0"


@given(
    st.integers(min_value=-(10**14), max_value=10**14).map(lambda n: n / 10**6)
)
def test_round_fen_agrees_with_decimal_half_up(x):
    # Property from the foundation issue: every x with at most 6 decimals.
    assert round_fen(x) == _bank_round(x)


@given(st.lists(st.integers(min_value=-(10**12), max_value=10**12).map(lambda n: n / 10**6), min_size=1, max_size=50))
def test_round_fen_array_matches_scalar(values):
    out = round_fen(np.array(values))
    assert out.tolist() == [_bank_round(v) for v in values]


# ----------------------------------------------------------------------------- parse_rate


@pytest.mark.parametrize("text", [0.0324, "0.0324", "3.24%", "3.24 %", "3.24％", " 3.24% "])
def test_parse_rate_accepts_fraction_and_percent(text):
    assert parse_rate(text) == pytest.approx(0.0324, abs=1e-15)


def test_parse_rate_percent_is_exact_decimal():
    assert parse_rate("1.71%") == 0.0171
    assert parse_rate("0.935%") == 0.00935


@pytest.mark.parametrize("value", [3.24, "3.24", 100, "1.5"])
def test_parse_rate_refuses_bare_percent(value):
    with pytest.raises(InputError) as info:
        parse_rate(value, field="annual_rate")
    assert info.value.field == "annual_rate"
    assert info.value.value == value
    assert "%" in info.value.hint


def test_parse_rate_message_suggests_percent():
    with pytest.raises(InputError) as info:
        parse_rate(3.24)
    assert str(info.value) == "rate: got 3.24; a rate is a fraction or a percent: write '3.24%' (or 0.0324)"


@pytest.mark.parametrize("value", [float("nan"), float("inf"), "nan", "abc", "", None, True, "3.24%%"])
def test_parse_rate_refuses_garbage(value):
    with pytest.raises(InputError) as info:
        parse_rate(value)
    assert info.value.field == "rate"


def test_parse_rate_negative_only_when_allowed():
    with pytest.raises(InputError, match="negative"):
        parse_rate("-0.5%")
    assert parse_rate("-0.5%", allow_negative=True) == -0.005


def test_parse_rate_above_one_when_allowed():
    assert parse_rate(1.5, allow_above_one=True) == 1.5


# ----------------------------------------------------------------------------- parse_amount


@pytest.mark.parametrize(
    "text, expected",
    [
        (100000, 100000.0),
        ("100,000", 100000.0),
        ("100000.00", 100000.0),
        ("10万", 100000.0),
        ("1.5万", 15000.0),
        ("¥5,000", 5000.0),
        ("￥5,000", 5000.0),
        ("5000元", 5000.0),
        ("2亿", 200000000.0),
        ("0.01", 0.01),
        (12.5, 12.5),
    ],
)
def test_parse_amount_accepts_what_people_write(text, expected):
    assert parse_amount(text) == expected


@pytest.mark.parametrize(
    "value, words",
    [
        (-1, "positive"),
        ("-100", "positive"),
        (float("nan"), "write yuan"),
        (float("inf"), "write yuan"),
        ("12.345", "at most 2 decimals"),
        (0.001, "at most 2 decimals"),
        ("1.2345678万", "at most 2 decimals"),
        (2e13, "above"),
        ("abc", "write yuan"),
        ("10万万", "write yuan"),
        (True, "write yuan"),
        (None, "write yuan"),
    ],
)
def test_parse_amount_refusals_name_field_and_fix(value, words):
    with pytest.raises(InputError) as info:
        parse_amount(value, field="principal")
    assert info.value.field == "principal"
    assert words in str(info.value)


def test_parse_amount_zero_policy():
    assert parse_amount(0) == 0.0
    with pytest.raises(InputError):
        parse_amount(0, allow_zero=False)


# ----------------------------------------------------------------------------- display


def test_format_amount_separators_and_wan():
    assert format_amount(1234567.891) == "1,234,567.89"
    assert format_amount(0.5) == "0.50"
    assert format_amount(-2.675) == "-2.68"
    assert format_amount(1234567.891, "zh", compact=True) == "123.46万"
    assert format_amount(100000, "zh", compact=True) == "10万"
    assert format_amount(9999.99, "zh", compact=True) == "9,999.99"
    assert format_amount(100000, "en", compact=True) == "100,000.00"


def test_format_rate():
    assert format_rate(0.0324) == "3.24%"
    assert format_rate(0.033307, 4) == "3.3307%"
    assert format_rate(float("nan")) == "—"


def test_format_amount_never_fails_on_huge_or_missing_values():
    # a rate of 1e30% must still print (it used to raise decimal.InvalidOperation)
    assert format_amount(1e30) == "1,000,000,000,000,000,000,000,000,000,000.00"
    assert format_amount(-1e30, "zh", compact=True) == "-100,000,000,000,000,000,000,000,000万"
    assert format_amount(float("nan")) == "—"
    assert (format_amount(float("inf")), format_amount(float("-inf"))) == ("∞", "-∞")


def test_parse_amount_below_the_fen_suggests_the_smallest_amount():
    with pytest.raises(InputError) as info:
        parse_amount("0.001")
    assert info.value.field == "amount" and "0.01" in info.value.hint


@given(st.integers(min_value=-(10**16), max_value=10**16).map(lambda n: n / 1000))
def test_round_fen_agrees_with_decimal_up_to_the_largest_amount(x):
    # to MAX_AMOUNT (1e13 yuan) with 3 decimals: from 1e12 a float can hold a tie and a
    # neighbouring amount as one number, and the written decimal (its repr) decides
    assert round_fen(x) == _bank_round(x)
    assert round_fen(np.array([x])).tolist() == [_bank_round(x)]


def test_round_fen_near_the_largest_amount():
    # 9901930104706.484 and 9901930104706.485 are one float; repr says .484 -> down
    assert round_fen(9901930104706.484) == 9901930104706.48
    assert round_fen(-9642171582060.494) == -9642171582060.49
    assert round_fen(np.array([9901930104706.484, 2.675])).tolist() == [9901930104706.48, 2.68]

"""Tests for wealthcalc.dates: reading dates and 对月对日 month arithmetic."""

import datetime as dt

import numpy as np
import pytest

from wealthcalc.dates import add_months, add_months_array, to_date
from wealthcalc.errors import InputError


@pytest.mark.parametrize(
    "value",
    [dt.date(2026, 1, 15), dt.datetime(2026, 1, 15, 23, 59), np.datetime64("2026-01-15"), " 2026-01-15 "],
)
def test_to_date_accepts_the_usual_spellings(value):
    assert to_date(value, "start") == dt.date(2026, 1, 15)


@pytest.mark.parametrize("value", ["2026-13-01", "15/01/2026", 20260115, None])
def test_to_date_refuses_with_the_field(value):
    with pytest.raises(InputError) as info:
        to_date(value, "withdraw_on")
    assert info.value.field == "withdraw_on" and "YYYY-MM-DD" in info.value.hint


@pytest.mark.parametrize(
    "start, months, expected",
    [
        ((2025, 1, 15), 1, (2025, 2, 15)),  # 对月对日
        ((2025, 1, 31), 1, (2025, 2, 28)),  # a missing day becomes the month end (docs/rules/rounding.md#deposit-day-count, unconfirmed)
        ((2024, 1, 31), 1, (2024, 2, 29)),  # leap year
        ((2024, 2, 29), 12, (2025, 2, 28)),
        ((2025, 11, 30), 3, (2026, 2, 28)),
        ((2025, 12, 10), 1, (2026, 1, 10)),  # across the year end
        ((2025, 3, 10), -3, (2024, 12, 10)),
        ((2025, 3, 10), 360, (2055, 3, 10)),
    ],
)
def test_add_months(start, months, expected):
    assert add_months(dt.date(*start), months) == dt.date(*expected)


def test_add_months_on_a_chosen_day():
    # L-8: drawn 2025-03-10, repaid on the 20th: first due 2025-04-20 (docs/rules/loans.md#first-period)
    assert add_months(dt.date(2025, 3, 10), 1, day_of_month=20) == dt.date(2025, 4, 20)
    assert add_months(dt.date(2025, 1, 10), 1, day_of_month=31) == dt.date(2025, 2, 28)


def test_add_months_array_agrees_with_add_months():
    # the vectorized form gives the scalar 对月对日 answer for every day of 2024 and 1-60 months
    days = np.arange("2024-01-01", "2025-01-01", dtype="datetime64[D]")
    months = np.arange(1, 61)
    out = add_months_array(days[:, None], months[None, :])
    for i in range(0, len(days), 7):
        start = days[i].astype(dt.date)
        assert [d.astype(dt.date) for d in out[i]] == [add_months(start, int(m)) for m in months]
    assert np.isnat(add_months_array(np.array(["NaT"], dtype="datetime64[D]"), 3)).all()

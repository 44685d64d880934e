"""Tests for wealthcalc.loans.batch: many loans at once, to the fen as amortize."""

from __future__ import annotations

import datetime as dt
import json

import numpy as np
import pytest

from wealthcalc.errors import InputError
from wealthcalc.loans import amortize, amortize_many


def test_amortize_many_matches_amortize_to_the_fen():
    rng = np.random.default_rng(7)
    count = 60
    principal = np.round(rng.uniform(1_000, 3_000_000, count), 2)
    rates = np.round(rng.uniform(0.0, 0.24, count), 5)
    months = rng.integers(1, 361, count)
    methods = rng.choice(["equal_installment", "equal_principal", "interest_only"], count)
    batch = amortize_many(principal, rates, months, methods, summary_only=False)
    for i in range(count):
        one = amortize(principal[i], rates[i], int(months[i]), method=methods[i])
        n = one.months
        assert batch.months[i] == n
        assert batch.first_payment[i] == one.payment[0]
        assert batch.last_payment[i] == one.payment[-1]
        assert batch.total_interest[i] == one.total_interest
        assert batch.total_paid[i] == one.total_paid
        assert np.array_equal(batch.payment[i, :n], one.payment)
        assert np.array_equal(batch.interest[i, :n], one.interest)
        assert np.array_equal(batch.balance[i, :n], one.balance)
        assert not batch.payment[i, n:].any()
    summary = amortize_many(principal, rates, months, methods)
    assert np.array_equal(summary.total_interest, batch.total_interest)
    assert summary.payment is None


def test_amortize_many_payoff_dates():
    batch = amortize_many([12_000] * 3, 0.05, [1, 13, 12], start=["2024-01-31", "2024-01-31", "2025-03-15"])
    assert batch.payoff_date.astype(str).tolist() == ["2024-02-29", "2025-02-28", "2026-03-15"]
    assert batch.rows()[0][-1] == dt.date(2024, 2, 29)
    assert json.loads(json.dumps(batch.to_dict()))["months"] == [1, 13, 12]


def test_amortize_many_errors_name_the_loan():
    with pytest.raises(InputError) as info:
        amortize_many([1000, 2000], [0.05, 4.9], 12)
    assert info.value.field == "annual_rate" and "loan #1" in info.value.hint
    with pytest.raises(InputError) as info:
        amortize_many([1000, 2000], 0.05, [12, 0])
    assert info.value.field == "months"
    with pytest.raises(InputError) as info:
        amortize_many([1000, 0], 0.05, 12)
    assert info.value.field == "principal"
    with pytest.raises(InputError) as info:
        amortize_many([1000, 2000, 3000], 0.05, [12, 24])
    assert info.value.field == "principal"

"""Tests for wealthcalc.loans.offers: true annual rates of offers, docs/rules/apr.md (L-13…L-16)."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from wealthcalc import loans
from wealthcalc.errors import InputError, NoSolutionError
from wealthcalc.loans import apr, car_loan_offer, compare_offers, installment_offer


@pytest.mark.parametrize("months,fee,expected", [
    (12, 0.006, 0.1303),   # docs/rules/apr.md, L-13
    (24, 0.006, 0.1327),   # docs/rules/apr.md, L-14
    (12, 0.0075, 0.1622),  # docs/rules/apr.md, L-15
])
def test_installment_apr(months, fee, expected):
    offer = installment_offer(12_000, months, fee)
    r = apr(offer.amount, list(offer.payments))
    assert round(r.apr, 4) == expected
    assert r.converged


def test_l13_details():
    # docs/rules/apr.md, L-13: i = 1.0862 %/month, EAR 13.84 %, simple 864 / (12,000 × 6.5/12) = 13.29 %
    r = apr(12_000, 1072, months=12)
    assert round(r.monthly_rate, 6) == 0.010862
    assert round(r.effective_rate, 4) == 0.1384
    assert round(r.simple_rate, 4) == 0.1329
    assert r.total_cost == 864.0


def test_l16_flat_car_loan_and_fees():
    # docs/rules/apr.md, L-16: 100,000 repaid by 36 × 3,000
    assert round(apr(100_000, 3000, months=36).apr, 4) == 0.0506
    # "0 interest" car loan with an up-front service fee costs a real rate
    offer = car_loan_offer(200_000, 36, loan_ratio=0.7, service_fee=8_000)
    r = apr(offer.amount, list(offer.payments), fees=offer.upfront_fee)
    assert r.apr > 0.035 and r.total_cost == 8000.0
    spread = car_loan_offer(200_000, 36, service_fee=8_000, fee_in_installments=True)
    assert round(sum(spread.payments), 2) == 148_000 and spread.upfront_fee == 0
    assert apr(spread.amount, list(spread.payments)).apr < r.apr  # paying the fee later is cheaper


def test_apr_dated_matches_monthly():
    dates = [dt.date(2025, 1, 1)] + [dt.date(2025 + (m // 12), m % 12 + 1, 1) for m in range(1, 13)]
    r = apr(12_000, [1072] * 12, dates=dates)
    assert abs(r.apr - 0.1303) < 0.002


def test_compare_offers_sorted():
    c = compare_offers([installment_offer(12_000, 12, 0.0075), installment_offer(12_000, 12, 0.006),
                        loans.Offer("flat car", 100_000, (3000.0,) * 36)])
    assert [round(r.apr, 4) for r in c.results] == [0.0506, 0.1303, 0.1622]
    assert json.loads(json.dumps(c.to_dict()))["offers"][0]["name"] == "flat car"


def test_apr_errors():
    with pytest.raises(InputError) as info:
        apr(1000, 100)
    assert info.value.field == "months"
    with pytest.raises(InputError) as info:
        apr(1000, [500, 600], fees=1000)
    assert info.value.field == "fees"
    with pytest.raises(InputError) as info:  # repays less than it lends: a typo, not a rate
        apr(12_000, 100, months=12)
    assert info.value.field == "payments" and "12,000.00" in info.value.hint
    with pytest.raises(InputError) as info:
        car_loan_offer(200_000, 36, loan_ratio=1.7)
    assert info.value.field == "loan_ratio" and "0.7 for 70%" in info.value.hint
    assert apr(1000, [500, 500]).apr == 0.0  # interest-free, no fee


def test_apr_without_a_solution(monkeypatch):
    # the solver's nan (no root found) becomes NoSolutionError (exit 3 on the command line)
    from wealthcalc import tvm

    monkeypatch.setattr(tvm, "irr", lambda flows: float("nan"))
    with pytest.raises(NoSolutionError) as info:
        apr(12_000, 1_072, months=12)
    assert info.value.field == "payments"

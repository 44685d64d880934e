"""Tests for wealthcalc.loans.schedule: docs/rules/loans.md vectors L-1…L-12, invariants, errors."""

from __future__ import annotations

import csv
import datetime as dt
import json
import pickle
from decimal import ROUND_HALF_UP, Decimal

import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from tests.strategies import loan_methods, loan_principals, loan_rates, loan_terms
from tests.support import DATA
from wealthcalc import loans
from wealthcalc.errors import InputError
from wealthcalc.loans import (
    Method,
    Prepayment,
    RateChange,
    amortize,
    lpr_on,
    lpr_rate_changes,
)


# docs/rules/lpr.md LPR table (5y+ column), dates as published
LPR_5Y = [
    (dt.date(2019, 8, 20), 0.0485), (dt.date(2019, 11, 20), 0.048), (dt.date(2020, 2, 20), 0.0475),
    (dt.date(2020, 4, 20), 0.0465), (dt.date(2022, 1, 20), 0.046), (dt.date(2022, 5, 20), 0.0445),
    (dt.date(2022, 8, 22), 0.043), (dt.date(2023, 6, 20), 0.042), (dt.date(2024, 2, 20), 0.0395),
    (dt.date(2024, 7, 22), 0.0385), (dt.date(2024, 10, 21), 0.036), (dt.date(2025, 5, 20), 0.035),
]

def _fen(x) -> int:
    return int(round(float(x) * 100))


def _decimal_schedule(principal: str, annual: str, n: int, method: str) -> list[tuple[Decimal, Decimal]]:
    """Independent hand formula of docs/rules/loans.md#equal-installment and docs/rules/loans.md#equal-principal in Decimal, half-up at 0.01."""
    q = Decimal("0.01")
    P, r = Decimal(principal), Decimal(annual) / 12
    if method == "equal_installment":
        M = (P * r * (1 + r) ** n / ((1 + r) ** n - 1)).quantize(q, ROUND_HALF_UP)
    part = (P / n).quantize(q, ROUND_HALF_UP)
    rows, b = [], P
    for k in range(1, n + 1):
        i = (b * r).quantize(q, ROUND_HALF_UP)
        p = b if k == n else (M - i if method == "equal_installment" else part)
        rows.append((i, p))
        b -= p
    return rows


# ---------------------------------------------------------------- reference vectors


def _reference_rows():
    with open(DATA / "loans_reference.csv", newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


@pytest.mark.parametrize("case", _reference_rows(), ids=lambda c: c["id"])
def test_reference_vectors(case):
    # docs/rules/loans.md#equal-installment, docs/rules/loans.md#equal-principal, docs/rules/loans.md#first-period, docs/rules/provident.md#loan-amount and docs/rules/loans.md#combined-loan, L-1…L-10 (source per row in tests/data/loans_reference.csv)
    s = amortize(float(case["principal"]), float(case["annual_rate"]), int(case["months"]),
                 method=case["method"])
    assert s.first_payment == float(case["first_payment"])
    if case["total_interest"]:
        assert s.total_interest == float(case["total_interest"])
    if case["last_payment"]:
        assert s.payment[-1] == float(case["last_payment"])


def test_l1_equal_installment_rows():
    # docs/rules/loans.md#equal-installment, L-1: 1,000,000, 360 months, 4.90 %
    s = amortize(1_000_000, 0.049, 360)
    assert s.first_payment == 5307.27
    assert s.interest[:2].tolist() == [4083.33, 4078.34]
    assert s.principal[:2].tolist() == [1223.94, 1228.93]
    assert s.payment[-1] == 5305.19
    assert s.total_interest == 910615.12
    # the naive 5,307.27 × 360 − P = 910,617.20 is NOT what the per-month rounding gives
    assert s.total_interest != round(5307.27 * 360 - 1_000_000, 2)
    assert set(s.payment[:-1].tolist()) == {5307.27}
    assert s.months == 360 and s.balance[-1] == 0.0


def test_l7_equal_principal_rows():
    # docs/rules/loans.md#equal-principal, L-7
    s = amortize(1_000_000, 0.049, 360, method="equal_principal")
    assert s.payment[:3].tolist() == [6861.11, 6849.77, 6838.43]
    assert s.principal[0] == 2777.78 and s.interest[0] == 4083.33
    assert s.payment[-1] == 2788.32 and s.principal[-1] == 2776.98
    assert s.total_interest == 737041.08
    assert abs(s.total_interest - 361 / 2 * 1_000_000 * 0.049 / 12) < 1  # closed form 737,041.67


@pytest.mark.parametrize("principal,annual,n,method", [
    ("1000000", "0.049", 360, "equal_installment"),
    ("1000000", "0.049", 360, "equal_principal"),
    ("123456.78", "0.0435", 37, "equal_installment"),
    ("98765.43", "0.03575", 59, "equal_principal"),
    ("600000", "0.026", 240, "equal_installment"),
])
def test_matches_decimal_hand_formula(principal, annual, n, method):
    # independent Decimal implementation of docs/rules/loans.md#equal-installment and docs/rules/loans.md#equal-principal (written out above)
    expected = _decimal_schedule(principal, annual, n, method)
    s = amortize(float(principal), float(annual), n, method=method)
    assert [_fen(x) for x in s.interest] == [int(i * 100) for i, _ in expected]
    assert [_fen(x) for x in s.principal] == [int(p * 100) for _, p in expected]


def test_interest_only():
    # 先息后本: interest each month, principal at the end
    s = amortize(100_000, 0.06, 12, method="interest_only")
    assert s.payment[:-1].tolist() == [500.0] * 11
    assert s.payment[-1] == 100_500.0
    assert s.total_interest == 6000.0
    assert amortize(100_000, 0.06, 12, method=Method.INTEREST_ONLY).first_payment == 500.0


def test_method_spellings():
    base = amortize(10_000, 0.05, 12, method="equal_principal").total_interest
    for spelling in ("equal-principal", "EQUAL_PRINCIPAL", "等额本金", Method.EQUAL_PRINCIPAL):
        assert amortize(10_000, 0.05, 12, method=spelling).total_interest == base
    assert Method("equal_installment") is Method.EQUAL_INSTALLMENT
    assert str(Method.INTEREST_ONLY) == "interest_only"


def test_zero_rate():
    s = amortize(1000, 0.0, 3)
    # 1,000 / 3 = 333.33 a month; the last row takes the 0.01 left over
    assert s.payment.tolist() == [333.33, 333.33, 333.34]
    assert s.total_interest == 0.0


# ---------------------------------------------------------------- dates, first period


def test_l8_first_period_actual_days():
    # docs/rules/loans.md#first-period, L-8: 1,000,000 at 3.5 %, drawn 2025-03-10, first due 2025-04-20 (41 days)
    s = amortize(1_000_000, 0.035, 360, start=dt.date(2025, 3, 10), payment_day=20)
    assert s.date[0] == np.datetime64("2025-04-20")
    assert s.interest[0] == 3986.11
    regular = amortize(1_000_000, 0.035, 360)
    assert regular.interest[0] == 2916.67  # 1,000,000 × 3.5 % / 12 = 2,916.667
    # principal follows the regular schedule; the first payment carries the extra interest
    assert s.principal[0] == regular.principal[0]
    assert s.payment[0] == round(regular.principal[0] + 3986.11, 2)
    assert s.first_payment == 4490.45  # the first regular installment
    assert s.date[1] == np.datetime64("2025-05-20")


def test_dates_month_end_and_payoff():
    s = amortize(12_000, 0.05, 13, start="2024-01-31")
    assert [str(d) for d in s.date[:3]] == ["2024-02-29", "2024-03-31", "2024-04-30"]
    assert s.payoff_date == dt.date(2025, 2, 28)
    assert amortize(12_000, 0.05, 12).payoff_date is None


def test_by_year_totals_add_up():
    s = amortize(1_000_000, 0.049, 360, start="2026-01-15")
    years = s.by_year()
    assert years[0][0] == 2026 and years[-1][0] == 2056
    assert round(sum(r[3] for r in years), 2) == s.total_interest
    assert round(sum(r[2] for r in years), 2) == 1_000_000
    loan_years = amortize(1_000_000, 0.049, 24).by_year()
    assert [r[0] for r in loan_years] == [1, 2]


# ---------------------------------------------------------------- prepayment


def test_l11_prepayment_reduce_and_shorten():
    # docs/rules/loans.md#prepayment, L-11: after 12 payments balance 984,978.39; prepay 200,000
    base = amortize(1_000_000, 0.049, 360)
    assert base.balance[11] == 984978.39
    assert round(base.interest[12:].sum(), 2) == 861949.49  # no prepayment

    reduce = amortize(1_000_000, 0.049, 360, prepayments=[Prepayment(12, 200_000, "reduce")])
    assert reduce.payment[12] == 4229.63
    assert reduce.months == 360
    assert round(reduce.interest[12:].sum(), 2) == 686929.69
    assert reduce.interest_saved == round(861949.49 - 686929.69, 2)

    shorten = amortize(1_000_000, 0.049, 360, prepayments=[(12, 200_000, "shorten")])
    assert shorten.months == 12 + 228
    assert set(shorten.payment[12:-1].tolist()) == {5307.27}
    assert round(shorten.interest[12:].sum(), 2) == 421319.85
    assert shorten.interest_saved == round(861949.49 - 421319.85, 2)
    assert shorten.prepaid[11] == 200_000 and shorten.payment[11] == 205307.27


def test_prepayment_by_date_goes_with_next_installment():
    s = amortize(1_000_000, 0.049, 360, start="2026-01-15",
                 prepayments=[("2027-01-10", 200_000, "reduce")])
    by_period = amortize(1_000_000, 0.049, 360, prepayments=[(12, 200_000, "reduce")])
    assert s.prepaid[11] == 200_000
    assert s.total_interest == by_period.total_interest


def test_several_prepayments_and_full_payoff():
    s = amortize(500_000, 0.04, 120, prepayments=[
        (6, 50_000, "reduce"), (12, 50_000, "shorten"), Prepayment(24, None, "full")])
    assert s.months == 24
    assert s.balance[-1] == 0.0
    assert s.prepaid[[5, 11]].tolist() == [50_000, 50_000]
    assert round(s.principal.sum(), 2) == 500_000
    assert s.interest_saved > 0


def test_prepayment_penalties():
    # 1 % of the prepaid amount, or 2 months of interest on it at 4.9 %/12
    s = amortize(1_000_000, 0.049, 360, prepayments=[Prepayment(12, 200_000, "reduce", penalty_rate=0.01)])
    assert s.penalty[11] == 2000.0 and s.total_penalty == 2000.0
    m = amortize(1_000_000, 0.049, 360, prepayments=[Prepayment(12, 200_000, "reduce", penalty_months=2)])
    assert m.total_penalty == round(200_000 * 0.049 / 12 * 2, 2)  # 1,633.33
    assert m.total_paid == round(m.total_interest + 1_000_000 + m.total_penalty, 2)


def test_equal_principal_prepayment_modes():
    reduce = amortize(120_000, 0.05, 120, method="equal_principal", prepayments=[(10, 30_000, "reduce")])
    shorten = amortize(120_000, 0.05, 120, method="equal_principal", prepayments=[(10, 30_000, "shorten")])
    assert reduce.months == 120 and shorten.months < 120
    assert reduce.principal[10] == round(80_000 / 110, 2)
    assert shorten.principal[10] == 1000.0
    assert shorten.total_interest < reduce.total_interest


# ---------------------------------------------------------------- rate changes, LPR


def test_rate_change_recomputes_payment_on_remaining():
    s = amortize(1_000_000, 0.049, 360, rate_changes=[RateChange(13, 0.035)])
    after = amortize(s.balance[11], 0.035, 348)
    assert s.payment[12] == after.first_payment
    assert s.rate[11] == 0.049 and s.rate[12] == 0.035
    by_date = amortize(1_000_000, 0.049, 360, start="2026-01-15", rate_changes=[("2027-01-15", "3.5%")])
    assert by_date.total_interest == s.total_interest


def test_repricing_to_the_same_rate_keeps_the_installment():
    # A bank keeps the installment when a repricing leaves the rate as it was (LPR unchanged);
    # recomputing it on the rounded balance would move it by a fen back and forth
    # (5,307.26 / 5,307.32 on L-1) and change the total interest for no reason.
    plain = amortize(1_000_000, 0.049, 360)
    yearly = amortize(1_000_000, 0.049, 360, rate_changes=[(k, 0.049) for k in range(13, 360, 12)])
    assert yearly.total_interest == plain.total_interest == 910615.12
    assert np.array_equal(yearly.payment, plain.payment)
    # 2019 loan at 4.90 %, LPR + 10 bp: from 2026 the LPR path stays at 3.50 %, so every
    # installment from 2026-02-15 to the last but one is the same
    s = amortize(1_000_000, 0.049, 360, start="2019-06-15", lpr_path=LPR_5Y, lpr_spread=0.001)
    dates = s.date.astype("datetime64[D]")
    later = s.payment[(dates >= np.datetime64("2026-02-15"))][:-1]
    assert np.unique(later).size == 1


def test_l12_lpr_repricing():
    # docs/rules/lpr.md#repricing, L-12: 5y LPR + 10 bp; 2025-01-01 uses 3.60 % → 3.70 %;
    # the 2025-06-15 anniversary uses the 2025-05-20 LPR 3.50 % → 3.60 %
    assert lpr_on(dt.date(2025, 1, 1), LPR_5Y) == 0.036
    jan = lpr_rate_changes(dt.date(2019, 6, 15), 360, spread=0.001, lpr_path=LPR_5Y)
    assert {c.at: round(c.annual_rate, 7) for c in jan}[dt.date(2025, 1, 1)] == 0.037
    anniv = lpr_rate_changes(dt.date(2019, 6, 15), 360, spread=0.001, lpr_path=LPR_5Y,
                             repricing="anniversary")
    assert {c.at: round(c.annual_rate, 7) for c in anniv}[dt.date(2025, 6, 15)] == 0.036
    s = amortize(1_000_000, 0.049, 360, start="2019-06-15", lpr_path=LPR_5Y, lpr_spread=0.001)
    dates = s.date.astype("datetime64[D]")
    assert s.rate[dates == np.datetime64("2025-01-15")][0] == 0.043  # period began 2024-12-15: 2024 rate 4.20 % + 10 bp
    assert s.rate[dates == np.datetime64("2025-02-15")][0] == 0.037  # first period from 2025-01-15
    assert round(s.principal.sum(), 2) == 1_000_000


# ---------------------------------------------------------------- results


def test_result_shapes_and_dict():
    s = amortize(100_000, 0.05, 12, start="2026-01-15", prepayments=[(6, 10_000)])
    data = json.loads(json.dumps(s.to_dict()))
    assert data["method"] == "equal_installment" and data["start"] == "2026-01-15"
    assert len(data["schedule"]) == s.months
    assert data["schedule"][5]["prepaid"] == 10_000
    assert s.rows()[0][:2] == [1, dt.date(2026, 2, 15)]
    assert len(s.rows()[0]) == len(s.headers)
    assert s == amortize(100_000, 0.05, 12, start="2026-01-15", prepayments=[(6, 10_000)])


# ---------------------------------------------------------------- errors


@pytest.mark.parametrize("kwargs,field", [
    ({"months": 0}, "months"),
    ({"months": -12}, "months"),
    ({"months": 12.5}, "months"),
    ({"annual_rate": 4.9}, "annual_rate"),
    ({"annual_rate": -0.01}, "annual_rate"),
    ({"principal": 0}, "principal"),
    ({"principal": -100}, "principal"),
    ({"principal": 2e9}, "principal"),
    ({"method": "weekly"}, "method"),
    ({"start": "2026-02-30"}, "start"),
    ({"payment_day": 32, "start": "2026-01-01"}, "payment_day"),
    ({"payment_day": 5}, "start"),
    ({"prepayments": [(12, 2_000_000)]}, "prepayments"),           # larger than the balance
    ({"prepayments": [(120, 1000)]}, "prepayments"),               # after payoff (term 120)
    ({"prepayments": [(60, 1000), (30, 1000)]}, "prepayments"),    # out of order
    ({"prepayments": [(6, 1000, "sideways")]}, "prepayments"),
    ({"prepayments": [("2026-06-01", 1000)]}, "start"),            # dated without a start
    ({"prepayments": [("2020-06-01", 1000)], "start": "2026-01-01"}, "prepayments"),
    ({"prepayments": [("2040-06-01", 1000)], "start": "2026-01-01"}, "prepayments"),
    ({"rate_changes": [("2027-01-01", 0.03), ("2026-06-01", 0.04)], "start": "2026-01-01"}, "rate_changes"),
    ({"rate_changes": [(13, 3.5)]}, "rate_changes"),
    ({"rate_changes": [(13,)]}, "rate_changes"),
    ({"lpr_spread": 0.001}, "start"),
    ({"lpr_spread": 0.001, "start": "2026-01-01"}, "lpr_path"),
])
def test_bad_input(kwargs, field):
    args = {"principal": 100_000, "annual_rate": 0.049, "months": 120}
    args.update(kwargs)
    with pytest.raises(InputError) as info:
        amortize(args.pop("principal"), args.pop("annual_rate"), args.pop("months"), **args)
    assert info.value.field == field
    assert info.value.hint


def test_prepayment_after_early_payoff():
    with pytest.raises(InputError) as info:
        amortize(100_000, 0.05, 120, prepayments=[(10, 90_000, "shorten"), (100, 1000)])
    assert info.value.field == "prepayments"


def test_rate_message_wording():
    with pytest.raises(InputError) as info:
        amortize(100_000, 4.9, 120)
    assert "4.9%" in str(info.value) and "0.049" in str(info.value)


def test_errors_pickle():
    with pytest.raises(InputError) as info:
        amortize(100_000, 0.05, 0)
    again = pickle.loads(pickle.dumps(info.value))
    assert again.field == "months"


# ---------------------------------------------------------------- invariants (hypothesis)



@given(loan_principals, loan_rates, loan_terms, loan_methods)
def test_principal_sums_to_the_loan(principal, rate, months, method):
    s = amortize(principal, rate, months, method=method)
    assert sum(_fen(x) for x in s.principal) == _fen(principal)
    assert sum(_fen(x) for x in s.interest) == _fen(s.total_interest)
    assert sum(_fen(x) for x in s.payment) == _fen(s.total_paid)
    assert s.balance[-1] == 0 and (s.balance >= 0).all()


@given(loan_principals, loan_rates, loan_terms)
def test_equal_installment_constant_but_last(principal, rate, months):
    s = amortize(principal, rate, months)
    assert len(set(s.payment[:-1].tolist())) <= 1
    if s.months > 1:
        assert s.payment[0] == s.first_payment


@given(loan_principals, loan_rates, loan_terms)
def test_equal_principal_interest_never_rises(principal, rate, months):
    s = amortize(principal, rate, months, method="equal_principal")
    assert (np.diff(s.interest) <= 0).all()


@settings(max_examples=40)
@given(st.integers(min_value=2_000_000, max_value=500_000_000).map(lambda fen: fen / 100),
       loan_rates, st.integers(min_value=3, max_value=600), loan_methods, st.data())
def test_any_allowed_prepayment_lowers_interest_and_shorten_saves_more(principal, rate, months, method, data):
    # Any prepayment of at least the 10,000 yuan minimum (loans.MIN_PREPAYMENT), exact to the fen:
    # the saving (≈ A·r(m+1)/2 at small rates) dominates the re-rounding residue of 'reduce'
    # (≤ 0.02·((1+r)^m − 1)/r yuan) for every rate from 0.01 % — also checked offline on
    # 5,000 random loans (terms 2…600, rates 0.01…24 %, amounts just above the minimum).
    after = data.draw(st.integers(min_value=1, max_value=months - 1))
    base = amortize(principal, rate, months, method=method)
    balance = base.balance[after - 1]
    assume(balance > loans.MIN_PREPAYMENT)
    amount = data.draw(st.integers(min_value=1_000_000, max_value=_fen(balance) - 1)) / 100
    reduce = amortize(principal, rate, months, method=method, prepayments=[(after, amount, "reduce")])
    shorten = amortize(principal, rate, months, method=method, prepayments=[(after, amount, "shorten")])
    for s in (reduce, shorten):
        assert s.interest_saved == round(base.total_interest - s.total_interest, 2)
        assert sum(_fen(x) for x in s.principal) == _fen(principal)
        if rate > 0 and method != "interest_only":
            assert s.total_interest < base.total_interest
        else:
            assert s.total_interest <= base.total_interest
    assert shorten.interest_saved >= reduce.interest_saved


def test_tiny_reduce_prepayment_can_cost_fen():
    # Why the minimum: 'reduce' re-rounds the installment (docs/rules/loans.md#equal-installment rounding), and a prepayment
    # of 1 yuan on L-1 after 12 installments moves the residue by more than it saves:
    # the balance 984,978.39 → 984,977.39 re-rounds M' to 5,307.26 (one fen less), total interest +0.62.
    base = amortize(1_000_000, 0.049, 360)
    tiny = amortize(1_000_000, 0.049, 360, prepayments=[(12, 1, "reduce")], min_prepayment=0)
    assert tiny.payment[12] == 5307.26
    assert tiny.interest_saved == -0.62
    assert tiny.total_interest == round(base.total_interest + 0.62, 2)
    # 'shorten' keeps the installment: every later balance is lower, so it never costs
    shorter = amortize(1_000_000, 0.049, 360, prepayments=[(12, 1, "shorten")], min_prepayment=0)
    assert shorter.interest_saved >= 0


def test_minimum_prepayment():
    with pytest.raises(InputError) as info:
        amortize(1_000_000, 0.049, 360, prepayments=[(12, 9_999.99, "reduce")])
    assert info.value.field == "prepayments" and "10,000.00" in info.value.hint
    assert amortize(1_000_000, 0.049, 360, prepayments=[(12, 10_000, "reduce")]).interest_saved > 0
    assert amortize(1_000_000, 0.049, 360, prepayments=[(12, 5_000)], min_prepayment=5_000).months < 360
    # below the minimum, the whole balance (or mode 'full') still pays the loan off
    small = amortize(20_000, 0.05, 12)
    rest = small.balance[9]
    assert rest < 10_000
    assert amortize(20_000, 0.05, 12, prepayments=[(10, rest)]).months == 10
    assert amortize(20_000, 0.05, 12, prepayments=[(10, None, "full")]).months == 10
    for bad in (-1, "1万", float("nan"), True):
        with pytest.raises(InputError) as info:
            amortize(20_000, 0.05, 12, prepayments=[(10, rest)], min_prepayment=bad)
        assert info.value.field == "min_prepayment"

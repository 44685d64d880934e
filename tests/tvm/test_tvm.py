"""Tests for wealthcalc.tvm: spreadsheet references, numpy-financial parity,
invariants, the peers' known defects, and error paths."""

from __future__ import annotations

import datetime as dt
import warnings
from decimal import Decimal, getcontext

import numpy as np
import numpy_financial as npf  # the reference implementation
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.support import DATA
from wealthcalc import tvm
from wealthcalc.errors import InputError

XIRR_DATES = ["2008-01-01", "2008-03-01", "2008-10-30", "2009-02-15", "2009-04-01"]
XIRR_AMOUNTS = [-10000, 2750, 4250, 3250, 2750]


def _quiet(func, *args, **kwargs):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return func(*args, **kwargs)


# ---------------------------------------------------------------- Excel's documented examples


@pytest.mark.parametrize(
    "value, expected, digits",
    [
        # Excel PMT doc: =PMT(8%/12, 10, 10000) -> -1,037.03
        (lambda: tvm.pmt(0.08 / 12, 10, 10000), -1037.03, 2),
        # Excel PMT doc: =PMT(6%/12, 18*12, 0, 50000) -> -129.08
        (lambda: tvm.pmt(0.06 / 12, 18 * 12, 0, 50000), -129.08, 2),
        # Excel IPMT doc: =IPMT(10%/12, 1, 3*12, 8000) -> -66.67; =IPMT(10%, 3, 3, 8000) -> -292.45
        (lambda: tvm.ipmt(0.10 / 12, 1, 36, 8000), -66.67, 2),
        (lambda: tvm.ipmt(0.10, 3, 3, 8000), -292.45, 2),
        # Excel PPMT doc: =PPMT(10%/12, 1, 2*12, 2000) -> -75.62; =PPMT(8%, 10, 10, 200000) -> -27,598.05
        (lambda: tvm.ppmt(0.10 / 12, 1, 24, 2000), -75.62, 2),
        (lambda: tvm.ppmt(0.08, 10, 10, 200000), -27598.05, 2),
        # Excel NPER doc: 59.6738657, 60.0821229, -9.57859404
        (lambda: tvm.nper(0.12 / 12, -100, -1000, 10000, 1), 59.6738657, 7),
        (lambda: tvm.nper(0.12 / 12, -100, -1000, 10000), 60.0821229, 7),
        (lambda: tvm.nper(0.12 / 12, -100, -1000), -9.57859404, 8),
        # Excel FV doc: =FV(6%/12, 10, -200, -500, 1) -> 2,581.40; =FV(12%/12, 12, -1000) -> 12,682.50;
        # =FV(11%/12, 35, -2000, , 1) -> 82,846.25
        (lambda: tvm.fv(0.06 / 12, 10, -200, -500, 1), 2581.40, 2),
        (lambda: tvm.fv(0.12 / 12, 12, -1000, 0), 12682.50, 2),
        (lambda: tvm.fv(0.11 / 12, 35, -2000, 0, "begin"), 82846.25, 2),
        # Excel PV doc: =PV(8%/12, 12*20, 500, , 0) -> -59,777.15
        (lambda: tvm.pv(0.08 / 12, 240, 500), -59777.15, 2),
        # Excel RATE doc: =RATE(4*12, -200, 8000) -> 1% monthly (displayed), 9.24% a year
        (lambda: tvm.rate(48, -200, 8000) * 12, 0.0924, 4),
        # Excel NPV doc: =NPV(10%, -10000, 3000, 4200, 6800) -> 1,188.44 (Excel discounts the
        # first value one period, so it becomes t=1 here)
        (lambda: tvm.npv(0.10, [0, -10000, 3000, 4200, 6800]), 1188.44, 2),
        # Excel NPV doc: =NPV(8%, B3:B7) + B2 -> 1,922.06; with -9000 in year 6 -> -3,749.47
        (lambda: tvm.npv(0.08, [0, 8000, 9200, 10000, 12000, 14500]) - 40000, 1922.06, 2),
        (lambda: tvm.npv(0.08, [0, 8000, 9200, 10000, 12000, 14500, -9000]) - 40000, -3749.47, 2),
        # Excel IRR doc: -2.1% after four years, 8.7% after five, -44.4% after two (guess -10%)
        (lambda: tvm.irr([-70000, 12000, 15000, 18000, 21000]), -0.021, 3),
        (lambda: tvm.irr([-70000, 12000, 15000, 18000, 21000, 26000]), 0.087, 3),
        (lambda: tvm.irr([-70000, 12000, 15000], guess=-0.1), -0.444, 3),
        # Excel MIRR doc: 12.61% (0.126094); -4.80% after three years; 13.48% reinvested at 14%
        (lambda: tvm.mirr([-120000, 39000, 30000, 21000, 37000, 46000], 0.10, 0.12), 0.126094, 6),
        (lambda: tvm.mirr([-120000, 39000, 30000, 21000], 0.10, 0.12), -0.0480, 4),
        (lambda: tvm.mirr([-120000, 39000, 30000, 21000, 37000, 46000], 0.10, 0.14), 0.1348, 4),
        # Excel XNPV doc: 2,086.65 at 9%; XIRR doc: 0.373362535
        (lambda: tvm.xnpv(0.09, XIRR_DATES, XIRR_AMOUNTS), 2086.65, 2),
        # (Excel stops its Newton iteration early; the root is 0.3733625335188..., 1e-9 below)
        (lambda: tvm.xirr(XIRR_DATES, XIRR_AMOUNTS), 0.373362535, 8),
        # Excel EFFECT doc: EFFECT(5.25%, 4) -> 0.0535427; NOMINAL doc: NOMINAL(5.3543%, 4) -> 0.05250032
        (lambda: tvm.effect(0.0525, 4), 0.0535427, 7),
        (lambda: tvm.nominal(0.053543, 4), 0.05250032, 8),
    ],
)
def test_excel_documented_examples(value, expected, digits):
    assert abs(float(value()) - expected) <= 10.0 ** -digits / 2 + 1e-12


def test_reference_loan_vectors():
    # docs/rules/loans.md#equal-installment L-1, L-3, L-6: 等额本息 monthly payment
    assert round(-tvm.pmt(0.049 / 12, 360, 1_000_000), 2) == 5307.27
    assert round(-tvm.pmt(0.026 / 12, 240, 600_000), 2) == 3208.73
    assert round(-tvm.pmt(0.0435 / 12, 36, 200_000), 2) == 5935.99
    # docs/rules/loans.md#equal-installment L-2, L-4, L-5
    assert round(-tvm.pmt(0.035 / 12, 360, 1_000_000), 2) == 4490.45
    assert round(-tvm.pmt(0.0285 / 12, 240, 600_000), 2) == 3282.71
    assert round(-tvm.pmt(0.031 / 12, 240, 600_000), 2) == 3357.70
    # docs/rules/apr.md L-13: i = 1.0862 % a month
    assert round(tvm.rate(12, -1072, 12000) * 100, 4) == 1.0862
    # docs/rules/apr.md L-13, L-14, L-15, L-16: APR = 12 x monthly IRR of the installments
    assert round(tvm.rate(12, -1072, 12000) * 12, 4) == 0.1303
    assert round(tvm.rate(24, -572, 12000) * 12, 4) == 0.1327
    assert round(tvm.rate(12, -1090, 12000) * 12, 4) == 0.1622
    assert round(tvm.rate(36, -3000, 100000) * 12, 4) == 0.0506
    # L-13's effective annual rate 13.84%
    assert round(float(tvm.effect(tvm.rate(12, -1072, 12000) * 12, 12)), 4) == 0.1384


def test_reference_dca_xirr():
    # docs/rules/dca.md#return-measures DC-1: 12 debits of 1,000 (rolled dates), value 13,997.68 -> XIRR 0.31995
    dates = ["2024-01-08", "2024-02-08", "2024-03-08", "2024-04-08", "2024-05-08", "2024-06-11",
             "2024-07-08", "2024-08-08", "2024-09-09", "2024-10-08", "2024-11-08", "2024-12-09",
             "2025-01-08"]
    assert round(tvm.xirr(dates, [-1000] * 12 + [13997.68]), 5) == 0.31995


# ---------------------------------------------------------------- numpy-financial's docstring examples


def test_numpy_financial_docstring_examples():
    assert tvm.fv(0.05 / 12, 10 * 12, -100, -100) == pytest.approx(15692.928894335748, rel=1e-12)
    assert tvm.pmt(0.075 / 12, 12 * 15, 200000) == pytest.approx(-1854.0247200054619, rel=1e-12)
    assert tvm.pv(0.05 / 12, 10 * 12, -100, 15692.93) == pytest.approx(-100.00067131625819, rel=1e-10)
    assert round(tvm.nper(0.07 / 12, -150, 8000), 5) == 64.07335
    grid = tvm.nper(*(np.ogrid[0.07 / 12: 0.08 / 12: 0.01 / 12, -150: -99: 50, 8000: 9001: 1000]))
    expected = [[[64.07334877, 74.06368256], [108.07548412, 127.99022654]],
                [[66.12443902, 76.87897353], [114.70165583, 137.90124779]]]
    np.testing.assert_allclose(grid, expected, rtol=1e-9)
    assert [round(tvm.irr(v), 5) for v in (
        [-100, 39, 59, 55, 20], [-100, 0, 0, 74], [-100, 100, 0, -7], [-100, 100, 0, 7], [-5, 10.5, 1, -8, 1]
    )] == [0.28095, -0.0955, -0.0833, 0.06206, 0.0886]
    assert round(tvm.npv(0.08, [-40_000, 5_000, 8_000, 12_000, 30_000]), 5) == 3065.22267
    per = np.arange(12) + 1
    ip, pp = tvm.ipmt(0.0824 / 12, per, 12, 2500), tvm.ppmt(0.0824 / 12, per, 12, 2500)
    assert np.round(ip[:3], 2).tolist() == [-17.17, -15.79, -14.40]
    assert np.round(pp[:3], 2).tolist() == [-200.58, -201.96, -203.35]
    assert round(ip.sum(), 2) == -112.98


# ---------------------------------------------------------------- parity with numpy-financial


def _random_loans(n, seed):
    rng = np.random.default_rng(seed)
    rate = rng.uniform(-0.05, 0.05, n)
    nper = rng.integers(1, 400, n).astype(float)
    per = np.floor(rng.uniform(0, 1, n) * nper) + 1
    return rate, per, nper, rng.uniform(-1e6, 1e6, n), rng.uniform(-1e5, 1e5, n), rng.integers(0, 2, n)


def test_matches_numpy_financial_on_random_inputs():
    r, per, n, pv, fv, w = _random_loans(5000, 1)
    payment = tvm.pmt(r, n, pv, fv, w)
    np.testing.assert_allclose(payment, npf.pmt(r, n, pv, fv, w), rtol=1e-9, atol=1e-6)
    np.testing.assert_allclose(tvm.fv(r, n, -1000, pv, w), npf.fv(r, n, -1000, pv, w), rtol=1e-9, atol=1e-6)
    np.testing.assert_allclose(tvm.pv(r, n, -1000, fv, w), npf.pv(r, n, -1000, fv, w), rtol=1e-9, atol=1e-6)
    np.testing.assert_allclose(tvm.nper(r, payment, pv, fv, w), npf.nper(r, payment, pv, fv, w), rtol=1e-7)
    # numpy-financial loses digits to cancellation late in long loans: compare loosely here,
    # exactly against Decimal in test_ipmt_exact_where_numpy_financial_cancels
    np.testing.assert_allclose(tvm.ipmt(r, per, n, pv, fv, w), npf.ipmt(r, per, n, pv, fv, w), rtol=1e-5, atol=1e-3)
    np.testing.assert_allclose(tvm.ppmt(r, per, n, pv, fv, w), npf.ppmt(r, per, n, pv, fv, w), rtol=1e-5, atol=1e-3)


@pytest.mark.parametrize("when", ["end", "begin", 0, 1, "e", "b", "start", "finish"])
def test_scalar_when_matches_numpy_financial(when):
    got = [tvm.pmt(0.01, 12, 1000, 50, when), tvm.fv(0.01, 12, -10, 100, when),
           tvm.pv(0.01, 12, -10, 100, when), tvm.nper(0.01, -10, 100, 0, when),
           tvm.rate(12, -10, 100, 0, when), tvm.ipmt(0.01, 3, 12, 1000, 0, when),
           tvm.ppmt(0.01, 3, 12, 1000, 0, when)]
    want = [npf.pmt(0.01, 12, 1000, 50, when), npf.fv(0.01, 12, -10, 100, when),
            npf.pv(0.01, 12, -10, 100, when), npf.nper(0.01, -10, 100, 0, when),
            npf.rate(12, -10, 100, 0, when), npf.ipmt(0.01, 3, 12, 1000, 0, when),
            npf.ppmt(0.01, 3, 12, 1000, 0, when)]
    np.testing.assert_allclose(got, want, rtol=1e-10)


def test_rate_matches_numpy_financial_where_it_converges():
    rng = np.random.default_rng(7)
    n = rng.integers(6, 360, 300).astype(float)
    true = rng.uniform(0.0005, 0.03, 300)
    pv = rng.uniform(1e3, 1e6, 300)
    payment = tvm.pmt(true, n, pv)
    ours = tvm.rate(n, payment, pv, 0)
    theirs = _quiet(npf.rate, n, payment, pv, 0)
    np.testing.assert_allclose(ours, true, rtol=1e-8)
    assert np.isnan(theirs).all() or np.allclose(ours, theirs, rtol=1e-8)


def _npf_current_irr(values):
    """numpy-financial's current irr (2.0): the polynomial's real roots 1+r, r >= -1, and among
    several the non-negative ones if any, then the smallest in magnitude (its
    _irr_default_selection). numpy-financial 1.0.0 took the smallest in magnitude of all."""
    values = np.asarray(values, dtype=float)
    if np.all(values > 0) if values[0] > 0 else np.all(values < 0):
        return np.nan
    g = np.roots(values)
    eirr = np.real(g[np.isreal(g)]) - 1
    eirr = eirr[eirr >= -1]
    if eirr.size == 0:
        return np.nan
    if eirr.size > 1 and (eirr >= 0).any() and (eirr < 0).any():
        eirr = eirr[eirr >= 0]
    return float(eirr[np.argmin(np.abs(eirr))])


def test_irr_matches_numpy_financial_on_random_flows():
    rng = np.random.default_rng(5)
    for _ in range(400):  # many with several sign changes: the root numpy-financial picks
        flows = np.round(rng.normal(size=rng.integers(2, 10)) * 100, 2)
        want, got = _npf_current_irr(flows), tvm.irr(flows)
        assert np.isnan(want) == np.isnan(got), flows
        if not np.isnan(want):
            assert got == pytest.approx(want, rel=1e-8, abs=1e-10), flows


def test_scalars_in_scalars_out_and_arrays_broadcast():
    assert isinstance(tvm.pmt(0.01, 12, 1000), float)
    out = tvm.pmt([[0.01], [0.02]], [12, 24, 36], 1000)
    assert out.shape == (2, 3)
    assert out[1, 2] == pytest.approx(npf.pmt(0.02, 36, 1000))
    assert tvm.pmt(Decimal("0.01"), 12, 1000) == pytest.approx(npf.pmt(0.01, 12, 1000))
    assert tvm.irr([[-100, 110, 0], [-100, 0, 121]]).tolist() == pytest.approx([0.1, 0.1])
    assert tvm.npv([0.0, 0.1], [-100, 110]).tolist() == pytest.approx([10.0, 0.0], abs=1e-12)
    # npv: every rate against every row, as numpy-financial's current npv (rates down, series across)
    both = tvm.npv([0.1, 0.2], [[-100, 110], [-100, 120]])
    assert both.shape == (2, 2)
    assert both[0, 0] == pytest.approx(0, abs=1e-12) and both[1, 1] == pytest.approx(0, abs=1e-12)
    assert both[1, 0] == pytest.approx(-100 + 110 / 1.2) and both[0, 1] == pytest.approx(-100 + 120 / 1.1)
    # xnpv keeps a rate per row
    dates = ["2023-01-01", "2024-01-01"]  # 365 days
    got = tvm.xnpv([0.1, 0.2], dates, [[-100, 110], [-100, 120]])
    assert got.tolist() == pytest.approx([0, 0], abs=1e-12)


def test_rate_zero_is_exact():
    assert tvm.pmt(0, 10, 1000) == -100.0
    assert tvm.pmt(0, 10, 1000, 500, "begin") == -150.0
    assert tvm.fv(0, 10, -100, -1000) == 2000.0
    assert tvm.pv(0, 10, -100, 0) == 1000.0
    assert tvm.ipmt(0, 3, 10, 1000) == 0.0
    assert tvm.ppmt(0, 3, 10, 1000) == -100.0
    assert tvm.npv(0, [-100, 30, 70]) == 0.0
    assert tvm.effect(0, 12) == 0.0
    assert tvm.pmt(np.array([0.0, 0.01]), 10, 1000)[0] == -100.0


def test_ipmt_ppmt_outside_the_term_are_nan():
    # numpy-financial tests/test_financial.py::TestIpmt::test_broadcasting: per 0 -> nan, then
    # -16.66666667, -16.03647345, -15.40102862, -14.76028842 (Google Sheets IPMT)
    np.testing.assert_allclose(tvm.ipmt(0.1 / 12, np.arange(5), 24, 2000),
                               [np.nan, -16.66666667, -16.03647345, -15.40102862, -14.76028842], rtol=1e-6)
    # numpy-financial TestPpmt::test_invalid_per: ppmt(0.1/12, 0, 60, 15000) -> nan
    assert np.isnan(tvm.ppmt(0.1 / 12, 0, 60, 15000))
    # pyxirr tests/test_periodic.rs: ipmt/ppmt at per 0 and per nper + 1 -> None; ppmt(0.05, [0, 11], 10, -100)
    assert np.isnan(tvm.ipmt(0.05, 0, 10, -100)) and np.isnan(tvm.ipmt(0.05, 12, 10, -100))
    assert np.isnan(tvm.ppmt(0.05, [0, 11], 10, -100)).all()
    # numpy-financial TestIpmt::test_gh_17: per 0 -> nan, 1 -> 0, 2 -> -594.107158, 3 -> -592.971592
    got = tvm.ipmt(0.001988079518355057, [0, 1, 2, 3], 360, 300000, when="begin")
    assert np.isnan(got[0]) and got[1] == 0
    np.testing.assert_allclose(got[2:], [-594.107158, -592.971592], rtol=1e-6)
    # the last payment is still a payment
    assert np.isfinite(tvm.ipmt(0.01, 12, 12, 1000)) and np.isfinite(tvm.ppmt(0.01, 12, 12, 1000))


@pytest.mark.parametrize("rate", [-1, -1.0, [-1.0, 0.1]])
def test_npv_at_minus_100_percent_is_nan(rate):
    # numpy-financial TestNpv::test_rate_of_negative_one_returns_nan: npv(-1, arange(5)) -> nan
    got = np.atleast_1d(tvm.npv(rate, np.arange(5)))
    assert np.isnan(got[0])
    if got.size > 1:
        assert got[1] == pytest.approx(npf.npv(0.1, np.arange(5)))


def test_npv_and_mirr_broadcast_like_numpy_financial():
    # numpy-financial npv docstring: rates [0, .05, .1] against two series -> 3 x 2
    got = tvm.npv([0.00, 0.05, 0.10], [[-4_000, 500, 800], [-5_000, 600, 900]])
    np.testing.assert_allclose(got, [[-2700.0, -3500.0], [-2798.19, -3612.24], [-2884.30, -3710.74]], atol=0.005)
    # numpy-financial TestNpv::test_npv: npv(0.05, [-15000, 1500, 2500, 3500, 4500, 6000]) -> 122.89
    assert tvm.npv(0.05, [-15000.0, 1500.0, 2500.0, 3500.0, 4500.0, 6000.0]) == pytest.approx(122.89, abs=0.005)
    # a scalar rate against rows: one value per row
    assert tvm.npv(0.1, [[-100, 110], [-100, 121]]).tolist() == pytest.approx([0, 10], abs=1e-12)
    # numpy-financial TestMirr::test_mirr_broadcast (Google Sheets): 3 series x 3 rate pairs
    values = [[-4500, -800, 800, 800, 600], [-120000, 39000, 30000, 21000, 37000], [100, 200, -50, 300, -200]]
    expected = [[-0.1784449, -0.17328716, -0.1684366], [0.04627293, 0.05437856, 0.06252201],
                [0.35712458, 0.40628857, 0.44435295]]
    np.testing.assert_allclose(tvm.mirr(values, [0.05, 0.08, 0.10], [0.08, 0.10, 0.12]), expected, rtol=1e-7)
    # numpy-financial TestMirr::test_mirr cases, one series at a time and all rows at once
    assert tvm.mirr([-4500, -800, 800, 800, 600, 600, 800, 800, 700, 3000], 0.08, 0.055) == \
        pytest.approx(0.0666, abs=1e-4)
    assert tvm.mirr([100, 200, -50, 300, -200], 0.05, 0.06) == pytest.approx(0.3428, abs=1e-4)
    rows = tvm.mirr([[100, 200, -50, 300, -200], [39000, 30000, 21000, 37000, 46000]], 0.05, 0.06)
    assert rows[0] == pytest.approx(0.3428, abs=1e-4) and np.isnan(rows[1])
    with pytest.raises(InputError) as info:
        tvm.mirr(values, [0.05, 0.08], [0.08, 0.10, 0.12])
    assert info.value.field == "reinvest_rate"


@pytest.mark.parametrize(
    "func, start, end, expected, digits",
    [
        # Excel CUMIPMT documentation example: rate 9%/12, nper 30*12, pv 125000, periods 13-24, type 0
        # -> -11135.23213; the first month (1, 1) -> -937.5
        (tvm.cumipmt, 13, 24, -11135.23213, 5),
        (tvm.cumipmt, 1, 1, -937.5, 10),
        # Excel CUMPRINC documentation example: the same loan, periods 13-24 -> -934.1071234;
        # the first month -> -68.27827118
        (tvm.cumprinc, 13, 24, -934.1071234, 7),
        (tvm.cumprinc, 1, 1, -68.27827118, 8),
    ],
)
def test_cumipmt_cumprinc_excel_examples(func, start, end, expected, digits):
    # as displayed: within half a unit of the last digit shown
    assert func(0.09 / 12, 30 * 12, 125000, start, end) == pytest.approx(expected, abs=10.0 ** -digits / 2)
    assert func(0.09 / 12, 30 * 12, 125000, start, end, 0) == func(0.09 / 12, 360, 125000, start, end)


def test_cumipmt_cumprinc_are_sums_of_ipmt_ppmt():
    rng = np.random.default_rng(17)
    for _ in range(200):
        rate, n, pv = rng.uniform(1e-4, 0.05), int(rng.integers(1, 480)), rng.uniform(1e3, 1e7)
        start = int(rng.integers(1, n + 1))
        end = int(rng.integers(start, n + 1))
        when = ["end", "begin"][int(rng.integers(0, 2))]
        per = np.arange(start, end + 1)
        assert tvm.cumipmt(rate, n, pv, start, end, when) == pytest.approx(
            tvm.ipmt(rate, per, n, pv, 0, when).sum(), rel=1e-9, abs=1e-6)
        assert tvm.cumprinc(rate, n, pv, start, end, when) == pytest.approx(
            tvm.ppmt(rate, per, n, pv, 0, when).sum(), rel=1e-9, abs=1e-6)
    # arrays broadcast: interest year by year over a 30-year loan
    years = np.arange(30)
    by_year = tvm.cumipmt(0.049 / 12, 360, 1_000_000, 12 * years + 1, 12 * years + 12)
    assert by_year.shape == (30,) and (np.diff(by_year) > 0).all()  # less interest each year
    assert by_year.sum() == pytest.approx(tvm.cumipmt(0.049 / 12, 360, 1_000_000, 1, 360), rel=1e-12)


@pytest.mark.parametrize(
    "args",
    [
        # where Excel gives #NUM!: rate <= 0, nper <= 0, pv <= 0, start < 1, end < 1, start > end;
        # and an end after nper (no such payment, as ipmt)
        (0.0, 12, 1000, 1, 12), (-0.01, 12, 1000, 1, 12), (0.01, 0, 1000, 1, 1), (0.01, 12, 0, 1, 12),
        (0.01, 12, -1000, 1, 12), (0.01, 12, 1000, 0, 12), (0.01, 12, 1000, 1, 0), (0.01, 12, 1000, 6, 5),
        (0.01, 12, 1000, 1, 13),
    ],
)
def test_cumipmt_cumprinc_nan_where_excel_refuses(args):
    assert np.isnan(tvm.cumipmt(*args)) and np.isnan(tvm.cumprinc(*args))


def test_cumipmt_truncates_periods_like_excel_and_checks_when():
    assert tvm.cumipmt(0.0075, 360.9, 125000, 13.5, 24.99) == tvm.cumipmt(0.0075, 360, 125000, 13, 24)
    with pytest.raises(InputError) as info:
        tvm.cumipmt(0.0075, 360, 125000, 13, 24, 2)
    assert info.value.field == "when"


# ---------------------------------------------------------------- the peers' defects, fixed


def test_nper_zero_rate_sign():
    # numpy-financial 1.0.0 says -10: 10 payments of 100 repay 1,000 at 0%
    assert tvm.nper(0, -100, 1000) == 10.0
    # and an array holding one zero rate is not solved as if every rate were zero
    out = tvm.nper([0.0, 0.07 / 12], -150, 8000)
    assert out[0] == pytest.approx(8000 / 150)
    assert out[1] == pytest.approx(64.07334877, rel=1e-9)


def test_rate_one_failure_does_not_spoil_the_array():
    # the second loan has no solution (paying out while receiving the loan back with interest)
    got = tvm.rate([48, 48], [-200, 200], [8000, 8000], [0, 0])
    assert got[0] == pytest.approx(0.0077014724882, rel=1e-9)
    assert np.isnan(got[1])
    assert np.isnan(_quiet(npf.rate, [48, 48], [-200, 200], [8000, 8000], [0, 0])).all()


def test_rate_finds_roots_newton_misses():
    # 30% a period over 120 periods: numpy-financial's Newton from 10% fails (nan)
    payment = tvm.pmt(0.3, 120, 1000)
    assert np.isnan(_quiet(npf.rate, 120, payment, 1000, 0))
    assert tvm.rate(120, payment, 1000) == pytest.approx(0.3, rel=1e-9)
    # 60% over 24: numpy-financial lands on -194%, which is no rate; the real root is 60%
    payment = tvm.pmt(0.6, 24, 1000)
    assert _quiet(npf.rate, 24, payment, 1000, 0) < -1
    assert tvm.rate(24, payment, 1000) == pytest.approx(0.6, rel=1e-9)


def test_pmt_very_long_terms():
    # mathematically the interest only: 1% of 1,000 (numpy-financial gives nan)
    assert tvm.pmt(0.01, 100000, 1000) == -10.0
    assert np.isnan(_quiet(npf.pmt, 0.01, 100000, 1000))
    assert tvm.ipmt(0.01, 1, 100000, 1000) == pytest.approx(-10.0)
    assert tvm.ppmt(0.01, 1, 100000, 1000) == pytest.approx(0.0, abs=1e-12)
    assert tvm.pv(0.01, 100000, -10) == pytest.approx(1000.0)


def _exact_ipmt(rate, per, nper, pv, fv, begin):
    """Interest part by the balance formula in 60-digit Decimal (independent of float)."""
    getcontext().prec = 60
    r, pv, fv, k = Decimal(rate), Decimal(pv), Decimal(fv), int(per) - 1
    balance = pv - (pv + fv) * ((1 + r) ** k - 1) / ((1 + r) ** int(nper) - 1)
    if begin:
        return 0.0 if k == 0 else float(-balance * r / (1 + r))
    return float(-balance * r)


@pytest.mark.parametrize(
    "args",
    [
        (0.04971993971818506, 385, 392, 524488.6232555087, 40487.26079854538, 1),
        (0.048791132738093476, 385, 385, 607179.8013560779, -77506.10090405404, 0),
        (0.005, 1199, 1200, 1_000_000, 0, 0),
        (0.004, 2, 30000, 1_000_000, 0, 1),
    ],
)
def test_ipmt_exact_where_numpy_financial_cancels(args):
    # numpy/numpy-financial#35: ipmt/ppmt lose digits for long terms
    rate, per, nper, pv, fv, begin = args
    want = _exact_ipmt(*args)
    assert tvm.ipmt(rate, per, nper, pv, fv, begin) == pytest.approx(want, rel=1e-11, abs=1e-9)


def test_ppmt_first_payment_at_beginning_is_all_principal():
    # pyxirr 0.10 returns a different ppmt here
    for rate in (0.01, 0.0, -0.02):
        assert tvm.ppmt(rate, 1, 12, 1000, 0, "begin") == tvm.pmt(rate, 12, 1000, 0, "begin")
        assert tvm.ipmt(rate, 1, 12, 1000, 0, "begin") == 0.0


def test_irr_long_series_and_batch():
    flows = np.array([-1000.0] * 239 + [300000.0])
    got = tvm.irr(flows)
    assert got == pytest.approx(npf.irr(flows), rel=1e-9)
    assert abs(tvm.npv(got, flows)) < 1e-6
    rows = np.vstack([flows, flows * 2, np.r_[flows[:120], np.zeros(120)]])
    rows[2, 119] = 90000.0
    batch = tvm.irr(rows)
    assert batch.shape == (3,)
    # the same root alone or in a batch, to rounding (the batch's sums are one matrix product)
    assert batch[0] == pytest.approx(got, rel=1e-13) and batch[1] == pytest.approx(got, rel=1e-13)
    assert batch[2] == pytest.approx(npf.irr(rows[2, :120]), rel=1e-9)


def test_irr_no_sign_change_is_nan():
    assert np.isnan(tvm.irr([100, 200, 300]))
    assert np.isnan(tvm.irr([0, 0, 0]))
    assert np.isnan(tvm.irr([[-1, -2], [-3, 0]])).all()
    assert np.isnan(tvm.mirr([100, 200], 0.1, 0.1))
    assert np.isnan(tvm.xirr(XIRR_DATES, [1, 2, 3, 4, 5]))
    assert np.isnan(tvm.mirr([-100], 0.1, 0.1))
    # every rate solves when all flows fall on one date and cancel: no single answer
    assert np.isnan(tvm.xirr(["2024-01-01", "2024-01-01"], [-1, 1]))
    assert np.isnan(tvm.xirr(["2024-01-01", "2024-01-01"], [-1, 2]))


# ---------------------------------------------------------------- dated flows


def test_xirr_accepts_every_date_kind_and_order():
    kinds = [
        [dt.date.fromisoformat(d) for d in XIRR_DATES],
        [dt.datetime.fromisoformat(d + "T15:30:00") for d in XIRR_DATES],
        np.array(XIRR_DATES, dtype="datetime64[D]"),
        np.array(XIRR_DATES, dtype="datetime64[s]"),
        [np.datetime64(d) for d in XIRR_DATES],
        XIRR_DATES,
    ]
    for dates in kinds:  # the Excel XIRR example's root, see test_excel_documented_examples
        assert tvm.xirr(dates, XIRR_AMOUNTS) == pytest.approx(0.3733625335, abs=1e-10)
    order = [3, 0, 4, 2, 1]
    shuffled = tvm.xirr([XIRR_DATES[i] for i in order], [XIRR_AMOUNTS[i] for i in order])
    assert shuffled == pytest.approx(0.3733625335, abs=1e-10)


def test_xnpv_discounts_to_the_earliest_date():
    order = [4, 1, 0, 3, 2]
    a = tvm.xnpv(0.09, [XIRR_DATES[i] for i in order], [XIRR_AMOUNTS[i] for i in order])
    assert a == pytest.approx(tvm.xnpv(0.09, XIRR_DATES, XIRR_AMOUNTS), rel=1e-12)
    # hand formula: sum amount / 1.09 ** (days / 365)
    days = [0, 60, 303, 411, 456]
    assert a == pytest.approx(sum(v / 1.09 ** (d / 365) for v, d in zip(XIRR_AMOUNTS, days)), rel=1e-12)


def test_day_counts():
    dates = ["2023-01-31", "2023-03-31", "2024-02-29", "2024-12-31"]
    np.testing.assert_allclose(tvm.year_fractions(dates), [0, 59 / 365, 394 / 365, 700 / 365])
    np.testing.assert_allclose(tvm.year_fractions(dates, "act/360"), [0, 59 / 360, 394 / 360, 700 / 360])
    # 30/360 bond basis: day 31 counts as 30
    np.testing.assert_allclose(tvm.year_fractions(dates, "30/360"), [0, 60 / 360, 389 / 360, 690 / 360])
    # act/act ISDA: 335 days of 2023 over 365, then the days of 2024 over 366
    np.testing.assert_allclose(tvm.year_fractions(dates, "act/act"),
                               [0, 59 / 365, 335 / 365 + 59 / 366, 335 / 365 + 365 / 366])
    np.testing.assert_allclose(tvm.year_fractions(["2024-01-01"], start="2023-01-01"), [1.0])
    assert tvm.year_fractions(dates, 365).tolist() == tvm.year_fractions(dates).tolist()
    rate_360 = tvm.xirr(XIRR_DATES, XIRR_AMOUNTS, day_count="act/360")
    assert tvm.xnpv(rate_360, XIRR_DATES, XIRR_AMOUNTS, day_count="act/360") == pytest.approx(0, abs=1e-7)


def _days360_rows():
    import csv
    from pathlib import Path

    with open(DATA / "tvm_days360.csv", encoding="utf-8") as f:
        return list(csv.DictReader(line for line in f if not line.startswith("#")))


@pytest.mark.parametrize("row", _days360_rows(), ids=lambda r: f"{r['start']}-{r['end']}")
def test_30_360_day_counts_match_the_reference_table(row):
    # tests/data/tvm_days360.csv: pyxirr's day_count.rs table (XLeratorDB DAYS360 examples)
    dates = [row["start"], row["end"]]
    for names, column in ((("30/360 US", "30/360 SIA", "30U/360", "thirty_u_360"), "us_sia"),
                          (("30E/360", "30/360 ISMA", "THIRTY_E_360"), "e_360"),
                          (("act/365", "Actual/365F"), "actual")):
        base = 365 if column == "actual" else 360
        for name in names:
            assert tvm.year_fractions(dates, name)[1] * base == pytest.approx(int(row[column]), abs=1e-9)


@pytest.mark.parametrize(
    "start, end, expected",
    [
        # pyxirr day_count.rs test_example_1..4 (deltaquants day-count examples): 30/360 ISDA,
        # 30E/360, 30/360 US and act/act ISDA year fractions
        ("2007-12-28", "2008-02-28", {"30/360 ISDA": 60 / 360, "30E/360": 60 / 360, "30/360 US": 60 / 360,
                                      "act/act ISDA": 4 / 365 + 58 / 366}),
        ("2007-12-28", "2008-02-29", {"30/360 ISDA": 61 / 360, "30E/360": 61 / 360, "30/360 US": 61 / 360,
                                      "act/act ISDA": 4 / 365 + 59 / 366}),
        ("2007-10-31", "2008-11-30", {"30/360 ISDA": 390 / 360, "30E/360": 390 / 360, "30/360 US": 390 / 360,
                                      "act/act ISDA": 62 / 365 + 334 / 366}),
        ("2008-02-01", "2009-05-31", {"30/360 ISDA": 480 / 360, "30E/360": 479 / 360, "30/360 US": 480 / 360,
                                      "act/act ISDA": 335 / 366 + 150 / 365}),
    ],
)
def test_day_count_year_fractions(start, end, expected):
    for name, fraction in expected.items():
        assert tvm.year_fractions([start, end], name)[1] == pytest.approx(fraction, rel=1e-15)


@pytest.mark.parametrize(
    "day_count, expected",
    [
        # MathWorks xirr documentation example, as pyxirr's test_xirr_day_count lists it (basis 1, 2, 3,
        # 5, 6, 12): flows -10000, 2500, 2000, 3000, 4000 on 2007-01-12, 2008-02-14, 2008-03-03,
        # 2008-06-14, 2008-12-01
        ("30/360 SIA", 0.100675477282743),
        ("act/360", 0.0991988898057063),
        ("act/365F", 0.10064378342638),
        ("30/360 ISDA", 0.100675477282743),
        ("30E/360", 0.100675477282743),
        ("act/act ISDA", 0.100739648987346),
    ],
)
def test_xirr_day_counts_mathworks_example(day_count, expected):
    dates = ["2007-01-12", "2008-02-14", "2008-03-03", "2008-06-14", "2008-12-01"]
    amounts = [-10000, 2500, 2000, 3000, 4000]
    got = tvm.xirr(dates, amounts, day_count=day_count)
    assert got == pytest.approx(expected, abs=1e-12)
    assert abs(tvm.xnpv(got, dates, amounts, day_count=day_count)) < 1e-8


def test_xirr_batch_rows_padded_with_zeros():
    dates = [dt.date(2020, 1, 1) + dt.timedelta(days=30 * i) for i in range(25)]
    rows = np.zeros((3, 25))
    rows[0, :12], rows[0, 12] = -1000, 12500
    rows[1, :24], rows[1, 24] = -500, 13000
    rows[2, 0], rows[2, 1] = -100, 99  # a loss: negative rate
    got = tvm.xirr_batch(dates, rows)
    for i in range(3):
        n = np.flatnonzero(rows[i])[-1] + 1
        assert got[i] == tvm.xirr(dates[:n], rows[i, :n]) or got[i] == pytest.approx(
            tvm.xirr(dates[:n], rows[i, :n]), rel=1e-12)
    assert got[2] < 0


def test_xirr_batch_staggered_starts_like_a_dca_backtest():
    # one monthly date grid, each row a DCA from its own start to its own end, gains and
    # losses from -95% to +200%: every row solves, and matches xirr of its own flows alone
    rng = np.random.default_rng(11)
    dates = np.array("2005-01-10", dtype="datetime64[D]") + (np.arange(240) * 30.4).astype(int)
    rows = np.zeros((300, 240))
    for row in rows:
        a = rng.integers(0, 238)
        b = rng.integers(a + 2, 240)
        row[a:b] = -1000
        row[b] = rng.uniform(0.05, 3.0) * 1000 * (b - a)
    got = tvm.xirr_batch(dates, rows)
    assert not np.isnan(got).any()
    for rate, row in zip(got[:60], rows[:60]):
        used = np.flatnonzero(row)
        alone = tvm.xirr(dates[used], row[used])
        assert rate == pytest.approx(alone, rel=1e-10, abs=1e-12)
        terms = np.abs(row[used]) * (1 + rate) ** -tvm.year_fractions(dates[used])
        assert abs(tvm.xnpv(rate, dates[used], row[used])) <= 1e-10 * terms.sum()


def test_xirr_several_roots_nearest_the_guess():
    # flows -100, +230, -132 a year apart solve at 10% and 20%
    dates = ["2021-01-01", "2022-01-01", "2023-01-01"]
    flows = [-100, 230, -132]
    assert tvm.xirr(dates, flows, day_count="act/365") == pytest.approx(0.1, abs=0.01)
    assert tvm.xirr(dates, flows, guess=0.25) == pytest.approx(0.2, abs=0.01)
    assert tvm.irr(flows) == pytest.approx(0.1)
    assert tvm.irr(flows, guess=0.3) == pytest.approx(0.2)
    assert tvm.irr(flows, 0.3) == pytest.approx(0.2)  # by position, as Excel's IRR(values, guess)


# ---------------------------------------------------------------- invariants (hypothesis)

rates = st.floats(-0.02, 0.05, allow_nan=False)
terms = st.integers(1, 480)
amounts = st.floats(-1e7, 1e7, allow_nan=False).filter(lambda x: abs(x) > 1)
whens = st.sampled_from(["end", "begin"])


@given(rates, terms, amounts, st.floats(-1e6, 1e6), whens, st.data())
def test_ipmt_plus_ppmt_is_pmt(rate, nper, pv, fv, when, data):
    per = data.draw(st.integers(1, nper))
    total = tvm.pmt(rate, nper, pv, fv, when)
    parts = tvm.ipmt(rate, per, nper, pv, fv, when) + tvm.ppmt(rate, per, nper, pv, fv, when)
    assert parts == pytest.approx(total, rel=1e-9, abs=1e-9)


@given(rates, terms, amounts, whens)
def test_payments_repay_the_loan(rate, nper, pv, when):
    payment = tvm.pmt(rate, nper, pv, 0, when)
    # fv subtracts two numbers of size pv*(1+rate)**nper: zero to that scale
    scale = abs(pv) * max(1.0, (1 + rate) ** nper)
    assert tvm.fv(rate, nper, payment, pv, when) == pytest.approx(0, abs=1e-12 * scale)
    # pv then fv returns the start value
    assert tvm.pv(rate, nper, payment, 0, when) == pytest.approx(pv, rel=1e-9)


@given(st.floats(0.0005, 0.05), st.integers(2, 480), st.floats(1e3, 1e7), whens)
def test_rate_and_nper_invert_pmt(rate, nper, pv, when):
    # (one payment at the beginning repays pv at any rate: nper 1 has no single answer)
    payment = tvm.pmt(rate, nper, pv, 0, when)
    assert tvm.rate(nper, payment, pv, 0, when) == pytest.approx(rate, rel=1e-7)
    # nper is ill-conditioned in pmt for long terms: check it reproduces the payment
    found = tvm.nper(rate, payment, pv, 0, when)
    assert tvm.pmt(rate, found, pv, 0, when) == pytest.approx(payment, rel=1e-12)
    assert found == pytest.approx(nper, rel=1e-3)


@given(st.floats(1e-5, 0.05), st.integers(1, 480), st.floats(1, 1e7), whens)
def test_cumulative_over_the_whole_term(rate, nper, pv, when):
    # over all periods, the principal repaid is the whole loan and the interest all that is paid beyond it
    payment = tvm.pmt(rate, nper, pv, 0, when)
    assert tvm.cumprinc(rate, nper, pv, 1, nper, when) == pytest.approx(-pv, rel=1e-9)
    assert tvm.cumipmt(rate, nper, pv, 1, nper, when) == pytest.approx(payment * nper + pv, rel=1e-7, abs=1e-6 * pv)
    split = nper // 2 + 1
    if split <= nper - 1:  # two spans add up to the whole
        halves = tvm.cumipmt(rate, nper, pv, 1, split, when) + tvm.cumipmt(rate, nper, pv, split + 1, nper, when)
        assert halves == pytest.approx(tvm.cumipmt(rate, nper, pv, 1, nper, when), rel=1e-9, abs=1e-6 * pv)


flow_lists = st.lists(st.floats(-1e5, 1e5, allow_nan=False).map(lambda x: round(x, 2)), min_size=2, max_size=30)


@given(flow_lists)
def test_npv_at_irr_is_zero(flows):
    r = tvm.irr(flows)
    if not np.isnan(r):
        terms = np.abs(flows) * (1 + r) ** -np.arange(len(flows))
        assert abs(tvm.npv(r, flows)) <= 1e-9 * max(1.0, terms.sum())


@settings(max_examples=30)
@given(st.lists(st.tuples(st.integers(0, 3650), st.floats(-1e5, 1e5).map(lambda x: round(x, 2))),
                min_size=2, max_size=20), st.randoms(use_true_random=False))
def test_xirr_shuffled_and_batch(pairs, rnd):
    base = dt.date(2020, 1, 1)
    dates = [base + dt.timedelta(days=d) for d, _ in pairs]
    flows = [a for _, a in pairs]
    r = tvm.xirr(dates, flows)
    order = list(range(len(pairs)))
    rnd.shuffle(order)
    r2 = tvm.xirr([dates[i] for i in order], [flows[i] for i in order])
    assert (np.isnan(r) and np.isnan(r2)) or r2 == pytest.approx(r, rel=1e-9, abs=1e-12)
    if not np.isnan(r) and r > -0.999:  # (nearer -100%, 1 + r itself keeps too few digits:
        # -2 then +1 nine days later solves at 1 + r = 0.5**(365/9) = 6e-13)
        terms = np.abs(flows) * (1 + r) ** -tvm.year_fractions(dates)
        assert abs(tvm.xnpv(r, dates, flows)) <= 1e-9 * max(1.0, terms.sum())
    batch = tvm.xirr_batch(dates, np.vstack([flows, np.negative(flows), np.zeros(len(flows))]))
    assert (np.isnan(r) and np.isnan(batch[0])) or batch[0] == pytest.approx(r, rel=1e-12, abs=1e-14)
    assert (np.isnan(r) and np.isnan(batch[1])) or batch[1] == pytest.approx(r, rel=1e-9, abs=1e-12)
    assert np.isnan(batch[2])


@given(st.floats(-0.5, 1.0), st.integers(1, 365))
def test_effect_and_nominal_invert(rate, npery):
    assert tvm.nominal(tvm.effect(rate, npery), npery) == pytest.approx(rate, rel=1e-9, abs=1e-12)


def test_effect_of_a_huge_rate_is_inf_without_a_warning():
    # (1 + 1e7/366)^366 overflows a float, as fv(10, 1e5, -1, 0) does
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert tvm.effect(1e7, 366) == np.inf


# ---------------------------------------------------------------- error paths


@pytest.mark.parametrize(
    "call, field",
    [
        (lambda: tvm.pmt("4.9%", 12, 1000), "rate"),
        (lambda: tvm.pmt(0.01, None, 1000), "nper"),
        (lambda: tvm.pmt(0.01, 12, [1000, "x"]), "pv"),
        (lambda: tvm.pmt(0.01, 12, 1000, when="middle"), "when"),
        (lambda: tvm.pmt(0.01, 12, 1000, when=[0, 2]), "when"),
        (lambda: tvm.pmt([0.01, 0.02], [12, 24, 36], 1000), "nper"),
        (lambda: tvm.ipmt(0.01, [[1, 2], [3]], 12, 1000), "per"),
        (lambda: tvm.rate(12, -100, 1000, 0, "never"), "when"),
        (lambda: tvm.irr([]), "values"),
        (lambda: tvm.irr([-100, np.nan, 110]), "values"),
        (lambda: tvm.irr(np.ones((2, 2, 2))), "values"),
        (lambda: tvm.npv(0.1, "abc"), "values"),
        (lambda: tvm.mirr([-100, 110], "x", 0.1), "finance_rate"),
        (lambda: tvm.xirr(["2024-01-01", "2024-13-01"], [-1, 2]), "dates"),
        (lambda: tvm.xirr(["2024-01-01", None], [-1, 2]), "dates"),
        (lambda: tvm.xirr("2024-01-01", [-1, 2]), "dates"),
        (lambda: tvm.xirr([], []), "dates"),
        (lambda: tvm.xirr(np.array(["2024-01-01", "NaT"], dtype="datetime64[D]"), [-1, 2]), "dates"),
        (lambda: tvm.xirr(["2024-01-01", "2025-01-01"], [-1, 2, 3]), "amounts"),
        (lambda: tvm.xirr(["2024-01-01", "2025-01-01"], [[-1, 2]]), "amounts"),
        (lambda: tvm.xirr(["2024-01-01", "2025-01-01"], [-1, 2], day_count="30/365"), "day_count"),
        (lambda: tvm.xirr_batch(["2024-01-01", "2025-01-01"], [-1, 2]), "amounts_2d"),
        (lambda: tvm.xnpv(0.1, ["2024-01-01"], [np.inf]), "amounts"),
        (lambda: tvm.year_fractions(["2024-01-01"], start="soon"), "start"),
        (lambda: tvm.effect(0.05, 0), "npery"),
        (lambda: tvm.effect(-5, 4), "nominal_rate"),
        (lambda: tvm.nominal(-1.5, 4), "effect_rate"),
    ],
)
def test_bad_input_raises_input_error(call, field):
    with pytest.raises(InputError) as info:
        call()
    assert info.value.field == field
    assert isinstance(info.value, ValueError)


def test_error_messages_say_what_is_accepted():
    with pytest.raises(InputError, match="one amount per date: 2 dates, 3 amounts"):
        tvm.xirr(["2024-01-01", "2025-01-01"], [-1, 2, 3])
    with pytest.raises(InputError, match="'act/365'"):
        tvm.year_fractions(["2024-01-01"], "bogus")


@pytest.mark.parametrize("rate, nper", [(0.05, 480), (0.1, 300), (1000.0, 3), (1e10, 3), (-0.05, 480), (0.3, 120)])
def test_fv_pv_keep_every_digit_over_long_terms(rate, nper):
    # hand formula in 50-digit Decimal: fv of 1 paid in = (1+rate)**nper. (1 + expm1(-L)) used to
    # lose ~7 digits here: fv(0.05, 480, 0, -1) was 4e-7 off, fv(1e10, 3, 0, -1) inf
    getcontext().prec = 50
    growth = float((1 + Decimal(repr(rate))) ** nper)
    assert tvm.fv(rate, nper, 0, -1) == pytest.approx(growth, rel=1e-13)
    assert tvm.pv(rate, nper, 0, growth) == pytest.approx(-1.0, rel=1e-13)
    grown = sum((1 + Decimal(repr(rate))) ** k for k in range(nper))  # 1 paid at each period end
    assert tvm.fv(rate, nper, -1, 0) == pytest.approx(float(grown), rel=1e-12)


def test_several_sign_changes_nearest_root_even_when_newton_lands_farther():
    # roots -0.62988 and 2.9538: with a guess of 0 the nearest, -0.62988 (numpy-financial 1.0.0's pick,
    # though Newton from 0 lands on 2.9538); without a guess numpy-financial's current pick, the
    # non-negative root
    flows = [9.65, -20.24, -47.55, -84.81, -18.57, -4.03, -80.91, -222.28, -89.11, 172.46, -38.66]
    assert tvm.irr(flows, 0.0) == pytest.approx(npf.irr(flows), rel=1e-10)
    assert tvm.irr(flows, 0.0) == pytest.approx(-0.6298751541689394, rel=1e-10)
    assert tvm.irr(flows) == pytest.approx(_npf_current_irr(flows), rel=1e-10)
    assert tvm.irr(flows) == pytest.approx(2.9537683059772997, rel=1e-10)


GH39 = [-217500.0, -217500.0, 108466.80462450592, 101129.96439328062, 93793.12416205535, 86456.28393083003,
        79119.44369960476, 71782.60346837944, 64445.76323715414, 57108.92300592884, 49772.08277470355,
        42435.24254347826, 35098.40231225296, 27761.56208102766, 20424.721849802358, 13087.88161857707,
        5751.041387351768, -1585.7988438735192, -8922.639075098821, -16259.479306324123, -23596.31953754941,
        -30933.159768774713, -38270.0, -45606.8402312253, -52943.680462450604, -60280.520693675906,
        -67617.36092490121]


@pytest.mark.parametrize(
    "flows, expected",
    [
        # numpy-financial tests/test_financial.py::TestIrr::test_gh_39 -> 0.12 (roots -0.0181 and 0.12)
        (GH39, 0.12),
        # numpy-financial TestIrr::test_gh_44 -> 1.00426 (Google Sheets; roots -0.99979 and 1.00427);
        # pyxirr tests/test_periodic.rs::test_irr_special_cases -> 1.0042698487205577
        ([-1678.87, 771.96, 1814.05, 3520.30, 3552.95, 3584.99, 4789.91, -1], 1.0042698487205577),
        # pyxirr test_irr_special_cases (numpy-financial issue 44) -> 0.9688775470209261
        ([-1678.87, 771.96, 1814.05, 3520.30, 3552.95, 3584.99, -1.0], 0.9688775470209261),
        # pyxirr test_irr_special_cases (numpy-financial issue 28) -> 1.8544178284461061 (roots -0.769, 1.854)
        ([-50.0, -100.0, 600.0, 300.0, -100.0], 1.8544178284461061),
        # pyxirr test_irr_special_cases (pyxirr issue 56) -> 0.235461374465902
        ([0.0, -54163.55222425675, -15411.724067521238, 11824.611799779348, 13831.220768857136,
          24713.445277451923, 42399.405170720645, 32779.24733697434, 29832.522397937253, 21750.50072725094,
          20140.886499523196, 18357.799360554745, 10074.662845544659], 0.235461374465902),
        # numpy-financial TestIrr::test_basic_values / pyxirr test_irr_works, several sign changes:
        # -0.0833 (both roots negative: the nearer 0), 0.0886 (roots -0.870, 0.0886, 0.710)
        ([-100, 100, 0, -7], -0.08329966618),
        ([-5, 10.5, 1, -8, 1], 0.08859833852),
        # numpy-financial TestIrr::test_trailing_zeros -> 0.0886
        ([-5, 10.5, 1, -8, 1, 0, 0, 0], 0.08859833852),
        # pyxirr test_irr_equal_payments: -12138.44, 19 x 576.21, -528.89 -> -0.01562626238348752
        ([-12138.436076306429] + [576.2077573369947] * 19 + [-528.8894576218179], -0.01562626238348752),
        # pyxirr test_irr_works, long series with several sign changes -> 0.038039605693757084
        ([-5099701.25, -22503.796875, -22503.79296875, -22503.79296875, -20907.26171875, -17899.7421875,
          -17899.7421875, -17899.7421875, -14660.69140625, -12447.80078125, -12447.796875, -12018.1640625,
          -5991.81640625, -5991.81640625, -5991.81640625, -2885.875, 1653.125, 1653.125, 1653.125,
          8307.328125, 11110408.45703125], 0.038039605693757084),
    ],
)
def test_irr_several_roots_peers_choice(flows, expected):
    got = tvm.irr(flows)
    assert got == pytest.approx(expected, rel=1e-9, abs=1e-10)
    assert got == pytest.approx(_npf_current_irr(flows), rel=1e-8, abs=1e-10)
    # the same root in a batch, and a genuine root
    assert tvm.irr([flows, flows])[1] == pytest.approx(got, rel=1e-12, abs=1e-14)
    terms = np.abs(flows) * (1 + got) ** -np.arange(len(flows))
    assert abs(tvm.npv(got, flows)) <= 1e-9 * terms.sum()


def test_irr_numpy_financial_gh_15_near_minus_100_percent():
    # numpy-financial TestIrr::test_gh_15: -3000 then 30 ever tinier flows -> -0.9999999990596069 (rtol 1e-9)
    v = [-3000.0, 2.3926932267015667e-07, 4.1672087103345505e-16, 5.3965110036378706e-25,
         5.1962551071806174e-34, 3.7202955645436402e-43, 1.9804961711632469e-52, 7.8393517651814181e-62,
         2.3072565113911438e-71, 5.0491839233308912e-81, 8.2159177668499263e-91, 9.9403244366963527e-101,
         8.942410813633967e-111, 5.9816122646481191e-121, 2.9750309031844241e-131, 1.1002067043497954e-141,
         3.0252876563518021e-152, 6.1854121948207909e-163, 9.4032980015353301e-174, 1.0629218520017728e-184,
         8.9337141847171845e-196, 5.5830607698467935e-207, 2.5943122036622652e-218, 8.9635842466507006e-230,
         2.3027710094332358e-241, 4.3987510596745562e-253, 6.2476630372575209e-265, 6.598046841695288e-277,
         5.1811095266842017e-289, 3.0250999925830644e-301, 1.3133070599585015e-313]
    assert tvm.irr(v) == pytest.approx(-0.9999999990596069, rel=1e-9)


def test_xirr_batch_dca_with_cash_dividends():
    # cash dividends paid out mid-plan make the signs change several times (-, +, -, ..., +): these
    # rows are solved together too, each the root nearest the 10% guess as a dense scan finds it
    rng = np.random.default_rng(3)
    dates = np.array("2015-01-08", dtype="datetime64[D]") + (np.arange(60) * 30.4).astype(int)
    rows = -rng.uniform(500, 1500, (40, 60))
    rows[:, -1] = -rows[:, :-1].sum(axis=1) * rng.uniform(0.6, 1.8, 40)
    rows[:, [12, 24, 36, 48]] = rng.uniform(10, 300, (40, 4))
    got = tvm.xirr_batch(dates, rows)
    t = tvm.year_fractions(dates)
    grid = np.expm1(np.linspace(-3, 3, 20001))  # independent: sign changes of the plain sum
    for rate, row in zip(got, rows):
        values = (row * (1 + grid[:, None]) ** -t).sum(axis=1)
        change = np.flatnonzero(np.sign(values[:-1]) != np.sign(values[1:]))
        nearest = grid[change[np.argmin(np.abs(grid[change] - 0.1))]]
        assert rate == pytest.approx(nearest, abs=2e-3)
        assert rate == pytest.approx(tvm.xirr(dates, row), rel=1e-12, abs=1e-14)
        assert abs(tvm.xnpv(rate, dates, row)) <= 1e-9 * np.abs(row).sum()

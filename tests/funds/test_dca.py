"""Tests for wealthcalc.dca and wealthcalc.navdata: fund fees, NAV files, DCA back-tests."""

from __future__ import annotations

import dataclasses
import datetime as dt
import pickle
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from wealthcalc import dca, navdata
from wealthcalc.dca import (
    ICBC_2009,
    NavFileError,
    SmartRule,
    deposit_benchmark,
    every_start,
    load_nav,
    lump_sum,
    parse_discount,
    purchase,
    redeem,
    redemption_rate,
    reinvest_dividend,
    round_shares,
    simulate,
    smart_factor,
    synthetic_nav,
    write_nav_csv,
)
from wealthcalc.errors import InputError
from wealthcalc.tvm import xnpv

from tests.support import DATA

DC1 = DATA / "nav_dc1.csv"
HAND = DATA / "nav_hand.csv"


# ---------------------------------------------------------------- F-*: fund fee arithmetic (docs/rules/funds.md)


def test_f1_purchase_external_fee():
    # F-1 (docs/rules/funds.md#purchase-fee): 10,000 at 1.5 %, NAV 1.2345 -> net 9,852.22, fee 147.78, 7,980.74 shares
    p = purchase(10_000, 0.015, 1.2345)
    assert (p.net, p.fee, p.shares) == (9852.22, 147.78, 7980.74)
    # F-1 truncating funds: 7,980.7371 -> 7,980.73
    assert purchase(10_000, 0.015, 1.2345, rounding="truncate").shares == 7980.73


def test_f2_f3_discounted_fee():
    # F-2: 1折 (0.15 %): net 9,985.02, fee 14.98, shares 8,088.31
    p = purchase(10_000, 0.015, 1.2345, discount=0.1)
    assert (p.net, p.fee, p.shares) == (9985.02, 14.98, 8088.31)
    # F-3: 4折 (0.6 %): net 9,940.36, fee 59.64
    p = purchase(10_000, 0.015, 1.2345, discount=0.4)
    assert (p.net, p.fee) == (9940.36, 59.64)


def test_f4_internal_method_for_comparison():
    # F-4: 内扣法 fee = 10,000 × 1.5 % = 150.00, net 9,850.00 (2.22 yuan less than 外扣法)
    p = purchase(10_000, 0.015, 1.2345, method="internal")
    assert (p.fee, p.net) == (150.0, 9850.0)
    assert round(purchase(10_000, 0.015, 1.2345).net - p.net, 2) == 2.22


def test_f5_subscription_with_offering_interest():
    # F-5: 认购 10,000 at 1.2 %, par 1.00, interest 3.00 -> net 9,881.42, fee 118.58, 9,884.42 shares
    p = purchase(10_000, 0.012, 1.0, interest=3.0)
    assert (p.net, p.fee, p.shares) == (9881.42, 118.58, 9884.42)


def test_fixed_fee_is_not_discounted():
    # docs/rules/funds.md#purchase-fee: >= 5,000,000 pays 1,000 per order; discounts never apply to fixed fees
    p = purchase(5_000_000, 0.015, 1.0, discount=0.1, fixed_fee=1000)
    assert (p.fee, p.net, p.shares) == (1000.0, 4_999_000.0, 4_999_000.0)


def test_f6_f7_redemption():
    # F-6: 5,000 shares × 1.3000 held 5 days at 1.5 % -> gross 6,500.00, fee 97.50, net 6,402.50
    assert redemption_rate(5) == 0.015
    r = redeem(5000, 1.3, redemption_rate(5))
    assert (r.gross, r.fee, r.net) == (6500.0, 97.5, 6402.5)
    # F-7: held 60 days, 0.5 % -> fee 32.50, net 6,467.50
    r = redeem(5000, 1.3, redemption_rate(60))
    assert (r.fee, r.net) == (32.5, 6467.5)


def test_default_redemption_schedule_boundaries():
    # docs/rules/funds.md#redemption-fee example schedule: < 7 d 1.5 %; 7-30 d 0.75 %; 30-180 d 0.5 %; >= 180 d 0
    assert [redemption_rate(d) for d in (0, 6, 7, 29, 30, 179, 180)] == [
        0.015, 0.015, 0.0075, 0.0075, 0.005, 0.005, 0.0]
    assert redemption_rate(3, ((0, 0.01), (2, 0.0))) == 0.0


def test_f8_fees_inside_nav_are_not_deducted_again():
    # F-8 (docs/rules/funds.md#fees-inside-the-nav) is about management fees accruing inside the NAV; the published NAV is net of
    # them, so a back-test on a flat NAV with no purchase fee shows no loss at all.
    s = synthetic_nav(days=300, annual_drift=0.0, volatility=0.0)
    bt = simulate(s, 1000, fee_rate=0.0)
    assert bt.profit == 0.0 and bt.market_value == bt.invested


def test_f9_dividend_reinvested():
    # F-9: 10,000 shares × 0.05 = 500.00 cash; reinvested at 1.1500 -> 434.78 shares
    d = reinvest_dividend(10_000, 0.05, 1.15)
    assert (d.cash, d.shares) == (500.0, 434.78)


def test_round_shares_modes():
    assert round_shares(0.125) == 0.13  # half-up, not half-even
    assert round_shares(0.29, "truncate") == 0.29  # 0.29*100 = 28.999999... must not drop a hundredth
    assert round_shares(np.array([1.239, 1.231]), "truncate").tolist() == [1.23, 1.23]


@pytest.mark.parametrize("text, expected", [("1折", 0.1), ("2.5折", 0.25), ("10%", 0.1), ("10％", 0.1),
                                            (" 0.3 ", 0.3), (1, 1.0), ("0", 0.0)])
def test_parse_discount_spellings(text, expected):
    # n折 is n/10 of the list fee; p% is p/100
    assert parse_discount(text) == pytest.approx(expected, abs=1e-12)


@pytest.mark.parametrize("text", ["12折", "110%", "-0.1", "x折", "abc", True, "nan"])
def test_parse_discount_refuses(text):
    with pytest.raises(InputError) as info:
        parse_discount(text, field="dca.discount")
    assert info.value.field == "dca.discount" and info.value.hint_in("zh") != info.value.hint


def test_results_have_dicts_and_rows():
    p = purchase(10_000, 0.015, 1.2345)
    assert p.to_dict() == dict(zip(p.headers, p.rows()[0]))
    # by hand: 5,000 × 1.3 = 6,500, fee 1.5 % = 97.50, net 6,402.50;
    # 10,000 shares × 0.05 = 500 cash, / 1.15 = 434.7826 -> 434.78 shares
    assert redeem(5000, 1.3, 0.015).to_dict()["net"] == 6402.5
    assert reinvest_dividend(10_000, 0.05, 1.15).to_dict()["shares"] == 434.78


# ---------------------------------------------------------------- DC-1 (docs/rules/dca.md#return-measures)


DC1_TABLE = [  # docs/rules/dca.md#return-measures: (debit date rolled, NAV, shares)
    ("2024-01-08", 1.00, 998.50), ("2024-02-08", 0.95, 1051.05), ("2024-03-08", 0.90, 1109.44),
    ("2024-04-08", 0.85, 1174.71), ("2024-05-08", 0.80, 1248.13),
    ("2024-06-11", 0.85, 1174.71),  # 8th Sat, 10th Dragon Boat holiday
    ("2024-07-08", 0.90, 1109.44), ("2024-08-08", 0.95, 1051.05),
    ("2024-09-09", 1.00, 998.50),  # 8th Sun
    ("2024-10-08", 1.05, 950.95), ("2024-11-08", 1.10, 907.73),
    ("2024-12-09", 1.05, 950.95),  # 8th Sun
]


@pytest.fixture(scope="module")
def dc1():
    series = load_nav(DC1)
    return simulate(series, 1000, day=8, start="2024-01-01", end="2024-12-31", value_date="2025-01-08",
                    fee_rate=0.0015)


def test_dc1_lots(dc1):
    # DC-1: each installment 1,000 at 0.15 % -> net 998.50, fee 1.50; dates roll over the real 2024 holidays
    rows = dc1.rows()
    assert [r[1].isoformat() for r in rows] == [d for d, _, _ in DC1_TABLE]
    assert [r[5] for r in rows] == [n for _, n, _ in DC1_TABLE]
    assert [r[6] for r in rows] == [s for _, _, s in DC1_TABLE]
    assert all(r[3] == 1.5 and r[4] == 998.5 for r in rows)


def test_dc1_summary(dc1):
    # DC-1: shares 12,725.16; invested 12,000.00 (fees 18.00); MV 13,997.68; profit 1,997.68;
    # 定投收益率 16.65 %; average cost 0.9430; XIRR ≈ 32.0 % (0.31995)
    assert (dc1.installments, dc1.invested, dc1.fees) == (12, 12000.0, 18.0)
    assert (dc1.shares, dc1.market_value, dc1.profit) == (12725.16, 13997.68, 1997.68)
    assert round(dc1.holding_return, 4) == 0.1665
    assert round(dc1.average_cost, 4) == 0.9430
    assert dc1.xirr == pytest.approx(0.31995, abs=5e-5)
    assert dc1.value_date == dt.date(2025, 1, 8) and dc1.value_nav == 1.1
    assert not dc1.synthetic


def test_dc1_xirr_is_a_root(dc1):
    dates = list(dc1.dealt_dates) + [np.datetime64(dc1.value_date)]
    flows = list(-dc1.amounts) + [dc1.market_value]
    assert abs(xnpv(dc1.xirr, dates, flows)) < 1e-6


def test_dc1_drawdown(dc1):
    # value per yuan invested peaks at 1.0 on day one (998.5 × 1.00 / 1000 = 0.9985) and bottoms in
    # May 2024 at NAV 0.80: shares 5,581.83 × 0.80 / 5,000 = 0.893093; fall 1 - 0.893093/0.9985
    assert dc1.max_drawdown == pytest.approx(1 - (5581.83 * 0.80 / 5000) / 0.9985, abs=1e-9)


def test_dc1_rolls_only_because_holidays_are_missing():
    # the file lacks 2024-06-10 (端午): an otherwise identical file with it rolls June to the 10th
    text = DC1.read_text(encoding="utf-8").replace("2024-06-11,", "2024-06-10,0.8500,1.3500,,,,\n2024-06-11,")
    series = load_nav_text(text)
    bt = simulate(series, 1000, day=8, start="2024-01-01", end="2024-12-31", value_date="2025-01-08",
                  fee_rate=0.0015)
    assert bt.rows()[5][1] == dt.date(2024, 6, 10)


# ---------------------------------------------------------------- hand-computed small series


HAND_PLAN = dict(day=1, start="2024-03-01", end="2024-06-01", value_date="2024-06-04",
                 fee_rate=0.015, discount=0.4)


def test_hand_series_reinvest():
    # 4 × 1,000 at 1.5 % × 4折 = 0.6 %: net = 1000/1.006 = 994.0358 -> 994.04, fee 5.96 each.
    # 03-01 NAV 1.2345: 994.04/1.2345 = 805.2167 -> 805.22
    # 04-01 NAV 1.1000: 994.04/1.1000 = 903.6727 -> 903.67
    # 05-01 (holiday, file resumes 05-06) NAV 1.0500: 946.7048 -> 946.70 (bought on the ex-date: no dividend)
    # 06-01 (Sat) -> 06-03 NAV 1.3000: 764.6462 -> 764.65
    # dividend 0.05 on 05-06 for lots before it: (805.22 + 903.67) × 0.05 = 85.4445 -> 85.44 cash,
    #   reinvested at 1.0500: 81.3714 -> 81.37 shares
    # shares 805.22 + 903.67 + 946.70 + 764.65 + 81.37 = 3,501.61; MV × 1.3100 = 4,587.1091 -> 4,587.11
    bt = simulate(load_nav(HAND), 1000, **HAND_PLAN)
    assert [r[1] for r in bt.rows()] == [dt.date(2024, 3, 1), dt.date(2024, 4, 1), dt.date(2024, 5, 6),
                                         dt.date(2024, 6, 3)]
    assert bt.lot_shares.tolist() == [805.22, 903.67, 946.70, 764.65]
    assert bt.lot_fees.tolist() == [5.96] * 4 and bt.nets.tolist() == [994.04] * 4
    assert bt.events[0]["cash"] == 85.44 and bt.events[0]["shares"] == 81.37
    assert (bt.shares, bt.market_value, bt.fees, bt.profit) == (3501.61, 4587.11, 23.84, 587.11)
    assert bt.holding_return == pytest.approx(587.11 / 4000)


def test_hand_series_cash_dividend():
    # cash: shares 3,501.61 - 81.37 = 3,420.24; MV 3,420.24 × 1.31 = 4,480.5144 -> 4,480.51;
    # profit 4,480.51 + 85.44 - 4,000 = 565.95
    bt = simulate(load_nav(HAND), 1000, dividends="cash", **HAND_PLAN)
    assert (bt.shares, bt.market_value, bt.cash_dividends, bt.profit) == (3420.24, 4480.51, 85.44, 565.95)
    flows = list(-bt.amounts) + [85.44, bt.market_value]
    dates = list(bt.dealt_dates) + [np.datetime64("2024-05-06"), np.datetime64(bt.value_date)]
    assert abs(xnpv(bt.xirr, dates, flows)) < 1e-6


def test_hand_series_truncate():
    # truncating: 805.21, 903.67, 946.70, 764.64; dividend (805.21 + 903.67) × 0.05 = 85.444 -> 85.44,
    # 85.44 / 1.05 = 81.3714 -> 81.37; total 3,501.59
    bt = simulate(load_nav(HAND), 1000, rounding="truncate", **HAND_PLAN)
    assert bt.lot_shares.tolist() == [805.21, 903.67, 946.70, 764.64]
    assert bt.shares == 3501.59


def test_hand_series_redeem_fifo_tiers():
    # redeem all on 06-04 at 1.3100; days from confirmation (next NAV date) to 06-04:
    #  lot 03-01 conf 03-04: 92 d, 0.5 %: 805.22 × 1.31 = 1,054.84 × 0.005 = 5.2742 -> 5.27
    #  lot 04-01 conf 04-02: 63 d, 0.5 %: 903.67 × 1.31 = 1,183.81 × 0.005 = 5.91905 -> 5.92
    #  lot 05-06 conf 05-07: 28 d, 0.75 %: 946.70 × 1.31 = 1,240.18 × 0.0075 = 9.30135 -> 9.30
    #  lot 06-03 conf 06-04:  0 d, 1.5 %: 764.65 × 1.31 = 1,001.69 × 0.015 = 15.02535 -> 15.03
    #  reinvested 05-06 conf 05-07: 28 d, 0.75 %: 81.37 × 1.31 = 106.59 × 0.0075 = 0.799 -> 0.80
    # fee 36.32; proceeds 4,587.11 - 36.32 = 4,550.79
    bt = simulate(load_nav(HAND), 1000, redeem=True, **HAND_PLAN)
    assert (bt.redemption_fee, bt.redemption_value) == (36.32, 4550.79)
    assert bt.profit == round(4550.79 - 4000, 2)


def test_custom_redemption_tiers():
    bt = simulate(load_nav(HAND), 1000, redeem=True, redemption_tiers=((0, 0.0),), **HAND_PLAN)
    assert bt.redemption_fee == 0.0 and bt.redemption_value == bt.market_value


def test_split_multiplies_every_lot():
    # a 1:2 split (折算 2) on 04-02 doubles each earlier lot: 805.22 -> 1,610.44, 903.67 -> 1,807.34
    s = load_nav(HAND)
    split = s.split.copy()
    split[3] = 2.0
    bt = simulate(dataclasses.replace(s, split=split), 1000, **HAND_PLAN)
    assert bt.events[0] == {"date": "2024-04-02", "kind": "split", "shares_held": 1708.89, "ratio": 2.0,
                            "shares": 3417.78}
    # dividend on 05-06 now on 3,417.78 shares: × 0.05 = 170.889 -> 170.89; / 1.05 = 162.7524 -> 162.75
    assert bt.events[1]["cash"] == 170.89 and bt.events[1]["shares"] == 162.75
    assert bt.shares == round(3417.78 + 946.70 + 764.65 + 162.75, 2)


# ---------------------------------------------------------------- invariants


def _flat(days=400, nav=1.0):
    return synthetic_nav(days=days, annual_drift=0.0, volatility=0.0, start_nav=nav)


@settings(max_examples=25)
@given(
    amount=st.integers(100, 100_000),
    frequency=st.sampled_from(dca.FREQUENCIES),
    offset=st.integers(0, 200),
    nav=st.sampled_from([0.5, 1.0, 2.0, 4.0]),
)
def test_flat_nav_zero_fee_breaks_even(amount, frequency, offset, nav):
    # NAVs whose shares come out in whole hundredths: nothing is lost to rounding
    s = _flat(300, nav)
    start = s.dates[offset].astype(dt.date)
    bt = simulate(s, amount, frequency=frequency, start=start, end=start + dt.timedelta(days=120), fee_rate=0.0)
    assert bt.profit == 0.0 and bt.holding_return == 0.0 and bt.max_drawdown == 0.0
    assert bt.xirr == pytest.approx(0.0, abs=1e-9)


@settings(max_examples=25)
@given(amount=st.integers(100, 100_000), frequency=st.sampled_from(dca.FREQUENCIES))
def test_flat_nav_zero_fee_loses_only_share_rounding(amount, frequency):
    # NAV 1.2345: each lot's shares round by at most 0.005 share, the value by half a fen
    s = _flat(300, 1.2345)
    bt = simulate(s, amount, frequency=frequency, end=s.dates[80].astype(dt.date), fee_rate=0.0)
    assert abs(bt.profit) <= bt.installments * 0.005 * 1.2345 + 0.005
    assert abs(bt.xirr) < 0.01


@settings(max_examples=25)
@given(amount=st.integers(100, 50_000), fee=st.sampled_from([0.0, 0.0015, 0.006, 0.015]),
       seed=st.integers(0, 50), frequency=st.sampled_from(dca.FREQUENCIES))
def test_invested_equals_sum_of_installments(amount, fee, seed, frequency):
    s = synthetic_nav(days=120, seed=seed)
    bt = simulate(s, amount, frequency=frequency, fee_rate=fee)
    assert bt.invested == round(float(bt.amounts.sum()), 2) == amount * bt.installments
    assert np.allclose(bt.nets + bt.lot_fees, bt.amounts)
    assert bt.fees == round(float(bt.lot_fees.sum()), 2)
    assert bt.profit == round(bt.market_value - bt.invested, 2)
    assert bt.shares == round(float(bt.lot_shares.sum()), 2)


@settings(max_examples=25)
@given(amount=st.integers(100, 50_000), fee=st.sampled_from([0.0, 0.0015, 0.015]), seed=st.integers(0, 50))
def test_doubling_amounts_doubles_shares_before_rounding(amount, fee, seed):
    s = synthetic_nav(days=120, seed=seed)
    one = simulate(s, amount, fee_rate=fee)
    two = simulate(s, 2 * amount, fee_rate=fee)
    # before rounding shares are net/NAV and net is amount/(1+fee): exactly linear. Rounding the net
    # (half a fen each) and the shares (half a hundredth each) is all that can differ.
    slack = (0.01 / one.navs + 0.015).sum()
    assert abs(two.shares - 2 * one.shares) <= slack
    assert np.allclose(2 * one.amounts / (1 + fee) / one.navs, two.amounts / (1 + fee) / two.navs)


def test_synthetic_is_seeded_and_labelled():
    a, b = synthetic_nav(days=50, seed=3), synthetic_nav(days=50, seed=3)
    assert np.array_equal(a.nav, b.nav) and not np.array_equal(a.nav, synthetic_nav(days=50, seed=4).nav)
    assert a.synthetic and "seed=3" in a.source
    weekdays = (a.dates.astype(np.int64) + 3) % 7
    assert (weekdays < 5).all()
    holiday = dt.date(2015, 1, 6)
    assert np.datetime64(holiday) not in synthetic_nav(days=10, holidays=[holiday]).dates
    bt = simulate(a, 1000)
    assert bt.synthetic and str(bt.notes[0]).startswith("synthetic")
    # the start date may be ISO text, as for simulate(start=...)
    assert np.array_equal(synthetic_nav("2020-01-06", 20, seed=5).nav,
                          synthetic_nav(dt.date(2020, 1, 6), 20, seed=5).nav)


def test_synthetic_round_trips_through_csv(tmp_path):
    s = synthetic_nav(days=30, seed=2)
    write_nav_csv(s, tmp_path / "s.csv")
    back = load_nav(tmp_path / "s.csv")
    assert back.synthetic and np.array_equal(back.nav, s.nav) and np.array_equal(back.dates, s.dates)


def test_shipped_example_is_synthetic_and_loads():
    s = load_nav(Path(__file__).parents[2] / "examples" / "nav_synthetic.csv")
    assert s.synthetic and len(s) == 1000 and not s.notes


# ---------------------------------------------------------------- lump sum, smart DCA, deposit benchmark


def test_lump_sum_same_dates_and_money(dc1):
    # 12,000 on 2024-01-08 at NAV 1.00, fee 1.5 %: net 12000/1.015 = 11,822.66, fee 177.34;
    # value 11,822.66 × 1.10 = 13,004.926 -> 13,004.93
    ls = lump_sum(load_nav(DC1), dc1.invested, date="2024-01-08", value_date=dc1.value_date)
    assert (ls.kind, ls.installments, ls.fees, ls.shares, ls.market_value) == (
        "lump_sum", 1, 177.34, 11822.66, 13004.93)
    assert ls.xirr == pytest.approx(13004.93 / 12000 - 1, abs=1e-3)  # one year (366 days) almost exactly


def test_dc2_smart_factor():
    # DC-2 (docs/rules/dca.md#smart-dca): base 1,000; 10 % below the MA -> 1,300.00; 20 % above -> 800.00
    assert round(1000 * smart_factor(-0.10), 2) == 1300.0
    assert round(1000 * smart_factor(0.20), 2) == 800.0


@pytest.mark.parametrize("d, factor", [
    # lower-bound-inclusive on the distance: exactly 15 % above is in the 15-50 % band
    (0.0, 0.9), (0.1499, 0.9), (0.15, 0.8), (0.4999, 0.8), (0.50, 0.7), (1.0999, 0.7), (1.10, 0.6), (3.0, 0.6),
    (-0.0001, 1.1), (-0.05, 1.2), (-0.0999, 1.2), (-0.10, 1.3), (-0.15, 1.4), (-0.60, 1.4),
])
def test_icbc_bands(d, factor):
    assert smart_factor(d) == factor


def test_smart_top_band_is_configurable():
    rule = dataclasses.replace(ICBC_2009, above=ICBC_2009.above[:-1] + ((1.10, 0.0),))
    assert smart_factor(1.5, rule) == 0.0 and smart_factor(1.5) == 0.6


def test_smart_simulate_uses_t_minus_1_against_ma():
    # 30 days at 1.00, then 0.85, with 0.80 on day 31. A debit on day 32 looks at T-1 = day 31:
    # close 0.80 vs the 20-day MA of days 12-31 = (18 × 1.00 + 0.85 + 0.80) / 20 = 0.9825,
    # deviation (0.80 - 0.9825) / 0.9825 = -18.6 % -> "below by >= 15 %" -> 140 % -> 1,400.00
    s = _flat(120)
    nav = s.nav.copy()
    nav[30:] = 0.85
    nav[31] = 0.80
    s = dataclasses.replace(s, nav=nav)
    rule = dataclasses.replace(ICBC_2009, ma_days=20)
    d = s.dates[32].astype(dt.date)
    bt = simulate(s, 1000, start=d, end=d, smart=rule, fee_rate=0.0)
    window = nav[12:32]  # 20 closes ending at T-1 (index 31)
    dev = (nav[31] - window.mean()) / window.mean()
    assert bt.amounts[0] == round(1000 * smart_factor(dev, rule), 2)
    assert dev == pytest.approx((0.80 - 0.9825) / 0.9825) and bt.amounts[0] == 1400.0
    # the day after the drop to 0.85 (debit on day 31): T-1 = day 30, 0.85 vs (19 + 0.85) / 20 = 0.9925,
    # -14.4 % -> "below by 10-15 %" -> 130 %
    d31 = s.dates[31].astype(dt.date)
    assert simulate(s, 1000, start=d31, end=d31, smart=rule, fee_rate=0.0).amounts[0] == 1300.0
    early = simulate(s, 1000, start=s.dates[3].astype(dt.date), end=s.dates[3].astype(dt.date), smart=rule)
    assert early.amounts[0] == 1000.0 and any("base amount" in str(n) for n in early.notes)


def test_deposit_benchmark_matches_installment_interest():
    # 12 × 1,000 monthly at 1.71 %, valued a month after the last: 月积数 78 -> 111.15 (D-12)
    from wealthcalc.deposits import installment_interest

    days = [dt.date(2024, m, 8) for m in range(1, 13)]
    d = deposit_benchmark(days, [1000] * 12, dt.date(2025, 1, 8), annual_rate=0.0171)
    assert d.interest == installment_interest(1000, 0.0171, 12) == 111.15
    assert (d.final_value, d.tax) == (12111.15, 0.0)
    f = deposit_benchmark(days, [1000] * 12, dt.date(2025, 1, 8), annual_rate=0.0171, kind="fixed")
    # fixed: deposit k for 12 - k months: sum of round(1000 × 0.0171 × m / 12) = 111.18 (rounding per deposit)
    assert f.interest == round(sum(round(1000 * 0.0171 * m / 12 + 1e-9, 2) for m in range(1, 13)), 2)


def test_deposit_benchmark_taxes_old_interest():
    # T-1 style: 10,000 for 3 years at 3.24 % from 2005: 972.00 interest, taxed 20 % then 5 % then 0
    from wealthcalc.deposits import interest_tax

    d = deposit_benchmark([dt.date(2005, 1, 1)], [10_000], dt.date(2008, 1, 1), annual_rate=0.0324, kind="fixed")
    assert d.interest == 972.0 and d.tax == interest_tax(972.0, dt.date(2005, 1, 1), dt.date(2008, 1, 1)) == 175.89


# ---------------------------------------------------------------- every start date


def _loop(series, amount, years, frequency, **kw):
    """The plain per-start loop every_start must reproduce."""
    out = []
    for d in series.dates:
        start = d.astype(dt.date)
        try:
            target = start.replace(year=start.year + years)
        except ValueError:  # 29 February -> 28 February
            target = start.replace(year=start.year + years, day=28)
        if target > series.last_date:
            continue
        day = None if frequency == "daily" else (start.day if frequency == "monthly" else start.isoweekday())
        bt = simulate(series, amount, frequency=frequency, day=day, start=start,
                      end=target - dt.timedelta(days=1), value_date=target, **kw)
        out.append((start, bt.installments, bt.invested, bt.profit, bt.holding_return, bt.xirr))
    return out


def _events_series():
    s = synthetic_nav(days=330, seed=3, volatility=0.3)
    div, split, nav = s.dividend.copy(), s.split.copy(), s.nav.copy()
    div[90], div[300] = 0.05, 0.03
    split[180] = 1.5
    nav[180:] = np.round(nav[180:] / 1.5, 4)
    return dataclasses.replace(s, dividend=div, split=split, nav=nav)


@pytest.mark.parametrize("frequency", dca.FREQUENCIES)
@pytest.mark.parametrize("options", [
    {"fee_rate": 0.015, "discount": 0.1},
    {"redeem": True, "rounding": "truncate"},
    {"dividends": "cash"},
    {"smart": SmartRule(above=((0, 0.9), (0.05, 0.5)), below=((0, 1.1), (0.05, 2.0)), ma_days=20)},
])
def test_every_start_equals_per_start_loop(frequency, options):
    series = _events_series()
    loop = _loop(series, 1000, 1, frequency, **options)
    p = every_start(series, 1000, years=1, frequency=frequency, **options).periods[0]
    assert p.starts == len(loop) > 50
    assert p.start_dates.astype(dt.date).tolist() == [r[0] for r in loop]
    assert p.installments.tolist() == [r[1] for r in loop]
    assert p.invested.tolist() == [r[2] for r in loop]
    assert p.profit.tolist() == [r[3] for r in loop]
    assert p.holding_return.tolist() == [r[4] for r in loop]
    assert np.allclose(p.xirr, [r[5] for r in loop], rtol=0, atol=1e-9, equal_nan=True)


def test_every_start_statistics():
    series = synthetic_nav(days=700, seed=5)
    result = every_start(series, 1000, years=(1, 2))
    assert [p.years for p in result.periods] == [1, 2]
    p = result.periods[0]
    assert p.win_rate == pytest.approx(np.mean(p.profit > 0))
    assert p.median_return == pytest.approx(np.median(p.holding_return))
    assert p.p5_return <= p.median_return <= p.p95_return
    assert p.best_return == p.holding_return.max() and p.worst_return == p.holding_return.min()
    assert np.datetime64(p.best_start) == p.start_dates[np.argmax(p.holding_return)]
    assert result.synthetic and result.to_dict()["periods"][0]["years"] == 1
    assert len(result.rows()) == 2 and len(p.rows()) == p.starts
    assert len(result.to_dict(starts=True)["periods"][0]["per_start"]) == p.starts


def test_every_start_progress_and_window():
    calls = []
    series = synthetic_nav(days=700, seed=5)
    result = every_start(series, 1000, years=1, start="2015-06-01", progress=lambda d, t: calls.append((d, t)))
    assert calls and calls[-1][0] == calls[-1][1] == result.periods[0].starts
    assert result.periods[0].start_dates[0] >= np.datetime64("2015-06-01")


def test_every_start_flat_series_breaks_even():
    p = every_start(_flat(600), 1000, years=1, fee_rate=0.0).periods[0]
    assert p.win_rate == 0.0 and np.abs(p.holding_return).max() < 1e-6 and np.abs(p.xirr).max() < 1e-4


# ---------------------------------------------------------------- NAV files


def load_nav_text(text, tmp=None, encoding="utf-8", name="nav.csv"):
    import tempfile

    folder = Path(tmp or tempfile.mkdtemp())
    path = folder / name
    path.write_bytes(text.encode(encoding))
    return load_nav(path)


GOOD = "净值日期,单位净值,累计净值,日增长率,分红送配\n2024-01-09,1.0100,1.2100,1.00%,\n2024-01-08,1.0000,1.2000,,\n"


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gbk"])
def test_load_encodings(tmp_path, encoding):
    s = load_nav_text(GOOD, tmp_path, encoding)
    assert s.dates.astype(str).tolist() == ["2024-01-08", "2024-01-09"]
    assert s.nav.tolist() == [1.0, 1.01] and s.acc_nav.tolist() == [1.2, 1.21]
    assert not s.synthetic and s.source == "nav.csv"


def test_load_english_headers_tab_and_date_formats(tmp_path):
    text = "Date\tNAV\tAcc_NAV\n2024/01/08\t1.0\t\n20240109\t1.1\t1.3\n2024年1月10日\t1.2\t1.4\n"
    s = load_nav_text(text, tmp_path)
    assert s.nav.tolist() == [1.0, 1.1, 1.2] and np.isnan(s.acc_nav[0])


def test_load_dividend_text_and_split(tmp_path):
    text = ("净值日期,单位净值,分红送配\n2024-01-08,1.0,\n2024-01-09,0.95,每份派现金0.0500元\n"
            "2024-01-10,0.50,每份基金份额折算2.000000份\n2024-01-11,0.51,--\n")
    s = load_nav_text(text, tmp_path)
    assert s.dividend.tolist() == [0.0, 0.05, 0.0, 0.0] and s.split.tolist() == [1.0, 1.0, 2.0, 1.0]


def test_load_notes_gaps_and_identical_duplicates(tmp_path):
    text = "date,nav\n2024-01-08,1.0\n2024-01-08,1.0\n2024-03-01,1.1\n"
    s = load_nav_text(text, tmp_path)
    assert len(s) == 2
    assert any("repeats 2024-01-08" in str(n) and "line 3" in str(n) for n in s.notes)
    assert any("no NAV for 52 days" in str(n) for n in s.notes)


def test_bad_file_gathers_every_problem(tmp_path):
    text = ("date,nav,dividend\n2024-01-08,1.0,\n2024-13-01,1.0,\n2024-01-10,-1,\n2024-01-11,abc,\n"
            "2024-01-12,1.0,lots\n2024-01-08,1.1,\n")
    with pytest.raises(NavFileError) as info:
        load_nav_text(text, tmp_path)
    err = info.value
    assert isinstance(err, InputError)
    assert err.field == "nav.csv, line 3" and err.value == "2024-13-01"
    assert [str(p).split(",")[0] for p in err.problems] == ["line 3", "line 4", "line 5", "line 6", "line 7"]
    text_all = str(err)
    assert "5 problems" in text_all and "line 4, nav: a NAV must be positive" in text_all
    assert "duplicate date with different values (first on line 2)" in text_all
    assert pickle.loads(pickle.dumps(err)).problems == err.problems


def test_single_problem_message_wording(tmp_path):
    with pytest.raises(NavFileError) as info:
        load_nav_text("净值日期,单位净值\n2024-01-08,0\n", tmp_path)
    assert str(info.value) == "nav.csv, line 2: got '0'; a NAV must be positive (got '0')"


@pytest.mark.parametrize("text, field", [
    ("日期,收盘\n2024-01-08,1.0\n", "nav.csv, line 1"),  # no NAV column
    ("foo,bar\n", "nav.csv, line 1"),
    ("", "nav.csv"),
    ("# only a comment\n", "nav.csv"),
    ("date,nav\n", "nav.csv, line 1"),  # a header and no data
    ("date,nav\n,\n\n", "nav.csv, line 1"),  # rows of empty cells are blank lines
])
def test_bad_headers_and_empty_files(tmp_path, text, field):
    with pytest.raises(NavFileError) as info:
        load_nav_text(text, tmp_path)
    assert info.value.field == field


def test_missing_and_binary_files(tmp_path):
    with pytest.raises(InputError) as info:
        load_nav(tmp_path / "absent.csv")
    assert info.value.field == "path"
    (tmp_path / "bin.csv").write_bytes(b"\xff\xfe\x00\x81\x82\xff" * 10)
    with pytest.raises(NavFileError):
        load_nav(tmp_path / "bin.csv")


# ---------------------------------------------------------------- fund-site exports (fixture files)


def test_eastmoney_gbk_export():
    # GBK, CRLF, newest first, 申购状态/赎回状态 columns (ignored), 日增长率 as percent text (ignored,
    # including "--" and empty), 分红送配 "每份派现金0.0500元" on 2024-01-17, two trailing blank lines
    s = load_nav(DATA / "nav_eastmoney_gbk.csv")
    assert s.dates.astype(str).tolist()[:2] == ["2024-01-08", "2024-01-09"] and len(s) == 10
    assert s.nav.tolist() == [1.0, 1.0, 1.1, 1.1, 1.09, 1.1, 1.11, 1.014, 1.0255, 1.0312]
    assert s.acc_nav[-1] == 2.1312 and s.dividend.tolist() == [0.0] * 7 + [0.05, 0.0, 0.0]
    assert not s.notes and not s.synthetic and s.source == "nav_eastmoney_gbk.csv"
    # 申购状态: only 暂停申购 (2024-01-15) counts as suspended; 限大额 (large orders limited) does not
    assert s.suspended.tolist() == [False] * 5 + [True] + [False] * 4
    assert load_nav(DATA / "nav_quoted_bom.csv").suspended.tolist() == [False] * 5
    assert load_nav(DATA / "nav_tab_split_gbk.csv").suspended is None  # no 申购状态 column


def test_eastmoney_export_back_test_with_cash_dividend():
    # daily 1,000 from 01-08 to 01-16 at a zero fee: shares 1000/1.00 × 2 + 1000/1.10 × 3 + 1000/1.09
    # + 1000/1.11 = 2,000 + 909.09 × 3 + 917.43 + 900.90 = 6,545.60; dividend 6,545.60 × 0.05 = 327.28
    # (cash, on 01-17); value on 01-19: 6,545.60 × 1.0312 = 6,749.822 -> 6,749.82
    s = load_nav(DATA / "nav_eastmoney_gbk.csv")
    bt = simulate(s, 1000, frequency="daily", end="2024-01-16", value_date="2024-01-19", fee_rate=0.0,
                  dividends="cash")
    assert (bt.installments, bt.shares, bt.cash_dividends, bt.market_value) == (7, 6545.6, 327.28, 6749.82)
    assert bt.events[0]["date"] == "2024-01-17" and bt.profit == round(6749.82 + 327.28 - 7000, 2)
    # the 01-15 debit fell on a 暂停申购 day: bought anyway, with a note saying a platform would not have
    assert [(n.code, n.params) for n in bt.notes] == [("funds.suspended", {"count": 1, "first": "2024-01-15"})]
    monthly = simulate(s, 1000, day=10, fee_rate=0.0)  # 01-10 only: no suspended day, no note
    assert monthly.installments == 1 and not monthly.notes


def test_quoted_utf8_bom_export_with_units_and_empty_rows():
    # Excel "save as CSV UTF-8": BOM, every cell quoted, headers 单位净值(元) / 累计净值（元） / 日增长率(%),
    # dates 2024/1/8, rows of bare commas at the end; 每10份派现金0.5元 is 0.05 a share
    s = load_nav(DATA / "nav_quoted_bom.csv")
    assert s.dates.astype(str).tolist() == ["2024-01-08", "2024-01-09", "2024-01-10", "2024-01-11", "2024-01-12"]
    assert s.nav.tolist() == [1.1, 1.13, 1.148, 1.04, 1.045] and s.acc_nav[0] == 1.552
    assert s.dividend.tolist() == [0.0, 0.0, 0.0, 0.05, 0.0] and not s.notes


def test_tab_separated_gbk_with_split():
    # copied from a web table: tabs, GBK, 日期 / 单位净值（元）, yyyymmdd dates, a 1:2 折算, a tab-only last line
    s = load_nav(DATA / "nav_tab_split_gbk.csv")
    assert s.nav.tolist() == [1.2, 1.212, 0.609] and s.split.tolist() == [1.0, 1.0, 2.0]


def test_bad_fund_site_export_names_every_line_and_column():
    with pytest.raises(NavFileError) as info:
        load_nav(DATA / "nav_bad_gbk.csv")
    err = info.value
    assert (err.field, err.value) == ("nav_bad_gbk.csv, line 3", "2024-02-30")
    assert [str(p).split(":")[0] for p in err.problems] == [
        "line 3, 净值日期", "line 4, 单位净值", "line 5, 单位净值", "line 6, 累计净值", "line 7, 分红送配",
        "line 8, 净值日期"]
    assert "(got '暂无')" in str(err.problems[1]) and "first on line 2" in str(err.problems[5])
    assert err.problems[1].text("zh") == "第 4 行，单位净值：不是数字（读到 '暂无'）"


@pytest.mark.parametrize("name, field, words", [
    ("nav_bad_money_fund.csv", "nav_bad_money_fund.csv, line 1", "no NAV column"),  # 每万份收益, no 单位净值
    ("nav_bad_bytes.csv", "nav_bad_bytes.csv, line 4", "neither UTF-8 nor GBK"),
])
def test_bad_fixture_files(name, field, words):
    with pytest.raises(NavFileError) as info:
        load_nav(DATA / name)
    assert info.value.field == field and words in str(info.value)


def test_excel_workbook_and_huge_nav(tmp_path):
    (tmp_path / "nav.xlsx").write_bytes(b"PK\x03\x04" + bytes(40))
    with pytest.raises(NavFileError) as info:
        load_nav(tmp_path / "nav.xlsx")
    assert info.value.field == "nav.xlsx" and "save it as CSV" in str(info.value)
    with pytest.raises(NavFileError) as info:
        load_nav_text("date,nav\n2024-01-08,1.0\n2024-01-09,2000000\n", tmp_path)
    assert info.value.field == "nav.csv, line 3" and "above 1,000,000" in str(info.value)


def test_notes_are_coded_and_worded_in_chinese(tmp_path):
    s = load_nav_text("date,nav\n2024-01-08,1.0\n2024-01-08,1.0\n2024-03-01,1.1\n", tmp_path)
    assert [n.code for n in s.notes] == ["funds.repeated_row", "funds.gap"]
    assert s.notes[1].params == {"file": "nav.csv", "days": 52, "start": "2024-01-08", "end": "2024-03-01",
                                 "first_line": 2, "second_line": 4}
    assert s.notes[1].text("zh") == "nav.csv：2024-01-08 至 2024-03-01 之间 52 天没有净值（第 2、4 行）"
    assert dca.note_text(s.notes[1], "zh") == s.notes[1].text("zh")  # the old helper still words notes
    assert dca.note_text(s.notes[1], "en") == str(s.notes[1]) and dca.note_text("plain", "zh") == "plain"
    assert s.to_dict()["notes"][0] == {"code": "funds.repeated_row", "text": str(s.notes[0]),
                                       "params": {"file": "nav.csv", "line": 3, "date": "2024-01-08",
                                                  "first_line": 2}}
    assert pickle.loads(pickle.dumps(s.notes[0])).params == s.notes[0].params
    bt = simulate(synthetic_nav(days=300, seed=1), 1000, smart=True)
    assert [n.code for n in bt.notes] == ["funds.synthetic", "funds.short_ma"]
    assert bt.to_dict()["notes"][1]["params"] == {"count": 9, "ma_days": 180}
    es = every_start(synthetic_nav(days=300, seed=1), 1000, years=1, smart=True)
    assert [n["code"] for n in es.to_dict()["notes"]] == ["funds.synthetic", "funds.short_ma_dates"]
    closed = synthetic_nav(days=300, seed=1)
    closed = dataclasses.replace(closed, suspended=np.arange(300) % 100 == 7)
    es = every_start(closed, 1000, years=1, start="2015-01-12")  # the window still holds 3 marked dates
    assert es.notes[-1].code == "funds.suspended_dates" and es.notes[-1].params == {"count": 3}


def test_smart_ma_longer_than_the_series_uses_the_base_amount():
    s = synthetic_nav(days=100, seed=2)
    bt = simulate(s, 1000, smart=dataclasses.replace(ICBC_2009, ma_days=500))
    assert set(bt.amounts) == {1000.0} and bt.notes[-1].params == {"count": bt.installments, "ma_days": 500}


def test_smart_reference_ending_early_is_noted():
    s = synthetic_nav(days=400, seed=4)
    index = synthetic_nav(days=300, seed=9)  # ends about 100 trading days before the fund's series
    bt = simulate(s, 1000, smart=True, reference=index)
    stale = [n for n in bt.notes if n.code == "funds.stale_reference"]
    late = int((bt.dealt_dates > index.dates[-1] + 1).sum())
    assert late > 0 and stale[0].params == {"last": str(index.dates[-1]), "count": late}


# ---------------------------------------------------------------- argument errors


@pytest.fixture(scope="module")
def flat():
    return _flat(300)


@pytest.mark.parametrize("kwargs, field", [
    ({"amount": 0}, "amount"),
    ({"amount": -5}, "amount"),
    ({"amount": "abc"}, "amount"),
    ({"fee_rate": 1.5}, "fee_rate"),
    ({"fee_rate": -0.01}, "fee_rate"),
    ({"discount": 2}, "discount"),
    ({"frequency": "yearly"}, "frequency"),
    ({"day": 32}, "day"),
    ({"day": 0}, "day"),
    ({"frequency": "weekly", "day": 6}, "day"),
    ({"frequency": "daily", "day": 3}, "day"),
    ({"rounding": "bankers"}, "rounding"),
    ({"dividends": "keep"}, "dividends"),
    ({"start": "2030-01-01"}, "start"),
    ({"start": "2015-13-01"}, "start"),
    ({"start": "2015-06-01", "end": "2015-05-01"}, "end"),
    ({"end": "2014-12-31"}, "end"),  # before the series starts
    ({"value_date": "2014-01-01"}, "value_date"),
    ({"redeem": "yes"}, "redeem"),
    ({"redemption_tiers": ((0, 2.0),)}, "redemption_tiers"),
    ({"redemption_tiers": "none"}, "redemption_tiers"),
    ({"smart": "icbc"}, "smart"),
    ({"smart": SmartRule(above=((0.1, 0.9),), below=((0, 1.1),))}, "smart"),
    ({"smart": dataclasses.replace(ICBC_2009, ma_days=1)}, "smart.ma_days"),
    ({"start": "2015-01-05", "end": "2015-01-05", "day": 31}, "start"),
])
def test_simulate_argument_errors(flat, kwargs, field):
    kwargs = dict(kwargs)
    amount = kwargs.pop("amount", 1000)
    with pytest.raises(InputError) as info:
        simulate(flat, amount, **kwargs)
    assert info.value.field == field


def test_simulate_needs_a_series():
    with pytest.raises(InputError) as info:
        simulate([1, 2, 3], 1000)
    assert info.value.field == "nav"


@pytest.mark.parametrize("call, field", [
    (lambda: purchase(10_000, 0.015, 0), "nav"),
    (lambda: purchase(10_000, 0.015, 1.0, rounding="up"), "rounding"),
    (lambda: purchase(10_000, 0.015, 1.0, method="both"), "method"),
    (lambda: purchase(1000, 0.015, 1.0, fixed_fee=1000), "fixed_fee"),
    (lambda: redeem(-1, 1.0, 0.01), "shares"),
    (lambda: redeem(1, 1.0, 0.9), "fee_rate"),
    (lambda: redemption_rate(-1), "days_held"),
    (lambda: reinvest_dividend(100, -0.1, 1.0), "per_share"),
    (lambda: smart_factor("x"), "deviation"),
    (lambda: every_start(_flat(100), 1000, years=1), "years"),
    (lambda: every_start(_flat(100), 1000, years=0), "years"),
    (lambda: every_start(_flat(100), 1000, years=(1, True)), "years"),
    (lambda: every_start(_flat(100), 1000, frequency="hourly"), "frequency"),
    (lambda: deposit_benchmark([dt.date(2024, 1, 1)], [1000], dt.date(2025, 1, 1), annual_rate=0.02,
                               kind="notice"), "kind"),
    (lambda: deposit_benchmark([dt.date(2024, 1, 1)], [1000], dt.date(2023, 1, 1), annual_rate=0.02),
     "value_date"),
    (lambda: deposit_benchmark([dt.date(2024, 1, 1)], [1000, 2], dt.date(2025, 1, 1), annual_rate=0.02),
     "amounts"),
    (lambda: deposit_benchmark([dt.date(2024, 1, 1)], [1000], dt.date(2025, 1, 1), annual_rate=2.0),
     "annual_rate"),
    (lambda: synthetic_nav(days=0), "days"),
    (lambda: synthetic_nav(volatility=-0.1), "volatility"),
    (lambda: synthetic_nav("2020-02-30"), "start"),
])
def test_other_argument_errors(call, field):
    with pytest.raises(InputError) as info:
        call()
    assert info.value.field == field


def test_error_message_wording():
    with pytest.raises(InputError) as info:
        purchase(10_000, 1.5, 1.0)
    assert str(info.value) == "fee_rate: got 1.5; a fraction from 0 to 0.5, e.g. 0.015 for 1.5%"


def test_month_end_debit_day_and_weekend_rolling():
    # day 31: Jan 31 2015 (Sat) -> Mon Feb 2; Feb has no 31st -> Feb 28 (Sat) -> Mon Mar 2;
    # Mar 31 (Tue); Apr 30 (Thu, the month end)
    bt = simulate(_flat(120), 1000, day=31, start="2015-01-01", end="2015-04-30")
    assert [r[0].isoformat() for r in bt.rows()] == ["2015-01-31", "2015-02-28", "2015-03-31", "2015-04-30"]
    assert [r[1].isoformat() for r in bt.rows()] == ["2015-02-02", "2015-03-02", "2015-03-31", "2015-04-30"]
    # weekly on Wednesdays (day 3), biweekly every other one
    weekly = simulate(_flat(120), 1000, frequency="weekly", day=3, start="2015-01-05", end="2015-02-04")
    assert [r[1].isoformat() for r in weekly.rows()] == ["2015-01-07", "2015-01-14", "2015-01-21",
                                                         "2015-01-28", "2015-02-04"]
    biweekly = simulate(_flat(120), 1000, frequency="biweekly", day=3, start="2015-01-05", end="2015-02-04")
    assert biweekly.installments == 3


def test_smart_flag_spellings_and_reference():
    s = synthetic_nav(days=400, seed=4)
    assert simulate(s, 1000, smart=False).kind == "dca"
    on = simulate(s, 1000, smart=True)
    assert on.kind == "smart" and on.to_dict()["frequency"] == "monthly"
    # an index series drives the factors: a flat reference is always "on the MA" -> 90 %
    flat_index = _flat(400)
    assert set(simulate(s, 1000, smart=True, reference=flat_index).amounts[9:]) == {900.0}
    with pytest.raises(InputError) as info:
        simulate(s, 1000, reference=flat_index)
    assert info.value.field == "reference"

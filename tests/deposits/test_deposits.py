"""Tests for wealthcalc.deposits: the worked examples of docs/rules/deposits.md and docs/rules/tax.md, invariants, errors."""

from __future__ import annotations

import datetime as dt
import json
import pickle

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from wealthcalc import deposits as d
from wealthcalc.errors import InputError
from tests.strategies import demand_changes, deposit_amounts, deposit_rates, deposit_starts

D = dt.date
RATES_2004 = {3: 0.0171, 6: 0.0207, 12: 0.0225}  # docs/rules/rates.md#table-of-2004-10-29, 整存整取 2004-10-29


# ---------------------------------------------------------------- 活期 (docs/rules/deposits.md#demand-deposits)


def test_demand_one_quarter():
    # docs/rules/deposits.md#demand-deposits, D-1: 积数 10,000 × 92 = 920,000; × 0.0072 / 360 = 18.40
    r = d.demand(10_000, 0.0072, start=D(2025, 3, 21), end=D(2025, 6, 21))
    assert r.interest == 18.40
    assert [p.days for p in r.parts] == [92]
    assert r.parts[0].label == "settlement"
    assert r.maturity_value == 10_018.40
    assert r.flow_amounts.tolist() == [-10_000.0, 10_018.40]


def test_demand_balance_change():
    # docs/rules/deposits.md#demand-deposits, D-2: 10,000 × 21 + 30,000 × 71 = 2,340,000; × 0.0072 / 360 = 46.80
    r = d.demand(10_000, 0.0072, start=D(2025, 3, 21), end=D(2025, 6, 21),
                 changes=[(D(2025, 4, 11), 20_000)])
    assert r.interest == 46.80
    assert r.principal == 30_000.0
    assert r.flow_labels == ("deposit", "deposit", "closing balance")
    assert r.flow_amounts.tolist() == [-10_000.0, -20_000.0, 30_046.80]


def test_demand_listed_rate_2025():
    # docs/rules/deposits.md#demand-deposits, D-3: 920,000 × 0.0005 / 360 = 1.2777… → 1.28
    r = d.demand(10_000, 0.0005, start=D(2025, 3, 21), end=D(2025, 6, 21))
    assert r.interest == 1.28


def test_demand_settled_interest_compounds_from_the_21st():
    # two quarters: Q1 18.40 credited on 06-21; Q2 (06-21 … 09-20, 92 days) on 10,018.40:
    # 10,018.40 × 92 × 0.0072 / 360 = 18.43386 → 18.43
    r = d.demand(10_000, 0.0072, start=D(2025, 3, 21), end=D(2025, 9, 21))
    assert [p.interest for p in r.parts] == [18.40, 18.43]
    assert r.interest == 36.83


def test_demand_closing_between_settlements():
    # closing on 2025-04-10: interest to the day before, 20 days: 10,000 × 20 × 0.0072/360 = 4.00
    r = d.demand(10_000, 0.0072, start=D(2025, 3, 21), end=D(2025, 4, 10))
    assert r.interest == 4.00
    assert r.parts[0].label == "closing interest"


def test_demand_withdrawal_and_tax_by_period():
    # 2007 Q3: 06-21 … 09-20 = 92 days, interest 10,000 × 92 × 0.0072/360 = 18.40;
    # 55 days (06-21 … 08-14) at 20 %, 37 days at 5 %: 18.40×55/92 = 11.00 → tax 2.20;
    # 7.40 → tax 0.37 (docs/rules/tax.md: 活期 taxed by the days it accrued)
    r = d.demand(10_000, 0.0072, start=D(2007, 6, 21), end=D(2007, 9, 21))
    assert r.interest == 18.40
    assert r.tax == 2.57
    assert r.maturity_value == 10_015.83


def test_demand_withdrawal_larger_than_balance():
    with pytest.raises(InputError) as err:
        d.demand(1_000, 0.0035, start=D(2025, 1, 1), end=D(2025, 6, 1),
                 changes=[(D(2025, 2, 1), -2_000)])
    assert err.value.field == "changes"


def test_demand_change_outside_window():
    with pytest.raises(InputError) as err:
        d.demand(1_000, 0.0035, start=D(2025, 1, 1), end=D(2025, 6, 1),
                 changes=[(D(2025, 7, 1), 500)])
    assert err.value.field == "changes[0]"


# ---------------------------------------------------------------- 整存整取 (docs/rules/deposits.md#lump-sum-fixed-deposit)


def test_fixed_three_years():
    # docs/rules/deposits.md#lump-sum-fixed-deposit, D-4: 10,000 × 0.0324 × 3 = 972.00
    r = d.fixed(10_000, 0.0324, 36)
    assert (r.interest, r.tax, r.net_interest, r.maturity_value) == (972.00, 0.0, 972.00, 10_972.00)
    assert r.flow_days.tolist() == [0, 1080]
    assert r.flow_dates is None


def test_fixed_early_withdrawal():
    # docs/rules/deposits.md#lump-sum-fixed-deposit, D-5: 10,000 × 0.0072 × 100/360 = 20.00
    r = d.fixed(10_000, 0.0225, 12, withdraw_on=100, demand_rate=0.0072)
    assert r.interest == 20.00
    assert r.days == 100
    # the same with dates: 2025-01-01 + 100 days = 2025-04-11 (3 months + 10 days on 30/360)
    r = d.fixed(10_000, 0.0225, 12, start=D(2025, 1, 1), withdraw_on=D(2025, 4, 11),
                demand_rate=0.0072)
    assert r.interest == 20.00
    assert r.flow_dates == (D(2025, 1, 1), D(2025, 4, 11))


def test_fixed_partial_early_withdrawal():
    # docs/rules/deposits.md#lump-sum-fixed-deposit, D-6: 4,000 × 0.0072 × 100/360 = 8.00; 6,000 × 0.0225 = 135.00; total 143.00
    r = d.fixed(10_000, 0.0225, 12, withdraw_on=100, partial=4_000, demand_rate=0.0072)
    assert [p.interest for p in r.parts] == [8.00, 135.00]
    assert r.interest == 143.00
    assert r.flow_amounts.tolist() == [-10_000.0, 4_008.00, 6_135.00]
    assert r.flow_labels == ("deposit", "partial withdrawal", "maturity")


def test_fixed_overdue():
    # docs/rules/deposits.md#lump-sum-fixed-deposit, D-7: 225.00 + 10,000 × 0.0072 × 30/360 = 231.00
    r = d.fixed(10_000, 0.0225, 12, withdraw_on=390, demand_rate=0.0072)
    assert [p.interest for p in r.parts] == [225.00, 6.00]
    assert r.interest == 231.00


def test_fixed_rollover_then_early():
    # docs/rules/deposits.md#lump-sum-fixed-deposit, D-8: 225.00 + 10,225 × 0.0072 × 30/360 = 6.135 → 6.14 (a half-up tie)
    r = d.fixed(10_000, 0.0225, 12, rollovers=1, withdraw_on=390, demand_rate=0.0072)
    assert [p.interest for p in r.parts] == [225.00, 6.14]
    assert r.interest == 231.14


def test_fixed_year_plus_odd_days():
    # docs/rules/deposits.md#lump-sum-fixed-deposit, D-9: 10,000 × 0.0225 + 10,000 × 0.0072 × 45/360 = 234.00 (dated, 30/360)
    # 2025-01-01 → 2026-02-16: 12 months + 1 month (30 days) + 15 days = 360 + 45
    r = d.fixed(10_000, 0.0225, 12, start=D(2025, 1, 1), withdraw_on=D(2026, 2, 16),
                demand_rate=0.0072, tax=0.0)
    assert [p.days for p in r.parts] == [360, 45]
    assert r.interest == 234.00
    # actual days (docs/rules/rounding.md#deposit-day-count): 365 days at 2.25 % → 228.125 → 228.13; then 2026-01-01 → 02-15
    # = 45 days on the principal (D-7): 10,000 × 0.0072 × 45/360 = 9.00
    r = d.fixed(10_000, 0.0225, 12, start=D(2025, 1, 1), withdraw_on=D(2026, 2, 15),
                demand_rate=0.0072, tax=0.0, day_count="actual")
    assert [p.days for p in r.parts] == [365, 45]
    assert [p.interest for p in r.parts] == [228.13, 9.00]


def test_fixed_five_yearly_rollovers():
    # docs/rules/deposits.md#lump-sum-fixed-deposit, D-10: 225.00, 230.06, 235.24, 240.53, 245.94 → 1,176.77
    r = d.fixed(10_000, 0.0225, 12, rollovers=4)
    assert [p.interest for p in r.parts] == [225.00, 230.06, 235.24, 240.53, 245.94]
    assert r.interest == 1_176.77
    assert r.maturity_value == 11_176.77


def test_fixed_five_years_versus_three_plus_two():
    # docs/rules/deposits.md#lump-sum-fixed-deposit, D-11: 1,800.00 vs 972.00 + 10,972 × 0.027 × 2 = 592.488 → 592.49
    five = d.fixed(10_000, 0.036, 60)
    three = d.fixed(10_000, 0.0324, 36)
    two = d.fixed(three.maturity_value, 0.027, 24)
    assert five.interest == 1_800.00
    assert three.interest + two.interest == 1_564.49


def test_fixed_actual_days():
    # docs/rules/rounding.md#deposit-day-count: actual days, daily rate annual/360: 2024-01-01 → 2025-01-01 = 366 days;
    # 10,000 × 0.0225 × 366/360 = 228.75
    r = d.fixed(10_000, 0.0225, 12, start=D(2024, 1, 1), day_count="actual")
    assert r.days == 366
    assert r.interest == 228.75


def test_fixed_month_end_maturity():
    # opened 2024-11-30, 3 months: 2025-02-30 does not exist → month end 2025-02-28 (docs/rules/rounding.md#deposit-day-count,
    # unconfirmed convention)
    r = d.fixed(10_000, 0.0171, 3, start=D(2024, 11, 30))
    assert r.end_date == D(2025, 2, 28)
    assert r.interest == 42.75  # 10,000 × 0.0171 / 4


def test_fixed_tax_period_t1():
    # docs/rules/tax.md, T-1: 956 d at 20 % → 848.61 (tax 169.72); 139 d at 5 % → 123.39 (6.17)
    r = d.fixed(10_000, 0.0324, 36, start=D(2005, 1, 1))
    assert r.tax == 175.89
    assert r.net_interest == 796.11
    assert r.flow_amounts.tolist() == [-10_000.0, 10_796.11]
    assert r.flow_dates == (D(2005, 1, 1), D(2008, 1, 1))


def test_fixed_tax_period_t2():
    # docs/rules/tax.md, T-2: 591 d 20 % → 524.14 (104.83); 421 d 5 % → 373.37 (18.67); 84 d 0 %
    r = d.fixed(10_000, 0.0324, 36, start=D(2006, 1, 1))
    assert r.tax == 123.50
    assert r.net_interest == 848.50


def test_fixed_flat_tax_and_rollover_compounds_net():
    # docs/rules/plans.md#worked-examples, C-4 path: 972.00 − 194.40 → 10,777.60; × 2.25 % = 242.496 → 242.50, tax 48.50
    r = d.fixed(10_000, 0.0324, 36, tax=0.2)
    assert r.maturity_value == 10_777.60
    r = d.fixed(10_777.60, 0.0225, 12, tax=0.2)
    assert r.maturity_value == 10_971.60


def test_fixed_no_tax_without_start_and_none_before_1999_11():
    # docs/rules/tax.md: no tax without dates to place the interest; the 20 % tax starts 1999-11-01
    assert d.fixed(10_000, 0.0324, 36).tax == 0.0
    assert d.fixed(10_000, 0.0225, 12, start=D(1998, 1, 1)).tax == 0.0


def test_fixed_result_dict_is_json_ready():
    r = d.fixed(10_000, 0.0324, 36, start=D(2005, 1, 1))
    data = json.loads(json.dumps(r.to_dict()))
    # docs/rules/tax.md, T-1: 10,000 × 3.24 % × 3 = 972.00, tax 175.89 by period, back 10,796.11 on day 1080
    assert data["interest"] == 972.0
    assert data["cash_flows"][1] == {"date": "2008-01-01", "day": 1080, "flow": "maturity",
                                     "amount": 10_796.11}
    assert data["interest_parts"][0]["tax"] == 175.89
    assert r.rows()[0] == [D(2005, 1, 1), 0, "deposit", -10_000.0]
    assert len(r.headers) == len(r.rows()[0])


def test_result_is_frozen_and_equal_by_value():
    a, b = d.fixed(10_000, 0.0324, 36), d.fixed(10_000, 0.0324, 36)
    assert a == b
    with pytest.raises(AttributeError):
        a.interest = 0  # type: ignore[misc]


# ---------------------------------------------------------------- vectorized planner rules


def test_fixed_maturity_value_vectorized_matches_fixed():
    amounts = np.array([10_000.0, 10_225.0, 12_345.67, 1e12])
    out = d.fixed_maturity_value(amounts, 0.0225, 12, 0.2)
    expected = [d.fixed(a, 0.0225, 12, tax=0.2).maturity_value for a in amounts]
    assert out.tolist() == expected
    # docs/rules/plans.md#worked-examples, C-2: 5y at 3.60 %, τ 20 %: 10,000 + 1,800 − 360 = 11,440.00
    assert d.fixed_maturity_value(10_000, 0.036, 60, 0.2) == 11_440.00


def test_installment_interest_vectorized():
    # docs/rules/deposits.md#installment-savings, D-12/13/14: K = 78, 666, 1830
    assert d.installment_interest(np.array([1_000.0]), 0.0171, 12).tolist() == [111.15]
    assert d.installment_interest(1_000, 0.0207, 36) == 1_148.85
    assert d.installment_interest(1_000, 0.0225, 60) == 3_431.25


def test_fixed_maturity_fen_is_the_rule_in_whole_fen():
    # docs/rules/plans.md#growth-of-a-deposit, C-2 path: 10,000 × 3.24 % × 3 = 972.00, tax round(194.40) → 10,777.60
    assert d.fixed_maturity_fen(1_000_000, 0.0324, 36, 0.2) == (1_077_760, 97_200, 19_440)
    # several terms at once, broadcast against the amounts: rows are terms (2004 table, D-4, D-11)
    value, interest, tax = d.fixed_maturity_fen(np.array([1_000_000, 1_097_200]),
                                                np.array([[0.0324], [0.027]]), np.array([[36], [24]]))
    # 10,972 × 3.24 % × 3 = 1,066.476 → 1,066.48; 10,000 × 2.7 % × 2 = 540; 10,972 × 2.7 % × 2 = 592.488
    assert interest.tolist() == [[97_200, 106_648], [54_000, 59_249]]
    assert tax.tolist() == [[0, 0], [0, 0]]
    assert value[1].tolist() == [1_054_000, 1_156_449]


def test_interest_tax_fen_is_interest_tax_vectorized():
    # docs/rules/tax.md, T-1: 972.00 over 2005-01-01 → 2008-01-01: tax 175.89; T-2 (→ 2009): 123.50
    t1 = d.interest_tax_fen(np.array([97_200, 0, 1]), D(2005, 1, 1), D(2008, 1, 1))
    assert t1.tolist() == [17_589, 0, 0]
    assert d.interest_tax_fen(97_200, D(2006, 1, 1), D(2009, 1, 1)) == 12_350
    # after 2008-10-09 no tax at all
    assert d.interest_tax_fen(np.array([97_200]), D(2009, 1, 1), D(2012, 1, 1)).tolist() == [0]


def test_exact_tie_rounds_up():
    # 10,225 × 0.0072 × 30/360 = 6.135 exactly: half-up gives 6.14, float products give 6.13
    assert d.fixed(10_225, 0.0225, 12, withdraw_on=30, demand_rate=0.0072).interest == 6.14


# ---------------------------------------------------------------- 零存整取 (docs/rules/deposits.md#installment-savings)


@pytest.mark.parametrize(
    ("monthly", "rate", "months", "interest", "value"),
    [
        (1_000, 0.0171, 12, 111.15, 12_111.15),  # docs/rules/deposits.md#installment-savings, D-12
        (1_000, 0.0207, 36, 1_148.85, 37_148.85),  # docs/rules/deposits.md#installment-savings, D-13
        (1_000, 0.0225, 60, 3_431.25, 63_431.25),  # docs/rules/deposits.md#installment-savings, D-14
        (500, 0.033, 36, 915.75, 18_915.75),  # docs/rules/deposits.md#installment-savings, D-15
    ],
)
def test_installment(monthly, rate, months, interest, value):
    r = d.installment(monthly, rate, months)
    assert r.interest == interest
    assert r.maturity_value == value
    assert len(r.flow_amounts) == months + 1
    assert r.flow_amounts[:-1].sum() == -monthly * months


def test_installment_early_withdrawal():
    # 3 installments of 1,000 (day 0, 30, 60), withdrawn on day 75 at 0.72 %:
    # 积数 = 1,000 × (75 + 45 + 15) = 135,000; × 0.0072 / 360 = 2.70
    r = d.installment(1_000, 0.0171, 12, withdraw_on=75, demand_rate=0.0072)
    assert r.principal == 3_000.0
    assert r.interest == 2.70
    assert r.maturity_value == 3_002.70


def test_installment_dated_flows():
    r = d.installment(1_000, 0.0171, 12, start=D(2025, 1, 31))
    assert r.flow_dates[1] == D(2025, 2, 28)
    assert r.flow_dates[-1] == D(2026, 1, 31)


# ---------------------------------------------------------------- 整存零取 (docs/rules/deposits.md#lump-sum-installment-withdrawals)


def test_lump_withdrawal_monthly():
    # docs/rules/deposits.md#lump-sum-installment-withdrawals, D-16: (12,000 + 1,000)/2 × 12 × 1 × 0.001425 = 111.15
    r = d.lump_withdrawal(12_000, 0.0171, 12, interval_months=1)
    assert r.interest == 111.15
    assert r.flow_amounts.tolist() == [-12_000.0] + [1_000.0] * 11 + [1_111.15]


def test_lump_withdrawal_quarterly():
    # docs/rules/deposits.md#lump-sum-installment-withdrawals, D-17: (12,000 + 3,000)/2 × 4 × 3 × 0.001425 = 128.25
    r = d.lump_withdrawal(12_000, 0.0171, 12, interval_months=3)
    assert r.interest == 128.25
    assert r.flow_days.tolist() == [0, 90, 180, 270, 360]


def test_lump_withdrawal_early():
    # 12,000 with 3,000 drawn at day 90; whole rest withdrawn on day 120 at 0.72 %:
    # 积数 = 12,000 × 90 + 9,000 × 30 = 1,350,000; × 0.0072/360 = 27.00
    r = d.lump_withdrawal(12_000, 0.0171, 12, interval_months=3, withdraw_on=120,
                          demand_rate=0.0072)
    assert r.interest == 27.00
    assert r.flow_amounts.tolist() == [-12_000.0, 3_000.0, 9_027.00]


# ---------------------------------------------------------------- 存本取息 (docs/rules/deposits.md#keep-principal-draw-interest)


def test_interest_payout_three_years():
    # docs/rules/deposits.md#keep-principal-draw-interest, D-18: 50,000 × 0.0207 × 3 / 36 = 86.25 per month; 3,105.00 total
    r = d.interest_payout(50_000, 0.0207, 36)
    assert {p.interest for p in r.parts} == {86.25}
    assert r.interest == 3_105.00
    assert r.flow_amounts[-1] == 50_086.25


def test_interest_payout_one_year():
    # docs/rules/deposits.md#keep-principal-draw-interest, D-19: 50,000 × 0.0171 / 12 = 71.25 per month
    r = d.interest_payout(50_000, 0.0171, 12)
    assert r.flow_amounts[1:-1].tolist() == [71.25] * 11
    assert r.interest == 855.00


def test_interest_payout_early_deducts_paid_interest():
    # 2 payouts of 71.25 paid; withdrawn on day 75: 50,000 × 0.0072 × 75/360 = 75.00;
    # principal returned 50,000 + 75.00 − 142.50 = 49,932.50
    r = d.interest_payout(50_000, 0.0171, 12, withdraw_on=75, demand_rate=0.0072)
    assert r.interest == 75.00
    assert r.flow_amounts.tolist() == [-50_000.0, 71.25, 71.25, 49_932.50]


# ---------------------------------------------------------------- 定活两便 (docs/rules/deposits.md#fixed-or-demand)


@pytest.mark.parametrize(
    ("days", "rate", "interest"),
    [
        (200, 0.01242, 69.00),  # docs/rules/deposits.md#fixed-or-demand, D-20: 6m 2.07 % × 60 %
        (400, 0.0135, 150.00),  # docs/rules/deposits.md#fixed-or-demand, D-21: 1y 2.25 % × 60 %
        (100, 0.01026, 28.50),  # docs/rules/deposits.md#fixed-or-demand, D-22: 3m 1.71 % × 60 %
        (80, 0.0072, 16.00),  # < 3 months: 活期 10,000 × 0.0072 × 80/360
    ],
)
def test_flexible(days, rate, interest):
    r = d.flexible(10_000, 0.0072, RATES_2004, withdraw_on=days)
    assert r.annual_rate == pytest.approx(rate, abs=1e-12)
    assert r.interest == interest


def test_flexible_never_below_demand():
    # 60 % of 1.10 % = 0.66 % < 活期 0.72 % → 0.72 % (docs/rules/deposits.md#fixed-or-demand)
    assert d.flexible_rate(100, 0.0072, {3: 0.011, 6: 0.013, 12: 0.015}) == 0.0072
    with pytest.raises(InputError) as info:
        d.flexible_rate(-1, 0.0072, {3: 0.011})
    assert info.value.field == "days"


def test_flexible_dated_months():
    # 2025-01-31 → 2025-04-30: 3 whole months (month-end anniversary) → 3-month tier
    r = d.flexible(10_000, 0.0072, RATES_2004, start=D(2025, 1, 31), withdraw_on=D(2025, 4, 30))
    assert r.annual_rate == pytest.approx(0.01026)


# ---------------------------------------------------------------- 通知存款 (docs/rules/deposits.md#notice-deposits)


def test_notice_seven_days():
    # docs/rules/deposits.md#notice-deposits, D-23: 100,000 × 0.0162 × 7/360 = 31.50
    assert d.notice(100_000, 0.0162, 7, withdraw_on=7).interest == 31.50


def test_notice_classic_twenty_days():
    # docs/rules/deposits.md#notice-deposits, D-24: 100,000 × 0.0162 × 20/360 = 90.00
    assert d.notice(100_000, 0.0162, 7, withdraw_on=20).interest == 90.00


def test_notice_rolling_twenty_days():
    # docs/rules/deposits.md#notice-deposits, D-25: 31.50 + 31.51 (on 100,031.50) + 12.01 (on 100,063.01, 6 days 活期)
    r = d.notice(100_000, 0.0162, 7, withdraw_on=20, style="rolling", demand_rate=0.0072)
    assert [p.interest for p in r.parts] == [31.50, 31.51, 12.01]
    assert r.interest == 75.02


def test_notice_too_early_or_unnotified_pays_demand():
    # held 5 days < 7: 100,000 × 0.0072 × 5/360 = 10.00
    assert d.notice(100_000, 0.0162, 7, withdraw_on=5, demand_rate=0.0072).interest == 10.00
    r = d.notice(100_000, 0.0162, 7, withdraw_on=20, notified=False, demand_rate=0.0072)
    assert r.interest == 40.00


def test_notice_minimum():
    with pytest.raises(InputError) as err:
        d.notice(40_000, 0.0162, 7, withdraw_on=7, minimum=50_000)
    assert err.value.field == "amount"


# ---------------------------------------------------------------- 大额存单 (docs/rules/deposits.md#large-certificates-of-deposit)


def test_large_cd_at_maturity():
    # docs/rules/deposits.md#large-certificates-of-deposit, D-26: 200,000 × 0.0125 × 3 = 7,500.00
    r = d.large_cd(200_000, 0.0125, 36)
    assert r.interest == 7_500.00
    assert r.interest == d.fixed(200_000, 0.0125, 36).interest


def test_large_cd_quarterly_coupons():
    # 200,000 × 0.0125 × 3/12 = 625.00 a quarter, 12 coupons
    r = d.large_cd(200_000, 0.0125, 36, coupon_months=3)
    assert r.flow_amounts[1:-1].tolist() == [625.0] * 11
    assert r.flow_amounts[-1] == 200_625.0
    assert r.interest == 7_500.00


def test_large_cd_early_needs_rate():
    with pytest.raises(InputError) as err:
        d.large_cd(200_000, 0.0125, 36, withdraw_on=100)
    assert err.value.field == "early_rate"
    r = d.large_cd(200_000, 0.0125, 36, withdraw_on=180, early_rate=0.0005)
    assert r.interest == 50.00  # 200,000 × 0.0005 × 180/360


# ---------------------------------------------------------------- tax and insurance


def test_interest_tax_parts_t1_t2():
    # docs/rules/tax.md, T-1 and T-2
    parts = d.interest_tax_parts(972.00, D(2005, 1, 1), D(2008, 1, 1))
    assert [(p.days, p.interest, p.tax) for p in parts] == [(956, 848.61, 169.72), (139, 123.39, 6.17)]
    parts = d.interest_tax_parts(972.00, D(2006, 1, 1), D(2009, 1, 1))
    assert [p.days for p in parts] == [591, 421, 84]
    assert [p.tax for p in parts] == [104.83, 18.67, 0.0]
    # the rules print 74.50 for the last part; rounded parts would sum to 972.01, so the
    # last part takes the residue (74.49) and the parts add up to the interest
    assert [p.interest for p in parts] == [524.14, 373.37, 74.49]
    assert d.interest_tax(972.00, D(2006, 1, 1), D(2009, 1, 1)) == 123.50


def test_interest_tax_rate_boundaries():
    # docs/rules/tax.md: 0 to 1999-10-31, 20 % to 2007-08-14, 5 % to 2008-10-08, 0 after
    assert d.interest_tax_rate(D(1999, 10, 31)) == 0.0
    assert d.interest_tax_rate(D(1999, 11, 1)) == 0.20
    assert d.interest_tax_rate(D(2007, 8, 14)) == 0.20
    assert d.interest_tax_rate(D(2007, 8, 15)) == 0.05
    assert d.interest_tax_rate(D(2008, 10, 8)) == 0.05
    assert d.interest_tax_rate(D(2008, 10, 9)) == 0.0


def test_deposit_insurance():
    # docs/rules/deposit-insurance.md#coverage-limit, D-27: 520,000 + 20,000 → covered 500,000, exposed 40,000
    cover = d.deposit_insurance(540_000)
    assert (cover.covered, cover.exposed) == (500_000.0, 40_000.0)
    assert d.deposit_insurance([300_000, 1_000]).exposed == 0.0


# ---------------------------------------------------------------- errors


@pytest.mark.parametrize(
    ("call", "field"),
    [
        (lambda: d.fixed(0, 0.0324, 36), "amount"),
        (lambda: d.fixed(-5, 0.0324, 36), "amount"),
        (lambda: d.fixed(10_000, 3.24, 36), "annual_rate"),
        (lambda: d.fixed(10_000, -0.01, 36), "annual_rate"),
        (lambda: d.fixed(10_000, 0.0324, 48), "months"),
        (lambda: d.fixed(10_000, 0.0324, 36.5), "months"),  # 36.0 is accepted (whole months)
        (lambda: d.fixed(10_000, 0.0324, 36, start=D(2025, 1, 1), withdraw_on=D(2024, 1, 1),
                         demand_rate=0.0035), "withdraw_on"),
        (lambda: d.fixed(10_000, 0.0324, 36, withdraw_on=D(2025, 1, 1)), "start"),
        (lambda: d.fixed(10_000, 0.0324, 36, withdraw_on=100), "demand_rate"),
        (lambda: d.fixed(10_000, 0.0324, 36, withdraw_on=100, partial=20_000,
                         demand_rate=0.0035), "partial"),
        (lambda: d.fixed(10_000, 0.0324, 36, withdraw_on=100, partial=9_980, demand_rate=0.0035,
                         minimum=50), "partial"),
        (lambda: d.fixed(10_000, 0.0324, 36, partial=1_000), "partial"),
        (lambda: d.fixed(10_000, 0.0324, 36, rollovers=-1), "rollovers"),
        (lambda: d.fixed(40, 0.0324, 36, minimum=50), "amount"),
        (lambda: d.fixed(10_000, 0.0324, 36, day_count="365"), "day_count"),
        (lambda: d.fixed(10_000, 0.0324, 36, day_count="actual"), "start"),
        (lambda: d.fixed(10_000, 0.0324, 36, tax=20), "tax"),
        (lambda: d.installment(1_000, 0.0171, 24), "months"),
        (lambda: d.installment(1_000, 0.0171, 12, withdraw_on=400), "withdraw_on"),
        (lambda: d.lump_withdrawal(12_000, 0.0171, 12, interval_months=5), "interval_months"),
        (lambda: d.interest_payout(50_000, 0.0171, 12, interval_months=12, withdraw_on=-1),
         "withdraw_on"),
        (lambda: d.flexible(10_000, 0.0072, {}, withdraw_on=200), "fixed_rates"),
        (lambda: d.notice(100_000, 0.0162, 3, withdraw_on=7), "notice_days"),
        (lambda: d.notice(100_000, 0.0162, 7, withdraw_on=7, style="daily"), "style"),
        (lambda: d.large_cd(200_000, 0.0125, 36, coupon_months=5), "interval_months"),
        (lambda: d.demand(100, 0.0035, start=D(2025, 2, 1), end=D(2025, 1, 1)), "end"),
        (lambda: d.interest_tax(-1, D(2025, 1, 1), D(2025, 2, 1)), "interest"),
        (lambda: d.fixed_maturity_value(np.array([1.0, -1.0]), 0.0225, 12), "amounts"),
        (lambda: d.fixed_maturity_value(np.array([np.nan]), 0.0225, 12), "amounts"),
        (lambda: d.fixed_maturity_value(1_000, 2.25, 12), "annual_rate"),
        (lambda: d.fixed_maturity_value(1_000, 0.0225, 0), "months"),
        (lambda: d.fixed_maturity_value(1_000, 0.0225, 12, 20), "tax_rate"),
        (lambda: d.installment_interest(1_000, 0.0171, 12.5), "months"),
        (lambda: d.fixed_maturity_fen(100, 3.24, 12), "annual_rate"),
        (lambda: d.fixed_maturity_fen(100, 0.0324, True), "months"),
        (lambda: d.fixed_maturity_fen(100, np.array([0.01]), np.array([1.5])), "months"),
        (lambda: d.fixed_maturity_fen(100, 0.0324, 12, 1.5), "tax_rate"),
    ],
)
def test_errors(call, field):
    with pytest.raises(InputError) as err:
        call()
    assert err.value.field == field


def test_rate_error_message_suggests_percent():
    with pytest.raises(InputError, match=r"write '3.24%' \(or 0.0324\)"):
        d.fixed(10_000, 3.24, 36)


def test_errors_pickle():
    with pytest.raises(InputError) as err:
        d.fixed(10_000, 0.0324, 48)
    again = pickle.loads(pickle.dumps(err.value))
    assert (again.field, again.value) == ("months", 48)


# ---------------------------------------------------------------- invariants




@given(deposit_amounts, deposit_rates, st.sampled_from(d.FIXED_TERMS), deposit_starts, st.sampled_from([None, 0.2, 0.05]))
def test_fixed_invariants(amount, rate, months, start, tax):
    r = d.fixed(amount, rate, months, start=start, tax=tax)
    assert r.interest >= 0 and 0 <= r.tax <= r.interest
    assert r.maturity_value == pytest.approx(r.principal + r.net_interest, abs=1e-6)
    assert round(float(r.flow_amounts.sum()), 2) == round(r.net_interest, 2)
    assert round(sum(p.interest for p in r.parts), 2) == round(r.interest, 2)


@given(deposit_amounts, deposit_rates, st.sampled_from(d.FIXED_TERMS), st.integers(min_value=0, max_value=1_800),
       st.integers(min_value=0, max_value=799))
def test_early_withdrawal_never_beats_maturity(amount, rate, months, days, demand_bp):
    demand_rate = min(demand_bp / 10_000, rate)  # demand rate below the fixed rate
    held = d.fixed(amount, rate, months)
    if days < months * 30:
        early = d.fixed(amount, rate, months, withdraw_on=days, demand_rate=demand_rate)
        assert early.interest <= held.interest


@given(st.integers(min_value=0, max_value=10_000_000_00).map(lambda f: f / 100), deposit_starts,
       st.integers(min_value=0, max_value=4_000))
def test_tax_parts_sum(interest, start, days):
    end = start + dt.timedelta(days=days)
    parts = d.interest_tax_parts(interest, start, end)
    assert round(sum(p.interest for p in parts), 2) == interest
    assert sum(p.days for p in parts) == days
    assert d.interest_tax(interest, start, end) == round(sum(p.tax for p in parts), 2)
    assert all(p.tax <= p.interest for p in parts)


@given(st.lists(deposit_amounts, min_size=1, max_size=20), deposit_rates, st.sampled_from(d.FIXED_TERMS),
       st.sampled_from([0.0, 0.05, 0.2]))
def test_vectorized_equals_scalar(values, rate, months, tax):
    out = d.fixed_maturity_value(np.array(values), rate, months, tax)
    assert out.tolist() == [d.fixed_maturity_value(v, rate, months, tax) for v in values]
    inst = d.installment_interest(np.array(values), rate, 36)
    assert inst.tolist() == [d.installment(v, rate, 36).interest for v in values]
    fen = np.rint(np.array(values) * 100).astype(np.int64)
    assert (d.fixed_maturity_fen(fen, rate, months, tax)[0] / 100).tolist() == out.tolist()


@given(st.lists(st.integers(min_value=0, max_value=10_000_000_00), min_size=1, max_size=10), deposit_starts,
       st.integers(min_value=0, max_value=4_000))
def test_interest_tax_fen_equals_scalar(interests, start, days):
    end = start + dt.timedelta(days=days)
    out = d.interest_tax_fen(np.array(interests, dtype=np.int64), start, end)
    assert (out / 100).tolist() == [d.interest_tax(i / 100, start, end) for i in interests]


@given(deposit_amounts, deposit_rates, st.integers(min_value=0, max_value=800))
def test_notice_rolling_never_negative_and_below_classic_plus_compounding(amount, rate, days):
    demand_rate = rate / 4
    rolling = d.notice(amount, rate, 7, withdraw_on=days, style="rolling", demand_rate=demand_rate)
    assert rolling.interest >= 0
    assert rolling.maturity_value == pytest.approx(amount + rolling.net_interest, abs=1e-6)


@given(deposit_amounts, deposit_rates, st.sampled_from(d.INSTALLMENT_TERMS), st.sampled_from([1, 3, 6]))
def test_periodic_types_add_up(amount, rate, months, interval):
    for r in (d.lump_withdrawal(amount, rate, months, interval_months=interval),
              d.interest_payout(amount, rate, months, interval_months=interval)):
        assert r.interest >= 0
        assert round(float(r.flow_amounts.sum()), 2) == round(r.net_interest, 2)
        assert round(float(r.flow_amounts[1:].sum()), 2) == round(r.maturity_value, 2)




@given(deposit_amounts, deposit_rates, deposit_starts, st.integers(min_value=0, max_value=720), demand_changes)
def test_demand_invariants(amount, rate, start, days, changes):
    end = start + dt.timedelta(days=days)
    dated = [(start + dt.timedelta(days=k), fen / 100) for k, fen in changes if 0 < k < days and fen]
    try:
        r = d.demand(amount, rate, start=start, end=end, changes=dated)
    except InputError as err:  # a withdrawal larger than the balance
        assert err.field == "changes"
        return
    assert r.interest >= 0 and 0 <= r.tax <= r.interest
    assert r.maturity_value == pytest.approx(r.principal + r.net_interest, abs=1e-6)
    assert round(float(r.flow_amounts.sum()), 2) == round(r.net_interest, 2)
    assert sum(p.days for p in r.parts) == days


@given(deposit_amounts, deposit_rates, st.sampled_from(d.INSTALLMENT_TERMS), st.integers(min_value=0, max_value=1_799))
def test_installment_early_never_beats_maturity(monthly, rate, months, days):
    full = d.installment(monthly, rate, months)
    if days < months * 30:
        early = d.installment(monthly, rate, months, withdraw_on=days, demand_rate=rate / 2)
        assert 0 <= early.interest <= full.interest
        assert early.principal <= full.principal

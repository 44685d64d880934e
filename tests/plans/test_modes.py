"""Tests for wealthcalc.plans: the five combined-deposit design modes (docs/rules/plans.md).

Reference values are docs/rules/plans.md#worked-examples C-1…C-7 (2004-10-29 PBOC table, docs/rules/rates.md#table-of-2004-10-29).
Optimality is proved against exhaustive enumeration: every single-pot plan
(every sequence of legs) for every horizon up to 5 years, and every cut of
the monthly contributions into blocks, computed here independently of the
planner's dynamic programs.
"""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import numpy as np
import pytest
from hypothesis import given, settings, strategies as st

from wealthcalc import plans
from wealthcalc.deposits import fixed_maturity_value, installment_interest
from wealthcalc.errors import InputError, NoSolutionError, ProductNotFoundError
from wealthcalc.catalog import load as load_catalog
from wealthcalc.money import round_fen
from wealthcalc.results import jsonable
from tests.strategies import plan_amounts, rate_tables

# docs/rules/rates.md#table-of-2004-10-29 (PBOC table of 2004-10-29), docs/rules/deposits.md#product-summary minimums, docs/rules/deposits.md#notice-deposits notice (1-day 1.08 unconfirmed)
T2004 = SimpleNamespace(
    demand=0.0072,
    fixed={3: 0.0171, 6: 0.0207, 12: 0.0225, 24: 0.027, 36: 0.0324, 60: 0.036},
    installment={12: 0.0171, 36: 0.0207, 60: 0.0225},
    interest_payout={12: 0.0171, 36: 0.0207, 60: 0.0225},
    notice={1: 0.0108, 7: 0.0162},
    large_cd={},
    large_cd_min=None,
    minimums={"demand": 1, "fixed": 50, "installment": 5, "interest_payout": 5000,
              "notice": 50_000, "large_cd": 200_000},
)
# docs/rules/rates.md#large-bank-listed-rates-from-2025-05-20 (large banks from 2025-05-20) with the catalog's illustrative 大额存单 rates (docs/rules/deposits.md#large-certificates-of-deposit)
T2025 = SimpleNamespace(
    demand=0.0005,
    fixed={3: 0.0065, 6: 0.0085, 12: 0.0095, 24: 0.0105, 36: 0.0125, 60: 0.013},
    installment={12: 0.0065, 36: 0.0085, 60: 0.0085},
    interest_payout={12: 0.0065, 36: 0.0085, 60: 0.0085},
    notice={1: 0.001, 7: 0.003},
    large_cd={1: 0.007, 3: 0.009, 6: 0.011, 12: 0.0115, 24: 0.012, 36: 0.015},
    large_cd_min=200_000,
    minimums={"demand": 1, "fixed": 50, "installment": 5, "interest_payout": 5000,
              "notice": 50_000, "large_cd": 200_000},
)


# ---------------------------------------------------------------- docs/rules/plans.md#worked-examples C-1 … C-7


def test_c1_one_five_year_deposit():
    # docs/rules/plans.md#worked-examples C-1: 10,000 × 3.60 % × 5 = 1,800.00 → 11,800.00, one 5-year deposit
    plan = plans.max_value(10_000, 60, rate_table=T2004)
    assert plan.value == 11_800.00
    assert [(leg.product, leg.months, leg.interest) for leg in plan.legs] == [("fixed", 60, 1800.0)]


def test_c2_five_years_taxed_at_20_percent():
    # docs/rules/plans.md#worked-examples C-2: interest 1,800.00, tax 360.00 → 11,440.00
    plan = plans.max_value(10_000, 60, rate_table=T2004, tax_rate=0.2)
    assert (plan.value, plan.interest, plan.tax) == (11_440.00, 1800.00, 360.00)
    assert [leg.months for leg in plan.legs] == [60]


def test_c3_shortest_term_is_39_months():
    # docs/rules/plans.md#worked-examples C-3: 3y → 10,972.00 then 3m (+46.91) = 11,018.91; 38 months do not reach 11,000
    plan = plans.shortest_term(10_000, 11_000, rate_table=T2004)
    assert plan.months == 39 and plan.value == 11_018.91
    assert [(leg.months, leg.value) for leg in plan.legs] == [(36, 10_972.00), (3, 11_018.91)]
    assert plans.max_value(10_000, 38, rate_table=T2004).value < 11_000


def test_c4_shortest_term_taxed_is_51_months():
    # docs/rules/plans.md#worked-examples C-4: 3y → 10,777.60; 1y → 10,971.60; 3m → 11,009.12 (tax 194.40, 48.50, 9.38)
    plan = plans.shortest_term(10_000, 11_000, rate_table=T2004, tax_rate=0.2)
    assert plan.months == 51 and plan.value == 11_009.12
    assert [(leg.months, leg.value, leg.tax) for leg in plan.legs] == [
        (36, 10_777.60, 194.40), (12, 10_971.60, 48.50), (3, 11_009.12, 9.38)]
    assert plans.max_value(10_000, 50, rate_table=T2004, tax_rate=0.2).value < 11_000


def test_c5_one_installment_account_needs_five_years():
    # docs/rules/plans.md#worked-examples C-5: 1,000 a month: 1y → 12,111.15; 3y → 37,148.85; 5y → 63,431.25 ⇒ 5y.
    # "One 零存整取 account" is the plan using only 零存整取 (no 活期 to hold money in between).
    only = dict(rate_table=T2004, products=["installment"])
    values = [plans.monthly_max_value(1000, n, **only).value for n in (12, 36, 60)]
    assert values == [12_111.15, 37_148.85, 63_431.25]
    plan = plans.monthly_shortest_term(1000, 40_000, **only)
    assert plan.months == 60 and plan.value == 63_431.25
    assert [leg.product for leg in plan.legs] == ["installment"]


def test_c5_with_every_product_the_target_comes_sooner():
    # Separate 整存整取 deposits each month beat 零存整取 at 2004 rates (1y fixed 2.25 % > 零存
    # 1.71 %): 40 contributions already exceed 40,000, and no horizon before the answer does.
    plan = plans.monthly_shortest_term(1000, 40_000, rate_table=T2004)
    assert plan.months < 60 and plan.value >= 40_000
    assert plans.monthly_max_value(1000, plan.months - 1, rate_table=T2004).value < 40_000


def test_c6_monthly_required_rounds_up_to_the_fen():
    # docs/rules/plans.md#worked-examples C-6: 20,000 / (12 + 78 × 0.001425) = 1,651.3708 → 1,651.38 (value 20,000.11);
    # 1,651.37 gives 19,999.99
    only = dict(rate_table=T2004, products=["installment"])
    plan = plans.monthly_required(12, 20_000, **only)
    assert plan.monthly == 1651.38 and plan.value == 20_000.11
    assert plans.monthly_max_value(1651.37, 12, **only).value == 19_999.99


def test_c6_rounded_up_to_the_yuan():
    # 1,652 a month: 12 × 1,652 + round(1,652 × 78 × 0.001425) = 19,824 + 183.62 = 20,007.62
    plan = plans.monthly_required(12, 20_000, rate_table=T2004, products=["installment"],
                                  round_to="yuan")
    assert plan.monthly == 1652.0 and plan.value == 20_007.62


def _rule(plan):
    return next(a for a in plan.alternatives if a.key == "installment_rule")


def test_every_product_plans_carry_the_rules_5_installment_answer():
    # With all products the plan beats the one-account rule, which answers with one 零存整取 account; the
    # plan still reports that answer so an advisor can compare. C-5: 5y → 63,431.25 (mode 4);
    # C-6: 1,651.38 a month → 20,000.11 (mode 5); C-5's 3y account → 37,148.85 (mode 3).
    mode4 = plans.monthly_shortest_term(1000, 40_000, rate_table=T2004)
    rule = _rule(mode4)
    assert (rule.months, rule.monthly, rule.value) == (60, None, 63_431.25)
    assert mode4.months < rule.months
    mode5 = plans.monthly_required(12, 20_000, rate_table=T2004)
    rule = _rule(mode5)
    assert (rule.months, rule.monthly, rule.value, rule.interest) == (None, 1651.38, 20_000.11, 183.55)
    assert mode5.monthly < rule.monthly
    # rounded to the yuan like the plan: 1,652 a month → 20,007.62 (test_c6_rounded_up_to_the_yuan)
    assert _rule(plans.monthly_required(12, 20_000, rate_table=T2004, round_to="yuan")).monthly == 1652.0
    mode3 = plans.monthly_max_value(1000, 36, rate_table=T2004)
    rule = _rule(mode3)
    assert (rule.months, rule.monthly, rule.value) == (None, None, 37_148.85)
    assert rule.shortfall == round(mode3.value - 37_148.85, 2) > 0
    assert "longest_installment" not in [a.key for a in mode3.alternatives]  # the same account


def test_rules_5_reference_is_taxed_like_the_plan_and_absent_without_a_term():
    # 1,000 a month for 36 months at 20 %: interest 1,148.85, tax round(229.77) = 229.77
    rule = _rule(plans.monthly_max_value(1000, 36, rate_table=T2004, tax_rate=0.2))
    assert (rule.interest, rule.tax, rule.value) == (1_148.85, 229.77, 36_919.08)
    # 30 months is no 零存整取 term: modes 3 and 5 have no one-account answer to show
    keys = [a.key for a in plans.monthly_max_value(1000, 30, rate_table=T2004).alternatives]
    assert "installment_rule" not in keys and "longest_installment" in keys
    plan = plans.monthly_required(12, 20_000, rate_table=T2004, products=["installment"])
    assert _rule(plan).shortfall == 0 and _rule(plan).monthly is None  # the plan is the rule
    # below the 零存整取 minimum (5 yuan a month in T2004) there is no one-account answer
    keys = [a.key for a in plans.monthly_max_value(4, 12, rate_table=T2004).alternatives]
    assert "installment_rule" not in keys


def test_c7_interest_payout_feeds_an_installment_account():
    # docs/rules/plans.md#worked-examples C-7: 50,000 存本取息 1y at 1.71 % pays 71.25 a month into a 1y 零存整取 at 1.71 %:
    # extra interest 71.25 × 78 × 0.001425 = 7.92. The leg lasts 13 months (the 零存整取 opened at
    # month 1 matures at 13); the principal waits that month in 活期: 50,000 × 0.72 % / 12 = 30.00.
    plan = plans.max_value(50_000, 13, rate_table=T2004, products=["interest_payout"])
    (leg,) = plan.legs
    assert leg.product == "interest_payout" and leg.months == 13
    assert leg.interest == 12 * 71.25 + 7.92 + 30.00
    assert plan.value == 50_892.92
    assert installment_interest(71.25, 0.0171, 12) == 7.92


# ---------------------------------------------------------------- exhaustive enumeration


def _tax_fen(interest: np.ndarray, tax_rate: float) -> np.ndarray:
    """round_half_up(interest × τ) in yuan, by integers (τ = 0.2 = 1/5 or 0.05 = 1/20)."""
    num, den = {0.0: (0, 1), 0.2: (1, 5), 0.05: (1, 20)}[tax_rate]
    fen = np.rint(interest * 100).astype(np.int64)
    return ((2 * fen * num + den) // (2 * den)) / 100.0


def _legs(table, tax_rate: float, products=plans.PRODUCTS):
    """Every leg of the model as (months, minimum, value function), built from the rules."""
    mins = table.minimums
    legs = []
    if "fixed" in products:
        legs += [(t, mins["fixed"], r) for t, r in table.fixed.items()]
    if "large_cd" in products:
        legs += [(t, table.large_cd_min, r) for t, r in table.large_cd.items()]
    if "notice" in products:
        legs += [(1, mins["notice"], r) for r in table.notice.values()]
    if "demand" in products:
        legs.append((1, 0.0, table.demand))
    out = [(t, lo, lambda v, r=r, t=t: fixed_maturity_value(v, r, t, tax_rate)) for t, lo, r in legs]
    if "interest_payout" in products:
        for n, rate in table.interest_payout.items():
            def combo(v, n=n, rate=rate):
                # docs/rules/deposits.md#keep-principal-draw-interest payout v × R / 12 each month, net of tax, into a 零存整取 (docs/rules/deposits.md#installment-savings)
                payout = round_fen(fixed_maturity_value(v, rate, 1) - v)
                net = round_fen(payout - _tax_fen(payout, tax_rate))
                inst = installment_interest(net, table.installment[n], n)
                wait = round_fen(fixed_maturity_value(v, table.demand, 1) - v)
                value = round_fen(v + n * net + inst - _tax_fen(inst, tax_rate)
                                  + wait - _tax_fen(wait, tax_rate))
                return np.where(net >= mins["installment"], value, -np.inf)
            out.append((n + 1, mins["interest_payout"], combo))
    return out


def _reachable(table, amount: float, horizon: int, tax_rate: float = 0.0, products=plans.PRODUCTS):
    """Every value a single pot can hold at each month: all leg sequences, duplicates merged."""
    legs = _legs(table, tax_rate, products)
    states = [np.empty(0) for _ in range(horizon + 1)]
    states[0] = np.array([float(amount)])
    for m in range(horizon):
        v = states[m] = np.unique(states[m])
        for months, minimum, grow in legs:
            if m + months <= horizon and (ok := v[v >= minimum]).size:
                new = np.asarray(grow(ok), dtype=float)
                states[m + months] = np.concatenate([states[m + months], new[new > -np.inf]])
    states[horizon] = np.unique(states[horizon])
    return states


def _best_by_horizon(table, amount, horizon, tax_rate=0.0, products=None):
    """The planner's best value for every horizon 0 … horizon (one run of its program)."""
    ctx = plans._context(table, products, None, None, tax_rate, False, None)
    rolled, _ = plans._lump(ctx, amount, 0.0, horizon)
    return [rolled.value(0, m) for m in range(horizon + 1)]


LUMP_CASES = [
    (T2004, 49.99, 0.0),  # below the 整存整取 minimum (50): 活期 only
    (T2004, 50.00, 0.2),
    (T2004, 4_999.99, 0.0),  # either side of the 存本取息 minimum (5,000)
    (T2004, 5_000.00, 0.0),
    (T2004, 49_999.99, 0.2),  # either side of the 通知存款 minimum (50,000)
    (T2004, 50_000.00, 0.2),
]
# either side of the 大额存单 minimum (200,000). The leg sequences of 5 years at fen precision
# run to a million values a month: 5 years without 通知存款, 4 years with every product.
NO_NOTICE = ("fixed", "large_cd", "interest_payout", "demand")
CD_CASES = [(T2025, 199_999.99, 0.0, 60, NO_NOTICE), (T2025, 200_000.00, 0.2, 48, plans.PRODUCTS)]


@pytest.mark.parametrize("table, amount, tax_rate, horizon, products",
                         [c + (60, plans.PRODUCTS) for c in LUMP_CASES] + CD_CASES)
def test_mode1_equals_exhaustive_enumeration_for_every_horizon(table, amount, tax_rate, horizon,
                                                                 products):
    states = _reachable(table, amount, horizon, tax_rate, products)
    best = _best_by_horizon(table, amount, horizon, tax_rate, products)
    for months in range(1, horizon + 1):
        assert best[months] == states[months].max(), months


@pytest.mark.parametrize("months", [7, 13, 25])
def test_mode1_public_answer_is_the_enumerated_maximum(months):
    states = _reachable(T2025, 200_000, months, 0.2)
    plan = plans.max_value(200_000, months, rate_table=T2025, tax_rate=0.2)
    assert plan.value == states[months].max()
    assert plan.value == round_fen(plan.principal + plan.interest - plan.tax)


def test_mode1_enumeration_with_restricted_products():
    # without 活期 only sums of terms are reachable; the planner agrees on which ones
    products = ("fixed", "interest_payout")
    states = _reachable(T2004, 10_000, 60, 0.0, products)
    best = _best_by_horizon(T2004, 10_000, 60, 0.0, products)
    for months in range(1, 61):
        expect = states[months].max() if states[months].size else -np.inf
        assert best[months] == expect, months


@pytest.mark.parametrize("amount, target, tax_rate", [
    (10_000, 10_500, 0.0), (10_000, 11_000, 0.2), (5_000, 5_300, 0.0), (50_000, 53_000, 0.2)])
def test_mode2_is_the_first_enumerated_horizon_reaching_the_target(amount, target, tax_rate):
    states = _reachable(T2004, amount, 60, tax_rate)
    first = next(m for m in range(61) if states[m].size and states[m].max() >= target)
    plan = plans.shortest_term(amount, target, rate_table=T2004, tax_rate=tax_rate)
    assert plan.months == first
    assert plan.value == states[first].max() >= target


_BEST: dict = {}


def _best_in_fen(table, start, horizon, tax_rate):
    """Most a pot starting with ``start`` holds after 0 … horizon months, in fen (enumerated)."""
    key = (id(table), start, tax_rate)  # the table is kept with its values, so its id stays its own
    if key not in _BEST or len(_BEST[key][1]) <= horizon:
        states = _reachable(table, start, horizon, tax_rate)
        _BEST[key] = (table, [round(s.max() * 100) if s.size else None for s in states])
    return _BEST[key][1]


def _monthly_brute(table, monthly, horizon, tax_rate=0.0, pools=None):
    """Best value over every cut of the contributions into blocks (explicit enumeration).

    Blocks: a pool of k contributions gathered month by month in 活期 (k from ``pools``,
    default every length; k = 1 invests a contribution at once); a 零存整取 of term n. Each
    block's money then rolls as one pot, valued by exhaustive enumeration of its legs.
    """
    demand = lambda v: fixed_maturity_value(v, table.demand, 1, tax_rate)  # noqa: E731
    kinds = []  # (length, pot start offset, pot start value)
    pool = monthly
    for k in range(1, horizon + 1):
        if pools is None or k in pools:
            kinds.append((k, k - 1, pool))
        pool = round_fen(demand(pool) + monthly)
    for n, rate in table.installment.items():
        if n <= horizon and monthly >= table.minimums["installment"]:
            inst = installment_interest(monthly, rate, n)
            kinds.append((n, n, round_fen(n * monthly + inst - _tax_fen(np.array([inst]), tax_rate)[0])))
    rolled = {start: _best_in_fen(table, start, horizon, tax_rate) for _, _, start in kinds}

    best = None
    def cuts(j, total):  # every composition of the months into blocks, one by one
        nonlocal best
        if j == horizon:
            best = total if best is None else max(best, total)
            return
        for length, offset, start in kinds:
            value = rolled[start][horizon - j - offset] if j + length <= horizon else None
            if value is not None:
                cuts(j + length, total + value)
    cuts(0, 0)
    return None if best is None else best / 100


@pytest.mark.parametrize("monthly, tax_rate, horizons", [
    (1000, 0.0, range(1, 17)),
    (1000, 0.2, range(11, 17)),
    (20, 0.0, range(1, 15)),  # under the 整存整取 minimum (50): pools are needed
    (60_000, 0.2, range(1, 9)),  # pools reach the 通知存款 minimum (50,000) and 存本取息
    (4, 0.0, range(10, 14)),  # under the 零存整取 minimum (5)
])
def test_mode3_equals_enumeration_of_every_cut(monthly, tax_rate, horizons):
    for months in horizons:
        plan = plans.monthly_max_value(monthly, months, rate_table=T2004, tax_rate=tax_rate)
        assert plan.value == _monthly_brute(T2004, monthly, months, tax_rate), months


@pytest.mark.parametrize("monthly, tax_rate", [(1000, 0.0), (300, 0.2)])
def test_mode3_beats_every_cut_into_single_deposits_and_installments_to_5_years(monthly, tax_rate):
    # 2^59 cuts are too many to enumerate at 60 months; without pools (k = 1) they are few
    for months in range(60, 0, -1):
        plan = plans.monthly_max_value(monthly, months, rate_table=T2004, tax_rate=tax_rate)
        assert plan.value >= _monthly_brute(T2004, monthly, months, tax_rate, pools={1}), months


@pytest.mark.parametrize("months, target", [(12, 20_000), (15, 30_000), (7, 5_000)])
def test_mode5_is_the_least_fen_reaching_the_target(months, target):
    plan = plans.monthly_required(months, target, rate_table=T2004)
    assert plan.value >= target
    assert _monthly_brute(T2004, plan.monthly, months) == plan.value
    assert _monthly_brute(T2004, round_fen(plan.monthly - 0.01), months) < target


def test_mode4_is_the_first_horizon_reaching_the_target():
    plan = plans.monthly_shortest_term(500, 7_000, rate_table=T2004, tax_rate=0.2)
    assert plan.months == 14 and plan.value >= 7_000
    assert _monthly_brute(T2004, 500, plan.months, 0.2) == plan.value
    assert _monthly_brute(T2004, 500, plan.months - 1, 0.2) < 7_000


@pytest.mark.parametrize("amount, split", [(250_000, 200_000), (60_000, 50_000), (9_000, 5_000)])
def test_splitting_the_money_does_not_beat_one_pot(amount, split):
    # module notes: no split plan beats one pot except by rounding (half a fen per maturity)
    for table in (T2004, T2025):
        for months in (12, 30, 48):
            whole = plans.max_value(amount, months, rate_table=table)
            a = plans.max_value(split, months, rate_table=table)
            b = plans.max_value(amount - split, months, rate_table=table)
            assert whole.value >= a.value + b.value - 0.005 * (len(a.legs) + len(b.legs))




@settings(max_examples=25)
@given(table=rate_tables, amount=st.sampled_from([40, 499.99, 500, 999, 5_000, 20_000, 60_000]),
       monthly=st.sampled_from([3, 20, 60, 300, 2_000, 30_000]), months=st.integers(4, 9),
       tax=st.sampled_from([0.0, 0.05, 0.2]))
def test_any_rate_table_planner_equals_enumeration(table, amount, monthly, months, tax):
    # whatever the rates and minimums (a leg may even pay less than 活期), the programs are exact
    states = _reachable(table, amount, 18, tax)
    best = _best_by_horizon(table, amount, 18, tax)
    assert [best[m] for m in range(1, 19)] == [
        states[m].max() if states[m].size else -np.inf for m in range(1, 19)]
    plan = plans.monthly_max_value(monthly, months, rate_table=table, tax_rate=tax)
    assert plan.value == _monthly_brute(table, monthly, months, tax)


# ---------------------------------------------------------------- explanations and options


def test_plan_explains_itself_with_dates_and_naive_choices():
    plan = plans.max_value(10_000, 39, rate_table=T2004, start_date=dt.date(2005, 1, 31))
    first, second = plan.legs
    assert (first.start_date, first.maturity_date) == (dt.date(2005, 1, 31), dt.date(2008, 1, 31))
    assert second.maturity_date == dt.date(2008, 4, 30)  # 31 April does not exist: month end
    keys = [a.key for a in plan.alternatives]
    assert keys == ["longest_single", "rolling_1y", "all_demand"]
    for alt in plan.alternatives:
        assert alt.shortfall == round_fen(plan.value - alt.value) >= 0
    # one 3-year deposit then 活期 for 3 months: 10,972.00 + 3 × 30 days of 0.72 %
    longest = plan.alternatives[0]
    assert longest.value == 10_972.00 + 6.58 + 6.59 + 6.59
    data = plan.to_dict()
    assert data["legs"][0]["maturity_date"] == "2008-01-31"
    assert data["alternatives"][2]["key"] == "all_demand"
    assert len(plan.rows()) == 2 and len(plan.rows()[0]) == len(plans.Plan.headers)


def test_tax_by_the_dates_of_rules_4():
    # docs/rules/tax.md T-1: 10,000 for 3y at 3.24 % from 2005-01-01: tax 169.72 + 6.17 = 175.89
    plan = plans.max_value(10_000, 36, rate_table=T2004, tax_by_date=True,
                           start_date=dt.date(2005, 1, 1))
    assert [(leg.months, leg.interest, leg.tax) for leg in plan.legs] == [(36, 972.00, 175.89)]
    assert plan.value == 10_796.11 and plan.tax_rate is None


def test_dated_tax_of_every_deposit_is_the_rules_4_split():
    # each fixed or 零存整取 leg pays deposits.interest_tax on its own dates (docs/rules/tax.md)
    from wealthcalc.deposits import interest_tax

    plan = plans.monthly_max_value(1000, 40, rate_table=T2004, tax_by_date=True,
                                   start_date=dt.date(2006, 3, 15))
    checked = 0
    for leg in plan.legs:
        if leg.product in ("fixed", "installment"):
            assert leg.tax == interest_tax(leg.interest, leg.start_date, leg.maturity_date)
            checked += 1
    assert checked > 20 and plan.tax > 0
    # a leg across the 20 % → 5 % → 0 % periods (2006 → 2009): docs/rules/tax.md T-2, 972.00 → 123.50
    plan = plans.max_value(10_000, 36, rate_table=T2004, tax_by_date=True,
                           start_date=dt.date(2006, 1, 1), products=["fixed"])
    assert [(leg.interest, leg.tax) for leg in plan.legs] == [(972.00, 123.50)]


def test_dated_tax_after_2008_is_no_tax():
    # docs/rules/tax.md: interest accrued from 2008-10-09 is not taxed
    dated = plans.monthly_max_value(800, 30, rate_table=T2004, tax_by_date=True,
                                    start_date=dt.date(2009, 1, 1))
    plain = plans.monthly_max_value(800, 30, rate_table=T2004)
    assert dated.value == plain.value and dated.tax == 0 and dated.tax_rate is None


def test_keep_available_stays_in_demand_and_loses_the_large_cd():
    # 250,000 with 60,000 kept available: 190,000 is under the 大额存单 minimum
    plan = plans.max_value(250_000, 48, rate_table=T2025, keep_available=60_000)
    reserve = [leg for leg in plan.legs if leg.product == "reserve"]
    assert [(leg.amount, leg.months) for leg in reserve] == [(60_000.0, 48)]
    assert all(leg.product != "large_cd" for leg in plan.legs)
    free = plans.max_value(250_000, 48, rate_table=T2025)
    assert any(leg.product == "large_cd" for leg in free.legs) and free.value > plan.value
    assert plan.value == round_fen(plans.max_value(190_000, 48, rate_table=T2025).value
                                   + reserve[0].value)


def test_naive_choices_keep_the_same_money_available():
    # the kept 活期 is the customer's in every choice: each naive value includes it, so the plan's
    # value and the alternatives compare like with like (the shortfall is unchanged)
    plan = plans.max_value(100_000, 24, rate_table=T2025, keep_available=10_000)
    reserve = next(leg for leg in plan.legs if leg.product == "reserve")
    alone = plans.max_value(90_000, 24, rate_table=T2025)
    for with_keep, without in zip(plan.alternatives, alone.alternatives):
        assert with_keep.key == without.key and with_keep.shortfall == without.shortfall
        assert with_keep.value == round_fen(without.value + reserve.value)
        assert with_keep.interest == round_fen(without.interest + reserve.interest)
        assert with_keep.value == round_fen(plan.value - with_keep.shortfall)


def test_longest_leg_and_fixed_terms_options():
    plan = plans.max_value(10_000, 60, rate_table=T2004, max_leg_months=24)
    assert max(leg.months for leg in plan.legs) <= 24
    plan = plans.max_value(10_000, 60, rate_table=T2004, fixed_terms=[12], products=["fixed"])
    assert [leg.months for leg in plan.legs] == [12] * 5
    assert plan.value == 11_176.77  # docs/rules/deposits.md#lump-sum-fixed-deposit D-10: 1-year deposits rolled five times


def test_default_rate_table_is_the_catalogs():
    from wealthcalc.catalog import load

    table = load().rate_table()
    assert plans.max_value(10_000, 24).value == plans.max_value(10_000, 24, rate_table=table).value


# ---------------------------------------------------------------- invariants


def _allocated(plan):
    """Money put into each pot's first leg (plus contributions pooled or paid into 零存整取)."""
    firsts = {}
    for leg in plan.legs:
        firsts.setdefault(leg.pot, leg)
    return round_fen(sum(leg.amount for leg in firsts.values()))


def _chained(plan):
    """Within a pot each leg starts with what the previous one paid, without a gap."""
    by_pot = {}
    for leg in plan.legs:
        by_pot.setdefault(leg.pot, []).append(leg)
    for legs in by_pot.values():
        for a, b in zip(legs, legs[1:]):
            if a.value != b.amount or a.start_month + a.months != b.start_month:
                return False
        if legs[-1].start_month + legs[-1].months != plan.months:
            return False
    return True




@settings(max_examples=25)
@given(amount=plan_amounts, months=st.integers(1, 72), tax=st.sampled_from([0.0, 0.05, 0.2]),
       table=st.sampled_from([T2004, T2025]))
def test_mode1_allocates_the_amount_and_beats_every_single_deposit(amount, months, tax, table):
    plan = plans.max_value(amount, months, rate_table=table, tax_rate=tax)
    assert _allocated(plan) == amount and _chained(plan)
    assert plan.value == round_fen(plan.principal + plan.interest - plan.tax)
    assert plan.value == round_fen(sum(leg.value for leg in plan.legs if leg.start_month + leg.months
                                       == months))
    singles = [(t, r, table.minimums["fixed"]) for t, r in table.fixed.items()]
    singles += [(t, r, table.large_cd_min) for t, r in table.large_cd.items()]
    for term, rate, minimum in singles:  # one deposit, the odd months in 活期
        if term <= months and amount >= minimum:
            value = fixed_maturity_value(amount, rate, term, tax)
            for _ in range(months - term):
                value = fixed_maturity_value(value, table.demand, 1, tax)
            assert plan.value >= value
    assert all(alt.value <= plan.value for alt in plan.alternatives)


@settings(max_examples=20)
@given(amount=plan_amounts, months=st.integers(1, 71), table=st.sampled_from([T2004, T2025]))
def test_mode1_longer_horizon_never_gives_less(amount, months, table):
    shorter = plans.max_value(amount, months, rate_table=table)
    assert plans.max_value(amount, months + 1, rate_table=table).value >= shorter.value


@settings(max_examples=15)
@given(monthly=st.integers(min_value=100, max_value=2_000_000).map(lambda f: f / 100),
       months=st.integers(1, 48), tax=st.sampled_from([0.0, 0.2]))
def test_monthly_plan_allocates_every_contribution(monthly, months, tax):
    plan = plans.monthly_max_value(monthly, months, rate_table=T2004, tax_rate=tax)
    assert plan.principal == round_fen(monthly * months)
    assert _allocated(plan) == plan.principal and _chained(plan)
    assert plan.value == round_fen(plan.principal + plan.interest - plan.tax)
    assert all(alt.value <= plan.value for alt in plan.alternatives)


# ---------------------------------------------------------------- errors


@pytest.mark.parametrize("call, field", [
    (lambda: plans.max_value(-1, 12, rate_table=T2004), "amount"),
    (lambda: plans.max_value("lots", 12, rate_table=T2004), "amount"),
    (lambda: plans.max_value(1000, 0, rate_table=T2004), "months"),
    (lambda: plans.max_value(1000, 1.5, rate_table=T2004), "months"),
    (lambda: plans.max_value(1000, 400, rate_table=T2004), "months"),
    (lambda: plans.max_value(1000, 12, rate_table=T2004, products=["gold"]), "products"),
    (lambda: plans.max_value(1000, 12, rate_table=T2004, fixed_terms=[9]), "fixed_terms"),
    (lambda: plans.max_value(1000, 12, rate_table=T2004, tax_rate=1.5), "tax_rate"),
    (lambda: plans.max_value(1000, 12, rate_table=T2004, tax_by_date=True), "start_date"),
    (lambda: plans.max_value(1000, 12, rate_table=T2004, keep_available=2000), "keep_available"),
    (lambda: plans.max_value(1000, 12, rate_table=T2004, max_leg_months=0), "max_leg_months"),
    (lambda: plans.max_value(1000, 12, rate_table=T2004, max_months=0), "max_months"),
    (lambda: plans.shortest_term(1000, 900, rate_table=T2004), "target"),
    (lambda: plans.monthly_shortest_term(1000, 500, rate_table=T2004), "target"),
    (lambda: plans.monthly_max_value(0, 12, rate_table=T2004), "monthly"),
    (lambda: plans.monthly_required(12, 20_000, rate_table=T2004, round_to="jiao"), "round_to"),
    (lambda: plans.max_value(50_000, 48.5, rate_table=T2004), "months"),
    (lambda: plans.max_value(50_000, True, rate_table=T2004), "months"),
    (lambda: plans.max_value(float("nan"), 12, rate_table=T2004), "amount"),
    (lambda: plans.max_value(50_000, 12, rate_table=42), "rate_table"),
    (lambda: plans.max_value(50_000, 12, rate_table=["pboc-2004-10-29"]), "rate_table"),
    (lambda: plans.max_value(50_000, 12, rate_table=T2004, tax_by_date=1, start_date=dt.date(2005, 1, 1)),
     "tax_by_date"),
    (lambda: plans.max_value(50_000, 12, rate_table=T2004, start_date="2005-02-30"), "start_date"),
    (lambda: plans.max_value(50_000, 12, rate_table=T2004, fixed_terms=[12.5]), "fixed_terms"),
    (lambda: plans.max_value(50_000, 12, rate_table=T2004, tax_rate="3"), "tax_rate"),
    (lambda: plans.monthly_max_value(1000, 12, rate_table=T2004, max_months=12.5), "max_months"),
    (lambda: plans.max_value(50_000, 12, rate_table=T2004, products=[["fixed"]]), "products"),
    (lambda: plans.max_value(50_000, 12, rate_table=SimpleNamespace(fixed={12: "x"})), "rate_table"),
    (lambda: plans.max_value(50_000, 12, rate_table=SimpleNamespace(fixed=5)), "rate_table"),
])
def test_bad_input_names_its_field(call, field):
    with pytest.raises(InputError) as info:
        call()
    assert info.value.field == field


def test_unreachable_target_names_the_best_reachable_value():
    reach = plans.max_value(10_000, 360, rate_table=T2004).value
    with pytest.raises(NoSolutionError) as info:
        plans.shortest_term(10_000, 1_000_000, rate_table=T2004)
    assert info.value.field == "target" and f"{reach:,.2f}" in str(info.value)
    with pytest.raises(NoSolutionError) as info:
        plans.shortest_term(10_000, 12_000, rate_table=T2004, max_months=48)
    assert "48 months" in str(info.value)


def test_unreachable_monthly_targets():
    with pytest.raises(NoSolutionError) as info:
        plans.monthly_shortest_term(10, 1_000_000, rate_table=T2004)
    assert info.value.field == "target" and "reachable" in str(info.value)
    only = dict(rate_table=T2004, products=["installment"])
    with pytest.raises(NoSolutionError) as info:  # 零存整取 alone cannot cover 13 months
        plans.monthly_shortest_term(100, 20_000, max_months=30, **only)
    with pytest.raises(NoSolutionError) as info:
        plans.monthly_required(13, 20_000, **only)
    assert info.value.field == "months"
    with pytest.raises(NoSolutionError):
        plans.max_value(10_000, 13, rate_table=T2004, products=["fixed"])


@pytest.mark.parametrize("mode", ["monthly_max_value", "monthly_shortest_term", "monthly_required"])
def test_alternatives_say_what_they_pay_in(mode):
    # a naive monthly choice pays in its own monthly amount × its own months (one-account reference rows
    # may differ from the plan in one of them); a lump choice pays in the plan's amount
    table = T2004
    call = {"monthly_max_value": lambda: plans.monthly_max_value(1000, 36, rate_table=table),
            "monthly_shortest_term": lambda: plans.monthly_shortest_term(1000, 40_000, rate_table=table),
            "monthly_required": lambda: plans.monthly_required(12, 20_000, rate_table=table)}[mode]
    plan = call()
    for alt in plan.alternatives:
        months = alt.months or plan.months
        monthly = alt.monthly or plan.monthly
        assert alt.principal == round(monthly * months, 2), alt.key
        assert alt.to_dict()["principal"] == alt.principal
    lump = plans.max_value(10_000, 60, rate_table=table)
    assert {alt.principal for alt in lump.alternatives} == {10_000.0}


# ---------------------------------------------------------------- validation and rate tables by id


def test_whole_float_months_work_like_ints():
    # regression: 48.0 months used to be refused; it is 48 (48.5 is refused above)
    table = load_catalog().rate_table()
    assert plans.max_value(5e4, 48.0) == plans.max_value(50_000, 48, rate_table=table)
    assert plans.monthly_required(12.0, "2万", rate_table=T2004).monthly == \
        plans.monthly_required(12, 20_000, rate_table=T2004).monthly
    assert plans.max_value(50_000, np.int64(36), rate_table=T2004, max_leg_months=12.0).months == 36


def test_rate_table_id_is_looked_up():
    # regression: an id used to be read as an empty table (50,000.00 with no interest)
    table = load_catalog().rate_table("pboc-2004-10-29")
    with pytest.raises(ProductNotFoundError) as info:  # an unknown id names the known ones
        plans.max_value(50_000, 48, rate_table="no-such-table")
    assert info.value.field == "rate_table" and "pboc-2004-10-29" in str(info.value)
    by_id = plans.max_value(50_000, 48, rate_table="pboc-2004-10-29")
    assert by_id == plans.max_value(50_000, 48, rate_table=table)
    assert by_id.interest > 0
    for mode, args in ((plans.shortest_term, (50_000, 55_000)), (plans.monthly_max_value, (1000, 24)),
                       (plans.monthly_shortest_term, (1000, 30_000)), (plans.monthly_required, (24, 30_000))):
        assert mode(*args, rate_table="pboc-2004-10-29") == mode(*args, rate_table=table)


def test_dated_options_accept_every_date_like():
    table = load_catalog().rate_table("pboc-2004-10-29")
    plan = plans.max_value(10_000, 60, rate_table=table, tax_by_date=True, start_date=dt.date(2005, 1, 1))
    assert plans.max_value(10_000, 60, rate_table=table, tax_by_date=True, start_date="2005-01-01") == plan
    assert plans.max_value(10_000, 60, rate_table=table, tax_by_date=np.True_,
                           start_date=np.datetime64("2005-01-01")) == plan


# ---------------------------------------------------------------- wording and JSON


def test_names_come_from_the_message_catalog():
    plan = plans.max_value(600_000, 36, rate_table=T2004, keep_available=20_000)
    reserve = next(leg for leg in plan.legs if leg.product == "reserve")
    assert (reserve.display_name("zh"), reserve.display_name("en")) == (reserve.name, reserve.name_en)
    assert plans.product_name("fixed", "zh") == "整存整取"
    single = next(a for a in plan.alternatives if a.key == "longest_single")
    assert single.display_name("en") == single.name_en == "one 36-month deposit, then demand"
    assert single.display_name("zh") == single.name and single.name_code == "plans.alt.longest_single"
    assert plan.mode_name("en") == "amount + term: largest value"


def test_notes_and_deposit_insurance_are_part_of_the_plan():
    big = plans.monthly_max_value(50_000, 60, rate_table=T2004)
    assert big.insurance_exposed == round_fen(big.value - 500_000)
    assert [n.code for n in big.notes][-1] == "plans.note.insurance"
    assert f"{big.insurance_exposed:,.2f}" in str(big.notes[-1]) and "存款保险" in big.notes[-1].text("zh")
    small = plans.monthly_required(12, 20_000, rate_table=T2004, products=["installment"])
    assert small.notes == () and small.insurance_exposed == 0.0
    better = plans.monthly_required(12, 20_000, rate_table=T2004)
    assert [n.code for n in better.notes] == ["plans.note.rule_5"]
    data = better.to_dict()
    assert data["notes"] == [better.notes[0].to_dict()]
    assert data == jsonable(data)  # already JSON-ready
    dated = plans.max_value(10_000, 60, rate_table=T2004, start_date=dt.date(2005, 1, 1)).to_dict()
    assert dated["start_date"] == "2005-01-01" and dated["legs"][0]["maturity_date"] == "2010-01-01"

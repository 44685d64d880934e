"""Tests for wealthcalc.yields.compare on the small hand-computed catalog.

tests/data/catalogs/compare_small.yaml; 100,000 yuan placed 2025-01-01 for 365 days
(to 2026-01-01), deposit table small-2025 (活期 0.35 %). Expected values worked by hand:

  t-tiers        365-day tier 6 %: 100,000 × 0.06                                 = 106,000.00
  w-1y           3.5 % × 365/365                                                  = 103,500.00
  w-fees         4 % − 0.63 % fees − 50 % × 0.17 % above the 3.2 % hurdle (W-5)     = 103,285.00
  w-182-roll     182 d at 3 %: 1,495.89 → 101,495.89; again: 101,495.89 × 0.03 × 182/365
                 = 1,518.27 → 103,014.16; 1 day 活期: 103,014.16 × 0.0035 / 360 = 1.00 = 103,015.16
  old-w          a 2004 offer, older than the table in use: ineligible, "historical"
  w-bundled      66,666.67 × 3.24 % = 2,160.00; 33,333.33 × 1.50 % = 500.00        = 102,660.00
  w-idle         7 d 活期 6.81 + 1,745.21 (W-3) → 101,752.02 on 2025-07-12; 活期 to 2026-01-01:
                 101,752.02 × 71 d → 70.24; 101,822.26 × 91 d → 90.08; 101,912.34 × 11 d → 10.90
                                                                                  = 101,923.24
  bank-fixed-1y  1.50 %                                                           = 101,500.00
  mf             1.5 % seven-day yield for 363 days: 100,000 × (1.015^(363/365) − 1) = 101,491.72
  notice-7d      100,000 × 1.35 % × 365/360 = 1,368.75                             = 101,368.75
  fixed-6m       650.00, then 100,650 × 0.0065 = 654.225 → 654.23                  = 101,304.23
  fixed-3m       275.00, 275.76 (100,275 × 0.00275), 276.51, 277.27                = 101,104.54
  demand         79 d → 76.81; 92 d → 89.51; 92 d → 89.59; 91 d → 88.70; 11 d → 10.73 = 100,355.34
  w-long         730 days: money locked 365 days past the horizon; accrued at 4 %   = 104,000.00 (last)
"""

import dataclasses
import datetime as dt
import json

import pytest
from hypothesis import given, settings, strategies as st

from wealthcalc.catalog import load
from wealthcalc.errors import InputError, ProductNotFoundError
from wealthcalc.yields import Comparison, compare, note_text

from tests.support import CATALOGS

SMALL = CATALOGS / "compare_small.yaml"
START = dt.date(2025, 1, 1)

EXPECTED = [
    ("t-tiers", 106_000.00),
    ("w-1y", 103_500.00),
    ("w-fees", 103_285.00),
    ("w-182-roll", 103_015.16),
    ("w-bundled", 102_660.00),
    ("w-idle", 101_923.24),
    ("bank-fixed-1y", 101_500.00),
    ("mf", 101_491.72),
    ("notice-7d", 101_368.75),
    ("fixed-6m", 101_304.23),
    ("fixed-3m", 101_104.54),
    ("demand", 100_355.34),
    ("w-long", 104_000.00),
]


@pytest.fixture(scope="module")
def small():
    return load(SMALL)


@pytest.fixture(scope="module")
def result(small):
    return compare(100_000, 365, catalog=small, start=START)


def test_ranking_matches_hand_values(result):
    assert [(r.id, r.net_amount) for r in result.ranked] == EXPECTED
    assert [r.rank for r in result.ranked] == list(range(1, len(EXPECTED) + 1))


def test_money_fund_value_by_formula(result):
    mf = next(r for r in result.ranked if r.id == "mf")
    assert mf.net_amount == round(100_000 * 1.015 ** (363 / 365), 2)


def test_rates_are_annualized_over_the_horizon(result):
    for row in result.ranked:
        assert row.net_annual_rate == pytest.approx((row.net_amount / 100_000 - 1) * 365 / 365, abs=1e-12)
        assert row.net_income == pytest.approx(row.net_amount - 100_000, abs=1e-6)


def test_roll_over_and_demand_rest_are_noted(result):
    rows = {r.id: r for r in result.ranked}
    assert rows["w-182-roll"].rollovers == 1 and rows["w-182-roll"].demand_days == 1
    assert rows["fixed-3m"].rollovers == 3 and rows["fixed-3m"].demand_days == 0
    assert rows["w-idle"].demand_days == 173
    assert "rolls over 1×" in rows["w-182-roll"].note


def test_longer_product_is_flagged_and_ranked_after(result):
    last = result.ranked[-1]
    assert last.id == "w-long" and last.locked_past_horizon_days == 365
    assert last.note == ("money back on day 730, 365 days after the horizon: ranked after every row that "
                         "pays back in time (value accrued to the horizon, not withdrawable then)")
    assert "late_by_days" not in [code for code, _ in result.notes]  # a year late is no near miss


def test_a_few_idle_days_past_the_horizon_get_the_days_hint(small):
    # w-idle: 7 raise + 182 term + 3 payout = 192 days (docs/rules/yields.md#yield-conventions W-3); a 182-day horizon misses it by 10
    short = compare(100_000, 182, catalog=small, start=START, kind="wealth")
    row = next(r for r in short.ranked if r.id == "w-idle")
    assert row.locked_past_horizon_days == 10 and row.rank > min(
        r.rank for r in short.ranked if r.locked_past_horizon_days == 0)
    assert ("late_by_days", {"count": 1, "most": 10, "days": 192}) in short.notes
    assert note_text("late_by_days", {"count": 1, "most": 10, "days": 192}).endswith(
        "run with --days 192 to rank them with the rest")
    # with the hinted horizon it pays back in time: 6.81 活期 + 1,745.21 (W-3) = 101,752.02, no note
    hinted = compare(100_000, 192, catalog=small, start=START, kind="wealth")
    row = next(r for r in hinted.ranked if r.id == "w-idle")
    assert row.locked_past_horizon_days == 0 and row.net_amount == 101_752.02
    assert "late_by_days" not in [code for code, _ in hinted.notes]


def test_a_deposit_term_ending_just_after_the_horizon_is_shown_flagged(small):
    # 180 days from 2025-01-01: the 6-month term (对月对日) ends 2025-07-01, day 181
    c = compare(100_000, 180, catalog=small, start=START, kind="deposit")
    rows = {r.id: r for r in c.ranked}
    six = rows["fixed-6m"]
    # 100,000 × 1.30 % × 6/12 = 650.00 accrued over 180 of 181 days: 646.408… → 100,646.41
    assert six.locked_past_horizon_days == 1 and six.net_amount == 100_646.41
    # early withdrawal on 2025-06-30 earns 活期 (docs/rules/deposits.md#lump-sum-fixed-deposit, D-5 method) for 5 months 29 days = 179 days
    # by the 30-day-month convention of docs/rules/rounding.md#deposit-day-count: 100,000 × 0.0035 × 179/360 = 174.03
    assert ("early_withdrawal", {"value": 100_174.03}) in six.notes
    assert six.note.startswith("money back on day 181, 1 day after the horizon")
    assert "fixed-24m" not in rows  # two years are no near miss
    assert ("late_by_days", {"count": 1, "most": 1, "days": 181}) in c.notes
    assert six.rank > max(r.rank for r in c.ranked if r.locked_past_horizon_days == 0)


def test_deposit_alternatives_are_graded_r1(result):
    deposits = [r for r in result.ranked + result.ineligible if r.kind == "deposit"]
    assert {r.id for r in deposits} >= {"demand", "notice-7d", "large-cd"}
    assert {r.risk for r in deposits} == {1}


def test_deposit_alternatives_fit_the_horizon_and_skip_duplicates(result):
    ids = {r.id for r in result.ranked}
    assert {"demand", "fixed-3m", "fixed-6m", "notice-7d"} <= ids
    assert "fixed-24m" not in ids  # 2 years do not fit in 365 days
    assert "fixed-12m" not in ids  # the catalog's bank-fixed-1y is the same offer


def test_insurance_column(result, small):
    rows = {r.id: r for r in result.ranked}
    assert rows["demand"].insured == "yes" and rows["bank-fixed-1y"].insured == "yes"
    assert rows["w-1y"].insured == "no" and rows["t-tiers"].insured == "no" and rows["mf"].insured == "no"
    big = compare(600_000, 365, catalog=small, start=START, kind="deposit")
    fixed = next(r for r in big.ranked if r.id == "bank-fixed-1y")
    # docs/rules/deposit-insurance.md#coverage-limit: 600,000 + 9,000 interest at one bank → 109,000 above the 500,000 cover
    assert fixed.insured == "partial" and fixed.net_amount == 609_000.0
    assert "109,000.00 above the 500,000" in fixed.note


def test_funds_are_listed_apart(result):
    # F-1 fee: 100,000 / 1.015 = 98,522.17 invested; held 363 days: no redemption fee
    assert [(r.id, r.net_amount) for r in result.unranked] == [("fund-mixed", 98_522.17)]
    assert result.unranked[0].rank is None
    assert "no promised yield" in result.unranked[0].note


def test_every_ineligible_row_has_its_reason(result):
    reasons = {r.id: r.note for r in result.ineligible}
    assert reasons == {
        "large-cd": "below the minimum of 200,000.00",
        "w-big": "below the minimum of 200,000.00 yuan",
        "w-step": "not 30,000.00 plus a multiple of 30,000.00 yuan",
        "w-cap": "above the maximum of 50,000.00 yuan",
        "w-norate": "quotes no rate: nothing to compare",
        "old-w": "an offer of 2004-12-31, before the rate table in use: history, not on sale; "
                 "compare it with --as-of 2004-12-31",
    }
    assert all(r.net_amount is None and r.rank is None for r in result.ineligible)


def test_historical_offers_are_not_ranked_against_todays_rates(result):
    # old-w (as_of 2004-12-31) predates table small-2025 (effective 2025-01-01): not ranked, no era mix
    assert "old-w" not in {r.id for r in result.ranked}
    assert result.notes == ()
    rows = {r.id: r for r in result.ineligible}
    assert rows["old-w"].as_of == dt.date(2004, 12, 31) and rows["old-w"].source
    assert {r.as_of for r in result.ranked} == {dt.date(2025, 1, 1)}


def test_mixed_eras_are_noted_when_an_old_table_is_forced(small):
    # rate table small-2004 with 2025 products: the products are not older than the table,
    # but rows span 2004 … 2025 and the result says so
    c = compare(100_000, 365, catalog=small, start=START, rate_table="small-2004")
    assert "mixed_eras" in [code for code, _ in c.notes]
    mixed = next(note for note in c.notes if note[0] == "mixed_eras")
    assert "2004-10-29" in note_text(*mixed)


def test_max_risk_moves_riskier_products_to_ineligible(small):
    c = compare(100_000, 365, catalog=small, start=START, max_risk="R2")
    assert "t-tiers" not in {r.id for r in c.ranked}
    refused = {r.id: r.note for r in c.ineligible}
    assert refused["t-tiers"] == "risk R3 above the limit R2"
    assert refused["w-fees"] == "risk R3 above the limit R2"
    assert c.ranked[0].id == "w-1y"


def test_kind_filter(small):
    c = compare(100_000, 365, catalog=small, start=START, kind="trust")
    assert [r.id for r in c.ranked] == ["t-tiers"] and not c.unranked
    deposits = compare(100_000, 365, catalog=small, start=START, kind=["deposit", "money_fund"])
    assert {r.kind for r in deposits.ranked} == {"deposit", "money_fund"}


def test_trust_takes_the_longest_tier_that_fits(small):
    # 200 days: only the 182-day tier fits: 100,000 × 5.5 % × 182/365 = 2,742.47 → 102,742.47,
    # then 18 days 活期 from 2025-07-02: 102,742.47 × 18 × 0.0035 / 360 = 17.98 → 102,760.45
    c = compare(100_000, 200, catalog=small, start=START, kind="trust")
    row = c.ranked[0]
    assert row.term_days == 182 and row.quoted_rate == 0.055
    assert row.net_amount == 102_760.45


def test_as_of_picks_the_table_in_force_and_excludes_later_products(small):
    # 2004-12-31: table small-2004 (活期 0.72 %, 1y 2.25 %), only old-w is dated by then
    c = compare(100_000, 365, catalog=small, as_of=dt.date(2004, 12, 31))
    assert c.rate_table == "small-2004" and c.start_date == dt.date(2004, 12, 31)
    ids = [r.id for r in c.ranked]
    assert ids[0] == "old-w"
    fixed = next(r for r in c.ranked if r.id == "fixed-12m")
    # 2,250.00 interest taxed 20 % (docs/rules/tax.md, 2005) = 1,800.00
    assert fixed.net_amount == 101_800.0
    # the 14 products dated 2025-01-01 (all but old-w) are left out, and said so; no era mix remains
    assert "w-1y" not in {r.id for r in c.ranked + c.ineligible}
    assert c.notes == (("after_as_of", {"count": 14, "as_of": "2004-12-31"}),)


def test_rate_table_option_and_errors(small):
    c = compare(100_000, 365, catalog=small, rate_table="small-2004", start=START, kind="deposit")
    assert c.rate_table == "small-2004"
    with pytest.raises(ProductNotFoundError):
        compare(100_000, 365, catalog=small, rate_table="nope")
    with pytest.raises(InputError) as info:
        compare(100_000, 365, catalog=small, as_of=dt.date(2000, 1, 1))
    assert info.value.field == "as_of"


@pytest.mark.parametrize(
    "kwargs, field",
    [
        ({"amount": 0}, "amount"),
        ({"amount": -5}, "amount"),
        ({"days": 0}, "days"),
        ({"days": 2.5}, "days"),
        ({"kind": "stocks"}, "kind"),
        ({"max_risk": "R9"}, "max_risk"),
    ],
)
def test_bad_input(small, kwargs, field):
    args = {"amount": 100_000, "days": 365, **kwargs}
    with pytest.raises(InputError) as info:
        compare(args.pop("amount"), args.pop("days"), catalog=small, **args)
    assert info.value.field == field


def test_short_horizon(small):
    # 5 days: 7-day notice cannot run; products with terms lock the money past the horizon
    c = compare(100_000, 5, catalog=small, start=START, kind="deposit")
    assert {r.id: r.reason[0] for r in c.ineligible}["notice-7d"] == "horizon_too_short"
    assert [r.id for r in c.ranked] == ["demand", "bank-fixed-1y"]
    assert c.ranked[1].locked_past_horizon_days > 0


def test_result_shapes(result):
    assert isinstance(result, Comparison)
    assert len(result.headers) == len(result.rows()[0])
    # the library speaks English: rows name each product in English, like their notes
    first = result.ranked[0]
    assert result.rows()[0][1] == (first.name_en or first.name)
    assert result.rows()[0][-1] == first.note
    data = json.loads(json.dumps(result.to_dict()))
    assert data["amount"] == 100_000 and data["days"] == 365 and data["start_date"] == "2025-01-01"
    assert [r["id"] for r in data["ranked"]] == [e[0] for e in EXPECTED]
    assert data["ineligible"][0]["reason"]["code"] == "yields.below_min"  # a Note dict: code, text, params
    assert data["ineligible"][0]["reason"]["text"].startswith("below the minimum of")
    assert result.best.id == "t-tiers"
    with pytest.raises(dataclasses.FrozenInstanceError):
        result.days = 1


def test_bundled_catalog_runs():
    # the README's main job on the bundled products.yaml
    c = compare(100_000, 365)
    assert c.ranked and c.rate_table == "big-banks-2025-05-20"
    assert all(r.net_amount > 100_000 for r in c.ranked)


# ---------------------------------------------------------------- invariants


@settings(max_examples=30)
@given(amount=st.integers(min_value=1_000, max_value=2_000_000).map(lambda x: x * 10),
       days=st.integers(min_value=1, max_value=1_200))
def test_every_product_gets_exactly_one_row_and_ranks_are_ordered(small, amount, days):
    c = compare(amount, days, catalog=small, start=START)
    product_rows = [r.id for r in c.ranked + c.unranked + c.ineligible if r.id in small.ids]
    assert sorted(product_rows) == sorted(small.ids)
    fitting = [r for r in c.ranked if not r.locked_past_horizon_days]
    locked = [r for r in c.ranked if r.locked_past_horizon_days]
    assert c.ranked == tuple(fitting + locked)
    for group in (fitting, locked):
        amounts = [r.net_amount for r in group]
        assert amounts == sorted(amounts, reverse=True)
    # every rate here is positive: nothing that pays back in time loses money
    assert all(r.net_amount >= amount for r in fitting)
    assert all(r.net_amount <= amount for r in c.unranked)  # funds at an unchanged NAV only pay fees


def test_a_horizon_past_the_tables_until_is_noted():
    # the 2004-10-29 table ended 2006-08-18 (docs/rules/rates.md#pboc-benchmark-deposit-rates): a comparison from 2006-08-01 over 730 days
    # rolls deposits over at its rates after that day, which the notes must say
    c = compare(100_000, 730, as_of=dt.date(2006, 8, 1), kind="deposit")
    codes = {code: params for code, params in c.notes}
    assert codes["table_ends"] == {"table": "pboc-2004-10-29", "until": "2006-08-18"}
    assert "2006-08-18" in note_text("table_ends", codes["table_ends"])
    inside = compare(100_000, 365, as_of=dt.date(2005, 1, 1), kind="deposit")
    assert "table_ends" not in {code for code, _ in inside.notes}


def test_a_start_without_as_of_takes_the_table_in_force_on_it():
    # money placed on 2004-12-31 earns the 2004-10-29 rates (docs/rules/rates.md#table-of-2004-10-29), taxed 20 % (docs/rules/tax.md):
    # 1y 100,000 × 2.25 % = 2,250.00 − 450.00 = 101,800.00 — not the 2025 table's 0.95 %
    c = compare(100_000, 365, start=dt.date(2004, 12, 31), kind="deposit")
    assert c.rate_table == "pboc-2004-10-29"
    assert next(r for r in c.ranked if r.id == "fixed-12m").net_amount == 101_800.0
    with pytest.raises(InputError) as info:
        compare(100_000, 365, start=dt.date(2010, 1, 1))
    assert info.value.field == "start"

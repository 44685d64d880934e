"""Tests for wealthcalc.yields: after-fee income of wealth products, trusts, funds."""

import datetime as dt

import pytest
from hypothesis import given, strategies as st

from wealthcalc.catalog import load
from wealthcalc.errors import InputError
from wealthcalc.yields import (
    after_fees,
    annualize,
    compare,
    fund_round_trip,
    money_fund_income,
    wealth_income,
)

from tests.support import CATALOGS
from tests.strategies import fee_rates

SMALL = CATALOGS / "compare_small.yaml"


@pytest.fixture(scope="module")
def small():
    return load(SMALL)

# ---------------------------------------------------------------- docs/rules/yields.md#yield-conventions yield conventions


def test_w1_income_on_365_basis():
    # docs/rules/yields.md#yield-conventions W-1: 100,000 × 0.035 × 182/365 = 1,745.2055 → 1,745.21
    r = wealth_income(100_000, 0.035, 182)
    assert r.gross_income == 1745.21
    assert r.net_income == 1745.21 and r.net_amount == 101_745.21
    assert r.fees == {} and r.tax == 0.0


def test_w2_income_on_360_basis():
    # docs/rules/yields.md#yield-conventions W-2: 100,000 × 0.035 × 182/360 = 1,769.444 → 1,769.44
    assert wealth_income(100_000, 0.035, 182, day_count=360).gross_income == 1769.44


def test_w3_idle_days_dilute_the_yield():
    # docs/rules/yields.md#yield-conventions W-3: 7 days 募集期 at 活期 0.35 %: 100,000 × 0.0035 × 7/360 = 6.806 → 6.81;
    # 3 days to credit earn nothing; (1,745.21 + 6.81) / 100,000 × 365/192 = 3.3307 %
    r = wealth_income(100_000, 0.035, 182, raise_days=7, payout_days=3, demand_rate=0.0035)
    assert r.idle_income == 6.81
    assert r.total_days == 192
    assert r.net_income == 1752.02
    assert r.net_annual_rate == pytest.approx(0.033307, abs=5e-7)
    # compounded: (1 + 0.0175202) ^ (365/192) − 1
    assert r.effective_annual_rate == pytest.approx(1.0175202 ** (365 / 192) - 1, rel=1e-12)
    assert r.effective_annual_rate > r.net_annual_rate


# ---------------------------------------------------------------- docs/rules/yields.md#product-fees fees


def test_w4_fixed_fees_come_off_the_gross_return():
    # docs/rules/yields.md#product-fees W-4: 4.00 % − 0.30 % − 0.03 % − 0.30 % = 3.37 %; on 100,000 for 365 days:
    # gross 4,000.00, management 300.00, custody 30.00, sales service 300.00, net 3,370.00
    r = wealth_income(100_000, 0.04, 365, management_fee=0.003, custody_fee=0.0003,
                      sales_service_fee=0.003)
    assert r.gross_income == 4000.0
    assert r.fees == {"management": 300.0, "custody": 30.0, "sales_service": 300.0}
    assert r.total_fees == 630.0
    assert r.net_income == 3370.0
    assert r.net_annual_rate == pytest.approx(0.0337, abs=1e-12)


def test_w5_performance_fee_above_hurdle():
    # docs/rules/yields.md#product-fees W-5: 50 % × (3.37 % − 3.20 %) = 0.085 % → investor 3.285 %; on 100,000: 85.00
    r = wealth_income(100_000, 0.04, 365, management_fee=0.003, custody_fee=0.0003,
                      sales_service_fee=0.003, performance_share=0.5, performance_hurdle=0.032)
    assert r.fees["performance"] == 85.0
    assert r.net_income == 3285.0
    assert r.net_annual_rate == pytest.approx(0.03285, abs=1e-12)


def test_w6_contract_performance_formula():
    # docs/rules/yields.md#product-fees W-6: H = (1,040,000 − 1,000,000 × (1 + 3 % × 365/365)) × 60 % = 6,000.00
    r = wealth_income(1_000_000, 0.04, 365, performance_share=0.6, performance_hurdle=0.03)
    assert r.gross_income == 40_000.0
    assert r.fees["performance"] == 6000.0
    assert r.net_income == 34_000.0


def test_no_performance_fee_below_hurdle():
    # 3 % gross under a 3.2 % hurdle: nothing above it, no fee
    r = wealth_income(100_000, 0.03, 365, performance_share=0.5, performance_hurdle=0.032)
    assert "performance" not in r.fees and r.net_income == 3000.0


def test_subscription_fee_comes_out_of_the_amount():
    # 1 % 认购费 on 100,000 = 1,000.00; 99,000 earn 4 % for 365 days = 3,960.00;
    # net income 3,960.00 − 1,000.00 = 2,960.00
    r = wealth_income(100_000, 0.04, 365, subscription_fee=0.01)
    assert r.fees == {"subscription": 1000.0}
    assert r.gross_income == 3960.0
    assert r.net_income == 2960.0


def test_tax_on_income_after_fees():
    # 2004-era savings tax of 20 % on 3,370.00 after fees = 674.00; net 2,696.00
    r = wealth_income(100_000, 0.04, 365, management_fee=0.003, custody_fee=0.0003,
                      sales_service_fee=0.003, tax_rate=0.2)
    assert r.tax == 674.0 and r.net_income == 2696.0


# ---------------------------------------------------------------- docs/rules/yields.md#collective-trust-plans trusts


def test_tr1_full_year():
    # docs/rules/yields.md#collective-trust-plans TR-1: 1,000,000 × 7.5 % × 365/365 = 75,000.00
    assert wealth_income(1_000_000, 0.075, 365).net_income == 75_000.0


def test_tr2_182_days():
    # docs/rules/yields.md#collective-trust-plans TR-2: 1,000,000 × 0.075 × 182/365 = 37,397.26
    assert wealth_income(1_000_000, 0.075, 182).net_income == 37_397.26


def test_tr3_term_in_years():
    # docs/rules/yields.md#collective-trust-plans TR-3: 500,000 × 6.5 % × 1.5 = 48,750.00 (simple, paid at maturity)
    r = wealth_income(500_000, 0.065, 548, accrual_years=1.5)
    assert r.net_income == 48_750.0
    # annualized over the 548 days the money is away: 48,750 / 500,000 × 365/548
    assert r.net_annual_rate == pytest.approx(0.0975 * 365 / 548, rel=1e-12)


# ---------------------------------------------------------------- docs/rules/yields.md#bundled-deposits bundled deposits


def test_w7_bundled_deposit_blends_the_yield():
    # docs/rules/yields.md#bundled-deposits W-7: 50,000 in a 91-day product at 4.0 % = 498.63, 50,000 in a 3-month
    # deposit at 1.10 % = 50,000 × 0.011 × 3/12 = 137.50; income 636.13;
    # blended 636.13 / 100,000 × 365/91 = 2.5515 %
    r = wealth_income(100_000, 0.04, 91, deposit_share=0.5, deposit_rate=0.011,
                      deposit_months=3, start_date=dt.date(2025, 6, 1))
    assert r.gross_income == 498.63
    assert r.deposit_income == 137.5
    assert r.net_income == 636.13
    assert r.net_annual_rate == pytest.approx(0.025515, abs=5e-7)


def test_w8_bundled_deposit_taxed_at_2004_rate():
    # docs/rules/yields.md#bundled-deposits W-8: 100 of product at 3.24 % + 50 of 1y deposit at 2.25 % taxed 20 %
    # per 150: (3.24 + 0.90) / 150 = 2.76 %. On 150,000 from 2004-11-01 (20 % tax, docs/rules/tax.md):
    # product 100,000 × 3.24 % = 3,240.00; deposit 50,000 × 2.25 % = 1,125.00, tax 225.00
    r = wealth_income(150_000, 0.0324, 365, deposit_share=1 / 3, deposit_rate=0.0225,
                      deposit_months=12, start_date=dt.date(2004, 11, 1))
    assert r.gross_income == 3240.0
    assert r.deposit_income == 900.0
    assert r.net_income == 4140.0
    assert r.net_annual_rate == pytest.approx(0.0276, abs=1e-12)


# ---------------------------------------------------------------- money funds and funds


def test_money_fund_compounds_the_seven_day_yield():
    # 100,000 at 1.5 % for 182 days: ln 1.015 = 0.01488861; × 182/365 = 0.00742397;
    # e^x − 1 = 0.00745154 → 100,000 × 0.00745154 = 745.15 (simple would be 747.95)
    r = money_fund_income(100_000, 0.015, 182, payout_days=1)
    assert r.net_income == 745.15
    assert r.total_days == 183
    assert r.net_annual_rate == pytest.approx(745.15 / 100_000 * 365 / 183, rel=1e-12)


def test_f1_f6_fund_fees_with_nav_unchanged():
    # docs/rules/funds.md#purchase-fee F-1: 10,000 at 1.5 % 外扣法: net 9,852.22, fee 147.78.
    # docs/rules/funds.md#redemption-fee: held 5 days (< 7) → 1.5 % of 9,852.22 = 147.7833 → 147.78 (cf. F-6)
    r = fund_round_trip(10_000, 5, purchase_fee_rate=0.015,
                        redemption_tiers=((0, 0.015), (7, 0.0075), (30, 0.005), (180, 0.0)))
    assert r.fees == {"purchase": 147.78, "redemption": 147.78}
    assert r.net_amount == 9704.44
    assert r.net_income == -295.56


def test_f1_at_nav_1_2345_shares_round_trip():
    # docs/rules/funds.md#purchase-fee F-1: 10,000 at 1.5 %, NAV 1.2345: net 9,852.22, 7,980.74 shares; sold 200 days later
    # at the same NAV with no redemption fee: 7,980.74 × 1.2345 = 9,852.2235 → 9,852.22
    r = fund_round_trip(10_000, 200, purchase_fee_rate=0.015, nav=1.2345)
    assert r.fees == {"purchase": 147.78}
    assert r.net_amount == 9852.22 and r.gross_income == 0.0


def test_f2_discounted_fee_held_long_pays_no_redemption():
    # docs/rules/funds.md#purchase-fee F-2: 1折 of 1.5 % = 0.15 %: net 9,985.02, fee 14.98; held 200 days → 0 %
    r = fund_round_trip(10_000, 200, purchase_fee_rate=0.0015,
                        redemption_tiers=((0, 0.015), (7, 0.0075), (30, 0.005), (180, 0.0)))
    assert r.fees == {"purchase": 14.98}
    assert r.net_amount == 9985.02


def test_f6_redemption_fee_on_5000_shares():
    # docs/rules/funds.md#redemption-fee F-6: 6,500.00 (5,000 sh × 1.3000) redeemed after 5 days at 1.5 %: fee 97.50,
    # net 6,402.50 (no purchase fee, NAV 1.3 unchanged)
    r = fund_round_trip(6_500, 5, nav=1.3, redemption_tiers=((0, 0.015), (7, 0.005)))
    assert r.fees == {"redemption": 97.5}
    assert r.net_amount == 6402.5


def test_f7_redemption_fee_after_60_days():
    # docs/rules/funds.md#redemption-fee F-7: same 5,000 shares held 60 days at 0.5 %: fee 32.50, net 6,467.50
    r = fund_round_trip(6_500, 60, nav=1.3, redemption_tiers=((0, 0.015), (7, 0.0075), (30, 0.005), (180, 0)))
    assert r.fees == {"redemption": 32.5}
    assert r.net_amount == 6467.5


# ---------------------------------------------------------------- annualize, eligibility, errors


def test_annualize_simple_and_compound():
    # 3,285 on 100,000 over 365 days: both 3.285 %; over 182 days: ×365/182 and compounded
    assert annualize(3285, 100_000, 365) == pytest.approx((0.03285, 0.03285), rel=1e-12)
    simple, effective = annualize(1000, 100_000, 182)
    assert simple == pytest.approx(0.01 * 365 / 182, rel=1e-12)
    assert effective == pytest.approx(1.01 ** (365 / 182) - 1, rel=1e-12)


# ---------------------------------------------------------------- after_fees on catalog products


def test_after_fees_w5_product(small):
    # w-fees carries the W-4/W-5 fees: 4 % gross → 3.285 % to the investor (docs/rules/yields.md#product-fees)
    r = after_fees(small.get("w-fees"), 100_000)
    assert r.fees == {"management": 300.0, "custody": 30.0, "sales_service": 300.0, "performance": 85.0}
    assert r.net_amount == 103_285.0


def test_after_fees_rate_net_of_fees_deducts_nothing(small):
    # w-1y quotes 3.5 % net of fees: 100,000 × 3.5 % × 365/365 = 3,500.00
    r = after_fees(small.get("w-1y"), 100_000)
    assert r.fees == {} and r.net_income == 3500.0


def test_after_fees_w3_idle_days_from_the_product(small):
    # w-idle is W-3: raise 7 days at the demand rate the caller gives, payout 3 days → 3.3307 %
    r = after_fees(small.get("w-idle"), 100_000, demand_rate=0.0035, start=dt.date(2025, 1, 1))
    assert (r.raise_days, r.days, r.payout_days) == (7, 182, 3)
    assert r.idle_income == 6.81 and r.net_income == 1752.02
    assert r.net_annual_rate == pytest.approx(0.033307, abs=5e-7)


def test_after_fees_bundled_deposit(small):
    # w-bundled: 1/3 of 100,000 in a 1y deposit at 1.50 %: 33,333.33 × 1.5 % = 500.00 (499.99995);
    # 66,666.67 × 3.24 % = 2,160.00; income 2,660.00 (2025: no interest tax)
    r = after_fees(small.get("w-bundled"), 100_000, start=dt.date(2025, 1, 1))
    assert r.gross_income == 2160.0 and r.deposit_income == 500.0
    assert r.net_amount == 102_660.0


def test_after_fees_trust_tier_by_term(small):
    # docs/rules/yields.md#collective-trust-plans TR-2 with the 182-day tier of t-tiers at 5.5 %: 100,000 × 0.055 × 182/365 = 2,742.47
    product = small.get("t-tiers")
    assert after_fees(product, 100_000, 182).net_income == 2742.47
    # TR-1 pattern with the 365-day tier at 6 %: 6,000.00
    assert after_fees(product, 100_000, 365).net_income == 6000.0
    with pytest.raises(InputError) as info:
        after_fees(product, 100_000, 200)
    assert info.value.field == "days" and "182, 365, 547" in str(info.value)


def test_after_fees_money_fund_needs_days(small):
    # 1.5 % seven-day yield, 363 days: 100,000 × (1.015^(363/365) − 1) = 1,491.72
    r = after_fees(small.get("mf"), 100_000, 363)
    assert r.net_income == 1491.72 and r.total_days == 365
    with pytest.raises(InputError) as info:
        after_fees(small.get("mf"), 100_000)
    assert info.value.field == "days"


def test_after_fees_fund_tiers_and_redemption(small):
    # F-1 fee 1.5 % 外扣法 on 100,000: net 98,522.17 (100,000 / 1.015), fee 1,477.83;
    # held 200 days: no redemption fee; NAV unchanged
    r = after_fees(small.get("fund-mixed"), 100_000, 200)
    assert r.fees == {"purchase": 1477.83} and r.net_amount == 98_522.17
    # held 5 days: 1.5 % of 98,522.17 = 1,477.83 more
    assert after_fees(small.get("fund-mixed"), 100_000, 5).fees["redemption"] == 1477.83
    # 2,000,000 pays the fixed 1,000 per order (docs/rules/funds.md#purchase-fee tier), not a rate
    assert after_fees(small.get("fund-mixed"), 2_000_000, 200).fees == {"purchase": 1000.0}


def test_after_fees_deposit_product_uses_deposits(small):
    # bank-fixed-1y: 100,000 × 1.50 % = 1,500.00 (docs/rules/deposits.md#lump-sum-fixed-deposit)
    r = after_fees(small.get("bank-fixed-1y"), 100_000, start=dt.date(2025, 1, 1))
    assert r.gross_income == 1500.0 and r.tax == 0.0 and r.days == 365


def test_after_fees_2004_deposit_is_taxed(small):
    # the same deposit opened 2004-11-01: 20 % interest tax (docs/rules/tax.md): 1,500.00 − 300.00
    r = after_fees(small.get("bank-fixed-1y"), 100_000, start=dt.date(2004, 11, 1))
    assert r.tax == 300.0 and r.net_income == 1200.0


@pytest.mark.parametrize(
    "product_id, amount, words",
    [
        ("w-big", 100_000, "below the minimum of 200,000.00 yuan"),
        ("w-cap", 100_000, "above the maximum of 50,000.00 yuan"),
        ("w-step", 100_000, "not 30,000.00 plus a multiple of 30,000.00 yuan"),
    ],
)
def test_after_fees_refuses_amounts_with_the_reason(small, product_id, amount, words):
    with pytest.raises(InputError) as info:
        after_fees(small.get(product_id), amount)
    assert info.value.field == "amount"
    assert words in str(info.value) and product_id in str(info.value)


def test_after_fees_fixed_term_refuses_other_days(small):
    with pytest.raises(InputError) as info:
        after_fees(small.get("w-1y"), 100_000, 200)
    assert info.value.field == "days" and "365" in str(info.value)


def test_after_fees_refuses_a_product_without_rate(small):
    with pytest.raises(InputError) as info:
        after_fees(small.get("w-norate"), 100_000)
    assert info.value.field == "rate"


@pytest.mark.parametrize(
    "kwargs, field",
    [
        ({"amount": -1}, "amount"),
        ({"amount": 0}, "amount"),
        ({"annual_rate": 3.5}, "annual_rate"),
        ({"days": 0}, "days"),
        ({"days": 1.5}, "days"),
        ({"day_count": 366}, "day_count"),
        ({"management_fee": -0.001}, "management_fee"),
        ({"raise_days": -1}, "raise_days"),
        ({"deposit_share": 1.0}, "deposit_share"),
        ({"accrual_years": 0}, "accrual_years"),
    ],
)
def test_wealth_income_refuses_bad_input(kwargs, field):
    args = {"amount": 100_000, "annual_rate": 0.035, "days": 182, **kwargs}
    with pytest.raises(InputError) as info:
        wealth_income(args.pop("amount"), args.pop("annual_rate"), args.pop("days"), **args)
    assert info.value.field == field


def test_rate_written_as_percent_is_refused_with_fix():
    with pytest.raises(InputError) as info:
        wealth_income(100_000, 3.5, 182)
    assert "0.035" in str(info.value)


# ---------------------------------------------------------------- invariants




@given(
    amount=st.integers(min_value=1_000, max_value=10_000_000),
    annual_rate=st.floats(min_value=0, max_value=0.12, allow_nan=False),
    days=st.integers(min_value=1, max_value=1_825),
    management=fee_rates, custody=fee_rates, sales=fee_rates, subscription=fee_rates,
    share=st.floats(min_value=0, max_value=1), hurdle=st.floats(min_value=0, max_value=0.1),
    tax_rate=st.sampled_from([0, 0.05, 0.2]),
)
def test_after_fee_yield_never_exceeds_gross(amount, annual_rate, days, management, custody, sales,
                                             subscription, share, hurdle, tax_rate):
    gross = wealth_income(amount, annual_rate, days)
    net = wealth_income(amount, annual_rate, days, management_fee=management, custody_fee=custody,
                        sales_service_fee=sales, subscription_fee=subscription,
                        performance_share=share, performance_hurdle=hurdle, tax_rate=tax_rate)
    assert net.net_income <= gross.net_income
    assert net.net_annual_rate <= gross.net_annual_rate
    assert all(value >= 0 for value in net.fees.values())
    # the books balance to the fen
    assert net.net_amount == pytest.approx(amount + net.net_income, abs=1e-6)


@given(
    amount=st.integers(min_value=1_000, max_value=10_000_000),
    annual_rate=st.floats(min_value=0, max_value=0.12, allow_nan=False),
    days=st.integers(min_value=1, max_value=730),
    payout=st.integers(min_value=1, max_value=10),
)
def test_idle_days_never_raise_the_annual_rate(amount, annual_rate, days, payout):
    quick = wealth_income(amount, annual_rate, days)
    slow = wealth_income(amount, annual_rate, days, payout_days=payout)
    assert slow.net_income == quick.net_income
    assert slow.net_annual_rate <= quick.net_annual_rate


# ---------------------------------------------------------------- current illustrative products (bundled catalog)


def test_wmc_fixed_income_6m_after_fees():
    # bundled example-wmc-fixed-income-6m (illustrative): 100,000 at 2.40 % gross for 182 days, basis 365
    #   gross      100,000 × 0.024 × 182/365  = 1,196.712 → 1,196.71
    #   management 100,000 × 0.0020 × 182/365 =    99.726 →    99.73; sales service the same
    #   custody    100,000 × 0.0002 × 182/365 =     9.973 →     9.97
    #   raise      5 days 活期 0.05 %: 100,000 × 0.0005 × 5/360 = 0.694 → 0.69 (docs/rules/yields.md#yield-conventions, W-3 method)
    #   net        1,196.71 − 209.43 + 0.69 = 987.97 over 5 + 182 + 2 = 189 days
    product = load().get("example-wmc-fixed-income-6m")
    r = after_fees(product, 100_000, demand_rate=0.0005)
    assert r.gross_income == 1196.71 and r.total_fees == 209.43 and r.idle_income == 0.69
    assert r.net_income == 987.97 and r.total_days == 189
    assert r.net_annual_rate == pytest.approx(987.97 / 100_000 * 365 / 189, abs=1e-12)
    assert product.check_amount(1) is None and product.check_amount(1.5) is not None  # 1 yuan, 1-yuan steps


def test_fixed_income_trust_needs_300000():
    # docs/rules/yields.md#collective-trust-plans (资管新规 2018): one fixed-income product needs at least 300,000
    product = load().get("example-fixed-income-trust-1y")
    with pytest.raises(InputError) as info:
        after_fees(product, 100_000)
    assert info.value.field == "amount" and "300,000.00" in info.value.hint
    # TR-1 method: 300,000 × 3.80 % = 11,400.00; 10 raise days at 活期 0.05 %: 300,000 × 0.0005 × 10/360 = 4.17
    r = after_fees(product, 300_000, demand_rate=0.0005)
    assert r.net_income == 11_404.17 and r.total_days == 378


def test_current_illustrative_entries_say_so():
    # every made-up current entry is marked in its name, notes and unconfirmed fields, with as_of and source
    cat = load()
    examples = [p for p in cat.products if p.issuer.startswith("示例")]
    assert {"example-wmc-fixed-income-6m", "example-wmc-fixed-income-1y",
            "example-fixed-income-trust-1y"} <= {p.id for p in examples}
    for p in examples:
        assert "illustrative" in p.name_en.lower() and "illustrative" in p.notes.lower(), p.id
        assert "rate" in p.unconfirmed and p.as_of >= dt.date(2025, 5, 20) and "docs/rules/" in p.source, p.id


# ---------------------------------------------------------------- bought during the 募集期 (sale window)


@pytest.fixture(scope="module")
def bundled():
    return load()


def test_after_fees_buying_late_in_the_sale_window_waits_fewer_days(bundled):
    # hxb-wenying-1-6m: sale window 2004-12-21 … 2005-01-03, raise_days 13 = the whole window, so the
    # value date is 2005-01-03. Paid in on 2005-01-02 the money waits 1 day, not 13:
    # 1 day of 活期 at 0.72 %: 100,000 × 0.0072 × 1/360 = 2.00, less 20 % tax (docs/rules/tax.md, 2005) = 1.60;
    # product 100,000 × 0.02328 × 182/365 = 1,160.81; net 1,162.41 over 1 + 182 + 2 = 185 days.
    product = bundled.get("hxb-wenying-1-6m")
    r = after_fees(product, 100_000, start=dt.date(2005, 1, 2), demand_rate=0.0072)
    assert r.raise_days == 1 and r.total_days == 185
    assert r.idle_income == 1.60 and r.net_income == 1162.41
    # bought on the first sale day it waits the whole window (13 days: 26.00 − 5.20 tax = 20.80)
    first = after_fees(product, 100_000, start=dt.date(2004, 12, 21), demand_rate=0.0072)
    assert first.raise_days == 13 and first.idle_income == 20.80
    # no start: the catalog's worst case, the whole window
    assert after_fees(product, 100_000).raise_days == 13


@pytest.mark.parametrize("start", [dt.date(2004, 12, 20), dt.date(2005, 1, 4)])
def test_after_fees_refuses_a_day_outside_the_sale_window(bundled, start):
    with pytest.raises(InputError) as info:
        after_fees(bundled.get("hxb-wenying-1-6m"), 100_000, start=start)
    assert info.value.field == "start" and "2004-12-21" in str(info.value) and "2005-01-03" in str(info.value)


def test_after_fees_sale_window_does_not_bind_a_fund_after_its_offer(bundled):
    # a fund's sale window is its 认购 offer; afterwards it is bought by 申购 at each day's NAV
    fund = bundled.get("tianzhi-quality-select")
    r = after_fees(fund, 100_000, 200, start=dt.date(2005, 6, 1))
    assert r == after_fees(fund, 100_000, 200)


def test_compare_with_a_start_in_the_sale_window(bundled):
    # horizon 200 days from 2005-01-02: the half-year product ties up 1 + 182 + 2 = 185 days, 15 in 活期 after
    c = compare(100_000, 200, catalog=bundled, kind="wealth", as_of=dt.date(2005, 1, 2),
                start=dt.date(2005, 1, 2))
    row = next(r for r in c.ranked if r.id == "hxb-wenying-1-6m")
    assert row.demand_days == 15
    early = compare(100_000, 200, catalog=bundled, kind="wealth", as_of=dt.date(2004, 12, 31),
                    start=dt.date(2004, 12, 10))
    refused = next(r for r in early.ineligible if r.id == "hxb-wenying-1-6m")
    assert refused.reason == ("before_sale", {"sale_start": "2004-12-21"})

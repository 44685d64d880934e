"""CLI tests for `wealthcalc compare` and `wealthcalc yield` (small hand-computed catalog)."""

import json
import re

import pytest


from tests.support import CATALOGS, assert_bilingual_error

SMALL = str(CATALOGS / "compare_small.yaml")


@pytest.fixture
def small(run):
    """``run`` with the small hand-computed catalog."""
    return lambda *args: run("--catalog", SMALL, *args)


def test_compare_json_parses_back_with_hand_values(small):
    result = small("--format", "json", "compare", "--amount", "10万", "--days", "365", "--start", "2025-01-01")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    ranked = [(r["id"], r["net_amount"]) for r in data["ranked"]]
    # values worked by hand in tests/test_compare.py
    assert ranked[:3] == [("t-tiers", 106_000.0), ("w-1y", 103_500.0), ("w-fees", 103_285.0)]
    assert ranked[-1] == ("w-long", 104_000.0)
    assert data["unranked"][0]["id"] == "fund-mixed"
    assert {r["id"] for r in data["ineligible"]} == {"large-cd", "w-big", "w-step", "w-cap", "w-norate", "old-w"}
    assert data["ranked"][0]["insured"] == "no"
    assert data["notes"] == []


def test_compare_table_in_chinese_names_products_in_chinese(small):
    result = small("compare", "--amount", "100,000", "--days", "365", "--start", "2025-01-01")
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    assert "排名" in out and "期末净额" in out and "存款保险" in out
    assert "测试信托 分期限" in out and "Test trust plan" not in out  # English names stay in json / products show
    assert "106,000.00" in out and "6.00%" in out
    assert "到期续作 3 次" in out  # fixed-3m rolls over three times
    assert "不可选" in out and "低于起购金额 200,000.00 元" in out
    assert "的历史产品" in out and "--as-of 2004-12-31" in out


def test_compare_table_in_english(small):
    result = small("--lang", "en", "compare", "--amount", "10万", "--days", "365", "--start", "2025-01-01")
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    assert "Net amount" in out and "Insured" in out and "Net annual rate" in out
    assert "Test trust plan with terms" in out and "测试信托" not in out
    assert "rolls over 3×" in out and "money back on day 730, 365 days after the horizon" in out
    assert max(len(line) for line in out.splitlines()) < 260  # long notes are wrapped into lines
    assert "Funds (no promised yield, not ranked)" in out


def test_compare_csv_has_english_keys(small):
    result = small("--format", "csv", "compare", "--amount", "10万", "--days", "365", "--start", "2025-01-01",
                 "--kind", "deposit")
    assert result.exit_code == 0, result.stderr
    first = result.stdout.splitlines()[0]
    assert first == "rank,product,kind,risk,term,quoted_rate,net_amount,net_annual_rate,insured,note"
    assert ",101500.0," in result.stdout  # bank-fixed-1y


def test_compare_filters(small):
    result = small("--format", "json", "compare", "--amount", "10万", "--days", "365", "--start", "2025-01-01",
                 "--kind", "wealth", "--kind", "trust", "--max-risk", "R2")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert {r["kind"] for r in data["ranked"]} == {"wealth"}
    risky = {r["id"]: r["reason"] for r in data["ineligible"]}
    assert risky["t-tiers"] == {"code": "yields.risk_above", "text": "risk R3 above the limit R2",
                                "params": {"risk": 3, "max_risk": 2}}


def test_compare_as_of_and_rate_table(small):
    result = small("--format", "json", "compare", "--amount", "10万", "--days", "365", "--as-of", "2004-12-31")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["rate_table"] == "small-2004" and data["ranked"][0]["id"] == "old-w"
    other = small("--format", "json", "compare", "--amount", "10万", "--days", "365", "--rate-table", "small-2004",
                "--kind", "deposit")
    assert json.loads(other.stdout)["rate_table"] == "small-2004"


@pytest.mark.parametrize(
    "args, words",
    [
        (["compare", "--amount", "-5", "--days", "365"], "--amount"),
        (["compare", "--amount", "10万", "--days", "0"], "--days"),
        (["compare", "--amount", "10万", "--days", "365", "--kind", "stocks"], "--kind"),
        (["compare", "--amount", "10万", "--days", "365", "--as-of", "2025-13-01"], "YYYY-MM-DD"),
        (["compare", "--amount", "10万", "--days", "365", "--max-risk", "R7"], "max_risk"),
        (["compare", "--amount", "10万", "--days", "365", "--rate-table", "nope"], "rate_table"),
        (["compare", "--amount", "10万", "--days", "365", "--as-of", "1999-01-01"], "as_of"),
        (["yield", "w-big", "--amount", "10万"], "below the minimum of 200,000.00 yuan"),
        (["yield", "w-step", "--amount", "10万"], "multiple of 30,000.00"),
        (["yield", "w-cap", "--amount", "10万"], "above the maximum of 50,000.00 yuan"),
        (["yield", "mf", "--amount", "10万"], "open-ended"),
        (["yield", "w-1y", "--amount", "10万", "--days", "100"], "runs 365 days"),
        (["yield", "no-such", "--amount", "10万"], "product"),
        (["compare", "--amount", "10万", "--days", "99999999"], "days: got 99999999; 请给 1 到 36,600 之间的整数天数 "
                                                                "｜ a whole number of days from 1 to 36,600"),
        (["yield", "mf", "--amount", "10万", "--days", "40000"], "from 1 to 36,600"),
        (["compare", "--amount", "99999999999万", "--days", "365"], "--amount"),
        (["compare", "--amount", "3.24%", "--days", "365"], "--amount"),
    ],
)
def test_bad_input_exits_2_with_one_line(args, words, small):
    result = small(*args)
    assert result.exit_code == 2
    assert words in result.stderr
    assert result.stderr.startswith("Error") and result.stderr.count("\n") == 1


def test_yield_json_fee_by_fee(small):
    result = small("--format", "json", "yield", "w-fees", "--amount", "10万")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    # docs/rules/yields.md#product-fees W-4/W-5 on 100,000 for a year
    assert data["fees"] == {"management": 300.0, "custody": 30.0, "sales_service": 300.0, "performance": 85.0}
    assert data["net_amount"] == 103_285.0 and data["product"]["id"] == "w-fees"
    assert data["net_annual_rate"] == pytest.approx(0.03285, abs=1e-12)


def test_yield_idle_days_use_the_table_in_force(small):
    # w-idle (W-3) dated 2025-01-01: small-2025 活期 0.35 % → 6.81 for 7 days, 3.3307 %
    result = small("--format", "json", "yield", "w-idle", "--amount", "10万")
    data = json.loads(result.stdout)
    assert data["demand_rate"] == 0.0035 and data["idle_income"] == 6.81
    assert data["net_annual_rate"] == pytest.approx(0.033307, abs=5e-7)


def test_yield_table_zh_and_en(small):
    zh = small("yield", "t-tiers", "--amount", "10万", "--days", "182")
    assert zh.exit_code == 0, zh.stderr
    assert zh.stdout.startswith("测试信托 分期限\n") and "2,742.47" in zh.stdout
    assert "净年化收益率" in zh.stdout
    en = small("--lang", "en", "yield", "fund-mixed", "--amount", "10万", "--days", "5")
    assert en.exit_code == 0, en.stderr
    assert "Purchase fee" in en.stdout and "1,477.83" in en.stdout and "Redemption fee" in en.stdout


def test_yield_says_which_incomes_are_already_after_tax(run):
    # cmbc-baode-2004 (rules W-8): the bundled 1y deposit, 50,000 × 2.25 % = 1,125.00 less 20 % tax = 900.00,
    # and 7 raise days, 150,000 × 0.72 % × 7/360 = 21.00 less 20 % = 16.80, are shown net while the
    # Tax line (the product's own tax) reads 0.00: the labels must say so
    en = run(*["--lang", "en", "yield", "cmbc-baode-2004", "--amount", "15万"])
    assert en.exit_code == 0, en.stderr
    assert re.search(r"Bundled deposit interest \(after tax\) +900\.00\n", en.stdout)
    assert re.search(r"Raise-period demand interest \(after tax\) +16\.80\n", en.stdout)
    zh = run(*["yield", "cmbc-baode-2004", "--amount", "15万"])
    assert "搭配存款利息（税后）" in zh.stdout and "募集期活期利息（税后）" in zh.stdout


def test_yield_fund_with_assumed_return(small):
    result = small("--format", "json", "yield", "fund-mixed", "--amount", "10万", "--days", "365",
                 "--annual-return", "5%")
    data = json.loads(result.stdout)
    # 98,522.17 shares at NAV 1 grow to NAV 1.05: 103,448.28 (shares × 1.05), no redemption fee after 180 days
    assert data["net_amount"] == 103_448.28


def test_bundled_catalog_compares_todays_offers(run):
    # the README's main job on the bundled catalog: today's products only, the 2004 ones as history
    result = run(*["--format", "json", "compare", "--amount", "10万", "--days", "365"])
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    ranked = {r["id"]: r for r in data["ranked"]}
    assert {"ningbo-fixed-1y", "example-wmc-fixed-income-6m", "example-wmc-fixed-income-1y",
            "example-money-fund", "icbc-fixed-1y", "notice-7d"} <= set(ranked)
    assert all(r["as_of"] >= "2025-05-20" for r in data["ranked"])
    # docs/rules/rates.md#large-bank-listed-rates-from-2025-05-20: Bank of Ningbo 1y 1.25 % beats the large banks' 0.95 %: 100,000 × 1.25 % = 1,250.00
    assert ranked["ningbo-fixed-1y"]["net_amount"] == 101_250.0
    assert ranked["ningbo-fixed-1y"]["rank"] < ranked["icbc-fixed-1y"]["rank"]
    assert {r["risk"] for r in data["ranked"] if r["kind"] == "deposit"} == {1}  # 7-day notice too
    # the 1-year WMC product: 5 raise + 365 + 2 payout = 372 days, so it ranks after every in-time row
    wmc = ranked["example-wmc-fixed-income-1y"]
    assert wmc["locked_past_horizon_days"] == 7
    in_time = [r["rank"] for r in data["ranked"] if r["locked_past_horizon_days"] == 0]
    assert wmc["rank"] > max(in_time)
    late = next(n for n in data["notes"] if n["code"] == "yields.late_by_days")
    assert late["params"] == {"count": 2, "most": 7, "days": 372} and "--days 372" in late["text"]
    refused = {r["id"]: r["reason"]["code"] for r in data["ineligible"]}
    assert refused["citic-licai-2004"] == "yields.historical"
    assert refused["example-fixed-income-trust-1y"] == "catalog.below_min"  # 300,000 minimum (资管新规)
    # the hinted horizon ranks it with the rest
    hinted = json.loads(run(*["--format", "json", "compare", "--amount", "10万", "--days", "372"]).stdout)
    wmc = next(r for r in hinted["ranked"] if r["id"] == "example-wmc-fixed-income-1y")
    assert wmc["locked_past_horizon_days"] == 0 and wmc["rank"] < hinted["ranked"][-1]["rank"]


def test_bundled_catalog_as_of_2004_compares_the_2004_offers(run):
    result = run(*["--format", "json", "compare", "--amount", "10万", "--days", "365",
                                      "--as-of", "2004-12-31"])
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["rate_table"] == "pboc-2004-10-29"
    ids = {r["id"] for r in data["ranked"]}
    assert {"citic-licai-2004", "bjitic-tv-ad-trust-2004", "fixed-12m"} <= ids
    assert not ids & {"ningbo-fixed-1y", "example-wmc-fixed-income-6m"}
    # docs/rules/rates.md#table-of-2004-10-29 and docs/rules/tax.md: 1y at 2.25 % from 2004-12-31, taxed 20 %: 2,250.00 − 450.00 = 1,800.00
    assert next(r for r in data["ranked"] if r["id"] == "fixed-12m")["net_amount"] == 101_800.0


def test_a_city_bank_table_keeps_the_large_banks_offers_current(run):
    # ningbo-2025-05-26 starts six days after the large banks' table: their 2025-05-20 products stay current
    result = run(*["--format", "json", "compare", "--amount", "10万", "--days", "365",
                                      "--rate-table", "ningbo-2025-05-26", "--kind", "deposit"])
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["rate_table"] == "ningbo-2025-05-26"
    assert "icbc-fixed-1y" in {r["id"] for r in data["ranked"]}
    assert "yields.historical" not in {r["reason"]["code"] for r in data["ineligible"]}


def test_compare_as_of_a_year_without_a_table_in_force_is_refused(run):
    # the catalog has no table for 2006-08-19 … 2015-10-23: the 2004 one (until 2006-08-18) must not stand in
    result = run(*["compare", "--amount", "10万", "--days", "365", "--as-of", "2010-01-01"])
    assert result.exit_code == 2
    assert "as_of" in result.stderr and "--rate-table" in result.stderr


def test_compare_csv_values_are_codes_as_in_json_whatever_the_language(small):
    # a program reading the csv gets the json's codes (id, kind, insured) in zh as in en;
    # only the notes are words. bank-fixed-1y: 100,000 × 1.5 % = 101,500.00
    rows = {}
    for lang in ("zh", "en"):
        result = small("--lang", lang, "--format", "csv", "compare", "--amount", "10万", "--days", "365",
                     "--start", "2025-01-01", "--kind", "deposit")
        assert result.exit_code == 0, result.stderr
        rows[lang] = next(line for line in result.stdout.splitlines() if line.startswith("1,"))
    assert rows["zh"].split(",")[:9] == rows["en"].split(",")[:9]
    assert rows["en"].split(",")[1:5] == ["bank-fixed-1y", "deposit", "R1", "12m"]
    assert rows["en"].split(",")[6] == "101500.0" and rows["en"].split(",")[8] == "yes"


@pytest.mark.parametrize(
    "args, english, chinese",
    [
        (["yield", "w-big", "--amount", "10万"], "below the minimum of 200,000.00 yuan", "低于起购金额 200,000.00 元"),
        (["yield", "mf", "--amount", "10万"], "open-ended", "请给出持有天数"),
        (["yield", "w-1y", "--amount", "10万", "--days", "100"], "runs 365 days", "期限为 365 天"),
        (["compare", "--amount", "10万", "--days", "365", "--max-risk", "R9"], "R1–R5", "风险等级"),
        (["yield", "mf", "--amount", "10万", "--days", "40000"], "from 1 to 36,600", "1 到 36,600 之间的整数天数"),
    ],
)
def test_errors_carry_chinese_advice_with_lang_zh(args, english, chinese, small):
    assert_bilingual_error(small, args, english, chinese)

"""Tests for ``wealthcalc deposit``: exit codes, json output, rate tables, error messages."""

from __future__ import annotations

import csv
import io
import json

import pytest

from tests.support import assert_bilingual_error


@pytest.fixture
def deposit_json(run_json):
    """``wealthcalc --format json --lang en deposit ARGS``, parsed."""
    return lambda *args: run_json("--lang", "en", "deposit", *args)


def test_fixed_json_with_tax_by_period(deposit_json):
    # docs/rules/tax.md, T-1: 972.00 interest, tax 175.89, net 796.11
    data = deposit_json("fixed", "--amount", "1万", "--months", "36", "--rate", "3.24%",
                    "--start", "2005-01-01")
    assert (data["interest"], data["tax"], data["net_interest"]) == (972.0, 175.89, 796.11)
    assert data["rate_table"] is None
    assert [f["date"] for f in data["cash_flows"]] == ["2005-01-01", "2008-01-01"]
    assert [f["amount"] for f in data["cash_flows"]] == [-10_000.0, 10_796.11]


def test_fixed_rate_from_table(deposit_json):
    # docs/rules/rates.md#table-of-2004-10-29: the 2004-10-29 table lists 3y at 3.24 % → D-4 972.00
    data = deposit_json("fixed", "--amount", "10000", "--months", "36", "--rate-table", "pboc-2004-10-29")
    assert data["annual_rate"] == pytest.approx(0.0324)
    assert data["interest"] == 972.0
    assert data["rate_table"] == "pboc-2004-10-29"


def test_fixed_default_table_and_minimum(run):
    result = run("--format", "json", "deposit", "fixed", "--amount", "10000", "--months", "12")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["rate_table"]  # the catalog's default table was used
    result = run("deposit", "fixed", "--amount", "40", "--months", "12")
    assert result.exit_code == 2
    assert "minimum" in result.stderr


def test_fixed_rollover_then_early(deposit_json):
    # docs/rules/deposits.md#lump-sum-fixed-deposit, D-8: 225.00 + 6.14
    data = deposit_json("fixed", "--amount", "10000", "--months", "12", "--rate", "2.25%",
                    "--held-days", "390", "--rollovers", "1", "--demand-rate", "0.72%")
    assert data["interest"] == 231.14
    assert [p["interest"] for p in data["interest_parts"]] == [225.0, 6.14]


def test_fixed_partial_demand_rate_from_table(deposit_json):
    # docs/rules/deposits.md#lump-sum-fixed-deposit, D-6 with the 2004 table's 活期 0.72 %: 8.00 + 135.00
    data = deposit_json("fixed", "--amount", "10000", "--months", "12", "--rate-table", "pboc-2004-10-29",
                    "--held-days", "100", "--partial", "4000")
    assert data["interest"] == 143.0


def test_demand_with_change(deposit_json):
    # docs/rules/deposits.md#demand-deposits, D-2: 46.80
    data = deposit_json("demand", "--amount", "10000", "--rate", "0.72%", "--start", "2025-03-21",
                    "--end", "2025-06-21", "--change", "2025-04-11:+20000")
    assert data["interest"] == 46.8
    assert data["principal"] == 30_000.0


def test_installment_and_periodic_types(deposit_json):
    # docs/rules/deposits.md#installment-savings D-13, docs/rules/deposits.md#lump-sum-installment-withdrawals D-17, docs/rules/deposits.md#keep-principal-draw-interest D-18
    assert deposit_json("installment", "--amount", "1000", "--months", "36", "--rate", "2.07%")[
        "maturity_value"] == 37_148.85
    assert deposit_json("lump-withdrawal", "--amount", "12000", "--months", "12", "--interval", "3",
                    "--rate", "1.71%")["interest"] == 128.25
    data = deposit_json("interest-payout", "--amount", "50000", "--months", "36", "--rate", "2.07%")
    assert data["interest"] == 3_105.0
    assert data["cash_flows"][1]["amount"] == 86.25


def test_flexible_and_notice(deposit_json):
    # docs/rules/deposits.md#fixed-or-demand D-20; docs/rules/deposits.md#notice-deposits D-25
    data = deposit_json("flexible", "--amount", "10000", "--rate", "3=1.71%", "--rate", "6=2.07%",
                    "--rate", "12=2.25%", "--demand-rate", "0.72%", "--held-days", "200")
    assert data["interest"] == 69.0
    data = deposit_json("notice", "--amount", "100000", "--rate", "1.62%", "--held-days", "20",
                    "--style", "rolling", "--demand-rate", "0.72%")
    assert data["interest"] == 75.02


def test_large_cd_coupons_and_insurance(deposit_json):
    data = deposit_json("large-cd", "--amount", "20万", "--months", "36", "--rate", "1.25%",
                    "--coupon-months", "12")
    assert [f["amount"] for f in data["cash_flows"]] == [-200_000.0, 2_500.0, 2_500.0, 202_500.0]
    # docs/rules/deposit-insurance.md#coverage-limit, D-27
    data = deposit_json("insurance", "--balance", "52万", "--balance", "2万")
    assert (data["covered"], data["exposed"]) == (500_000.0, 40_000.0)


def test_table_output_in_chinese_and_english(run):
    args = ["deposit", "fixed", "--amount", "10000", "--months", "12", "--rate", "2.25%",
            "--rollovers", "1"]
    zh = run(*args)
    assert zh.exit_code == 0
    assert "整存整取" in zh.stdout and "存期 2" in zh.stdout and "10,455.06" in zh.stdout
    en = run("--lang", "en", *args)
    assert en.exit_code == 0
    assert "Lump-sum fixed deposit" in en.stdout and "term 2" in en.stdout


def test_csv_output(run):
    result = run("--format", "csv", "deposit", "fixed", "--amount", "10000", "--months", "36",
                 "--rate", "3.24%")
    assert result.exit_code == 0
    blocks = result.stdout.strip().split("\n\n")
    flows = list(csv.reader(io.StringIO(blocks[1])))
    assert flows[0] == ["date", "day", "flow", "amount"]
    assert flows[-1][2:] == ["maturity", "10972.0"]


def test_bad_rate_without_percent_sign(run):
    result = run("deposit", "fixed", "--amount", "10000", "--months", "36", "--rate", "3.24")
    assert result.exit_code == 2
    assert "3.24%" in result.stderr
    assert result.stdout == ""


@pytest.mark.parametrize(
    ("args", "text"),
    [
        (["fixed", "--amount", "10000", "--months", "48", "--rate", "3%"], "months"),
        (["fixed", "--amount", "-5", "--months", "12", "--rate", "3%"], "positive"),
        (["fixed", "--amount", "10000", "--months", "12", "--rate", "3%", "--withdraw-on",
          "2025-01-01"], "start"),
        (["fixed", "--amount", "10000", "--months", "12", "--rate", "3%", "--start", "2025-01-01",
          "--withdraw-on", "2024-01-01", "--demand-rate", "0.35%"], "withdraw_on"),
        (["fixed", "--amount", "10000", "--months", "12", "--rate", "3%", "--held-days", "100",
          "--partial", "20000", "--demand-rate", "0.35%"], "partial"),
        (["fixed", "--amount", "10000", "--months", "12", "--rate", "3%", "--tax", "20"], "tax"),
        (["fixed", "--amount", "10000", "--months", "48", "--rate-table", "pboc-2004-10-29"],
         "lists fixed months"),
        (["fixed", "--amount", "10000", "--months", "12", "--rate-table", "no-such-table"],
         "rate_table"),
        (["demand", "--amount", "10000", "--rate", "0.35%", "--end", "2025-01-01"], "--start"),
        (["flexible", "--amount", "10000", "--rate", "5=1%", "--held-days", "100"], "MONTHS=RATE"),
        (["notice", "--amount", "100000", "--rate", "1%"], "--held-days"),
        (["demand", "--amount", "10000", "--rate", "0.35%", "--start", "2025-01-01", "--end",
          "2025-06-01", "--change", "20000"], "DATE:AMOUNT"),
        (["demand", "--amount", "10000", "--rate", "0.35%", "--start", "2025-01-01", "--end",
          "2025-06-01", "--change", "2025-02-01:-20000"], "larger than the balance"),
    ],
)
def test_errors_exit_2(args, text, run):
    result = run("deposit", *args)
    assert result.exit_code == 2, result.output
    assert text in result.stderr


def test_help_lists_every_type(run):
    result = run("deposit", "--help")
    assert result.exit_code == 0
    for name in ("demand", "fixed", "installment", "lump-withdrawal", "interest-payout", "flexible",
                 "notice", "large-cd", "insurance"):
        assert name in result.stdout


def test_dated_deposit_reads_the_table_in_force_on_its_start(deposit_json):
    # docs/rules/deposits.md#lump-sum-fixed-deposit D-5 typed as a customer would, with dates and no rates: the 2004-10-29 table was in
    # force on 2005-01-01 (1y 2.25 %, 活期 0.72 %): 10,000 × 0.0072 × 100/360 = 20.00, taxed 20 % in 2005
    # (docs/rules/tax.md) → 4.00; the 2025 default table (活期 0.05 %) would give 1.39
    data = deposit_json("fixed", "--amount", "1万", "--months", "12", "--start", "2005-01-01",
                    "--withdraw-on", "2005-04-11")
    assert data["rate_table"] == "pboc-2004-10-29" and data["annual_rate"] == pytest.approx(0.0225)
    assert (data["interest"], data["tax"], data["net_interest"]) == (20.0, 4.0, 16.0)
    # held to maturity: 225.00, tax 45.00
    data = deposit_json("fixed", "--amount", "1万", "--months", "12", "--start", "2005-01-01")
    assert (data["interest"], data["tax"]) == (225.0, 45.0)


def test_early_withdrawal_takes_the_demand_rate_listed_on_the_withdrawal_day(deposit_json):
    # docs/rules/deposits.md#lump-sum-fixed-deposit: early withdrawal earns the 活期 rate listed on the withdrawal day. Opened 2015-06-01,
    # withdrawn 2015-11-01 (150 days, 30/360) under the 2015-10-24 table (活期 0.35 %):
    # 10,000 × 0.0035 × 150/360 = 14.583 → 14.58
    data = deposit_json("fixed", "--amount", "1万", "--months", "12", "--rate", "2.25%", "--start", "2015-06-01",
                    "--withdraw-on", "2015-11-01")
    assert data["interest"] == 14.58


def test_dated_deposit_with_no_table_in_force_asks_for_rates(run):
    # no catalog table covers 2010 (the 2004 one ended 2006-08-18): say so instead of using 2025 rates
    result = run("deposit", "fixed", "--amount", "1万", "--months", "12", "--start", "2010-01-01")
    assert result.exit_code == 2
    assert "start" in result.stderr and "--rate-table" in result.stderr
    result = run("deposit", "fixed", "--amount", "1万", "--months", "12", "--rate", "2.25%",
                 "--start", "2010-01-01", "--withdraw-on", "2010-04-11")
    assert result.exit_code == 2 and "--demand-rate" in result.stderr
    ok = run("deposit", "fixed", "--amount", "1万", "--months", "12", "--rate", "2.25%",
             "--start", "2010-01-01", "--withdraw-on", "2010-04-11", "--demand-rate", "0.36%")
    assert ok.exit_code == 0, ok.stderr


def test_table_says_withdrawn_not_matured_after_an_early_withdrawal(run, deposit_json):
    # docs/rules/deposits.md#lump-sum-fixed-deposit D-5: 10,000 withdrawn after 100 days gets 10,020.00 back — not a maturity value
    en = run("--lang", "en", "deposit", "fixed", "--amount", "1万", "--months", "12", "--rate", "2.25%",
             "--held-days", "100", "--demand-rate", "0.72%")
    assert en.exit_code == 0, en.stderr
    assert "Amount withdrawn  10,020.00" in en.stdout and "Maturity value" not in en.stdout
    zh = run("deposit", "fixed", "--amount", "1万", "--months", "12", "--rate", "2.25%", "--held-days", "100",
             "--demand-rate", "0.72%")
    assert "支取本息" in zh.stdout and "到期本息" not in zh.stdout
    held = run("--lang", "en", "deposit", "fixed", "--amount", "1万", "--months", "12", "--rate", "2.25%")
    assert "Maturity value" in held.stdout
    # machine formats keep the one key
    assert deposit_json("fixed", "--amount", "1万", "--months", "12", "--rate", "2.25%", "--held-days", "100",
                    "--demand-rate", "0.72%")["maturity_value"] == 10_020.0


@pytest.mark.parametrize(
    ("args", "english", "chinese"),
    [
        (["fixed", "--amount", "40", "--months", "12"], "the minimum for this deposit", "起存金额是 50.00 元"),
        (["fixed", "--amount", "1万", "--months", "48", "--rate-table", "pboc-2004-10-29"],
         "lists fixed months", "整存整取只有这些期限"),
        (["fixed", "--amount", "1万", "--months", "12", "--rate", "3%", "--held-days", "100",
          "--partial", "2万", "--demand-rate", "0.35%"], "must be less than the amount", "须小于存入金额"),
        (["fixed", "--amount", "1万", "--months", "12", "--rate", "3%", "--held-days", "100",
          "--withdraw-on", "2025-01-01"], "not both", "只能给一个"),
        (["demand", "--amount", "1万", "--rate", "0.35%", "--start", "2025-01-01", "--end",
          "2025-06-01", "--change", "20000"], "DATE:AMOUNT", "请写成 日期:金额"),
        (["fixed", "--amount", "1万", "--months", "12", "--start", "2010-01-01"],
         "no rate table of the catalog", "没有那天执行的利率表"),
    ],
)
def test_errors_carry_chinese_advice_with_lang_zh(args, english, chinese, run):
    assert_bilingual_error(run, ["deposit", *args], english, chinese)


# ---------------------------------------------------------------- the command prints the library's result


D = __import__("datetime").date


@pytest.mark.parametrize(
    ("args", "call", "table"),
    [
        (["fixed", "--amount", "1万", "--months", "36", "--rate", "3.24%", "--start", "2005-01-01"],
         lambda d: d.fixed(10_000, 0.0324, 36, start=D(2005, 1, 1), tax="auto"), None),
        (["fixed", "--amount", "1万", "--months", "12", "--start", "2005-01-01", "--withdraw-on", "2005-04-11"],
         lambda d: d.fixed(10_000, d.rate_for("pboc-2004-10-29", "fixed", 12), 12, start=D(2005, 1, 1),
                           withdraw_on=D(2005, 4, 11), demand_rate=d.demand_rate_on(D(2005, 1, 1)),
                           minimum=d.minimum_for("pboc-2004-10-29", "fixed")), "pboc-2004-10-29"),
        (["demand", "--amount", "1万", "--rate", "0.35%", "--start", "2025-01-01", "--end", "2025-06-01",
          "--change", "2025-02-01:+20000"],
         lambda d: d.demand(10_000, 0.0035, start=D(2025, 1, 1), end=D(2025, 6, 1),
                            changes=[(D(2025, 2, 1), 20_000)]), None),
        (["installment", "--amount", "1000", "--months", "36", "--rate", "2.07%", "--tax", "20%"],
         lambda d: d.installment(1_000, 0.0207, 36, tax=0.2), None),
        (["lump-withdrawal", "--amount", "12000", "--months", "12", "--interval", "3", "--rate", "1.71%"],
         lambda d: d.lump_withdrawal(12_000, 0.0171, 12, interval_months=3), None),
        (["interest-payout", "--amount", "50000", "--months", "36", "--rate", "2.07%", "--held-days", "100",
          "--demand-rate", "0.35%"],
         lambda d: d.interest_payout(50_000, 0.0207, 36, withdraw_on=100, demand_rate=0.0035), None),
        (["flexible", "--amount", "1万", "--rate", "3=1.71%", "--rate", "6=2.07%", "--rate", "12=2.25%",
          "--held-days", "200", "--demand-rate", "0.72%", "--rate-table", "pboc-2004-10-29"],
         lambda d: d.flexible(10_000, 0.0072, {3: 0.0171, 6: 0.0207, 12: 0.0225}, withdraw_on=200), None),
        (["notice", "--amount", "10万", "--rate", "1.62%", "--held-days", "20", "--style", "rolling",
          "--demand-rate", "0.72%"],
         lambda d: d.notice(100_000, 0.0162, 7, withdraw_on=20, style="rolling", demand_rate=0.0072), None),
        (["large-cd", "--amount", "20万", "--months", "12", "--coupon-months", "3", "--rate", "1.25%"],
         lambda d: d.large_cd(200_000, 0.0125, 12, coupon_months=3), None),
    ],
)
def test_json_output_is_the_library_result(args, call, table, deposit_json):
    from wealthcalc import deposits
    from wealthcalc.results import jsonable

    data = deposit_json(*args)
    result = call(deposits)
    assert data.pop("type") == result.kind
    assert data.pop("rate_table") == table
    assert data == jsonable(result.to_dict())


def test_insurance_json_is_the_library_result(deposit_json):
    from wealthcalc import deposits
    from wealthcalc.results import jsonable

    data = deposit_json("insurance", "--balance", "52万", "--balance", "2万")
    assert data == jsonable(deposits.deposit_insurance([520_000, 20_000]).to_dict())


def test_held_days_beyond_the_horizon_is_refused(run):
    result = run("--lang", "en", "deposit", "notice", "--amount", "10万", "--rate", "1%", "--held-days", "10000000")
    assert result.exit_code == 2
    assert "too long a horizon" in result.stderr and "withdraw_on" in result.stderr


def test_whole_float_months_reach_the_library(deposit_json):
    # the option is an int; the library takes 36.0 as 36 as well
    from wealthcalc import deposits

    assert deposit_json("fixed", "--amount", "1万", "--months", "36", "--rate", "3.24%")["interest"] == \
        deposits.fixed(10_000, 0.0324, 36.0).interest == 972.0

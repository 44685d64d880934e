"""Tests for ``wealthcalc loan`` and its subcommands."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from wealthcalc.cli import cli

DATA = Path(__file__).parent / "data"


def run(*args: str):
    return CliRunner().invoke(cli, list(args))


def run_json(*args: str):
    result = run("--format", "json", *args)
    assert result.exit_code == 0, result.output + result.stderr
    return json.loads(result.stdout)


def test_loan_as_written_in_the_issue():
    # rules §10.1, L-1
    result = run("loan", "--amount", "100万", "--rate", "4.9%", "--years", "30")
    assert result.exit_code == 0, result.stderr
    assert "5,307.27" in result.stdout and "910,615.12" in result.stdout
    assert "等额本息" in result.stdout


def test_loan_json_and_methods():
    data = run_json("loan", "--amount", "100万", "--rate", "4.9%", "--years", "30")
    assert (data["first_payment"], data["last_payment"], data["total_interest"]) == (5307.27, 5305.19, 910615.12)
    assert "schedule" not in data
    # rules §10.2, L-7
    ep = run_json("loan", "--amount", "1000000", "--rate", "0.049", "--months", "360",
                  "--method", "equal-principal", "--schedule")
    assert [row["payment"] for row in ep["schedule"][:2]] == [6861.11, 6849.77]
    assert ep["total_interest"] == 737041.08


def test_loan_english_table_schedule_by_year():
    result = run("--lang", "en", "loan", "--amount", "12000", "--rate", "5%", "--months", "12",
                 "--start", "2026-01-15", "--schedule", "--by-year")
    assert result.exit_code == 0, result.stderr
    assert "Repayment schedule" in result.stdout and "By year" in result.stdout
    assert "2027-01-15" in result.stdout


def test_loan_csv_schedule():
    result = run("--format", "csv", "loan", "--amount", "12000", "--rate", "5%", "--months", "12", "--schedule")
    assert result.exit_code == 0, result.stderr
    rows = list(csv.reader(result.stdout.splitlines()))
    header = rows.index(["period", "date", "payment", "principal", "interest", "balance", "rate"])
    assert len(rows) - header - 1 == 12


def test_prepay_and_rate_change_options():
    # rules §10.6, L-11: prepay 200,000 with the 12th installment
    data = run_json("loan", "--amount", "100万", "--rate", "4.9%", "--years", "30",
                    "--start", "2026-01-15", "--prepay", "2027-01-15:20万:reduce", "--schedule")
    assert data["schedule"][12]["payment"] == 4229.63
    assert data["interest_saved"] == 175019.8
    short = run_json("loan", "--amount", "100万", "--rate", "4.9%", "--years", "30", "--prepay", "12:20万")
    assert short["months"] == 240 and short["interest_saved"] == 440629.64
    full = run_json("loan", "--amount", "100万", "--rate", "4.9%", "--years", "30", "--prepay", "24:all")
    assert full["months"] == 24
    pen = run_json("loan", "--amount", "100万", "--rate", "4.9%", "--years", "30", "--prepay", "12:20万:reduce:1%")
    assert pen["total_penalty"] == 2000.0
    changed = run_json("loan", "--amount", "100万", "--rate", "4.9%", "--years", "30",
                       "--start", "2026-01-15", "--rate-change", "2027-01-15:3.5%", "--schedule")
    assert changed["schedule"][12]["rate"] == 0.035


def test_combined_command():
    # rules §10.5, L-10
    data = run_json("loan", "combined", "--provident", "60万", "--provident-rate", "2.6%",
                    "--commercial", "100万", "--commercial-rate", "3.5%", "--years", "30")
    assert (data["provident_payment"], data["commercial_payment"], data["first_payment"]) == (2402.04, 4490.45, 6892.49)


def test_provident_command_uses_catalog_policy_and_rates():
    # rules §10.4, L-9: Zhengzhou 2013 couple, 20 years at the 2012-07-06 provident rate 4.50 %
    data = run_json("loan", "provident", "--price", "100万", "--on", "2013-06-01")
    assert (data["provident_amount"], data["provident_bound"]) == (450000.0, "cap_couple")
    assert (data["provident_rate"], data["provident_payment"]) == (0.045, 2846.92)
    single = run_json("loan", "provident", "--price", "100万", "--buyers", "single", "--on", "2013-06-01")
    assert single["provident_payment"] == 2214.27
    # seed text: second home at 1.1 × the provident rate, 40 % of the price
    second = run_json("loan", "provident", "--price", "100万", "--second-home", "--on", "2013-06-01")
    assert (second["provident_amount"], second["provident_rate"]) == (400000.0, 0.0495)
    table = run("loan", "provident", "--price", "100万", "--rate", "4.5%")
    assert table.exit_code == 0 and "夫妻双方缴存最高额度" in table.stdout
    unknown = run("loan", "provident", "--price", "100万", "--policy", "atlantis")
    assert unknown.exit_code == 2


def test_lpr_spread_uses_catalog_lpr():
    # rules §10.7, L-12: 5y LPR + 10 bp, repriced 2025-01-01 to 3.60 % + 0.10 % = 3.70 %
    data = run_json("loan", "--amount", "100万", "--years", "30", "--start", "2019-10-15",
                    "--lpr-spread", "10bp", "--schedule")
    rates = {row["date"]: row["rate"] for row in data["schedule"]}
    assert rates["2025-02-15"] == 0.037
    assert data["annual_rate"] == round(0.0485 + 0.001, 7)  # LPR in force on 2019-10-15
    # a negative spread, and a January repricing inside the last period (2054-01-01) is harmless
    cut = run_json("loan", "--amount", "100万", "--years", "30", "--start", "2024-01-15",
                   "--lpr-spread", "-30bp")
    assert cut["annual_rate"] == 0.039 and cut["months"] == 360  # 5y LPR 4.20 % (2023-06-20) − 30 bp


def test_apr_command():
    # rules §10.8, L-13 and L-16
    data = run_json("loan", "apr", "--amount", "12000", "--months", "12", "--monthly-fee", "0.6%")
    assert round(data["apr"], 4) == 0.1303 and data["total_cost"] == 864.0
    flat = run_json("loan", "apr", "--amount", "100000", "--months", "36", "--payment", "3000")
    assert round(flat["apr"], 4) == 0.0506
    result = run("loan", "apr", "--amount", "12000", "--months", "12")
    assert result.exit_code == 2 and "--payment or --monthly-fee" in result.stderr


def test_compare_methods_and_offers():
    data = run_json("loan", "compare", "--amount", "100万", "--rate", "4.9%", "--years", "30")
    assert data["difference"]["total_interest"] == round(737041.08 - 910615.12, 2)
    offers = run_json("loan", "compare", "--installment", "12000:12:0.75%", "--installment", "12000:12:0.6%",
                      "--offer", "flat:100000:36:3000", "--car", "20万:36:0%:8000:70%")
    aprs = [row["apr"] for row in offers["offers"]]
    assert aprs == sorted(aprs)
    by_name = {row["name"]: row for row in offers["offers"]}
    assert round(by_name["flat"]["apr"], 4) == 0.0506  # rules §10.8, L-16
    assert round(by_name["12 × 0.6%/month"]["apr"], 4) == 0.1303  # rules §10.8, L-13
    assert offers["offers"][0]["name"].startswith("car loan")  # 8,000 fee on 140,000 over 3 years
    table = run("--lang", "en", "loan", "compare", "--amount", "100万", "--rate", "4.9%", "--years", "30")
    assert table.exit_code == 0 and "Total interest" in table.stdout


def test_batch_fail_and_skip(tmp_path):
    out = tmp_path / "out.csv"
    failed = run("loan", "batch", str(DATA / "loans_batch.csv"), str(out))
    assert failed.exit_code == 2
    assert "line 5, rate" in failed.stderr and "4.9%" in failed.stderr
    assert not out.exists() and not Path(f"{out}.part").exists()

    result = run("--format", "json", "loan", "batch", "--on-error", "skip", "--chunk-size", "2",
                 str(DATA / "loans_batch.csv"), str(out))
    assert result.exit_code == 0, result.stderr
    stats = json.loads(result.stdout)
    assert (stats["rows_read"], stats["rows_written"], stats["rows_skipped"]) == (9, 4, 5)
    for line in (5, 6, 7, 8, 9):
        assert f"line {line}," in result.stderr
    assert "5 bad row(s) skipped" in result.stderr
    with open(out, newline="") as f:
        rows = list(csv.DictReader(f))
    assert [r["id"] for r in rows] == ["a1", "a2", "a3", "a4"]
    assert rows[0]["first_payment"] == "5307.27" and rows[0]["total_interest"] == "910615.12"
    assert rows[0]["payoff_date"] == "2056-01-15" and rows[3]["payoff_date"] == ""
    assert rows[1]["first_payment"] == "6861.11"  # equal principal, rules §10.2 L-7


def test_batch_years_column_and_line_ids(tmp_path):
    src = tmp_path / "in.csv"
    src.write_text("principal,annual_rate,years\n600000,0.026,20\n\n200000,4.35%,3\n", encoding="utf-8")
    out = tmp_path / "out.csv"
    result = run("loan", "batch", str(src), str(out))
    assert result.exit_code == 0, result.stderr
    rows = list(csv.DictReader(open(out, newline="")))
    assert [(r["id"], r["first_payment"]) for r in rows] == [("2", "3208.73"), ("4", "5935.99")]


def test_batch_bad_header(tmp_path):
    src = tmp_path / "in.csv"
    src.write_text("amount,months\n1000,12\n", encoding="utf-8")
    result = run("loan", "batch", str(src), str(tmp_path / "out.csv"))
    assert result.exit_code == 2 and "rate" in result.stderr


@pytest.mark.parametrize("args,text", [
    (["--amount", "100万", "--rate", "4.9", "--years", "30"], "4.9%"),
    (["--amount", "100万", "--rate", "4.9%", "--years", "0"], "--years"),
    (["--amount", "100万", "--rate", "4.9%"], "--years or --months"),
    (["--rate", "4.9%", "--years", "30"], "--amount"),
    (["--amount", "100万", "--rate", "4.9%", "--years", "30", "--prepay", "12:200万"], "balance"),
    (["--amount", "100万", "--rate", "4.9%", "--years", "30", "--prepay", "2027-01-01:1万"], "start"),
    (["--amount", "100万", "--rate", "4.9%", "--years", "30", "--prepay", "nonsense"], "DATE:AMOUNT"),
    (["--amount", "100万", "--rate", "4.9%", "--years", "30", "--rate-change", "3.5%"], "DATE:RATE"),
    (["--amount", "100万", "--years", "30", "--lpr-spread", "10bp"], "--start"),
])
def test_bad_input_exit_2(args, text):
    result = run("loan", *args)
    assert result.exit_code == 2
    assert text in result.stderr
    assert result.stderr.count("\n") == 1

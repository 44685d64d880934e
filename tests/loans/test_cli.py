"""Tests for ``wealthcalc loan`` and its subcommands."""

from __future__ import annotations

import csv
import json
import warnings
from pathlib import Path

import pytest

from tests.support import DATA


def test_loan_as_written_in_the_issue(run):
    # docs/rules/loans.md#equal-installment, L-1
    result = run("loan", "--amount", "100万", "--rate", "4.9%", "--years", "30")
    assert result.exit_code == 0, result.stderr
    assert "5,307.27" in result.stdout and "910,615.12" in result.stdout
    assert "等额本息" in result.stdout


def test_loan_json_and_methods(run_json):
    # docs/rules/loans.md#equal-installment, L-1
    data = run_json("loan", "--amount", "100万", "--rate", "4.9%", "--years", "30")
    assert (data["first_payment"], data["last_payment"], data["total_interest"]) == (5307.27, 5305.19, 910615.12)
    assert "schedule" not in data
    # docs/rules/loans.md#equal-principal, L-7
    ep = run_json("loan", "--amount", "1000000", "--rate", "0.049", "--months", "360",
                  "--method", "equal-principal", "--schedule")
    assert [row["payment"] for row in ep["schedule"][:2]] == [6861.11, 6849.77]
    assert ep["total_interest"] == 737041.08


def test_loan_english_table_schedule_by_year(run):
    result = run("--lang", "en", "loan", "--amount", "12000", "--rate", "5%", "--months", "12",
                 "--start", "2026-01-15", "--schedule", "--by-year")
    assert result.exit_code == 0, result.stderr
    assert "Repayment schedule" in result.stdout and "By year" in result.stdout
    assert "2027-01-15" in result.stdout


def test_loan_csv_schedule(run):
    result = run("--format", "csv", "loan", "--amount", "12000", "--rate", "5%", "--months", "12", "--schedule")
    assert result.exit_code == 0, result.stderr
    rows = list(csv.reader(result.stdout.splitlines()))
    header = rows.index(["period", "date", "payment", "principal", "interest", "balance", "rate"])
    assert len(rows) - header - 1 == 12


def test_prepay_and_rate_change_options(run_json):
    # docs/rules/loans.md#prepayment, L-11: prepay 200,000 with the 12th installment
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
    # paying off with a penalty: 1 % of the balance 984,978.39 after installment 12 (docs/rules/loans.md#prepayment, L-11)
    off = run_json("loan", "--amount", "100万", "--rate", "4.9%", "--years", "30", "--prepay", "12:all::1%")
    assert (off["months"], off["total_penalty"]) == (12, 9849.78)
    changed = run_json("loan", "--amount", "100万", "--rate", "4.9%", "--years", "30",
                       "--start", "2026-01-15", "--rate-change", "2027-01-15:3.5%", "--schedule")
    assert changed["schedule"][12]["rate"] == 0.035


def test_combined_command(run_json):
    # docs/rules/loans.md#combined-loan, L-10
    data = run_json("loan", "combined", "--provident", "60万", "--provident-rate", "2.6%",
                    "--commercial", "100万", "--commercial-rate", "3.5%", "--years", "30")
    assert (data["provident_payment"], data["commercial_payment"], data["first_payment"]) == (2402.04, 4490.45, 6892.49)


def test_provident_command_uses_catalog_policy_and_rates(run, run_json):
    # docs/rules/provident.md#loan-amount, L-9: Zhengzhou 2013 couple, 20 years at the 2012-07-06 provident rate 4.50 %
    data = run_json("loan", "provident", "--price", "100万", "--on", "2013-06-01")
    assert (data["provident_amount"], data["provident_bound"]) == (450000.0, "cap_couple")
    assert (data["provident_rate"], data["provident_payment"]) == (0.045, 2846.92)
    single = run_json("loan", "provident", "--price", "100万", "--buyers", "single", "--on", "2013-06-01")
    assert single["provident_payment"] == 2214.27
    # docs/rules/sources.md#zhengzhou-2013-provident-policy: second home at 1.1 × the provident rate, 40 % of the price
    second = run_json("loan", "provident", "--price", "100万", "--second-home", "--on", "2013-06-01")
    assert (second["provident_amount"], second["provident_rate"]) == (400000.0, 0.0495)
    table = run("loan", "provident", "--price", "100万", "--rate", "4.5%")
    assert table.exit_code == 0 and "夫妻双方缴存最高额度" in table.stdout
    unknown = run("loan", "provident", "--price", "100万", "--policy", "atlantis")
    assert unknown.exit_code == 2


def test_lpr_spread_uses_catalog_lpr(run_json):
    # docs/rules/lpr.md#repricing, L-12: 5y LPR + 10 bp, repriced 2025-01-01 to 3.60 % + 0.10 % = 3.70 %
    data = run_json("loan", "--amount", "100万", "--years", "30", "--start", "2019-10-15",
                    "--lpr-spread", "10bp", "--schedule")
    rates = {row["date"]: row["rate"] for row in data["schedule"]}
    assert rates["2025-02-15"] == 0.037
    assert data["annual_rate"] == round(0.0485 + 0.001, 7)  # LPR in force on 2019-10-15
    # a negative spread, and a January repricing inside the last period (2054-01-01) is harmless
    cut = run_json("loan", "--amount", "100万", "--years", "30", "--start", "2024-01-15",
                   "--lpr-spread", "-30bp")
    assert cut["annual_rate"] == 0.039 and cut["months"] == 360  # 5y LPR 4.20 % (2023-06-20) − 30 bp


def test_apr_command(run, run_json):
    # docs/rules/apr.md, L-13 and L-16
    data = run_json("loan", "apr", "--amount", "12000", "--months", "12", "--monthly-fee", "0.6%")
    assert round(data["apr"], 4) == 0.1303 and data["total_cost"] == 864.0
    flat = run_json("loan", "apr", "--amount", "100000", "--months", "36", "--payment", "3000")
    assert round(flat["apr"], 4) == 0.0506
    result = run("loan", "apr", "--amount", "12000", "--months", "12")
    assert result.exit_code == 2 and "one of --payment, --monthly-fee or --rate" in result.stderr
    both = run("loan", "apr", "--amount", "12000", "--months", "12", "--payment", "1072", "--rate", "5%")
    assert both.exit_code == 2 and both.stderr.count("\n") == 1


def test_apr_of_loans_with_fees(run_json):
    # a loan with no fee costs its contract rate: 信贷通 (docs/rules/sources.md#car-loan-2004), 70 % of a 200,000 car,
    # 5 years at the benchmark rate, equal installments; 3–5y benchmark of 2004-10-29 5.85 % (docs/rules/lpr.md)
    plain = run_json("loan", "apr", "--amount", "14万", "--months", "60", "--rate", "5.85%")
    assert round(plain["apr"], 6) == 0.0585 and plain["total_cost"] == 21810.3
    # "0 interest" + 8,000 service fee on 140,000 over 36 months: 140,000/36 a month (last 3,888.85)
    # on 132,000 in hand; numpy_financial.irr([−132,000] + [3,888.89] × 35 + [3,888.85]) = 0.3216 %/month
    zero = run_json("loan", "apr", "--amount", "14万", "--months", "36", "--rate", "0%", "--fee", "8000")
    assert zero["total_cost"] == 8000.0
    assert round(zero["monthly_rate"], 6) == 0.003216 and round(zero["apr"], 4) == 0.0386


def test_compare_methods_and_offers(run, run_json):
    data = run_json("loan", "compare", "--amount", "100万", "--rate", "4.9%", "--years", "30")
    assert data["difference"]["total_interest"] == round(737041.08 - 910615.12, 2)
    offers = run_json("loan", "compare", "--installment", "12000:12:0.75%", "--installment", "12000:12:0.6%",
                      "--offer", "flat:100000:36:3000", "--car", "20万:36:0%:8000:70%")
    aprs = [row["apr"] for row in offers["offers"]]
    assert aprs == sorted(aprs)
    by_name = {row["name"]: row for row in offers["offers"]}
    assert round(by_name["flat"]["apr"], 4) == 0.0506  # docs/rules/apr.md, L-16
    assert round(by_name["信用卡分期 12期 × 0.6%/月"]["apr"], 4) == 0.1303  # docs/rules/apr.md, L-13
    assert offers["offers"][0]["name"] == "汽车贷款 70% × 36期 0% 服务费 8,000"  # 8,000 on 140,000 over 3 years
    table = run("--lang", "en", "loan", "compare", "--amount", "100万", "--rate", "4.9%", "--years", "30")
    assert table.exit_code == 0 and "Total interest" in table.stdout
    assert "Difference (principal − installment)" in table.stdout
    assert "Equal installment vs equal principal" in table.stdout


def test_compare_car_offers_at_the_benchmark_rate(run, run_json):
    # 信贷通 (docs/rules/sources.md#car-loan-2004): 70 % of the price, up to 5 years, benchmark rate, equal installments,
    # against a "0 interest" offer with a service fee. Benchmarks of 2004-10-29 (docs/rules/lpr.md):
    # 1–3y 5.76 %, 3–5y 5.85 %; from 2015-10-24 one 1–5y rate 4.75 %.
    old = run_json("loan", "compare", "--car", "20万:60:benchmark", "--car", "20万:36:基准",
                   "--car", "20万:36:0%:8000", "--on", "2004-12-01")
    rows = old["offers"]
    assert [round(r["apr"], 4) for r in rows] == [0.0386, 0.0576, 0.0585]
    assert rows[2]["name"] == "汽车贷款 70% × 60期 基准利率 5.85%"
    assert rows[2]["first_payment"] == 2696.84 and rows[2]["amount"] == 140000.0
    result = run("--lang", "en", "loan", "compare", "--car", "20万:60:benchmark", "--on", "2026-01-01")
    assert result.exit_code == 0 and "car loan 70% × 60 months benchmark 4.75%" in result.stdout
    early = run("loan", "compare", "--car", "20万:60:benchmark", "--on", "2001-01-01")
    assert early.exit_code == 2 and "2004-10-29" in early.stderr


def test_batch_fail_and_skip(tmp_path, run):
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
    # a1 is L-1 (docs/rules/loans.md#equal-installment): 1,000,000 at 4.9 % over 360 months
    assert rows[0]["first_payment"] == "5307.27" and rows[0]["total_interest"] == "910615.12"
    assert rows[0]["payoff_date"] == "2056-01-15" and rows[3]["payoff_date"] == ""
    assert rows[1]["first_payment"] == "6861.11"  # equal principal, docs/rules/loans.md#equal-principal L-7


def test_batch_years_column_and_line_ids(tmp_path, run):
    src = tmp_path / "in.csv"
    src.write_text("principal,annual_rate,years\n600000,0.026,20\n\n200000,4.35%,3\n", encoding="utf-8")
    out = tmp_path / "out.csv"
    result = run("loan", "batch", str(src), str(out))
    assert result.exit_code == 0, result.stderr
    rows = list(csv.DictReader(open(out, newline="")))
    # hand formula P·r(1+r)^n/((1+r)^n−1), r = annual/12: 600000, 2.6 %, n = 240 -> 3208.728;
    # 200000, 4.35 %, n = 36 -> 5935.987
    assert [(r["id"], r["first_payment"]) for r in rows] == [("2", "3208.73"), ("4", "5935.99")]


def test_batch_years_column_with_a_bad_row_keeps_the_others_in_years(tmp_path, run):
    # a non-number in the years column used to turn the good rows' years into months twice
    src = tmp_path / "in.csv"
    src.write_text("principal,annual_rate,years\n600000,0.026,20\n600000,0.026,abc\n", encoding="utf-8")
    out = tmp_path / "out.csv"
    result = run("loan", "batch", "--on-error", "skip", str(src), str(out))
    assert result.exit_code == 0, result.stderr
    assert "line 3, years" in result.stderr
    rows = list(csv.DictReader(open(out, newline="")))
    # 20 years = 240 months; first payment by the hand formula above: 3208.73
    assert [(r["id"], r["months"], r["first_payment"]) for r in rows] == [("2", "240", "3208.73")]


def test_batch_infinite_or_missing_terms_are_bad_rows(tmp_path, run):
    src = tmp_path / "in.csv"
    src.write_text("amount,rate,months\n100000,0.049,inf\n100000,0.049,nan\n100000,0.049,12\ninf,0.049,12\n",
                   encoding="utf-8")
    out = tmp_path / "out.csv"
    with warnings.catch_warnings():
        warnings.simplefilter("error", RuntimeWarning)  # no numpy noise on stderr for inf
        result = run("loan", "batch", "--on-error", "skip", str(src), str(out))
    assert result.exit_code == 0, result.stderr
    assert "line 2, months" in result.stderr and "line 3, months" in result.stderr
    assert "line 5, amount" in result.stderr
    assert [r["id"] for r in csv.DictReader(open(out, newline=""))] == ["4"]


def test_batch_bad_header(tmp_path, run):
    src = tmp_path / "in.csv"
    src.write_text("amount,months\n1000,12\n", encoding="utf-8")
    result = run("loan", "batch", str(src), str(tmp_path / "out.csv"))
    assert result.exit_code == 2 and "rate" in result.stderr


def test_batch_output_path_errors(tmp_path, run):
    src = tmp_path / "in.csv"
    src.write_text("amount,rate,months\n100000,4.9%,12\n", encoding="utf-8")
    missing = run("loan", "batch", str(src), str(tmp_path / "no" / "out.csv"))
    assert missing.exit_code == 2 and "does not exist" in missing.stderr
    same = run("loan", "batch", "--on-error", "skip", str(src), str(src))
    assert same.exit_code == 2 and "another file" in same.stderr
    assert src.read_text(encoding="utf-8").startswith("amount,rate,months")  # IN.csv untouched
    short = run("loan", "apr", "--amount", "12000", "--months", "12", "--payment", "100")
    assert short.exit_code == 2 and "payments" in short.stderr  # repays less than it lends


@pytest.mark.parametrize("args,text", [
    (["--amount", "100万", "--rate", "4.9", "--years", "30"], "4.9%"),
    (["--amount", "100万", "--rate", "4.9%", "--years", "0"], "--years"),
    (["--amount", "100万", "--rate", "4.9%"], "--years or --months"),
    (["--rate", "4.9%", "--years", "30"], "--amount"),
    (["--amount", "100万", "--rate", "4.9%", "--years", "30", "--prepay", "12:200万"], "balance"),
    (["--amount", "100万", "--rate", "4.9%", "--years", "30", "--prepay", "2027-01-01:1万"],
     "add --start (the drawdown date) or give the installment number, e.g. --prepay 12:1万"),
    (["--amount", "100万", "--rate", "4.9%", "--years", "30", "--rate-change", "2027-01-01:3.5%"],
     "--rate-change given by date needs the loan's start date"),
    (["--amount", "100万", "--rate", "4.9%", "--years", "30", "--prepay", "nonsense"], "DATE:AMOUNT"),
    (["--amount", "100万", "--rate", "4.9%", "--years", "30", "--rate-change", "3.5%"], "DATE:RATE"),
    (["--amount", "100万", "--years", "30", "--lpr-spread", "10bp"], "--start"),
])
def test_bad_input_exit_2(args, text, run):
    result = run("loan", *args)
    assert result.exit_code == 2
    assert text in result.stderr
    assert result.stderr.count("\n") == 1


def test_minimum_prepayment_option(run, run_json):
    # banks take partial prepayments from 10,000 yuan (the default; docs/loans.md, docs/rules/loans.md#prepayment)
    small = run("loan", "--amount", "100万", "--rate", "4.9%", "--years", "30", "--prepay", "12:5000:reduce")
    assert small.exit_code == 2 and small.stderr.count("\n") == 1
    assert "10,000.00" in small.stderr and "--min-prepay" in small.stderr
    allowed = run_json("loan", "--amount", "100万", "--rate", "4.9%", "--years", "30",
                       "--prepay", "12:5000:reduce", "--min-prepay", "0")
    assert allowed["interest_saved"] > 0
    # the new installment after a 'reduce' prepayment is in the summary (docs/rules/loans.md#prepayment, L-11)
    l11 = run_json("loan", "--amount", "100万", "--rate", "4.9%", "--years", "30", "--prepay", "12:20万:reduce")
    assert l11["payment_after_prepayment"] == 4229.63
    assert "payment_after_prepayment" not in run_json("loan", "--amount", "100万", "--rate", "4.9%",
                                                      "--years", "30")


def test_chinese_method_names_and_rates_above_100_percent(run, run_json):
    data = run_json("loan", "--amount", "100万", "--rate", "4.9%", "--years", "30", "--method", "等额本金")
    assert data["method"] == "equal_principal" and data["first_payment"] == 6861.11  # docs/rules/loans.md#equal-principal, L-7
    for args in (["loan", "--amount", "100万", "--rate", "490%", "--years", "30"],
                 ["loan", "apr", "--amount", "12000", "--months", "12", "--monthly-fee", "60"],
                 ["loan", "combined", "--provident", "60万", "--provident-rate", "260%", "--commercial",
                  "100万", "--commercial-rate", "3.5%", "--years", "30"]):
        result = run(*args)
        assert result.exit_code == 2 and result.stderr.count("\n") == 1, args
    assert "490% is beyond 100% a year" in run(*["loan", "--amount", "100万", "--rate", "490%", "--years", "30"]).stderr


def test_lpr_loan_drawn_before_the_lpr(run, run_json):
    # docs/rules/lpr.md#repricing, L-12: a 2019 loan at 4.90 % converted to 5y LPR + 10 bp; the LPR begins 2019-08-20
    result = run("loan", "--amount", "100万", "--years", "30", "--start", "2019-06-15", "--lpr-spread", "10bp")
    assert result.exit_code == 2 and "--rate" in result.stderr and "2019-08-20" in result.stderr
    data = run_json("loan", "--amount", "100万", "--rate", "4.9%", "--years", "30", "--start", "2019-06-15",
                    "--lpr-spread", "10bp", "--repricing", "anniversary", "--schedule")
    rates = {row["date"]: row["rate"] for row in data["schedule"]}
    assert rates["2020-06-15"] == 0.049  # the first year at the contract rate
    assert rates["2025-06-15"] == 0.0405  # 2024-06-15 repricing: LPR 3.95 % (2024-02-20) + 10 bp
    assert rates["2025-07-15"] == 0.036  # 2025-06-15 repricing: LPR 3.50 % (2025-05-20) + 10 bp


def test_provident_rate_rule_and_date(run, run_json):
    # the catalog default (Zhengzhou 2013, docs/rules/sources.md#zhengzhou-2013-provident-policy) with today's rate: a note says so
    today = run("--lang", "en", "--format", "json", "loan", "provident", "--price", "100万")
    assert today.exit_code == 0 and "Note: policy zhengzhou-2013" in today.stderr
    data = json.loads(today.stdout)
    assert data["rate_rule"] == "first_home" and data["rate_on"] is not None
    # national default: no cap, 80 % LTV (catalog, unconfirmed); second home at the table's
    # second-home >5y rate of 2025-05-08, 3.075 % (docs/rules/provident.md#provident-fund-loan-rates)
    second = run_json("loan", "provident", "--price", "100万", "--policy", "national-default",
                      "--second-home", "--on", "2025-06-01")
    assert (second["provident_amount"], second["provident_bound"]) == (800000.0, "ltv_second_home")
    assert (second["provident_rate"], second["rate_rule"]) == (0.03075, "second_home_table")
    first = run("--lang", "en", "loan", "provident", "--price", "100万", "--policy", "national-default",
                "--on", "2025-06-01")
    assert first.exit_code == 0 and "first-home rate" in first.stdout and first.stderr == ""
    assert "2.60%" in first.stdout  # first home >5y from 2025-05-08 (docs/rules/provident.md#provident-fund-loan-rates)
    zz = run("--lang", "en", "loan", "provident", "--price", "100万", "--second-home", "--on", "2013-06-01")
    assert "policy multiple of the first-home rate" in zz.stdout


def test_batch_progress_counts_bytes(tmp_path, monkeypatch, run):
    from wealthcalc.cli import loan_cmd

    seen = {}

    class Bar:
        def __init__(self, length):
            seen["length"], seen["done"] = length, 0

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            return None

        def update(self, n):
            seen["done"] += n

    monkeypatch.setattr(loan_cmd, "progress", lambda iterable, length=None, label="": Bar(length))
    src = tmp_path / "in.csv"
    src.write_text("amount,rate,months\n" + "100000,4.9%,12\n" * 25, encoding="utf-8")
    result = run("loan", "batch", "--chunk-size", "10", str(src), str(tmp_path / "out.csv"))
    assert result.exit_code == 0, result.stderr
    assert seen == {"length": src.stat().st_size, "done": src.stat().st_size}


def test_batch_encodings(tmp_path, run):
    text = "编号,amount,rate,months\n甲,600000,2.6%,240\n"
    gbk = tmp_path / "gbk.csv"
    gbk.write_bytes(text.encode("gb18030"))
    out = tmp_path / "out.csv"
    refused = run("loan", "batch", str(gbk), str(out))
    assert refused.exit_code == 2 and "gbk.csv line 1" in refused.stderr and "--encoding gb18030" in refused.stderr
    assert not out.exists()
    done = run("loan", "batch", "--encoding", "gb18030", str(gbk), str(out))
    assert done.exit_code == 0, done.stderr
    assert list(csv.DictReader(open(out, newline="")))[0]["first_payment"] == "3208.73"  # docs/rules/loans.md#equal-installment, L-3
    bom = tmp_path / "bom.csv"
    bom.write_bytes(text.encode("utf-8-sig"))
    assert run("loan", "batch", str(bom), str(out)).exit_code == 0
    unknown = run("loan", "batch", "--encoding", "klingon", str(bom), str(out))
    assert unknown.exit_code == 2 and "encoding" in unknown.stderr


def test_batch_output_neutralises_formula_ids(tmp_path, run):
    # an id a spreadsheet would run as a formula is written as text (issue 7, CSV export)
    source = tmp_path / "in.csv"
    source.write_text("id,amount,rate,months\n=1+1,100000,4.9%,120\n@SUM(A1),200000,4.9%,120\n",
                      encoding="utf-8")
    out = tmp_path / "out.csv"
    result = run("loan", "batch", str(source), str(out))
    assert result.exit_code == 0, result.stderr
    ids = [line.split(",")[0] for line in out.read_text(encoding="utf-8").splitlines()[1:]]
    assert ids == ["'=1+1", "'@SUM(A1)"]


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("args, keys", [
    (["loan", "--amount", "100万", "--rate", "4.9%", "--years", "30"], ("method",)),
    (["loan", "provident", "--price", "300万", "--on", "2025-06-01"],
     ("provident_bound", "commercial_bound", "down_payment_bound", "rate_rule")),
])
def test_csv_values_are_the_json_values(lang, args, keys, run):
    # csv is for programs: the summary's words are the json's English codes in either language
    # (equal_installment, cap_couple), not the table's 等额本息 or 夫妻双方缴存最高额度
    data = json.loads(run("--lang", lang, "--format", "json", *args).stdout)
    result = run("--lang", lang, "--format", "csv", *args)
    assert result.exit_code == 0, result.output
    rows = dict(row[:2] for row in csv.reader(result.stdout.splitlines()) if len(row) >= 2)
    for key in keys:
        assert rows[key] == data[key]


def test_a_repriced_loan_shows_its_last_rate(run, run_json):
    # docs/rules/lpr.md#repricing, L-12: a 2019 loan at 4.90 % converted to 5y LPR + 10 bp pays 3.60 % once the
    # LPR is 3.50 % (2025-05-20); the summary says so beside the contract rate
    args = ["loan", "--amount", "100万", "--rate", "4.9%", "--years", "30", "--start", "2019-06-15",
            "--lpr-spread", "10bp"]
    data = run_json(*args)
    assert data["annual_rate"] == 0.049 and data["last_rate"] == 0.036
    table = run("--lang", "en", *args)
    assert "Rate at the end" in table.stdout and "3.60%" in table.stdout
    assert "last_rate" not in run_json("loan", "--amount", "100万", "--rate", "4.9%", "--years", "30")


def test_true_rates_print_with_two_decimals_as_the_apr(run, run_json):
    # docs/rules/apr.md, L-13: APR 13.03 %, EAR 13.84 %, simple 13.29 % — customers compare these three
    # side by side, so the table prints them alike; json keeps the full fractions
    args = ["loan", "apr", "--amount", "12000", "--months", "12", "--monthly-fee", "0.6%"]
    table = run(*args).stdout
    assert "13.03%" in table and "13.84%" in table and "13.29%" in table
    assert "1.0862%" in table  # the monthly IRR stays a quoted rate with 4 decimals
    data = run_json(*args)
    assert round(data["effective_rate"], 4) == 0.1384 and round(data["simple_rate"], 4) == 0.1329
    offers = run("loan", "compare", "--installment", "12000:12:0.6%").stdout
    assert "13.84%" in offers and "13.29%" in offers


def test_schedule_shows_the_prepaid_column_when_there_is_one(run):
    # L-11 base: the 12th installment carries a 200,000 prepayment; the table's principal counts
    # it, so the row must also say how much of it was prepaid (json has had "prepaid" all along)
    args = ["loan", "--amount", "100万", "--rate", "4.9%", "--years", "30", "--prepay", "12:20万:reduce",
            "--schedule"]
    result = run("--lang", "en", *args)
    assert result.exit_code == 0, result.output
    header = next(line for line in result.stdout.splitlines() if line.startswith("Period"))
    assert "Prepaid" in header
    row = next(line for line in result.stdout.splitlines() if line.split()[:1] == ["12"])
    assert "200,000.00" in row.split()
    rows = list(csv.reader(run("--format", "csv", *args).stdout.splitlines()))
    assert "prepaid" in rows[rows.index(next(r for r in rows if r[:1] == ["period"]))]
    plain = run("--lang", "en", "loan", "--amount", "100万", "--rate", "4.9%", "--years", "3", "--schedule")
    assert "Prepaid" not in plain.stdout


@pytest.mark.parametrize(
    ("args", "english", "chinese"),
    [
        (["loan", "--amount", "100万", "--rate", "4.9%"], "give the term", "给出贷款期限"),
        (["loan", "--amount", "100万", "--rate", "4.9%", "--years", "30", "--prepay", "2027-01-01:20万"],
         "add --start", "请加 --start"),
        (["loan", "--amount", "100万", "--rate", "4.9%", "--years", "30", "--prepay", "12:5000"],
         "lower --min-prepay", "调低 --min-prepay"),
        (["loan", "--amount", "100万", "--rate", "4.9%", "--years", "30", "--prepay", "12:200万:reduce"],
         "larger than the balance", "超过第 12 期后的剩余本金"),
        (["loan", "apr", "--amount", "12000", "--months", "12", "--payment", "100"],
         "add up to less than", "各期还款合计少于"),
        (["loan", "compare", "--car", "20万:x"], "write PRICE:MONTHS:RATE", "请写成 车价:期数:利率"),
    ],
)
def test_errors_carry_chinese_advice_with_lang_zh(args, english, chinese, run):
    zh = run("--lang", "zh", *args)
    en = run("--lang", "en", *args)
    assert zh.exit_code == en.exit_code == 2, zh.output
    assert len(zh.stderr.strip().splitlines()) == 1
    assert english in zh.stderr and chinese in zh.stderr
    assert english in en.stderr and chinese not in en.stderr


def test_batch_errors_carry_chinese_advice_when_failing_and_skipping(tmp_path, run):
    src = tmp_path / "in.csv"
    src.write_text("amount,rate,months\n100000,0.049,360\n1000,0.05,13.5\n", encoding="utf-8")
    out = tmp_path / "out.csv"
    failed = run("--lang", "zh", "loan", "batch", str(src), str(out))
    assert failed.exit_code == 2
    assert "in.csv line 3, months" in failed.stderr and "期限为 1 到 600 的整月数" in failed.stderr
    skipped = run("--lang", "zh", "--format", "json", "loan", "batch", "--on-error", "skip", str(src), str(out))
    assert skipped.exit_code == 0, skipped.stderr
    assert "期限为 1 到 600 的整月数 ｜ whole months from 1 to 600" in skipped.stderr  # zh first
    english = run("--lang", "en", "--format", "json", "loan", "batch", "--on-error", "skip", str(src), str(out))
    assert "whole months from 1 to 600" in english.stderr and "整月数" not in english.stderr

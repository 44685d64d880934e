"""Tests for ``wealthcalc tvm``: each subcommand, the sign rule, exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from wealthcalc import tvm
from wealthcalc.cli import ExitCode, cli
from wealthcalc.money import round_fen

from tests.support import DATA


def run(*args: str):
    return CliRunner().invoke(cli, list(args))


def run_json(*args: str) -> dict:
    result = run("--format", "json", "tvm", *args)
    assert result.exit_code == ExitCode.OK, result.output
    return json.loads(result.stdout)


def test_pmt_loan_example():
    # docs/rules/loans.md#equal-installment L-1: 1,000,000 over 30 years at 4.9% -> 5,307.27 a month
    data = run_json("pmt", "--rate", "4.9%", "--per-year", "12", "--years", "30", "--pv", "100万")
    assert data["pmt"] == -5307.27
    assert data["periods"] == 360
    assert data["periodic_rate"] == pytest.approx(0.049 / 12)
    # the same by --periods, and with payments at the beginning (5,307.27 / (1 + 0.049/12))
    assert run_json("pmt", "--rate", "4.9%", "--periods", "360", "--pv", "1000000")["pmt"] == -5307.27
    # spreadsheet users type NPER: --nper is the same option
    assert run_json("pmt", "--rate", "4.9%", "--nper", "360", "--pv", "1000000")["pmt"] == -5307.27
    begin = run_json("pmt", "--rate", "4.9%", "--years", "30", "--pv", "100万", "--when", "begin")
    assert begin["pmt"] == pytest.approx(-5307.267206 / (1 + 0.049 / 12), abs=0.006)


def test_fv_pv_nper_rate():
    # Excel FV doc: =FV(12%/12, 12, -1000) -> 12,682.50
    assert run_json("fv", "--rate", "12%", "--periods", "12", "--pmt", "-1000")["fv"] == 12682.50
    # Excel PV doc: =PV(8%/12, 12*20, 500) -> -59,777.15
    assert run_json("pv", "--rate", "8%", "--years", "20", "--pmt", "500")["pv"] == -59777.15
    # numpy-financial nper doc: 150 a month on 8,000 at 7% -> 64.07335 months
    nper = run_json("nper", "--rate", "7%", "--pmt", "-150", "--pv", "8000")
    assert nper["periods"] == pytest.approx(64.07335, abs=1e-5)
    assert nper["years"] == pytest.approx(64.07335 / 12, abs=1e-5)
    # Excel RATE doc: =RATE(4*12, -200, 8000) -> 9.24% a year
    rate = run_json("rate", "--years", "4", "--pmt", "-200", "--pv", "8000")
    assert rate["annual_rate"] == pytest.approx(0.0924, abs=5e-5)
    assert rate["periodic_rate"] == pytest.approx(0.0077014725, abs=1e-9)
    assert rate["effective_rate"] == pytest.approx((1 + rate["periodic_rate"]) ** 12 - 1)


def test_irr_from_flows_and_file(tmp_path):
    # numpy-financial irr doc: -100, 39, 59, 55, 20 -> 0.28095
    data = run_json("irr", "--flow", "-100", "--flow", "39", "--flow", "59", "--flow", "55", "--flow", "20")
    assert data["irr"] == pytest.approx(0.28095, abs=5e-6)
    assert data["total_out"] == 100 and data["total_in"] == 173
    path = tmp_path / "flows.csv"
    path.write_text("amount\n-1万\n3000\n4200\n6800\n", encoding="utf-8")
    monthly = run_json("irr", "--file", str(path), "--per-year", "12")
    assert monthly["annual_irr"] == pytest.approx((1 + monthly["irr"]) ** 12 - 1)
    # -100, +230, -132 solves at 10% and 20%: the one nearest 0, or nearest --guess
    two = ("--flow", "-100", "--flow", "230", "--flow", "-132")
    assert run_json("irr", *two)["irr"] == pytest.approx(0.1)
    assert run_json("irr", *two, "--guess", "25%")["irr"] == pytest.approx(0.2)


def test_xirr_from_flows_and_csv():
    # Excel XIRR doc example -> 0.373362535
    flows = ["2008-01-01:-10000", "2008-03-01:2750", "2008-10-30:4250", "2009-02-15:3250", "2009-04-01:2750"]
    args = [a for f in flows for a in ("--flow", f)]
    data = run_json("xirr", *args)
    assert data["xirr"] == pytest.approx(0.373362535, abs=1e-8)
    assert data["first_date"] == "2008-01-01" and data["last_date"] == "2009-04-01"
    assert data["net"] == 3000.0  # -10000 + 2750 + 4250 + 3250 + 2750
    # docs/rules/dca.md#return-measures DC-1 -> XIRR ≈ 0.31995
    dc1 = run_json("xirr", "--file", str(DATA / "tvm_dc1_flows.csv"))
    assert dc1["xirr"] == pytest.approx(0.31995, abs=5e-6)
    assert dc1["flows"] == 13 and dc1["total_out"] == 12000
    act360 = run_json("xirr", "--file", str(DATA / "tvm_dc1_flows.csv"), "--day-count", "act/360")
    assert act360["day_count"] == "act/360" and act360["xirr"] < dc1["xirr"]


def test_npv_effect_nominal():
    # numpy-financial npv doc: npv(0.08, [-40000, 5000, 8000, 12000, 30000]) -> 3065.22267
    args = [a for v in ("-40000", "5000", "8000", "12000", "30000") for a in ("--flow", v)]
    data = run_json("npv", "--rate", "8%", *args)
    assert data["npv"] == 3065.22 and data["per_year"] == 1 and data["flows"] == 5
    # monthly flows: the annual rate is divided by 12; hand formula -100 + 101/(1 + 0.12/12)
    monthly = run_json("npv", "--rate", "12%", "--per-year", "12", "--flow", "-100", "--flow", "101")
    assert monthly["npv"] == 0.0
    # Excel EFFECT doc: EFFECT(5.25%, 4) -> 0.0535427; NOMINAL doc: NOMINAL(5.3543%, 4) -> 0.05250032
    effect = run_json("effect", "--rate", "5.25%", "--per-year", "4")
    assert effect["effective_rate"] == pytest.approx(0.0535427, abs=5e-8)
    assert effect["periodic_rate"] == pytest.approx(0.013125)
    nominal = run_json("nominal", "--rate", "5.3543%", "--per-year", "4")
    assert nominal["nominal_rate"] == pytest.approx(0.05250032, abs=5e-9)
    zh = run("tvm", "effect", "--rate", "5.25%", "--per-year", "4")
    assert zh.exit_code == 0 and "实际年利率" in zh.stdout and "5.3543%" in zh.stdout


def test_cumipmt_cumprinc_excel_example():
    # Excel CUMIPMT / CUMPRINC documentation example: 125,000 at 9% over 30 years, payments 13-24
    # -> interest -11,135.23213, principal -934.1071234 (rounded to the fen here)
    loan = ("--rate", "9%", "--years", "30", "--pv", "125000", "--start", "13", "--end", "24")
    interest = run_json("cumipmt", *loan)
    assert interest["cumipmt"] == -11135.23
    assert interest["start_period"] == 13 and interest["end_period"] == 24 and interest["periods"] == 360
    assert run_json("cumprinc", *loan)["cumprinc"] == -934.11
    # the first month: -937.50 interest, -68.28 principal
    first = ("--rate", "9%", "--periods", "360", "--pv", "125000", "--start", "1", "--end", "1")
    assert run_json("cumipmt", *first)["cumipmt"] == -937.5
    assert run_json("cumprinc", *first)["cumprinc"] == -68.28
    # interest and principal of a span add up to its payments
    years_3_to_5 = ("--rate", "4.9%", "--years", "30", "--pv", "100万", "--start", "25", "--end", "60")
    paid = run_json("pmt", "--rate", "4.9%", "--years", "30", "--pv", "100万")["pmt"] * 36
    both = run_json("cumipmt", *years_3_to_5)["cumipmt"] + run_json("cumprinc", *years_3_to_5)["cumprinc"]
    assert both == pytest.approx(paid, abs=0.02 * 36)


@pytest.mark.parametrize(
    "args, words",
    [
        (["cumipmt", "--rate", "9%", "--years", "30", "--pv", "125000", "--start", "13", "--end", "400"],
         "within the 360 periods"),
        (["cumprinc", "--rate", "9%", "--years", "30", "--pv", "125000", "--start", "20", "--end", "13"],
         "from --start to --end"),
        (["cumipmt", "--rate", "0%", "--years", "30", "--pv", "125000", "--start", "1", "--end", "2"],
         "rate above 0"),
        (["cumprinc", "--rate", "9%", "--years", "30", "--pv", "-125000", "--start", "1", "--end", "2"],
         "above 0"),
        (["cumipmt", "--rate", "9%", "--years", "30", "--pv", "125000", "--start", "0", "--end", "2"], "--start"),
    ],
)
def test_cumipmt_cumprinc_bad_input_exits_2(args, words):
    result = run("tvm", *args)
    assert result.exit_code == ExitCode.BAD_INPUT
    assert words in result.stderr and len(result.stderr.strip().splitlines()) == 1


def test_rate_at_or_below_minus_100_percent_a_period_is_refused():
    for args in (["pmt", "--rate", "-100%", "--per-year", "1", "--years", "3", "--pv", "100"],
                 ["effect", "--rate", "-100%", "--per-year", "1"],
                 ["nominal", "--rate", "-100%"],
                 ["npv", "--rate", "-100%", "--flow", "-1", "--flow", "2"]):
        result = run("tvm", *args)
        assert result.exit_code == ExitCode.BAD_INPUT, args
        assert result.stderr.startswith("Error: rate: got '-100.00%'") and "above -100%" in result.stderr
    # a spreadsheet takes any rate: 1200% a year is 100% a month, pmt over 3 months of 100
    # = -100 × 1 × 2³ / (2³ − 1) = -114.29 (closed form, numpy-financial's PMT)
    result = run("--format", "json", "tvm", "pmt", "--rate", "1200%", "--periods", "3", "--pv", "100")
    assert result.exit_code == ExitCode.OK, result.stderr
    assert json.loads(result.stdout)["pmt"] == -114.29  # rounded to the fen like every amount shown


def test_huge_result_prints_instead_of_crashing():
    # 1,000,000,000,000 yuan at 100% a year for 200 years: a 96-digit amount used to make the
    # table fail (decimal.InvalidOperation, exit 1)
    args = ("fv", "--rate", "100%", "--years", "200", "--pv", "-10000亿")
    result = run("tvm", *args)
    assert result.exit_code == ExitCode.OK, result.stderr
    data = run_json(*args)
    assert data["fv"] == pytest.approx(1e12 * (1 + 1 / 12) ** 2400, rel=1e-12)
    digits = len(f"{data['fv']:.0f}")
    assert digits > 90 and f"{data['fv']:,.0f}"[:20] in result.stdout.replace(" ", "")


def test_table_and_csv_output_in_both_languages():
    zh = run("tvm", "pmt", "--rate", "4.9%", "--years", "30", "--pv", "100万")
    assert zh.exit_code == 0
    assert "每期付款(PMT)" in zh.stdout and "-5,307.27" in zh.stdout and "期末" in zh.stdout
    en = run("--lang", "en", "tvm", "pmt", "--rate", "4.9%", "--years", "30", "--pv", "100万")
    assert "Payment per period (PMT)" in en.stdout and "4.9" in en.stdout
    csv_out = run("--format", "csv", "tvm", "fv", "--rate", "3%", "--years", "10", "--pmt", "-1000")
    assert csv_out.exit_code == 0
    assert csv_out.stdout.splitlines()[0] == "item,value"
    assert "fv,139741.42" in csv_out.stdout
    # csv is for programs: the same English values as json in either language, not 期末
    for lang in ("zh", "en"):
        out = run("--lang", lang, "--format", "csv", "tvm", "fv", "--rate", "3%", "--years", "10",
                  "--pmt", "-1000", "--when", "begin")
        assert "when,begin" in out.stdout.splitlines()


@pytest.mark.parametrize(
    "args, words",
    [
        (["nper", "--rate", "7%", "--pmt", "-10", "--pv", "8000"], "no number of periods"),
        (["rate", "--years", "4", "--pmt", "200", "--pv", "8000"], "no interest rate"),
        (["irr", "--flow", "100", "--flow", "39"], "money paid out"),
        (["xirr", "--flow", "2024-01-01:-100", "--flow", "2025-01-01:-5"], "money paid out"),
        # 100 - 50x + 100x² has no real root: both signs, still no rate
        (["irr", "--flow", "100", "--flow", "-50", "--flow", "100"], "change sign several times"),
        (["xirr", "--flow", "2024-01-01:-100", "--flow", "2024-01-01:100"], "one date"),
    ],
)
def test_no_solution_exits_3(args, words):
    result = run("tvm", *args)
    assert result.exit_code == ExitCode.NO_SOLUTION
    assert words in result.stderr and result.stdout == ""
    assert len(result.stderr.strip().splitlines()) == 1


def test_no_solution_message_stays_short_for_long_files(tmp_path):
    path = tmp_path / "flows.csv"
    path.write_text("\n".join(["-100"] * 500) + "\n", encoding="utf-8")
    result = run("tvm", "irr", "--file", str(path))
    assert result.exit_code == ExitCode.NO_SOLUTION
    assert "got '500 flows'" in result.stderr and len(result.stderr) < 300


@pytest.mark.parametrize(
    "args, words",
    [
        (["pmt", "--rate", "4.9", "--years", "30", "--pv", "100万"], "4.9%"),
        (["pmt", "--rate", "4.9%", "--pv", "100万"], "--years or --periods"),
        (["pmt", "--rate", "4.9%", "--years", "30", "--periods", "12", "--pv", "1"], "disagree"),
        (["pmt", "--rate", "4.9%", "--periods", "nan", "--pv", "1"], "term as a number"),
        (["fv", "--rate", "4.9%", "--years", "NaN", "--pmt", "-1"], "term as a number"),
        (["pmt", "--rate", "4.9%", "--years", "30", "--pv", "ten"], "-1.5万"),
        (["pmt", "--rate", "4.9%", "--years", "30", "--pv", "1.234"], "at most 2 decimals"),
        (["pmt", "--rate", "4.9%", "--years", "30", "--pv", "-20000000亿"], "above 10,000,000,000,000"),
        (["npv", "--rate", "8%"], "--flow"),
        (["effect", "--rate", "5%", "--per-year", "0"], "--per-year"),
        (["irr"], "--flow"),
        (["xirr", "--flow", "2024-01-01"], "DATE:AMOUNT"),
        (["xirr", "--flow", "2024-13-01:-100", "--flow", "2025-01-01:110"], "YYYY-MM-DD"),
        (["xirr", "--file", "/nonexistent/flows.csv"], "cannot read"),
    ],
)
def test_bad_input_exits_2(args, words):
    result = run("tvm", *args)
    assert result.exit_code == ExitCode.BAD_INPUT
    assert words in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1 and result.stderr.startswith("Error: ")


def test_bad_csv_row_names_the_line(tmp_path):
    path = tmp_path / "flows.csv"
    path.write_text("date,amount\n2024-01-01,-100\n2025-01-01,lots\n", encoding="utf-8")
    result = run("tvm", "xirr", "--file", str(path))
    assert result.exit_code == ExitCode.BAD_INPUT
    assert f"{path}:3" in result.stderr and "date,amount" in result.stderr


def test_help_explains_the_rate_and_the_sign_rule():
    result = run("tvm", "pmt", "--help")
    assert result.exit_code == 0
    text = " ".join(result.stdout.split())  # click wraps the help to the terminal width
    assert "ANNUAL" in text and "paid out is negative" in text and "NPER" in text


@pytest.mark.parametrize(
    "args, english, chinese",
    [
        (["pmt", "--rate", "4.9%", "--pv", "100万"], "--years or --periods", "给出期限"),
        (["pmt", "--rate", "4.9%", "--years", "30", "--pv", "ten"], "-1.5万", "金额请写成"),
        (["nper", "--rate", "7%", "--pmt", "-10", "--pv", "8000"], "no number of periods", "每期利息"),
        (["irr", "--flow", "100", "--flow", "39"], "money paid out", "付出（负数）"),
        (["xirr", "--flow", "2024-01-01"], "DATE:AMOUNT", "日期:金额"),
        (["xirr", "--flow", "2024-13-01:-100", "--flow", "2025-01-01:110"], "YYYY-MM-DD", "日期请写成"),
    ],
)
def test_errors_carry_chinese_advice_with_lang_zh(args, english, chinese):
    zh = run("--lang", "zh", "tvm", *args)
    en = run("--lang", "en", "tvm", *args)
    assert zh.exit_code == en.exit_code != ExitCode.OK
    assert len(zh.stderr.strip().splitlines()) == 1
    assert english in zh.stderr and chinese in zh.stderr
    assert english in en.stderr and chinese not in en.stderr


@pytest.mark.parametrize(
    ("args", "key", "library"),
    [
        (["pmt", "--rate", "4.9%", "--years", "30", "--pv", "100万"], "pmt",
         lambda: tvm.pmt(0.049 / 12, 360, 1_000_000)),
        (["fv", "--rate", "3%", "--years", "10", "--pmt", "-1000"], "fv", lambda: tvm.fv(0.03 / 12, 120, -1000, 0)),
        (["pv", "--rate", "3%", "--years", "10", "--pmt", "-1000"], "pv", lambda: tvm.pv(0.03 / 12, 120, -1000)),
        (["nper", "--rate", "4.9%", "--pmt", "-6000", "--pv", "100万"], "periods",
         lambda: tvm.nper(0.049 / 12, -6000, 1_000_000)),
        (["rate", "--years", "4", "--pmt", "-200", "--pv", "8000"], "periodic_rate",
         lambda: tvm.rate(48, -200, 8000)),
        (["npv", "--rate", "8%", "--per-year", "1", "--flow", "-10000", "--flow", "3000", "--flow", "4200",
          "--flow", "6800"], "npv", lambda: tvm.npv(0.08, [-10000, 3000, 4200, 6800])),
        (["irr", "--flow", "-10000", "--flow", "3000", "--flow", "4200", "--flow", "6800"], "irr",
         lambda: tvm.irr([-10000, 3000, 4200, 6800])),
        (["xirr", "--flow", "2025-01-01:-10000", "--flow", "2026-01-01:11000"], "xirr",
         lambda: tvm.xirr(["2025-01-01", "2026-01-01"], [-10000, 11000])),
        (["effect", "--rate", "5.25%", "--per-year", "4"], "effective_rate", lambda: tvm.effect(0.0525, 4)),
        (["nominal", "--rate", "5.3543%", "--per-year", "4"], "nominal_rate", lambda: tvm.nominal(0.053543, 4)),
        (["cumipmt", "--rate", "4.9%", "--years", "30", "--pv", "100万", "--start", "25", "--end", "60"], "cumipmt",
         lambda: tvm.cumipmt(0.049 / 12, 360, 1_000_000, 25, 60)),
        (["cumprinc", "--rate", "4.9%", "--years", "30", "--pv", "100万", "--start", "25", "--end", "60"],
         "cumprinc", lambda: tvm.cumprinc(0.049 / 12, 360, 1_000_000, 25, 60)),
    ],
)
def test_each_command_gives_the_library_result(args, key, library):
    # the command only parses and renders: its figure is the library call's (money to the fen)
    shown = run_json(*args)[key]
    expected = float(library())
    if key in ("pmt", "fv", "pv", "npv", "cumipmt", "cumprinc"):
        assert shown == round_fen(expected)
    else:
        assert shown == pytest.approx(expected, rel=1e-12)

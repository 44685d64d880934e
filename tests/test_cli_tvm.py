"""Tests for ``wealthcalc tvm``: each subcommand, the sign rule, exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from wealthcalc.cli import ExitCode, cli

DATA = Path(__file__).parent / "data"


def run(*args: str):
    return CliRunner().invoke(cli, list(args))


def run_json(*args: str) -> dict:
    result = run("--format", "json", "tvm", *args)
    assert result.exit_code == ExitCode.OK, result.output
    return json.loads(result.stdout)


def test_pmt_loan_example():
    # china-retail-rules.md §10.1 L-1: 1,000,000 over 30 years at 4.9% -> 5,307.27 a month
    data = run_json("pmt", "--rate", "4.9%", "--per-year", "12", "--years", "30", "--pv", "100万")
    assert data["pmt"] == -5307.27
    assert data["periods"] == 360
    assert data["periodic_rate"] == pytest.approx(0.049 / 12)
    # the same by --periods, and with payments at the beginning (5,307.27 / (1 + 0.049/12))
    assert run_json("pmt", "--rate", "4.9%", "--periods", "360", "--pv", "1000000")["pmt"] == -5307.27
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


def test_xirr_from_flows_and_csv():
    # Excel XIRR doc example -> 0.373362535
    flows = ["2008-01-01:-10000", "2008-03-01:2750", "2008-10-30:4250", "2009-02-15:3250", "2009-04-01:2750"]
    args = [a for f in flows for a in ("--flow", f)]
    data = run_json("xirr", *args)
    assert data["xirr"] == pytest.approx(0.373362535, abs=1e-8)
    assert data["first_date"] == "2008-01-01" and data["last_date"] == "2009-04-01"
    assert data["net"] == 3000.0  # -10000 + 2750 + 4250 + 3250 + 2750
    # china-retail-rules.md §9.2 DC-1 -> XIRR ≈ 0.31995
    dc1 = run_json("xirr", "--file", str(DATA / "tvm_dc1_flows.csv"))
    assert dc1["xirr"] == pytest.approx(0.31995, abs=5e-6)
    assert dc1["flows"] == 13 and dc1["total_out"] == 12000
    act360 = run_json("xirr", "--file", str(DATA / "tvm_dc1_flows.csv"), "--day-count", "act/360")
    assert act360["day_count"] == "act/360" and act360["xirr"] < dc1["xirr"]


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


@pytest.mark.parametrize(
    "args, words",
    [
        (["nper", "--rate", "7%", "--pmt", "-10", "--pv", "8000"], "no number of periods"),
        (["rate", "--years", "4", "--pmt", "200", "--pv", "8000"], "no interest rate"),
        (["irr", "--flow", "100", "--flow", "39"], "money paid out"),
        (["xirr", "--flow", "2024-01-01:-100", "--flow", "2025-01-01:-5"], "money paid out"),
    ],
)
def test_no_solution_exits_3(args, words):
    result = run("tvm", *args)
    assert result.exit_code == ExitCode.NO_SOLUTION
    assert words in result.stderr and result.stdout == ""


@pytest.mark.parametrize(
    "args, words",
    [
        (["pmt", "--rate", "4.9", "--years", "30", "--pv", "100万"], "4.9%"),
        (["pmt", "--rate", "4.9%", "--pv", "100万"], "--years or --periods"),
        (["pmt", "--rate", "4.9%", "--years", "30", "--periods", "12", "--pv", "1"], "disagree"),
        (["pmt", "--rate", "4.9%", "--years", "30", "--pv", "ten"], "-1.5万"),
        (["pmt", "--rate", "4.9%", "--years", "30", "--pv", "1.234"], "--pv"),
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


def test_bad_csv_row_names_the_line(tmp_path):
    path = tmp_path / "flows.csv"
    path.write_text("date,amount\n2024-01-01,-100\n2025-01-01,lots\n", encoding="utf-8")
    result = run("tvm", "xirr", "--file", str(path))
    assert result.exit_code == ExitCode.BAD_INPUT
    assert f"{path}:3" in result.stderr and "date,amount" in result.stderr


def test_help_explains_the_rate_and_the_sign_rule():
    result = run("tvm", "pmt", "--help")
    assert result.exit_code == 0
    assert "ANNUAL" in result.stdout and "paid out is negative" in result.stdout

"""Tests for ``wealthcalc dca``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from tests.support import DATA

DC1 = str(DATA / "nav_dc1.csv")
EXAMPLE = str(Path(__file__).parents[2] / "examples" / "nav_synthetic.csv")
DC1_ARGS = ["dca", DC1, "--amount", "1000", "--day", "8", "--from", "2024-01-01", "--to", "2024-12-31",
            "--value-date", "2025-01-08", "--fee", "1.5%", "--discount", "0.1"]


def test_dc1_json(run):
    # DC-1 (docs/rules/dca.md#return-measures): 1.5 % at 1折 = 0.15 %
    result = run("--format", "json", *DC1_ARGS)
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    plan = data["dca"]
    assert (plan["shares"], plan["market_value"], plan["profit"]) == (12725.16, 13997.68, 1997.68)
    assert round(plan["holding_return"], 4) == 0.1665 and abs(plan["xirr"] - 0.31995) < 5e-5
    assert len(plan["lots"]) == 12 and plan["lots"][5]["dealt_date"] == "2024-06-11"
    assert data["synthetic"] is False and result.stderr == ""


def test_discount_spellings_agree(run):
    outputs = []
    for spelling in ("0.1", "1折", "10%"):
        args = [a if a != "0.1" else spelling for a in DC1_ARGS]
        result = run("--format", "json", *args)
        assert result.exit_code == 0, result.stderr
        outputs.append(json.loads(result.stdout)["dca"]["fees"])
    assert outputs == [18.0, 18.0, 18.0]


def test_table_output_zh_and_en(run):
    result = run(*DC1_ARGS, "--lots")
    assert result.exit_code == 0, result.stderr
    assert "定投收益率" in result.stdout and "16.65%" in result.stdout and "0.9430" in result.stdout  # docs/rules/dca.md#return-measures DC-1: 16.65 %
    assert "2024-06-11" in result.stdout and "每期明细" in result.stdout
    en = run("--lang", "en", *DC1_ARGS)
    assert en.exit_code == 0 and "Holding return" in en.stdout and "13,997.68" in en.stdout


def test_comparisons_same_dates_and_money(run):
    result = run("--format", "json", *DC1_ARGS, "--vs-lump-sum", "--smart", "--vs-deposit", "--deposit-rate", "1.71%")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["lump_sum"]["invested"] == data["dca"]["invested"] == 12000.0
    assert data["lump_sum"]["first_date"] == "2024-01-08" and data["lump_sum"]["value_date"] == "2025-01-08"
    assert data["smart"]["kind"] == "smart" and data["smart"]["installments"] == 12
    # 零存整取 at 1.71 % on the same 12 debits valued on 2025-01-08 (the rolled debit days shift a few
    # installments by 1-3 days of interest compared with D-12's 111.15)
    assert data["deposit"]["kind"] == "installment" and 110 < data["deposit"]["interest"] < 112
    assert data["deposit"]["rate_source"] == "annual_rate"  # the rate given, not a rate table's
    # the smart plan has fewer than 180 closes before it in this one-year file: a note on stderr
    assert "180" in result.stderr


def test_deposit_rate_from_catalog_rate_table(run):
    result = run("--format", "json", *DC1_ARGS, "--vs-deposit")
    assert result.exit_code == 0, result.stderr
    deposit = json.loads(result.stdout)["deposit"]
    assert deposit["rate_source"].endswith("installment 12m") and deposit["annual_rate"] > 0


def test_csv_comparison_table(run):
    result = run("--format", "csv", *DC1_ARGS, "--vs-lump-sum")
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith("strategy,installments,invested")
    assert lines[1].startswith("dca,12,12000.0") and lines[2].startswith("lump_sum,1,12000.0")


def test_readme_example_runs_and_is_labelled_synthetic(run):
    result = run("--format", "json", "dca", EXAMPLE, "--amount", "1000", "--day", "8", "--fee", "1.5%",
                 "--discount", "0.1", "--from", "2020-01-01", "--to", "2022-12-31")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["synthetic"] is True and data["dca"]["installments"] == 36
    assert "synthetic" in result.stderr


def test_synthetic_option_every_start(run):
    result = run("--format", "json", "dca", "--synthetic", "--days", "800", "--seed", "2", "--amount", "500",
                 "--every-start", "--years", "1", "--years", "2")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert [p["years"] for p in data["periods"]] == [1, 2] and data["synthetic"] is True
    assert 0 <= data["periods"][0]["win_rate"] <= 1
    assert "模拟净值" in result.stderr  # the notice; no progress bar when stderr is not a terminal
    assert "every start" not in result.stderr


def test_every_start_table(run):
    result = run("--lang", "en", "dca", EXAMPLE, "--amount", "1000", "--every-start", "--years", "1", "--weekly")
    assert result.exit_code == 0, result.stderr
    assert "Win rate" in result.stdout and "Every start date" in result.stdout


@pytest.mark.parametrize("args, needle", [
    (["--amount", "1000"], "NAV_FILE or --synthetic"),
    ([DC1, "--synthetic", "--amount", "1000"], "NAV_FILE or --synthetic"),
    ([DC1, "--amount", "-5"], "--amount"),
    ([DC1, "--amount", "1000", "--fee", "1.5"], "--fee"),
    ([DC1, "--amount", "1000", "--discount", "3"], "--discount"),
    ([DC1, "--amount", "1000", "--discount", "x折"], "--discount"),
    ([DC1, "--amount", "1000", "--from", "2024-13-01"], "--from"),
    ([DC1, "--amount", "1000", "--every-start", "--lots"], "--every-start"),
    ([DC1, "--amount", "1000", "--every-start", "--day", "8"], "--day"),
    ([DC1, "--amount", "1000", "--every-start", "--value-date", "2025-01-08"], "--value-date"),
    ([DC1, "--amount", "1000", "--day", "40"], "day: got 40"),
    ([DC1, "--amount", "1000", "--every-start", "--years", "3"], "years: got 3"),
    ([DC1, "--amount", "1000", "--from", "2030-01-01"], "start: got '2030-01-01'"),
    ([str(DATA / "absent.csv"), "--amount", "1000"], "path"),
])
def test_errors_exit_2_with_a_clear_message(run, args, needle):
    result = run("dca", *args)
    assert result.exit_code == 2
    assert needle in result.stderr


def test_bad_file_names_the_line(run, tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("净值日期,单位净值\n2024-01-08,1.0\n2024-01-09,-1\n2024-01-10,x\n", encoding="gbk")
    result = run("dca", str(bad), "--amount", "1000")  # --lang zh: the Chinese wording first
    assert result.exit_code == 2
    assert result.stderr.startswith("Error: bad.csv, line 3: got '-1'; 共 2 处问题：第 3 行，单位净值")
    assert " ｜ 2 problems: line 3, 单位净值" in result.stderr and "line 4" in result.stderr


def test_notes_follow_the_language(run):
    # the smart plan's moving-average note, in Chinese by default and in English with --lang en
    zh = run(*DC1_ARGS, "--smart")
    assert zh.exit_code == 0, zh.stderr
    assert "注意：智能定投：9 期扣款之前不足 180 个收盘价可算均线，按基础金额扣款" in zh.stderr
    assert not any(c.isascii() and c.isalpha() for c in zh.stderr.replace("XIRR", ""))
    en = run("--lang", "en", *DC1_ARGS, "--smart")
    assert "Note: Smart DCA: 9 installment(s) had fewer than 180 closes" in en.stderr


def test_file_notes_in_chinese(run, tmp_path):
    gap = tmp_path / "gap.csv"
    gap.write_text("净值日期,单位净值\n2024-01-08,1.0\n2024-03-01,1.1\n2024-03-04,1.2\n", encoding="utf-8")
    result = run("dca", str(gap), "--amount", "1000", "--day", "8")
    assert result.exit_code == 0, result.stderr
    assert "gap.csv：2024-01-08 至 2024-03-01 之间 52 天没有净值（第 2、3 行）" in result.stderr


def test_fund_site_export_runs(run):
    # the GBK 天天基金-style fixture with its cash dividend, through the command
    result = run("--format", "json", "dca", str(DATA / "nav_eastmoney_gbk.csv"), "--amount", "1000", "--daily",
                 "--to", "2024-01-16", "--value-date", "2024-01-19", "--fee", "0%", "--dividends", "cash")
    assert result.exit_code == 0, result.stderr
    plan = json.loads(result.stdout)["dca"]
    assert (plan["shares"], plan["cash_dividends"], plan["market_value"]) == (6545.6, 327.28, 6749.82)


@pytest.mark.parametrize("args, needle", [
    (["--years", "3"], "--years only work(s) with --every-start"),
    (["--deposit-rate", "1.5%"], "with --vs-deposit"),
    (["--rate-table", "pboc-2015-10-24"], "with --vs-deposit"),
    (["--seed", "3"], "with --synthetic"),
])
def test_options_without_their_mode_are_refused(run, args, needle):
    result = run("dca", DC1, "--amount", "1000", *args)
    assert result.exit_code == 2 and needle in result.stderr


def test_bad_fixture_file_names_line_and_column(run):
    result = run("dca", str(DATA / "nav_bad_gbk.csv"), "--amount", "1000")
    assert result.exit_code == 2
    assert result.stderr.startswith("Error: nav_bad_gbk.csv, line 3: got '2024-02-30'; 共 6 处问题")
    assert " ｜ 6 problems: line 3, 净值日期: not a date" in result.stderr
    assert "line 4, 单位净值: not a number (got '暂无')" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_smart_plot_draws_the_smart_plan(run, tmp_path, monkeypatch):
    # `dca --smart --plot` asks for a chart of the smart plan: its varying installments and
    # average cost, not the regular plan's (the table compares both)
    from wealthcalc import charts

    drawn = []
    monkeypatch.setattr(charts, "save_chart", lambda result, path, **kw: drawn.append(result) or Path(path))
    out = tmp_path / "smart.png"
    result = run("--format", "json", "dca", EXAMPLE, "--amount", "1000", "--day", "8", "--smart",
                 "--plot", str(out))
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert [r.kind for r in drawn] == ["smart"]
    assert drawn[0].invested == data["smart"]["invested"] != data["dca"]["invested"]
    drawn.clear()
    assert run("dca", EXAMPLE, "--amount", "1000", "--day", "8", "--plot", str(out)).exit_code == 0
    assert [r.kind for r in drawn] == ["dca"]


@pytest.mark.parametrize("args, english, chinese", [
    ([DC1, "--amount", "1000", "--from", "2030-01-01"], "start before that", "净值序列止于 2025-01-08；开始日期请早于此日"),
    ([DC1, "--amount", "1000", "--weekly", "--day", "7"], "a weekday from 1 (Monday) to 5 (Friday)",
     "1（周一）到 5（周五）"),
    ([DC1, "--amount", "1000", "--discount", "2"], "lies between 0 and 1", "须在 0 到 1 之间"),
    ([DC1, "--amount", "1000", "--years", "3"], "--years only work(s) with --every-start",
     "--years 须与 --every-start 一起使用"),
    (["--amount", "1000"], "give a NAV_FILE or --synthetic", "二者选一"),
])
def test_errors_advise_in_chinese_with_lang_zh(run, args, english, chinese):
    zh = run("--lang", "zh", "dca", *args)
    assert zh.exit_code == 2
    line = zh.stderr.strip()
    assert len(line.splitlines()) == 1 and english in line and " ｜ " in line and chinese in line
    en = run("--lang", "en", "dca", *args)
    assert en.exit_code == 2 and english in en.stderr
    assert chinese not in en.stderr and "｜" not in en.stderr


def test_bad_file_problems_in_chinese_line_by_line(run, tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("净值日期,单位净值\n2024-01-08,1.0\n2024-01-09,-1\n2024-01-10,x\n", encoding="gbk")
    zh = run("--lang", "zh", "dca", str(bad), "--amount", "1000")
    assert zh.exit_code == 2 and len(zh.stderr.strip().splitlines()) == 1
    chinese, english = zh.stderr.strip().split(" ｜ ")
    assert english.startswith("2 problems: line 3, 单位净值")
    assert chinese == ("Error: bad.csv, line 3: got '-1'; 共 2 处问题：第 3 行，单位净值：单位净值必须大于零（读到 '-1'）；"
                       "第 4 行，单位净值：不是数字（读到 'x'）")
    en = run("--lang", "en", "dca", str(bad), "--amount", "1000")
    assert en.exit_code == 2 and "共 2 处问题" not in en.stderr and "line 4, 单位净值: not a number" in en.stderr

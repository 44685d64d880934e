"""Tests for ``wealthcalc plan``: the five design modes on the command line."""

import datetime as dt
import re

import pytest

from wealthcalc import plans
from wealthcalc.catalog import load
from wealthcalc.errors import InputError
from wealthcalc.results import jsonable

from tests.support import assert_bilingual_error

T2004 = "pboc-2004-10-29"


def test_max_value_c1_and_c2(run_json):
    # docs/rules/plans.md#worked-examples C-1 / C-2: 10,000 for 60 months → 11,800.00; at 20 % tax 11,440.00
    data = run_json("plan", "max-value", "--amount", "1万", "--months", "60", "--rate-table", T2004)
    assert data["value"] == 11_800.00 and data["rate_table"] == T2004
    assert [(leg["product"], leg["months"]) for leg in data["legs"]] == [("fixed", 60)]
    data = run_json("plan", "max-value", "--amount", "10000", "--months", "60", "--rate-table", T2004,
                   "--tax", "20%")
    assert (data["value"], data["tax"]) == (11_440.00, 360.00)


def test_shortest_c3_c4(run_json):
    # docs/rules/plans.md#worked-examples C-3: 39 months to 11,018.91; C-4 at 20 % tax: 51 months to 11,009.12
    data = run_json("plan", "shortest", "--amount", "10000", "--target", "11000", "--rate-table", T2004)
    assert (data["months"], data["value"]) == (39, 11_018.91)
    data = run_json("plan", "shortest", "--amount", "10000", "--target", "11000", "--rate-table", T2004,
                   "--tax", "0.2")
    assert (data["months"], data["value"]) == (51, 11_009.12)
    assert [leg["months"] for leg in data["legs"]] == [36, 12, 3]


def test_monthly_modes_c5_c6(run_json):
    # docs/rules/plans.md#worked-examples C-5: one 零存整取 account at 1,000/month reaches 40,000 in 60 months;
    # C-6: 20,000 in 12 months needs 1,651.38 a month
    data = run_json("plan", "monthly-shortest", "--monthly", "1000", "--target", "4万",
                   "--rate-table", T2004, "--products", "installment")
    assert (data["months"], data["value"]) == (60, 63_431.25)
    data = run_json("plan", "monthly-required", "--months", "12", "--target", "20000",
                   "--rate-table", T2004, "--products", "installment")
    assert (data["monthly"], data["value"]) == (1651.38, 20_000.11)
    data = run_json("plan", "monthly-required", "--months", "12", "--target", "20000",
                   "--rate-table", T2004, "--products", "installment", "--round-to", "yuan")
    assert data["monthly"] == 1652.0


def test_monthly_plans_explain_the_rules_5_answer(run, run_json):
    # the table output names the one-零存整取 answer (docs/rules/plans.md#one-account-answer) (C-5: 60 months) and says how to get it
    result = run("--lang", "en", "plan", "monthly-shortest", "--monthly", "1000", "--target", "4万",
                 "--rate-table", T2004)
    assert result.exit_code == 0, result.stderr
    assert "one-account rule: the shortest single installment account (60 months)" in result.stdout
    assert "add --products installment" in result.stdout
    data = run_json("plan", "monthly-required", "--months", "12", "--target", "20000",
                   "--rate-table", T2004)
    rule = next(a for a in data["alternatives"] if a["key"] == "installment_rule")
    assert (rule["monthly"], rule["value"]) == (1651.38, 20_000.11)  # C-6
    assert data["monthly"] < 1651.38
    # with only 零存整取 the plan is the one-account answer: no note
    result = run("plan", "monthly-required", "--months", "12", "--target", "20000",
                 "--rate-table", T2004, "--products", "installment")
    assert result.exit_code == 0 and "说明" not in result.stdout


def test_plot_option_draws_the_plan(tmp_path, run):
    out = tmp_path / "plan.png"
    result = run("plan", "monthly-max", "--monthly", "1000", "--months", "24", "--rate-table", T2004,
                 "--plot", str(out))
    assert result.exit_code == 0, result.stderr
    assert out.stat().st_size > 1000 and out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    bad = run("plan", "max-value", "--amount", "1万", "--months", "12", "--plot", str(tmp_path / "p.gif"))
    assert bad.exit_code == 2 and "Error" in bad.stderr and "plot" in bad.stderr.lower()


def test_group_help_explains_the_rules_5_answer(run):
    result = run("plan", "--help")
    assert result.exit_code == 0 and "--products" in result.stdout and "one-account answer" in result.stdout


def test_commands_of_the_issue_match_the_library(run_json):
    table = load().rate_table()
    cases = [
        (("plan", "max-value", "--amount", "5万", "--months", "48"),
         plans.max_value(50_000, 48, rate_table=table)),
        (("plan", "shortest", "--amount", "5万", "--target", "6万"),
         plans.shortest_term(50_000, 60_000, rate_table=table)),
        (("plan", "monthly-max", "--monthly", "1000", "--months", "36"),
         plans.monthly_max_value(1000, 36, rate_table=table)),
        (("plan", "monthly-shortest", "--monthly", "1000", "--target", "5万"),
         plans.monthly_shortest_term(1000, 50_000, rate_table=table)),
        (("plan", "monthly-required", "--months", "36", "--target", "5万"),
         plans.monthly_required(36, 50_000, rate_table=table)),
    ]
    for args, plan in cases:
        data = run_json(*args)
        assert data["rate_table"] == table.id
        assert (data["months"], data["value"], data["monthly"]) == (plan.months, plan.value, plan.monthly)
        assert len(data["legs"]) == len(plan.legs)
        assert [a["key"] for a in data["alternatives"]] == [a.key for a in plan.alternatives]


def test_table_output_in_both_languages(run):
    zh = run("plan", "max-value", "--amount", "10000", "--months", "39", "--rate-table", T2004)
    assert zh.exit_code == 0, zh.stderr
    assert "整存整取" in zh.stdout and "到期本息" in zh.stdout and "11,018.91" in zh.stdout
    assert "全部活期" in zh.stdout
    en = run("--lang", "en", "plan", "max-value", "--amount", "10000", "--months", "39",
             "--rate-table", T2004)
    assert en.exit_code == 0, en.stderr
    assert "lump-sum fixed deposit" in en.stdout and "all in demand deposits" in en.stdout
    assert re.search(r"3\.24(0*)%", en.stdout)  # annual rates print as percents


def test_csv_has_the_three_tables_with_english_keys(run):
    result = run("--format", "csv", "plan", "max-value", "--amount", "10000", "--months", "39",
                 "--rate-table", T2004, "--start", "2005-01-31", "--tax", "dates")
    assert result.exit_code == 0, result.stderr
    blocks = result.stdout.strip().split("\n\n")
    assert blocks[0].startswith("item,value") and "tax_rule" in blocks[0]
    assert blocks[1].splitlines()[0] == "choice,months,monthly,principal,maturity_value,shortfall"
    assert blocks[2].splitlines()[0].startswith("pot,product,start_month,months,amount")
    assert blocks[2].splitlines()[1].endswith("2005-04-30")  # the first leg matures with its date


def test_keep_available_and_options(run_json):
    data = run_json("plan", "max-value", "--amount", "25万", "--months", "48", "--keep", "6万",
                   "--terms", "12,36", "--max-leg", "36")
    assert data["keep_available"] == 60_000.0
    assert any(leg["product"] == "reserve" and leg["amount"] == 60_000 for leg in data["legs"])
    assert all(leg["months"] <= 48 for leg in data["legs"])


def test_unreachable_target_exits_3_with_the_best_value(run):
    result = run("plan", "shortest", "--amount", "5万", "--target", "600万")
    assert result.exit_code == 3
    assert result.stderr.startswith("Error: target") and "most reachable" in result.stderr


@pytest.mark.parametrize("args, text", [
    (("plan", "max-value", "--amount", "5万", "--months", "0"), "months"),
    (("plan", "max-value", "--amount", "5万", "--months", "12", "--products", "gold"), "products"),
    (("plan", "max-value", "--amount", "5万", "--months", "12", "--terms", "x"), "terms"),
    (("plan", "max-value", "--amount", "5万", "--months", "12", "--tax", "3"), "tax"),
    (("plan", "max-value", "--amount", "5万", "--months", "12", "--tax", "dates"), "--start"),
    (("plan", "max-value", "--amount", "abc", "--months", "12"), "amount"),
    (("plan", "shortest", "--amount", "5万", "--target", "1万"), "target"),
])
def test_bad_input_exits_2(args, text, run):
    result = run(*args)
    assert result.exit_code == 2
    assert text in result.stderr and result.stdout == ""


def test_alternatives_show_the_money_each_one_pays_in(run):
    # mode 5, 60 months to 500,000 at the 2025 table: the one-account rule (one 零存整取 at 0.85 %) needs
    # 500,000 / (60 + 1830 × 0.0085/12) = 8,157.1036 → 8,157.11 a month, 8,157.11 × 60 = 489,426.60 paid in,
    # so ending 0.18 above the plan is no gain: the table shows what each choice pays in
    result = run("--format", "csv", "plan", "monthly-required", "--months", "60", "--target", "50万")
    assert result.exit_code == 0, result.stderr
    table = result.stdout.strip().split("\n\n")[1].splitlines()
    rule = next(line.split(",") for line in table if line.startswith("installment_rule"))
    assert rule[2:4] == ["8157.11", "489426.6"]
    plan = next(line.split(",") for line in table if line.startswith("all_demand"))
    monthly = float(plan[2])
    assert float(plan[3]) == round(monthly * 60, 2)


def test_dated_plan_reads_the_table_in_force_on_its_start(run, run_json):
    # a plan dated 2005 uses the 2004-10-29 table (docs/rules/rates.md#table-of-2004-10-29), as `deposit` and `compare --as-of` do
    dated = run_json("plan", "max-value", "--amount", "10000", "--months", "60", "--start", "2005-01-01",
                    "--tax", "dates")
    named = run_json("plan", "max-value", "--amount", "10000", "--months", "60", "--start", "2005-01-01",
                    "--tax", "dates", "--rate-table", T2004)
    assert dated["rate_table"] == T2004 and dated["value"] == named["value"]
    undated = run_json("plan", "max-value", "--amount", "10000", "--months", "60")
    assert undated["rate_table"] == load().rate_table().id
    result = run("plan", "max-value", "--amount", "10000", "--months", "60", "--start", "2010-01-01")
    assert result.exit_code == 2 and "--rate-table" in result.stderr


def test_plan_above_the_deposit_insurance_cover_says_so(run, run_json):
    # 50,000 a month for 60 months ends near 3.1 million at one bank: docs/rules/deposit-insurance.md#coverage-limit covers 500,000
    data = run_json("plan", "monthly-max", "--monthly", "5万", "--months", "60")
    assert data["insurance_exposed"] == round(data["value"] - 500_000, 2)
    en = run("--lang", "en", "plan", "monthly-max", "--monthly", "5万", "--months", "60")
    assert "deposit insurance" in en.stdout and f"{data['insurance_exposed']:,.2f}" in en.stdout
    zh = run("plan", "monthly-max", "--monthly", "5万", "--months", "60")
    assert "存款保险" in zh.stdout
    small = run_json("plan", "max-value", "--amount", "10000", "--months", "12")
    assert small["insurance_exposed"] == 0.0
    assert "deposit insurance" not in run("--lang", "en", "plan", "max-value", "--amount", "10000",
                                          "--months", "12").stdout


@pytest.mark.parametrize("args, english, chinese", [
    (("plan", "max-value", "--amount", "5万", "--months", "12", "--products", "gold"), "choose among", "储种请从"),
    (("plan", "max-value", "--amount", "5万", "--months", "12", "--terms", "x"), "12,36,60", "用逗号分隔"),
    (("plan", "max-value", "--amount", "5万", "--months", "12", "--tax", "dates"), "--start", "起存日"),
    (("plan", "shortest", "--amount", "5万", "--target", "1万"), "a target above", "目标金额须高于本金"),
    (("plan", "max-value", "--amount", "5万", "--months", "60", "--keep", "6万"), "up to the amount", "留作备用"),
    (("plan", "max-value", "--amount", "10000", "--months", "60", "--start", "2010-01-01"),
     "--rate-table", "没有那天执行的利率表"),
])
def test_errors_carry_chinese_advice_with_lang_zh(args, english, chinese, run):
    assert_bilingual_error(run, args, english, chinese)


@pytest.mark.parametrize("args, call", [
    (("plan", "max-value", "--amount", "60万", "--months", "36", "--keep", "2万", "--start", "2025-06-01"),
     lambda table: plans.max_value(600_000, 36, rate_table=table, keep_available=20_000,
                                   start_date=dt.date(2025, 6, 1))),
    (("plan", "shortest", "--amount", "10000", "--target", "11000", "--rate-table", T2004, "--tax", "20%"),
     lambda table: plans.shortest_term(10_000, 11_000, rate_table=table, tax_rate=0.2)),
    (("plan", "monthly-max", "--monthly", "5万", "--months", "60"),
     lambda table: plans.monthly_max_value(50_000, 60, rate_table=table)),
    (("plan", "monthly-shortest", "--monthly", "1000", "--target", "4万", "--rate-table", T2004,
      "--products", "installment,demand", "--terms", "12,36"),
     lambda table: plans.monthly_shortest_term(1000, 40_000, rate_table=table,
                                               products=["installment", "demand"], fixed_terms=[12, 36])),
    (("plan", "monthly-required", "--months", "24", "--target", "5万", "--start", "2005-01-01",
      "--tax", "dates", "--round-to", "yuan"),
     lambda table: plans.monthly_required(24, 50_000, rate_table=table, start_date=dt.date(2005, 1, 1),
                                          tax_by_date=True, round_to="yuan")),
])
def test_json_output_is_the_library_plan(args, call, run_json):
    # every mode: `--format json` is the rate table's id and jsonable(plan.to_dict()) of the same call
    data = run_json(*args)
    table = load().rate_table(data["rate_table"])
    assert data == {"rate_table": table.id, **jsonable(call(table).to_dict())}


def test_options_of_the_command_are_library_functions():
    # what the command line gives is turned into keywords by plans.* functions, the same for every front end
    assert plans.rate_table_for(None, "2005-01-01").id == T2004
    assert plans.rate_table_for(T2004, "2010-01-01").id == T2004  # a named table wins over the date
    assert plans.rate_table_for().id == load().rate_table().id
    with pytest.raises(InputError) as info:
        plans.rate_table_for(None, dt.date(2010, 1, 1))
    assert info.value.field == "start_date" and "--rate-table" in str(info.value)
    assert plans.tax_terms("0") == (0.0, False) and plans.tax_terms("20%") == (0.2, False)
    assert plans.tax_terms("dates", dt.date(2005, 1, 1)) == (0.0, True)
    for bad, field in (("3", "tax"), ("100%", "tax"), ("dates", "start_date")):
        with pytest.raises(InputError) as info:
            plans.tax_terms(bad)
        assert info.value.field == field
    assert plans.parse_terms("12, 36,60") == (12, 36, 60) and plans.parse_terms(None) is None
    assert plans.parse_products("fixed,demand") == ("fixed", "demand")
    with pytest.raises(InputError) as info:
        plans.parse_terms("x")
    assert info.value.field == "terms"

"""Tests for `wealthcalc products`: list, show, validate, rates."""

from __future__ import annotations

import csv
import io
import json
import re

import pytest
from click.testing import CliRunner

from wealthcalc.catalog import load
from wealthcalc.cli import ExitCode, cli

from tests.support import CATALOGS, assert_bilingual_error

FIXTURES = CATALOGS


@pytest.fixture
def run():
    runner = CliRunner()

    def invoke(*args, env=None):
        return runner.invoke(cli, list(args), env=env)

    return invoke


def test_list_json_has_every_product(run):
    result = run("--format", "json", "products", "list")
    assert result.exit_code == ExitCode.OK, result.stderr
    data = json.loads(result.stdout)
    assert data["count"] == len(load().products)
    assert [p["id"] for p in data["products"]] == list(load().ids)


def test_list_filters(run):
    result = run("--format", "json", "products", "list", "--kind", "wealth", "--max-risk", "R1",
                 "--amount", "10万")
    assert result.exit_code == ExitCode.OK, result.stderr
    products = json.loads(result.stdout)["products"]
    assert products and all(p["kind"] == "wealth" and p["risk"] <= 1 for p in products)
    assert "citic-licai-2004" in {p["id"] for p in products}
    fewer = json.loads(run("--format", "json", "products", "list", "--amount", "6万").stdout)["products"]
    assert "citic-licai-2004" not in {p["id"] for p in fewer}  # its minimum is 100,000


def test_list_kind_is_repeatable_like_compare(run):
    # compare takes --kind several times; list did too but silently kept only the last one
    result = run("--format", "json", "products", "list", "--kind", "fund", "--kind", "money_fund")
    assert result.exit_code == 0, result.stderr
    kinds = {p["kind"] for p in json.loads(result.stdout)["products"]}
    assert kinds == {"fund", "money_fund"}
    expected = [p.id for p in load().products if p.kind.value in ("fund", "money_fund")]
    assert [p["id"] for p in json.loads(result.stdout)["products"]] == expected


def test_list_csv_gives_codes_in_every_language(run):
    # as compare's csv and the json: kind, rate kind and terms as codes; the name in --lang
    zh = list(csv.DictReader(io.StringIO(run("--format", "csv", "products", "list").stdout)))
    en = list(csv.DictReader(io.StringIO(run("--lang", "en", "--format", "csv", "products", "list").stdout)))
    for a, b in zip(zh, en):
        assert {k: v for k, v in a.items() if k != "name"} == {k: v for k, v in b.items() if k != "name"}
    row = {r["id"]: r for r in en}
    assert (row["icbc-fixed-3m"]["kind"], row["icbc-fixed-3m"]["rate_kind"], row["icbc-fixed-3m"]["terms"]) == (
        "deposit", "guaranteed", "3m")
    assert row["bjitic-tv-ad-trust-2004"]["terms"] == "182d/365d/547d"
    assert row["example-money-fund"]["terms"] == "open" and row["example-money-fund"]["kind"] == "money_fund"


def test_list_table_in_both_languages(run):
    zh = run("products", "list", "--kind", "trust")
    assert zh.exit_code == ExitCode.OK
    assert "北京国投" in zh.stdout and "风险等级" in zh.stdout and "5.50%" in zh.stdout
    en = run("--lang", "en", "products", "list", "--kind", "trust")
    assert "Beijing International Trust" in en.stdout and "Risk" in en.stdout


def test_list_csv(run):
    result = run("--format", "csv", "products", "list", "--kind", "deposit")
    assert result.exit_code == ExitCode.OK
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert {r["id"] for r in rows} >= {"icbc-fixed-1y", "icbc-large-cd-3y"}
    # docs/rules/rates.md#large-bank-listed-rates-from-2025-05-20 (large-bank table from 2025-05-20): 整存整取 3y 1.25 %
    assert float(next(r for r in rows if r["id"] == "icbc-fixed-3y")["annual_rate"]) == pytest.approx(0.0125)


def test_list_bad_amount_is_refused(run):
    result = run("products", "list", "--amount", "-5")
    assert result.exit_code == ExitCode.BAD_INPUT and "Error" in result.stderr


def test_show_json_round_trips(run):
    result = run("--format", "json", "products", "show", "tianzhi-quality-select")
    assert result.exit_code == ExitCode.OK, result.stderr
    data = json.loads(result.stdout)
    assert data == json.loads(json.dumps(load().get("tianzhi-quality-select").to_dict()))
    assert data["fees"]["front_end"][-1]["fixed_fee"] == 1000


def test_show_table_lists_fee_tiers(run):
    result = run("--lang", "en", "products", "show", "tianzhi-quality-select")
    assert result.exit_code == ExitCode.OK
    assert "Redemption fees" in result.stdout and "1.50%" in result.stdout
    zh = run("products", "show", "cmbc-baode-2004")
    assert "搭配存款" in zh.stdout and "2.25%" in zh.stdout


def test_show_names_every_unconfirmed_field_in_words(run):
    # cmbc-baode-2004 marks bundled_deposit.share unconfirmed: no raw key in either language
    for lang, word in (("en", "Bundled deposit share"), ("zh", "搭配存款比例")):
        result = run("--lang", lang, "products", "show", "cmbc-baode-2004")
        assert result.exit_code == 0, result.stderr
        assert word in result.stdout and "bundled_deposit.share" not in result.stdout


def test_show_unknown_id(run):
    result = run("products", "show", "icbc-fixed-4y")
    assert result.exit_code == ExitCode.BAD_INPUT
    assert result.stderr.startswith("Error: product: got 'icbc-fixed-4y'")


def test_validate_bundled(run):
    result = run("--lang", "en", "products", "validate")
    assert result.exit_code == ExitCode.OK, result.stderr
    cat = load()
    assert result.stdout.startswith(f"OK: {len(cat.products)} products, {len(cat.rate_tables)} rate tables")
    zh = run("products", "validate")
    assert zh.stdout.startswith(f"通过：{len(cat.products)} 个产品，{len(cat.rate_tables)} 张利率表")
    data = json.loads(run("--format", "json", "products", "validate").stdout)
    assert data["ok"] is True and data["products"] == len(cat.products)


def test_validate_lists_every_problem_one_per_line(run):
    result = run("products", "validate", str(FIXTURES / "several_problems.yaml"))
    assert result.exit_code == ExitCode.BAD_INPUT
    lines = result.stderr.strip().splitlines()
    assert lines[0] == "Error: 3 problem(s) in the catalog:"
    assert len(lines) == 4
    assert any("'step'" in line and "test-wealth" in line for line in lines[1:])
    assert result.stdout == ""


# each broken fixture: the one problem on one line naming file, entry, field, value and the fix
_BROKEN = [
    ("malformed", "field 'yaml': got 'line 46, column 5 (in what begins on line 45)'", "fix the syntax"),
    ("duplicate_id", "product 'test-fixed-1y', field 'products.id': got 'test-fixed-1y'", "must be unique"),
    ("tier_gap", "product 'test-wealth', field 'fees.redemption[1]': got 30", "must start at 7 days"),
    ("amount_tier_gap", "product 'test-wealth', field 'tiers[1]': got 400000", "must start at 300000 yuan"),
    ("percent_slip", "product 'test-wealth', field 'rate': got 3.5", "write '3.5%' (or 0.035)"),
    ("unknown_key", "product 'test-wealth', field 'rat': got 'rat'", "did you mean 'rate'?"),
    ("wrong_type", "product 'test-wealth', field 'min_amount': got 'lots'", "'10万'"),
    ("min_above_max", "product 'test-wealth', field 'min_amount': got 50000", "max_amount 40,000.00"),
    ("step_not_dividing_min", "product 'test-wealth', field 'step': got 3000", "min_amount 50,000.00"),
    ("negative_fee", "product 'test-wealth', field 'fees.management': got '-0.3%'", "negative"),
    ("missing_source", "product 'test-wealth', field 'source': got None", "required"),
    ("missing_as_of", "product 'test-wealth', field 'as_of': got None", "YYYY-MM-DD"),
    ("date_after_as_of", "product 'test-wealth', field 'sale_start': got '2025-06-01'", "as_of 2025-05-20"),
    ("table_after_as_of", "'test-table', field 'effective': got '2025-05-21'", "as_of 2025-05-20"),
    ("bad_risk", "product 'test-wealth', field 'risk': got 'R7'", "R1–R5"),
    ("bad_table_ref", "product 'test-fixed-1y', field 'rate_table': got 'no-such-table'", "test-table"),
]


@pytest.mark.parametrize("name, where, fix", _BROKEN, ids=[b[0] for b in _BROKEN])
def test_validate_broken_file_names_the_problem_on_one_line(run, name, where, fix):
    path = str(FIXTURES / f"{name}.yaml")
    result = run("products", "validate", path)
    assert result.exit_code == ExitCode.BAD_INPUT
    assert result.stdout == ""
    (line,) = result.stderr.splitlines()
    assert line.startswith(f"Error: {path}, ") and where in line and fix in line


@pytest.mark.parametrize("args", [
    ("products", "validate", str(FIXTURES / "no-such-file.yaml")),
    ("--catalog", str(FIXTURES / "no-such-file.yaml"), "compare", "--amount", "10万", "--days", "365"),
    ("--catalog", str(FIXTURES / "no-such-file.yaml"), "products", "list"),
])
def test_missing_catalog_file_is_one_line_exit_2(run, args):
    result = run(*args)
    assert result.exit_code == ExitCode.BAD_INPUT
    missing = str(FIXTURES / "no-such-file.yaml")
    assert result.stderr.startswith(f"Error: {missing}, field 'path': got {missing!r}; 没有这个文件")
    assert result.stderr.endswith(" ｜ no such file; give an existing YAML catalog (--catalog PATH or "
                                  "WEALTHCALC_CATALOG)\n")  # zh first, then the English


@pytest.mark.parametrize("command", [("compare", "--amount", "10万", "--days", "365"), ("yield", "x", "--amount", "1"),
                                     ("products", "show", "x")])
def test_malformed_catalog_option_is_one_line_exit_2(run, command):
    malformed = str(FIXTURES / "malformed.yaml")
    result = run("--catalog", malformed, *command)
    assert result.exit_code == ExitCode.BAD_INPUT
    (line,) = result.stderr.splitlines()
    assert line.startswith(f"Error: {malformed}, field 'yaml': got 'line 46") and "malformed YAML" in line
    env = run(*command, env={"WEALTHCALC_CATALOG": malformed})
    assert env.exit_code == ExitCode.BAD_INPUT and env.stderr == result.stderr


def test_catalog_option_naming_a_directory_is_refused(run):
    result = run("--catalog", str(FIXTURES), "compare", "--amount", "10万", "--days", "365")
    assert result.exit_code == ExitCode.BAD_INPUT
    assert "--catalog" in result.stderr and "is a directory" in result.stderr


def test_validate_uses_catalog_option_and_env(run):
    minimal = str(FIXTURES / "minimal.yaml")
    by_option = run("--lang", "en", "--catalog", minimal, "products", "validate")
    assert by_option.exit_code == ExitCode.OK and by_option.stdout.startswith("OK: 2 products, 1 rate tables")
    by_env = run("--lang", "en", "products", "validate", env={"WEALTHCALC_CATALOG": minimal})
    assert by_env.exit_code == ExitCode.OK and by_env.stdout.startswith("OK: 2 products")
    listed = run("--format", "json", "products", "list", env={"WEALTHCALC_CATALOG": minimal})
    assert json.loads(listed.stdout)["count"] == 2


def test_broken_catalog_breaks_list(run):
    result = run("--catalog", str(FIXTURES / "percent_slip.yaml"), "products", "list")
    assert result.exit_code == ExitCode.BAD_INPUT and "'3.5%'" in result.stderr


def test_rates_default_table(run):
    result = run("--format", "json", "products", "rates")
    assert result.exit_code == ExitCode.OK, result.stderr
    data = json.loads(result.stdout)
    assert data["id"] == "big-banks-2025-05-20"
    assert data["fixed"]["36"] == pytest.approx(0.0125)  # docs/rules/rates.md#large-bank-listed-rates-from-2025-05-20
    assert "installment" in data["unconfirmed"]


def test_rates_table_text(run):
    result = run("--lang", "en", "products", "rates", "--table", "pboc-2004-10-29")
    assert result.exit_code == ExitCode.OK
    assert "3.24%" in result.stdout and "fixed-or-demand" in result.stdout
    zh = run("products", "rates", "--table", "pboc-2004-10-29")
    assert "整存整取" in zh.stdout and "定活两便" in zh.stdout


def test_rates_loan_paths(run):
    result = run("--format", "json", "products", "rates", "--table", "lpr")
    assert result.exit_code == ExitCode.OK
    rows = json.loads(result.stdout)["rows"]
    # docs/rules/lpr.md: 5y+ LPR 3.50 % from 2025-05-20; docs/rules/provident.md#provident-fund-loan-rates: provident 2.60 % from 2025-05-08
    assert rows[-1]["effective"] == "2025-05-20" and rows[-1]["5y"] == pytest.approx(0.035)
    table = run("products", "rates", "--table", "provident_rates")
    assert table.exit_code == ExitCode.OK and "2.60%" in table.stdout


def test_rates_unknown_table(run):
    result = run("products", "rates", "--table", "pboc-2005")
    assert result.exit_code == ExitCode.BAD_INPUT
    assert "rate_table" in result.stderr and "pboc-2004-10-29" in result.stderr


def test_rates_city_bank_table_keeps_ids_whole(run):
    result = run("--lang", "en", "products", "rates", "--table", "ningbo-2025-05-26")
    assert result.exit_code == ExitCode.OK, result.stderr
    # docs/rules/rates.md#large-bank-listed-rates-from-2025-05-20: Bank of Ningbo 1y 1.25 %, 5y 1.60 %; wrapped notes never split an id or option
    assert "1.25%" in result.stdout and "1.60%" in result.stdout
    assert "--rate-table ningbo-2025-05-26)" in result.stdout
    data = json.loads(run("--format", "json", "products", "rates", "--table", "ningbo-2025-05-26").stdout)
    assert data["scope"] == "bank" and "demand" in data["unconfirmed"]


def test_rates_show_until_when_a_table_ended(run):
    result = run("--lang", "en", "products", "rates", "--table", "pboc-2004-10-29")
    assert result.exit_code == 0, result.stderr
    assert re.search(r"In force until +2006-08-18\n", result.stdout)
    current = run("products", "rates")
    assert current.exit_code == 0 and "有效至" not in current.stdout


@pytest.mark.parametrize(
    "args, english, chinese",
    [
        (["products", "show", "icbc-fixed-4y"], "wealthcalc products list", "产品编号"),
        (["products", "list", "--amount", "-5"], "must be positive", "金额必须大于零"),
        (["products", "list", "--amount", "many"], "10万", "金额请写成"),
    ],
)
def test_errors_carry_chinese_advice_with_lang_zh(run, args, english, chinese):
    assert_bilingual_error(run, args, english, chinese, ExitCode.BAD_INPUT)

"""Tests for wealthcalc.catalog: the bundled products.yaml and the validator."""

from __future__ import annotations

import dataclasses
import datetime as dt
import pickle
import re

import pytest

from wealthcalc.deposits import flexible_rate
from hypothesis import given
from hypothesis import strategies as st

from tests.support import CATALOGS, DATA

from wealthcalc import catalog as catalog_module
from wealthcalc.catalog import (
    DEPOSIT_TYPES,
    Catalog,
    Product,
    ProductKind,
    RateKind,
    RateTable,
    load,
)
from wealthcalc.errors import CatalogError, InputError, ProductNotFoundError
from tests.strategies import weird_values

FIXTURES = CATALOGS
ROOT = DATA.parent.parent


@pytest.fixture(scope="module")
def cat() -> Catalog:
    return load()


# ---------------------------------------------------------------- the bundled file


def test_bundled_catalog_loads_with_every_section(cat):
    assert isinstance(cat, Catalog) and cat.version == 1
    assert len(cat.products) >= 20
    assert {t.id for t in cat.rate_tables} >= {"pboc-2004-10-29", "pboc-2015-10-24", "big-banks-2025-05-20"}
    assert {p.id for p in cat.provident_policies} >= {"zhengzhou-2013", "national-default"}
    assert cat.lpr.rows and cat.provident_rates.rows and cat.loan_benchmarks.rows


def test_package_file_is_the_root_file():
    # wealthcalc/products.yaml links to the single real file at the repository root
    packaged = ROOT / "wealthcalc" / "products.yaml"
    assert packaged.is_symlink() and packaged.resolve() == (ROOT / "products.yaml").resolve()
    assert catalog_module.bundled_path().read_text(encoding="utf-8") == (ROOT / "products.yaml").read_text(
        encoding="utf-8"
    )


def test_ids_are_unique_and_well_formed(cat):
    ids = [p.id for p in cat.products]
    assert len(ids) == len(set(ids))
    assert all(re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", i) for i in ids)
    assert len({t.id for t in cat.rate_tables}) == len(cat.rate_tables)


def test_every_product_is_complete(cat):
    for p in cat.products:
        assert isinstance(p, Product)
        assert p.source and p.name and p.issuer, p.id
        assert isinstance(p.as_of, dt.date), p.id
        assert 1 <= p.risk <= 5 and p.day_count in (360, 365), p.id
        assert p.max_amount is None or p.min_amount <= p.max_amount, p.id
        if p.kind is ProductKind.FUND:
            assert p.rate is None, p.id
        if p.kind is ProductKind.MONEY_FUND:
            assert p.rate_kind is RateKind.SEVEN_DAY_YIELD
        if p.sale_start is not None:
            assert p.sale_start <= p.as_of, p.id


def test_kinds_required_by_the_issue_are_present(cat):
    kinds = {p.kind for p in cat.products}
    assert kinds == set(ProductKind)
    assert any(p.deposit_type == "large_cd" for p in cat.products)
    assert any(p.fees.performance_share > 0 for p in cat.products if p.kind is ProductKind.WEALTH)


def test_seed_products_are_2004_products(cat):
    for pid in ("cmbc-baode-2004", "citic-licai-2004", "cmb-bond-plan-2004", "cib-wanlibao-2004",
                "hxb-wenying-1-6m", "hxb-wenying-1-1y", "bjitic-tv-ad-trust-2004"):
        assert cat.get(pid).as_of.year == 2004


def test_seed_figures(cat):
    # docs/rules/sources.md#2004-wealth-products
    assert cat.get("cmbc-baode-2004").rate == pytest.approx(0.0324)
    citic = cat.get("citic-licai-2004")
    assert citic.min_amount == 100_000 and citic.rate == pytest.approx(0.03)
    assert [t.rate for t in cat.get("cib-wanlibao-2004").tiers] == pytest.approx([0.026, 0.0304])
    assert cat.get("cib-wanlibao-2004").rate_net_of_fees is True
    for pid in ("hxb-wenying-1-6m", "hxb-wenying-1-1y"):
        p = cat.get(pid)
        assert (p.min_amount, p.max_amount) == (5_000, 100_000)
    assert cat.get("hxb-wenying-1-6m").rate == pytest.approx(0.02328)
    assert cat.get("hxb-wenying-1-1y").rate == pytest.approx(0.03)
    # docs/rules/sources.md#2004-trust-plan: 0.5/1/1.5 years at 5.5/6/6.5 %
    trust = cat.get("bjitic-tv-ad-trust-2004")
    assert trust.terms == (182, 365, 547)
    assert [trust.rate_for(term_days=d) for d in trust.terms] == pytest.approx([0.055, 0.06, 0.065])


def test_bundled_deposit_reads_its_rate_table(cat):
    bundled = cat.get("cmbc-baode-2004").bundled_deposit
    assert bundled.rate_table == "pboc-2004-10-29" and bundled.term_months == 12
    assert bundled.rate == cat.rate_table("pboc-2004-10-29").fixed[12] == pytest.approx(0.0225)
    # docs/rules/yields.md#bundled-deposits W-8: 100 of product at 3.24 % + 50 of deposit at 2.25 % taxed 20 % -> 2.76 %
    blended = (1 - bundled.share) * 0.0324 + bundled.share * bundled.rate * (1 - 0.20)
    assert blended == pytest.approx(0.0276, abs=1e-12)


def test_assumed_fund_fees_are_marked(cat):
    for pid in ("huaxia-sse50-etf", "tianzhi-quality-select", "changxin-bank-select", "citic-classic-allocation"):
        p = cat.get(pid)
        assert p.fees.assumed and "fees" in p.unconfirmed and "assum" in p.notes.lower(), pid


def test_fund_fee_tiers_lookup(cat):
    fees = cat.get("tianzhi-quality-select").fees
    # docs/rules/funds.md#purchase-fee F-1 uses 1.5 % for 10,000; ≥ 5,000,000 pays 1,000 per order
    assert fees.front_end_tier(10_000).rate == pytest.approx(0.015)
    assert fees.front_end_tier(1_000_000).rate == pytest.approx(0.012)
    top = fees.front_end_tier(5_000_000)
    assert top.rate is None and top.fixed_fee == 1000
    # docs/rules/funds.md#redemption-fee example schedule: < 7 d 1.5 %; 7-30 d 0.75 %; 30-180 d 0.5 %; ≥ 180 d 0
    assert [fees.redemption_rate(d) for d in (0, 6, 7, 29, 30, 179, 180, 3650)] == pytest.approx(
        [0.015, 0.015, 0.0075, 0.0075, 0.005, 0.005, 0.0, 0.0]
    )


def test_nav_wealth_example_matches_rules_w4(cat):
    fees = cat.get("example-nav-wealth-fixed-income-plus").fees
    # docs/rules/yields.md#product-fees W-4: fixed fee 0.30 %, custody 0.03 %, sales 0.30 %; W-5: 50 % over 3.20 %
    assert fees.annual == pytest.approx(0.0063)
    assert (fees.performance_share, fees.performance_hurdle) == pytest.approx((0.5, 0.032))


# ---------------------------------------------------------------- rate tables


def test_default_table_is_the_big_banks_2025_table(cat):
    table = cat.rate_table()
    assert table.id == "big-banks-2025-05-20" and table.effective == dt.date(2025, 5, 20)
    # docs/rules/rates.md#large-bank-listed-rates-from-2025-05-20, confirmed lines
    assert dict(table.fixed) == pytest.approx({3: 0.0065, 6: 0.0085, 12: 0.0095, 24: 0.0105, 36: 0.0125, 60: 0.013})
    assert table.demand == pytest.approx(0.0005) and table.notice[7] == pytest.approx(0.003)
    assert table.large_cd_min == 200_000 and table.large_cd
    assert not table.is_confirmed("installment", 12) and not table.is_confirmed("notice", 1)
    assert table.is_confirmed("notice", 7) and table.is_confirmed("fixed", 36)


def test_pboc_2004_table(cat):
    table = cat.rate_table("pboc-2004-10-29")
    # docs/rules/rates.md#table-of-2004-10-29
    assert table.demand == pytest.approx(0.0072)
    assert [table.fixed[m] for m in (3, 6, 12, 24, 36, 60)] == pytest.approx(
        [0.0171, 0.0207, 0.0225, 0.027, 0.0324, 0.036]
    )
    assert [table.installment[m] for m in (12, 36, 60)] == pytest.approx([0.0171, 0.0207, 0.0225])
    assert table.notice[1] == pytest.approx(0.0108) and not table.is_confirmed("notice", 1)
    assert not table.large_cd


def test_pboc_2015_table_has_no_five_year_lines(cat):
    table = cat.rate_table("pboc-2015-10-24")
    # docs/rules/rates.md#table-of-2015-10-24
    assert 60 not in table.fixed and 60 not in table.installment
    assert table.fixed[36] == pytest.approx(0.0275) and table.notice[7] == pytest.approx(0.0135)


def test_minimums_per_deposit_type(cat):
    # docs/rules/deposits.md#product-summary; a bank's own table lists minimums only for the lines it has
    typical = {"demand": 1, "fixed": 50, "installment": 5, "interest_payout": 5000, "notice": 50_000}
    for table in cat.rate_tables:
        assert set(table.minimums) <= set(DEPOSIT_TYPES)
        listed = typical if table.scope == "market" else {k: typical[k] for k in table.minimums if k in typical}
        assert {k: table.minimums[k] for k in listed} == listed, table.id
    assert cat.rate_table().minimums["large_cd"] == 200_000


def test_city_bank_table_is_used_only_when_named(cat):
    # docs/rules/rates.md#large-bank-listed-rates-from-2025-05-20: Bank of Ningbo from 2025-05-26, 1y 1.25, 2y 1.30, 3y 1.55, 5y 1.60 (confirmed)
    table = cat.rate_table("ningbo-2025-05-26")
    assert table.scope == "bank" and table.effective == dt.date(2025, 5, 26)
    assert dict(table.fixed) == pytest.approx({12: 0.0125, 24: 0.013, 36: 0.0155, 60: 0.016})
    assert not table.is_confirmed("demand")  # the reference gives no 活期 rate for it
    from wealthcalc.yields import rate_table_on

    assert rate_table_on(cat, dt.date(2025, 12, 1)).id == "big-banks-2025-05-20"
    assert cat.get("ningbo-fixed-1y").rate == pytest.approx(0.0125)


def test_rate_table_scope_is_checked(tmp_path):
    text = (FIXTURES / "minimal.yaml").read_text(encoding="utf-8").replace(
        "    effective:", "    scope: city\n    effective:", 1)
    path = tmp_path / "scope.yaml"
    path.write_text(text, encoding="utf-8")
    (problem,) = pytest.raises(CatalogError, load, path).value.problems
    assert problem.field == "scope" and problem.value == "city" and "market" in problem.hint


@pytest.mark.parametrize(
    "days, expected",
    [
        (100, 0.01026),  # docs/rules/deposits.md#fixed-or-demand D-22: 3m 1.71 % × 60 %
        (200, 0.01242),  # D-20: 6m 2.07 % × 60 %
        (400, 0.0135),  # D-21: 1y 2.25 % × 60 %
        (89, 0.0072),  # under 3 months: 活期
        (0, 0.0072),
    ],
)
def test_flexible_rate_rule_on_a_catalog_table(cat, days, expected):
    # the rule lives in deposits.flexible_rate; the catalog supplies the table's rates
    table = cat.rate_table("pboc-2004-10-29")
    assert flexible_rate(days, table.demand, table.fixed) == pytest.approx(expected, abs=1e-12)


def test_flexible_rate_never_below_demand():
    table = load().rate_table()
    # 3m 0.65 % × 60 % = 0.39 % < 活期 0.5 % -> 活期
    assert flexible_rate(100, 0.005, table.fixed) == pytest.approx(0.005)


def test_unknown_table_is_not_found(cat):
    with pytest.raises(ProductNotFoundError) as info:
        cat.rate_table("pboc-2004")
    assert info.value.field == "rate_table" and "pboc-2004-10-29" in str(info.value)


def test_records_are_frozen(cat):
    with pytest.raises(dataclasses.FrozenInstanceError):
        cat.products[0].rate = 0.5
    with pytest.raises(TypeError):
        cat.rate_table().fixed[12] = 0.5


def test_records_pickle(cat):
    assert pickle.loads(pickle.dumps(cat.rate_table())) == cat.rate_table()
    assert pickle.loads(pickle.dumps(cat.get("tianzhi-quality-select"))) == cat.get("tianzhi-quality-select")


# ---------------------------------------------------------------- loans data


def test_lpr_path(cat):
    # docs/rules/lpr.md#repricing L-12: 2025-01-01 uses 3.60 % (2024-10-21); 2025-06-15 uses 3.50 %
    assert cat.lpr.rate("5y", dt.date(2025, 1, 1)) == pytest.approx(0.036)
    assert cat.lpr.rate("5y", dt.date(2025, 6, 15)) == pytest.approx(0.035)
    assert cat.lpr.rate("1y", dt.date(2019, 8, 20)) == pytest.approx(0.0425)
    assert not cat.lpr.at(dt.date(2019, 10, 1)).confirmed  # the 2019-09-20 row
    with pytest.raises(InputError) as info:
        cat.lpr.at(dt.date(2019, 8, 19))
    assert info.value.field == "on"
    dates = [r.effective for r in cat.lpr.rows]
    assert dates == sorted(dates)


def test_provident_rates(cat):
    on = dt.date(2025, 5, 8)
    # docs/rules/provident.md#provident-fund-loan-rates (2.60 % since 2025-05-08, not 2.85 %)
    assert cat.provident_rates.rate("first_gt5y", on) == pytest.approx(0.026)
    assert cat.provident_rates.rate("second_gt5y", on) == pytest.approx(0.03075)
    assert cat.provident_rates.rate("first_gt5y", on - dt.timedelta(days=1)) == pytest.approx(0.0285)
    # docs/rules/provident.md#loan-amount L-9: 4.50 % from 2012-07-06
    assert cat.provident_rates.rate("first_gt5y", dt.date(2013, 6, 1)) == pytest.approx(0.045)


def test_loan_benchmarks(cat):
    row = cat.loan_benchmarks.at(dt.date(2020, 1, 1))
    assert row.rates["gt5y"] == pytest.approx(0.049) and row.confirmed  # docs/rules/lpr.md
    assert not cat.loan_benchmarks.at(dt.date(2005, 1, 1)).confirmed
    with pytest.raises(InputError):
        cat.loan_benchmarks.rate("6m", dt.date(2020, 1, 1))  # the 2015 table has no 6m column


def test_provident_policies(cat):
    zz = cat.provident_policy("zhengzhou-2013")
    # docs/rules/sources.md#zhengzhou-2013-provident-policy
    assert (zz.cap_single, zz.cap_couple, zz.cap_county) == (350_000, 450_000, 300_000)
    assert (zz.ltv_first_home, zz.ltv_second_hand, zz.ltv_second_home) == pytest.approx((0.7, 0.6, 0.4))
    assert zz.second_home_rate_multiplier == pytest.approx(1.1) and "cap_couple" in zz.unconfirmed
    assert cat.provident_policy() == zz  # the one policy with caps is the default
    national = cat.provident_policy("national-default")
    assert national.cap_couple is None and national.second_home_rate_multiplier is None
    with pytest.raises(ProductNotFoundError):
        cat.provident_policy("beijing-2099")


# ---------------------------------------------------------------- lookups


def test_get_unknown_product_suggests(cat):
    with pytest.raises(ProductNotFoundError) as info:
        cat.get("icbc-fixed-4y")
    assert info.value.field == "product" and "icbc-fixed" in info.value.hint


def test_check_amount_reasons(cat):
    p = cat.get("hxb-wenying-1-1y")  # 5,000-100,000, step 1,000
    assert p.check_amount(5_000) is None and p.check_amount(100_000) is None
    assert "below the minimum" in p.check_amount(4_999)
    assert "above the maximum" in p.check_amount(101_000)
    assert "multiple of 1,000.00" in p.check_amount(5_500)
    assert "起购" in p.check_amount(100, lang="zh")
    assert cat.eligible("hxb-wenying-1-1y", 5_500) == p.check_amount(5_500)
    assert cat.get("icbc-fixed-1y").check_amount(1234.56) is None  # no step: any amount to the fen


@given(k=st.integers(0, 95), extra=st.integers(1, 999))
def test_check_amount_step_property(k, extra):
    p = load().get("hxb-wenying-1-6m")
    on_step = p.min_amount + k * p.step
    assert p.check_amount(on_step) is None
    assert p.check_amount(on_step + extra) is not None  # between two steps


def test_filter(cat):
    assert {p.kind for p in cat.filter(kind="fund")} == {ProductKind.FUND}
    assert all(p.risk <= 2 for p in cat.filter(max_risk="R2"))
    assert cat.filter(max_risk=2) == cat.filter(max_risk="R2")
    by_amount = cat.filter(amount=60_000)
    assert "citic-licai-2004" not in {p.id for p in by_amount}  # minimum 100,000
    assert "citic-licai-2004" in {p.id for p in cat.filter(amount=100_000)}
    short = {p.id for p in cat.filter(term_days=200)}
    assert {"hxb-wenying-1-6m", "bjitic-tv-ad-trust-2004", "example-money-fund"} <= short
    assert "hxb-wenying-1-1y" not in short
    with pytest.raises(InputError) as info:
        cat.filter(kind="stock")
    assert info.value.field == "kind"
    with pytest.raises(InputError):
        cat.filter(max_risk="R9")


def test_rate_for_tiers(cat):
    wanli = cat.get("cib-wanlibao-2004")  # products.yaml: 730 days at 3.04 % (docs/rules/sources.md#2004-wealth-products)
    assert wanli.rate_for(term_days=730) == pytest.approx(0.0304)
    with pytest.raises(InputError) as info:
        wanli.rate_for(term_days=100)
    assert info.value.field == "term_days"
    banded = load(FIXTURES / "minimal.yaml").get("test-wealth")  # fixture: 3.5 % below 300,000, 3.6 % from it
    assert banded.rate_for(amount=299_999) == pytest.approx(0.035)
    assert banded.rate_for(amount=300_000) == pytest.approx(0.036)


def test_to_dict_is_json_ready(cat):
    import json

    for p in cat.products:
        data = json.loads(json.dumps(p.to_dict()))
        assert data["id"] == p.id and data["as_of"] == p.as_of.isoformat()
    # docs/rules/rates.md#large-bank-listed-rates-from-2025-05-20 (large-bank table from 2025-05-20): 整存整取 3y 1.25 %
    assert json.loads(json.dumps(cat.rate_table().to_dict()))["fixed"]["36"] == pytest.approx(0.0125)


# ---------------------------------------------------------------- choosing the file


def test_env_var_selects_the_catalog(monkeypatch):
    monkeypatch.setenv("WEALTHCALC_CATALOG", str(FIXTURES / "minimal.yaml"))
    assert load().ids == ("test-fixed-1y", "test-wealth")
    # an explicit path wins over the variable
    monkeypatch.setenv("WEALTHCALC_CATALOG", str(FIXTURES / "percent_slip.yaml"))
    assert load(FIXTURES / "minimal.yaml").ids == ("test-fixed-1y", "test-wealth")
    with pytest.raises(CatalogError):
        load()


def test_deposit_rate_comes_from_its_table():
    cat = load(FIXTURES / "minimal.yaml")
    # the fixture's test-table lists 整存整取 1y at 0.95 %; the product gives no rate of its own
    assert cat.get("test-fixed-1y").rate == pytest.approx(0.0095)


# ---------------------------------------------------------------- broken fixtures


def _problems(name: str) -> tuple[CatalogError, ...]:
    with pytest.raises(CatalogError) as info:
        load(FIXTURES / f"{name}.yaml")
    error = info.value
    assert error.problems and all(isinstance(p, CatalogError) for p in error.problems)
    assert all(p.path == str(FIXTURES / f"{name}.yaml") for p in error.problems)
    return error.problems


@pytest.mark.parametrize(
    "name, product, field, value",
    [
        ("unknown_key", "test-wealth", "rat", "rat"),
        ("wrong_type", "test-wealth", "min_amount", "lots"),
        ("percent_slip", "test-wealth", "rate", 3.5),
        ("min_above_max", "test-wealth", "min_amount", 50_000),
        ("step_not_dividing_min", "test-wealth", "step", 3000),
        ("duplicate_id", "test-fixed-1y", "products.id", "test-fixed-1y"),
        ("negative_fee", "test-wealth", "fees.management", "-0.3%"),
        ("tier_gap", "test-wealth", "fees.redemption[1]", 30),
        ("amount_tier_gap", "test-wealth", "tiers[1]", 400_000),
        ("missing_source", "test-wealth", "source", None),
        ("missing_as_of", "test-wealth", "as_of", None),
        ("date_after_as_of", "test-wealth", "sale_start", "2025-06-01"),
        ("table_after_as_of", "test-table", "effective", "2025-05-21"),
        ("table_until_before_effective", "test-table", "until", "2025-05-19"),
        ("bad_risk", "test-wealth", "risk", "R7"),
        ("bad_table_ref", "test-fixed-1y", "rate_table", "no-such-table"),
    ],
)
def test_each_broken_fixture_gives_its_problem(name, product, field, value):
    problems = _problems(name)
    assert len(problems) == 1, [str(p) for p in problems]
    problem = problems[0]
    assert (problem.product, problem.field, problem.value) == (product, field, value)
    assert problem.hint  # says what is accepted


def test_percent_slip_hint_shows_the_fix():
    (problem,) = _problems("percent_slip")
    assert "'3.5%'" in problem.hint and "0.035" in problem.hint


def test_malformed_yaml_names_the_line():
    (problem,) = _problems("malformed")
    assert problem.field == "yaml" and problem.value.startswith("line 46")
    assert "line 45" in problem.value  # the mapping left open there


def test_missing_file():
    path = FIXTURES / "no-such-file.yaml"
    with pytest.raises(CatalogError) as info:
        load(path)
    (problem,) = info.value.problems
    assert problem.field == "path" and problem.value == str(path)


def test_every_problem_is_gathered():
    problems = _problems("several_problems")
    assert {(p.product, p.field) for p in problems} == {
        ("test-fixed-1y", "min_amount"),
        ("test-wealth", "rate"),
        ("test-wealth", "step"),
    }
    with pytest.raises(CatalogError) as info:
        load(FIXTURES / "several_problems.yaml")
    text = str(info.value)
    assert text.startswith("3 problem(s)") and len(text.splitlines()) == 4


def test_catalog_error_pickles_with_its_problems():
    with pytest.raises(CatalogError) as info:
        load(FIXTURES / "several_problems.yaml")
    copy = pickle.loads(pickle.dumps(info.value))
    assert [p.field for p in copy.problems] == [p.field for p in info.value.problems]


def test_a_single_problem_reads_as_one_line_and_pickles():
    with pytest.raises(CatalogError) as info:
        load(FIXTURES / "percent_slip.yaml")
    error = info.value
    (problem,) = error.problems
    assert str(error) == str(problem) and "\n" not in str(error)
    assert str(problem).endswith("field 'rate': got 3.5; a rate is a fraction or a percent: write '3.5%' (or 0.035)")
    copy = pickle.loads(pickle.dumps(error))
    assert str(copy) == str(error) and copy.problems[0].field == "rate"


def test_not_a_mapping(tmp_path):
    path = tmp_path / "list.yaml"
    path.write_text("- just\n- a list\n", encoding="utf-8")
    with pytest.raises(CatalogError) as info:
        load(path)
    assert info.value.problems[0].field == "catalog"


def test_wrong_version(tmp_path):
    text = (FIXTURES / "minimal.yaml").read_text(encoding="utf-8").replace("version: 1", "version: 2")
    path = tmp_path / "v2.yaml"
    path.write_text(text, encoding="utf-8")
    (problem,) = pytest.raises(CatalogError, load, path).value.problems
    assert problem.field == "version" and problem.value == 2


def test_rate_table_type_is_exported():
    assert RateTable.__dataclass_params__.frozen


# ---------------------------------------------------------------- robustness



def _paths(node, prefix=()):
    """Every (path) to a value inside the parsed YAML."""
    if isinstance(node, dict):
        for key, value in node.items():
            yield prefix + (key,)
            yield from _paths(value, prefix + (key,))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield prefix + (index,)
            yield from _paths(value, prefix + (index,))


_MINIMAL = None


def _minimal():
    global _MINIMAL
    if _MINIMAL is None:
        import yaml

        _MINIMAL = yaml.safe_load((FIXTURES / "minimal.yaml").read_text(encoding="utf-8"))
    return _MINIMAL


@given(data=st.data())
def test_any_corrupted_value_gives_catalog_error_or_loads(data):
    # replacing any one value by junk never crashes the loader: it loads or raises CatalogError
    import copy

    import yaml

    tree = copy.deepcopy(_minimal())
    paths = list(_paths(tree))
    path = data.draw(st.sampled_from(paths))
    node = tree
    for step in path[:-1]:
        node = node[step]
    node[path[-1]] = data.draw(weird_values)
    text = yaml.safe_dump(tree, allow_unicode=True)
    try:
        result = catalog_module._parse_text(text, "corrupted.yaml")
    except CatalogError as error:
        assert error.problems and all(p.hint for p in error.problems)
    else:
        assert isinstance(result, Catalog)


def test_a_table_ends_where_until_says():
    # the 2004-10-29 PBOC table was replaced on 2006-08-19 (docs/rules/rates.md#pboc-benchmark-deposit-rates): it is not "in force" in 2010
    from wealthcalc.yields import rate_table_on

    catalog = load()
    table = catalog.rate_table("pboc-2004-10-29")
    assert table.until == dt.date(2006, 8, 18) and table.to_dict()["until"] == "2006-08-18"
    assert rate_table_on(catalog, dt.date(2006, 8, 18)).id == "pboc-2004-10-29"
    assert rate_table_on(catalog, dt.date(2006, 8, 19)) is None
    assert rate_table_on(catalog, dt.date(2010, 1, 1)) is None
    assert rate_table_on(catalog, dt.date(2015, 10, 24)).id == "pboc-2015-10-24"
    assert catalog.rate_table().until is None

"""The funds library's rules behind ``wealthcalc dca``, its validation, notes and JSON shapes."""

from __future__ import annotations

import dataclasses
import datetime as _dt
import json
import math
import pickle

import numpy as np
import pytest

from tests.support import DATA
from wealthcalc import catalog, funds
from wealthcalc.errors import InputError, WealthcalcError
from wealthcalc.funds import (ICBC_2009, NavFileError, check_plan_options, deposit_rate_for, deposit_term_months,
                              every_start, load_nav, lump_sum, plan_deposit_benchmark, purchase, simulate,
                              smart_rule, synthetic_nav)
from wealthcalc.results import Note, jsonable

DC1 = DATA / "nav_dc1.csv"
DC1_PLAN = dict(day=8, start="2024-01-01", end="2024-12-31", value_date="2025-01-08", fee_rate=0.015, discount=0.1)
DC1_ARGS = ["dca", str(DC1), "--amount", "1000", "--day", "8", "--from", "2024-01-01", "--to", "2024-12-31",
            "--value-date", "2025-01-08", "--fee", "1.5%", "--discount", "0.1"]


# ---------------------------------------------------------------- the CLI gives the library's JSON


def test_cli_json_equals_the_library_back_test(run_json):
    bt = simulate(load_nav(DC1), 1000, **DC1_PLAN)
    assert run_json(*DC1_ARGS) == jsonable({"synthetic": bt.synthetic, "source": bt.source, "dca": bt.to_dict()})


def test_cli_json_equals_the_library_every_start(run_json):
    nav = synthetic_nav(days=900, seed=5)
    es = every_start(nav, 1000, years=(1, 2), fee_rate=0.015, discount=0.1)
    got = run_json("dca", "--synthetic", "--days", "900", "--seed", "5", "--amount", "1000", "--discount", "0.1",
                   "--every-start", "--years", "1", "--years", "2")
    assert got == jsonable(es.to_dict())


def test_cli_json_deposit_equals_the_library_benchmark(run_json):
    bt = simulate(load_nav(DC1), 1000, **DC1_PLAN)
    bench = plan_deposit_benchmark(bt, rate_table="pboc-2015-10-24", catalog=catalog.load())
    got = run_json(*DC1_ARGS, "--vs-deposit", "--rate-table", "pboc-2015-10-24")
    assert got["deposit"] == jsonable(bench.to_dict())
    assert got["deposit"]["rate_source"] == "pboc-2015-10-24 installment 12m"


# ---------------------------------------------------------------- option combinations


@pytest.mark.parametrize("given", [
    {"nav_file"}, {"synthetic", "seed", "days"}, {"nav_file", "every_start", "years"},
    {"nav_file", "vs_deposit", "deposit_rate", "lots", "vs_lump_sum", "day", "value_date"},
])
def test_plan_options_accepted(given):
    assert check_plan_options(given) is None


@pytest.mark.parametrize("given, code", [
    (set(), "funds.nav_or_synthetic"),
    ({"nav_file", "synthetic"}, "funds.nav_or_synthetic"),
    ({"nav_file", "years"}, "funds.needs"),
    ({"nav_file", "rate_table"}, "funds.needs"),
    ({"nav_file", "seed"}, "funds.needs"),
    ({"nav_file", "every_start", "lots"}, "funds.every_start_only"),
    ({"nav_file", "every_start", "day"}, "funds.every_start_dates"),
    ({"nav_file", "colour"}, "choice.format"),
    ("nav_file", "choice.format"),
])
def test_plan_options_refused(given, code):
    with pytest.raises(InputError) as info:
        check_plan_options(given)
    assert info.value.field == "options" and info.value.code == code


def test_plan_option_wording_names_the_flags():
    with pytest.raises(InputError) as info:
        check_plan_options({"nav_file", "deposit_kind"})
    assert "--deposit-kind, --deposit-rate, --rate-table only work(s) with --vs-deposit" in str(info.value)
    zh = info.value.message("zh")
    assert zh.index("须与 --vs-deposit 一起使用") < zh.index("only work(s)")


def test_cli_uses_the_option_rules(run):
    result = run("--lang", "en", "dca", str(DC1), "--amount", "1000", "--every-start", "--lots")
    assert result.exit_code == 2 and "--every-start shows statistics only" in result.stderr


# ---------------------------------------------------------------- smart rule


def test_smart_rule_replaces_the_average_and_the_top_band():
    assert smart_rule() == ICBC_2009
    r = smart_rule(ma_days=60.0, top_factor=0)
    assert r.ma_days == 60 and r.above[-1] == (1.10, 0.0) and r.above[:-1] == ICBC_2009.above[:-1]


@pytest.mark.parametrize("kw, field", [
    ({"ma_days": 1}, "ma_days"), ({"ma_days": 20.5}, "ma_days"), ({"ma_days": True}, "ma_days"),
    ({"top_factor": 6}, "top_factor"), ({"top_factor": math.nan}, "top_factor"), ({"top_factor": "x"}, "top_factor"),
    ({"base": "ICBC"}, "smart"),
])
def test_smart_rule_refuses(kw, field):
    with pytest.raises(InputError) as info:
        smart_rule(**kw)
    assert info.value.field == field


# ---------------------------------------------------------------- deposit benchmark term and rate


def test_deposit_term_months():
    assert deposit_term_months(_dt.date(2024, 1, 8), _dt.date(2025, 1, 8)) == 12
    assert deposit_term_months("2024-01-08", "2024-01-08") == 1
    assert deposit_term_months(np.datetime64("2024-01-08"), "2027-01-08") == 36
    with pytest.raises(InputError):
        deposit_term_months("2025-01-08", "2024-01-08")
    with pytest.raises(InputError):
        deposit_term_months("2024-02-30", "2025-01-08")


def test_deposit_rate_for_picks_the_shortest_term_long_enough():
    table = catalog.resolve_rate_table("pboc-2015-10-24")
    assert deposit_rate_for(12, "installment", table) == (table.installment[12], "pboc-2015-10-24 installment 12m")
    assert deposit_rate_for(13, "installment", table)[1] == "pboc-2015-10-24 installment 36m"
    assert deposit_rate_for(400, "fixed", table)[1] == f"pboc-2015-10-24 fixed {max(table.fixed)}m"  # the longest
    default = catalog.load().rate_table(None)
    assert deposit_rate_for(12)[1].startswith(default.id)


@pytest.mark.parametrize("args, field", [
    ((0,), "months"), ((12.5,), "months"), ((12, "monthly"), "kind"), ((12, "fixed", 42), "rate_table"),
    ((12, "fixed", "no-such-table"), "rate_table"),
])
def test_deposit_rate_for_refuses(args, field):
    with pytest.raises(WealthcalcError) as info:
        deposit_rate_for(*args)
    assert field in info.value.field or info.value.code == "ref.unknown"


def test_plan_deposit_benchmark_matches_deposit_benchmark():
    bt = simulate(load_nav(DC1), 1000, **DC1_PLAN)
    bench = plan_deposit_benchmark(bt, annual_rate="1.71%")
    direct = funds.deposit_benchmark(bt.dealt_dates, bt.amounts, bt.value_date, annual_rate=0.0171)
    assert bench.final_value == direct.final_value and bench.rate_source == "annual_rate"
    with pytest.raises(InputError):
        plan_deposit_benchmark(bt, annual_rate=0.0171, rate_table="pboc-2015-10-24")
    with pytest.raises(InputError):
        plan_deposit_benchmark("not a back-test")
    with pytest.raises(InputError):
        plan_deposit_benchmark(bt, kind="monthly")
    with pytest.raises(InputError):
        plan_deposit_benchmark(bt, annual_rate=1.71)


def test_a_table_without_the_kind_is_refused_with_a_code():
    table = dataclasses.replace(catalog.resolve_rate_table("pboc-2015-10-24"), installment={})
    with pytest.raises(InputError) as info:
        deposit_rate_for(12, "installment", table)
    assert info.value.code == "funds.no_deposit_rates" and "--deposit-rate" in str(info.value)
    assert "零存整取" in info.value.message("zh")


# ---------------------------------------------------------------- validation


def test_an_amount_that_buys_no_share_is_refused():
    # regression: simulate(nav, 0.001) used to report a -100 % plan
    nav = synthetic_nav(days=300, seed=1)
    with pytest.raises(InputError) as info:
        simulate(nav, 0.001)
    assert info.value.field == "amount"
    dear = synthetic_nav(days=300, seed=1, start_nav=5.0)
    for call in (lambda: simulate(dear, 0.02), lambda: lump_sum(dear, 0.02),
                 lambda: every_start(dear, 0.02, years=1), lambda: purchase(0.02, 0.015, 5.0)):
        with pytest.raises(InputError) as info:
            call()
        assert info.value.code == "funds.no_shares" and info.value.field == "amount"
        assert "buys no share" in str(info.value) and "买不到" in info.value.message("zh")
    assert simulate(dear, 1000).installments == 14


@pytest.mark.parametrize("call", [
    lambda s: simulate(s, True),
    lambda s: simulate(s, math.nan),
    lambda s: simulate(s, -5),
    lambda s: simulate(s, 1000, fee_rate="abc"),
    lambda s: simulate(s, 1000, fee_rate=0.6),
    lambda s: simulate(s, 1000, discount=1j),
    lambda s: simulate(s, 1000, day="8"),
    lambda s: simulate(s, 1000, frequency="yearly"),
    lambda s: simulate(s, 1000, rounding="down"),
    lambda s: simulate(s, 1000, dividends="stock"),
    lambda s: simulate(s, 1000, redeem=1),
    lambda s: simulate(s, 1000, start="2015-02-30"),
    lambda s: simulate(s, 1000, value_date=20150301),
    lambda s: simulate(s, 1000, redemption_tiers=((0, "x"),)),
    lambda s: simulate(s, 1000, redemption_tiers=5),
    lambda s: simulate(s, 1000, smart="yes"),
    lambda s: simulate(s, 1000, fixed_fee=math.inf),
    lambda s: simulate(42, 1000),
    lambda s: lump_sum(s, 1000, date="soon"),
    lambda s: every_start(s, 1000, years=(1, 2.5)),
    lambda s: every_start(s, 1000, years=()),
    lambda s: every_start(s, 1000, years="3"),
    lambda s: synthetic_nav(days=2.5),
    lambda s: synthetic_nav(days=True),
    lambda s: synthetic_nav(seed=-1),
    lambda s: synthetic_nav(volatility="20%"),
    lambda s: synthetic_nav(start="someday"),
    lambda s: load_nav(None),
    lambda s: funds.write_nav_csv("series", "out.csv"),
    lambda s: funds.redemption_rate(True),
    lambda s: funds.redeem(math.nan, 1.0, 0.0),
    lambda s: funds.reinvest_dividend(100, 0.05, 0),
    lambda s: funds.parse_discount(None),
    lambda s: funds.round_shares(1.234, "floor"),
    lambda s: funds.smart_factor(math.inf),
    lambda s: funds.deposit_benchmark(["2024-01-08"], ["x"], "2025-01-08", annual_rate=0.0171),
    lambda s: funds.deposit_benchmark("2024-01-08", [1000], "2025-01-08", annual_rate=0.0171),
    lambda s: funds.deposit_benchmark(["2024-01-08"], [1000], "2025-01-08", annual_rate=0.0171, tax="yes"),
    lambda s: purchase(1000, 0.015, 1.2, method="inside"),
])
def test_bad_input_is_an_input_error(call):
    with pytest.raises(InputError) as info:
        call(synthetic_nav(days=300, seed=1))
    assert info.value.field and info.value.message("zh") and info.value.message("en")


# ---------------------------------------------------------------- notes, errors and result shapes


def test_notes_are_the_one_note_type_and_serialize_as_note_dicts():
    bt = simulate(synthetic_nav(days=300, seed=1), 1000, smart=True)
    assert all(isinstance(n, Note) for n in bt.notes)
    assert bt.to_dict()["notes"] == [n.to_dict() for n in bt.notes]
    assert "note_codes" not in bt.to_dict()
    json.dumps(bt.to_dict(), allow_nan=False)  # NaN comes out as null


def test_summaries_are_dicts():
    bt = simulate(synthetic_nav(days=300, seed=1), 1000)
    assert list(bt.summary()) == list(bt.summary_keys) and bt.summary()["invested"] == bt.invested
    period = every_start(synthetic_nav(days=600, seed=1), 1000, years=1).periods[0]
    assert list(period.summary()) == list(period.summary_keys)
    assert bt.final_value == bt.market_value + bt.cash_dividends


def test_nav_file_error_words_its_problems_in_both_languages_and_pickles():
    with pytest.raises(NavFileError) as info:
        load_nav(DATA / "nav_bad_gbk.csv")
    err = info.value
    assert all(isinstance(p, Note) for p in err.problems) and len(err.problems) == 6
    zh = err.message("zh")
    assert zh.index("共 6 处问题") < zh.index("6 problems")
    assert err.hint_in("en") == err.hint and err.hint_in("zh").startswith("共 6 处问题")
    again = pickle.loads(pickle.dumps(err))
    assert again.problems == err.problems and again.message("zh") == zh


def test_one_problem_is_worded_without_its_line_prefix(tmp_path):
    bad = tmp_path / "one.csv"
    bad.write_text("date,nav\n2024-01-08,abc\n", encoding="utf-8")
    with pytest.raises(NavFileError) as info:
        load_nav(bad)
    assert info.value.hint == "not a number (got 'abc')"
    assert info.value.hint_in("zh") == "不是数字（读到 'abc'）"


def test_file_level_errors_have_codes(tmp_path):
    for text, code in (("", "funds.nav.empty"), ("price\n1.0\n", "funds.nav.no_columns"),
                       ("date,price\n2024-01-08,1\n", "funds.nav.no_nav_column"), ("date,nav\n", "funds.nav.no_rows")):
        path = tmp_path / "f.csv"
        path.write_text(text, encoding="utf-8")
        with pytest.raises(NavFileError) as info:
            load_nav(path)
        assert info.value.code == code
    with pytest.raises(InputError) as info:
        load_nav(tmp_path / "missing.csv")
    assert info.value.code == "funds.nav.unreadable"


def test_synthetic_days_may_be_an_integral_float():
    assert len(synthetic_nav(days=20.0)) == 20


def test_old_import_paths_keep_working():
    from wealthcalc import dca, navdata

    assert dca.simulate is simulate and navdata.load_nav is load_nav and dca.Note is Note
    assert navdata.note_text(Note("funds.synthetic"), "zh") == Note("funds.synthetic").text("zh")
    assert set(dca.__all__) <= set(dir(dca)) and set(navdata.__all__) <= set(dir(navdata))
    assert set(funds.__all__) <= set(dir(funds))

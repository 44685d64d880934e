"""The commands' --format json is the library call's to_dict, and the library rules behind them."""

import datetime as dt
import json

import pytest

from wealthcalc.catalog import load, product_kinds, risk_grade, term_code, ProductKind
from wealthcalc.errors import InputError, ProductNotFoundError
from wealthcalc.results import Note, jsonable
from wealthcalc.yields import Comparison, ComparisonRow, compare, demand_rate_on, product_yield, rate_table_on

from tests.support import CATALOGS

SMALL = str(CATALOGS / "compare_small.yaml")


def same(data):
    return json.loads(json.dumps(jsonable(data)))


def test_compare_json_is_the_library_result(run_json):
    shown = run_json("--catalog", SMALL, "compare", "--amount", "10万", "--days", "365", "--start", "2025-01-01")
    assert shown == same(compare(100_000, 365, catalog=load(SMALL), start="2025-01-01").to_dict())


def test_yield_json_is_the_library_result(run_json):
    shown = run_json("yield", "citic-licai-2004", "--amount", "10万")
    assert shown == same(product_yield("citic-licai-2004", 100_000).to_dict())


def test_products_list_json_is_the_library_filter(run_json):
    shown = run_json("products", "list", "--kind", "trust", "--kind", "wealth", "--max-risk", "R2")
    found = load().filter(kind=["trust", "wealth"], max_risk="R2")
    assert shown == same({"count": len(found), "products": [p.to_dict() for p in found]})


def test_products_rates_json_is_the_table(run_json):
    assert run_json("products", "rates", "--table", "pboc-2004-10-29") == same(
        load().rate_table("pboc-2004-10-29").to_dict())
    assert run_json("products", "rates", "--table", "lpr") == same(load().lpr.to_dict())


def test_products_validate_json_is_the_summary(run_json):
    assert run_json("products", "validate") == same(load().summary())


def test_compare_takes_dates_as_text_like_every_calculator():
    by_text = compare(100_000, 365, as_of="2025-06-01")
    assert by_text == compare(100_000, 365.0, as_of=dt.date(2025, 6, 1))
    assert by_text.rate_table == load().rate_table_on(dt.date(2025, 6, 1)).id


@pytest.mark.parametrize("kwargs, field", [
    ({"rate_table": 3}, "rate_table"), ({"catalog": 3}, "catalog"), ({"as_of": "2025-13-01"}, "as_of"),
    ({"start": float("nan")}, "start"), ({"kind": "stocks"}, "kind"), ({"max_risk": True}, "max_risk"),
])
def test_compare_bad_arguments_are_input_errors(kwargs, field):
    with pytest.raises(InputError) as caught:
        compare(100_000, 365, **kwargs)
    assert caught.value.field == field and caught.value.code


@pytest.mark.parametrize("days", [365.5, True, "365", float("inf"), 0])
def test_compare_days_are_whole(days):
    with pytest.raises(InputError) as caught:
        compare(100_000, days)
    assert caught.value.code == "yields.days"


def test_rate_table_object_or_id():
    table = load().rate_table("pboc-2004-10-29")
    assert compare(100_000, 365, rate_table=table).rate_table == compare(
        100_000, 365, rate_table="pboc-2004-10-29").rate_table == table.id
    with pytest.raises(ProductNotFoundError):
        compare(100_000, 365, rate_table="no-such-table")


def test_notes_are_note_dicts():
    c = compare(100_000, 372)
    data = c.to_dict()
    for row in data["ranked"] + data["unranked"]:
        assert all(set(n) == {"code", "text", "params"} for n in row["notes"])
    for row in data["ineligible"]:
        assert set(row["reason"]) == {"code", "text", "params"}
    assert all(set(n) == {"code", "text", "params"} for n in data["notes"])
    note = next(n for r in c.ranked for n in r.notes)
    assert isinstance(note, Note) and note.text("zh") != note.text("en")
    code, params = note  # still unpacks as the old pair
    assert note == (code, params) and f"yields.{code}" == note.code


def test_result_types_keep_their_public_home():
    assert Comparison.__module__ == ComparisonRow.__module__ == "wealthcalc.yields"


def test_product_yield_uses_the_demand_rate_in_force():
    catalog = load()
    found = product_yield(catalog.get("citic-licai-2004"), "10万", catalog=catalog)
    assert found.demand_rate == demand_rate_on(catalog, found.product.as_of) == 0.0072
    assert ["total_days", found.result.total_days] in found.rows()
    with pytest.raises(ProductNotFoundError):
        product_yield("no-such", 100_000)
    with pytest.raises(InputError):
        product_yield(42, 100_000)  # type: ignore[arg-type]
    with pytest.raises(InputError):
        demand_rate_on(catalog, "yesterday")


def test_rate_table_on_delegates():
    catalog = load()
    day = dt.date(2005, 6, 1)
    assert rate_table_on(catalog, day) is catalog.rate_table_on(day)


def test_risk_and_kind_parsing():
    assert [risk_grade(v) for v in ("R1", "r2", "3", 4)] == [1, 2, 3, 4]
    for bad in ("R6", 0, True, "high", 2.5):
        with pytest.raises(InputError):
            risk_grade(bad)
    assert product_kinds("fund") == {ProductKind.FUND}
    assert product_kinds([ProductKind.TRUST, "wealth"]) == {ProductKind.TRUST, ProductKind.WEALTH}
    with pytest.raises(InputError) as caught:
        product_kinds(["wealth", "stock"])
    assert caught.value.value == "stock"
    assert term_code(24, 730) == "24m" and term_code(None, 7) == "7d" and term_code(None, None) == "open"


def test_rate_table_listing_has_the_flexible_line():
    table = load().rate_table()
    lines = table.listing()
    assert len(lines) == len(table.lines()) + 1
    flexible = lines[1 + len(table.fixed)]
    assert flexible.section == "flexible" and flexible.rate is None


def test_amount_problems_are_notes_in_both_languages():
    p = load().get("citic-licai-2004")
    problem = p.amount_problem(50_000)
    assert problem.code == "catalog.below_min"
    assert p.check_amount(50_000, "zh") == problem.text("zh") == "低于起购金额 100,000.00 元"
    with pytest.raises(InputError):
        p.amount_problem(float("nan"))

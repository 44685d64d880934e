"""Tests for the exception family in wealthcalc.errors."""

import pickle

import pytest

from wealthcalc.errors import (
    CatalogError,
    InputError,
    NoSolutionError,
    ProductNotFoundError,
    WealthcalcError,
)


@pytest.mark.parametrize(
    "cls, builtin",
    [
        (InputError, ValueError),
        (CatalogError, ValueError),
        (ProductNotFoundError, LookupError),
        (NoSolutionError, ArithmeticError),
    ],
)
def test_each_error_is_a_wealthcalc_error_and_the_natural_builtin(cls, builtin):
    err = cls("field_x", 42, "use 7")
    assert isinstance(err, WealthcalcError) and isinstance(err, builtin)
    assert (err.field, err.value, err.hint) == ("field_x", 42, "use 7")
    assert "field_x" in str(err) and "42" in str(err) and "use 7" in str(err)


@pytest.mark.parametrize("cls", [InputError, ProductNotFoundError, NoSolutionError])
def test_errors_pickle_with_their_attributes(cls):
    err = pickle.loads(pickle.dumps(cls("annual_rate", 3.24, "write 3.24%")))
    assert type(err) is cls and (err.field, err.value, err.hint) == ("annual_rate", 3.24, "write 3.24%")


def test_catalog_error_names_file_product_and_field():
    err = CatalogError("min_amount", -1000, "must be at least 0", path="products.yaml", product="cmb-3y-cd")
    assert str(err) == "products.yaml, product 'cmb-3y-cd', field 'min_amount': got -1000; must be at least 0"
    again = pickle.loads(pickle.dumps(err))
    assert (again.path, again.product, again.field) == ("products.yaml", "cmb-3y-cd", "min_amount")


def test_catalog_error_lists_every_problem():
    parts = (
        CatalogError("rate", 3.24, "write '3.24%'", path="p.yaml", product="a"),
        CatalogError("id", "a", "ids must be unique", path="p.yaml", product="a"),
    )
    err = CatalogError("products", 2, "fix the file", path="p.yaml", problems=parts)
    lines = str(err).splitlines()
    assert lines[0].startswith("2 problem(s)")
    assert "field 'rate'" in lines[1] and "field 'id'" in lines[2]
    assert pickle.loads(pickle.dumps(err)).problems[1].field == "id"


def test_message_shows_dates_iso_and_numpy_values_plainly():
    import datetime

    import numpy as np

    assert str(InputError("end", datetime.date(2023, 1, 1), "after the start")) == (
        "end: got 2023-01-01; after the start"
    )
    assert str(InputError("start", np.datetime64("2024-02-29"), "h")) == "start: got 2024-02-29; h"
    assert str(InputError("rate", np.float64(3.24), "h")) == "rate: got 3.24; h"
    assert str(InputError("values", np.array([1.0, 2.0]), "h")) == "values: got [1.0, 2.0]; h"
    assert str(CatalogError("as_of", datetime.date(2025, 5, 20), "h", path="p.yaml")).endswith(
        "got 2025-05-20; h"
    )


def test_long_values_are_cut_to_one_short_line():
    text = str(NoSolutionError("flows", list(range(1000)), "no rate balances them"))
    assert len(text) < 200 and "…" in text and text.endswith("; no rate balances them")
    assert "\n" not in str(InputError("values", __import__("numpy").ones((50, 50)), "h"))


def test_chinese_advice_travels_with_the_error():
    # the code and its parameters survive pickling, so the wording does too
    err = pickle.loads(pickle.dumps(InputError("amount", -5, code="amount.negative")))
    assert err.code == "amount.negative" and err.hint_in("zh") == "金额必须大于零"
    assert str(err) == "amount: got -5; an amount must be positive"
    cat = pickle.loads(pickle.dumps(CatalogError("rate", 3.24, code="rate.bare_percent", path="p.yaml",
                                                 params={"percent": "3.24", "fraction": "0.0324"})))
    assert cat.hint_in("zh") == "利率请写成百分数或小数：'3.24%'（或 0.0324）" and cat.path == "p.yaml"
    plain = InputError("x", 1, "a hint written without a code")
    assert plain.hint_in("zh") == plain.hint  # no Chinese wording: the English stands

"""Rates read from a catalog rate table, the tax rule, whole-month terms and bounded horizons."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest

from wealthcalc import deposits as d
from wealthcalc.catalog import load
from wealthcalc.errors import InputError

D = dt.date
PBOC_2004 = "pboc-2004-10-29"


def _error(call):
    with pytest.raises(InputError) as err:
        call()
    return err.value


# ---------------------------------------------------------------- rate tables


def test_rate_for_reads_the_table_by_type_and_term():
    table = load().rate_table(PBOC_2004)
    assert d.rate_for(PBOC_2004, "fixed", 36) == 0.0324
    assert d.rate_for(table, "fixed", 36.0) == 0.0324  # the object or its id; 36.0 is 36
    assert d.rate_for(PBOC_2004, "整存整取", 12) == table.fixed[12]  # Chinese names as input
    assert d.rate_for(PBOC_2004, "demand") == table.demand
    assert d.rate_for(PBOC_2004, "notice", 7) == table.notice[7]


@pytest.mark.parametrize(
    ("call", "field", "code"),
    [
        (lambda: d.rate_for(PBOC_2004, "fixed", 48), "months", "deposits.table_terms_months"),
        (lambda: d.rate_for(PBOC_2004, "notice", 3, field="notice_days"), "notice_days",
         "deposits.table_terms_days"),
        (lambda: d.rate_for(PBOC_2004, "fixed", 36.5), "months", "whole.format"),
        (lambda: d.rate_for(3, "fixed", 12), "rate_table", "ref.type"),
        (lambda: d.rate_for(PBOC_2004, "savings", 12), "kind", "choice.format"),
        (lambda: d.rate_for(PBOC_2004, "flexible", 12), "kind", "choice.format"),
        (lambda: d.minimum_for(["x"], "fixed"), "rate_table", "ref.type"),
        (lambda: d.table_on(D(2010, 1, 1)), "start", "deposits.no_table"),
        (lambda: d.table_on("not a date"), "start", "date.format"),
        (lambda: d.demand_rate_on(D(2010, 1, 1)), "demand_rate", "deposits.no_table"),
        (lambda: d.withdrawal_day(D(2025, 1, 1), 10_000_000), "withdraw_on", "deposits.horizon"),
        (lambda: d.withdrawal_day(D(2025, 1, 1), -1), "withdraw_on", "deposits.days_negative"),
        (lambda: d.held_days(None, 1.5), "withdraw_on", "whole.format"),
        (lambda: d.notice_pays_demand(3.5, 10), "notice_days", "whole.format"),
        (lambda: d.notice_pays_demand(7, 10, notified=1), "notified", "flag.format"),
        (lambda: d.deposit_kind(12), "kind", "choice.format"),
        (lambda: d.tax_rule("abc"), "tax", "rate.format"),
        (lambda: d.interest_tax_rate("nope"), "on", "date.format"),
    ],
)
def test_errors_name_the_field_and_code(call, field, code):
    err = _error(call)
    assert (err.field, err.code) == (field, code)
    assert err.message("zh") and err.message("en")


def test_unknown_table_id_names_the_known_ones():
    from wealthcalc.errors import WealthcalcError

    with pytest.raises(WealthcalcError) as err:
        d.rate_for("no-such-table", "fixed", 12)
    assert err.value.field == "rate_table" and PBOC_2004 in str(err.value)


def test_table_on_the_table_in_force_or_named_or_default():
    catalog = load()
    assert d.table_on(D(2005, 6, 1)).id == PBOC_2004
    assert d.table_on(D(2005, 6, 1), table=PBOC_2004).id == PBOC_2004
    assert d.table_on(None).id == catalog.rate_table().id
    assert d.table_on("2005-06-01", catalog=catalog) is catalog.rate_table_on(D(2005, 6, 1))


def test_minimum_for():
    table = load().rate_table(PBOC_2004)
    assert d.minimum_for(PBOC_2004, "fixed") == table.minimums["fixed"]
    assert d.minimum_for(table, "large-cd") == (table.large_cd_min if table.large_cd_min is not None
                                                else table.minimums.get("large_cd"))


def test_demand_rate_on_the_withdrawal_day():
    # opened under the 2015-06-28 table, withdrawn under the 2015-10-24 one (活期 0.35 %)
    assert d.demand_rate_on(D(2015, 11, 1)) == 0.0035
    assert d.demand_rate_on(D(2015, 11, 1), table=PBOC_2004) == 0.0072
    assert d.demand_rate_on(None) == load().rate_table().demand


def test_withdrawal_day_and_held_days():
    assert d.withdrawal_day(D(2025, 1, 1), 100) == D(2025, 4, 11)
    assert d.withdrawal_day(D(2025, 1, 1), D(2025, 3, 1)) == D(2025, 3, 1)
    assert d.withdrawal_day(None, 100) is None and d.withdrawal_day(D(2025, 1, 1), None) is None
    assert d.held_days(D(2025, 1, 1), D(2025, 1, 21)) == 20
    assert d.held_days(None, 20.0) == 20
    assert d.held_days(None, D(2025, 1, 21)) is None


def test_notice_pays_demand():
    assert d.notice_pays_demand(7, 5) and not d.notice_pays_demand(7, 7)
    assert d.notice_pays_demand(7, 20, style="rolling") and d.notice_pays_demand(1, 20, notified=False)
    assert not d.notice_pays_demand(7, None)


def test_deposit_kind_and_names():
    assert d.deposit_kind("大额存单") == "large_cd" and d.deposit_kind("interest-payout") == "interest_payout"
    assert d.kind_name("notice", "zh") == "个人通知存款" and d.kind_name("mystery") == "mystery"
    assert d.flow_name("cycle 3", "zh") == "通知周期 3" and d.flow_name("cycle 3") == "cycle 3"


# ---------------------------------------------------------------- the tax rule


def test_tax_rule_by_dates_or_flat():
    assert d.tax_rule(None, D(2005, 1, 1)) is None and d.tax_rule(" AUTO ", "2005-01-01") is None
    assert d.tax_rule(None) == 0.0 and d.tax_rule("auto") == 0.0
    assert d.tax_rule("20%") == d.tax_rule(0.2) == 0.2
    dated = d.fixed(10_000, 0.0324, 36, start=D(2005, 1, 1))
    assert d.fixed(10_000, 0.0324, 36, start=D(2005, 1, 1), tax="auto") == dated
    assert dated.tax == 175.89


# ---------------------------------------------------------------- whole months


@pytest.mark.parametrize("months", [36, 36.0, np.int64(36), np.float64(36.0)])
def test_whole_months_accepted_alike(months):
    assert d.fixed(10_000, 0.0324, months).interest == 972.0
    assert d.fixed_maturity_value(10_000, 0.0324, months) == 10_972.0


@pytest.mark.parametrize(
    "call",
    [
        lambda: d.fixed(10_000, 0.0324, 36.5),
        lambda: d.installment(1_000, 0.0171, 12.5),
        lambda: d.large_cd(200_000, 0.0125, 12, coupon_months=3.5),
        lambda: d.fixed_maturity_value(10_000, 0.0324, 36.5),
        lambda: d.fixed_maturity_fen(100, np.array([0.01]), np.array([36.5])),
    ],
)
def test_fractional_months_refused(call):
    err = _error(call)
    assert err.field in ("months", "interval_months")


def test_a_term_not_offered_lists_the_terms():
    err = _error(lambda: d.fixed(10_000, 0.0324, 48))
    assert (err.field, err.code) == ("months", "deposits.terms")
    assert "3, 6, 12, 24, 36, 60" in err.message("en") and "3、6、12" in err.message("zh")


# ---------------------------------------------------------------- bounded horizons


@pytest.mark.parametrize(
    ("call", "field", "code"),
    [
        (lambda: d.demand(100, 0.0035, start=D(1950, 1, 1), end=D(2199, 12, 31)), "end", "deposits.horizon"),
        (lambda: d.demand(100, 0.0035, start=D(2000, 1, 1), end=D(9999, 12, 31)), "end", "deposits.horizon"),
        (lambda: d.notice(100_000, 0.0162, 7, withdraw_on=10_000_000), "withdraw_on", "deposits.horizon"),
        (lambda: d.fixed(10_000, 0.0324, 36, withdraw_on=D(2199, 1, 1), start=D(1990, 1, 1),
                         demand_rate=0.0035), "withdraw_on", "deposits.horizon"),
        (lambda: d.fixed(10_000, 0.0324, 60, rollovers=10**9), "rollovers", "deposits.rollovers"),
        (lambda: d.flexible_rate(10**8, 0.0072, {}), "days", "deposits.horizon"),
        (lambda: d.fixed_maturity_value(1_000, 0.0225, 10**9), "months", "whole.range"),
    ],
)
def test_horizons_beyond_100_years_are_refused(call, field, code):
    err = _error(call)
    assert (err.field, err.code) == (field, code)


def test_the_longest_horizon_still_computes():
    r = d.demand(100, 0.0035, start=D(2000, 1, 1), end=D(2000, 1, 1) + dt.timedelta(days=d.MAX_DAYS))
    assert r.days == d.MAX_DAYS
    assert d.fixed(100, 0.01, 60, rollovers=d.MAX_MONTHS // 60 - 1).days == 30 * d.MAX_MONTHS


def test_results_serialize_through_jsonable():
    from wealthcalc.results import jsonable

    r = d.fixed(10_000, 0.0324, 36, start=D(2005, 1, 1))
    data = r.to_dict()
    assert data == jsonable(data)
    assert data["start_date"] == "2005-01-01" and data["interest_parts"][0]["part"] == "term"
    assert d.interest_tax_parts(972.0, D(2005, 1, 1), D(2008, 1, 1))[0].to_dict()["start_date"] == "2005-01-01"


@pytest.mark.parametrize(
    "call",
    [
        lambda: d.demand(1_000, 0.0035, start=D(2025, 1, 1), end=D(2025, 6, 1), changes=None),
        lambda: d.demand(1_000, 0.0035, start=D(2025, 1, 1), end=D(2025, 6, 1), changes=[(D(2025, 2, 1), "x")]),
        lambda: d.flexible(1_000, 0.0035, "x", withdraw_on=200),
        lambda: d.fixed_maturity_value(100, [0.01], 12),
        lambda: d.fixed_maturity_value(100, 0.01, 12, np.array([0.1, 0.2])),
        lambda: d.fixed_maturity_fen(100, {}, 12),
        lambda: d.notice_pays_demand(7, "x"),
        lambda: d.interest_tax_rate(None),
        lambda: d.flow_name(None),
        lambda: d.notice(100_000, 0.0162, 7, withdraw_on=10, notified=np.array([1, 2])),
    ],
)
def test_wrong_types_are_input_errors(call):
    _error(call)

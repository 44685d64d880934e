"""The loan rules the command used to apply itself: LPR tenor, provident column, benchmark rates, terms."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest

from wealthcalc import loans
from wealthcalc.errors import InputError, ProductNotFoundError


def _error(call, *args, **kwargs) -> InputError:
    with pytest.raises(InputError) as info:
        call(*args, **kwargs)
    return info.value


# ---------------------------------------------------------------- LPR


def test_lpr_tenor_five_years_and_above():
    # loans of more than five years are priced on the 5-year LPR (PBOC 2019 No. 15)
    assert [loans.lpr_tenor(m) for m in (1, 12, 60, 61, 360, 360.0)] == ["1y", "1y", "1y", "5y", "5y", "5y"]
    for bad, code in ((0, "whole.range"), (60.5, "whole.format"), (True, "whole.format"), ("60", "whole.format")):
        err = _error(loans.lpr_tenor, bad)
        assert (err.field, err.code) == ("months", code)


def test_lpr_path_is_the_catalog_column_of_the_tenor():
    long, short = loans.lpr_path(360), loans.lpr_path(36)
    assert long[0] == (dt.date(2019, 8, 20), 0.0485) and short[0] == (dt.date(2019, 8, 20), 0.0425)
    assert loans.lpr_on(dt.date(2025, 1, 1), long) == 0.036


def test_first_lpr_rate_and_its_errors():
    path = loans.lpr_path(360)
    assert loans.first_lpr_rate(dt.date(2025, 6, 1), 0.001, path) == 0.036  # 3.50 % + 10 bp
    assert loans.first_lpr_rate("2025-06-01", -0.003, path) == 0.032
    err = _error(loans.first_lpr_rate, dt.date(2019, 6, 15), 0.001, path)
    assert (err.field, err.code, err.params["first"]) == ("start", "loans.lpr_start_before", dt.date(2019, 8, 20))
    err = _error(loans.first_lpr_rate, dt.date(2025, 6, 1), 0.2, path)
    assert (err.field, err.code) == ("lpr_spread", "loans.spread_range")
    err = _error(loans.first_lpr_rate, dt.date(2025, 6, 1), 0.001, [])
    assert (err.field, err.code) == ("lpr_path", "loans.lpr_path_empty")


def test_parse_spread():
    assert loans.parse_spread("10bp") == 0.001 and loans.parse_spread("+10bp") == 0.001
    assert loans.parse_spread(" -30BP ") == -0.003 and loans.parse_spread(0.002) == 0.002
    for bad, code in (("tenbp", "loans.spread_format"), ("abc", "loans.spread_format"),
                      ("600bp", "loans.spread_range"), (True, "loans.spread_range")):
        err = _error(loans.parse_spread, bad)
        assert (err.field, err.code) == ("lpr_spread", code), bad


# ---------------------------------------------------------------- provident


class _NoMultiplier:
    id = "x"
    second_home_rate_multiplier = None


def test_provident_rate_column():
    assert loans.provident_rate_column(240) == "first_gt5y"
    assert loans.provident_rate_column(60) == "first_le5y"
    assert loans.provident_rate_column(61, second_home=True, policy=_NoMultiplier()) == "second_gt5y"
    # with a multiplier the first-home rate is read and multiplied (docs/rules/provident.md#provident-fund-loan-rates)
    assert loans.provident_rate_column(240, second_home=True, policy="zhengzhou-2013") == "first_gt5y"
    assert loans.provident_rate_column(240, second_home=True, policy="national-default") == "second_gt5y"
    err = _error(loans.provident_rate_column, 240, second_home=1)
    assert (err.field, err.code) == ("second_home", "flag.format")
    err = _error(loans.provident_rate_column, 0)
    assert (err.field, err.code) == ("months", "whole.range")


def test_provident_rate_from_the_catalog():
    first = loans.provident_rate(240, on="2025-06-01", policy="national-default")
    assert (first.rate, first.column, first.on, first.notes) == (0.026, "first_gt5y", dt.date(2025, 6, 1), ())
    second = loans.provident_rate(240, on=dt.date(2025, 6, 1), second_home=True, policy="national-default")
    assert second.rate == 0.03075  # docs/rules/provident.md#provident-fund-loan-rates
    # an old policy with today's rate: a note, unless the date was chosen
    today = loans.provident_rate(240, on=dt.date(2026, 1, 1), policy="zhengzhou-2013", dated=False)
    assert [n.code for n in today.notes] == ["loans.policy_stale"] and "zhengzhou-2013" in str(today.notes[0])
    assert today.to_dict()["notes"][0]["code"] == "loans.policy_stale"
    assert loans.provident_rate(240, on=dt.date(2026, 1, 1), policy="zhengzhou-2013").notes == ()
    err = _error(loans.provident_rate, 240, on="2025-13-01")
    assert err.field == "on"
    with pytest.raises(ProductNotFoundError) as info:  # an unknown id names the known ones
        loans.provident_rate(240, on="2025-06-01", policy="atlantis")
    assert info.value.field == "provident_policy" and "national-default" in info.value.hint


def test_provident_quote_resolves_policy_ids():
    by_id = loans.provident_quote(1_000_000, policy="zhengzhou-2013", annual_rate=0.045)
    assert (by_id.provident_amount, by_id.policy_id, by_id.provident_payment) == (450_000, "zhengzhou-2013", 2846.92)
    assert loans.provident_quote(1_000_000, policy=None).policy_id == "zhengzhou-2013"  # the catalog's default
    err = _error(loans.provident_quote, 1_000_000, policy="zhengzhou-2013", second_home="yes")
    assert (err.field, err.code) == ("second_home", "flag.format")
    err = _error(loans.provident_quote, 1_000_000, policy="zhengzhou-2013", buyers="family")
    assert (err.field, err.code) == ("buyers", "loans.buyers")


# ---------------------------------------------------------------- benchmark rates


def test_benchmark_columns_and_rates():
    # docs/rules/lpr.md: 2004-10-29 table 6m 5.22 %, 1y 5.58 %, 1–3y 5.76 %, 3–5y 5.85 %, >5y 6.12 %
    assert loans.benchmark_columns(6) == ("6m", "1y") and loans.benchmark_columns(61) == ("gt5y",)
    on = dt.date(2004, 12, 1)
    assert [loans.benchmark_rate(m, on) for m in (36, 60, 120)] == [0.0576, 0.0585, 0.0612]
    assert loans.benchmark_rate(36, "2026-01-01") == loans.benchmark_rate(60, "2026-01-01") == 0.0475  # one 1–5y rate
    err = _error(loans.benchmark_rate, 60, dt.date(2001, 1, 1))
    assert (err.field, err.code, err.params["first"]) == ("on", "loans.benchmark_before", "2004-10-29")
    err = _error(loans.benchmark_rate, 60.5, on)
    assert (err.field, err.code) == ("months", "whole.format")
    err = _error(loans.benchmark_rate, 60, "someday")
    assert err.field == "on"


# ---------------------------------------------------------------- terms, methods, quotes


def test_loan_term():
    assert loans.loan_term(30) == loans.loan_term(months=360) == loans.loan_term(30, 360) == 360
    assert loans.loan_term(years=2.0) == 24
    for kwargs, field, code in (({}, "years", "loans.term_missing"),
                                ({"years": 2, "months": 18}, "years", "loans.term_disagree"),
                                ({"years": 51}, "years", "whole.range"),
                                ({"months": 12.5}, "months", "whole.format"),
                                ({"years": True}, "years", "whole.format")):
        err = _error(loans.loan_term, **kwargs)
        assert (err.field, err.code) == (field, code), kwargs


def test_compare_methods_and_quoted_apr():
    both = loans.compare_methods(1_000_000, 0.049, 360)
    assert both.equal_installment.total_interest == 910615.12  # docs/rules/loans.md#equal-installment, L-1
    assert both.equal_principal.total_interest == 737041.08  # docs/rules/loans.md#equal-principal, L-7
    assert both.difference["total_interest"] == -173574.04 and both.difference["months"] == 0
    assert round(loans.quoted_apr(12_000, 12, monthly_fee_rate=0.006).apr, 4) == 0.1303  # docs/rules/apr.md, L-13
    for kwargs in ({}, {"payment": 1100, "annual_rate": 0.05}):
        err = _error(loans.quoted_apr, 12_000, 12, **kwargs)
        assert (err.field, err.code) == ("payment", "loans.apr_one_quote")


# ---------------------------------------------------------------- validation


def test_months_whole_numbers_alike_everywhere():
    assert loans.amortize(1e6, 0.049, 360.0) == loans.amortize(1e6, 0.049, 360)
    assert loans.amortize(1e6, 0.049, np.int64(360)).first_payment == 5307.27
    for call in (lambda m: loans.amortize(1e6, 0.049, m), lambda m: loans.installment_offer(12_000, m, 0.006),
                 lambda m: loans.apr(12_000, 1_072, months=m), lambda m: loans.lpr_tenor(m),
                 lambda m: loans.combined((600_000, 0.026), (1_000_000, 0.035), m)):
        with pytest.raises(InputError) as info:
            call(360.5)
        assert info.value.field.endswith("months") and info.value.code == "whole.format"
    assert loans.amortize_many([1e6], [0.049], [360.0]).first_payment.tolist() == [5307.27]
    err = _error(loans.amortize_many, [1e6], [0.049], [360.5])
    assert (err.field, err.code) == ("months", "loans.batch_months")


@pytest.mark.parametrize("args, field", [
    (([True, 1000.0], 0.05, 12), "principal"),
    ((np.array([True, False]), 0.05, 12), "principal"),
    (([1000.0], np.array([0.05 + 0j]), 12), "annual_rate"),
    (([1000.0], 0.05, [True]), "months"),
    (([1000.0], 0.05, np.array([12], dtype=bool)), "months"),
    ((1000.0, True, 12), "annual_rate"),
])
def test_amortize_many_refuses_booleans_and_complex(args, field):
    err = _error(loans.amortize_many, *args)
    assert (err.field, err.code) == (field, "loans.array_type")


def test_amortize_refuses_booleans_and_complex():
    for args, field in (((True, 0.05, 12), "principal"), ((1000, 0.05 + 0j, 12), "annual_rate"),
                        ((1000, 0.05, True), "months"), ((1000, 0.05, 12 + 0j), "months")):
        err = _error(loans.amortize, *args)
        assert err.field == field and err.code, args
    err = _error(loans.amortize_many, [1000.0], 0.05, 12, summary_only=1)
    assert (err.field, err.code) == ("summary_only", "flag.format")
    err = _error(loans.amortize_many, [1000.0], 0.05, 12, start=["someday"])
    assert (err.field, err.code) == ("start", "loans.batch_start")

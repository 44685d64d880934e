"""Each ``wealthcalc loan`` command's ``--format json`` is the library call's ``jsonable(result.to_dict())``."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from tests.support import DATA
from wealthcalc import catalog, loans
from wealthcalc.loans import Prepayment
from wealthcalc.results import jsonable


def _same(cli_data, result_dict):
    assert cli_data == json.loads(json.dumps(jsonable(result_dict)))


@pytest.mark.parametrize("extra, kwargs, shape", [
    ([], {}, {}),
    (["--schedule", "--by-year"], {}, {"schedule": True, "by_year": True}),
    (["--start", "2026-01-15", "--prepay", "12:20万:reduce", "--schedule"],
     {"start": dt.date(2026, 1, 15), "prepayments": [Prepayment(12, 200_000, "reduce")]}, {"schedule": True}),
    (["--method", "等额本金", "--by-year"], {"method": "equal_principal"}, {"schedule": False, "by_year": True}),
])
def test_loan(run_json, extra, kwargs, shape):
    data = run_json("loan", "--amount", "100万", "--rate", "4.9%", "--years", "30", *extra)
    result = loans.amortize(1_000_000, 0.049, 360, **kwargs)
    _same(data, result.to_dict(**{"schedule": False, **shape}))


def test_loan_lpr(run_json):
    data = run_json("loan", "--amount", "100万", "--years", "30", "--start", "2020-06-15", "--lpr-spread", "10bp")
    path = loans.lpr_path(360)
    rate = loans.first_lpr_rate(dt.date(2020, 6, 15), loans.parse_spread("10bp"), path)
    result = loans.amortize(1_000_000, rate, 360, start=dt.date(2020, 6, 15), lpr_path=path, lpr_spread=0.001)
    _same(data, result.to_dict(schedule=False))
    assert data["last_rate"] == result.last_rate


def test_combined(run_json):
    data = run_json("loan", "combined", "--provident", "60万", "--provident-rate", "2.6%",
                    "--commercial", "100万", "--commercial-rate", "3.5%", "--years", "30")
    _same(data, loans.combined((600_000, 0.026), (1_000_000, 0.035), 360).summary())


def test_provident(run_json):
    data = run_json("loan", "provident", "--price", "300万", "--on", "2025-06-01", "--second-home",
                    "--policy", "national-default")
    rate = loans.provident_rate(240, on=dt.date(2025, 6, 1), second_home=True, policy="national-default")
    quote = loans.provident_quote(3_000_000, policy="national-default", second_home=True,
                                  annual_rate=rate.rate, months=240)
    _same(data, {**quote.to_dict(), "rate_on": rate.on})
    given = run_json("loan", "provident", "--price", "100万", "--rate", "3.1%")
    _same(given, {**loans.provident_quote(1_000_000, policy=None, annual_rate=0.031).to_dict(), "rate_on": None})


@pytest.mark.parametrize("extra, kwargs", [
    (["--monthly-fee", "0.6%"], {"monthly_fee_rate": 0.006}),
    (["--rate", "0%", "--fee", "500"], {"annual_rate": 0.0, "fees": 500}),
    (["--payment", "1100"], {"payment": 1100}),
])
def test_apr(run_json, extra, kwargs):
    data = run_json("loan", "apr", "--amount", "12000", "--months", "12", *extra)
    _same(data, loans.quoted_apr(12_000, 12, **kwargs).to_dict())


def test_compare_methods(run_json):
    data = run_json("loan", "compare", "--amount", "100万", "--rate", "4.9%", "--years", "30")
    _same(data, loans.compare_methods(1_000_000, 0.049, 360).to_dict())


def test_compare_offers(run_json):
    data = run_json("--lang", "en", "loan", "compare", "--installment", "12000:12:0.6%",
                    "--offer", "bankA:10万:36:3000:500", "--car", "20万:60:benchmark", "--on", "2004-12-01")
    rate = loans.benchmark_rate(60, dt.date(2004, 12, 1))
    offers = [loans.installment_offer(12_000, 12, 0.006, name="card installment 12 × 0.6%/month"),
              loans.Offer("bankA", 100_000, (3000.0,) * 36, 500.0),
              loans.car_loan_offer(200_000, 60, annual_rate=rate, name="car loan 70% × 60 months benchmark 5.85%")]
    _same(data, loans.compare_offers(offers).to_dict())


def test_batch(run_json, tmp_path):
    out = tmp_path / "out.csv"
    data = run_json("loan", "batch", "--on-error", "skip", str(DATA / "loans_batch.csv"), str(out))
    again = tmp_path / "again.csv"
    summary = loans.run_book(DATA / "loans_batch.csv", again, on_error="skip")
    _same({**data, "output": str(again)}, summary.to_dict())
    assert out.read_bytes() == again.read_bytes()


def test_catalog_helpers_use_the_cli_catalog(run_json):
    # the command reads the catalog chosen with --catalog; the library defaults to the bundled one
    assert loans.lpr_path(360, catalog.load()) == loans.lpr_path(360)

"""``wealthcalc tvm``: spreadsheet-style time-value-of-money sums (货币时间价值).

``--rate`` is always the ANNUAL nominal rate (年利率); with ``--per-year 12``
(the default) the rate per period is rate/12 and ``--years 30`` means 360
periods. Amounts follow the spreadsheet sign rule: money you pay out is
negative, money you receive is positive, so a 1,000,000 loan you receive is
``--pv 100万`` and its monthly payment comes out negative::

    wealthcalc tvm pmt --rate 4.9% --years 30 --pv 100万      # -> -5,307.27 a month

A request with no answer (a payment that never repays, flows that never
change sign) exits with code 3.
"""

from __future__ import annotations

import csv
import datetime as _dt
import math
from typing import Any

import click

from ..errors import InputError, NoSolutionError
from ..money import parse_amount, round_fen
from ._output import RateType, emit, settings, summary_table, words


# the CSV headers a flows file may use (English or Chinese)
_DATE_HEADERS = ("date", "日期")
_AMOUNT_HEADERS = ("amount", "金额", "flow", "cash_flow")

_SIGN_HELP = "Sign rule: money paid out is negative, money received positive."


class SignedAmountType(click.ParamType):
    """Yuan with a sign: -5000, 100,000, 10万, -1.5万, ¥5,000."""

    name = "amount"

    def convert(self, value: Any, param, ctx):
        if not isinstance(value, str):
            return value
        try:
            return _signed_amount(value, param.name if param is not None else "amount")
        except InputError as error:
            self.fail(f"{value!r}: {error.shown_hint(settings().lang)}", param, ctx)


class _Term(click.FloatRange):
    """A term above 0 and at most ``high``; refuses nan, which passes a plain FloatRange."""

    def __init__(self, high: float) -> None:
        super().__init__(0, high, min_open=True)

    def convert(self, value: Any, param, ctx):
        number = super().convert(value, param, ctx)
        if math.isnan(number):
            self.fail(f"{value!r}: " + words("tvm.cli.term_number"), param, ctx)
        return number


SIGNED_AMOUNT = SignedAmountType()
SIGNED_RATE = RateType(allow_negative=True, max_rate=None)  # any rate a spreadsheet takes


def _signed_amount(text: str, field: str) -> float:
    body = text.strip()
    sign = 1.0
    if body[:1] in ("-", "−", "－"):
        sign, body = -1.0, body[1:]
    elif body[:1] == "+":
        body = body[1:]
    try:
        return sign * parse_amount(body, field=field) + 0.0
    except InputError as error:
        # keep a size or decimals hint; otherwise say how a signed amount is written
        if error.code in ("amount.below_fen", "amount.below_fen_min", "amount.too_large"):
            raise InputError(field, text, code=error.code, params=error.params) from None
        raise InputError(field, text, code="tvm.cli.signed_amount") from None


def _periods(years: float | None, periods: float | None, per_year: int) -> float:
    if years is None and periods is None:
        raise click.UsageError(words("tvm.cli.term_missing"))
    if years is not None and periods is not None and not math.isclose(years * per_year, periods):
        raise click.UsageError(words("tvm.cli.term_disagree"))
    if periods is not None:
        return float(periods)
    assert years is not None  # one of the two was given (checked above)
    return float(years * per_year)


def _periodic(annual_rate: float, per_year: int) -> float:
    """The rate per period, refused at or below -100% (every yuan lost each period)."""
    rate = annual_rate / per_year
    if rate <= -1:
        raise InputError("rate", f"{annual_rate:.2%}", code="tvm.cli.periodic_rate", params={"per_year": per_year})
    return rate


def _emit(data: dict[str, Any]) -> None:
    s = settings()
    for key in ("periods", "years"):
        if isinstance(data.get(key), float) and data[key].is_integer():
            data[key] = int(data[key])
    shown = s.output_format == "table"  # csv keeps the English value, as json does
    pairs = [(k, s.label(v) if k == "when" and shown else v) for k, v in data.items()]
    emit(data, [summary_table(pairs, title="tvm")])


def _annuity(target: str, annual_rate: float, per_year: int, years, periods, when: str,
             **amounts: float) -> None:
    """Solve for ``target`` (pmt, fv or pv) given the two other amounts, in
    the library's argument order, and print the inputs with the answer."""
    from .. import tvm as lib

    n = _periods(years, periods, per_year)
    i = _periodic(annual_rate, per_year)
    value = float(getattr(lib, target)(i, n, *amounts.values(), when))
    _emit({"annual_rate": annual_rate, "per_year": per_year, "periods": n, "periodic_rate": i,
           **amounts, "when": when, target: round_fen(value)})


# common options
_rate = click.option("--rate", "annual_rate", type=SIGNED_RATE, required=True,
                     help="ANNUAL nominal rate (年利率), e.g. 4.9% or 0.049; divided by --per-year.")
_per_year = click.option("--per-year", type=click.IntRange(1, 366), default=12, show_default=True,
                         help="Periods (payments) per year (每年期数): 12 monthly, 4 quarterly, 1 yearly.")
_years = click.option("--years", type=_Term(200),
                      help="Term in years (年数); periods = years × per-year.")
_nper = click.option("--periods", "--nper", "periods", type=_Term(100_000),
                     help="Term in periods (总期数, a spreadsheet's NPER), instead of --years.")
_when = click.option("--when", type=click.Choice(["end", "begin"]), default="end", show_default=True,
                     help="Payments at the end (期末, e.g. loans) or beginning (期初, e.g. savings) of each period.")


def _amount(name: str, zh: str, default: Any = None, required: bool = False):
    return click.option(f"--{name}", type=SIGNED_AMOUNT, default=default, required=required,
                        show_default=default is not None,
                        help=f"{zh} in yuan, e.g. 100万 or -5000. {_SIGN_HELP}")


@click.group("tvm")
def tvm() -> None:
    """货币时间价值 Time value of money: pmt, fv, pv, nper, rate, cumipmt, npv, irr, xirr, effect, ...

    Same sums as a spreadsheet's PMT/FV/PV/NPER/RATE/NPV/IRR/XIRR/EFFECT/NOMINAL. --rate is the
    ANNUAL rate and --per-year the periods per year (default 12; 1 for npv). Money paid
    out is negative, money received positive. Results in yuan are rounded to
    the fen.
    """


@tvm.command("pmt")
@_rate
@_per_year
@_years
@_nper
@_amount("pv", "Present value / loan received (现值, 贷款额)", required=True)
@_amount("fv", "Future value left at the end (终值)", default="0")
@_when
def pmt_cmd(annual_rate, per_year, years, periods, pv, fv, when):
    """Payment per period (每期付款/月供), like PMT.

    \b
    Example: a 1,000,000 loan at 4.9% over 30 years, monthly:
      wealthcalc tvm pmt --rate 4.9% --years 30 --pv 100万    -> -5,307.27
    """
    _annuity("pmt", annual_rate, per_year, years, periods, when, pv=pv, fv=fv)


@tvm.command("fv")
@_rate
@_per_year
@_years
@_nper
@_amount("pmt", "Payment each period (每期付款)", default="0")
@_amount("pv", "Present value / amount put in now (现值)", default="0")
@_when
def fv_cmd(annual_rate, per_year, years, periods, pmt, pv, when):
    """Future value (终值), like FV.

    \b
    Example: saving 1,000 a month for 10 years at 3%:
      wealthcalc tvm fv --rate 3% --years 10 --pmt -1000    -> 139,741.42
    """
    _annuity("fv", annual_rate, per_year, years, periods, when, pmt=pmt, pv=pv)


@tvm.command("pv")
@_rate
@_per_year
@_years
@_nper
@_amount("pmt", "Payment each period (每期付款)", default="0")
@_amount("fv", "Future value wanted (终值)", default="0")
@_when
def pv_cmd(annual_rate, per_year, years, periods, pmt, fv, when):
    """Present value (现值), like PV.

    \b
    Example: what loan does 5,000 a month repay over 30 years at 4.9%?
      wealthcalc tvm pv --rate 4.9% --years 30 --pmt -5000   -> 942,104.44
    """
    _annuity("pv", annual_rate, per_year, years, periods, when, pmt=pmt, fv=fv)


@tvm.command("nper")
@_rate
@_per_year
@_amount("pmt", "Payment each period (每期付款)", required=True)
@_amount("pv", "Present value / loan received (现值)", default="0")
@_amount("fv", "Future value wanted (终值)", default="0")
@_when
def nper_cmd(annual_rate, per_year, pmt, pv, fv, when):
    """Number of periods (期数), like NPER.

    \b
    Example: paying 150 a month on an 8,000 loan at 7%:
      wealthcalc tvm nper --rate 7% --pmt -150 --pv 8000     -> 64.07 periods
    """
    from .. import tvm as lib

    i = _periodic(annual_rate, per_year)
    n = float(lib.nper(i, pmt, pv, fv, when))
    if not math.isfinite(n) or n < 0:
        raise NoSolutionError(
            "pmt", pmt,
            code="tvm.cli.no_nper",
        )
    _emit({"annual_rate": annual_rate, "per_year": per_year, "pmt": pmt, "pv": pv, "fv": fv,
           "when": when, "periods": n, "years": n / per_year})


@tvm.command("rate")
@_per_year
@_years
@_nper
@_amount("pmt", "Payment each period (每期付款)", default="0")
@_amount("pv", "Present value / loan received (现值)", default="0")
@_amount("fv", "Future value (终值)", default="0")
@_when
@click.option("--guess", type=SIGNED_RATE, default=None,
              help="ANNUAL rate to start from, e.g. 10%; also picks among several answers.")
def rate_cmd(per_year, years, periods, pmt, pv, fv, when, guess):
    """Interest rate (利率), like RATE: per period, annual and effective.

    \b
    Example: 8,000 repaid 200 a month for 4 years:
      wealthcalc tvm rate --years 4 --pmt -200 --pv 8000     -> 9.24% a year
    """
    from .. import tvm as lib

    n = _periods(years, periods, per_year)
    i = float(lib.rate(n, pmt, pv, fv, when, guess=None if guess is None else guess / per_year))
    if not math.isfinite(i):
        raise NoSolutionError(
            "pmt", pmt, code="tvm.cli.no_rate",
        )
    _emit({"per_year": per_year, "periods": n, "pmt": pmt, "pv": pv, "fv": fv, "when": when,
           "periodic_rate": i, "annual_rate": i * per_year,
           "effective_rate": float(lib.effect(i * per_year, per_year)) if i > -1 else math.nan})


def _cumulative(target: str, annual_rate, per_year, years, periods, pv, start, end, when) -> None:
    """Interest or principal (``target``: cumipmt or cumprinc) over payments start..end."""
    from .. import tvm as lib

    n = _periods(years, periods, per_year)
    i = _periodic(annual_rate, per_year)
    if not (i > 0 and pv > 0):
        raise InputError("rate" if not i > 0 else "pv", f"{annual_rate:.2%}" if not i > 0 else pv,
                         code="tvm.cli.cumulative_inputs")
    if not start <= end <= math.trunc(n):
        raise InputError("end", end, code="tvm.cli.period_span", params={"periods": math.trunc(n)})
    value = float(getattr(lib, target)(i, n, pv, start, end, when))
    _emit({"annual_rate": annual_rate, "per_year": per_year, "periods": n, "periodic_rate": i, "pv": pv,
           "start_period": start, "end_period": end, "when": when, target: round_fen(value)})


_start = click.option("--start", type=click.IntRange(1), required=True,
                      help="First payment counted (起始期), 1 for the first; with --per-year 12, 25 is month 25.")
_end = click.option("--end", type=click.IntRange(1), required=True,
                    help="Last payment counted (结束期), included.")


@tvm.command("cumipmt")
@_rate
@_per_year
@_years
@_nper
@_amount("pv", "Loan received (贷款额)", required=True)
@_start
@_end
@_when
def cumipmt_cmd(annual_rate, per_year, years, periods, pv, start, end, when):
    """Interest paid between two payments (累计利息), like CUMIPMT.

    \b
    Example: interest in years 3 to 5 of a 1,000,000 loan at 4.9% over 30 years:
      wealthcalc tvm cumipmt --rate 4.9% --years 30 --pv 100万 --start 25 --end 60   -> -138,834.69
    """
    _cumulative("cumipmt", annual_rate, per_year, years, periods, pv, start, end, when)


@tvm.command("cumprinc")
@_rate
@_per_year
@_years
@_nper
@_amount("pv", "Loan received (贷款额)", required=True)
@_start
@_end
@_when
def cumprinc_cmd(annual_rate, per_year, years, periods, pv, start, end, when):
    """Principal repaid between two payments (累计本金), like CUMPRINC.

    \b
    Example: principal repaid in years 3 to 5 of a 1,000,000 loan at 4.9% over 30 years:
      wealthcalc tvm cumprinc --rate 4.9% --years 30 --pv 100万 --start 25 --end 60   -> -52,226.93
    """
    _cumulative("cumprinc", annual_rate, per_year, years, periods, pv, start, end, when)


def _read_csv(path: str, dated: bool) -> tuple[list[str], list[float]]:
    """Dates (if ``dated``) and amounts from a CSV file; a header row is optional.

    Columns: ``date,amount`` (or 日期,金额), or ``amount`` alone for irr.
    """
    dates: list[str] = []
    amounts: list[float] = []
    try:
        with open(path, newline="", encoding="utf-8-sig") as handle:
            rows = [(n, r) for n, r in enumerate(csv.reader(handle), 1)
                    if r and any(c.strip() for c in r) and not r[0].lstrip().startswith("#")]
    except OSError as error:
        raise InputError("file", path, code="tvm.cli.unreadable", params={"reason": error.strerror}) from None
    date_col, amount_col = (0, 1) if dated else (None, 0)
    if rows:
        header = [c.strip().lower() for c in rows[0][1]]
        names_date, names_amount = _DATE_HEADERS, _AMOUNT_HEADERS
        if any(h in names_amount for h in header):
            amount_col = next(k for k, h in enumerate(header) if h in names_amount)
            if dated:
                date_col = next((k for k, h in enumerate(header) if h in names_date), None)
                if date_col is None:
                    raise InputError("file", path, code="tvm.cli.no_date_column")
            rows = rows[1:]
    for line, row in rows:
        where = f"{path}:{line}"
        try:
            amounts.append(_signed_amount(row[amount_col], "file"))
            if dated and date_col is not None:
                dates.append(row[date_col].strip())
        except (IndexError, InputError):
            raise InputError("file", where, code="tvm.cli.row_dated" if dated else "tvm.cli.row_amount") from None
    if not amounts:
        raise InputError("file", path, code="tvm.cli.no_flows")
    return dates, amounts


@tvm.command("irr")
@click.option("--flow", "flows", type=SIGNED_AMOUNT, multiple=True,
              help="A cash flow per period, in order, repeatable: --flow -1000 --flow 300 ... "
                   + _SIGN_HELP)
@click.option("--file", "path", type=click.Path(dir_okay=False),
              help="CSV with one amount per line (optional header 'amount').")
@click.option("--per-year", type=click.IntRange(1, 366), default=None,
              help="Periods per year, to also show the annualized (effective) IRR.")
@click.option("--guess", type=SIGNED_RATE, default=None,
              help="Rate PER PERIOD to pick among several answers: the root nearest it (default: the smallest "
                   "non-negative root, else the nearest below 0, as numpy-financial chooses).")
def irr_cmd(flows, path, per_year, guess):
    """Internal rate of return per period (内部收益率), like IRR.

    \b
    Example: pay 100 now, receive 39, 59, 55, 20 over four years:
      wealthcalc tvm irr --flow -100 --flow 39 --flow 59 --flow 55 --flow 20   -> 28.09%
    """
    from .. import tvm as lib

    values = _flow_values(flows, path)
    r = float(lib.irr(values, guess))
    if not math.isfinite(r):
        raise _no_root(values)
    data = {**_totals(values), "irr": r}
    if per_year:
        data["per_year"] = per_year
        data["annual_irr"] = (1 + r) ** per_year - 1
    _emit(data)


@tvm.command("npv")
@_rate
@click.option("--per-year", type=click.IntRange(1, 366), default=1, show_default=True,
              help="Periods per year of the flows (每年期数): 1 for yearly flows, 12 for monthly.")
@click.option("--flow", "flows", type=SIGNED_AMOUNT, multiple=True,
              help="A cash flow per period, in order, the first one now (not discounted), "
                   "repeatable: --flow -40000 --flow 5000 ... " + _SIGN_HELP)
@click.option("--file", "path", type=click.Path(dir_okay=False),
              help="CSV with one amount per line (optional header 'amount').")
def npv_cmd(annual_rate, per_year, flows, path):
    """Net present value (净现值) of flows one period apart.

    The first flow is now and is not discounted (numpy-financial's npv; a
    spreadsheet's NPV discounts it one period). --rate is annual, divided by
    --per-year (default 1: yearly flows).

    \b
    Example: pay 40,000 now, receive 5,000, 8,000, 12,000 and 30,000 over four years, at 8%:
      wealthcalc tvm npv --rate 8% --flow -40000 --flow 5000 --flow 8000 --flow 12000 --flow 30000
      -> 3,065.22
    """
    from .. import tvm as lib

    values = _flow_values(flows, path)
    i = _periodic(annual_rate, per_year)
    _emit({"annual_rate": annual_rate, "per_year": per_year, "periodic_rate": i, **_totals(values),
           "npv": round_fen(float(lib.npv(i, values)))})


_compounding = click.option("--per-year", type=click.IntRange(1, 366), default=12, show_default=True,
                            help="Compounding periods per year (每年复利次数): 12 monthly, 4 quarterly, "
                                 "365 daily.")


@tvm.command("effect")
@click.option("--rate", "annual_rate", type=SIGNED_RATE, required=True,
              help="NOMINAL annual rate (名义年利率), e.g. 5.25% or 0.0525.")
@_compounding
def effect_cmd(annual_rate, per_year):
    """Effective annual rate (实际年利率) of a nominal rate, like EFFECT.

    \b
    Example: 5.25% a year compounded quarterly:
      wealthcalc tvm effect --rate 5.25% --per-year 4      -> 5.3543%
    """
    from .. import tvm as lib

    i = _periodic(annual_rate, per_year)
    _emit({"nominal_rate": annual_rate, "per_year": per_year, "periodic_rate": i,
           "effective_rate": float(lib.effect(annual_rate, per_year))})


@tvm.command("nominal")
@click.option("--rate", "annual_rate", type=SIGNED_RATE, required=True,
              help="EFFECTIVE annual rate (实际年利率), e.g. 5.3543% or 0.053543.")
@_compounding
def nominal_cmd(annual_rate, per_year):
    """Nominal annual rate (名义年利率) of an effective rate, like NOMINAL.

    \b
    Example: compounded quarterly, which nominal rate gives 5.3543% a year?
      wealthcalc tvm nominal --rate 5.3543% --per-year 4   -> 5.25%
    """
    from .. import tvm as lib

    if annual_rate <= -1:
        raise InputError("rate", f"{annual_rate:.2%}", code="tvm.cli.effect_range")
    nominal = float(lib.nominal(annual_rate, per_year))
    _emit({"effective_rate": annual_rate, "per_year": per_year, "periodic_rate": nominal / per_year,
           "nominal_rate": nominal})


def _no_root(amounts: list[float], dates: list[_dt.date] | None = None) -> NoSolutionError:
    """The error for flows no rate balances, saying why (:func:`wealthcalc.tvm.no_root_reason`)."""
    from .. import tvm as lib

    shown = amounts if len(amounts) <= 8 else f"{len(amounts)} flows"  # keep the error one short line
    return NoSolutionError("flows", shown, code=lib.no_root_reason(amounts, dates))


def _totals(amounts: list[float]) -> dict[str, Any]:
    """How many flows, and the money paid out and received (both positive)."""
    return {"flows": len(amounts), "total_out": -sum(a for a in amounts if a < 0),
            "total_in": sum(a for a in amounts if a > 0)}


def _flow_values(flows, path) -> list[float]:
    if bool(flows) == bool(path):
        raise click.UsageError(words("tvm.cli.flows_one_source"))
    return list(flows) if flows else _read_csv(path, dated=False)[1]


def _parse_dated_flow(spec: str) -> tuple[str, float]:
    date, sep, amount = spec.strip().partition(":")
    if not sep:
        raise InputError("flow", spec, code="tvm.cli.dated_flow")
    return date.strip(), _signed_amount(amount, "flow")


@tvm.command("xirr")
@click.option("--flow", "flows", multiple=True, metavar="DATE:AMOUNT",
              help="A dated cash flow, repeatable: --flow 2024-01-08:-1000 --flow 2025-01-08:1100. "
                   + _SIGN_HELP)
@click.option("--file", "path", type=click.Path(dir_okay=False),
              help="CSV with date,amount rows (optional header 'date,amount'; dates YYYY-MM-DD).")
@click.option("--day-count", type=click.Choice(["act/365", "act/360", "30/360", "act/act"]),
              default="act/365", show_default=True,
              help="Year fraction between dates (计息基准); act/365 is the spreadsheet XIRR's.")
@click.option("--guess", type=SIGNED_RATE, default=None,
              help="Starting annual rate; picks among several answers (default 10%).")
def xirr_cmd(flows, path, day_count, guess):
    """Annualized return of dated cash flows (年化收益率), like XIRR.

    \b
    Example: 1,000 in on 2024-01-08, 1,100 back a year later:
      wealthcalc tvm xirr --flow 2024-01-08:-1000 --flow 2025-01-08:1100   -> 9.97%
    """
    from .. import tvm as lib

    if bool(flows) == bool(path):
        raise click.UsageError(words("tvm.cli.dated_flows_one_source"))
    if flows:
        pairs = [_parse_dated_flow(f) for f in flows]
        dates, amounts = [d for d, _ in pairs], [a for _, a in pairs]
    else:
        dates, amounts = _read_csv(path, dated=True)
    from ..dates import to_date

    parsed = [to_date(d, "flow" if flows else "file") for d in dates]
    r = lib.xirr(parsed, amounts, guess, day_count=day_count)
    if not math.isfinite(r):
        raise _no_root(amounts, parsed)
    totals = _totals(amounts)
    _emit({"flows": totals.pop("flows"), "first_date": min(parsed), "last_date": max(parsed), **totals,
           "net": round_fen(sum(amounts)), "day_count": day_count, "xirr": r})

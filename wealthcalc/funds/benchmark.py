"""The same contributions in a bank deposit instead of the fund (零存整取 / 整存整取).

:func:`deposit_benchmark` values any dated contributions in a deposit;
:func:`plan_deposit_benchmark` does it for a back-test, taking the rate from a
catalog rate table for the term the plan spans (:func:`deposit_term_months`,
:func:`deposit_rate_for`) unless a rate is given.

>>> import datetime
>>> deposit_term_months(datetime.date(2024, 1, 8), datetime.date(2025, 1, 8))
12
"""

from __future__ import annotations

import dataclasses
import datetime as _dt
import enum
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Sequence

import numpy as np
from numpy.typing import ArrayLike, NDArray

from .. import _validate as check
from .._validate import DateLike
from ..errors import InputError
from ..money import round_fen
from ..results import Note, fields_dict
from .dca import DcaBacktest, _xirr_single
from .fees import _number

if TYPE_CHECKING:
    from ..catalog import Catalog, RateTable

__all__ = ["DepositBenchmark", "DepositKind", "deposit_benchmark", "deposit_rate_for", "deposit_term_months",
           "plan_deposit_benchmark"]

DAYS_PER_MONTH = 30.4375
"""Average days a month (365.25 / 12): turns a plan's span into the deposit term it matches."""


class DepositKind(str, enum.Enum):
    """零存整取 (installment savings) or 整存整取 (a fixed deposit per contribution)."""

    INSTALLMENT = "installment"
    FIXED = "fixed"


@dataclass(frozen=True, slots=True)
class DepositBenchmark:
    """The same contributions put in a bank deposit instead of the fund."""

    kind: str
    annual_rate: float
    invested: float
    interest: float
    tax: float
    final_value: float
    profit: float
    holding_return: float
    xirr: float
    value_date: _dt.date
    rate_source: str = ""

    headers = ("kind", "annual_rate", "invested", "interest", "tax", "final_value", "profit",
               "holding_return", "xirr")

    def rows(self) -> list[list[Any]]:
        """One row, as in :attr:`headers`."""
        return [[getattr(self, h) for h in self.headers]]

    def to_dict(self) -> dict[str, Any]:
        """The fields, JSON-ready."""
        return fields_dict(self)


def _days_360(a: NDArray, b: np.datetime64) -> NDArray:
    """Days from each of ``a`` to ``b``, every month 30 days (算头不算尾, docs/rules/rounding.md#deposit-day-count)."""
    from ..tvm import year_fractions

    return np.array([round(year_fractions([d, b], "30/360", start=d)[1] * 360) for d in a], dtype=np.int64)


def deposit_benchmark(
    dates: Sequence[DateLike] | NDArray[np.datetime64],
    amounts: ArrayLike,
    value_date: DateLike,
    *,
    annual_rate: float,
    kind: str = "installment",
    tax: bool = True,
) -> DepositBenchmark:
    """Put a plan's contributions in a bank deposit instead: what would they be worth?

    Parameters
    ----------
    dates, amounts : the plan's debits (e.g. ``bt.dealt_dates``, ``bt.amounts``).
    value_date : when to value the deposits (the plan's ``value_date``).
    annual_rate : the deposit rate (a rate table's 零存整取 or 整存整取 rate).
    kind : 'installment' (零存整取: each contribution earns the rate for its
        days, every month 30 days — the 月积数 method generalised to uneven
        dates and amounts) or 'fixed' (整存整取: each contribution in a fixed
        deposit for the whole months until ``value_date``; odd days earn
        nothing).
    tax : deduct the savings-interest tax of the periods the interest
        accrued in (docs/rules/tax.md, :func:`wealthcalc.deposits.interest_tax`).

    Notes
    -----
    For equal monthly contributions valued one month after the last, the
    'installment' interest equals :func:`wealthcalc.deposits.installment_interest`
    (``monthly × n(n+1)/2 × rate / 12``). 'fixed' uses
    :func:`wealthcalc.deposits.fixed_maturity_value` per contribution.

    Examples
    --------
    12 monthly 1,000 yuan into 零存整取 at 1.71 % (D-12):

    >>> days = [_dt.date(2024, m, 8) for m in range(1, 13)]
    >>> d = deposit_benchmark(days, [1000] * 12, "2025-01-08", annual_rate=0.0171)
    >>> d.interest, d.final_value
    (111.15, 12111.15)
    """
    from .. import deposits

    if isinstance(dates, (str, bytes)) or not hasattr(dates, "__iter__"):
        raise InputError("dates", dates, code="funds.amounts")
    when = np.array([np.datetime64(check.date(d, "dates"), "D") for d in dates], dtype="datetime64[D]")
    try:
        amt = np.asarray(amounts, dtype=np.float64)
    except (TypeError, ValueError):
        raise InputError("amounts", amounts, code="funds.amounts") from None
    if amt.shape != when.shape or amt.size == 0 or not np.all(np.isfinite(amt)) or (amt <= 0).any():
        raise InputError("amounts", amounts, code="funds.amounts")
    value = np.datetime64(check.date(value_date, "value_date"), "D")
    if (when > value).any():
        raise InputError("value_date", str(value), code="funds.value_before_last", params={"last": str(when.max())})
    rate = _number(annual_rate, "annual_rate", 0.0, 0.5, "funds.deposit_rate")
    kind = check.choice(kind, "kind", DepositKind).value
    check.flag(tax, "tax")
    days = _days_360(when, value)
    if kind == "installment":
        interest = float(round_fen((amt * days).sum() * rate / 360.0))
    else:
        months = days // 30
        grown = sum(float(deposits.fixed_maturity_value(a, rate, int(m))) if m > 0 else float(a)
                    for a, m in zip(amt, months))
        interest = float(round_fen(grown - amt.sum()))
    first = when.min().astype(_dt.date)
    value_d = value.astype(_dt.date)
    tax_amount = float(deposits.interest_tax(interest, first, value_d)) if tax and interest > 0 else 0.0
    invested = float(round_fen(amt.sum()))
    final = float(round_fen(invested + interest - tax_amount))
    notes: list[Note] = []
    flows_d = np.concatenate([when, [value]])
    flows_a = np.concatenate([-amt, [final]])
    profit = float(round_fen(final - invested))
    return DepositBenchmark(kind, rate, invested, interest, tax_amount, final, profit, profit / invested,
                            _xirr_single(flows_d, flows_a, notes), value_d)


def deposit_term_months(first_date: check.DateLike, value_date: check.DateLike) -> int:
    """The deposit term, in whole months (at least 1), that a plan from ``first_date`` to
    ``value_date`` spans: the days divided by :data:`DAYS_PER_MONTH`, rounded.

    >>> deposit_term_months("2024-01-08", "2024-04-20"), deposit_term_months("2024-01-08", "2024-01-09")
    (3, 1)
    """
    first, value = check.date(first_date, "first_date"), check.date(value_date, "value_date")
    if value < first:
        raise InputError("value_date", value, code="funds.value_before_start", params={"start": first.isoformat()})
    return max(1, round((value - first).days / DAYS_PER_MONTH))


def deposit_rate_for(
    months: int,
    kind: DepositKind | str = DepositKind.INSTALLMENT,
    rate_table: RateTable | str | None = None,
    catalog: Catalog | None = None,
) -> tuple[float, str]:
    """The deposit rate a rate table lists for a plan of ``months``: its shortest term of at
    least ``months`` (the longest it has when none is that long).

    Parameters
    ----------
    months : the plan's term in months (:func:`deposit_term_months`).
    kind : 'installment' (零存整取) or 'fixed' (整存整取).
    rate_table : a :class:`~wealthcalc.catalog.RateTable` or its id; None: the catalog's default
        (:func:`wealthcalc.catalog.resolve_rate_table`).
    catalog : where to look an id up (default: the bundled catalog).

    Returns
    -------
    (rate, source): the annual rate and where it comes from, "<table id> <kind> <term>m".

    Raises
    ------
    InputError
        for a table that lists no rates of ``kind``.

    Examples
    --------
    >>> deposit_rate_for(12, "installment", "pboc-2015-10-24")
    (0.011, 'pboc-2015-10-24 installment 12m')
    >>> deposit_rate_for(120, "fixed", "pboc-2015-10-24")[1]  # no 10-year term: the longest
    'pboc-2015-10-24 fixed 36m'
    """
    from ..catalog import resolve_rate_table

    months = check.whole(months, "months", low=1, high=1200)
    kind = check.choice(kind, "kind", DepositKind)
    table = resolve_rate_table(rate_table, catalog)
    lines = dict(getattr(table, kind.value))
    if not lines:
        from ..i18n import label

        raise InputError("rate_table", table.id, code="funds.no_deposit_rates",
                         params={"kind": kind.value, "kind_zh": label(f"dca_{kind.value}", "zh")})
    term = min((m for m in lines if m >= months), default=max(lines))
    return float(lines[term]), f"{table.id} {kind.value} {term}m"


def plan_deposit_benchmark(
    backtest: DcaBacktest,
    *,
    kind: DepositKind | str = DepositKind.INSTALLMENT,
    annual_rate: check.RateLike | None = None,
    rate_table: RateTable | str | None = None,
    catalog: Catalog | None = None,
    tax: bool = True,
) -> DepositBenchmark:
    """A back-test's debits (same dates, same money) in a bank deposit, valued on its valuation date.

    The rate is ``annual_rate`` when given (its ``rate_source`` then says "annual_rate"), else
    the rate table's rate for the term the plan spans (:func:`deposit_term_months`,
    :func:`deposit_rate_for`). ``rate_table`` goes with a looked-up rate only.

    Examples
    --------
    >>> from wealthcalc.funds import simulate, synthetic_nav
    >>> bt = simulate(synthetic_nav(days=300, annual_drift=0.0, volatility=0.0), 1000, fee_rate=0.0)
    >>> d = plan_deposit_benchmark(bt, annual_rate=0.0135)
    >>> d.invested, d.rate_source
    (14000.0, 'annual_rate')
    """
    if not isinstance(backtest, DcaBacktest):
        raise InputError("backtest", type(backtest).__name__, code="funds.backtest_type")
    kind = check.choice(kind, "kind", DepositKind)
    if annual_rate is None:
        months = deposit_term_months(backtest.first_date, backtest.value_date)
        rate, source = deposit_rate_for(months, kind, rate_table, catalog)
    else:
        if rate_table is not None:
            raise InputError("rate_table", rate_table, code="funds.rate_or_table")
        rate, source = check.rate(annual_rate, "annual_rate", maximum=0.5), "annual_rate"
    bench = deposit_benchmark(backtest.dealt_dates, backtest.amounts, backtest.value_date, annual_rate=rate,
                              kind=kind.value, tax=tax)
    return dataclasses.replace(bench, rate_source=source)

"""The same contributions in a bank deposit instead of the fund (零存整取 / 整存整取)."""

from __future__ import annotations

import datetime as _dt
import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Sequence

import numpy as np
from numpy.typing import ArrayLike, NDArray

from ..dates import to_date
from ..errors import InputError
from ..money import round_fen
from .dca import _bool, _xirr_single
from .fees import _number
from .navdata import Note

__all__ = ["DepositBenchmark", "deposit_benchmark"]

# ---------------------------------------------------------------- deposit benchmark


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

    headers = ("kind", "annual_rate", "invested", "interest", "tax", "final_value", "profit",
               "holding_return", "xirr")

    def rows(self) -> list[list]:
        return [[getattr(self, h) for h in self.headers]]

    def to_dict(self) -> dict:
        out = {h: getattr(self, h) for h in self.headers}
        out["value_date"] = self.value_date.isoformat()
        return out


def _days_360(a: NDArray, b: np.datetime64) -> NDArray:
    """Days from each of ``a`` to ``b``, every month 30 days (算头不算尾, rules §1.2)."""
    from ..tvm import year_fractions

    return np.array([round(year_fractions([d, b], "30/360", start=d)[1] * 360) for d in a], dtype=np.int64)


def deposit_benchmark(
    dates: Sequence[_dt.date] | NDArray,
    amounts: ArrayLike,
    value_date: _dt.date | str,
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
        accrued in (rules §4, :func:`wealthcalc.deposits.interest_tax`).

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

    when = np.array([np.datetime64(to_date(d, "dates"), "D") for d in dates], dtype="datetime64[D]")
    amt = np.asarray(amounts, dtype=np.float64)
    if amt.shape != when.shape or amt.size == 0 or not np.all(np.isfinite(amt)) or (amt <= 0).any():
        raise InputError("amounts", amounts, "one positive amount per date",
                         hint_zh="每个日期对应一笔大于零的金额")
    value = np.datetime64(to_date(value_date, "value_date"), "D")
    if (when > value).any():
        raise InputError("value_date", str(value), f"must not be before the last contribution ({when.max()})",
                         hint_zh=f"估值日不能早于最后一次存入（{when.max()}）")
    rate = _number(annual_rate, "annual_rate", 0.0, 0.5, "a fraction: 0.0171 for 1.71%",
                   hint_zh="年利率用小数表示：1.71% 写作 0.0171")
    if kind not in ("installment", "fixed"):
        raise InputError("kind", kind, "'installment' (零存整取) or 'fixed' (整存整取)",
                         hint_zh="存款方式请选 'installment'（零存整取）或 'fixed'（整存整取）")
    _bool(tax, "tax")
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

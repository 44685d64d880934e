"""The planning model: the legs a pot may take (moves), one request's context, and growth.

A leg pays ``round(v × rate × t/12)`` at maturity, taxed ``round(interest × τ)``,
or taxed by the dates of the interest (see the package notes).
"""

from __future__ import annotations

import datetime as _dt
import math
from dataclasses import dataclass, field
from typing import Any, Sequence

import numpy as np

from ..dates import add_months
from ..deposits import TAX_PERIODS, fixed_maturity_fen, installment_interest, interest_tax_fen
from ..money import round_fen

@dataclass(frozen=True, slots=True)
class _Move:
    """A leg a pot may take: ``months`` occupied, contract ``term`` in months."""

    product: str
    months: int
    term: int
    rate: float
    minimum: float
    rate2: float = 0.0  # 存本取息→零存整取: the 零存整取 rate


@dataclass
class _Ctx:
    """Everything a leg's value depends on, fixed for one request."""

    moves: list[_Move]
    demand: _Move | None
    installment: dict[int, float]
    installment_min: float
    rule_installment: dict[int, float]  # the table's 零存整取 rates, for the one-account reference
    demand_rate: float
    tax_rate: float
    tax_by_date: bool
    start_date: _dt.date | None
    by_date_asked: bool = False  # dated tax asked for (it may be nil from the start date on)
    _dates: dict = field(default_factory=dict)
    _grown: dict = field(default_factory=dict)  # _grow1's results
    _untaxed: int | None = None  # see untaxed_from

    def date(self, month: int) -> _dt.date | None:
        if self.start_date is None:
            return None
        if month not in self._dates:
            self._dates[month] = add_months(self.start_date, month)
        return self._dates[month]

    def day(self, month: int) -> _dt.date:
        """The date of ``month`` where a start date is required (dated tax)."""
        day = self.date(month)
        if day is None:  # pragma: no cover - _context refuses dated tax without a start date
            raise AssertionError("dated tax without a start date")
        return day

    def untaxed_from(self) -> int:
        """The first month from which no interest is taxed (docs/rules/tax.md: from 2008-10-09)."""
        if self._untaxed is None:
            last_day, last_rate = TAX_PERIODS[-1]
            m = 0
            while last_rate == 0 and self.day(m) < last_day and m < 12 * 200:
                m += 1
            self._untaxed = m if last_rate == 0 else 10**9
        return self._untaxed

    def tax_fen(self, interest: Any, start: int, end: int) -> Any:
        """Interest tax (fen) on interest amounts (whole fen) of a leg from month start to end."""
        if self.tax_by_date:
            if start >= self.untaxed_from():  # every day after the last tax change: no tax
                return interest * 0
            return interest_tax_fen(interest, self.day(start), self.day(end))
        # a 1-year deposit at 100 % earns exactly its amount: its tax is round(interest × τ)
        return fixed_maturity_fen(interest, 1.0, 12, self.tax_rate)[2]


def _fen(v: Any) -> np.ndarray:
    """Yuan (fen-exact floats) as whole fen."""
    return np.rint(np.asarray(v, dtype=np.float64) * 100).astype(np.int64)


def _yuan(fen: Any) -> np.ndarray:
    return np.asarray(fen, dtype=np.float64) / 100


def _grow_fen(ctx: _Ctx, mv: _Move, fen: np.ndarray, start: int) -> tuple[Any, Any, Any]:
    """(value, interest, tax) in fen of a plain leg (docs/rules/plans.md#growth-of-a-deposit, or taxed by docs/rules/tax.md dates)."""
    if ctx.tax_by_date:
        _, interest, _ = fixed_maturity_fen(fen, mv.rate, mv.months)
        tax = ctx.tax_fen(interest, start, start + mv.months)
        return fen + interest - tax, interest, tax
    return fixed_maturity_fen(fen, mv.rate, mv.months, ctx.tax_rate)


def _grow(ctx: _Ctx, mv: _Move, v: np.ndarray, start: int) -> tuple[np.ndarray, ...]:
    """(value, interest, tax) in yuan after leg ``mv`` opened at month ``start`` with ``v``.

    The value is -inf where the leg is not open to the amount (a 零存整取
    installment below its minimum).
    """
    grow = _payout_fen if mv.product == "interest_payout" else _grow_fen
    value, interest, tax = grow(ctx, mv, _fen(v), start)
    return np.where(value >= 0, _yuan(value), -np.inf), _yuan(interest), _yuan(tax)


def _payout_fen(ctx: _Ctx, mv: _Move, fen: np.ndarray, start: int) -> tuple[Any, Any, Any]:
    """存本取息 for n months, each monthly payout paid into a 零存整取 of n months (fen).

    Payouts (each ``round(v × rate / 12)``, docs/rules/deposits.md#keep-principal-draw-interest) net of tax are the
    installments; the 零存整取 (月积数, docs/rules/deposits.md#installment-savings) matures one month after
    the 存本取息, while the principal waits that month in 活期. The value is
    -1 where the installment would be below the 零存整取 minimum.
    """
    n = mv.term
    payout = fixed_maturity_fen(fen, mv.rate, 1)[1]
    if ctx.tax_by_date:
        payout_tax = np.array([ctx.tax_fen(payout, start + k, start + k + 1) for k in range(n)])
    else:
        payout_tax = np.repeat(np.asarray(ctx.tax_fen(payout, start, start + 1))[None, :], n, axis=0)
    # the 零存整取 takes one fixed installment: the smallest payout after tax (the
    # fen or two left over when the tax changes mid-way wait without interest)
    installment = payout - payout_tax.max(axis=0)
    inst = _fen(installment_interest(_yuan(installment), mv.rate2, n))
    wait = fixed_maturity_fen(fen, ctx.demand_rate, 1)[1]
    interest = n * payout + inst + wait
    tax = (payout_tax.sum(axis=0) + ctx.tax_fen(inst, start + 1, start + n + 1)
           + ctx.tax_fen(wait, start + n, start + n + 1))
    value = np.where(installment >= _fen(ctx.installment_min), fen + interest - tax, -1)
    return value, interest, tax


def _grow1(ctx: _Ctx, mv: _Move, v: float, start: int) -> tuple[float, float, float]:
    """:func:`_grow` for one amount, as floats (remembered: plans repeat legs)."""
    key = (mv, float(v), start if ctx.tax_by_date else 0)
    if key not in ctx._grown:
        ctx._grown[key] = tuple(float(x[0]) for x in _grow(ctx, mv, np.array([float(v)]), start))
    return ctx._grown[key]


def _chain(ctx: _Ctx, v: float, start: int, moves: Sequence[_Move]) -> tuple[float, float, float]:
    """(value, interest, tax) of a fixed sequence of legs, or NaNs when one is not open to v."""
    interest = tax = 0.0
    for mv in moves:
        value, i, t = _grow1(ctx, mv, v, start)
        if v < mv.minimum or value == -np.inf:
            return math.nan, math.nan, math.nan
        v, interest, tax, start = value, interest + i, tax + t, start + mv.months
    return v, round_fen(interest), round_fen(tax)


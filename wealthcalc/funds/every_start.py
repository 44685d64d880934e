"""Every start date at once (任意起点定投): the 定投胜率 and the spread of outcomes.

:func:`every_start` runs the plan from every start date of the series, for
each holding period, with cumulative sums and one batch XIRR.
"""

from __future__ import annotations

import datetime as _dt
import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Sequence, cast

import numpy as np
from numpy.typing import ArrayLike, NDArray

from .. import _validate as check
from ..dates import add_months_array
from .._validate import AmountLike, DateLike
from ..errors import InputError
from ..money import round_fen
from ..results import Note, fields_dict, jsonable
from .dca import _bool, _common, _confirm_dates, _frequency, _series
from .fees import DEFAULT_REDEMPTION_TIERS, _amount, _buy, _buys_shares, _tier_rates, round_shares
from .navdata import NavSeries, synthetic_nav
from .smart import SmartRule, _smart_amounts

__all__ = ["EveryStart", "EveryStartPeriod", "every_start"]

# ---------------------------------------------------------------- every start date


@dataclass(frozen=True, slots=True)
class EveryStartPeriod:
    """Outcomes of one holding period for a plan started on every possible date.

    ``win_rate`` is the 定投胜率: the share of start dates whose plan ends in
    profit. Percentiles use numpy's linear interpolation; XIRR statistics
    ignore starts without a root (nan).
    """

    years: int
    starts: int
    win_rate: float
    median_return: float
    p5_return: float
    p95_return: float
    median_xirr: float
    p5_xirr: float
    p95_xirr: float
    best_start: _dt.date
    best_return: float
    best_xirr: float
    worst_start: _dt.date
    worst_return: float
    worst_xirr: float
    start_dates: NDArray = field(compare=False, repr=False)
    value_dates: NDArray = field(compare=False, repr=False)
    installments: NDArray = field(compare=False, repr=False)
    invested: NDArray = field(compare=False, repr=False)
    final_value: NDArray = field(compare=False, repr=False)
    profit: NDArray = field(compare=False, repr=False)
    holding_return: NDArray = field(compare=False, repr=False)
    xirr: NDArray = field(compare=False, repr=False)

    headers = ("start_date", "value_date", "installments", "invested", "final_value", "profit",
               "holding_return", "xirr")
    summary_keys = ("years", "starts", "win_rate", "median_return", "p5_return", "p95_return",
                    "median_xirr", "p5_xirr", "p95_xirr", "best_start", "best_return", "best_xirr",
                    "worst_start", "worst_return", "worst_xirr")

    def rows(self) -> list[list]:
        """One row per start date, as in :attr:`headers`."""
        return [
            [s.astype(_dt.date), v.astype(_dt.date), int(k), float(i), float(f), float(p), float(r), float(x)]
            for s, v, k, i, f, p, r, x in zip(self.start_dates, self.value_dates, self.installments,
                                             self.invested, self.final_value, self.profit,
                                             self.holding_return, self.xirr)
        ]

    def summary(self) -> dict[str, Any]:
        """The statistics, ``{key: value}`` in display order (:attr:`summary_keys`)."""
        return {k: getattr(self, k) for k in self.summary_keys}

    def to_dict(self, *, starts: bool = False) -> dict[str, Any]:
        """The statistics, JSON-ready; with ``starts`` also ``per_start``, one dict per start date."""
        out: dict[str, Any] = jsonable(self.summary())
        if starts:
            out["per_start"] = [dict(zip(self.headers, jsonable(row))) for row in self.rows()]
        return out


@dataclass(frozen=True, slots=True)
class EveryStart:
    """A plan run from every start date of a series, for each holding period."""

    frequency: str
    amount: float
    fee_rate: float
    discount: float
    dividends: str
    redeem: bool
    smart: str
    synthetic: bool
    source: str
    periods: tuple[EveryStartPeriod, ...]
    notes: tuple[Note, ...] = ()

    headers = ("years", "starts", "win_rate", "median_return", "p5_return", "p95_return",
               "median_xirr", "p5_xirr", "p95_xirr", "best_start", "best_return", "worst_start",
               "worst_return")

    def rows(self) -> list[list]:
        """One row per holding period, as in :attr:`headers`."""
        return [[getattr(p, h) for h in self.headers] for p in self.periods]

    def to_dict(self, *, starts: bool = False) -> dict[str, Any]:
        """The plan's settings, notes (Note dicts) and one dict per holding period, JSON-ready."""
        out = fields_dict(self, exclude=("periods",))
        out["periods"] = [p.to_dict(starts=starts) for p in self.periods]
        return out


_CHUNK_ELEMENTS = 400_000  # lots per row chunk: bounds memory and feeds the progress bar


def _plan_matrix(D, idx, targ, v, frequency, months):
    """Dealt indices (rows x installments) and the valid mask for starts ``idx``."""
    n = len(D)
    if frequency == "monthly":
        S = add_months_array(D[idx][:, None], np.arange(months)[None, :])
        M = S < targ[:, None]
        J = np.searchsorted(D, S, side="left")
    elif frequency in ("weekly", "biweekly"):
        step = 7 if frequency == "weekly" else 14
        span = int((targ - D[idx]).astype(np.int64).max())
        S = D[idx][:, None] + step * np.arange(-(-span // step))[None, :]
        M = S < targ[:, None]
        J = np.searchsorted(D, S, side="left")
    else:  # daily: every NAV date before the target
        stop = np.searchsorted(D, targ, side="left")
        width = int((stop - idx).max())
        J = idx[:, None] + np.arange(width)[None, :]
        M = J < stop[:, None]
    M &= J <= v[:, None]
    return np.minimum(J, n - 1), M


_XIRR_ROWS = 64
"""Plans per xirr_batch call. Neighbouring starts share most day offsets, so a batch of 64 has a few
hundred date columns, where all the starts of a block together have one per day of the period; the
cost of a batch grows with rows x columns (measured on 5,000 NAVs: monthly plans with cash dividends
6.4 s -> 1.7 s for 1-5 years)."""


def _xirr_rows(offsets: NDArray, amounts: NDArray) -> NDArray:
    """XIRR of each row's flows, dated by day offsets from the row's own start, in one batch."""
    from ..tvm import xirr_batch

    uniq, inverse = np.unique(offsets, return_inverse=True)
    rows = len(offsets)
    flat = np.arange(rows)[:, None] * len(uniq) + inverse.reshape(offsets.shape)
    dense = np.bincount(flat.ravel(), weights=amounts.ravel(), minlength=rows * len(uniq))
    origin = np.datetime64("2000-01-01")
    return np.asarray(xirr_batch(cast(Any, origin + uniq), dense.reshape(rows, len(uniq))), dtype=np.float64)


def _period(series, years, amt_idx, sh_idx, *, frequency, rounding, dividends, redeem, tiers,
            progress, done, total):
    D = series.dates
    n = len(D)
    target = add_months_array(D, np.full(n, 12 * years))
    starts = np.flatnonzero(target <= D[-1])
    if len(starts) == 0:
        raise InputError("years", years, code="funds.series_too_short",
                         params={"first": series.first_date, "last": series.last_date, "years": years})
    ev = np.flatnonzero((series.dividend > 0) | (series.split != 1))
    per_row = {"monthly": 12 * years, "weekly": 53 * years, "biweekly": 27 * years, "daily": 262 * years}
    chunk = max(16, _CHUNK_ELEMENTS // max(per_row[frequency], 1))
    out = {k: np.empty(len(starts)) for k in ("inst", "inv", "final", "profit", "ret", "xirr")}
    vals = np.empty(len(starts), dtype=np.int64)
    for lo in range(0, len(starts), chunk):
        idx = starts[lo:lo + chunk]
        targ = target[idx]
        v = np.searchsorted(D, targ, side="right") - 1
        J, M = _plan_matrix(D, idx, targ, v, frequency, 12 * years)
        L = np.where(M, sh_idx[J], 0.0)
        A = np.where(M, amt_idx[J], 0.0)
        R = np.zeros((len(idx), len(ev)))  # reinvested lots, one column per event
        C = np.zeros((len(idx), len(ev)))  # cash dividends
        for e, x in enumerate(ev):
            before = M & (J < x)
            held = round_fen((L * before).sum(1) + R[:, :e].sum(1))
            app = (x <= v) & (held > 0)
            if not app.any():
                continue
            if series.dividend[x] > 0:
                cash = np.where(app, round_fen(held * series.dividend[x]), 0.0)
                if dividends == "reinvest":
                    R[:, e] = round_shares(cash / series.nav[x], rounding)
                else:
                    C[:, e] = cash
            if series.split[x] != 1:
                ratio = series.split[x]
                L = np.where(before & app[:, None], round_shares(L * ratio, rounding), L)
                R[:, :e] = np.where(app[:, None], round_shares(R[:, :e] * ratio, rounding), R[:, :e])
        shares = round_fen(L.sum(1) + R.sum(1))
        nav_v = series.nav[v]
        final = round_fen(shares * nav_v)
        if redeem:
            conf_L = _confirm_dates(series, J)
            conf_R = _confirm_dates(series, ev)[None, :] if len(ev) else np.zeros((1, 0), "datetime64[D]")
            days_L = np.maximum((D[v][:, None] - conf_L).astype(np.int64), 0)
            days_R = np.maximum((D[v][:, None] - conf_R).astype(np.int64), 0)
            fee_L = round_fen(round_fen(L * nav_v[:, None]) * _tier_rates(days_L, tiers))
            fee_R = round_fen(round_fen(R * nav_v[:, None]) * _tier_rates(days_R, tiers))
            final = round_fen(final - round_fen(fee_L.sum(1) + fee_R.sum(1)))
        invested = round_fen(A.sum(1))
        cash_total = round_fen(C.sum(1))
        profit = round_fen(final + cash_total - invested)
        # XIRR: one batch, columns = distinct day offsets from each row's start
        s0 = D[idx][:, None]
        offsets = np.concatenate([
            np.where(M, (D[J] - s0).astype(np.int64), 0),
            np.where(C != 0, (D[ev][None, :] - s0).astype(np.int64), 0),
            (D[v] - D[idx]).astype(np.int64)[:, None],
        ], axis=1)
        amounts = np.concatenate([-A, C, final[:, None]], axis=1)
        rows = len(idx)
        rates = np.concatenate([_xirr_rows(offsets[k:k + _XIRR_ROWS], amounts[k:k + _XIRR_ROWS])
                                for k in range(0, rows, _XIRR_ROWS)])
        sl = slice(lo, lo + rows)
        out["inst"][sl] = M.sum(1)
        out["inv"][sl] = invested
        out["final"][sl] = final + cash_total
        out["profit"][sl] = profit
        out["ret"][sl] = profit / invested
        out["xirr"][sl] = rates
        vals[sl] = v
        done += rows
        if progress is not None:
            progress(done, total)
    ret, xr = out["ret"], out["xirr"]
    best, worst = int(np.argmax(ret)), int(np.argmin(ret))
    finite = xr[np.isfinite(xr)]
    q = np.percentile(ret, [5, 50, 95])
    qx = np.percentile(finite, [5, 50, 95]) if len(finite) else np.full(3, math.nan)
    period = EveryStartPeriod(
        years=years, starts=len(starts), win_rate=float(np.mean(out["profit"] > 0)),
        median_return=float(q[1]), p5_return=float(q[0]), p95_return=float(q[2]),
        median_xirr=float(qx[1]), p5_xirr=float(qx[0]), p95_xirr=float(qx[2]),
        best_start=D[starts[best]].astype(_dt.date), best_return=float(ret[best]), best_xirr=float(xr[best]),
        worst_start=D[starts[worst]].astype(_dt.date), worst_return=float(ret[worst]),
        worst_xirr=float(xr[worst]),
        start_dates=D[starts], value_dates=D[vals], installments=out["inst"].astype(np.int64),
        invested=out["inv"], final_value=out["final"], profit=out["profit"], holding_return=ret, xirr=xr,
    )
    return period, done


def _years(years: Any) -> tuple[int, ...]:
    """One holding period or several, whole years from 1 to 50."""
    many = years if isinstance(years, (list, tuple)) else (years,)
    try:
        periods = tuple(check.whole(y, "years", low=1, high=50, unit="years", example=3) for y in many)
    except InputError:
        raise InputError("years", years, code="funds.years") from None
    if not periods:
        raise InputError("years", years, code="funds.years")
    return periods


def every_start(
    nav: NavSeries | str | Path,
    amount: AmountLike,
    *,
    years: int | Sequence[int] = (1, 3, 5),
    frequency: str = "monthly",
    fee_rate: float = 0.015,
    discount: float = 1.0,
    fixed_fee: float | None = None,
    rounding: str = "half_up",
    dividends: str = "reinvest",
    redeem: bool = False,
    redemption_tiers: Sequence[Sequence[float]] = DEFAULT_REDEMPTION_TIERS,
    smart: SmartRule | bool | None = None,
    reference: NavSeries | str | Path | None = None,
    start: DateLike | None = None,
    end: DateLike | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> EveryStart:
    """Run the plan from every start date of the series, for each holding period.

    For a holding period of ``y`` years, the plan started on NAV date ``s``
    debits on the same day of the month (or weekday; or every trading day)
    from ``s`` until before ``s + y years`` and is valued on the last NAV on
    or before ``s + y years``: exactly :func:`simulate` with ``start=s``,
    ``day=s``'s day, ``end=s + y years − 1 day`` and ``value_date=s + y
    years``. Every NAV date from which the full period fits is a start.

    Parameters
    ----------
    years : one holding period in whole years, or several.
    start, end : restrict the series first (default: all of it).
    progress : called as ``progress(done, total)`` after each block of starts.
    Others : as in :func:`simulate`.

    Returns
    -------
    EveryStart with one :class:`EveryStartPeriod` per holding period: the
    定投胜率 (share of starts in profit), median, 5th and 95th percentiles of
    the holding return (定投收益率) and XIRR, the best and worst start, and
    per-start arrays.

    Notes
    -----
    No Python loop over start dates: each block of starts is a matrix of
    lots (dealt indices by installment), purchases are priced once per NAV
    date, dividends and splits loop over the (few) events, and the plans'
    XIRRs come from :func:`wealthcalc.tvm.xirr_batch`, 64 neighbouring
    starts a call, the flows placed on day offsets from each plan's start.

    Examples
    --------
    A flat NAV and no fee: every start breaks even.

    >>> s = synthetic_nav(days=600, annual_drift=0.0, volatility=0.0)
    >>> p = every_start(s, 1000, years=1, fee_rate=0.0).periods[0]
    >>> p.starts, p.win_rate, p.median_return
    (339, 0.0, 0.0)
    """
    series = _series(nav)
    amount = _amount(amount)
    frequency = _frequency(frequency)
    fee_rate, discount, fixed_fee, rounding, dividends, tiers, smart, ref = _common(
        series, fee_rate, discount, fixed_fee, rounding, dividends, redemption_tiers, smart, reference)
    redeem = _bool(redeem, "redeem")
    periods = _years(years)
    if start is not None or end is not None:
        lo = check.date(start, "start") if start is not None else series.first_date
        hi = check.date(end, "end") if end is not None else series.last_date
        keep = (series.dates >= np.datetime64(lo, "D")) & (series.dates <= np.datetime64(hi, "D"))
        if keep.sum() < 2:
            raise InputError("start", lo.isoformat(), code="funds.window_too_small")
        series = NavSeries(series.dates[keep], series.nav[keep], series.acc_nav[keep], series.dividend[keep],
                           series.split[keep], series.source, series.synthetic, series.notes,
                           None if series.suspended is None else series.suspended[keep])
    notes: list[Note] = []
    if series.suspended is not None and series.suspended.any():
        notes.append(Note("funds.suspended_dates", {"count": int(series.suspended.sum())}))
    if smart is not None and ref is not None:  # _common gives a reference with every rule
        amt_idx = _smart_amounts(series.dates, np.arange(len(series)), amount, smart, ref, notes,
                                 "funds.short_ma_dates")
    else:
        amt_idx = np.full(len(series), amount)
    _, _, sh_idx = _buy(amt_idx, fee_rate, series.nav, discount=discount, fixed_fee=fixed_fee, rounding=rounding)
    _buys_shares(amt_idx, sh_idx, series.nav)
    synthetic = bool(series.synthetic or (ref is not None and ref.synthetic))
    if synthetic:
        notes.insert(0, Note("funds.synthetic"))
    D = series.dates
    total = sum(int((add_months_array(D, np.full(len(D), 12 * y)) <= D[-1]).sum()) for y in periods)
    done = 0
    out = []
    for y in periods:
        period, done = _period(series, int(y), amt_idx, sh_idx, frequency=frequency, rounding=rounding,
                               dividends=dividends, redeem=redeem, tiers=tiers, progress=progress,
                               done=done, total=total)
        out.append(period)
    return EveryStart(frequency=frequency, amount=amount, fee_rate=fee_rate, discount=discount,
                      dividends=dividends, redeem=redeem, smart=smart.name if smart else "",
                      synthetic=synthetic, source=series.source, periods=tuple(out),
                      notes=tuple(series.notes) + tuple(notes))


# wealthcalc.charts picks a chart by (module, class name) and knows these classes by their public path
EveryStart.__module__ = EveryStartPeriod.__module__ = "wealthcalc.dca"

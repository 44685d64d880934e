"""Dated cash flows: day counts, year fractions, xnpv, xirr, xirr_batch, no_root_reason."""

from __future__ import annotations

import datetime as _dt
from typing import Any, Sequence

import numpy as np
from numpy.typing import ArrayLike, NDArray

from ..errors import InputError
from ._common import _DAY_COUNTS, _flows, _num, _out
from ._roots import _solve, _xirr_small


# ---------------------------------------------------------------- dated flows


def _day_count(day_count: Any) -> str:
    key = str(day_count).strip().lower().replace(" ", "").replace("actual", "act")
    key = key.replace("act/365fixed", "act/365").replace("a/365fixed", "act/365")
    key = key.removeprefix("daycount.")
    try:
        return _DAY_COUNTS[key]
    except KeyError:
        raise InputError("day_count", day_count, code="tvm.day_count") from None


def _one_date(item: Any, field: str) -> np.datetime64:
    if isinstance(item, _dt.datetime):
        return np.datetime64(item.date(), "D")
    if isinstance(item, _dt.date):
        return np.datetime64(item, "D")
    if isinstance(item, np.datetime64):
        if np.isnat(item):
            raise InputError(field, item, code="tvm.date_nat")
        return item.astype("datetime64[D]")
    if isinstance(item, str):
        try:
            return np.datetime64(_dt.datetime.fromisoformat(item.strip()).date(), "D")
        except ValueError:
            pass
    raise InputError(field, item, code="tvm.date")


def _dates(dates: Any, field: str = "dates") -> NDArray:
    """Dates as a 1-D datetime64[D] array (times of day are dropped, as Excel does)."""
    if isinstance(dates, np.ndarray) and dates.dtype.kind == "M":
        arr = dates.astype("datetime64[D]")
        if np.isnat(arr).any():
            raise InputError(field, dates, code="tvm.date_nat")
    elif isinstance(dates, (str, bytes, _dt.date)) or not hasattr(dates, "__iter__"):
        raise InputError(field, dates, code="tvm.dates")
    else:
        arr = np.array([_one_date(d, field) for d in dates], dtype="datetime64[D]")
    if arr.ndim != 1 or arr.size == 0:
        raise InputError(field, dates, code="tvm.dates_1d")
    return arr


def _ymd(d: NDArray) -> tuple[NDArray, NDArray, NDArray]:
    y = d.astype("datetime64[Y]")
    mo = d.astype("datetime64[M]")
    return (y.astype(np.int64) + 1970, (mo - y).astype(np.int64) + 1, (d - mo).astype(np.int64) + 1)


def _fractions(start: NDArray, d: NDArray, basis: str) -> NDArray[np.float64]:
    """Year fractions from ``start`` to each of ``d`` (negative when earlier)."""
    days = (d - start).astype(np.int64).astype(np.float64)
    if basis == "act/365":
        return days / 365.0
    if basis == "act/360":
        return days / 360.0
    if basis[:2] == "30":
        y1, m1, d1 = _ymd(np.broadcast_to(start, d.shape))
        y2, m2, d2 = _ymd(d)
        if basis == "30/360":  # ISDA 2006 4.16(f), bond basis: day 31 is 30, the end's only if the start's is
            d1 = np.minimum(d1, 30)
            d2 = np.where((d2 == 31) & (d1 == 30), 30, d2)
        elif basis == "30e/360":  # ISDA 2006 4.16(g), eurobond basis: every day 31 is 30
            d1, d2 = np.minimum(d1, 30), np.minimum(d2, 30)
        else:  # 30/360 US (SIA): also the last day of February counts as 30
            feb1 = _last_of_february(np.broadcast_to(start, d.shape))
            feb2 = _last_of_february(d)
            d1 = np.where(feb1, 30, np.minimum(d1, 30))
            d2 = np.where(feb1 & feb2, 30, np.where(d1 == 30, np.minimum(d2, 30), d2))
        return (360 * (y2 - y1) + 30 * (m2 - m1) + (d2 - d1)) / 360.0
    # act/act ISDA: days in each calendar year over that year's length
    def part(x):
        y = x.astype("datetime64[Y]")
        length = ((y + 1).astype("datetime64[D]") - y.astype("datetime64[D]")).astype(np.float64)
        return y.astype(np.float64), (x - y.astype("datetime64[D]")).astype(np.float64) / length

    ys, fs = part(np.broadcast_to(start, d.shape))
    yd, fd = part(d)
    return (yd - ys) + (fd - fs)


def _last_of_february(d: NDArray) -> NDArray:
    after = (d + np.timedelta64(1, "D")).astype("datetime64[M]")
    return (d.astype("datetime64[M]") != after) & ((after - after.astype("datetime64[Y]")).astype(np.int64) == 2)


def year_fractions(dates: Sequence[Any] | NDArray[Any], day_count: str = "act/365", *,
                   start: Any = None) -> NDArray[np.float64]:
    """Years from ``start`` (default: the earliest date) to each date.

    Parameters
    ----------
    dates : dates (date, datetime, numpy datetime64 or ISO text), any order.
    day_count : 'act/365' (Excel XIRR), 'act/360', '30/360' (ISDA, bond basis),
        '30/360 US' (SIA: also the last day of February is day 30), '30E/360'
        (eurobond: every day 31 is day 30) or 'act/act' (ISDA: days in each
        calendar year over 365 or 366). pyxirr's names ('30/360 SIA',
        '30U/360', 'act/act ISDA', 'Actual/365F', ...) are accepted too.
    start : the date counted as year 0.

    Examples
    --------
    >>> year_fractions(["2024-01-01", "2024-07-01", "2025-01-01"]).round(4).tolist()
    [0.0, 0.4986, 1.0027]
    >>> year_fractions(["2024-01-01", "2025-01-01"], "act/act").tolist()
    [0.0, 1.0]
    >>> (year_fractions(["2007-02-28", "2007-03-31"], "30/360 US") * 360).tolist()
    [0.0, 30.0]
    """
    basis = _day_count(day_count)
    d = _dates(dates)
    s = d.min() if start is None else _one_date(start, "start")
    return _fractions(np.asarray(s), d, basis)


def _dated(dates: Any, amounts: Any, day_count: str, merge: bool = False):
    """(times ascending, amounts with columns in date order) for XNPV/XIRR; with
    ``merge``, flows on one date summed into one (their order then cannot matter)."""
    d = _dates(dates)
    a = _flows(amounts, "amounts")
    if a.shape[-1] != d.size:
        raise InputError("amounts", amounts, code="tvm.one_per_date",
                         params={"dates": d.size, "amounts": a.shape[-1]})
    t = _fractions(d.min(), d, _day_count(day_count))
    step = np.diff(t)
    if not (step >= 0).all():
        order = np.argsort(t, kind="stable")
        t, a = t[order], a[..., order]
        step = np.diff(t)
    if merge and not (step > 0).all():
        starts = np.flatnonzero(np.r_[True, step > 0])
        t, a = t[starts], np.add.reduceat(a, starts, axis=-1)
    return t, a


def xnpv(rate: ArrayLike, dates: Sequence[Any] | NDArray[Any], amounts: ArrayLike, *,
         day_count: str = "act/365") -> Any:
    """Net present value of dated flows, at the earliest date (Excel XNPV).

    ``sum(amount / (1 + rate) ** ((date - first_date) / 365))``. ``amounts`` may
    be 2-D (one series per row), ``rate`` an array broadcast against the rows. Excel wants
    the first date to be the earliest; here dates may come in any order and
    are discounted to the earliest one, which is the same thing.

    Examples
    --------
    Excel's XNPV example at 9%:

    >>> dates = ["2008-01-01", "2008-03-01", "2008-10-30", "2009-02-15", "2009-04-01"]
    >>> print(f"{xnpv(0.09, dates, [-10000, 2750, 4250, 3250, 2750]):.2f}")
    2086.65
    """
    r = _num(rate, "rate")
    t, a = _dated(dates, amounts, day_count)
    with np.errstate(all="ignore"):
        out = (a * (1.0 + r[..., None]) ** -t).sum(axis=-1)
    return _out(out, out.ndim == 0)


def xirr(dates: Sequence[Any] | NDArray[Any], amounts: ArrayLike, guess: float | None = None, *,
         day_count: str = "act/365", tol: float = 1e-12, maxiter: int = 100) -> float:
    """Annual internal rate of return of dated flows (Excel XIRR).

    Dates in any order (date, datetime, numpy datetime64 or ISO text); years
    counted actual/365 by default. Returns nan when the flows never change
    sign. Where several rates solve, a genuine root, the one nearest
    ``guess`` (Excel's default guess, 0.1, when not given): never a rate that
    does not balance the flows. Flows on one date are summed first. The same
    solver as :func:`xirr_batch`; a short plain list (up to 32 flows, dates or
    ISO text, act/365 or act/360) is solved in Python floats, to the same
    root within rounding.

    Examples
    --------
    Excel's XIRR example:

    >>> dates = ["2008-01-01", "2008-03-01", "2008-10-30", "2009-02-15", "2009-04-01"]
    >>> print(f"{xirr(dates, [-10000, 2750, 4250, 3250, 2750]):.9f}")
    0.373362535
    """
    if tol == 1e-12 and maxiter == 100:
        fast = _xirr_small(dates, amounts, guess, day_count)
        if fast is not None:
            return fast
    d = _dates(dates)
    a = _flows(amounts, "amounts")
    if a.ndim != 1:
        raise InputError("amounts", amounts, code="tvm.amounts_1d")
    return float(xirr_batch(d, a[None, :], guess, day_count=day_count, tol=tol, maxiter=maxiter)[0])


def no_root_reason(amounts: Sequence[float], dates: Sequence[Any] | None = None) -> str:
    """Why no rate balances ``amounts``: the message code of the reason (:mod:`wealthcalc.i18n`).

    ``"tvm.no_root.same_sign"`` when the flows are all paid out or all received,
    ``"tvm.no_root.one_date"`` when every dated flow falls on one day (no rate changes their
    value), else ``"tvm.no_root.sign_changes"`` (the flows change sign and still no rate balances them).

    Examples
    --------
    >>> no_root_reason([-100, -50])
    'tvm.no_root.same_sign'
    >>> no_root_reason([-100, 110], ["2025-01-01", "2025-01-01"])
    'tvm.no_root.one_date'
    """
    values = [float(a) for a in amounts]
    if not values or not min(values) < 0 < max(values):
        return "tvm.no_root.same_sign"
    if dates is not None and len(set(dates)) == 1:
        return "tvm.no_root.one_date"
    return "tvm.no_root.sign_changes"


def xirr_batch(dates: Sequence[Any] | NDArray[Any], amounts_2d: ArrayLike, guess: float | None = None, *,
               day_count: str = "act/365", tol: float = 1e-12, maxiter: int = 100) -> NDArray[np.float64]:
    """XIRR of many series sharing one set of dates, solved together.

    Parameters
    ----------
    dates : the N dates, any order.
    amounts_2d : (m, N) amounts, one series per row; pad shorter series with
        zeros (a zero flow changes nothing).
    guess : starting rate; also picks the root when several solve (0.1).

    Returns
    -------
    ndarray of m annual rates, nan where a row's flows never change sign.

    Notes
    -----
    Rows whose signs change once (as a DCA plan's do: payments, then the
    value) have one root; they are solved at once by Halley's method on
    ``log(1+rate)`` over the precomputed year fractions, evaluating only the
    rows not yet converged. Rows whose signs change several times (a DCA
    paying cash dividends) are solved together the same way, and each root is
    kept where Descartes' rule for the discounted partial sums proves it the
    only root, or the one nearest the guess; rows left are checked on a grid,
    then scanned and polished with Brent's method. Each row gets the root
    :func:`xirr` gives it alone (to rounding: the sums are one matrix product).

    Examples
    --------
    >>> dates = ["2024-01-01", "2024-07-01", "2025-01-01"]
    >>> print(np.round(xirr_batch(dates, [[-100, 0, 110], [-100, -100, 230]]), 4))
    [0.0997 0.2021]
    """
    t, a = _dated(dates, amounts_2d, day_count, merge=True)
    if a.ndim != 2:
        raise InputError("amounts_2d", amounts_2d, code="tvm.amounts_2d")
    target = 0.1 if guess is None else float(guess)
    return _solve(t, a, guess, target, tol, maxiter)

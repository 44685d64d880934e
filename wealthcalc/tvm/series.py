"""Cash-flow series at equal periods: npv, mirr, irr."""

from __future__ import annotations

import math
from typing import Any

import numpy as np
from numpy.typing import ArrayLike, NDArray

from ..errors import InputError
from ._common import _NUMBER, _flows, _num, _out
from ._roots import _plain_flows, _small_root, _solve


# ---------------------------------------------------------------- cash-flow series


def npv(rate: ArrayLike, values: ArrayLike) -> Any:
    """Net present value of flows at t = 0, 1, 2, ... (numpy-financial ``npv``).

    The first value is not discounted (unlike Excel's NPV, which discounts it
    one period). As numpy-financial's current version: ``rate`` is a number
    or a 1-D array of k rates, ``values`` one series (1-D) or m series (2-D,
    one per row); the result has shape (k, m), without the axis of a scalar
    rate or of a single series. nan at a rate of -1 (-100%).

    Examples
    --------
    >>> print(f"{npv(0.08, [-40_000, 5_000, 8_000, 12_000, 30_000]):.5f}")
    3065.22267
    >>> npv([0.00, 0.05, 0.10], [[-4_000, 500, 800], [-5_000, 600, 900]]).round(2)
    array([[-2700.  , -3500.  ],
           [-2798.19, -3612.24],
           [-2884.3 , -3710.74]])
    """
    r = _num(rate, "rate")
    vals = _flows(values)
    t = np.arange(vals.shape[-1], dtype=np.float64)
    with np.errstate(all="ignore"):
        if r.ndim > 1:  # (kept from earlier versions: a rate array broadcast against the rows)
            re = r[..., None]
            out = (vals * _discount(re, t)).sum(axis=-1)
            return _out(np.where((r == -1) | np.isnan(out), np.nan, out), out.ndim == 0)
        re = r.reshape(-1, 1, 1)  # (k, 1, 1) against (m, N): (k, m)
        out = (np.atleast_2d(vals) * _discount(re, t)).sum(axis=-1)
        out = np.where(re[..., 0] == -1, np.nan, out)
    if vals.ndim == 1:
        out = out[:, 0]
    if r.ndim == 0:
        out = out[0]
    return _out(out, out.ndim == 0)


def _discount(re: NDArray, t: NDArray) -> NDArray:
    """(1 + rate) ** -t, by exp and log1p where the rate is above -100%."""
    return np.where(re <= -1, (1.0 + re) ** -t, np.exp(-t * np.log1p(np.maximum(re, -1.0))))


def mirr(values: ArrayLike, finance_rate: ArrayLike, reinvest_rate: ArrayLike) -> Any:
    """Modified internal rate of return (numpy-financial ``mirr``, Excel MIRR).

    nan unless the flows hold at least one positive and one negative value.
    As numpy-financial's current version: ``values`` is one series (1-D) or m
    series (2-D, one per row), the rates numbers or 1-D arrays of k pairs
    (finance_rate[j], reinvest_rate[j]); the result has shape (m, k), without
    the axis of a single series or of scalar rates.

    Examples
    --------
    Excel's MIRR example: a 120,000 loan at 10% and returns reinvested at 12%:

    >>> print(f"{mirr([-120000, 39000, 30000, 21000, 37000, 46000], 0.10, 0.12):.6f}")
    0.126094
    >>> mirr([[-100, 50, 70], [-100, 200, -50]], [0.05, 0.1], [0.08, 0.12]).round(4)
    array([[0.1136, 0.1225],
           [0.219 , 0.259 ]])
    """
    vals = _flows(values)
    fr, rr = _num(finance_rate, "finance_rate"), _num(reinvest_rate, "reinvest_rate")
    for field, value, arr in (("finance_rate", finance_rate, fr), ("reinvest_rate", reinvest_rate, rr)):
        if arr.ndim > 1:
            raise InputError(field, value, code="tvm.rates_1d")
    try:
        shape = np.broadcast_shapes(fr.shape, rr.shape)
    except ValueError:
        raise InputError("reinvest_rate", reinvest_rate, code="tvm.reinvest_count", params={"count": fr.size}) from None
    fr2, rr2 = np.broadcast_to(fr, shape).reshape(-1, 1), np.broadcast_to(rr, shape).reshape(-1, 1)
    rows = np.atleast_2d(vals)
    n = rows.shape[-1]
    t = np.arange(n, dtype=np.float64)
    pos, neg = np.where(rows > 0, rows, 0.0), np.where(rows < 0, rows, 0.0)
    with np.errstate(all="ignore"):
        numer = np.abs((pos[:, None, :] * _discount(rr2, t)).sum(axis=-1))
        denom = np.abs((neg[:, None, :] * _discount(fr2, t)).sum(axis=-1))
        out = (numer / denom) ** (1.0 / max(n - 1, 1)) * (1.0 + rr2[:, 0]) - 1.0  # (m, k)
    both = np.asarray((rows > 0).any(axis=-1) & (rows < 0).any(axis=-1))
    out = np.where(both[:, None], out, np.nan)
    if not shape:
        out = out[:, 0]
    if vals.ndim == 1:
        out = out[0]
    return _out(out, out.ndim == 0)


def irr(values: ArrayLike, guess: float | None = None, *, tol: float = 1e-12, maxiter: int = 100) -> Any:
    """Internal rate of return per period (numpy-financial ``irr``, Excel IRR).

    ``values`` is one series (1-D, returns a float) or many (2-D, one series
    per row, returns a 1-D array): the batch path solves every row at once.

    Returns nan where the flows never change sign. Where several rates solve
    (more than one sign change), returns numpy-financial's current choice
    without ``guess``: the smallest root at or above 0, else the negative root
    nearest 0 (numpy-financial 1.0.0 took the root nearest 0 of either sign);
    with ``guess``, the root nearest it. ``guess`` may be given by position,
    as in Excel's IRR(values, guess).

    Notes
    -----
    A series whose signs change once has exactly one root (Descartes' rule).
    Those rows are solved together by Halley's method on ``log(1+rate)``
    from a two-flow estimate; other rows the same way, each root kept where
    Descartes' rule for the discounted partial sums proves it the only root
    (or the one wanted); any row left is scanned and polished with Brent's
    method. A plain list of up to 32 flows is solved in Python floats, with
    the same choice.

    Examples
    --------
    >>> print(f"{irr([-100, 39, 59, 55, 20]):.5f}")
    0.28095
    >>> print(np.round(irr([[-100, 0, 0, 74], [-100, 100, 0, 7]]), 5))
    [-0.0955   0.06206]
    """
    if tol == 1e-12 and maxiter == 100 and (guess is None or (type(guess) in _NUMBER and guess > -1)):
        plain = _plain_flows(values)
        if plain is not None:
            fast = _small_root([float(j) for j in range(len(plain))], plain,
                               None if guess is None else math.log1p(guess), guess)
            if fast is not None:
                return np.float64(fast)
    vals = _flows(values)
    rows = np.atleast_2d(vals)
    times = np.arange(rows.shape[1], dtype=np.float64)
    out = _solve(times, rows, guess, None if guess is None else float(guess), tol, maxiter)
    return _out(out[0] if vals.ndim == 1 else out, vals.ndim == 1)

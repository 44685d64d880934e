"""Time value of money: numpy-financial's functions, Excel's XNPV/XIRR, EFFECT/NOMINAL.

``pmt``, ``ipmt``, ``ppmt``, ``fv``, ``pv``, ``nper``, ``rate``, ``npv``,
``irr`` and ``mirr`` keep numpy-financial's names, argument order, defaults
and sign convention (money paid out is negative), accept ``when='end'`` or
``'begin'`` (or 0/1) and broadcast over every array argument, so code written
for numpy-financial runs unchanged. Like it, they return nan where no
solution exists; bad types, shapes and dates raise :class:`InputError`.

``xnpv``, ``xirr`` and ``xirr_batch`` follow Excel's XNPV/XIRR (actual/365
from the first date by default; also act/360, 30/360 ISDA, 30/360 US, 30E/360
and act/act ISDA); ``cumipmt``/``cumprinc``, ``effect`` and ``nominal`` follow
Excel's CUMIPMT/CUMPRINC/EFFECT/NOMINAL. ``irr``, ``npv`` and ``mirr`` also
take a 2-D array (one series per row).

>>> print(f"{pmt(0.049 / 12, 360, 1_000_000):.2f}")
-5307.27
>>> print(f"{irr([-100, 39, 59, 55, 20]):.5f}")
0.28095
"""

from __future__ import annotations

import datetime as _dt
import math
import operator
from itertools import repeat
from typing import Any, Sequence

import numpy as np
from numpy.typing import ArrayLike, NDArray

from .errors import InputError

__all__ = [
    "cumipmt",
    "cumprinc",
    "effect",
    "fv",
    "ipmt",
    "irr",
    "mirr",
    "no_root_reason",
    "nominal",
    "nper",
    "npv",
    "pmt",
    "ppmt",
    "pv",
    "rate",
    "xirr",
    "xirr_batch",
    "xnpv",
    "year_fractions",
]

_WHEN = {"end": 0, "begin": 1, "e": 0, "b": 1, "beginning": 1, "start": 1, "finish": 0, 0: 0, 1: 1}
_DAY_COUNTS = {
    "act/365": "act/365", "act/365f": "act/365", "a/365f": "act/365", "365": "act/365", "english": "act/365",
    "act_365f": "act/365",
    "act/360": "act/360", "a/360": "act/360", "360": "act/360", "french": "act/360", "act_360": "act/360",
    "30/360": "30/360", "30/360isda": "30/360", "bond": "30/360", "bondbasis": "30/360",
    "thirty_360_isda": "30/360",
    "30u/360": "30u/360", "30us/360": "30u/360", "30/360us": "30u/360", "30/360sia": "30u/360",
    "thirty_u_360": "30u/360",
    "30e/360": "30e/360", "30/360isma": "30e/360", "eurobondbasis": "30e/360", "thirty_e_360": "30e/360",
    "act/act": "act/act", "act/actisda": "act/act", "act_act_isda": "act/act",
}

# Grid of L = log(1 + rate) scanned when Newton's method cannot be trusted:
# rates from -99.9994% to about 1.6e5 (16,000,000%), densest near zero.
_SCAN = np.unique(np.concatenate([
    np.linspace(-12.0, -1.0, 441), np.linspace(-1.0, 1.0, 4001), np.linspace(1.0, 12.0, 441),
]))
# The same range, ten times coarser near zero: where the batch looks for a root nearer
# the guess than the one Newton's method found (two roots within 0.5% would slip through).
_CHECK = np.unique(np.concatenate([
    np.linspace(-12.0, -1.0, 441), np.linspace(-1.0, 1.0, 401), np.linspace(1.0, 12.0, 441),
]))


# ---------------------------------------------------------------- validation


def _num(x: Any, field: str) -> NDArray[np.float64]:
    """``x`` as a float64 array, or InputError naming ``field``."""
    if isinstance(x, (str, bytes)):
        raise InputError(field, x, code="tvm.number")
    try:
        arr = np.asarray(x)
    except (ValueError, TypeError):
        raise InputError(field, x, code="tvm.number_rows") from None
    if arr.dtype.kind in "biuf":
        return arr.astype(np.float64, copy=False)
    if arr.dtype.kind == "O" and not any(e is None or isinstance(e, (str, bytes)) for e in arr.flat):
        try:
            return arr.astype(np.float64)
        except (ValueError, TypeError):
            pass
    raise InputError(field, x, code="tvm.number")


def _when(when: Any) -> NDArray[np.float64]:
    if isinstance(when, np.ndarray) and when.dtype.kind in "biuf":
        arr = when.astype(np.float64)
        if not np.isin(arr, (0.0, 1.0)).all():
            raise InputError("when", when, code="tvm.when")
        return arr
    try:
        return np.asarray(_WHEN[when], dtype=np.float64)
    except (KeyError, TypeError):
        if isinstance(when, (str, bytes)) or not hasattr(when, "__iter__"):
            raise InputError("when", when, code="tvm.when") from None
    try:
        return np.asarray([_when(w) for w in when], dtype=np.float64)
    except (TypeError, ValueError):
        raise InputError("when", when, code="tvm.when") from None


def _args(**named: Any) -> tuple[bool, list[NDArray[np.float64]]]:
    """Arrays for the named arguments, checked to broadcast together.

    Returns whether every argument was a scalar, and the arrays.
    """
    arrays = []
    shape: tuple[int, ...] = ()
    for field, value in named.items():
        arr = _when(value) if field == "when" else _num(value, field)
        try:
            shape = np.broadcast_shapes(shape, arr.shape)
        except ValueError:
            raise InputError(
                field, value, code="tvm.broadcast", params={"shape": arr.shape, "others": shape},
            ) from None
        arrays.append(arr)
    return all(a.ndim == 0 for a in arrays), arrays


def _out(result: Any, scalar: bool) -> Any:
    result = np.asarray(result, dtype=np.float64)
    return result[()] if scalar else result


def _flows(values: Any, field: str = "values") -> NDArray[np.float64]:
    """Cash flows as a finite 1-D or 2-D float array with at least one column."""
    arr = _num(values, field)
    if arr.ndim not in (1, 2) or arr.shape[-1] == 0:
        raise InputError(field, values, code="tvm.flows_shape")
    if not np.isfinite(arr).all():
        raise InputError(field, values, code="tvm.flows_finite")
    return arr


# ---------------------------------------------------------------- annuity factors


def _factors(rate: NDArray, nper: NDArray, log1p_rate: NDArray | None = None, need_s: bool = True):
    """Growth factors scaled to avoid overflow.

    With ``T = (1+rate)**nper`` and ``F = (T-1)/rate`` (``nper`` at rate 0),
    returns ``(Lp, s, sT, sF)`` where ``Lp = max(nper*log(1+rate), 0)`` and
    ``s = exp(-Lp)``: every returned factor is at most 1 in size, so formulas
    divided through by ``T`` stay finite for very long terms. ``need_s=False``
    saves the exp of ``s`` where the caller does not use it (s is then None
    in the usual growth case).
    """
    with np.errstate(all="ignore"):
        L = nper * (np.log1p(rate) if log1p_rate is None else log1p_rate)
        if L.size:
            lo, hi = L.min(), L.max()  # nan (rate < -1) fails both tests below
            # exp and expm1 both: 1 + expm1(-L) would lose digits as it nears 0 (long terms)
            if lo >= 0 and (lo > 0 or not (rate == 0).any()):  # growth: the usual case
                return L, np.exp(-L) if need_s else None, 1.0, -np.expm1(-L) / rate
            if hi <= 0 and (hi < 0 or not (rate == 0).any()):  # decay
                return 0.0, 1.0, np.exp(L), np.expm1(L) / rate
        Lp = np.maximum(L, 0.0)
        Ln = np.minimum(L, 0.0)
        s = np.exp(-Lp)
        sT = np.exp(Ln)
        sF = (np.expm1(Ln) - np.expm1(-Lp)) / rate
        zero = rate == 0
        if zero.any():
            sF = np.where(zero, nper, sF)
        low = rate < -1
        if low.any():  # (1+rate)**nper is real only for whole nper; as numpy-financial
            T = (1.0 + rate) ** nper
            Lp, s, sT = np.where(low, 0.0, Lp), np.where(low, 1.0, s), np.where(low, T, sT)
            sF = np.where(low, (T - 1.0) / rate, sF)
    return Lp, s, sT, sF


def _nonzero(x: NDArray) -> bool:
    return bool(x.ndim == 0 and x != 0) or (x.ndim > 0 and bool(x.any()))


def _due(r: NDArray, w: NDArray) -> Any:
    """1 + rate*when: the payment's growth in its own period (None: all 1)."""
    return 1.0 + r * w if _nonzero(w) else None


# ---------------------------------------------------------------- periodic functions


def fv(rate: ArrayLike, nper: ArrayLike, pmt: ArrayLike, pv: ArrayLike, when: Any = "end") -> Any:
    """Future value after ``nper`` periods (numpy-financial ``fv``, Excel FV).

    Parameters
    ----------
    rate : interest rate per period (decimal), nper : number of periods,
    pmt : payment each period, pv : present value, when : 'end' (0) or 'begin' (1).

    Returns
    -------
    float or ndarray, broadcast over the arguments.

    Notes
    -----
    Solves ``fv + pv*(1+rate)**nper + pmt*(1+rate*when)/rate*((1+rate)**nper - 1) = 0``
    (``fv + pv + pmt*nper = 0`` at rate 0). Money paid out is negative.

    Examples
    --------
    Saving 100 now and 100 a month for 10 years at 5% a year, compounded monthly:

    >>> print(f"{fv(0.05 / 12, 120, -100, -100):.2f}")
    15692.93
    """
    scalar, (r, n, p, v, w) = _args(rate=rate, nper=nper, pmt=pmt, pv=pv, when=when)
    _, s, sT, sF = _factors(r, n)
    with np.errstate(all="ignore"):
        return _out(-(v * sT + p * _scale(_due(r, w), sF)) / s, scalar)


def pv(rate: ArrayLike, nper: ArrayLike, pmt: ArrayLike, fv: ArrayLike = 0, when: Any = "end") -> Any:
    """Present value (numpy-financial ``pv``, Excel PV).

    Examples
    --------
    How much must be put in now to reach 15,692.93 in 10 years, saving 100 a
    month at 5% a year?

    >>> print(f"{pv(0.05 / 12, 120, -100, 15692.93):.2f}")
    -100.00
    """
    scalar, (r, n, p, f, w) = _args(rate=rate, nper=nper, pmt=pmt, fv=fv, when=when)
    _, s, sT, sF = _factors(r, n)
    with np.errstate(all="ignore"):
        return _out(-(f * s + p * _scale(_due(r, w), sF)) / sT, scalar)


def _scale(due: Any, x: NDArray) -> NDArray:
    return x if due is None else due * x


def _pmt(r, n, v, f, w, factors=None):
    with_fv = _nonzero(f)
    _, s, sT, sF = _factors(r, n, need_s=with_fv) if factors is None else factors
    owed = v * sT + f * s if with_fv else v * sT
    return -owed / _scale(_due(r, w), sF)


def pmt(rate: ArrayLike, nper: ArrayLike, pv: ArrayLike, fv: ArrayLike = 0, when: Any = "end") -> Any:
    """Payment per period that pays ``pv`` down to ``fv`` (numpy-financial ``pmt``, Excel PMT).

    Notes
    -----
    ``pmt = -(fv + pv*T) * rate / ((1 + rate*when) * (T - 1))`` with
    ``T = (1+rate)**nper``, computed divided through by ``T`` so that very
    long terms stay finite: ``pmt(0.01, 100000, 1000)`` is -10.0 (numpy-financial
    gives nan). At rate 0 the payment is exactly ``-(fv + pv) / nper``.

    Examples
    --------
    A 1,000,000 yuan loan over 30 years at 4.9% a year, repaid monthly:

    >>> print(f"{pmt(0.049 / 12, 30 * 12, 1_000_000):.2f}")
    -5307.27
    """
    if type(rate) is float and type(nper) in _NUMBER and type(pv) in _NUMBER and type(fv) in _NUMBER \
            and type(when) in (str, int) and when in _WHEN:  # plain numbers: no numpy round trip
        fast = _pmt_float(rate, nper, pv, fv, float(_WHEN[when]))
        if fast is not None:
            return fast
    scalar, (r, n, v, f, w) = _args(rate=rate, nper=nper, pv=pv, fv=fv, when=when)
    with np.errstate(all="ignore"):
        return _out(_pmt(r, n, v, f, w), scalar)


def _pmt_float(r: float, n: float, v: float, f: float, w: float) -> float | None:
    """:func:`pmt` for plain numbers by the same scaled formulas (None: leave it to the arrays)."""
    try:
        if r == 0:
            return -(v + f) / n
        if not r > -1 or n == 0:
            return None
        L = n * math.log1p(r)
        if L >= 0:  # growth, divided through by (1+r)**n
            s, sT, sF = math.exp(-L), 1.0, -math.expm1(-L) / r
        else:
            s, sT, sF = 1.0, math.exp(L), math.expm1(L) / r
        owed = v * sT + f * s if f else v * sT
        return -owed / ((1.0 + r * w) * sF if w else sF)
    except (ValueError, OverflowError, ZeroDivisionError):
        return None


def _owned(out: Any, *others: NDArray) -> bool:
    """Whether ``out`` is a fresh array that can take the results of ops with ``others`` in place."""
    return isinstance(out, np.ndarray) and out.ndim > 0 and out.shape == np.broadcast(out, *others).shape


def _ipmt(r, per, n, v, f, w, with_total=False):
    """ipmt, or (pmt, ipmt) with ``with_total``, for float arrays."""
    with np.errstate(all="ignore"):
        l1 = np.log1p(r)
        k = per - 1.0
        # balance after k periods: B = pv - (pv + fv) * F(k) / F(n), for any `when`,
        # with F(j) = ((1+r)**j - 1) / r
        Ln, Lk = n * l1, k * l1
        if Ln.size and max(np.abs(Ln).max(), np.abs(Lk).max()) < 700 and not (r == 0).any():
            ratio = np.expm1(Lk)  # no overflow: the plain ratio is exact enough
            ratio /= np.expm1(Ln)
        else:  # long terms or zero rates: the scaled factors
            fn, fk = _factors(r, n, l1, need_s=False), _factors(r, k, l1, need_s=False)
            ratio = (fk[3] / fn[3]) * np.exp(fk[0] - fn[0])
        ratio = ratio * (v + f if _nonzero(f) else v)
        interest = (v - ratio) * -r if not _owned(ratio, v, r) else \
            np.negative(np.multiply(np.subtract(v, ratio, out=ratio), r, out=ratio), out=ratio)
        begin = w == 1
        if begin.any():
            interest = np.where(begin, np.where(per == 1, 0.0, interest / (1.0 + r)), interest)
        outside = (per < 1) | (per > n)  # no such payment: nan, as both peers
        if outside.any():
            interest = np.where(outside, np.nan, interest)
        if with_total:
            return _pmt(r, n, v, f, w, _factors(r, n, l1, need_s=_nonzero(f))), interest
    return interest


def ipmt(rate: ArrayLike, per: ArrayLike, nper: ArrayLike, pv: ArrayLike, fv: ArrayLike = 0,
         when: Any = "end") -> Any:
    """Interest part of payment number ``per`` (numpy-financial ``ipmt``, Excel IPMT).

    Notes
    -----
    Uses the balance after ``k = per - 1`` payments,
    ``B = pv - (pv + fv) * ((1+rate)**k - 1) / ((1+rate)**nper - 1)``, which
    stays accurate for very long terms (numpy/numpy-financial#35). The
    interest is ``-B*rate`` (``-B*rate/(1+rate)`` for payments at the
    beginning, and 0 for the first of those). nan where ``per`` is below 1
    or above ``nper`` (no such payment), as numpy-financial and pyxirr give.

    Examples
    --------
    The first month of a one-year 2,500 loan at 8.24%:

    >>> print(f"{ipmt(0.0824 / 12, 1, 12, 2500):.2f}")
    -17.17
    """
    scalar, (r, p, n, v, f, w) = _args(rate=rate, per=per, nper=nper, pv=pv, fv=fv, when=when)
    return _out(_ipmt(r, p, n, v, f, w), scalar)


def ppmt(rate: ArrayLike, per: ArrayLike, nper: ArrayLike, pv: ArrayLike, fv: ArrayLike = 0,
         when: Any = "end") -> Any:
    """Principal part of payment number ``per``: ``pmt - ipmt`` (numpy-financial ``ppmt``).

    With payments at the beginning, the first payment is all principal, so
    ``ppmt(..., per=1, when='begin') == pmt(..., when='begin')``. nan where
    ``per`` is below 1 or above ``nper``, as :func:`ipmt`.

    Examples
    --------
    >>> print(f"{ppmt(0.0824 / 12, 1, 12, 2500):.2f}")
    -200.58
    """
    scalar, (r, p, n, v, f, w) = _args(rate=rate, per=per, nper=nper, pv=pv, fv=fv, when=when)
    total, interest = _ipmt(r, p, n, v, f, w, with_total=True)
    return _out(total - interest, scalar)


def _cumulative(rate, nper, pv, start_period, end_period, when) -> tuple[bool, NDArray, NDArray]:
    """(scalar, principal, interest) summed over payments start..end (Excel CUMPRINC/CUMIPMT)."""
    scalar, (r, n, v, s, e, w) = _args(rate=rate, nper=nper, pv=pv, start_period=start_period,
                                       end_period=end_period, when=when)
    n, s, e = np.trunc(n), np.trunc(s), np.trunc(e)  # Excel truncates these to whole numbers
    with np.errstate(all="ignore"):
        valid = (r > 0) & (n > 0) & (v > 0) & (s >= 1) & (s <= e) & (e <= n)
        L = np.log1p(r)
        en = np.expm1(-n * L)

        def paid_off(j):  # share of pv repaid after j payments: F(j)/F(n), scaled to stay finite
            return np.exp((j - n) * L) * (np.expm1(-j * L) / en)

        # the balance after j payments is pv*(1 - paid_off(j)); with payments at the beginning,
        # the principal is what the balance just after each payment, B(j)/(1+rate), loses (pv before any)
        a, b = paid_off(s - 1), paid_off(e)
        principal = v * (a - b)
        if _nonzero(w):
            after = lambda j, x: np.where(j >= 1, v * (1.0 - x) / (1.0 + r), v)  # noqa: E731
            principal = np.where(w == 1, after(e, b) - after(s - 1, a), principal)
        interest = _pmt(r, n, v, np.zeros(()), w) * (e - s + 1.0) - principal
    return scalar, np.where(valid, principal, np.nan), np.where(valid, interest, np.nan)


def cumipmt(rate: ArrayLike, nper: ArrayLike, pv: ArrayLike, start_period: ArrayLike,
            end_period: ArrayLike, when: Any = "end") -> Any:
    """Interest paid from payment ``start_period`` to ``end_period``, both included (Excel CUMIPMT).

    The sum of :func:`ipmt` over those payments, in closed form (no loop over
    periods). ``nper`` and the periods are truncated to whole numbers, as
    Excel does. nan where Excel gives #NUM!: rate, nper or pv not above 0,
    a start below 1, a start after the end, or an end after ``nper``. A
    ``when`` other than end/begin (0/1) raises InputError, as elsewhere.

    Examples
    --------
    Excel's CUMIPMT example: 125,000 over 30 years at 9%, interest in the second year:

    >>> print(f"{cumipmt(0.09 / 12, 30 * 12, 125_000, 13, 24):.5f}")
    -11135.23213
    """
    scalar, _, interest = _cumulative(rate, nper, pv, start_period, end_period, when)
    return _out(interest, scalar)


def cumprinc(rate: ArrayLike, nper: ArrayLike, pv: ArrayLike, start_period: ArrayLike,
             end_period: ArrayLike, when: Any = "end") -> Any:
    """Principal repaid from payment ``start_period`` to ``end_period``, both included (Excel CUMPRINC).

    The sum of :func:`ppmt` over those payments: the fall in the balance.
    Truncation and nan cases as :func:`cumipmt`.

    Examples
    --------
    Excel's CUMPRINC example: the same loan, principal repaid in the second year:

    >>> print(f"{cumprinc(0.09 / 12, 30 * 12, 125_000, 13, 24):.7f}")
    -934.1071234
    """
    scalar, principal, _ = _cumulative(rate, nper, pv, start_period, end_period, when)
    return _out(principal, scalar)


def nper(rate: ArrayLike, pmt: ArrayLike, pv: ArrayLike, fv: ArrayLike = 0, when: Any = "end") -> Any:
    """Number of periods to go from ``pv`` to ``fv`` (numpy-financial ``nper``, Excel NPER).

    Returns nan where no number of periods solves (a payment that never
    covers the interest). At rate 0 it is ``-(fv + pv) / pmt``, so
    ``nper(0, -100, 1000)`` is 10 (numpy-financial 1.0.0 says -10), and each
    element of an array is solved on its own.

    Examples
    --------
    Paying 150 a month on an 8,000 loan at 7% a year:

    >>> print(f"{nper(0.07 / 12, -150, 8000):.5f}")
    64.07335
    """
    scalar, (r, p, v, f, w) = _args(rate=rate, pmt=pmt, pv=pv, fv=fv, when=when)
    with np.errstate(all="ignore"):
        z = p * (1.0 + r * w) / r
        out = np.log1p(-(f + v) / (v + z)) / np.log1p(r)
        zero = r == 0
        if zero.any():
            out = np.where(zero, np.where(p == 0, np.nan, -(f + v) / p), out)
    return _out(out, scalar)


def _rate_g(r, n, p, v, f, w):
    """g(r)*s and g'(r)*s for the annuity equation (s > 0 scales away overflow)."""
    _, s, sT, sF = _factors(r, n)
    a = 1.0 + r * w
    g = f * s + v * sT + p * a * sF
    nT = n * sT / (1.0 + r)
    dF = np.where(r == 0, n * (n - 1.0) / 2.0, (nT - sF) / np.where(r == 0, 1.0, r))
    dg = v * nT + p * (w * sF + a * dF)
    return g, dg


def rate(nper: ArrayLike, pmt: ArrayLike, pv: ArrayLike, fv: ArrayLike = 0, when: Any = "end",
         guess: float | None = None, tol: float | None = None, maxiter: int = 100) -> Any:
    """Interest rate per period (numpy-financial ``rate``, Excel RATE).

    Newton's method from ``guess`` (0.1) as numpy-financial does, element by
    element; where it fails, a scan of rates from -99.999% up brackets the
    roots and Brent's method finds the one nearest ``guess``. nan only where
    no rate solves. ``fv`` defaults to 0 (numpy-financial 1.0.0 requires it).

    Examples
    --------
    8,000 borrowed, repaid 200 a month for 4 years (Excel RATE example):

    >>> print(f"{rate(4 * 12, -200, 8000) * 12:.4f}")
    0.0924
    """
    scalar, (n, p, v, f, w) = _args(nper=nper, pmt=pmt, pv=pv, fv=fv, when=when)
    guess = 0.1 if guess is None else float(guess)
    tol = 1e-6 if tol is None else float(tol)
    shape = np.broadcast_shapes(n.shape, p.shape, v.shape, f.shape, w.shape)
    n, p, v, f, w = (np.broadcast_to(a, shape).ravel() for a in (n, p, v, f, w))
    r = np.full(n.shape, guess)
    done = np.zeros(n.shape, dtype=bool)
    with np.errstate(all="ignore"):
        active = np.arange(n.size)
        for _ in range(int(maxiter)):
            if active.size == 0:
                break
            ra = r[active]
            g, dg = _rate_g(ra, n[active], p[active], v[active], f[active], w[active])
            step = g / dg
            r[active] = ra - step
            ok = np.abs(step) < tol
            bad = ~np.isfinite(step)
            done[active[ok]] = True
            active = active[~(ok | bad)]
        polish = np.flatnonzero(done)  # one more Newton step: quadratic, so to full precision
        if polish.size:
            g, dg = _rate_g(r[polish], n[polish], p[polish], v[polish], f[polish], w[polish])
            step = g / dg
            r[polish] = np.where(np.isfinite(step), r[polish] - step, r[polish])
        # accept only real roots: rate above -100% and the equation balanced
        _, s, sT, sF = _factors(r, n)
        terms = (f * s, v * sT, p * _scale(_due(r, w), sF))
        balanced = np.abs(sum(terms)) <= 1e-9 * sum(np.abs(x) for x in terms)
    failed = ~(done & balanced & (r > -1))
    for i in np.flatnonzero(failed):
        r[i] = _rate_scan(n[i], p[i], v[i], f[i], w[i], guess)
    return _out(r.reshape(shape), scalar)


def _rate_scan(n, p, v, f, w, guess):
    def g(x):
        with np.errstate(all="ignore"):
            return _rate_g(np.expm1(np.asarray(x, dtype=float)), n, p, v, f, w)[0]

    return float(np.expm1(_nearest_root(g, np.log1p(guess))))


def _nearest_root(func, target_log):
    """Root of ``func(L)`` over the scan grid nearest ``target_log`` (None: numpy-financial's
    choice, the smallest root at or above 0, else the largest below), or nan."""
    from scipy.optimize import brentq  # type: ignore[import-untyped]

    values = func(_SCAN)
    if not values.any():  # zero at every rate (all flows on one date, summing to 0)
        return np.nan
    sign = np.sign(values)
    exact = _SCAN[sign == 0]
    idx = np.flatnonzero(sign[:-1] * sign[1:] < 0)
    roots = list(exact)
    for i in idx:
        try:
            roots.append(brentq(lambda x: float(func(x)), _SCAN[i], _SCAN[i + 1], xtol=1e-15, rtol=1e-15))
        except ValueError:  # pragma: no cover - sign change guaranteed by the scan
            continue
    if not roots:
        return np.nan
    roots = np.asarray(roots)
    if target_log is None:
        above = roots[roots >= 0]
        return above.min() if above.size else roots.max()
    # nearest in rate, as numpy-financial measures (|rate|, not |log(1+rate)|)
    return roots[np.argmin(np.abs(np.expm1(roots) - np.expm1(target_log)))]


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


# ---------------------------------------------------------------- root finding


def _one_change(flows: NDArray) -> tuple[NDArray, NDArray, NDArray]:
    """Per row: any root possible, signs change exactly once, and the column
    where the second sign starts. Columns in time order."""
    nz = flows != 0
    first = np.take_along_axis(flows, np.argmax(nz, axis=1)[:, None], axis=1)[:, 0]
    s0 = np.sign(first)
    same = (flows * s0[:, None]) > 0
    other = (flows * s0[:, None]) < 0
    has_other = other.any(axis=1)
    first_other = np.argmax(other, axis=1)
    last_same = flows.shape[1] - 1 - np.argmax(same[:, ::-1], axis=1)
    return has_other, has_other & (last_same < first_other), first_other


def _solve(times, flows, guess, target, tol, maxiter) -> NDArray[np.float64]:
    """Rates r solving sum_j flows[i, j] * (1+r)**-times[j] = 0, one per row (nan: none).

    ``times`` ascending. ``target`` None picks numpy-financial's root (the
    smallest at or above 0, else the nearest below 0); a rate picks the root
    nearest it. Rows whose signs change once have one root, found together by
    Halley's method on L = log(1+r). The rest (several sign changes) are
    solved together the same way, and each root is kept where Descartes' rule
    for the partial sums (:func:`_certified`) proves it the one wanted; rows
    left are checked on a grid, then scanned alone.
    """
    m = flows.shape[0]
    out = np.full(m, np.nan)
    possible, single, turn = _one_change(flows)
    start = None if guess is None else float(np.log1p(guess))
    idx = np.flatnonzero(single)
    if idx.size:
        F = flows if idx.size == m else flows[idx]
        L = _two_flow_guess(times, F) if start is None else np.full(idx.size, start)
        L, ok = _halley(times, F, times[turn[idx]], L, tol, maxiter)
        out[idx[ok]] = np.expm1(L[ok])
        possible[idx[ok]] = False
    idx = np.flatnonzero(possible)
    if idx.size:  # several sign changes: Halley from the two-flow estimate, kept where proven
        F = flows if idx.size == m else flows[idx]
        # turn at the start of the last run of one sign: there Q is nearest monotone
        opposite = F * _last_sign(F)[:, None] < 0
        last = F.shape[1] - 1 - np.argmax(opposite[:, ::-1], axis=1)
        # stop a step early (a step of 1e-4 leaves ~1e-12): the check polishes the root
        L, ok = _halley(times, F, times[np.minimum(last + 1, times.size - 1)], _two_flow_guess(times, F),
                        tol, maxiter, monotone=False, step_tol=1e-4)
        certain, L = _certified(times, F, L, target)
        ok &= certain
        out[idx[ok]] = np.expm1(L[ok])
        possible[idx[ok]] = False
    target_log = None if target is None else float(np.log1p(target))
    idx = np.flatnonzero(possible)
    if idx.size and target_log is not None:  # a grid check of the rows left
        L = _newton_nearest(times, flows[idx], target_log)
        ok = np.isfinite(L)
        out[idx[ok]] = np.expm1(L[ok])
        possible[idx[ok]] = False
    for i in np.flatnonzero(possible):
        out[i] = np.expm1(_nearest_root(lambda L, v=flows[i]: _scaled_sum(times, v, L), target_log))
    return out


def _last_sign(F: NDArray) -> NDArray:
    """Sign of each row's last nonzero flow."""
    nz = F != 0
    last = F.shape[1] - 1 - np.argmax(nz[:, ::-1], axis=1)
    return np.sign(F[np.arange(F.shape[0]), last])


def _changes(S: NDArray) -> NDArray:
    """Sign changes along each row of ``S``, never fewer than the true count (a zero
    inside a row may count as two; zeros before the row's first nonzero count none)."""
    neg = S < 0
    flips = (neg[:, 1:] != neg[:, :-1]).sum(axis=1)
    lead = S[:, 0] == 0
    if lead.any():  # leading zeros then a negative: one step that is no change
        first = np.argmax(S != 0, axis=1)
        flips = flips - (lead & neg[np.arange(S.shape[0]), first])
    return flips


def _moments(G: NDArray, powers: NDArray) -> NDArray:
    """Rows of G times the columns of ``powers`` (1, t, t**2): three row sums in one read of G,
    in blocks of rows small enough that BLAS runs them on one thread (with the cores shared, a
    threaded product of this shape was slower than three plain sums)."""
    if G.shape[0] <= _BLOCK:
        return (G @ powers).T
    out = np.empty((G.shape[0], powers.shape[1]))
    for start in range(0, G.shape[0], _BLOCK):  # (blocks of rows, not a loop over series)
        np.matmul(G[start:start + _BLOCK], powers, out=out[start:start + _BLOCK])
    return out.T


_BLOCK = 512


def _discounted(times: NDArray, F: NDArray, A: NDArray) -> NDArray:
    """F[i, j] exp(-t_j A[i]), rows scaled by a positive factor where exp could
    overflow (signs and partial-sum signs unchanged)."""
    X = np.multiply.outer(-A, times)
    if not (times[0] == 0 and -A.min() * times[-1] < 700):
        X -= np.where(A >= 0, -A * times[0], -A * times[-1])[:, None]
    np.exp(X, out=X)
    X *= F
    return X


def _certified(times: NDArray, F: NDArray, L: NDArray, target: float | None) -> tuple[NDArray, NDArray]:
    """Whether each root L[i] of row i is proven the one :func:`_solve` picks, and the roots
    polished by one Halley step.

    Descartes' rule for exponential sums (Laguerre): sum_j G_j exp(-t_j x), t
    ascending, has at most as many roots x > 0 as the partial sums G_0,
    G_0 + G_1, ... change sign. Applied to the flows discounted at a rate A it
    bounds the roots above A; to the flows in reverse time order, the roots
    below it. No change above L + eps and one below it: L is the only root.
    Else one change, with L on that side of the target's mirror, leaves no
    other root there. Also checks that the sum changes sign across L (a
    genuine root, not a stall).
    """
    ok = np.isfinite(L)
    Ls = np.where(ok, L, 0.0)
    with np.errstate(all="ignore"):
        # a root between L -+ eps (the sums' signs differ), and the only one: no sign change of the
        # partial sums at L + eps (no root above), one of those in reverse order (one root below)
        eps = 1e-7 * (1.0 + np.abs(Ls))
        D = _discounted(times, F, Ls + eps)
        S = np.cumsum(D, axis=1)
        total = S[:, -1]
        size = np.abs(D).sum(axis=1)
        # the sum at L - eps from the same terms: exp(2 eps t) to its t**2 term, the rest below
        # (2 eps t)**3 of each term
        x = 2.0 * eps * times[-1]
        s0, s1, s2 = _moments(D, np.stack([np.ones_like(times), times, times * times], axis=1))
        low = s0 + 2.0 * eps * s1 + 2.0 * eps * eps * s2
        # and a Halley step from L + eps (f = s0, f' = -s1, f'' = s2): the root to the last digit,
        # kept inside the bracket (L - eps, L + eps)
        polished = Ls + eps - 2.0 * s0 * -s1 / (2.0 * s1 * s1 - s0 * s2)
        Ls = np.where(np.abs(polished - Ls) < eps, polished, Ls)
        ok &= (np.sign(low) * np.sign(total) < 0) & (np.abs(low) > (x ** 3 * np.exp(x) + 1e-12) * size)
        # the reverse partial sums are total - S[j-1]; a sum within rounding of 0 proves nothing
        slack = 1e-12 * size[:, None]
        back = np.empty_like(S)
        back[:, 0] = total
        np.subtract(total[:, None], S[:, :-1], out=back[:, 1:])
        sure = ~((np.abs(S) <= slack) & (S != 0)).any(axis=1) & ~(np.abs(back) <= slack).any(axis=1)
        unique = ok & sure & (_changes(S) == 0) & (_changes(back) <= 1)
        if unique.all():
            return unique, Ls
        if target is None:  # numpy-financial: the smallest root >= 0, else the largest below 0
            forward = _changes(np.cumsum(F, axis=1))
            backward = _changes(np.cumsum(F[:, ::-1], axis=1))
            total = F.sum(axis=1)
            above = (Ls >= 0) & (forward <= 1) & ((total != 0) | (Ls == 0))
            below = (Ls < 0) & (forward == 0) & (total != 0) & (backward <= 1)
            return unique | (ok & (above | below)), Ls
        # the root nearest the target: no other root between L and the rate as far on the other side
        rate = np.expm1(Ls)
        mirror = np.log1p(np.maximum(2.0 * target - rate, np.expm1(_CHECK[0])))
        up = rate >= target
        A = np.where(up, np.minimum(mirror, Ls), np.maximum(mirror, Ls))
        D = _discounted(times, F, A)
        forward = _changes(np.cumsum(D, axis=1))
        backward = _changes(np.cumsum(D[:, ::-1], axis=1))
    return unique | (ok & ((rate == target) | np.where(up, (forward <= 1) & (A < Ls), (backward <= 1) & (A > Ls)))), Ls


def _sums(times, F, L):
    """sum_j F[i, j] exp(-t_j L[i, k]) and the same weighted by t_j, each row and
    column scaled by one positive factor (so nothing overflows and signs hold)."""
    X = L[..., None] * -times
    X -= np.where(L >= 0, -L * times[0], -L * times[-1])[..., None]
    np.exp(X, out=X)
    X *= F[:, None, :] if L.ndim == 2 else F
    s0 = X.sum(axis=-1)
    X *= times
    return s0, X.sum(axis=-1)


_CHUNK = 1 << 22  # floats per block of the nearer-root check (rows x scan points x flows)


def _newton_nearest(times, F, target_log: float) -> NDArray[np.float64]:
    """Roots L of sum_j F[i, j] exp(-t_j L), all rows at once, each the one nearest
    ``target_log`` in rate, or nan (the row is then scanned alone).

    Newton's method starts from the two-flow estimate, near the root for DCA-like
    rows (from the target it can run off to +inf on a loss). A root is kept only
    where the check grid, between it and the rate as far on the other side of the
    target, shows no sign change: no nearer root.
    """
    m = F.shape[0]
    L = _two_flow_guess(times, F)
    done = np.zeros(m, dtype=bool)
    active = np.arange(m)
    with np.errstate(all="ignore"):
        for _ in range(100):
            s0, s1 = _sums(times, F[active], L[active])
            step = np.clip(-s0 / s1, -1.0, 1.0)  # f / f' with f' = -s1
            new = L[active] - step
            conv = (np.abs(step) <= 1e-14 * (1.0 + np.abs(new))) | (s0 == 0)
            bad = ~np.isfinite(new) | (np.abs(new) > _CHECK[-1])
            L[active] = np.where(bad, np.nan, new)
            done[active[conv & ~bad]] = True
            active = active[~(conv | bad)]
            if active.size == 0:
                break
        L[~done] = np.nan
        # rates nearer the target than the root lie between it and 2*target - root
        far = 2.0 * np.expm1(target_log) - np.expm1(L)
        far = np.log1p(np.maximum(far, np.expm1(_CHECK[0])))
        lo = np.searchsorted(_CHECK, np.minimum(far, L), side="right") - 1  # one point beyond
        hi = np.searchsorted(_CHECK, np.maximum(far, L), side="left") + 1   # each end
        below = far < L  # the root's own scan point is left out
        lo, hi = np.where(below, lo, lo + 1), np.where(below, hi - 1, hi)
        lo, hi = np.clip(lo, 0, _CHECK.size), np.clip(hi, 0, _CHECK.size)
        width = np.where(done, hi - lo, 0)
        order = np.argsort(width)  # narrow intervals first, as many rows a block as fit
        start = 0
        while start < m:
            rest = np.maximum(width[order[start:]], 1) * times.size
            fits = np.arange(1, rest.size + 1) * rest <= _CHUNK
            block = order[start:start + max(1, int(np.argmin(fits)) if not fits.all() else rest.size)]
            start += block.size
            k = max(int(width[block].max()), 1)
            cols = np.minimum(lo[block, None] + np.arange(k), _CHECK.size - 1)
            valid = np.arange(k) < width[block, None]
            signs = np.sign(_sums(times, F[block], _CHECK[cols])[0])
            first = signs[np.arange(block.size), 0][:, None]
            other = (((signs != first) | (signs == 0)) & valid).any(axis=1)
            L[block] = np.where(other, np.nan, L[block])
    return L


def _scaled_sum(times, v, L):
    """sum v_j exp(-t_j L), scaled by a positive factor so it never overflows."""
    L = np.asarray(L, dtype=np.float64)
    X = np.multiply.outer(-L, times)
    X -= X.max(axis=-1, keepdims=True)
    return (np.exp(X) * v).sum(axis=-1)  # not BLAS: the same sum whatever v's alignment


def _two_flow_guess(times, F):
    """log(1+r) that makes the flows' positive and negative parts, each
    collapsed to one flow at its amount-weighted time, worth the same."""
    pos = np.maximum(F, 0.0)
    P, S = pos.sum(axis=1), F.sum(axis=1)
    pos *= times
    Pt, St = pos.sum(axis=1), (F * times).sum(axis=1)  # row sums: a row's digits never
    # depend on the other rows of a batch (BLAS could change them)
    N, Nt = P - S, Pt - St
    with np.errstate(all="ignore"):
        L = np.log(P / N) / (Pt / P - Nt / N)
    return np.clip(np.nan_to_num(L, nan=0.0, posinf=0.0, neginf=0.0), -2.0, 2.0)


def _halley(times, F, turn, L, tol, maxiter, monotone=True, step_tol=None):
    """Halley's method for the root of sum_j F[:, j] exp(-t_j L), all rows at once.

    Each row's signs change once, at time ``turn``; multiplied by
    ``exp(turn*L)`` its sum becomes ``Q(L)``, strictly monotone in L (every
    term moves the same way), so Q's steps always point at the root. A
    bracket of the points seen on either side stops any overshoot (bisection).
    With ``monotone=False`` (signs changing several times) there is no
    bracket: steps are only clipped, and the caller checks what it finds.
    Each pass costs one exp per flow: the terms G = F*exp(-t L) give Q, Q'
    and Q'' from one product with (1, t, t**2). Where exp could overflow,
    terms are scaled by the row's largest exp(-t L); converged rows drop out
    of the work.
    """
    L = L.astype(np.float64).copy()
    ok = np.zeros(L.size, dtype=bool)
    active = np.arange(L.size)
    Fa, ts = F, turn
    lo, hi = np.full(L.size, -np.inf), np.full(L.size, np.inf)
    buffer = np.empty(F.shape)
    tmin, tmax = times[0], times[-1]
    powers = np.stack([np.ones_like(times), times, times * times], axis=1)  # the three sums in one product
    if step_tol is None:
        step_tol = max(float(tol), 1e-15) ** 0.5  # cubic convergence: the next error is ~ step**3
    with np.errstate(all="ignore"):
        for _ in range(int(maxiter)):
            La = L[active]
            G = buffer[: La.size]
            np.multiply.outer(-La, times, out=G)
            if not (tmin == 0 and -La.min() * tmax < 700):  # scale only where exp could overflow
                G -= np.where(La >= 0, -La * tmin, -La * tmax)[:, None]
            np.exp(G, out=G)
            G *= Fa
            s0, s1, s2 = _moments(G, powers)
            q, q1, q2 = s0, ts * s0 - s1, s2 - 2.0 * ts * s1 + ts * ts * s0  # Q, Q', Q'' (scaled)
            newton = q / q1
            step = 2.0 * q * q1 / (2.0 * q1 * q1 - q * q2)
            step = np.where((step * newton > 0) & (np.abs(step) <= 2.0 * np.abs(newton)), step, newton)
            step = np.clip(step, -1.0, 1.0)
            # the root is below La where Q and Q' share a sign, above it otherwise
            below = newton > 0
            hi_a = np.where(below, La, hi[active])
            lo_a = np.where(below, lo[active], La)
            new = La - step
            settled = (new == La) | (q == 0)  # at the root to the last digit
            bisect = ~((new > lo_a) & (new < hi_a)) & ~settled & np.isfinite(lo_a + hi_a) & monotone
            new = np.where(bisect, 0.5 * (lo_a + hi_a), new)
            L[active], lo[active], hi[active] = new, lo_a, hi_a
            conv = ((np.abs(new - La) <= step_tol * (1.0 + np.abs(new))) & ~bisect) | settled
            bad = ~np.isfinite(new)
            ok[active[conv & ~bad]] = True
            keep = ~(conv | bad)
            if not keep.all():
                active, Fa, ts = active[keep], Fa[keep], ts[keep]
            if active.size == 0:
                break
    return L, ok & np.isfinite(L)


# ---------------------------------------------------------------- short series in plain floats

_SMALL = 32  # flows up to which xirr and irr solve in plain Python floats (no numpy round trip)
_NUMBER = (int, float)
_FAST_BASIS = {"act/365": 365.0, "act/360": 360.0}


def _small_root(t: list[float], a: list[float], start: float | None, target: float | None) -> float | None:
    """The rate :func:`_solve` gives for one short series, in plain floats; None where
    only the array path can decide (it is then asked). ``t`` ascending from 0."""
    exp, n, mul = math.exp, len(a), operator.mul
    signs = [x > 0 for x in a if x]  # sign changes, skipping zero flows
    changes = sum(map(operator.ne, signs[1:], signs[:-1]))
    if changes == 0:
        return math.nan
    k = len(signs) - 1  # the last run of one sign starts at its k-th nonzero flow
    while signs[k - 1] == signs[k]:
        k -= 1
    turn = [tj for tj, x in zip(t, a) if x][k]
    tn = t[-1]
    at = list(map(mul, a, t))
    monotone = changes == 1
    if monotone and start is not None:
        L = start
    else:  # the two-flow estimate, from the sums of the flows and of |flows| (t >= 0)
        net, gross, net_t, gross_t = sum(a), sum(map(abs, a)), sum(at), sum(map(abs, at))
        P, N = (gross + net) / 2.0, (gross - net) / 2.0
        Pt, Nt = (gross_t + net_t) / 2.0, (gross_t - net_t) / 2.0
        try:
            L = math.log(P / N) / (Pt / P - Nt / N)
            L = -2.0 if L < -2.0 else 2.0 if L > 2.0 else L if L == L else 0.0
        except (ValueError, ZeroDivisionError, OverflowError):
            L = 0.0
    lo, hi = -math.inf, math.inf
    # Halley's next error is ~ K step**3 with K up to ~ tn**2: stop where that is below 1e-15
    step_tol = 1e-5 / (1.0 + tn) ** (2.0 / 3.0) if monotone else 1e-4
    att = list(map(mul, at, t))
    nt = [-tj for tj in t]
    for _ in range(100):
        if L < 0 and -L * tn > 700:  # scale by the largest term so nothing overflows
            e = [exp(x * L + L * tn) for x in nt]
        else:
            e = list(map(exp, map(mul, nt, repeat(L, n))))
        s0 = sum(map(mul, a, e))
        s1 = sum(map(mul, at, e))
        s2 = sum(map(mul, att, e))
        if s0 == 0:
            break
        q1 = turn * s0 - s1
        if q1 == 0 or q1 != q1:
            return None
        newton = s0 / q1
        denom = 2.0 * q1 * q1 - s0 * (s2 - 2.0 * turn * s1 + turn * turn * s0)
        step = 2.0 * s0 * q1 / denom if denom else newton
        if not (step * newton > 0 and abs(step) <= 2.0 * abs(newton)):
            step = newton
        step = -1.0 if step < -1.0 else 1.0 if step > 1.0 else step
        new = L - step
        if monotone:
            if newton > 0:
                hi = L
            else:
                lo = L
            if not lo < new < hi and lo > -math.inf and hi < math.inf:
                L = 0.5 * (lo + hi)
                continue
        if abs(step) <= step_tol * (1.0 + abs(new)) or new == L:
            L = new
            break
        L = new
    else:
        return None
    if not math.isfinite(L):
        return None
    if not monotone:  # as _certified: proven unique from the flows discounted at L + eps
        eps = 1e-7 * (1.0 + abs(L))
        B = L + eps
        shift = -B * tn if B < 0 and -B * tn > 700 else 0.0
        D = [x * exp(-tj * B - shift) for tj, x in zip(t, a)]
        size = sum(abs(x) for x in D)
        slack = 1e-12 * size
        S, run, flips, sign = [], 0.0, 0, 0
        for x in D:
            run += x
            S.append(run)
            if run:
                if -slack <= run <= slack:
                    return None
                now = 1 if run > 0 else -1
                if sign and now != sign:
                    return None  # a change above L + eps: maybe another root
                sign = now
        total = run
        flips, sign = 0, 0
        for j in range(n):
            back = total - (S[j - 1] if j else 0.0)
            if -slack <= back <= slack:
                return None
            now = 1 if back > 0 else -1
            if sign and now != sign:
                flips += 1
            sign = now
        s0 = sum(D)
        s1 = sum(x * tj for tj, x in zip(t, D))
        s2 = sum(x * tj * tj for tj, x in zip(t, D))
        low = s0 + 2.0 * eps * s1 + 2.0 * eps * eps * s2
        x3 = 2.0 * eps * tn
        if flips > 1 or not (low > 0) != (total > 0) or abs(low) <= (x3 ** 3 * math.exp(x3) + 1e-12) * size:
            return None
        polished = B + 2.0 * s0 * s1 / (2.0 * s1 * s1 - s0 * s2)
        if abs(polished - L) < eps:
            L = polished
    return math.expm1(L)


def _plain_flows(values: Any) -> list[float] | None:
    """``values`` as a list of finite floats if it is a short plain list or tuple of numbers."""
    if type(values) not in (list, tuple) or not 2 <= len(values) <= _SMALL:
        return None
    try:
        out = [x + 0.0 for x in values]  # numbers only: text, None, lists fail here
        total = sum(out)
        if not isinstance(total, float) or not math.isfinite(total):  # (complex; nan, inf)
            return None
    except TypeError:
        return None
    return out


def _xirr_small(dates: Any, amounts: Any, guess: Any, day_count: Any) -> float | None:
    basis = _FAST_BASIS.get(day_count) if type(day_count) is str else None
    a = _plain_flows(amounts)
    if basis is None or a is None or type(dates) not in (list, tuple) or len(dates) != len(a):
        return None
    if guess is not None and not (type(guess) in _NUMBER and guess > -1):
        return None
    try:  # dates (and datetimes, their time of day dropped), or ISO text
        ords = list(map(_dt.date.toordinal, dates))
    except TypeError:
        try:
            ords = list(map(_dt.date.toordinal, map(_dt.date.fromisoformat, dates)))
        except (TypeError, ValueError):
            return None
    o0 = min(ords)
    t = [(o - o0) / basis for o in ords]
    if ords != sorted(set(ords)):  # in date order, one flow a date
        merged: dict[float, float] = {}
        for tj, x in zip(t, a):
            merged[tj] = merged.get(tj, 0.0) + x
        t = sorted(merged)
        a = [merged[tj] for tj in t]
    if t[-1] == 0:
        return None
    return _small_root(t, a, None if guess is None else math.log1p(guess), 0.1 if guess is None else guess)


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


# ---------------------------------------------------------------- rate conversions


def _npery(npery: Any) -> NDArray[np.float64]:
    n = np.trunc(_num(npery, "npery"))
    if not (n >= 1).all():
        raise InputError("npery", npery, code="tvm.npery")
    return n


def effect(nominal_rate: ArrayLike, npery: ArrayLike) -> Any:
    """Effective annual rate of a nominal rate compounded ``npery`` times a year (Excel EFFECT).

    ``(1 + nominal_rate/npery)**npery - 1``; ``npery`` is truncated to a
    whole number as Excel does. Zero and negative rates are accepted (Excel
    refuses them) as long as ``nominal_rate > -npery``.

    Examples
    --------
    >>> print(f"{effect(0.0525, 4):.6f}")
    0.053543
    """
    scalar, (r,) = _args(nominal_rate=nominal_rate)
    n = _npery(npery)
    if not (r > -n).all():
        raise InputError("nominal_rate", nominal_rate, code="tvm.nominal_range")
    with np.errstate(all="ignore"):  # a huge rate overflows to inf, as fv does
        return _out(np.expm1(n * np.log1p(r / n)), scalar and n.ndim == 0)


def nominal(effect_rate: ArrayLike, npery: ArrayLike) -> Any:
    """Nominal annual rate compounded ``npery`` times a year giving ``effect_rate`` (Excel NOMINAL).

    ``npery * ((1 + effect_rate)**(1/npery) - 1)``.

    Examples
    --------
    >>> print(f"{nominal(0.053543, 4):.6f}")
    0.052500
    """
    scalar, (e,) = _args(effect_rate=effect_rate)
    n = _npery(npery)
    if not (e > -1).all():
        raise InputError("effect_rate", effect_rate, code="tvm.effect_range")
    return _out(n * np.expm1(np.log1p(e) / n), scalar and n.ndim == 0)

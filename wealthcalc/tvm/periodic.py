"""Periodic annuity functions: fv, pv, pmt, ipmt, ppmt, cumipmt, cumprinc, nper, rate."""

from __future__ import annotations

import math
from typing import Any

import numpy as np
from numpy.typing import ArrayLike, NDArray

from ..errors import InputError
from ._common import _NUMBER, _WHEN, _args, _out
from ._roots import _nearest_root


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

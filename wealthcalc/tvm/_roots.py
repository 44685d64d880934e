"""Root finding for irr, xirr and rate: batch Halley iterations, the root choice and its proof, short series in plain floats."""

from __future__ import annotations

import datetime as _dt
import math
import operator
from itertools import repeat
from typing import Any

import numpy as np
from numpy.typing import NDArray

from ._common import _CHECK, _NUMBER, _SCAN


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

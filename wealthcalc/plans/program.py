"""The pot program: the most one pot can hold at every month, exactly, in fen."""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from ..deposits import fixed_maturity_fen
from .model import _Ctx, _fen, _Move, _payout_fen

class _Rolled:
    """The pot program: ``best[m, i]``, the most entry i's pot can hold at month m, in fen.

    Entry i holds ``values[i]`` yuan at month ``starts[i]``; ``best`` is -1
    where no plan reaches; ``via[m, i]`` is the last leg of that best pot.
    :meth:`advance` runs the program month by month, so callers looking for
    a target stop as soon as it is reached. Exact for one pot because every
    leg's value is non-decreasing in what it holds (module notes).
    """

    def __init__(self, ctx: _Ctx, values: np.ndarray, starts: np.ndarray, horizon: int,
                 limits: np.ndarray | None = None) -> None:
        n = len(values)
        self.ctx, self.moves, self.horizon = ctx, ctx.moves, horizon
        self.start = np.asarray(starts, dtype=int)
        # entry i is only read up to month limits[i]: its pot stops growing there
        self.limits = np.full(n, horizon) if limits is None else np.asarray(limits)
        # month-major, so the program reads and writes whole rows
        self.best = np.full((horizon + 1, n), -1, dtype=np.int64)
        self.via = np.full((horizon + 1, n), -1, dtype=np.int16)
        self.best[self.start, np.arange(n)] = _fen(values)
        self.done = 0  # best[:done + 1] is final

    def value(self, entry: int, month: int) -> float:
        """Yuan of entry's best pot at month (-inf when none reaches it)."""
        fen = int(self.best[month, entry])
        return fen / 100 if fen >= 0 else -math.inf

    def advance(self, month: int) -> "_Rolled":
        """Make ``best[:month + 1]`` final.

        Each month, every plain leg is valued for every entry at once (one
        broadcast call of the one-account rule); among legs of the same length the
        best wins (ties: the later in ``moves``), and it replaces the value
        already at its end month when at least as large (ties: the later
        start, so long legs come first).
        """
        ctx, best, horizon, moves = self.ctx, self.best, self.horizon, self.moves
        plain = [k for k, mv in enumerate(moves) if mv.product != "interest_payout"]
        combos = [k for k, mv in enumerate(moves) if mv.product == "interest_payout"]
        rates = np.array([[moves[k].rate] for k in plain])
        lengths = np.array([moves[k].months for k in plain], dtype=np.int64)
        minimums = np.array([moves[k].minimum * 100 for k in plain])
        groups = [(n, [r for r in range(len(plain)) if lengths[r] == n])
                  for n in sorted(set(lengths.tolist()), reverse=True)]
        for m in range(self.done, min(month, horizon)):
            idx = np.nonzero((best[m] >= 0) & (self.limits > m))[0]
            if idx.size == 0:
                continue
            v, limits = best[m, idx], self.limits[idx]
            v_high = v.max()
            rows = np.nonzero((m + lengths <= horizon) & (minimums <= v_high))[0]
            new = None
            if rows.size:
                if ctx.tax_by_date:
                    _, interest, _ = fixed_maturity_fen(v, rates[rows], lengths[rows, None])
                    tax = np.array([ctx.tax_fen(interest[i], m, m + int(lengths[r]))
                                    for i, r in enumerate(rows)])
                    grown = v + interest - tax
                else:
                    grown = fixed_maturity_fen(v, rates[rows], lengths[rows, None], ctx.tax_rate)[0]
                open_ = (v >= minimums[rows, None]) & (limits >= (m + lengths[rows])[:, None])
                new = np.full((len(plain), v.size), -1, dtype=np.int64)
                new[rows] = np.where(open_, grown, -1)
            for n, group in groups:
                if new is None or m + n > horizon:
                    continue
                if len(group) == 1:
                    value, leg = new[group[0]], plain[group[0]]
                else:  # the best of the legs of this length; ties: the later one
                    sub = new[group[::-1]]
                    pos = np.argmax(sub, axis=0)
                    value = sub[pos, np.arange(v.size)]
                    leg = np.array([plain[r] for r in group[::-1]])[pos]
                self._offer(m + n, idx, value, leg)
            for k in combos:
                mv = moves[k]
                ok = (v >= mv.minimum * 100) & (limits >= m + mv.months)
                if m + mv.months <= horizon and ok.any():
                    value = np.full(v.size, -1, dtype=np.int64)
                    value[ok] = _payout_fen(ctx, mv, v[ok], m)[0]
                    self._offer(m + mv.months, idx, value, k)
        self.done = max(self.done, min(month, horizon))
        return self

    def _offer(self, end: int, idx: np.ndarray, value: np.ndarray, leg: Any) -> None:
        """Keep ``value`` (via ``leg``) at month ``end`` where it is at least the best so far."""
        current = self.best[end, idx]
        better = (value >= current) & (value >= 0)
        if better.all():
            self.best[end, idx] = value
            self.via[end, idx] = leg
        elif better.any():
            self.best[end, idx] = np.where(better, value, current)
            self.via[end, idx] = np.where(better, leg, self.via[end, idx])


def _path(rolled: _Rolled, entry: int, end: int) -> list[tuple[int, _Move, float]]:
    """The legs (start month, move, value held) of entry's best pot to month end."""
    out = []
    m = end
    while m > rolled.start[entry]:
        k = rolled.via[m, entry]
        if k < 0:
            raise AssertionError("no path")  # pragma: no cover - callers check -inf first
        mv = rolled.moves[k]
        s = m - mv.months
        out.append((s, mv, rolled.value(entry, s)))
        m = s
    return out[::-1]


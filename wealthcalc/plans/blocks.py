"""The monthly model: blocks of contributions, their pots rolled to the horizon, the best cut."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Sequence

import numpy as np

from ..deposits import fixed_maturity_fen, installment_interest
from ..money import round_fen
from .model import _Ctx, _fen, _grow, _grow1, _Move, _yuan
from .program import _path, _Rolled

@dataclass(frozen=True)
class _Block:
    """A run of ``length`` contributions: a pool of k (invested at its last month) or a 零存整取."""

    kind: str  # "pool" | "installment"
    length: int
    offset: int  # the block's pot starts at j + offset
    rate: float = 0.0


def _blocks(ctx: _Ctx, monthly: float, horizon: int) -> list[_Block]:
    """The blocks of the monthly model: pools of every length (needs 活期), 零存整取 terms.

    With dated tax, pools are limited to 12 months and to the least lengths
    reaching a product minimum (each start month is then its own entry).
    """
    lengths = {1}
    if ctx.demand is not None and not ctx.tax_by_date:
        lengths = set(range(1, horizon + 1))
    elif ctx.demand is not None:
        lengths = set(range(1, min(horizon, 12) + 1))
        pool, k = monthly, 1
        for threshold in sorted({mv.minimum for mv in ctx.moves if mv.minimum > monthly}):
            while pool < threshold and k < horizon:
                pool, k = _grow1(ctx, ctx.demand, pool, 0)[0] + monthly, k + 1
            if pool >= threshold:
                lengths.add(k)
    blocks = [_Block("pool", k, k - 1) for k in sorted(lengths)]
    if monthly >= ctx.installment_min:
        blocks += [_Block("installment", n, n, r) for n, r in sorted(ctx.installment.items())
                   if n <= horizon]
    return blocks


def _block_start(ctx: _Ctx, block: _Block, monthly: float, j: np.ndarray) -> tuple[np.ndarray, ...]:
    """(money the block's pot starts with, interest, tax) for blocks starting at months j."""
    j = np.asarray(j)
    if block.kind == "installment":
        earned = int(_fen(installment_interest(monthly, block.rate, block.length)))
        taxed = np.array([ctx.tax_fen(earned, int(s), int(s) + block.length) for s in j]
                         if ctx.tax_by_date else [ctx.tax_fen(earned, 0, 0)] * j.size, dtype=np.int64)
        return (_yuan(int(_fen(monthly)) * block.length + earned - taxed),
                np.full(j.shape, earned / 100), _yuan(taxed))
    pool = np.full(j.shape, float(monthly))
    interest = np.zeros(j.shape)
    tax = np.zeros(j.shape)
    if block.length == 1:
        return pool, interest, tax
    demand = ctx.demand
    if demand is None:  # pragma: no cover - pools of more than one month need 活期 (_blocks)
        raise AssertionError("a pool without demand deposits")
    for i in range(block.length - 1):  # each month the pool earns 活期, then the next contribution
        grown, inter, tx = _grow_each(ctx, demand, pool, j + i)
        pool, interest, tax = round_fen(grown + monthly), interest + inter, tax + tx
    return pool, round_fen(interest), round_fen(tax)


def _grow_each(ctx: _Ctx, mv: _Move, v: np.ndarray, starts: np.ndarray):
    """:func:`_grow` for amounts opened at different months."""
    if not ctx.tax_by_date:
        return _grow(ctx, mv, v, 0)
    if mv.product == "interest_payout":
        parts = [_grow(ctx, mv, v[i:i + 1], int(s)) for i, s in enumerate(starts)]
        return tuple(np.concatenate([p[n] for p in parts]) for n in range(3))
    fen = _fen(v)
    interest = fixed_maturity_fen(fen, mv.rate, mv.months)[1]
    tax = np.zeros(len(fen), dtype=np.int64)
    for i in np.nonzero(np.asarray(starts) < ctx.untaxed_from())[0]:
        tax[i] = ctx.tax_fen(int(interest[i]), int(starts[i]), int(starts[i]) + mv.months)
    return _yuan(fen + interest - tax), _yuan(interest), _yuan(tax)


@dataclass
class _MonthlyTable:
    """Every block's money rolled to the horizon, read as values(blocks, j, H)."""

    monthly: float
    blocks: list[_Block]
    first: np.ndarray  # entry of each block (its start month 0, or the first start month)
    rolled: _Rolled
    shifted: bool  # growth independent of the start month: entries start at 0

    def __post_init__(self) -> None:
        self.lengths = np.array([b.length for b in self.blocks])
        self.offsets = np.array([b.offset for b in self.blocks])

    def matrix(self, horizon: int) -> np.ndarray:
        """Value in fen at ``horizon`` of block b started at month j, as [j, b] (-1: none)."""
        j = np.arange(horizon)[:, None]
        fits = j + self.lengths <= horizon
        if self.shifted:
            values = self.rolled.best[np.where(fits, horizon - j - self.offsets, 0), self.first]
        else:
            values = self.rolled.best[horizon, np.where(fits, self.first + j, 0)]
        return np.where(fits, values, -1)

    def steps(self, b: int, j: int, horizon: int) -> list[tuple[int, _Move, float]]:
        s = j + self.blocks[b].offset
        if not self.shifted:
            return _path(self.rolled, self.first[b] + j, horizon)
        return [(m + s, mv, v) for m, mv, v in _path(self.rolled, self.first[b], horizon - s)]


def _monthly_tables(ctx: _Ctx, monthlies: Sequence[float], horizon: int,
                    run: bool = True) -> list[_MonthlyTable]:
    """Roll every block's money for each monthly amount, all in one pot program.

    Without dated tax a pot's growth does not depend on its start month, so
    each block is rolled once from month 0 and read shifted; with dated tax
    each block start is its own entry. ``run=False`` leaves the program to be
    advanced by the caller.
    """
    shifted = not ctx.tax_by_date
    values: list[float] = []
    starts: list[int] = []
    layout = []
    pools = None
    if shifted and ctx.demand is not None:  # pool of k: k contributions gathered in 活期
        q = np.asarray(monthlies, dtype=float)
        pools = np.empty((horizon, q.size))
        pools[0] = q
        for k in range(1, horizon):
            pools[k] = round_fen(_grow(ctx, ctx.demand, pools[k - 1], 0)[0] + q)
    for i, monthly in enumerate(monthlies):
        blocks = _blocks(ctx, monthly, horizon)
        first = []
        for block in blocks:
            first.append(len(values))
            if not shifted:
                j = np.arange(0, horizon - block.length + 1)
                values.extend(_block_start(ctx, block, monthly, j)[0])
                starts.extend(j + block.offset)
            elif block.kind == "pool" and pools is not None:
                values.append(float(pools[block.length - 1, i]))
                starts.append(0)
            else:
                values.append(float(_block_start(ctx, block, monthly, np.array([0]))[0][0]))
                starts.append(0)
        layout.append((monthly, blocks, np.array(first)))
    limits = np.full(len(values), horizon)
    if shifted:  # a block's pot starts at its offset at the earliest: it needs fewer months
        limits = horizon - np.concatenate([[b.offset for b in blocks] for _, blocks, _ in layout])
    rolled = _Rolled(ctx, np.array(values, dtype=float), np.array(starts, dtype=int), horizon, limits)
    if run:
        rolled.advance(horizon)
    return [_MonthlyTable(monthly, blocks, first, rolled, shifted) for monthly, blocks, first in layout]


def _cut(table: _MonthlyTable, horizon: int) -> tuple[int, list[tuple[int, int]]]:
    """Best cut of contributions 0 … horizon−1 into blocks: (value in fen or -1, [(block, j)])."""
    return _cuts([table], horizon)[0]


def _cuts(tables: Sequence[_MonthlyTable], horizon: int) -> list[tuple[int, list[tuple[int, int]]]]:
    """:func:`_cut` for several tables, one program for all tables with the same blocks.

    ``fen[j]`` is the most contributions j … horizon−1 can be worth; blocks
    are independent pots, so ``fen[j] = max over blocks b of value(b, j) +
    fen[j + length(b)]`` is exact.
    """
    out: list[Any] = [None] * len(tables)
    groups: dict[tuple, list[int]] = {}
    for i, table in enumerate(tables):
        groups.setdefault(tuple(table.lengths.tolist()), []).append(i)
    for members in groups.values():
        lengths = tables[members[0]].lengths
        values = np.stack([tables[i].matrix(horizon) for i in members])  # [table, j, block]
        rows = np.arange(len(members))
        fen = np.full((len(members), horizon + 1), -1, dtype=np.int64)  # -1: impossible
        fen[:, horizon] = 0
        choice = np.full((len(members), horizon + 1), -1)
        for j in range(horizon - 1, -1, -1):
            rest = fen[:, np.minimum(j + lengths, horizon)]
            total = np.where((values[:, j] >= 0) & (rest >= 0), values[:, j] + rest, -1)
            k = np.argmax(total, axis=1)
            best = total[rows, k]
            ok = best >= 0
            fen[ok, j], choice[ok, j] = best[ok], k[ok]
        for r, i in enumerate(members):
            if fen[r, 0] < 0:
                out[i] = (-1, [])
                continue
            cut, j = [], 0
            while j < horizon:
                cut.append((int(choice[r, j]), j))
                j += int(lengths[choice[r, j]])
            out[i] = (int(fen[r, 0]), cut)
    return out

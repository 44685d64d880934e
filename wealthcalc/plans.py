"""Combined-deposit design (组合存款设计): the five planning modes, optimal and explained.

The five modes of a bank's deposit planner (工商银行 电子银行, c. 2004):

1. :func:`max_value` — amount + term → the plan with the largest maturity value;
2. :func:`shortest_term` — amount + target → the plan reaching the target soonest;
3. :func:`monthly_max_value` — monthly amount + term → the largest maturity value;
4. :func:`monthly_shortest_term` — monthly amount + target → the shortest term;
5. :func:`monthly_required` — term + target → the smallest monthly amount.

Each returns a :class:`Plan`: its legs (one record per deposit), totals, and
the naive choices it beats (one deposit of the longest term that fits,
1-year deposits rolled over, everything in 活期), so an advisor can say why.

The model
---------
Time runs in whole months; the plan's horizon is month ``H``. Money is always
in one *leg*, a deposit opened at month ``s`` for ``t`` months:

* 整存整取 of each allowed term (3, 6, 12, 24, 36, 60 months), from its minimum;
* 大额存单 of each listed term, from the 大额存单 minimum, at its own rates;
* 存本取息 of term n feeding a 零存整取 of term n with its monthly interest
  (利滚利, rules §5 C-7): the interest is paid from month 1 to n into the 零存整取,
  which matures at n + 1; the principal waits that last month in 活期, so the leg
  lasts n + 1 months;
* 活期 or 通知存款 (1-day / 7-day, from its minimum) for one month (30 days) at a
  time. Liquid months chain: the money is withdrawn with its interest and
  deposited again, which any customer may do.

A leg pays ``round(v × rate × t/12)`` at maturity, taxed ``round(interest × τ)``
(rules §5 ``grow``; :func:`wealthcalc.deposits.fixed_maturity_value`), or taxed
by the dates of rules §4 when a start date and ``tax_by_date`` are given.
Legs never end after the horizon: withdrawing early earns 活期, which a
liquid month earns anyway.

Why one pot suffices (modes 1, 2). Without rounding, a leg multiplies what it
holds by a fixed factor and is open to every amount above its minimum. Take
any plan that splits and merges the money, and among the chains of legs in it
the one with the largest product of factors ``G``, choosing at each leg the
best chain leading to it. Every yuan of the plan ends with at most ``A × G``
in total, and a single pot following that chain holds at each leg at least as
much as the plan put in that leg — so it meets every minimum the plan met.
Hence no splitting beats one pot except by the half-up rounding of its extra
maturities (at most 0.005 yuan each, then grown). For one pot, the dynamic
program ``best[m] = max over legs (s → m) of grow(best[s])`` is exact with the
rounding included, because ``grow`` never decreases when its input grows
(interest rounds half-up; tax rises at most one fen per fen of interest) and a
larger pot may use every leg a smaller one may. (With dated tax a leg spanning
three tax periods can, rarely, pay two fen more tax for one fen more interest,
as each period's share is rounded; there the program is exact to a fen a leg.)
``keep_available`` sets that
sum aside in 活期 for the whole horizon and plans the rest as one pot: keeping
more in 活期 never helps, by the same argument.

Monthly modes (3, 4, 5). ``monthly`` is paid at months 0 … H−1; the value is
counted at month H. The contributions are cut into consecutive *blocks*:

* a *pool* of k consecutive contributions (any k ≥ 1) gathered month by month
  in 活期 and invested together with the last one — k = 1 invests a
  contribution at once (the "十二存单" pattern); longer pools reach a minimum
  (整存整取 50, 通知存款 50,000, 大额存单 200,000) that one contribution cannot;
* a 零存整取 of term n taking n contributions.

Each block's money then rolls to the horizon as one pot (optimal by the
program above). Blocks are independent, so a second program over the
contribution months, ``fen[j] = max over blocks b of value(b, j) + fen[j +
length(b)]``, finds the best cut exactly, in fen. Outside the model: pots
merging after they were invested, a contribution split between blocks, and
pools waiting anywhere but 活期. With dated tax (each start month its own
pot), pools are limited to 12 months and to the least lengths reaching a
minimum, to keep the work bounded.

Legs that can never win are dropped before the programs run: a 1-day notice
deposit when the 7-day pays more from the same minimum, and a 存本取息→零存整取
leg when a fixed deposit of the same term followed by a month of 活期 earns
more at every amount, rounding included (the bound is in ``_combo_dominated``).

Modes 2 and 4 look for the first whole month reaching the target, up to
``max_months`` (30 years by default); mode 5 searches the monthly amount in
whole fen (or yuan). The best value never falls when the horizon (with 活期
allowed) or the monthly amount grows, so the first month or amount reaching
the target is the answer; each plan's ``iterations`` counts the horizons or
amounts examined.

Examples
--------
10,000 yuan for five years at the 2004-10-29 rates: one 5-year deposit.

>>> from types import SimpleNamespace
>>> t2004 = SimpleNamespace(demand=0.0072,
...     fixed={3: 0.0171, 6: 0.0207, 12: 0.0225, 24: 0.027, 36: 0.0324, 60: 0.036},
...     installment={12: 0.0171, 36: 0.0207, 60: 0.0225},
...     interest_payout={12: 0.0171, 36: 0.0207, 60: 0.0225}, notice={}, large_cd={},
...     large_cd_min=200_000, minimums={"fixed": 50, "installment": 5,
...     "interest_payout": 5000, "notice": 50_000, "large_cd": 200_000})
>>> plan = max_value(10_000, 60, rate_table=t2004)
>>> plan.value, [(leg.product, leg.months) for leg in plan.legs]
(11800.0, [('fixed', 60)])
"""

from __future__ import annotations

import datetime as _dt
import math
from dataclasses import dataclass, field, replace as _replace
from decimal import Decimal
from fractions import Fraction
from typing import Any, Collection, Sequence

import numpy as np

from .dates import add_months
from .deposits import TAX_PERIODS, fixed_maturity_fen, installment_interest, interest_tax_fen
from .errors import InputError, NoSolutionError
from .money import parse_amount, round_fen

__all__ = [
    "DEFAULT_MAX_MONTHS",
    "PRODUCTS",
    "Plan",
    "PlanAlternative",
    "PlanLeg",
    "max_value",
    "monthly_max_value",
    "monthly_required",
    "monthly_shortest_term",
    "shortest_term",
]

DEFAULT_MAX_MONTHS = 360
"""Longest horizon the planner considers, in months (30 years)."""

PRODUCTS = ("fixed", "large_cd", "installment", "interest_payout", "notice", "demand")
"""Product keys a plan may use: 整存整取, 大额存单, 零存整取, 存本取息→零存整取, 通知存款, 活期."""

_NAMES = {
    "fixed": ("整存整取", "lump-sum fixed deposit"),
    "large_cd": ("大额存单", "large certificate of deposit"),
    "installment": ("零存整取", "installment savings"),
    "interest_payout": ("存本取息→零存整取", "interest payout into installment savings"),
    "notice_1d": ("一天通知存款", "1-day notice deposit"),
    "notice_7d": ("七天通知存款", "7-day notice deposit"),
    "demand": ("活期", "demand deposit"),
    "reserve": ("活期(备用金)", "demand deposit (kept available)"),
}
_LIQUID = ("demand", "notice_1d", "notice_7d", "reserve")


# ---------------------------------------------------------------- results


@dataclass(frozen=True, slots=True)
class PlanLeg:
    """One deposit of a plan.

    ``pot`` numbers the money that rolls together (one per block in the monthly
    modes; the 活期 reserve is its own pot). ``amount`` is the principal put in
    (for 零存整取 the total of the installments, paid ``monthly``); ``value`` is
    what the leg pays at maturity, ``interest`` before and ``tax`` the interest
    tax. Consecutive liquid months of one product are shown as one leg.
    """

    pot: int
    product: str
    name: str
    name_en: str
    start_month: int
    months: int
    amount: float
    annual_rate: float
    interest: float
    tax: float
    value: float
    monthly: float | None = None
    start_date: _dt.date | None = None
    maturity_date: _dt.date | None = None

    def to_dict(self) -> dict[str, Any]:
        out = {name: getattr(self, name) for name in self.__slots__}
        for key in ("start_date", "maturity_date"):
            out[key] = out[key].isoformat() if out[key] else None
        return out


@dataclass(frozen=True, slots=True)
class PlanAlternative:
    """A naive choice over the same money and months, for comparison.

    ``installment_rule`` (monthly modes) is the answer of rules §5 with one
    零存整取 account: mode 3 one account of the horizon's term; mode 4 the
    shortest single term reaching the target (its own ``months``); mode 5 the
    monthly amount ``target / (n + K·R/12)`` rounded up (its own ``monthly``).
    ``months`` / ``monthly`` are None when they are the plan's.
    """

    key: str
    name: str
    name_en: str
    value: float
    interest: float
    tax: float
    shortfall: float
    """How much less than the plan it ends with (yuan; ≥ 0 for the same money and months)."""
    months: int | None = None
    monthly: float | None = None

    @property
    def principal(self) -> float:
        """Yuan it pays in: its value less the interest after tax."""
        return float(round_fen(self.value - self.interest + self.tax))

    def to_dict(self) -> dict[str, Any]:
        return {**{name: getattr(self, name) for name in self.__slots__}, "principal": self.principal}


@dataclass(frozen=True, slots=True)
class Plan:
    """A combined-deposit plan: legs, totals and the naive choices it beats.

    Amounts are yuan rounded half-up to the fen. ``principal`` is the money put
    in (``amount``, or ``monthly × months``); ``value = principal + interest −
    tax`` is what the customer holds at month ``months``. ``converged`` is
    always True for a returned plan; ``iterations`` counts the horizons
    (modes 2, 4) or monthly amounts (mode 5) examined, 1 for modes 1 and 3.
    """

    mode: str
    months: int
    principal: float
    value: float
    interest: float
    tax: float
    legs: tuple[PlanLeg, ...]
    alternatives: tuple[PlanAlternative, ...]
    amount: float | None = None
    monthly: float | None = None
    target: float | None = None
    keep_available: float = 0.0
    tax_rate: float | None = 0.0
    start_date: _dt.date | None = None
    converged: bool = True
    iterations: int = 1

    headers = ("pot", "product", "start_month", "months", "amount", "monthly", "annual_rate",
               "interest", "tax", "value", "maturity_date")

    def rows(self) -> list[list[Any]]:
        """One row per leg, in the order of ``headers``."""
        return [[leg.pot, leg.product, leg.start_month, leg.months, leg.amount, leg.monthly,
                 leg.annual_rate, leg.interest, leg.tax, leg.value, leg.maturity_date]
                for leg in self.legs]

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready built-ins with stable English keys."""
        return {
            "mode": self.mode,
            "months": self.months,
            "amount": self.amount,
            "monthly": self.monthly,
            "target": self.target,
            "principal": self.principal,
            "value": self.value,
            "interest": self.interest,
            "tax": self.tax,
            "keep_available": self.keep_available,
            "tax_rate": self.tax_rate,
            "start_date": self.start_date.isoformat() if self.start_date else None,
            "converged": self.converged,
            "iterations": self.iterations,
            "legs": [leg.to_dict() for leg in self.legs],
            "alternatives": [alt.to_dict() for alt in self.alternatives],
        }


# ---------------------------------------------------------------- model


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
    rule_installment: dict[int, float]  # the table's 零存整取 rates, for the rules §5 reference
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

    def untaxed_from(self) -> int:
        """The first month from which no interest is taxed (rules §4: from 2008-10-09)."""
        if self._untaxed is None:
            last_day, last_rate = TAX_PERIODS[-1]
            m = 0
            while last_rate == 0 and self.date(m) < last_day and m < 12 * 200:
                m += 1
            self._untaxed = m if last_rate == 0 else 10**9
        return self._untaxed

    def tax_fen(self, interest: Any, start: int, end: int) -> Any:
        """Interest tax (fen) on interest amounts (whole fen) of a leg from month start to end."""
        if self.tax_by_date:
            if start >= self.untaxed_from():  # every day after the last tax change: no tax
                return interest * 0
            return interest_tax_fen(interest, self.date(start), self.date(end))
        # a 1-year deposit at 100 % earns exactly its amount: its tax is round(interest × τ)
        return fixed_maturity_fen(interest, 1.0, 12, self.tax_rate)[2]


def _fen(v: Any) -> np.ndarray:
    """Yuan (fen-exact floats) as whole fen."""
    return np.rint(np.asarray(v, dtype=np.float64) * 100).astype(np.int64)


def _yuan(fen: Any) -> np.ndarray:
    return np.asarray(fen, dtype=np.float64) / 100


def _grow_fen(ctx: _Ctx, mv: _Move, fen: np.ndarray, start: int) -> tuple[Any, Any, Any]:
    """(value, interest, tax) in fen of a plain leg (rules §5 ``grow``, or taxed by §4 dates)."""
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

    Payouts (each ``round(v × rate / 12)``, rules §2.6) net of tax are the
    installments; the 零存整取 (月积数, rules §2.4) matures one month after
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


# ---------------------------------------------------------------- the pot program


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
        broadcast call of the §5 rule); among legs of the same length the
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


def _legs_of(ctx: _Ctx, pot: int, steps: Sequence[tuple[int, _Move, float]]) -> list[PlanLeg]:
    """Leg records for one pot, joining consecutive liquid months of one product."""
    legs: list[PlanLeg] = []
    for s, mv, v in steps:
        value, interest, tax = _grow1(ctx, mv, v, s)
        prev = legs[-1] if legs else None
        if (prev is not None and mv.product in _LIQUID and prev.product == mv.product
                and prev.start_month + prev.months == s):
            legs[-1] = _leg(ctx, pot, mv.product, prev.start_month, prev.months + mv.months,
                            prev.amount, mv.rate, round_fen(prev.interest + interest),
                            round_fen(prev.tax + tax), value)
        else:
            legs.append(_leg(ctx, pot, mv.product, s, mv.months, v, mv.rate, interest, tax, value))
    return legs


def _leg(ctx: _Ctx, pot: int, product: str, start: int, months: int, amount: float, rate: float,
         interest: float, tax: float, value: float, monthly: float | None = None) -> PlanLeg:
    zh, en = _NAMES[product]
    return PlanLeg(pot=pot, product=product, name=zh, name_en=en, start_month=start,
                   months=months, amount=float(amount), annual_rate=float(rate),
                   interest=float(interest), tax=float(tax), value=float(value),
                   monthly=monthly, start_date=ctx.date(start), maturity_date=ctx.date(start + months))


def _chain(ctx: _Ctx, v: float, start: int, moves: Sequence[_Move]) -> tuple[float, float, float]:
    """(value, interest, tax) of a fixed sequence of legs, or NaNs when one is not open to v."""
    interest = tax = 0.0
    for mv in moves:
        value, i, t = _grow1(ctx, mv, v, start)
        if v < mv.minimum or value == -np.inf:
            return math.nan, math.nan, math.nan
        v, interest, tax, start = value, interest + i, tax + t, start + mv.months
    return v, round_fen(interest), round_fen(tax)


# ---------------------------------------------------------------- inputs


def _mapping(table: Any, name: str) -> dict[int, float]:
    raw = getattr(table, name, None) or {}
    return {int(k): float(r) for k, r in dict(raw).items() if r is not None}


def _context(rate_table: Any, products: Collection[str] | None, fixed_terms: Collection[int] | None,
             max_leg_months: int | None, tax_rate: float, tax_by_date: bool,
             start_date: _dt.date | None) -> _Ctx:
    if rate_table is None:
        from .catalog import load

        rate_table = load().rate_table()
    allowed = set(PRODUCTS if products is None else products)
    unknown = allowed - set(PRODUCTS)
    if unknown or not allowed:
        raise InputError("products", sorted(unknown) if unknown else [],
                         f"choose among {', '.join(PRODUCTS)}",
                         hint_zh=f"储种请从 {', '.join(PRODUCTS)} 中选择")
    if not isinstance(tax_rate, (int, float)) or isinstance(tax_rate, bool) or not 0 <= tax_rate < 1:
        raise InputError("tax_rate", tax_rate, "a fraction from 0 up to (not including) 1, e.g. 0.2",
                         hint_zh="税率写成 0 到 1 之间的小数（不含 1），例如 0.2")
    if tax_by_date and start_date is None:
        raise InputError("start_date", None, "taxing by the dates of the interest (rules §4) "
                         "needs a start date", hint_zh="按利息所属日期计税（规则 §4）需要给出起存日期")
    if tax_by_date and tax_rate:
        raise InputError("tax_rate", tax_rate, "give either a tax rate or tax_by_date, not both",
                         hint_zh="固定税率与按日期计税只能选一种")
    if start_date is not None and not isinstance(start_date, _dt.date):
        raise InputError("start_date", start_date, "a datetime.date, e.g. date(2005, 1, 1)",
                         hint_zh="起存日期请给 datetime.date，例如 date(2005, 1, 1)")
    if max_leg_months is not None and (not isinstance(max_leg_months, int) or max_leg_months < 1):
        raise InputError("max_leg_months", max_leg_months, "a whole number of months, at least 1",
                         hint_zh="请给整数月数，至少 1 个月")
    longest = max_leg_months or 10**6
    asked = bool(tax_by_date)
    if asked:  # no taxed day from the start on: the same as no tax, and faster
        last_day, last_rate = TAX_PERIODS[-1]
        tax_by_date = not (last_rate == 0 and start_date >= last_day)
    mins = {k: float(v) for k, v in dict(getattr(rate_table, "minimums", None) or {}).items()}
    demand_rate = float(getattr(rate_table, "demand", 0.0) or 0.0)
    fixed = _mapping(rate_table, "fixed")
    if fixed_terms is not None:
        bad = [t for t in fixed_terms if t not in fixed]
        if bad:
            raise InputError("fixed_terms", bad, f"整存整取 terms of this table: {sorted(fixed)} months",
                             hint_zh=f"这张利率表的整存整取存期只有 {sorted(fixed)} 个月")
        fixed = {t: fixed[t] for t in fixed_terms}
    moves: list[_Move] = []
    if "fixed" in allowed:
        moves += [_Move("fixed", t, t, r, mins.get("fixed", 0.0)) for t, r in fixed.items()]
    if "large_cd" in allowed:
        cd_min = float(getattr(rate_table, "large_cd_min", None) or mins.get("large_cd", 0.0))
        moves += [_Move("large_cd", t, t, r, cd_min) for t, r in _mapping(rate_table, "large_cd").items()]
    installment = _mapping(rate_table, "installment")
    if "interest_payout" in allowed:
        payout = _mapping(rate_table, "interest_payout")
        moves += [_Move("interest_payout", n + 1, n, r, mins.get("interest_payout", 0.0), installment[n])
                  for n, r in payout.items() if n in installment]
    demand = _Move("demand", 1, 1, demand_rate, 0.0) if "demand" in allowed else None
    if "notice" in allowed:
        notice = _mapping(rate_table, "notice")
        moves += [_Move(f"notice_{d}d", 1, 1, r, mins.get("notice", 0.0))
                  for d, r in notice.items() if d in (1, 7)]
    if demand is not None:
        moves.append(demand)
    moves = [mv for mv in moves if mv.term <= longest]
    if not tax_by_date:
        moves = [mv for mv in moves if not _combo_dominated(mv, moves, demand, installment, tax_rate)]
    # a plain leg is dominated (never better, at every amount) by another of the same length
    # with a rate at least as high and a minimum at least as low: drop it
    moves = [a for i, a in enumerate(moves) if a.product == "interest_payout" or not any(
        b.product != "interest_payout" and b.months == a.months and b.rate >= a.rate
        and b.minimum <= a.minimum and (b.rate, -b.minimum, -j) > (a.rate, -a.minimum, -i)
        for j, b in enumerate(moves))]
    moves.sort(key=lambda mv: -mv.months)
    if "installment" not in allowed:
        installment = {}
    installment = {n: r for n, r in installment.items() if n <= longest}
    return _Ctx(moves=moves, demand=demand, installment=installment,
                installment_min=mins.get("installment", 0.0),
                rule_installment=_mapping(rate_table, "installment"), demand_rate=demand_rate,
                tax_rate=float(tax_rate), tax_by_date=bool(tax_by_date), start_date=start_date,
                by_date_asked=asked)


def _combo_dominated(mv: _Move, moves: list[_Move], demand: _Move | None,
                     installment: dict[int, float], tax_rate: float) -> bool:
    """True when 整存整取 of n months then one month of 活期 beats 存本取息→零存整取 at every amount.

    Bounds with every rounding against the fixed path (half a fen per rounded
    amount and per tax): the combination earns at most
    ``v·R_p·n/12 + (v·R_p/12)·K·R_i/12 + v·d/12`` plus ``a`` before tax, the
    fixed path at least ``v·R_f·n/12 + v·d/12 − 0.01``. If the difference
    after tax exceeds the tax roundings ``b`` at the least amount the
    combination accepts, it does at every larger amount (it grows with v).
    """
    if mv.product != "interest_payout" or demand is None:
        return False
    n, k = mv.term, mv.term * (mv.term + 1) / 2
    fixed = [f for f in moves if f.product == "fixed" and f.term == n and f.minimum <= mv.minimum]
    if not fixed:
        return False
    v = max(mv.minimum, 1.0)
    slope = (fixed[0].rate - mv.rate) * n / 12 - (mv.rate / 12) * k * installment.get(n, 0.0) / 12
    a = 0.005 * n + 0.005 * k * installment.get(n, 0.0) / 12 + 0.03
    b = 0.005 * (n + 2) + 0.01
    return slope > 0 and (1 - tax_rate) * (v * slope - a) >= b


def _months(value: Any, field_name: str, max_months: int) -> int:
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)) or not 1 <= value <= max_months:
        raise InputError(field_name, value, f"a whole number of months from 1 to {max_months}",
                         hint_zh=f"请给 1 到 {max_months} 之间的整数月数")
    return int(value)


def _max_months(value: Any) -> int:
    return _months(value, "max_months", 1200)


def _money(value: Any, field_name: str) -> float:
    return parse_amount(value, field=field_name, allow_zero=False)


# ---------------------------------------------------------------- lump-sum modes


def _lump(ctx: _Ctx, amount: float, keep: float, horizon: int,
          run: bool = True) -> tuple[_Rolled, np.ndarray]:
    """The pot program for ``amount − keep`` and the reserve's value at every month."""
    if keep < 0 or keep > amount:
        raise InputError("keep_available", keep, f"from 0 up to the amount ({amount:,.2f})",
                         hint_zh=f"留作备用的金额应在 0 到本金（{amount:,.2f}）之间")
    if keep and ctx.demand is None:
        raise InputError("keep_available", keep, "a sum kept available sits in 活期: allow 'demand'",
                         hint_zh="留作备用的钱存活期：请允许活期（demand）")
    rolled = _Rolled(ctx, np.array([round_fen(amount - keep)]), np.array([0]), horizon)
    if run:
        rolled.advance(horizon)
    reserve = np.zeros(horizon + 1)
    if keep:
        reserve[0] = keep
        for m in range(horizon):
            reserve[m + 1] = _grow(ctx, ctx.demand, reserve[m:m + 1], m)[0][0]
    return rolled, reserve


def _lump_plan(ctx: _Ctx, mode: str, amount: float, keep: float, rolled: _Rolled,
               reserve: np.ndarray, months: int, target: float | None, iterations: int) -> Plan:
    legs: list[PlanLeg] = []
    if amount - keep > 0:
        legs += _legs_of(ctx, 0, _path(rolled, 0, months))
    if keep:
        legs += _legs_of(ctx, 1, [(m, ctx.demand, float(reserve[m])) for m in range(months)])
        legs = [leg if leg.pot == 0 else _rename(leg, "reserve") for leg in legs]
    value = round_fen(rolled.value(0, months) + float(reserve[months]))
    alternatives = _lump_alternatives(ctx, amount - keep, months, rolled.value(0, months))
    if keep:  # the kept 活期 is there in every naive choice too
        kept = [leg for leg in legs if leg.pot == 1]
        alternatives = [_replace(
            alt, value=round_fen(alt.value + float(reserve[months])),
            interest=round_fen(alt.interest + sum(leg.interest for leg in kept)),
            tax=round_fen(alt.tax + sum(leg.tax for leg in kept))) for alt in alternatives]
    return _plan(mode, months, amount, value, legs, alternatives, ctx, amount=amount,
                 target=target, keep=keep, iterations=iterations)


def _rename(leg: PlanLeg, product: str) -> PlanLeg:
    zh, en = _NAMES[product]
    return PlanLeg(**{**leg.to_dict(), "product": product, "name": zh, "name_en": en,
                      "start_date": leg.start_date, "maturity_date": leg.maturity_date})


def _plan(mode, months, principal, value, legs, alternatives, ctx, **extra) -> Plan:
    interest = round_fen(sum(leg.interest for leg in legs))
    tax = round_fen(sum(leg.tax for leg in legs))
    return Plan(mode=mode, months=months, principal=round_fen(principal), value=round_fen(value),
                interest=interest, tax=tax, legs=tuple(legs), alternatives=tuple(alternatives),
                amount=extra.get("amount"), monthly=extra.get("monthly"),
                target=extra.get("target"), keep_available=float(extra.get("keep", 0.0)),
                tax_rate=None if ctx.by_date_asked else ctx.tax_rate, start_date=ctx.start_date,
                iterations=int(extra.get("iterations", 1)))


def _fixed_move(ctx: _Ctx, term: int) -> _Move | None:
    return next((mv for mv in ctx.moves if mv.product == "fixed" and mv.term == term), None)


def _lump_alternatives(ctx: _Ctx, amount: float, months: int, best: float) -> list[PlanAlternative]:
    """The naive choices for one lump: longest single deposit, 1-year roll-over, all 活期."""
    out = []
    liquid = [ctx.demand] if ctx.demand else []

    def add(key, zh, en, moves):
        if not moves or sum(mv.months for mv in moves) != months:
            return
        value, interest, tax = _chain(ctx, amount, 0, moves)
        if not math.isnan(value):
            out.append(PlanAlternative(key, zh, en, value, interest, tax, round_fen(best - value)))

    fixed = sorted((mv for mv in ctx.moves if mv.product == "fixed" and mv.months <= months
                    and amount >= mv.minimum), key=lambda mv: mv.months)
    if fixed and liquid:
        add("longest_single", f"一笔最长定期({fixed[-1].term}个月)+活期",
            f"one {fixed[-1].term}-month deposit, then demand", [fixed[-1]] + liquid * (months - fixed[-1].months))
    one_year = _fixed_move(ctx, 12)
    if one_year and liquid and months >= 12:
        years = months // 12
        add("rolling_1y", f"一年期滚存{years}次+活期", f"1-year deposits rolled {years} times, then demand",
            [one_year] * years + liquid * (months - 12 * years))
    if liquid:
        add("all_demand", "全部活期", "all in demand deposits", liquid * months)
    return out


def max_value(
    amount: float,
    months: int,
    *,
    rate_table: Any = None,
    products: Collection[str] | None = None,
    fixed_terms: Collection[int] | None = None,
    max_leg_months: int | None = None,
    keep_available: float = 0.0,
    tax_rate: float = 0.0,
    tax_by_date: bool = False,
    start_date: _dt.date | None = None,
    max_months: int = DEFAULT_MAX_MONTHS,
) -> Plan:
    """Mode 1 (已知存入金额和存期, 设计最大本息方案): the largest value after ``months``.

    Parameters
    ----------
    amount : yuan deposited at month 0 (to the fen).
    months : the horizon, whole months (1 … ``max_months``).
    rate_table : a RateTable (``demand``, ``fixed``, ``installment``,
        ``interest_payout``, ``notice``, ``large_cd``, ``large_cd_min``,
        ``minimums``); None loads the catalog's default table.
    products : keys of :data:`PRODUCTS` the plan may use (default all).
    fixed_terms : the 整存整取 terms allowed, months (default every listed term).
    max_leg_months : the longest contract term of any single deposit.
    keep_available : yuan kept in 活期 for the whole horizon.
    tax_rate : interest tax rate (0.2 for 1999-11 … 2007-08-14).
    tax_by_date : tax each leg by the periods of rules §4 from ``start_date``.
    start_date : date of month 0; legs then carry maturity dates.
    max_months : the longest horizon accepted.

    Returns
    -------
    Plan
        The optimal legs; ``alternatives`` holds the naive choices.

    Raises
    ------
    InputError
        a bad amount, horizon, product key, term, tax or reserve (``.field`` names it).

    Notes
    -----
    Optimal within the model of the module notes: exact over all single-pot
    plans with rounding to the fen at each maturity; no split plan beats it
    except by rounding. Rules §5, mode 1.

    References
    ----------
    Rules §2.3, §4, §5 (``grow``); 工商银行 组合存款设计 (seed text).

    Examples
    --------
    Rules §5 C-2: 10,000 yuan for 60 months at 20 % tax, 2004 rates.

    >>> from types import SimpleNamespace
    >>> t = SimpleNamespace(demand=0.0072, fixed={3: 0.0171, 12: 0.0225, 36: 0.0324, 60: 0.036})
    >>> plan = max_value(10_000, 60, rate_table=t, tax_rate=0.2)
    >>> plan.value, plan.interest, plan.tax
    (11440.0, 1800.0, 360.0)
    """
    amount = _money(amount, "amount")
    max_months = _max_months(max_months)
    months = _months(months, "months", max_months)
    keep = parse_amount(keep_available, field="keep_available")
    ctx = _context(rate_table, products, fixed_terms, max_leg_months, tax_rate, tax_by_date, start_date)
    rolled, reserve = _lump(ctx, amount, keep, months)
    if amount - keep > 0 and rolled.best[months, 0] < 0:
        raise NoSolutionError("months", months, "no allowed product fits this horizon exactly; "
                              "allow 'demand' for the odd months",
                              hint_zh="所选储种凑不满这个存期；请允许用活期（demand）存放零头月份")
    return _lump_plan(ctx, "max_value", amount, keep, rolled, reserve, months, None, 1)


def shortest_term(
    amount: float,
    target: float,
    *,
    rate_table: Any = None,
    products: Collection[str] | None = None,
    fixed_terms: Collection[int] | None = None,
    max_leg_months: int | None = None,
    keep_available: float = 0.0,
    tax_rate: float = 0.0,
    tax_by_date: bool = False,
    start_date: _dt.date | None = None,
    max_months: int = DEFAULT_MAX_MONTHS,
) -> Plan:
    """Mode 2 (已知存入金额及到期金额, 设计最短存期方案): the fewest months to ``target``.

    Parameters
    ----------
    amount : yuan deposited at month 0 (to the fen).
    target : yuan to hold at the end, above ``amount``.
    rate_table, products, fixed_terms, max_leg_months, keep_available, tax_rate,
    tax_by_date, start_date : as for :func:`max_value`.
    max_months : the longest horizon searched (360 = 30 years).

    Returns
    -------
    Plan
        Of the shortest horizon, the plan with the largest value.

    Raises
    ------
    InputError
        as :func:`max_value`; a target not above the amount.
    NoSolutionError
        no plan reaches the target within ``max_months``; the message names
        the best value reachable.

    Notes
    -----
    The pot program runs once to ``max_months``; the answer is the first
    month whose best value reaches the target (rules §5, mode 2).

    Examples
    --------
    Rules §5 C-3: 10,000 yuan to 11,000 at 2004 rates takes 39 months.

    >>> from types import SimpleNamespace
    >>> t = SimpleNamespace(demand=0.0072, fixed={3: 0.0171, 6: 0.0207, 12: 0.0225,
    ...                     24: 0.027, 36: 0.0324, 60: 0.036})
    >>> plan = shortest_term(10_000, 11_000, rate_table=t)
    >>> plan.months, plan.value, [leg.months for leg in plan.legs]
    (39, 11018.91, [36, 3])
    """
    amount = _money(amount, "amount")
    target = _money(target, "target")
    if target <= amount:
        raise InputError("target", target, f"a target above the amount ({amount:,.2f})",
                         hint_zh=f"目标金额须高于本金（{amount:,.2f}）")
    max_months = _max_months(max_months)
    keep = parse_amount(keep_available, field="keep_available")
    ctx = _context(rate_table, products, fixed_terms, max_leg_months, tax_rate, tax_by_date, start_date)
    rolled, reserve = _lump(ctx, amount, keep, max_months, run=False)
    for month in range(1, max_months + 1):  # best[month] is final once advanced to it
        rolled.advance(month)
        if rolled.value(0, month) + reserve[month] >= target:
            break
    else:
        pot = rolled.best[:, 0]
        reach = float(np.max(np.where(pot >= 0, pot / 100, -np.inf) + reserve))
        raise NoSolutionError("target", target, f"no plan reaches it within {max_months} months; "
                              f"the most reachable is {reach:,.2f}",
                              hint_zh=f"{max_months} 个月内没有方案能达到；最多可达 {reach:,.2f}")
    return _lump_plan(ctx, "shortest_term", amount, keep, rolled, reserve, month, target, month)


# ---------------------------------------------------------------- monthly modes


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
        interest = int(_fen(installment_interest(monthly, block.rate, block.length)))
        tax = np.array([ctx.tax_fen(interest, int(s), int(s) + block.length) for s in j]
                       if ctx.tax_by_date else [ctx.tax_fen(interest, 0, 0)] * j.size, dtype=np.int64)
        return (_yuan(int(_fen(monthly)) * block.length + interest - tax),
                np.full(j.shape, interest / 100), _yuan(tax))
    pool = np.full(j.shape, float(monthly))
    interest = np.zeros(j.shape)
    tax = np.zeros(j.shape)
    for i in range(block.length - 1):  # each month the pool earns 活期, then the next contribution
        grown, inter, tx = _grow_each(ctx, ctx.demand, pool, j + i)
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


def _monthly_plan(ctx: _Ctx, mode: str, monthly: float, horizon: int, table: _MonthlyTable,
                  cut: list[tuple[int, int]], value_fen: int, target: float | None,
                  iterations: int, unit: int = 1) -> Plan:
    legs: list[PlanLeg] = []
    for pot, (b, j) in enumerate(cut):
        block = table.blocks[b]
        start, interest, tax = (float(x[0]) for x in _block_start(ctx, block, monthly, np.array([j])))
        if block.kind == "installment":
            legs.append(_leg(ctx, pot, "installment", j, block.length, monthly * block.length,
                             block.rate, interest, tax, start, monthly=monthly))
        elif block.length > 1:
            legs.append(_leg(ctx, pot, "demand", j, block.length - 1, monthly * block.length,
                             ctx.demand_rate, interest, tax, start, monthly=monthly))
        legs += _legs_of(ctx, pot, table.steps(b, j, horizon))
    principal = monthly * horizon
    best = value_fen / 100.0
    rule = _installment_rule(ctx, mode, monthly, horizon, target, best, unit)
    alternatives = _monthly_alternatives(ctx, monthly, horizon, best, skip_longest=rule is not None)
    alternatives = ([rule] if rule else []) + alternatives
    return _plan(mode, horizon, principal, best, legs, alternatives, ctx, monthly=monthly,
                 target=target, iterations=iterations)


def _installment_rule(ctx: _Ctx, mode: str, monthly: float, horizon: int, target: float | None,
                      best: float, unit: int = 1) -> PlanAlternative | None:
    """Rules §5's answer for the monthly modes: one 零存整取 account (None where it has none).

    Mode 3: an account of the horizon's term; mode 4: the shortest term whose
    maturity value reaches the target; mode 5: the least monthly amount (in
    ``unit`` fen: 1 or 100) reaching the target in an account of the
    horizon's term, ``target / (n + K·R/12)`` rounded up.
    Taxed as the plan is, from the 零存整取 minimum on, whatever products the
    plan may use (with 零存整取 left out it may end with more than the plan).
    """
    rates = ctx.rule_installment

    def account(q_fen: int, n: int) -> tuple[float, float, float]:
        interest = int(_fen(installment_interest(q_fen / 100, rates[n], n)))
        tax = int(ctx.tax_fen(interest, 0, n))
        return (q_fen * n + interest - tax) / 100, interest / 100, tax / 100

    q, n = int(_fen(monthly)), horizon
    if monthly < ctx.installment_min:
        return None
    if mode == "monthly_shortest_term":
        n = next((t for t in sorted(rates) if account(q, t)[0] >= target), None)
        if n is None:
            return None
    elif n not in rates:
        return None
    elif mode == "monthly_required":
        step = unit
        k, r = Fraction(n * (n + 1), 2), Fraction(Decimal(repr(rates[n])))
        q = math.ceil(Fraction(_fen(target).item()) / (n + k * r / 12) / step) * step
        while account(q, n)[0] < target:
            q += step
        while q > step and account(q - step, n)[0] >= target:
            q -= step
    value, interest, tax = account(q, n)
    zh = {"monthly_shortest_term": f"规则§5：最短的单一零存整取（{n}个月）",
          "monthly_required": f"规则§5：单一零存整取每月存{q / 100:,.2f}"}.get(mode, f"规则§5：单一零存整取（{n}个月）")
    en = {"monthly_shortest_term": f"rules §5: the shortest single installment account ({n} months)",
          "monthly_required": f"rules §5: one installment account at {q / 100:,.2f} a month"}.get(
        mode, f"rules §5: one {n}-month installment account")
    return PlanAlternative("installment_rule", zh, en, value, interest, tax, round_fen(best - value),
                           months=None if n == horizon else n,
                           monthly=None if q == int(_fen(monthly)) else q / 100)


def _monthly_alternatives(ctx: _Ctx, monthly: float, horizon: int, best: float,
                          skip_longest: bool = False) -> list[PlanAlternative]:
    """Naive monthly choices: the longest 零存整取 that fits, 1-year deposits each month, all 活期."""
    out = []
    if ctx.demand is None:
        return out
    d = ctx.demand

    def pooled(start: int, held: float = 0.0) -> tuple[float, float, float]:
        """``held`` from month ``start`` plus contributions start … horizon−1, all in one 活期."""
        value, interest, tax = held, 0.0, 0.0
        for m in range(start, horizon):
            value = value + monthly
            value, i, t = _grow1(ctx, d, value, m)
            interest, tax = interest + i, tax + t
        return value, interest, tax

    def add(key, zh, en, value, interest, tax):
        value = round_fen(value)
        out.append(PlanAlternative(key, zh, en, value, round_fen(interest), round_fen(tax),
                                   round_fen(best - value)))

    terms = [n for n in ctx.installment if n <= horizon] if monthly >= ctx.installment_min else []
    if terms and not (skip_longest and max(terms) == horizon):
        n = max(terms)
        block = _Block("installment", n, n, ctx.installment[n])
        start, i0, t0 = (float(x[0]) for x in _block_start(ctx, block, monthly, np.array([0])))
        v, i, t = pooled(n, start)
        add("longest_installment", f"零存整取{n}个月+活期", f"one {n}-month installment account, "
            "then demand", v, i + i0, t + t0)
    one_year = _fixed_move(ctx, 12)
    if one_year is not None and monthly >= one_year.minimum:
        months = np.arange(horizon)
        years, rest = (horizon - months) // 12, (horizon - months) % 12
        value, interest, tax = np.full(horizon, monthly), np.zeros(horizon), np.zeros(horizon)
        phases = [(one_year, k, years > k, months + 12 * k) for k in range(int(years.max()))]
        phases += [(d, k, rest > k, months + 12 * years + k) for k in range(int(rest.max()))]
        for mv, _, mask, starts in phases:  # every contribution steps through its own legs
            v, i, t = _grow_each(ctx, mv, value[mask], starts[mask])
            value[mask], interest[mask], tax[mask] = v, interest[mask] + i, tax[mask] + t
        add("rolling_1y", "每月一笔一年期定期滚存+活期", "each month a 1-year deposit rolled over, "
            "then demand", value.sum(), interest.sum(), tax.sum())
    add("all_demand", "全部活期", "all in demand deposits", *pooled(0))
    return out


def monthly_max_value(
    monthly: float,
    months: int,
    *,
    rate_table: Any = None,
    products: Collection[str] | None = None,
    fixed_terms: Collection[int] | None = None,
    max_leg_months: int | None = None,
    tax_rate: float = 0.0,
    tax_by_date: bool = False,
    start_date: _dt.date | None = None,
    max_months: int = DEFAULT_MAX_MONTHS,
) -> Plan:
    """Mode 3 (已知每月存入金额及存期, 设计最大本息方案): the largest value after ``months``.

    Parameters
    ----------
    monthly : yuan paid in at months 0 … months−1 (to the fen).
    months : the horizon, whole months; the value is counted at this month.
    rate_table, products, fixed_terms, max_leg_months, tax_rate, tax_by_date,
    start_date, max_months : as for :func:`max_value`.

    Returns
    -------
    Plan
        The best cut of the contributions into blocks and each block's legs.

    Raises
    ------
    InputError
        a bad monthly amount, horizon, product key, term or tax.
    NoSolutionError
        the allowed products cannot hold the money to this horizon.

    Notes
    -----
    Optimal over the block model of the module notes: each block (a pool of
    consecutive contributions, or a 零存整取) rolls as one pot;
    a program over the months picks the best cut, exactly, in fen.

    Examples
    --------
    Rules §5 C-5: 1,000 a month in a 3-year 零存整取 at 2.07 % gives 37,148.85.

    >>> from types import SimpleNamespace
    >>> t = SimpleNamespace(demand=0.0072, installment={12: 0.0171, 36: 0.0207, 60: 0.0225})
    >>> plan = monthly_max_value(1000, 36, rate_table=t, products=["installment"])
    >>> plan.value, plan.legs[0].product
    (37148.85, 'installment')
    """
    monthly = _money(monthly, "monthly")
    max_months = _max_months(max_months)
    months = _months(months, "months", max_months)
    ctx = _context(rate_table, products, fixed_terms, max_leg_months, tax_rate, tax_by_date, start_date)
    table = _monthly_tables(ctx, [monthly], months)[0]
    value_fen, cut = _cut(table, months)
    if value_fen < 0:
        raise NoSolutionError("months", months, "the allowed products cannot hold the money to this "
                              "horizon; allow 'demand' or choose a term of the products",
                              hint_zh="所选储种无法把钱存到这个期限；请允许活期（demand）或选用储种的存期")
    return _monthly_plan(ctx, "monthly_max_value", monthly, months, table, cut, value_fen, None, 1)


def monthly_shortest_term(
    monthly: float,
    target: float,
    *,
    rate_table: Any = None,
    products: Collection[str] | None = None,
    fixed_terms: Collection[int] | None = None,
    max_leg_months: int | None = None,
    tax_rate: float = 0.0,
    tax_by_date: bool = False,
    start_date: _dt.date | None = None,
    max_months: int = DEFAULT_MAX_MONTHS,
) -> Plan:
    """Mode 4 (已知每月存入金额及到期金额, 设计最短存期方案): the fewest months to ``target``.

    Parameters
    ----------
    monthly : yuan paid in each month from month 0 (to the fen).
    target : yuan to hold at the end.
    rate_table, products, fixed_terms, max_leg_months, tax_rate, tax_by_date,
    start_date : as for :func:`max_value`.
    max_months : the longest horizon searched (360 = 30 years).

    Returns
    -------
    Plan
        Of the shortest horizon, the plan with the largest value.

    Raises
    ------
    InputError
        as :func:`monthly_max_value`; a target not above one contribution.
    NoSolutionError
        no plan reaches the target within ``max_months``; the message names
        the best value reachable.

    Notes
    -----
    The blocks are rolled once to ``max_months``; each horizon is then a cut
    program. With 活期 allowed the best value grows with the horizon (one more
    contribution, one more month), so a bisection finds the first horizon
    reaching the target; without it every horizon is tried.

    Examples
    --------
    Rules §5 C-5: 1,000 a month to 40,000 with one 零存整取 only takes 5 years.

    >>> from types import SimpleNamespace
    >>> t = SimpleNamespace(demand=0.0072, installment={12: 0.0171, 36: 0.0207, 60: 0.0225})
    >>> monthly_shortest_term(1000, 40_000, rate_table=t, products=["installment"]).months
    60
    """
    monthly = _money(monthly, "monthly")
    target = _money(target, "target")
    if target <= monthly:
        raise InputError("target", target, f"a target above the monthly amount ({monthly:,.2f})",
                         hint_zh=f"目标金额须高于每月存入额（{monthly:,.2f}）")
    max_months = _max_months(max_months)
    ctx = _context(rate_table, products, fixed_terms, max_leg_months, tax_rate, tax_by_date, start_date)
    table = _monthly_tables(ctx, [monthly], max_months, run=False)[0]
    goal = int(round(target * 100))
    tried: dict[int, tuple[int, list]] = {}

    def at(h: int) -> tuple[int, list]:
        if h not in tried:
            table.rolled.advance(h)
            tried[h] = _cut(table, h)
        return tried[h]

    if ctx.demand is not None:  # monotone in the horizon: double, then bisect
        lo, hi = 0, min(12, max_months)
        while at(hi)[0] < goal:
            if hi == max_months:
                return _no_monthly_solution(target, max_months, at(hi)[0])
            lo, hi = hi, min(2 * hi, max_months)
        while hi - lo > 1:
            mid = (lo + hi) // 2
            if at(mid)[0] >= goal:
                hi = mid
            else:
                lo = mid
        h = hi
    else:
        h = next((h for h in range(1, max_months + 1) if at(h)[0] >= goal), None)
        if h is None:
            return _no_monthly_solution(target, max_months, max(v for v, _ in tried.values()))
    value_fen, cut = at(h)
    return _monthly_plan(ctx, "monthly_shortest_term", monthly, h, table, cut, value_fen, target,
                         len(tried))


def _no_monthly_solution(target: float, max_months: int, best_fen: int):
    reach = "none" if best_fen < 0 else f"{best_fen / 100:,.2f}"
    raise NoSolutionError("target", target, f"no plan reaches it within {max_months} months; "
                          f"the most reachable is {reach}",
                          hint_zh=f"{max_months} 个月内没有方案能达到；最多可达 {reach}")


def monthly_required(
    months: int,
    target: float,
    *,
    rate_table: Any = None,
    products: Collection[str] | None = None,
    fixed_terms: Collection[int] | None = None,
    max_leg_months: int | None = None,
    tax_rate: float = 0.0,
    tax_by_date: bool = False,
    start_date: _dt.date | None = None,
    round_to: str = "fen",
    max_months: int = DEFAULT_MAX_MONTHS,
) -> Plan:
    """Mode 5 (已知存期及到期金额, 设计每月存入金额方案): the least monthly amount.

    Parameters
    ----------
    months : the horizon, whole months (contributions at months 0 … months−1).
    target : yuan to hold at the end.
    round_to : "fen" or "yuan": the monthly amount is rounded *up* to it, so
        the plan's value meets the target.
    rate_table, products, fixed_terms, max_leg_months, tax_rate, tax_by_date,
    start_date, max_months : as for :func:`max_value`.

    Returns
    -------
    Plan
        ``monthly`` is the least amount (in whole fen or yuan) reaching the
        target; the legs are the best plan for it.

    Raises
    ------
    InputError
        a bad horizon, target, ``round_to`` or option.
    NoSolutionError
        the allowed products cannot hold the money to this horizon.

    Notes
    -----
    The best value never falls when the monthly amount rises (every leg and
    block is non-decreasing in its money), so the least amount is found by a
    bracketed search over whole fen: each round solves one pot program for a
    few amounts around an interpolated guess, starting from ``target /
    months`` (enough with no interest) and four fifths of it. Rules §5, mode
    5 (``target / (n + K·R/12)`` rounded up, for a single 零存整取) is among
    the plan's alternatives (``installment_rule``) when the horizon is a
    零存整取 term.

    Examples
    --------
    Rules §5 C-6: one year to 20,000 with a 零存整取 at 1.71 % needs 1,651.38 a month.

    >>> from types import SimpleNamespace
    >>> t = SimpleNamespace(demand=0.0072, installment={12: 0.0171, 36: 0.0207, 60: 0.0225})
    >>> plan = monthly_required(12, 20_000, rate_table=t, products=["installment"])
    >>> plan.monthly, plan.value
    (1651.38, 20000.11)
    """
    max_months = _max_months(max_months)
    months = _months(months, "months", max_months)
    target = _money(target, "target")
    if round_to not in ("fen", "yuan"):
        raise InputError("round_to", round_to, "'fen' or 'yuan'", hint_zh="取整到 'fen'（分）或 'yuan'（元）")
    unit = 1 if round_to == "fen" else 100  # in fen
    ctx = _context(rate_table, products, fixed_terms, max_leg_months, tax_rate, tax_by_date, start_date)
    goal = int(round(target * 100))
    seen: dict[int, tuple[int, _MonthlyTable, list]] = {}
    def evaluate(units: Collection[int]) -> None:  # one pot program for all of them
        todo = sorted(set(units) - set(seen))
        if todo:
            tables = _monthly_tables(ctx, [u * unit / 100.0 for u in todo], months)
            for u, table, (fen, cut) in zip(todo, tables, _cuts(tables, months)):
                seen[u] = (fen, table, cut)

    hi = max(1, -(-goal // (months * unit)))  # the contributions alone reach the target
    evaluate([hi, hi * 4 // 5])  # two amounts: the value is nearly affine in the amount
    while seen[hi][0] < goal:  # only when small amounts cannot use the allowed products
        if hi * unit > goal:
            raise NoSolutionError("months", months, "the allowed products cannot hold the money to "
                                  "this horizon; allow 'demand' or choose a term of the products",
                                  hint_zh="所选储种无法把钱存到这个期限；请允许活期（demand）或选用储种的存期")
        hi *= 2
        evaluate([hi, hi * 4 // 5])  # two amounts: the value is nearly affine in the amount
    lo = max([u for u, (fen, _, _) in seen.items() if fen < goal], default=0)
    while hi - lo > 1:  # amounts around the interpolated guess, and the midpoint, in one program
        v_lo, v_hi = max(seen[lo][0], 0) if lo else 0, seen[hi][0]
        guess = lo + -(-(goal - v_lo) * (hi - lo) // max(v_hi - v_lo, 1))
        guess = min(max(guess, lo + 1), hi - 1)
        if hi - lo > 400:  # a first guess, from far apart amounts: a few per ten thousand around it
            ladder = {guess + round(guess * f) for f in (-0.001, -0.0005, -0.0002, 0, 0.0002, 0.0005,
                                                          0.001)}
        else:  # between two close amounts the value is nearly linear: a few fen around the guess
            ladder = {(lo + hi) // 2} | {guess + sign * step for sign in (1, -1)
                                         for step in (0, 1, 2, 4, 8, 16)}
        evaluate({u for u in ladder if lo < u < hi} or {(lo + hi) // 2})
        lo = max([u for u, (fen, _, _) in seen.items() if fen < goal], default=0)
        hi = min(u for u, (fen, _, _) in seen.items() if fen >= goal)
    fen, table, cut = seen[hi]
    return _monthly_plan(ctx, "monthly_required", hi * unit / 100.0, months, table, cut, fen, target,
                         len(seen), unit)

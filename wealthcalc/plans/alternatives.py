"""The naive choices a plan is compared with, and the single 零存整取 answer."""

from __future__ import annotations

import math
from decimal import Decimal
from fractions import Fraction
from typing import Any

import numpy as np

from ..deposits import installment_interest
from ..money import round_fen
from .blocks import _Block, _block_start, _grow_each
from .model import _chain, _Ctx, _fen, _grow1, _Move
from .results import PlanAlternative

def _fixed_move(ctx: _Ctx, term: int) -> _Move | None:
    return next((mv for mv in ctx.moves if mv.product == "fixed" and mv.term == term), None)


def _lump_alternatives(ctx: _Ctx, amount: float, months: int, best: float) -> list[PlanAlternative]:
    """The naive choices for one lump: longest single deposit, 1-year roll-over, all 活期."""
    out: list[PlanAlternative] = []
    liquid = [ctx.demand] if ctx.demand else []

    def add(key: str, params: dict[str, Any], moves: list[_Move]) -> None:
        if not moves or sum(mv.months for mv in moves) != months:
            return
        value, interest, tax = _chain(ctx, amount, 0, moves)
        if not math.isnan(value):
            out.append(PlanAlternative.named(key, f"plans.alt.{key}", params, value, interest, tax,
                                             round_fen(best - value)))

    fixed = sorted((mv for mv in ctx.moves if mv.product == "fixed" and mv.months <= months
                    and amount >= mv.minimum), key=lambda mv: mv.months)
    if fixed and liquid:
        add("longest_single", {"term": fixed[-1].term}, [fixed[-1]] + liquid * (months - fixed[-1].months))
    one_year = _fixed_move(ctx, 12)
    if one_year and liquid and months >= 12:
        years = months // 12
        add("rolling_1y", {"years": years}, [one_year] * years + liquid * (months - 12 * years))
    if liquid:
        add("all_demand", {}, liquid * months)
    return out

def _installment_rule(ctx: _Ctx, mode: str, monthly: float, horizon: int, target: float | None,
                      best: float, unit: int = 1) -> PlanAlternative | None:
    """The one-account answer (docs/rules/plans.md#one-account-answer) for the monthly modes: one 零存整取 account (None where it has none).

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
    aim = math.inf if target is None else target
    if monthly < ctx.installment_min:
        return None
    if mode == "monthly_shortest_term":
        shortest = next((t for t in sorted(rates) if account(q, t)[0] >= aim), None)
        if shortest is None:
            return None
        n = shortest
    elif n not in rates:
        return None
    elif mode == "monthly_required":
        step = unit
        k, r = Fraction(n * (n + 1), 2), Fraction(Decimal(repr(rates[n])))
        q = math.ceil(Fraction(_fen(aim).item()) / (n + k * r / 12) / step) * step
        while account(q, n)[0] < aim:
            q += step
        while q > step and account(q - step, n)[0] >= aim:
            q -= step
    value, interest, tax = account(q, n)
    code = {"monthly_shortest_term": "plans.alt.rule_shortest",
            "monthly_required": "plans.alt.rule_monthly"}.get(mode, "plans.alt.rule_term")
    return PlanAlternative.named("installment_rule", code, {"n": n, "monthly": f"{q / 100:,.2f}"}, value,
                                 interest, tax, round_fen(best - value), months=None if n == horizon else n,
                                 monthly=None if q == int(_fen(monthly)) else q / 100)


def _monthly_alternatives(ctx: _Ctx, monthly: float, horizon: int, best: float,
                          skip_longest: bool = False) -> list[PlanAlternative]:
    """Naive monthly choices: the longest 零存整取 that fits, 1-year deposits each month, all 活期."""
    out: list[PlanAlternative] = []
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

    def add(key: str, code: str, params: dict[str, Any], value: float, interest: float, tax: float) -> None:
        value = round_fen(value)
        out.append(PlanAlternative.named(key, code, params, value, round_fen(interest), round_fen(tax),
                                         round_fen(best - value)))

    terms = [n for n in ctx.installment if n <= horizon] if monthly >= ctx.installment_min else []
    if terms and not (skip_longest and max(terms) == horizon):
        n = max(terms)
        block = _Block("installment", n, n, ctx.installment[n])
        start, i0, t0 = (float(x[0]) for x in _block_start(ctx, block, monthly, np.array([0])))
        v, i, t = pooled(n, start)
        add("longest_installment", "plans.alt.longest_installment", {"n": n}, v, i + i0, t + t0)
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
        add("rolling_1y", "plans.alt.rolling_1y_monthly", {}, value.sum(), interest.sum(), tax.sum())
    add("all_demand", "plans.alt.all_demand", {}, *pooled(0))
    return out

"""The monthly modes: :func:`monthly_max_value`, :func:`monthly_shortest_term`, :func:`monthly_required`."""

from __future__ import annotations

from enum import Enum
from typing import TYPE_CHECKING, Any, Collection, NoReturn

import numpy as np

from .. import _validate
from .._validate import AmountLike, DateLike, RateLike
from ..errors import InputError, NoSolutionError
from .alternatives import _installment_rule, _monthly_alternatives
from .blocks import _block_start, _cut, _cuts, _monthly_tables, _MonthlyTable
from .inputs import DEFAULT_MAX_MONTHS, _context, _max_months, _money, _months
from .legs import _leg, _legs_of, _plan
from .model import _Ctx
from .results import Plan, PlanLeg

if TYPE_CHECKING:
    from ..catalog import RateTable


class RoundTo(str, Enum):
    """What :func:`monthly_required` rounds the monthly amount up to."""

    FEN = "fen"
    YUAN = "yuan"

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


def monthly_max_value(
    monthly: AmountLike,
    months: int,
    *,
    rate_table: "RateTable | str | None" = None,
    products: Collection[str] | None = None,
    fixed_terms: Collection[int] | None = None,
    max_leg_months: int | None = None,
    tax_rate: RateLike = 0.0,
    tax_by_date: bool = False,
    start_date: DateLike | None = None,
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
    docs/rules/plans.md#worked-examples C-5: 1,000 a month in a 3-year 零存整取 at 2.07 % gives 37,148.85.

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
        raise NoSolutionError("months", months, code="plans.cannot_hold")
    return _monthly_plan(ctx, "monthly_max_value", monthly, months, table, cut, value_fen, None, 1)


def monthly_shortest_term(
    monthly: AmountLike,
    target: AmountLike,
    *,
    rate_table: "RateTable | str | None" = None,
    products: Collection[str] | None = None,
    fixed_terms: Collection[int] | None = None,
    max_leg_months: int | None = None,
    tax_rate: RateLike = 0.0,
    tax_by_date: bool = False,
    start_date: DateLike | None = None,
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
    docs/rules/plans.md#worked-examples C-5: 1,000 a month to 40,000 with one 零存整取 only takes 5 years.

    >>> from types import SimpleNamespace
    >>> t = SimpleNamespace(demand=0.0072, installment={12: 0.0171, 36: 0.0207, 60: 0.0225})
    >>> monthly_shortest_term(1000, 40_000, rate_table=t, products=["installment"]).months
    60
    """
    monthly = _money(monthly, "monthly")
    target = _money(target, "target")
    if target <= monthly:
        raise InputError("target", target, code="plans.target_above_monthly", params={"monthly": f"{monthly:,.2f}"})
    max_months = _max_months(max_months)
    ctx = _context(rate_table, products, fixed_terms, max_leg_months, tax_rate, tax_by_date, start_date)
    table = _monthly_tables(ctx, [monthly], max_months, run=False)[0]
    h, value_fen, cut, tried = _first_horizon(ctx, table, target, max_months)
    return _monthly_plan(ctx, "monthly_shortest_term", monthly, h, table, cut, value_fen, target, tried)


def _first_horizon(ctx: _Ctx, table: _MonthlyTable, target: float,
                   max_months: int) -> tuple[int, int, list[tuple[int, int]], int]:
    """(first horizon reaching target, its value in fen, its cut, horizons examined)."""
    goal = int(round(target * 100))
    tried: dict[int, tuple[int, list[tuple[int, int]]]] = {}

    def at(h: int) -> tuple[int, list[tuple[int, int]]]:
        if h not in tried:
            table.rolled.advance(h)
            tried[h] = _cut(table, h)
        return tried[h]

    if ctx.demand is not None:  # monotone in the horizon: double, then bisect
        lo, hi = 0, min(12, max_months)
        while at(hi)[0] < goal:
            if hi == max_months:
                _no_monthly_solution(target, max_months, at(hi)[0])
            lo, hi = hi, min(2 * hi, max_months)
        while hi - lo > 1:
            mid = (lo + hi) // 2
            if at(mid)[0] >= goal:
                hi = mid
            else:
                lo = mid
        h = hi
    else:
        found = next((h for h in range(1, max_months + 1) if at(h)[0] >= goal), None)
        if found is None:
            _no_monthly_solution(target, max_months, max(v for v, _ in tried.values()))
        h = found
    value_fen, cut = at(h)
    return h, value_fen, cut, len(tried)


def _no_monthly_solution(target: float, max_months: int, best_fen: int) -> NoReturn:
    if best_fen < 0:
        raise NoSolutionError("target", target, code="plans.unreachable_none", params={"max_months": max_months})
    raise NoSolutionError("target", target, code="plans.unreachable",
                          params={"max_months": max_months, "reach": f"{best_fen / 100:,.2f}"})


def monthly_required(
    months: int,
    target: AmountLike,
    *,
    rate_table: "RateTable | str | None" = None,
    products: Collection[str] | None = None,
    fixed_terms: Collection[int] | None = None,
    max_leg_months: int | None = None,
    tax_rate: RateLike = 0.0,
    tax_by_date: bool = False,
    start_date: DateLike | None = None,
    round_to: "RoundTo | str" = "fen",
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
    months`` (enough with no interest) and four fifths of it. docs/rules/plans.md#the-five-modes, mode
    5 (``target / (n + K·R/12)`` rounded up, for a single 零存整取) is among
    the plan's alternatives (``installment_rule``) when the horizon is a
    零存整取 term.

    Examples
    --------
    docs/rules/plans.md#worked-examples C-6: one year to 20,000 with a 零存整取 at 1.71 % needs 1,651.38 a month.

    >>> from types import SimpleNamespace
    >>> t = SimpleNamespace(demand=0.0072, installment={12: 0.0171, 36: 0.0207, 60: 0.0225})
    >>> plan = monthly_required(12, 20_000, rate_table=t, products=["installment"])
    >>> plan.monthly, plan.value
    (1651.38, 20000.11)
    """
    max_months = _max_months(max_months)
    months = _months(months, "months", max_months)
    target = _money(target, "target")
    unit = 1 if _validate.choice(round_to, "round_to", RoundTo) is RoundTo.FEN else 100  # in fen
    ctx = _context(rate_table, products, fixed_terms, max_leg_months, tax_rate, tax_by_date, start_date)
    hi, (fen, table, cut), examined = _least_monthly(ctx, months, target, unit)
    return _monthly_plan(ctx, "monthly_required", hi * unit / 100.0, months, table, cut, fen, target,
                         examined, unit)


def _least_monthly(ctx: _Ctx, months: int, target: float,
                   unit: int) -> tuple[int, tuple[int, _MonthlyTable, list[tuple[int, int]]], int]:
    """The least monthly amount (in ``unit`` fen) reaching target, its (fen, table, cut), amounts examined.

    A bracketed search: each round solves one pot program for a few amounts
    around an interpolated guess (the value never falls as the amount rises).
    """
    goal = int(round(target * 100))
    seen: dict[int, tuple[int, _MonthlyTable, list[tuple[int, int]]]] = {}

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
            raise NoSolutionError("months", months, code="plans.cannot_hold")
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
    return hi, seen[hi], len(seen)

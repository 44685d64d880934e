"""The lump-sum modes: :func:`max_value` (mode 1) and :func:`shortest_term` (mode 2)."""

from __future__ import annotations

from dataclasses import replace as _replace
from typing import TYPE_CHECKING, Any, Collection

import numpy as np

from .. import _validate
from .._validate import AmountLike, DateLike, RateLike
from ..errors import InputError, NoSolutionError
from ..money import round_fen
from .alternatives import _lump_alternatives
from .inputs import DEFAULT_MAX_MONTHS, _context, _max_months, _money, _months
from .legs import _legs_of, _plan, _rename
from .model import _Ctx, _grow
from .program import _path, _Rolled
from .results import Plan, PlanLeg

if TYPE_CHECKING:
    from ..catalog import RateTable


def _lump(ctx: _Ctx, amount: float, keep: float, horizon: int,
          run: bool = True) -> tuple[_Rolled, np.ndarray]:
    """The pot program for ``amount − keep`` and the reserve's value at every month."""
    if keep < 0 or keep > amount:
        raise InputError("keep_available", keep, code="plans.keep_range", params={"amount": f"{amount:,.2f}"})
    if keep and ctx.demand is None:
        raise InputError("keep_available", keep, code="plans.keep_demand")
    rolled = _Rolled(ctx, np.array([round_fen(amount - keep)]), np.array([0]), horizon)
    if run:
        rolled.advance(horizon)
    reserve = np.zeros(horizon + 1)
    if keep and ctx.demand is not None:
        reserve[0] = keep
        for m in range(horizon):
            reserve[m + 1] = _grow(ctx, ctx.demand, reserve[m:m + 1], m)[0][0]
    return rolled, reserve


def _lump_plan(ctx: _Ctx, mode: str, amount: float, keep: float, rolled: _Rolled,
               reserve: np.ndarray, months: int, target: float | None, iterations: int) -> Plan:
    legs: list[PlanLeg] = []
    if amount - keep > 0:
        legs += _legs_of(ctx, 0, _path(rolled, 0, months))
    if keep and ctx.demand is not None:
        demand = ctx.demand
        legs += _legs_of(ctx, 1, [(m, demand, float(reserve[m])) for m in range(months)])
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


def max_value(
    amount: AmountLike,
    months: int,
    *,
    rate_table: "RateTable | str | None" = None,
    products: Collection[str] | None = None,
    fixed_terms: Collection[int] | None = None,
    max_leg_months: int | None = None,
    keep_available: AmountLike = 0.0,
    tax_rate: RateLike = 0.0,
    tax_by_date: bool = False,
    start_date: DateLike | None = None,
    max_months: int = DEFAULT_MAX_MONTHS,
) -> Plan:
    """Mode 1 (已知存入金额和存期, 设计最大本息方案): the largest value after ``months``.

    Parameters
    ----------
    amount : yuan deposited at month 0 (to the fen).
    months : the horizon, whole months (1 … ``max_months``).
    rate_table : a RateTable or its id (looked up in the bundled catalog);
        None: the catalog's default table. Any object with the same rate
        mappings (``demand``, ``fixed``, ``installment``, ``interest_payout``,
        ``notice``, ``large_cd``, ``large_cd_min``, ``minimums``) is read as
        a table too.
    products : keys of :data:`PRODUCTS` the plan may use (default all).
    fixed_terms : the 整存整取 terms allowed, months (default every listed term).
    max_leg_months : the longest contract term of any single deposit.
    keep_available : yuan kept in 活期 for the whole horizon.
    tax_rate : interest tax rate (0.2 for 1999-11 … 2007-08-14).
    tax_by_date : tax each leg by the periods of docs/rules/tax.md from ``start_date``.
    start_date : date of month 0; legs then carry maturity dates.
    max_months : the longest horizon accepted.

    Returns
    -------
    Plan
        The optimal legs; ``alternatives`` holds the naive choices.

    Raises
    ------
    InputError
        a bad amount, horizon, product key, term, tax, rate table or reserve
        (``.field`` names it); 48.0 months is 48, 48.5 is refused.
    NoSolutionError
        the allowed products cannot fill the horizon (allow ``demand``).

    Notes
    -----
    Optimal within the model of the module notes: exact over all single-pot
    plans with rounding to the fen at each maturity; no split plan beats it
    except by rounding. docs/rules/plans.md#the-five-modes, mode 1.

    References
    ----------
    docs/rules/deposits.md#lump-sum-fixed-deposit, docs/rules/tax.md, docs/rules/plans.md#growth-of-a-deposit; 工商银行 组合存款设计 (docs/rules/sources.md#combined-deposit-design).

    Examples
    --------
    docs/rules/plans.md#worked-examples C-2: 10,000 yuan for 60 months at 20 % tax, 2004 rates.

    >>> from types import SimpleNamespace
    >>> t = SimpleNamespace(demand=0.0072, fixed={3: 0.0171, 12: 0.0225, 36: 0.0324, 60: 0.036})
    >>> plan = max_value(10_000, 60, rate_table=t, tax_rate=0.2)
    >>> plan.value, plan.interest, plan.tax
    (11440.0, 1800.0, 360.0)
    """
    amount = _money(amount, "amount")
    max_months = _max_months(max_months)
    months = _months(months, "months", max_months)
    keep = _validate.amount(keep_available, "keep_available", allow_zero=True)
    ctx = _context(rate_table, products, fixed_terms, max_leg_months, tax_rate, tax_by_date, start_date)
    rolled, reserve = _lump(ctx, amount, keep, months)
    if amount - keep > 0 and rolled.best[months, 0] < 0:
        raise NoSolutionError("months", months, code="plans.no_fit")
    return _lump_plan(ctx, "max_value", amount, keep, rolled, reserve, months, None, 1)


def shortest_term(
    amount: AmountLike,
    target: AmountLike,
    *,
    rate_table: "RateTable | str | None" = None,
    products: Collection[str] | None = None,
    fixed_terms: Collection[int] | None = None,
    max_leg_months: int | None = None,
    keep_available: AmountLike = 0.0,
    tax_rate: RateLike = 0.0,
    tax_by_date: bool = False,
    start_date: DateLike | None = None,
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
    month whose best value reaches the target (docs/rules/plans.md#the-five-modes, mode 2).

    Examples
    --------
    docs/rules/plans.md#worked-examples C-3: 10,000 yuan to 11,000 at 2004 rates takes 39 months.

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
        raise InputError("target", target, code="plans.target_above_amount", params={"amount": f"{amount:,.2f}"})
    max_months = _max_months(max_months)
    keep = _validate.amount(keep_available, "keep_available", allow_zero=True)
    ctx = _context(rate_table, products, fixed_terms, max_leg_months, tax_rate, tax_by_date, start_date)
    rolled, reserve = _lump(ctx, amount, keep, max_months, run=False)
    for month in range(1, max_months + 1):  # best[month] is final once advanced to it
        rolled.advance(month)
        if rolled.value(0, month) + reserve[month] >= target:
            break
    else:
        pot = rolled.best[:, 0]
        reach = float(np.max(np.where(pot >= 0, pot / 100, -np.inf) + reserve))
        raise NoSolutionError("target", target, code="plans.unreachable",
                              params={"max_months": max_months, "reach": f"{reach:,.2f}"})
    return _lump_plan(ctx, "shortest_term", amount, keep, rolled, reserve, month, target, month)

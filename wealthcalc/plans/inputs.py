"""Inputs of a request: checking them and building the context (the moves a pot may take)."""

from __future__ import annotations

import datetime as _dt
from typing import Any, Collection

import numpy as np

from ..deposits import TAX_PERIODS
from ..errors import InputError
from ..money import parse_amount
from .model import _Ctx, _Move

DEFAULT_MAX_MONTHS = 360
"""Longest horizon the planner considers, in months (30 years)."""

PRODUCTS = ("fixed", "large_cd", "installment", "interest_payout", "notice", "demand")
"""Product keys a plan may use: 整存整取, 大额存单, 零存整取, 存本取息→零存整取, 通知存款, 活期."""


def _mapping(table: Any, name: str) -> dict[int, float]:
    raw = getattr(table, name, None) or {}
    return {int(k): float(r) for k, r in dict(raw).items() if r is not None}


def _context(rate_table: Any, products: Collection[str] | None, fixed_terms: Collection[int] | None,
             max_leg_months: int | None, tax_rate: float, tax_by_date: bool,
             start_date: _dt.date | None) -> _Ctx:
    if rate_table is None:
        from ..catalog import load

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


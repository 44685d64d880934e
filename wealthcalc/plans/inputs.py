"""Inputs of a request: checking them and building the context (the moves a pot may take).

Every public mode checks its arguments here, through :mod:`wealthcalc._validate`
(48 and 48.0 months alike, 48.5 refused; amounts as numbers or text such as
"5万"); a rate table is a :class:`~wealthcalc.catalog.RateTable`, its id, or
any object carrying the same rate mappings (``demand``, ``fixed`` ...).
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass
from typing import Any, Collection

import numpy as np

from .. import _validate
from ..deposits import TAX_PERIODS
from ..errors import InputError
from .model import _Ctx, _Move

DEFAULT_MAX_MONTHS = 360
"""Longest horizon the planner considers, in months (30 years)."""

PRODUCTS = ("fixed", "large_cd", "installment", "interest_payout", "notice", "demand")
"""Product keys a plan may use: 整存整取, 大额存单, 零存整取, 存本取息→零存整取, 通知存款, 活期."""

# what an object must carry (any one of) to be read as a rate table
_RATE_FIELDS = ("demand", "fixed", "installment", "interest_payout", "notice", "large_cd")
_LONGEST = 1200  # months: the longest horizon or leg anyone may ask for (100 years)


def _rate_table(value: Any) -> Any:
    """A rate table from a RateTable, its id or None (through the catalog), or a table-like object."""
    from ..catalog import RateTable, resolve_rate_table

    if value is None or isinstance(value, (str, RateTable)):
        return resolve_rate_table(value)
    if any(hasattr(value, name) for name in _RATE_FIELDS) and not isinstance(value, (bytes, int, float)):
        return value
    raise InputError("rate_table", value, code="plans.rate_table_type")


def _mapping(table: Any, name: str) -> dict[int, float]:
    """The table's ``name`` mapping (term → rate) as ints and floats; a malformed one is an InputError."""
    raw = getattr(table, name, None) or {}
    try:
        return {int(k): float(r) for k, r in dict(raw).items() if r is not None}
    except (TypeError, ValueError, OverflowError):
        raise InputError("rate_table", table, code="plans.rate_table_type") from None


@dataclass(frozen=True)
class _Options:
    """The checked options every mode shares."""

    products: frozenset[str]
    fixed_terms: tuple[int, ...] | None
    max_leg_months: int | None
    tax_rate: float
    tax_by_date: bool
    start_date: _dt.date | None


def _options(products: Any, fixed_terms: Any, max_leg_months: Any, tax_rate: Any, tax_by_date: Any,
             start_date: Any) -> _Options:
    """Check the shared options (each error names its field)."""
    if isinstance(products, str):
        products = [products]
    if products is not None and not isinstance(products, Collection):
        raise InputError("products", products, code="plans.products", params={"choices": ", ".join(PRODUCTS)})
    asked = list(PRODUCTS if products is None else products)
    if not all(isinstance(p, str) for p in asked):
        raise InputError("products", products, code="plans.products", params={"choices": ", ".join(PRODUCTS)})
    allowed = set(asked)
    unknown = allowed - set(PRODUCTS)
    if unknown or not allowed:
        raise InputError("products", sorted(unknown) if unknown else [], code="plans.products",
                         params={"choices": ", ".join(PRODUCTS)})
    rate = _validate.rate(tax_rate, "tax_rate")
    if rate >= 1:
        raise InputError("tax_rate", tax_rate, code="plans.tax_rate")
    by_date = _validate.flag(tax_by_date, "tax_by_date")
    start = None if start_date is None else _validate.date(start_date, "start_date")
    if by_date and start is None:
        raise InputError("start_date", None, code="plans.tax_by_date_start")
    if by_date and rate:
        raise InputError("tax_rate", tax_rate, code="plans.tax_both")
    if isinstance(fixed_terms, (str, bytes)) or (fixed_terms is not None and not isinstance(fixed_terms, Collection)):
        raise InputError("fixed_terms", fixed_terms, code="plans.terms_format")
    terms = None if fixed_terms is None else tuple(
        _validate.whole(t, "fixed_terms", low=1, high=_LONGEST) for t in fixed_terms)
    longest = None if max_leg_months is None else _validate.whole(max_leg_months, "max_leg_months", low=1,
                                                                   high=_LONGEST)
    return _Options(frozenset(allowed), terms, longest, rate, by_date, start)


def _context(rate_table: Any, products: Collection[str] | None, fixed_terms: Collection[int] | None,
             max_leg_months: int | None, tax_rate: Any, tax_by_date: Any, start_date: Any) -> _Ctx:
    """The context of one request: checked options and the legs a pot may take, dominated ones dropped."""
    opts = _options(products, fixed_terms, max_leg_months, tax_rate, tax_by_date, start_date)
    rate_table = _rate_table(rate_table)
    allowed, tax_rate, start_date = opts.products, opts.tax_rate, opts.start_date
    longest = opts.max_leg_months or 10**6
    asked = tax_by_date = opts.tax_by_date
    if asked:  # no taxed day from the start on: the same as no tax, and faster
        last_day, last_rate = TAX_PERIODS[-1]
        tax_by_date = not (last_rate == 0 and start_date is not None and start_date >= last_day)
    mins = {k: float(v) for k, v in dict(getattr(rate_table, "minimums", None) or {}).items()}
    demand_rate = float(getattr(rate_table, "demand", 0.0) or 0.0)
    installment = _mapping(rate_table, "installment")
    moves, demand = _moves(rate_table, allowed, opts.fixed_terms, mins, demand_rate, installment)
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


def _moves(rate_table: Any, allowed: Collection[str], fixed_terms: tuple[int, ...] | None,
           mins: dict[str, float], demand_rate: float,
           installment: dict[int, float]) -> tuple[list[_Move], _Move | None]:
    """Every leg the table offers among the allowed products, and the 活期 month (None: not allowed)."""
    fixed = _mapping(rate_table, "fixed")
    if fixed_terms is not None:
        bad = [t for t in fixed_terms if t not in fixed]
        if bad:
            raise InputError("fixed_terms", bad, code="plans.fixed_terms", params={"terms": sorted(fixed)})
        fixed = {t: fixed[t] for t in fixed_terms}
    moves: list[_Move] = []
    if "fixed" in allowed:
        moves += [_Move("fixed", t, t, r, mins.get("fixed", 0.0)) for t, r in fixed.items()]
    if "large_cd" in allowed:
        cd_min = float(getattr(rate_table, "large_cd_min", None) or mins.get("large_cd", 0.0))
        moves += [_Move("large_cd", t, t, r, cd_min) for t, r in _mapping(rate_table, "large_cd").items()]
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
    return moves, demand


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
    return _validate.whole(value, field_name, low=1, high=max_months)


def _max_months(value: Any) -> int:
    return _validate.whole(value, "max_months", low=1, high=_LONGEST)


def _money(value: Any, field_name: str) -> float:
    return _validate.amount(value, field_name)

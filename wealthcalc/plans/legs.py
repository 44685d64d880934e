"""Plan records from the programs' answers: legs of a pot, the whole plan."""

from __future__ import annotations

from typing import Sequence

from ..money import round_fen
from .model import _Ctx, _grow1, _Move
from .results import _NAMES, Plan, PlanLeg

_LIQUID = ("demand", "notice_1d", "notice_7d", "reserve")


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


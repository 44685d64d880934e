"""Plan records from the programs' answers: legs of a pot, the whole plan."""

from __future__ import annotations

from dataclasses import replace as _replace
from typing import Sequence

from ..deposits import deposit_insurance
from ..money import round_fen
from ..results import Note
from .model import _Ctx, _grow1, _Move
from .results import Plan, PlanAlternative, PlanLeg, product_name

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
    return PlanLeg(pot=pot, product=product, name=product_name(product, "zh"),
                   name_en=product_name(product, "en"), start_month=start,
                   months=months, amount=float(amount), annual_rate=float(rate),
                   interest=float(interest), tax=float(tax), value=float(value),
                   monthly=monthly, start_date=ctx.date(start), maturity_date=ctx.date(start + months))


def _rename(leg: PlanLeg, product: str) -> PlanLeg:
    return _replace(leg, product=product, name=product_name(product, "zh"), name_en=product_name(product, "en"))


def _plan(mode: str, months: int, principal: float, value: float, legs: Sequence[PlanLeg],
          alternatives: Sequence[PlanAlternative], ctx: _Ctx, *, amount: float | None = None,
          monthly: float | None = None, target: float | None = None, keep: float = 0.0,
          iterations: int = 1) -> Plan:
    interest = round_fen(sum(leg.interest for leg in legs))
    tax = round_fen(sum(leg.tax for leg in legs))
    value = round_fen(value)
    exposed = float(deposit_insurance(value).exposed)  # docs/rules/deposit-insurance.md#coverage-limit: 500,000 per depositor per bank
    notes = []
    rule = next((a for a in alternatives if a.key == "installment_rule"), None)
    if rule is not None and (rule.shortfall > 0 or (rule.months or 0) > months
                             or (rule.monthly or 0) > (monthly or 0)):
        notes.append(Note("plans.note.rule_5"))
    if exposed > 0:
        notes.append(Note("plans.note.insurance", {"exposed": f"{exposed:,.2f}"}))
    return Plan(mode=mode, months=months, principal=round_fen(principal), value=value,
                interest=interest, tax=tax, legs=tuple(legs), alternatives=tuple(alternatives),
                amount=amount, monthly=monthly, target=target, keep_available=float(keep),
                tax_rate=None if ctx.by_date_asked else ctx.tax_rate, start_date=ctx.start_date,
                iterations=int(iterations), insurance_exposed=exposed, notes=tuple(notes))

"""The records a plan is made of: :class:`PlanLeg`, :class:`PlanAlternative`, :class:`Plan`."""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass
from typing import Any

from ..money import round_fen

__all__ = ["Plan", "PlanAlternative", "PlanLeg"]

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


"""The records a plan is made of: :class:`PlanLeg`, :class:`PlanAlternative`, :class:`Plan`."""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field
from typing import Any, Mapping

from ..i18n import message
from ..money import round_fen
from ..results import Note, fields_dict

__all__ = ["Plan", "PlanAlternative", "PlanLeg", "mode_name", "product_name"]


def product_name(product: str, lang: str = "en") -> str:
    """The name of a leg's product key ("fixed", "notice_7d", "reserve" ...) in ``lang``.

    >>> product_name("fixed", "zh"), product_name("reserve")
    ('整存整取', 'demand deposit (kept available)')
    """
    return message(f"plans.product.{product}", lang)


def mode_name(mode: str, lang: str = "en") -> str:
    """What a planning mode answers ("max_value" → "amount + term: largest value"), in ``lang``.

    >>> mode_name("monthly_required")
    'term + target: monthly amount'
    """
    return message(f"plans.mode.{mode}", lang)

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

    def display_name(self, lang: str = "en") -> str:
        """The leg's product name in ``lang`` (``name`` is the Chinese, ``name_en`` the English)."""
        return product_name(self.product, lang)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready built-ins (dates ISO)."""
        return fields_dict(self)


@dataclass(frozen=True, slots=True)
class PlanAlternative:
    """A naive choice over the same money and months, for comparison.

    ``installment_rule`` (monthly modes) is the one-account answer (docs/rules/plans.md#one-account-answer) with one
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
    name_code: str = ""
    """The message code of its name (``name`` / ``name_en`` are its wording); ``name_params`` fill it in."""
    name_params: Mapping[str, Any] = field(default_factory=dict)

    @property
    def principal(self) -> float:
        """Yuan it pays in: its value less the interest after tax."""
        return float(round_fen(self.value - self.interest + self.tax))

    def display_name(self, lang: str = "en") -> str:
        """The choice's name in ``lang``."""
        if not self.name_code:
            return self.name if lang == "zh" else self.name_en
        return message(self.name_code, lang, **self.name_params)

    @classmethod
    def named(cls, key: str, code: str, params: Mapping[str, Any], value: float, interest: float,
              tax: float, shortfall: float, months: int | None = None,
              monthly: float | None = None) -> "PlanAlternative":
        """A choice whose name is the message ``code`` with ``params``, worded in both languages."""
        return cls(key, message(code, "zh", **params), message(code, "en", **params), value, interest, tax,
                   shortfall, months, monthly, code, dict(params))

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready built-ins, with ``principal``."""
        return {**fields_dict(self), "principal": self.principal}


@dataclass(frozen=True, slots=True)
class Plan:
    """A combined-deposit plan: legs, totals and the naive choices it beats.

    Amounts are yuan rounded half-up to the fen. ``principal`` is the money put
    in (``amount``, or ``monthly × months``); ``value = principal + interest −
    tax`` is what the customer holds at month ``months``. ``converged`` is
    always True for a returned plan; ``iterations`` counts the horizons
    (modes 2, 4) or monthly amounts (mode 5) examined, 1 for modes 1 and 3.
    ``notes`` (:class:`~wealthcalc.results.Note`) say when the single-零存整取
    answer (``installment_rule``) is beaten (``plans.note.rule_5``) and when the value is above
    the deposit-insurance cover at one bank (``plans.note.insurance``, by
    ``insurance_exposed`` yuan).
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
    insurance_exposed: float = 0.0
    """Yuan of ``value`` above the deposit-insurance cover at one bank (500,000)."""
    notes: tuple[Note, ...] = ()

    headers = ("pot", "product", "start_month", "months", "amount", "monthly", "annual_rate",
               "interest", "tax", "value", "maturity_date")

    def rows(self) -> list[list[Any]]:
        """One row per leg, in the order of ``headers``."""
        return [[leg.pot, leg.product, leg.start_month, leg.months, leg.amount, leg.monthly,
                 leg.annual_rate, leg.interest, leg.tax, leg.value, leg.maturity_date]
                for leg in self.legs]

    def mode_name(self, lang: str = "en") -> str:
        """What the plan's mode answers, in ``lang``."""
        return mode_name(self.mode, lang)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready built-ins with stable English keys (notes as Note dicts)."""
        return fields_dict(self)

"""Argument checks of the deposit calculators, on top of :mod:`wealthcalc._validate`.

Each adds a rule of its own (terms offered, a deposit's minimum, a missing
rate); the checks themselves are :mod:`wealthcalc._validate`'s.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from .. import _validate
from ..errors import InputError
from ._fen import MAX_DAYS, _to_fen
from .terms import DayCount


def _amount(value: Any, field_name: str, minimum: float | None = None) -> int:
    """A positive amount of yuan, in fen; checked against ``minimum`` when given."""
    amount = _validate.amount(value, field_name)
    if minimum is not None and amount < minimum:
        raise InputError(field_name, value, code="deposits.minimum", params={"minimum": f"{minimum:,.2f}"})
    return int(_to_fen(amount))


def _nonnegative(value: Any, field_name: str) -> float:
    return _validate.amount(value, field_name, allow_zero=True)


def _rate(value: Any, field_name: str) -> float:
    if value is None:
        raise InputError(field_name, value, code="deposits.rate_missing")
    return _validate.rate(value, field_name)


def _minimum(value: Any) -> float | None:
    return None if value is None else _validate.amount(value, "minimum", allow_zero=True)


def _term(value: Any, allowed: Sequence[int], field_name: str = "months") -> int:
    """One of the terms ``allowed`` (36 and 36.0 alike; 36.5 or 48 refused)."""
    unit = "days" if field_name == "notice_days" else "months"
    params = {"terms": ", ".join(map(str, allowed)), "terms_zh": "、".join(map(str, allowed))}
    try:
        term = _validate.whole(value, field_name, low=min(allowed), high=max(allowed), unit=unit)
    except InputError:
        raise InputError(field_name, value, code="deposits.terms", params=params) from None
    if term not in allowed:
        raise InputError(field_name, value, code="deposits.terms", params=params)
    return term


def _horizon_days(days: Any, field_name: str, shown: Any = None) -> int:
    """Whole days from 0 to :data:`MAX_DAYS` (100 years); longer horizons are refused."""
    try:
        return _validate.whole(days, field_name, low=0, high=MAX_DAYS, unit="days")
    except InputError as err:
        if err.code == "whole.range" and days < 0:
            raise InputError(field_name, days, code="deposits.days_negative") from None
        if err.code == "whole.range":
            raise InputError(field_name, days if shown is None else shown, code="deposits.horizon",
                             params={"days": f"{MAX_DAYS:,}"}) from None
        raise


def _day_count(value: Any) -> DayCount:
    try:
        return DayCount(value)
    except ValueError:
        raise InputError("day_count", value, code="deposits.day_count") from None

"""The one set of argument checks every public function uses.

Each check takes the value, the name of the argument (``field``) and the
bounds, and returns the value in the library's own type — or raises
:class:`~wealthcalc.errors.InputError` naming the field, the value and what
is accepted, worded by the message catalog. The same input gets the same
verdict in every calculator:

- amounts: int, float, Decimal, numpy numbers, and text as people write it
  ("10万", "100,000", "¥5,000"; :func:`wealthcalc.money.parse_amount`);
- rates: 0.0324 or "3.24%"; a bare 3.24 is refused as a percent without its sign;
- whole numbers (months, days, counts): 48 and 48.0 alike, 48.5 refused;
- dates: ``datetime.date``, ``datetime.datetime`` (pandas ``Timestamp`` is one),
  ISO text, ``numpy.datetime64``;
- NaN, infinity, booleans-as-numbers and complex numbers are refused everywhere.

>>> whole(48.0, "months", low=1, high=600)
48
>>> whole(48.5, "months", low=1, high=600)
Traceback (most recent call last):
...
wealthcalc.errors.InputError: months: got 48.5; write a whole number of months, e.g. 48
>>> amount("10万", "amount"), rate("3.24%", "annual_rate")
(100000.0, 0.0324)
"""

from __future__ import annotations

import datetime as _dt
import enum
import math
import numbers
from decimal import Decimal
from typing import Any, Mapping, TypeVar, Union

import numpy as np

from .dates import to_date
from .errors import InputError
from .money import MAX_AMOUNT, parse_amount, parse_rate

__all__ = ["AmountLike", "DateLike", "RateLike", "amount", "choice", "date", "flag", "number", "rate", "whole"]

AmountLike = Union[int, float, Decimal, str, np.integer, np.floating]
"""An amount of yuan: a number, or text such as "10万" or "¥5,000"."""
RateLike = Union[float, int, Decimal, str, np.floating]
"""An annual rate: a fraction (0.0324) or percent text ("3.24%")."""
DateLike = Union[_dt.date, _dt.datetime, str, np.datetime64]
"""A calendar date: ``datetime.date``/``datetime``, pandas Timestamp, ISO text or ``numpy.datetime64``."""

E = TypeVar("E", bound=enum.Enum)

_UNITS = {"months": "unit.months", "days": "unit.days", "years": "unit.years"}


def _is_bool(value: Any) -> bool:
    return isinstance(value, (bool, np.bool_))


def amount(value: Any, field: str, *, allow_zero: bool = False, minimum: float | None = None,
           maximum: float = MAX_AMOUNT) -> float:
    """Yuan as a float: positive (or zero with ``allow_zero``), to the fen, at most ``maximum``.

    >>> amount(np.float64(5307.27), "payment")
    5307.27
    """
    if _is_bool(value) or isinstance(value, complex):
        raise InputError(field, value, code="amount.not_number")
    yuan = parse_amount(value, field=field, allow_zero=allow_zero)
    if yuan > maximum:
        raise InputError(field, value, code="amount.too_large", params={"limit": f"{maximum:,.0f}"})
    if minimum is not None and yuan < minimum:
        raise InputError(field, value, code="amount.minimum", params={"minimum": f"{minimum:,.2f}"})
    return yuan


def rate(value: Any, field: str, *, allow_negative: bool = False, maximum: float | None = 1.0) -> float:
    """An annual rate as a decimal fraction; ``maximum`` bounds its size (None: any size).

    >>> rate(0.049, "annual_rate")
    0.049
    """
    if _is_bool(value) or isinstance(value, complex):
        raise InputError(field, value, code="rate.format")
    fraction = parse_rate(value, field=field, allow_negative=allow_negative)
    if maximum is not None and abs(fraction) > maximum:
        raise InputError(field, value, code="rate.too_large",
                         params={"value": str(value), "limit": f"{maximum:.0%}"})
    return fraction


def whole(value: Any, field: str, *, low: int, high: int, unit: str = "months", example: int | None = None) -> int:
    """A whole number from ``low`` to ``high``; integral floats count (48.0 is 48).

    ``unit`` ("months", "days", "years" or any word) words the message.

    >>> whole(np.int64(12), "months", low=1, high=600)
    12
    """
    unit_code = _UNITS.get(unit)
    params: dict[str, Any] = {
        "unit": _unit_word(unit_code, "zh", unit), "unit_en": _unit_word(unit_code, "en", unit),
        "example": example if example is not None else max(low, min(high, 48 if unit == "months" else 12)),
        "low": f"{low:,}", "high": f"{high:,}",
    }
    if _is_bool(value) or isinstance(value, (str, bytes, complex)) or not isinstance(value, (numbers.Real, Decimal)):
        raise InputError(field, value, code="whole.format", params=params)
    try:
        number = float(value)
    except (TypeError, ValueError, OverflowError):
        raise InputError(field, value, code="whole.format", params=params) from None
    if not math.isfinite(number) or number != math.floor(number):
        raise InputError(field, value, code="whole.format", params=params)
    if not low <= number <= high:
        raise InputError(field, value, code="whole.range", params=params)
    return int(number)


def _unit_word(code: str | None, lang: str, fallback: str) -> str:
    if code is None:
        return fallback
    from .i18n import message

    return message(code, lang)


def number(value: Any, field: str, *, low: float = -math.inf, high: float = math.inf,
           low_open: bool = False) -> float:
    """A finite real number from ``low`` to ``high`` (above ``low`` with ``low_open``).

    >>> number(0.5, "share", low=0, high=1)
    0.5
    """
    if _is_bool(value) or isinstance(value, (str, bytes, complex)) or not isinstance(value, (numbers.Real, Decimal)):
        raise InputError(field, value, code="number.format")
    try:
        x = float(value)
    except (TypeError, ValueError, OverflowError):
        raise InputError(field, value, code="number.format") from None
    if not math.isfinite(x):
        raise InputError(field, value, code="number.format")
    if x < low or x > high or (low_open and x == low):
        raise InputError(field, value, code="number.range", params={"low": _plain(low), "high": _plain(high)})
    return x


def _plain(x: float) -> str:
    if math.isinf(x):
        return "∞" if x > 0 else "-∞"
    return f"{x:g}"


def date(value: Any, field: str) -> _dt.date:
    """A calendar date from any :data:`DateLike`; NaT and text that is not a date are refused.

    >>> date(np.datetime64("2026-01-15"), "start")
    datetime.date(2026, 1, 15)
    """
    return to_date(value, field)


def flag(value: Any, field: str) -> bool:
    """A real boolean (``True``/``False``, numpy's too); 0, 1 and text are refused.

    >>> flag(np.True_, "redeem")
    True
    """
    if not _is_bool(value):
        raise InputError(field, value, code="flag.format")
    return bool(value)


def choice(value: Any, field: str, kind: type[E], aliases: Mapping[str, E] | None = None) -> E:
    """A member of the enum ``kind``, from the member, its value or one of ``aliases``.

    >>> class When(str, enum.Enum):
    ...     END = "end"
    >>> choice("end", "when", When)
    <When.END: 'end'>
    """
    if isinstance(value, kind):
        return value
    if isinstance(value, str):
        text = value.strip()
        if aliases and text in aliases:
            return aliases[text]
        for member in kind:
            if text == member.value or text.lower() == str(member.value).lower():
                return member
    names = [str(m.value) for m in kind] + list(aliases or ())
    raise InputError(field, value, code="choice.format", params={"choices": ", ".join(names)})

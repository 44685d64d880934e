"""Money and rates as banks write them: parsing, rounding to the fen, display.

Amounts are yuan as float64; amounts a customer sees are rounded half-up
(四舍五入) to 0.01 yuan by :func:`round_fen`. Rates are decimal fractions
(0.0324); people may write "3.24%", which :func:`parse_rate` reads.

>>> parse_rate("3.24%")
0.0324
>>> parse_amount("1.5万")
15000.0
>>> round_fen(2.675)
2.68
>>> format_amount(1234567.891)
'1,234,567.89'
"""

from __future__ import annotations

import math
import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation, localcontext
from typing import Any

import numpy as np
from numpy.typing import ArrayLike

from .errors import InputError

__all__ = [
    "MAX_AMOUNT",
    "format_amount",
    "format_rate",
    "parse_amount",
    "parse_rate",
    "round_fen",
]

MAX_AMOUNT = 1e13
"""Largest amount accepted, in yuan (ten trillion)."""

_PERCENT_SIGNS = ("%", "％")
_CURRENCY_PREFIXES = ("¥", "￥", "RMB", "CNY")
_CURRENCY_SUFFIXES = ("元", "RMB", "CNY")
_UNITS = {"万": Decimal(10_000), "亿": Decimal(100_000_000), "千": Decimal(1_000)}


def round_fen(x: ArrayLike) -> Any:
    """Round yuan to the fen (0.01), half-up (四舍五入), as banks do.

    Ties are judged on the decimal a person wrote, so 2.675 (stored as
    2.67499999…) rounds to 2.68. Negative halves round away from zero.
    Vectorized: a numpy array in gives an array out, a scalar gives a float.

    Notes
    -----
    With ``a = |x|`` and ``k = floor(100·a)``, the halfway point
    ``t = (k + 0.5) / 100`` is computed by one correctly rounded division, so
    it is exactly the float nearest the decimal tie. ``a >= t`` rounds up,
    otherwise down: the same answer as
    ``Decimal(repr(x)).quantize(Decimal("0.01"), ROUND_HALF_UP)``. From 1e12
    yuan a tie and a neighbouring 3-decimal amount can be one float
    (``a == t``); those few elements are decided by their repr.

    Examples
    --------
    >>> round_fen(0.125), round_fen(1.005), round_fen(-0.125)
    (0.13, 1.01, -0.13)
    >>> round_fen(np.array([2.675, 1.234, 5307.2714])).tolist()
    [2.68, 1.23, 5307.27]
    """
    arr = np.asarray(x, dtype=np.float64)
    a = np.abs(arr)
    k = np.floor(a * 100.0)
    tie = (k + 0.5) / 100.0
    up = np.array(a >= tie)  # an array even for one value, so it can be set below
    # From 1e12 yuan a float no longer tells every 3-decimal amount from the tie: where
    # a == tie, its shortest repr (what Decimal(repr(x)) reads) decides. Rare, so a loop.
    for i in np.flatnonzero((a == tie) & (a >= 1e12) & (a < 1e15)):
        exact = Decimal(int(k.flat[i])) / 100 + Decimal("0.005")
        up.flat[i] = Decimal(repr(float(a.flat[i]))) >= exact
    out = np.copysign((k + up) / 100.0, arr) + 0.0  # + 0.0 turns -0.0 into 0.0
    if out.ndim == 0 and not isinstance(x, np.ndarray):
        return float(out)
    return out


def _finite_number(value: Any, field: str, code: str) -> float:
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise InputError(field, value, code=code) from None
    if not math.isfinite(number):
        raise InputError(field, value, code=code)
    return number


def parse_rate(
    value: Any,
    *,
    field: str = "rate",
    allow_negative: bool = False,
    allow_above_one: bool = False,
) -> float:
    """Read an annual rate: 0.0324, "0.0324", "3.24%", "3.24 %" or "3.24％".

    A bare number above 1 (3.24 or "3.24") is refused as an evident percent
    written without its sign, unless ``allow_above_one``. Negative rates are
    refused unless ``allow_negative``.

    Raises
    ------
    InputError
        naming ``field``, the value and the accepted spellings.

    Examples
    --------
    >>> parse_rate("3.24％"), parse_rate(0.0324)
    (0.0324, 0.0324)
    >>> parse_rate(3.24)
    Traceback (most recent call last):
    ...
    wealthcalc.errors.InputError: rate: got 3.24; a rate is a fraction or a percent: write '3.24%' (or 0.0324)
    """
    percent = False
    if isinstance(value, str):
        text = value.strip().replace(" ", "")
        for sign in _PERCENT_SIGNS:
            if text.endswith(sign):
                text, percent = text[: -len(sign)], True
                break
        if not re.fullmatch(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?", text):
            raise InputError(field, value, code="rate.format")
        number = float(text)
    elif isinstance(value, bool):
        raise InputError(field, value, code="rate.format")
    else:
        number = _finite_number(value, field, "rate.format")
    if not math.isfinite(number):
        raise InputError(field, value, code="rate.format")
    if percent:
        number = float(Decimal(repr(number)) / 100)
    elif abs(number) > 1 and not allow_above_one:
        raise InputError(field, value, code="rate.bare_percent",
                         params={"percent": _plain(number), "fraction": _plain(number / 100)})
    if number < 0 and not allow_negative:
        raise InputError(field, value, code="rate.negative")
    return number


def _plain(number: float) -> str:
    text = f"{number:.10f}".rstrip("0").rstrip(".")
    return text or "0"


def parse_amount(value: Any, *, field: str = "amount", allow_zero: bool = True) -> float:
    """Read an amount of yuan as people write it.

    Accepts 100000, "100,000", "100000.00", "10万", "1.5万", "2亿", "¥5,000",
    "5000元". Refuses negatives, NaN and infinity, more than two decimals
    (below the fen), and amounts above 1e13 yuan.

    Examples
    --------
    >>> parse_amount("¥5,000"), parse_amount("5000元"), parse_amount("10万")
    (5000.0, 5000.0, 100000.0)
    >>> parse_amount("12.345")
    Traceback (most recent call last):
    ...
    wealthcalc.errors.InputError: amount: got '12.345'; amounts are yuan to the fen (at most 2 decimals), e.g. 12.35
    """
    if isinstance(value, bool):
        raise InputError(field, value, code="amount.format")
    if isinstance(value, str):
        text = value.strip().replace(",", "").replace("，", "").replace(" ", "")
        for prefix in _CURRENCY_PREFIXES:
            if text.upper().startswith(prefix):
                text = text[len(prefix):]
        for suffix in _CURRENCY_SUFFIXES:
            if text.upper().endswith(suffix):
                text = text[: -len(suffix)]
        scale = Decimal(1)
        if text and text[-1] in _UNITS:
            scale, text = _UNITS[text[-1]], text[:-1]
        if not re.fullmatch(r"[+-]?(\d+(\.\d*)?|\.\d+)", text):
            raise InputError(field, value, code="amount.format")
        exact = Decimal(text) * scale
    else:
        number = _finite_number(value, field, "amount.format")
        try:
            exact = Decimal(repr(number))
        except InvalidOperation:  # pragma: no cover - float repr is always valid
            raise InputError(field, value, code="amount.format") from None
    if exact < 0 or (exact == 0 and not allow_zero):
        raise InputError(field, value, code="amount.negative")
    if exact > Decimal(repr(MAX_AMOUNT)):
        raise InputError(field, value, code="amount.too_large", params={"limit": f"{MAX_AMOUNT:,.0f}"})
    if exact != exact.quantize(Decimal("0.01")):
        nearest = exact.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
        if nearest:
            raise InputError(field, value, code="amount.below_fen", params={"nearest": str(nearest)})
        raise InputError(field, value, code="amount.below_fen_min")
    return float(exact)


def format_amount(amount: float, lang: str = "en", *, compact: bool = False) -> str:
    """Show yuan with thousands separators, to the fen.

    With ``compact`` and ``lang="zh"``, amounts of 10,000 and more are shown
    in 万 (ten thousands), as Chinese customers read them.

    >>> format_amount(1234567.891)
    '1,234,567.89'
    >>> format_amount(1234567.891, "zh", compact=True)
    '123.46万'
    >>> format_amount(100000, "zh", compact=True)
    '10万'
    >>> format_amount(float("nan")), format_amount(1e20)
    ('—', '100,000,000,000,000,000,000.00')
    """
    value = round_fen(amount)
    if not math.isfinite(value):
        return "—" if math.isnan(value) else ("∞" if value > 0 else "-∞")
    with localcontext() as context:
        context.prec = 400  # room for every float's digits (quantize fails beyond prec)
        if compact and lang == "zh" and abs(value) >= 10_000:
            wan = Decimal(repr(value)) / 10_000
            text = f"{wan.quantize(Decimal('0.01'), rounding=ROUND_HALF_UP):,}"
            if "." in text:
                text = text.rstrip("0").rstrip(".")
            return f"{text}万"
        return f"{Decimal(repr(value)).quantize(Decimal('0.01')):,}"


def format_rate(rate: float, digits: int = 2) -> str:
    """Show a decimal rate as a percent.

    >>> format_rate(0.0324), format_rate(0.033307, 4)
    ('3.24%', '3.3307%')
    """
    if rate is None or (isinstance(rate, float) and math.isnan(rate)):
        return "—"
    return f"{rate * 100:.{digits}f}%"

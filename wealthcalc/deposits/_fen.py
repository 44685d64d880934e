"""Exact arithmetic in fen: rates as the fractions a person wrote, half-up rounding.

Every interest amount of the package is ``round_half_up(base × numer / denom)``
on whole fen with the rate taken as the exact decimal it was written as, so
ties such as 6.135 round up.

>>> _interest_fen(1_000_000, 0.0324, 36, 12)
97200
"""

from __future__ import annotations

import functools
from decimal import Decimal
from typing import Any

import numpy as np
from numpy.typing import ArrayLike

from .. import _validate
from ..errors import InputError
from ..money import MAX_AMOUNT, round_fen

MAX_MONTHS = 1200
"""Longest horizon of any deposit calculation: 100 years (1,200 months)."""
MAX_DAYS = 36_600
"""Longest horizon in days: 100 years of 366 days."""


@functools.lru_cache(maxsize=4096)
def _ratio(x: float) -> tuple[int, int]:
    """The decimal a person wrote (repr of the float) as an exact fraction."""
    return Decimal(repr(float(x))).as_integer_ratio()


def _half_up(base: Any, numer: Any, denom: Any) -> Any:
    """round_half_up(base × numer / denom) for non-negative ints or int arrays (broadcast)."""
    if isinstance(base, np.ndarray) and base.size and base.dtype != object:
        if int(base.max()) * int(np.max(numer)) * 2 + int(np.max(denom)) >= 2**62:  # int64 overflow
            base = base.astype(object)
    return (2 * base * numer + denom) // (2 * denom)


def _interest_fen(base_fen: Any, annual_rate: float, numer: int, denom: int) -> Any:
    """Interest in fen on ``base_fen`` for numer/denom years, half-up."""
    p, q = _ratio(annual_rate)
    return _half_up(base_fen, p * numer, q * denom)


def _amount_array(amounts: ArrayLike, field_name: str) -> Any:
    """Fen of non-negative, finite amounts (scalar or array) for the vectorized rules."""
    try:
        arr = np.asarray(amounts, dtype=np.float64)
    except (TypeError, ValueError):
        raise InputError(field_name, amounts, code="deposits.amounts",
                         params={"limit": f"{MAX_AMOUNT:,.0f}"}) from None
    if not np.all(np.isfinite(arr)) or np.any(arr < 0) or np.any(arr > MAX_AMOUNT):
        raise InputError(field_name, amounts, code="deposits.amounts", params={"limit": f"{MAX_AMOUNT:,.0f}"})
    return _to_fen(arr)


def _whole(value: Any, field_name: str) -> int:
    """A whole number of months above 0 (36 and 36.0 alike), at most :data:`MAX_MONTHS`."""
    return _validate.whole(value, field_name, low=1, high=MAX_MONTHS)


def _to_fen(amounts: Any) -> Any:
    arr = np.asarray(amounts, dtype=np.float64)
    fen = np.rint(np.asarray(round_fen(arr)) * 100.0).astype(np.int64)
    return fen if arr.ndim else int(fen)


def _yuan(fen: Any, scalar: bool) -> Any:
    out = np.asarray(fen).astype(np.float64) / 100.0
    return float(out) if scalar else out


def _flat_tax_fen(interest_fen: Any, tax_rate: float) -> Any:
    p, q = _ratio(tax_rate)
    return _half_up(interest_fen, p, q)

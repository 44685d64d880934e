"""The 整存整取 and 零存整取 rules vectorized over amounts, for the combined-deposit planner.

:func:`fixed_maturity_value` and :func:`installment_interest` check their
arguments; :func:`fixed_maturity_fen` is the whole-fen fast path (rules
checked once per distinct rate and term, amounts not checked).

>>> fixed_maturity_value(10_000, 0.0324, 36, 0.2)
10777.6
"""

from __future__ import annotations

import functools
from collections.abc import Hashable
from typing import Any

import numpy as np
from numpy.typing import ArrayLike

from .. import _validate
from .._validate import RateLike
from ..errors import InputError
from ._checks import _rate
from ._fen import _amount_array, _half_up, _interest_fen, _ratio, _whole, _yuan

__all__ = ["fixed_maturity_fen", "fixed_maturity_value", "installment_interest"]


@functools.lru_cache(maxsize=4096, typed=True)
def _term_ratios(annual_rate: Any, months: Any, tax_rate: Any) -> tuple[int, int, int, int]:
    """Checked (interest numer, denom, tax numer, denom) of one rate and term.

    Cached, so a caller applying the same rule many times checks it once
    (an input that fails raises and is not cached).
    """
    p, q = _ratio(_rate(annual_rate, "annual_rate"))
    tp, tq = _ratio(_validate.rate(tax_rate, "tax_rate"))
    return p * _whole(months, "months"), q * 12, tp, tq


def _scalar(value: Any) -> Any:
    """A 0-d array as its item (hashable for the cache); anything else as it is."""
    return value.item() if isinstance(value, np.ndarray) and value.ndim == 0 else value


def fixed_maturity_fen(
    fen: ArrayLike, annual_rate: ArrayLike, months: ArrayLike, tax_rate: RateLike = 0.0
) -> tuple[Any, Any, Any]:
    """The rule of :func:`fixed_maturity_value` on whole fen: (value, interest, tax).

    The fast path for callers applying the rule many times (the planner):
    ``fen`` must be non-negative whole fen (an int or an integer array) and
    is not checked; the rate, term and tax are checked once per distinct
    triple. ``annual_rate`` and ``months`` may be arrays (several terms at
    once), broadcast against ``fen``. Returns ints or int arrays.

    Examples
    --------
    >>> fixed_maturity_fen(1_000_000, 0.0324, 36, 0.2)
    (1077760, 97200, 19440)
    >>> fixed_maturity_fen(np.array([1_000_000]), np.array([[0.0225], [0.0324]]),
    ...                    np.array([[12], [36]]))[1].tolist()
    [[22500], [97200]]
    """
    numer: Any
    denom: Any
    for name, value in (("annual_rate", annual_rate), ("months", months), ("tax_rate", tax_rate)):
        if not isinstance(value, (Hashable, np.ndarray)):
            raise InputError(name, value, code="number.format")
    if np.ndim(annual_rate) == 0 and np.ndim(months) == 0:
        numer, denom, tp, tq = _term_ratios(_scalar(annual_rate), _scalar(months), tax_rate)
    else:
        rates, terms = np.broadcast_arrays(np.asarray(annual_rate, dtype=np.float64), np.asarray(months))
        if terms.dtype.kind not in "iuf":
            raise InputError("months", months, code="deposits.months_whole")
        ratios = [_term_ratios(float(r), _whole(t, "months"), tax_rate) for r, t in zip(rates.flat, terms.flat)]
        numer, denom = (np.array([r[i] for r in ratios]).reshape(rates.shape) for i in (0, 1))
        tp, tq = _term_ratios(0.0, 1, tax_rate)[2:]
    interest = _half_up(fen, numer, denom)
    tax = _half_up(interest, tp, tq) if tp else interest * 0
    return fen + interest - tax, interest, tax


def fixed_maturity_value(
    amounts: ArrayLike, annual_rate: RateLike, months: int, tax_rate: RateLike = 0.0
) -> Any:
    """Value of 整存整取 deposits at maturity, after tax (docs/rules/plans.md#growth-of-a-deposit).

    Parameters
    ----------
    amounts : yuan to the fen, a scalar or an array.
    annual_rate : decimal fraction (0.0324).
    months : term in months (any positive whole number; no term check here).
    tax_rate : flat interest-tax rate (0.2 for 20 %).

    Returns
    -------
    float or ndarray
        ``v + round(v×R×t/12) − round(round(v×R×t/12)×τ)``, rounded half-up to
        the fen with exact arithmetic; an array when ``amounts`` is one.

    Notes
    -----
    360/30 convention: a term of t months earns t/12 of the annual rate.
    :func:`fixed` uses this rule (:func:`fixed_maturity_fen`) for every full term.

    Examples
    --------
    >>> fixed_maturity_value(10_000, 0.0324, 36, 0.2)
    10777.6
    >>> fixed_maturity_value(np.array([10_000.0, 10_225.0]), 0.0225, 12).tolist()
    [10225.0, 10455.06]
    """
    scalar = np.ndim(amounts) == 0
    fen = _amount_array(amounts, "amounts")
    rate, term = _rate(_scalar(annual_rate), "annual_rate"), _whole(_scalar(months), "months")
    return _yuan(fixed_maturity_fen(fen, rate, term, _validate.rate(_scalar(tax_rate), "tax_rate"))[0], scalar)


def installment_interest(monthly: ArrayLike, annual_rate: RateLike, months: int) -> Any:
    """Interest of 零存整取 by the 月积数 method (docs/rules/deposits.md#installment-savings).

    ``monthly × K × annual_rate / 12`` with ``K = n(n+1)/2`` (1y: 78, 3y: 666,
    5y: 1830), rounded half-up to the fen. Vectorized over ``monthly``.

    Examples
    --------
    >>> installment_interest(1_000, 0.0171, 12)
    111.15
    >>> installment_interest(np.array([1_000.0, 500.0]), 0.0207, 36).tolist()
    [1148.85, 574.43]
    """
    scalar = np.ndim(monthly) == 0
    n = _whole(months, "months")
    fen = _amount_array(monthly, "monthly")
    return _yuan(_interest_fen(fen, _rate(annual_rate, "annual_rate"), n * (n + 1) // 2, 12), scalar)


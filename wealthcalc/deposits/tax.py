"""储蓄存款利息所得税: the savings-interest tax by accrual period (docs/rules/tax.md).

Interest is taxed at the rate of the period it accrued in (20 % from
1999-11-01, 5 % from 2007-08-15, none from 2008-10-09); interest spanning
periods is split by actual days. :func:`tax_rule` is the one rule for a
deposit's ``tax=`` argument: by dates, or a flat rate.

>>> interest_tax(972.00, _dt.date(2006, 1, 1), _dt.date(2009, 1, 1))
123.5
"""

from __future__ import annotations

import datetime as _dt
import functools
from typing import Any

import numpy as np  # noqa: F401  (the doctests use np)
from numpy.typing import ArrayLike

from .. import _validate
from .._validate import AmountLike, DateLike, RateLike
from ..errors import InputError
from ..money import round_fen
from ._checks import _nonnegative
from ._fen import _flat_tax_fen, _half_up, _to_fen
from .results import TaxPart

__all__ = ["AUTO_TAX", "TAX_PERIODS", "interest_tax", "interest_tax_fen", "interest_tax_parts",
           "interest_tax_rate", "tax_rule"]

TAX_PERIODS: tuple[tuple[_dt.date, float], ...] = (
    (_dt.date(1999, 11, 1), 0.20),
    (_dt.date(2007, 8, 15), 0.05),
    (_dt.date(2008, 10, 9), 0.0),
)
"""Savings-interest tax (docs/rules/tax.md, 财税〔2008〕132号): (first day, rate); 0 before 1999-11-01."""

AUTO_TAX = "auto"
"""The spelling of "tax by accrual dates" accepted by :func:`tax_rule` (and ``--tax auto``)."""


def tax_rule(tax: RateLike | None, start: DateLike | None = None) -> float | None:
    """The tax rule of a deposit: None taxes by accrual dates (docs/rules/tax.md), a float is a flat rate.

    ``tax`` None or ``"auto"`` means by dates when the deposit has a ``start``
    date, and no tax (0.0) without one (undated interest has no period);
    anything else is a flat rate (``0.2``, ``"20%"``).

    Examples
    --------
    >>> tax_rule("auto", _dt.date(2005, 1, 1)) is None, tax_rule(None), tax_rule("20%")
    (True, 0.0, 0.2)
    """
    if tax is None or (isinstance(tax, str) and tax.strip().lower() == AUTO_TAX):
        return None if start is not None else 0.0
    return _validate.rate(tax, "tax")


def _rate_on(on: _dt.date) -> float:
    rate = 0.0
    for first_day, period_rate in TAX_PERIODS:
        if on >= first_day:
            rate = period_rate
    return rate


def interest_tax_rate(on: DateLike) -> float:
    """The savings-interest tax rate for interest accrued on ``on`` (docs/rules/tax.md).

    >>> interest_tax_rate(_dt.date(2005, 1, 1)), interest_tax_rate(_dt.date(2008, 10, 9))
    (0.2, 0.0)
    """
    return _rate_on(_validate.date(on, "on"))


@functools.lru_cache(maxsize=4096)
def _tax_periods(start: _dt.date, end: _dt.date) -> tuple[tuple[_dt.date, _dt.date, int, float], ...]:
    """The docs/rules/tax.md periods (from, to, actual days, tax rate) of an accrual, days start-in/end-out."""
    if end <= start:
        return ((start, end, 0, _rate_on(start)),)
    bounds = [start] + [d for d, _ in TAX_PERIODS if start < d < end] + [end]
    return tuple((a, b, (b - a).days, _rate_on(a)) for a, b in zip(bounds, bounds[1:]))


def _tax_split_fen(interest_fen: Any, start: _dt.date, end: _dt.date) -> list[tuple[Any, ...]]:
    """[(from, to, days, tax_rate, interest_fen, tax_fen)] by period; vectorized over the interest.

    Each part but the last takes ``half_up(interest × days / total days)``,
    the last the rest; each is taxed half-up at its period's rate.
    """
    periods = _tax_periods(start, end)
    total_days = sum(p[2] for p in periods)
    pieces, left = [], interest_fen
    for i, (a, b, days, rate) in enumerate(periods):
        part = left if i == len(periods) - 1 else _half_up(interest_fen, days, total_days)
        left = left - part
        pieces.append((a, b, days, rate, part, _flat_tax_fen(part, rate)))
    return pieces


def interest_tax_fen(interest_fen: ArrayLike, start: _dt.date, end: _dt.date) -> Any:
    """docs/rules/tax.md tax on interest in whole fen accrued from ``start`` to ``end``.

    The rule of :func:`interest_tax_parts`, vectorized over non-negative
    whole fen (an int or an integer array, not checked: the planner's fast
    path); the periods of each date pair are computed once.

    Examples
    --------
    >>> interest_tax_fen(np.array([97_200, 0]), _dt.date(2005, 1, 1), _dt.date(2008, 1, 1)).tolist()
    [17589, 0]
    """
    if all(p[3] == 0 for p in _tax_periods(start, end)):
        return interest_fen * 0  # type: ignore[operator]
    return sum(piece[5] for piece in _tax_split_fen(interest_fen, start, end))


def interest_tax_parts(interest: AmountLike, start: DateLike, end: DateLike) -> tuple[TaxPart, ...]:
    """Split interest over the tax periods it accrued in (docs/rules/tax.md, T-1, T-2).

    The interest is allocated in proportion to the actual days (start
    included, end excluded) in each period, each part rounded to the fen
    (the last part takes the residue so the parts add up), and taxed at its
    period's rate, rounded to the fen.

    Examples
    --------
    >>> for p in interest_tax_parts(972.00, _dt.date(2005, 1, 1), _dt.date(2008, 1, 1)):
    ...     print(p.days, p.tax_rate, p.interest, p.tax)
    956 0.2 848.61 169.72
    139 0.05 123.39 6.17
    """
    interest_fen = _to_fen(_nonnegative(interest, "interest"))
    first, last = _validate.date(start, "start"), _validate.date(end, "end")
    if last < first:
        raise InputError("end", last, code="deposits.end_before_start", params={"start": first})
    return tuple(
        TaxPart(a, b, days, rate, part / 100, tax / 100)
        for a, b, days, rate, part, tax in _tax_split_fen(interest_fen, first, last)
    )


def interest_tax(interest: AmountLike, start: DateLike, end: DateLike) -> float:
    """Savings-interest tax on interest accrued from ``start`` to ``end`` (docs/rules/tax.md).

    Examples
    --------
    >>> interest_tax(972.00, _dt.date(2006, 1, 1), _dt.date(2009, 1, 1))
    123.5
    """
    return float(round_fen(sum(p.tax for p in interest_tax_parts(interest, start, end))))



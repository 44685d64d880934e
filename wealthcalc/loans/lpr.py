"""LPR-priced loans (LPR 加点): the LPR in force, repricings, and which LPR prices a loan."""

from __future__ import annotations

import datetime as _dt
from typing import TYPE_CHECKING, Any, Sequence, Union

from .. import _validate
from .._validate import DateLike, RateLike
from ..dates import add_months
from ..errors import InputError
from ._checks import _check_months, _enum
from .events import RateChange, Repricing

if TYPE_CHECKING:
    from ..catalog import Catalog

__all__ = ["LPR_TENOR_MONTHS", "first_lpr_rate", "lpr_on", "lpr_path", "lpr_rate_changes", "lpr_tenor",
           "parse_spread"]

LprPath = Sequence[Union[tuple[Any, Any], Any]]
"""Dated LPR values: ``[(date, rate), ...]`` or records with ``effective`` and ``rate``."""

LPR_TENOR_MONTHS = 60
"""Loans longer than this many months are priced on the 5-year LPR, others on the 1-year LPR."""

SPREAD_LIMIT = 0.05
"""Largest spread accepted either way, as a fraction (500 bp)."""


def lpr_tenor(months: int | float) -> str:
    """The LPR tenor that prices a loan of ``months``: '5y' above five years, else '1y'.

    Loans of more than five years (most mortgages) are priced on the 5-year-and-above
    LPR, shorter ones on the 1-year LPR (PBOC announcement No. 15 of 2019).

    >>> lpr_tenor(360), lpr_tenor(60), lpr_tenor(12)
    ('5y', '1y', '1y')
    """
    return "5y" if _check_months(months) > LPR_TENOR_MONTHS else "1y"


def lpr_path(months: int | float, catalog: "Catalog | None" = None) -> list[tuple[_dt.date, float]]:
    """The catalog's dated LPR of the tenor that prices a loan of ``months`` (see :func:`lpr_tenor`).

    ``catalog`` defaults to the bundled one.

    >>> lpr_path(360)[0]
    (datetime.date(2019, 8, 20), 0.0485)
    """
    from .. import catalog as _catalog

    tenor = lpr_tenor(months)
    path = (catalog if catalog is not None else _catalog.load()).lpr
    return [(row.effective, row.rates[tenor]) for row in path.rows if tenor in row.rates]


def parse_spread(value: Any, field_name: str = "lpr_spread") -> float:
    """A spread over the LPR as a fraction: '10bp', '+10bp', '-30bp', '0.1%' or 0.001.

    >>> parse_spread("10bp"), parse_spread("-30bp"), parse_spread("0.1%")
    (0.001, -0.003, 0.001)
    """
    if isinstance(value, str):
        text = value.strip().lower()
        if text.endswith("bp"):
            try:
                spread = float(text[:-2]) / 10_000
            except ValueError:
                raise InputError(field_name, value, code="loans.spread_format") from None
            return _check_spread(spread, field_name, value)
        try:
            spread = _validate.rate(text, field_name, allow_negative=True)
        except InputError:
            raise InputError(field_name, value, code="loans.spread_format") from None
        return _check_spread(spread, field_name, value)
    return _check_spread(value, field_name)


def _check_spread(value: Any, field_name: str = "lpr_spread", shown: Any = None) -> float:
    try:
        spread = _validate.number(value, field_name, low=-SPREAD_LIMIT, high=SPREAD_LIMIT)
    except InputError:
        raise InputError(field_name, value if shown is None else shown, code="loans.spread_range") from None
    return spread


def first_lpr_rate(start: DateLike, spread: RateLike, path: LprPath) -> float:
    """The first rate of an LPR + spread loan: the LPR in force on the drawdown day plus the spread.

    A loan drawn before the path begins has no such rate: InputError on ``start``
    (give its contract rate instead; LPR + spread applies from the first repricing day).

    >>> first_lpr_rate("2025-06-01", 0.001, [("2024-10-21", 0.036), ("2025-05-20", 0.035)])
    0.036
    >>> first_lpr_rate("2019-06-15", 0.001, [("2019-08-20", 0.0485)])
    Traceback (most recent call last):
    ...
    wealthcalc.errors.InputError: start: got '2019-06-15'; the LPR starts on 2019-08-20; for a loan drawn before it give its contract rate (LPR + spread applies from the first repricing day)
    """
    day = _validate.date(start, "start")
    extra = _check_spread(spread)
    points = _lpr_points(path)
    first = min(when for when, _ in points)
    if day < first:
        raise InputError("start", day.isoformat(), code="loans.lpr_start_before",
                         params={"first": first})
    return round(lpr_on(day, points) + extra, 7)


def lpr_on(day: DateLike, lpr_path: LprPath) -> float:
    """The LPR in force on ``day``: the latest value dated on or before it.

    >>> path = [(_dt.date(2024, 10, 21), 0.036), (_dt.date(2025, 5, 20), 0.035)]
    >>> lpr_on(_dt.date(2025, 1, 1), path)
    0.036
    """
    day = _validate.date(day, "day")
    best: tuple[_dt.date, float] | None = None
    for when, rate in _lpr_points(lpr_path):
        if when <= day and (best is None or when >= best[0]):
            best = (when, rate)
    if best is None:
        first = min(when for when, _ in _lpr_points(lpr_path))
        raise InputError("lpr_path", day.isoformat(), code="loans.lpr_before_path", params={"first": first})
    return best[1]


def _lpr_points(lpr_path: Any) -> list[tuple[_dt.date, float]]:
    points = []
    for item in lpr_path or ():
        try:
            when, rate = item[0], item[1]
        except (TypeError, IndexError, KeyError):
            when, rate = getattr(item, "effective", None), getattr(item, "rate", None)
        points.append((_validate.date(when, "lpr_path"), _validate.rate(rate, "lpr_path")))
    if not points:
        raise InputError("lpr_path", lpr_path, code="loans.lpr_path_empty")
    return points


def lpr_rate_changes(
    start: DateLike,
    months: int | float,
    *,
    spread: RateLike,
    lpr_path: LprPath,
    repricing: Repricing | str = Repricing.JANUARY,
) -> list[RateChange]:
    """Repricings of an LPR + spread loan (docs/rules/lpr.md#repricing) within its term.

    On each repricing day (1 January, or the drawdown anniversary) the rate
    becomes the LPR then in force plus ``spread`` (a fraction; 10 bp = 0.001,
    may be negative).

    Examples
    --------
    docs/rules/lpr.md#repricing, L-12: 5y LPR 3.60 % (from 2024-10-21) + 10 bp on 2025-01-01:

    >>> path = [(_dt.date(2024, 10, 21), 0.036), (_dt.date(2025, 5, 20), 0.035)]
    >>> [(c.at.isoformat(), round(c.annual_rate, 6))
    ...  for c in lpr_rate_changes(_dt.date(2019, 6, 15), 72, spread=0.001, lpr_path=path)][-1]
    ('2025-01-01', 0.037)
    """
    begin = _validate.date(start, "start")
    n = _check_months(months)
    how = _enum(Repricing, repricing, "repricing")
    spread = _check_spread(spread)
    end = add_months(begin, n, day_of_month=begin.day)
    if how is Repricing.JANUARY:
        days = [_dt.date(y, 1, 1) for y in range(begin.year + 1, end.year + 1)]
    else:
        days = [add_months(begin, 12 * y, day_of_month=begin.day) for y in range(1, n // 12 + 1)]
    points = _lpr_points(lpr_path)
    first = min(p[0] for p in points)
    out = []
    for day in days:
        if day >= end or day < first:
            continue
        rate = round(lpr_on(day, points) + spread, 7)
        out.append(RateChange(day, max(rate, 0.0)))
    return out

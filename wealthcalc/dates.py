"""Calendar helpers shared by the calculators: reading dates, 对月对日 arithmetic.

>>> add_months(date(2025, 1, 31), 1)
datetime.date(2025, 2, 28)
>>> to_date("2026-01-15", "start")
datetime.date(2026, 1, 15)
"""

from __future__ import annotations

import calendar
from datetime import date, datetime
from typing import Any

import numpy as np

from .errors import InputError

__all__ = ["add_months", "add_months_array", "to_date"]


def to_date(value: Any, field: str) -> date:
    """A calendar date from a date, datetime, numpy datetime64 or 'YYYY-MM-DD' text.

    Raises
    ------
    InputError
        naming ``field`` when the value is not a date.

    Examples
    --------
    >>> to_date(datetime(2025, 3, 10, 9, 30), "start")
    datetime.date(2025, 3, 10)
    """
    if isinstance(value, datetime):  # pandas.Timestamp is a datetime; its NaT refuses .date()
        try:
            return value.date()
        except ValueError:
            raise InputError(field, value, code="date.format") from None
    if isinstance(value, date):
        return value
    if isinstance(value, np.datetime64):
        day = value.astype("datetime64[D]").astype(object)
        if isinstance(day, date):  # NaT gives None; dates beyond year 9999 an int
            return day
    if isinstance(value, str):
        try:
            return date.fromisoformat(value.strip())
        except ValueError:
            pass
    raise InputError(field, value, code="date.format")


def add_months(day: date, months: int, *, day_of_month: int | None = None) -> date:
    """The same day ``months`` later (对月对日), or ``day_of_month`` in that month.

    A day the month lacks becomes its last day (opened 31 Jan, one month
    later is 28/29 Feb): the common bank rule, unconfirmed as national law
    (docs/rules/rounding.md#deposit-day-count), so callers that need another rule should say so.

    Examples
    --------
    >>> add_months(date(2024, 2, 29), 12), add_months(date(2025, 3, 10), 1, day_of_month=20)
    (datetime.date(2025, 2, 28), datetime.date(2025, 4, 20))
    """
    year, month = divmod(day.year * 12 + day.month - 1 + months, 12)
    month += 1
    wanted = day.day if day_of_month is None else day_of_month
    return date(year, month, min(wanted, calendar.monthrange(year, month)[1]))


def add_months_array(days: Any, months: Any) -> np.ndarray:
    """:func:`add_months` over numpy arrays of dates (datetime64[D]); NaT stays NaT.

    >>> add_months_array(np.array(["2025-01-31", "2024-02-29", "NaT"], dtype="datetime64[D]"), 1).tolist()
    [datetime.date(2025, 2, 28), datetime.date(2024, 3, 29), None]
    """
    d = np.asarray(days, dtype="datetime64[D]")
    month = d.astype("datetime64[M]")
    day = (d - month.astype("datetime64[D]")).astype(np.int64)
    target = month + np.asarray(months, dtype=np.int64).astype("timedelta64[M]")
    first = target.astype("datetime64[D]")
    last = ((target + np.timedelta64(1, "M")).astype("datetime64[D]") - first).astype(np.int64) - 1
    out = first + np.minimum(day, last).astype("timedelta64[D]")
    return np.where(np.isnat(d), np.datetime64("NaT"), out)

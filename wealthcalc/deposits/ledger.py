"""The calendar and the books of one deposit: time points, interest parts, cash flows.

A deposit runs on a :class:`_Clock` (dated, or counting days from 0 on its
day-count basis) and writes every published interest amount and cash flow
(in fen) to a :class:`_Ledger`, which makes the :class:`DepositResult`.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from .. import _validate
from ..dates import add_months
from ..errors import InputError
from ._checks import _horizon_days, _term
from ._fen import _flat_tax_fen, _interest_fen
from .results import DepositResult, InterestPart
from .tax import interest_tax_fen, tax_rule
from .terms import DayCount


@dataclass(frozen=True, slots=True)
class _Point:
    date: _dt.date | None
    day: int  # days from the start on the deposit's basis


class _Clock:
    """Time points of one deposit, with or without calendar dates."""

    def __init__(self, start: _dt.date | None, day_count: DayCount) -> None:
        self.start = start
        self.day_count = day_count

    def _offset(self, day: _dt.date) -> int:
        assert self.start is not None
        if self.day_count is DayCount.ACTUAL:
            return (day - self.start).days
        months = (day.year - self.start.year) * 12 + day.month - self.start.month
        while months > 0 and add_months(self.start, months) > day:
            months -= 1
        return 30 * months + (day - add_months(self.start, months)).days

    def months(self, months: int) -> _Point:
        if self.start is None:
            if months and self.day_count is DayCount.ACTUAL:
                raise InputError("start", None, code="deposits.actual_needs_start")
            return _Point(None, 30 * months)
        day = add_months(self.start, months)
        return _Point(day, self._offset(day))

    def point(self, value: Any, field_name: str = "withdraw_on") -> _Point:
        """A date, or a whole number of days after the start (at most :data:`MAX_DAYS`)."""
        if isinstance(value, (int, float, np.integer, np.floating)) and not isinstance(value, (bool, np.bool_)):
            if value < 0:
                raise InputError(field_name, value, code="deposits.days_negative")
            days = _horizon_days(value, field_name)
            day = None if self.start is None else self.start + _dt.timedelta(days=days)
            return _Point(day, days)
        day = _validate.date(value, field_name)
        if self.start is None:
            raise InputError("start", None, code="deposits.date_needs_start", params={"field": field_name})
        if day < self.start:
            raise InputError(field_name, day, code="deposits.before_start", params={"start": self.start})
        _horizon_days((day - self.start).days, field_name, day)
        return _Point(day, self._offset(day))

    @staticmethod
    def before(a: _Point, b: _Point) -> bool:
        if a.date is not None and b.date is not None:
            return a.date < b.date
        return a.day < b.day


class _Ledger:
    """Collects interest parts and cash flows (all in fen) of one deposit."""

    def __init__(self, clock: _Clock, tax: float | None) -> None:
        self.clock = clock
        self.tax = tax
        self.parts: list[InterestPart] = []
        self.flows: list[tuple[_Point, str, int]] = []
        self.interest = 0
        self.tax_total = 0

    def flow(self, at: _Point, label: str, fen: int) -> None:
        self.flows.append((at, label, int(fen)))

    def part(self, label: str, a: _Point, b: _Point, base_fen: int, rate: float,
             interest_fen: int) -> int:
        """Record one published interest amount; returns the tax withheld (fen)."""
        interest_fen = int(interest_fen)
        if self.tax is not None:
            tax_fen = int(_flat_tax_fen(interest_fen, self.tax))
        elif a.date is not None and b.date is not None:
            tax_fen = int(interest_tax_fen(interest_fen, a.date, b.date))
        else:
            tax_fen = 0
        self.interest += interest_fen
        self.tax_total += tax_fen
        self.parts.append(InterestPart(label, a.date, b.date, b.day - a.day, base_fen / 100, rate,
                                       interest_fen / 100, tax_fen / 100))
        return tax_fen

    def result(self, kind: str, principal_fen: int, annual_rate: float, end: _Point) -> DepositResult:
        net = self.interest - self.tax_total
        flows = sorted(self.flows, key=lambda f: (f[0].day, f[0].date or _dt.date.min))
        dated = all(f[0].date is not None for f in flows)
        return DepositResult(
            kind=kind,
            principal=principal_fen / 100,
            annual_rate=annual_rate,
            interest=self.interest / 100,
            tax=self.tax_total / 100,
            net_interest=net / 100,
            maturity_value=(principal_fen + net) / 100,
            days=end.day,
            start_date=self.clock.start,
            end_date=end.date,
            flow_labels=tuple(f[1] for f in flows),
            flow_dates=tuple(f[0].date for f in flows if f[0].date is not None) if dated else None,
            flow_days=np.array([f[0].day for f in flows], dtype=np.int64),
            flow_amounts=np.array([f[2] / 100 for f in flows], dtype=np.float64),
            parts=tuple(self.parts),
        )


def _books(start: Any, day_count: DayCount, tax: Any) -> tuple[_Clock, _Ledger]:
    """The clock (from the optional start date) and the ledger of one deposit."""
    clock = _Clock(None if start is None else _validate.date(start, "start"), day_count)
    return clock, _Ledger(clock, tax_rule(tax, clock.start))


def _balance_interest_fen(segments: Sequence[tuple[int, int]], annual_rate: float) -> int:
    """积数 method: Σ(balance × days) × annual_rate / 360, half-up (docs/rules/deposits.md#demand-deposits)."""
    product = sum(int(balance) * int(days) for balance, days in segments)
    return int(_interest_fen(product, annual_rate, 1, 360))


def _demand_rate(value: Any, field_name: str = "demand_rate") -> float:
    if value is None:
        raise InputError(field_name, None, code="deposits.demand_rate_missing")
    return _validate.rate(value, field_name)


def _day_interest(ledger: _Ledger, label: str, a: _Point, b: _Point, base_fen: int,
                  rate: float) -> int:
    """Interest on a constant balance from a to b at rate × days/360; returns the net (fen)."""
    interest = int(_interest_fen(base_fen, rate, b.day - a.day, 360))
    return interest - ledger.part(label, a, b, base_fen, rate, interest)


def _interval(value: Any, months: int, allowed: Sequence[int]) -> int:
    interval = _term(value, allowed, "interval_months")
    if months % interval:
        raise InputError("interval_months", value, code="deposits.interval_divides", params={"months": months})
    return interval


def _early(clock: _Clock, withdraw_on: Any, months: int) -> _Point | None:
    """An early withdrawal point, or None for holding to maturity (refuses overdue)."""
    if withdraw_on is None:
        return None
    withdraw = clock.point(withdraw_on)
    maturity = clock.months(months)
    if clock.before(withdraw, maturity):
        return withdraw
    if withdraw.day == maturity.day:
        return None
    if maturity.date is not None:
        raise InputError("withdraw_on", withdraw_on, code="deposits.overdue_fixed_only",
                         params={"maturity": maturity.date})
    raise InputError("withdraw_on", withdraw_on, code="deposits.overdue_fixed_only_day",
                     params={"day": maturity.day})


def _shift(clock: _Clock, days: int) -> _Point:
    """The point ``days`` on the deposit's basis after the start (calendar days for dates)."""
    return _Point(None if clock.start is None else clock.start + _dt.timedelta(days=days), days)

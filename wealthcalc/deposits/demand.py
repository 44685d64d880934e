"""活期 demand, 定活两便 fixed-or-demand and 通知存款 notice deposits: interest by the day.

>>> r = demand(10_000, 0.0072, start=_dt.date(2025, 3, 21), end=_dt.date(2025, 6, 21))
>>> print(f"{r.interest:.2f}")
18.40
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from typing import Any

from .. import _validate
from .._validate import AmountLike, DateLike, RateLike
from ..errors import InputError
from ._checks import _amount, _day_count, _horizon_days, _minimum, _rate, _term
from ._fen import MAX_DAYS
from .ledger import _balance_interest_fen, _books, _day_interest, _demand_rate, _shift
from .results import DepositResult
from .terms import NOTICE_DAYS, DayCount, NoticeStyle

__all__ = ["demand", "flexible", "flexible_rate", "notice"]

_SETTLEMENT_MONTHS = (3, 6, 9, 12)  # 活期 settles on the 20th of these months (docs/rules/deposits.md#demand-deposits)


def _changes(changes: Any, start: _dt.date, end: _dt.date) -> dict[_dt.date, int]:
    """The balance changes of a 活期 account by day, in fen (deposits positive)."""
    events: dict[_dt.date, int] = {}
    if isinstance(changes, (str, bytes, Mapping)) or not isinstance(changes, Iterable):
        raise InputError("changes", changes, code="deposits.change_pair")
    for i, change in enumerate(changes):
        try:
            day, delta = change
        except (TypeError, ValueError):
            raise InputError("changes", change, code="deposits.change_pair") from None
        day = _validate.date(day, f"changes[{i}]")
        if not start < day < end:
            raise InputError(f"changes[{i}]", day, code="deposits.change_window",
                             params={"start": start, "end": end})
        delta = _validate.number(delta, f"changes[{i}]")
        fen = _amount(abs(delta), f"changes[{i}]")
        events[day] = events.get(day, 0) + (fen if delta > 0 else -fen)
    return events


def demand(
    amount: AmountLike,
    annual_rate: RateLike,
    *,
    start: DateLike,
    end: DateLike,
    changes: Sequence[tuple[_dt.date, float]] = (),
    tax: RateLike | None = None,
    minimum: AmountLike | None = None,
) -> DepositResult:
    """活期 demand deposit by the 积数 method with quarterly settlement (docs/rules/deposits.md#demand-deposits).

    Parameters
    ----------
    amount : yuan deposited on ``start``.
    annual_rate : 活期 rate, decimal fraction (0.0035).
    start : the opening day (its day earns interest).
    end : the closing day (interest runs to the day before).
    changes : (date, yuan) balance changes, positive deposits and negative
        withdrawals, taking effect on their date (start < date < end).
    tax : None taxes by accrual dates (docs/rules/tax.md); a float is a flat rate.
    minimum : refuse an opening amount below it (docs/rules/deposits.md#product-summary).

    Returns
    -------
    DepositResult
        Interest settled on each 20 Mar/Jun/Sep/Dec (that day included),
        credited net of tax on the 21st and earning interest from then, plus
        the closing interest. Flows: the deposit, each change, the closing
        balance.

    Raises
    ------
    InputError
        on a bad amount, rate or date, or a withdrawal larger than the balance.

    Notes
    -----
    ``interest = Σ(daily balance) × annual_rate / 360`` per settlement period,
    rounded half-up to the fen. One rate for the whole period (the rate on the
    settlement date in practice).

    Examples
    --------
    A customer keeps 10,000 yuan from 21 March to 21 June 2025 at 0.72 %:

    >>> r = demand(10_000, 0.0072, start=_dt.date(2025, 3, 21), end=_dt.date(2025, 6, 21))
    >>> print(f"{r.interest:.2f}")
    18.40
    """
    amount_fen = _amount(amount, "amount", _minimum(minimum))
    rate = _rate(annual_rate, "annual_rate")
    start, end = _validate.date(start, "start"), _validate.date(end, "end")
    if end < start:
        raise InputError("end", end, code="deposits.close_before_start", params={"start": start})
    if (end - start).days > MAX_DAYS:
        raise InputError("end", end, code="deposits.horizon", params={"days": f"{MAX_DAYS:,}"})
    clock, ledger = _books(start, DayCount.ACTUAL, tax)
    events = _changes(changes, start, end)
    settlements = [
        _dt.date(y, m, 20)
        for y in range(start.year, end.year + 1)
        for m in _SETTLEMENT_MONTHS
        if start <= _dt.date(y, m, 20) < end
    ]
    ledger.flow(clock.point(start), "deposit", -amount_fen)
    balance, principal = amount_fen, amount_fen
    period_start, segment_start, segments = start, start, []
    for day in sorted(set(events) | {s + _dt.timedelta(days=1) for s in settlements} | {end}):
        segments.append((balance, (day - segment_start).days))
        segment_start = day
        if day - _dt.timedelta(days=1) in settlements or day == end:
            interest = _balance_interest_fen(segments, rate)
            label = "closing interest" if day == end and day - _dt.timedelta(days=1) not in settlements \
                else "settlement"
            a, b = clock.point(period_start), clock.point(day)
            base = sum(s * d for s, d in segments) // max(b.day - a.day, 1)
            balance += interest - ledger.part(label, a, b, base, rate, interest)
            period_start, segments = day, []
        if day in events:
            balance += events[day]
            principal += events[day]
            if balance < 0:
                raise InputError("changes", day, code="deposits.overdraw")
            ledger.flow(clock.point(day), "deposit" if events[day] > 0 else "withdrawal", -events[day])
    end_point = clock.point(end)
    ledger.flow(end_point, "closing balance", balance)
    return ledger.result("demand", principal, rate, end_point)


def flexible_rate(days: int, demand_rate: RateLike, fixed_rates: Mapping[int, RateLike]) -> float:
    """The 定活两便 rate for a holding period (docs/rules/deposits.md#fixed-or-demand).

    Below 3 months the demand rate; from 3, 6 and 12 months, 60 % of the
    3-month, 6-month and 1-year 整存整取 rate (never below the demand rate).
    ``days`` are counted 30 to a month (90, 180, 360 are the thresholds).

    >>> flexible_rate(200, 0.0072, {3: 0.0171, 6: 0.0207, 12: 0.0225})
    0.01242
    """
    held = _horizon_days(days, "days")
    return _flexible_rate(held // 30, demand_rate, fixed_rates)


def _flexible_rate(months_held: int, demand_rate: Any, fixed_rates: Mapping[int, Any]) -> float:
    demand_rate = _rate(demand_rate, "demand_rate")
    tier = next((m for m in (12, 6, 3) if months_held >= m), None)
    if tier is None:
        return demand_rate
    try:
        fixed_rate = _rate(fixed_rates[tier], f"fixed_rates[{tier}]")
    except (KeyError, TypeError, IndexError):
        raise InputError("fixed_rates", fixed_rates, code="deposits.fixed_rates") from None
    return max(float(Decimal(repr(fixed_rate)) * Decimal("0.6")), demand_rate)


def flexible(
    amount: AmountLike,
    demand_rate: RateLike,
    fixed_rates: Mapping[int, RateLike],
    *,
    withdraw_on: DateLike | int,
    start: DateLike | None = None,
    tax: RateLike | None = None,
    day_count: DayCount | str = DayCount.THIRTY_360,
    minimum: AmountLike | None = None,
) -> DepositResult:
    """定活两便 fixed-or-demand deposit (docs/rules/deposits.md#fixed-or-demand).

    Parameters
    ----------
    amount : yuan deposited.
    demand_rate : 活期 rate on the withdrawal day.
    fixed_rates : 整存整取 rates on the withdrawal day by months (3, 6, 12 used).
    withdraw_on : withdrawal date, or days held.

    Notes
    -----
    ``interest = P × rate × days / 360`` where the rate for the whole period
    is chosen by the months held (:func:`flexible_rate`).

    Examples
    --------
    10,000 yuan held 200 days when the 6-month rate is 2.07 %:

    >>> r = flexible(10_000, 0.0072, {3: 0.0171, 6: 0.0207, 12: 0.0225}, withdraw_on=200)
    >>> print(f"{r.annual_rate:.5f} {r.interest:.2f}")
    0.01242 69.00
    """
    amount_fen = _amount(amount, "amount", _minimum(minimum))
    clock, ledger = _books(start, _day_count(day_count), tax)
    withdraw = clock.point(withdraw_on)
    months_held = 0
    while not clock.before(withdraw, clock.months(months_held + 1)) and months_held < 12:
        months_held += 1
    rate = _flexible_rate(months_held, demand_rate, fixed_rates)
    ledger.flow(clock.months(0), "deposit", -amount_fen)
    net = _day_interest(ledger, "held", clock.months(0), withdraw, amount_fen, rate)
    ledger.flow(withdraw, "withdrawal", amount_fen + net)
    return ledger.result("flexible", amount_fen, rate, withdraw)


# ---------------------------------------------------------------- 通知存款


def notice(
    amount: AmountLike,
    annual_rate: RateLike,
    notice_days: int,
    *,
    withdraw_on: DateLike | int,
    start: DateLike | None = None,
    style: NoticeStyle | str = NoticeStyle.CLASSIC,
    notified: bool = True,
    demand_rate: RateLike | None = None,
    tax: RateLike | None = None,
    minimum: AmountLike | None = None,
) -> DepositResult:
    """个人通知存款 1-day or 7-day notice deposit, withdrawn whole (docs/rules/deposits.md#notice-deposits).

    Parameters
    ----------
    amount : yuan deposited (banks' minimum 50,000: pass ``minimum=``).
    annual_rate : the notice rate on the withdrawal day.
    notice_days : 1 or 7.
    withdraw_on : withdrawal date, or days held.
    style : "classic" — every day held at the notice rate; "rolling" —
        interest compounds every ``notice_days`` and leftover days of an
        incomplete cycle earn ``demand_rate``.
    notified : False (no or wrong notice) pays ``demand_rate`` for all days,
        as does holding fewer than ``notice_days``.

    Notes
    -----
    ``interest = P × rate × days / 360`` with actual days (start in, end
    out), rounded half-up to the fen per published amount (each cycle in
    the rolling style).

    Examples
    --------
    100,000 yuan on 7-day notice at 1.62 %, withdrawn after 20 days:

    >>> print(f"{notice(100_000, 0.0162, 7, withdraw_on=20).interest:.2f}")
    90.00
    >>> r = notice(100_000, 0.0162, 7, withdraw_on=20, style="rolling", demand_rate=0.0072)
    >>> print(f"{r.interest:.2f}")
    75.02
    """
    amount_fen = _amount(amount, "amount", _minimum(minimum))
    rate = _rate(annual_rate, "annual_rate")
    cycle = _term(notice_days, NOTICE_DAYS, "notice_days")
    try:
        style = NoticeStyle(style)
    except ValueError:
        raise InputError("style", style, code="deposits.notice_style") from None
    notified = _validate.flag(notified, "notified")
    clock, ledger = _books(start, DayCount.ACTUAL, tax)
    withdraw = clock.point(withdraw_on)
    origin = clock.months(0)
    ledger.flow(origin, "deposit", -amount_fen)
    value = amount_fen
    if not notified or withdraw.day < cycle:
        value += _day_interest(ledger, "at demand rate", origin, withdraw, value,
                               _demand_rate(demand_rate))
    elif style is NoticeStyle.CLASSIC:
        value += _day_interest(ledger, "held", origin, withdraw, value, rate)
    else:
        cycles, left = divmod(withdraw.day, cycle)
        for k in range(cycles):
            a, b = _shift(clock, cycle * k), _shift(clock, cycle * (k + 1))
            value += _day_interest(ledger, f"cycle {k + 1}", a, b, value, rate)
        if left:
            value += _day_interest(ledger, "leftover days", _shift(clock, cycle * cycles), withdraw,
                                   value, _demand_rate(demand_rate))
    ledger.flow(withdraw, "withdrawal", value)
    return ledger.result("notice", amount_fen, rate, withdraw)


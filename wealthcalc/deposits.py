"""Interest on Chinese savings deposits (储蓄存款), to the fen, as banks compute it.

One function per deposit type, each taking the amount and the annual rate
(decimal fractions, 0.0324 for 3.24 %) and returning a frozen
:class:`DepositResult`:

=====================  =====================================================
:func:`demand`          活期 demand deposit, 积数 method, quarterly settlement
:func:`fixed`           整存整取 lump-sum fixed deposit (early, partial, overdue,
                        auto-rollover)
:func:`installment`     零存整取 monthly installment savings (月积数 method)
:func:`lump_withdrawal` 整存零取 lump sum, principal drawn in installments
:func:`interest_payout` 存本取息 keep the principal, draw the interest
:func:`flexible`        定活两便 fixed-or-demand (60 % of the matching fixed rate)
:func:`notice`          个人通知存款 1-day / 7-day notice (classic or rolling)
:func:`large_cd`        大额存单 large CD, at maturity or periodic coupons
=====================  =====================================================

Also :func:`interest_tax` (储蓄存款利息所得税 by accrual period, rules §4),
:func:`deposit_insurance` (存款保险, rules §2.10) and the vectorized
:func:`fixed_maturity_value` and :func:`installment_interest` used by the
combined-deposit planner, with their whole-fen fast paths
:func:`fixed_maturity_fen` and :func:`interest_tax_fen` (rules checked once,
amounts not checked) for its inner loops.

Rules: rates are fixed for the term on the opening day; interest is rounded
half-up to the fen per published amount (each term, coupon, settlement), with
exact rational arithmetic so that ties such as 6.135 round up. Cash flows use
the customer's sign: money deposited is negative, money received positive, so
``tvm.xirr(result.flow_dates, result.flow_amounts)`` values them.

>>> r = fixed(10_000, 0.0324, 36)
>>> print(f"{r.interest:.2f} {r.maturity_value:.2f}")
972.00 10972.00
"""

from __future__ import annotations

import datetime as _dt
import enum
import functools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, ClassVar

import numpy as np
from numpy.typing import ArrayLike, NDArray

from .dates import add_months, to_date
from .errors import InputError
from .money import MAX_AMOUNT, parse_amount, parse_rate, round_fen

__all__ = [
    "DayCount",
    "DepositInsurance",
    "DepositResult",
    "FIXED_TERMS",
    "INSTALLMENT_TERMS",
    "InterestPart",
    "LARGE_CD_TERMS",
    "NOTICE_DAYS",
    "NoticeStyle",
    "TAX_PERIODS",
    "TaxPart",
    "demand",
    "deposit_insurance",
    "fixed",
    "fixed_maturity_fen",
    "fixed_maturity_value",
    "flexible",
    "flexible_rate",
    "installment",
    "installment_interest",
    "interest_payout",
    "interest_tax",
    "interest_tax_fen",
    "interest_tax_parts",
    "interest_tax_rate",
    "large_cd",
    "lump_withdrawal",
    "notice",
]

FIXED_TERMS = (3, 6, 12, 24, 36, 60)
"""Terms of 整存整取 in months (rules §2.1)."""
INSTALLMENT_TERMS = (12, 36, 60)
"""Terms of 零存整取, 整存零取 and 存本取息 in months (rules §2.1)."""
LARGE_CD_TERMS = (1, 3, 6, 9, 12, 18, 24, 36, 60)
"""Terms of 大额存单 in months (rules §2.9)."""
NOTICE_DAYS = (1, 7)
"""Notice periods of 个人通知存款 in days (rules §2.8)."""
WITHDRAWAL_INTERVALS = (1, 3, 6)
"""Months between principal withdrawals of 整存零取 (rules §2.5)."""

TAX_PERIODS: tuple[tuple[_dt.date, float], ...] = (
    (_dt.date(1999, 11, 1), 0.20),
    (_dt.date(2007, 8, 15), 0.05),
    (_dt.date(2008, 10, 9), 0.0),
)
"""Savings-interest tax (rules §4, 财税〔2008〕132号): (first day, rate); 0 before 1999-11-01."""

DEPOSIT_INSURANCE_LIMIT = 500_000.0
"""存款保险 cover per depositor per bank, principal plus interest (rules §2.10)."""

_SETTLEMENT_MONTHS = (3, 6, 9, 12)  # 活期 settles on the 20th of these months (rules §2.2)


class DayCount(str, enum.Enum):
    """How days are counted (rules §1.2, 银发〔2005〕129号).

    ``"30/360"``: whole months of 30 days (对月对日) plus the odd actual days;
    ``"actual"``: calendar days. The daily rate is annual/360 in both.
    """

    THIRTY_360 = "30/360"
    ACTUAL = "actual"


class NoticeStyle(str, enum.Enum):
    """个人通知存款 product style for incomplete cycles (rules §2.8)."""

    CLASSIC = "classic"
    ROLLING = "rolling"


# ---------------------------------------------------------------- results


@dataclass(frozen=True, slots=True)
class InterestPart:
    """One published interest amount: a term, coupon, settlement or segment.

    ``base`` is the balance (or 积数 ÷ days) it was computed on; ``days`` is
    counted on the deposit's day-count basis; ``tax`` is withheld from it.
    """

    label: str
    start_date: _dt.date | None
    end_date: _dt.date | None
    days: int
    base: float
    annual_rate: float
    interest: float
    tax: float

    headers: ClassVar[tuple[str, ...]] = (
        "part", "start_date", "end_date", "days", "base", "annual_rate", "interest", "tax",
    )

    def row(self) -> list[Any]:
        return [self.label, self.start_date, self.end_date, self.days, self.base,
                self.annual_rate, self.interest, self.tax]

    def to_dict(self) -> dict[str, Any]:
        return {
            k: (v.isoformat() if isinstance(v, _dt.date) else v)
            for k, v in zip(self.headers, self.row())
        }


@dataclass(frozen=True, slots=True)
class DepositResult:
    """Interest, tax and cash flows of one deposit.

    ``maturity_value`` is ``principal + net_interest``: everything the
    customer gets back over the life of the deposit. Cash flows carry the
    customer's sign (deposits negative, receipts positive, net of tax);
    ``flow_days`` count days from the start on the deposit's basis and
    ``flow_dates`` are set when a start date was given.
    """

    kind: str
    principal: float
    annual_rate: float
    interest: float
    tax: float
    net_interest: float
    maturity_value: float
    days: int
    start_date: _dt.date | None
    end_date: _dt.date | None
    flow_labels: tuple[str, ...]
    flow_dates: tuple[_dt.date, ...] | None
    flow_days: NDArray[np.int64] = field(compare=False)
    flow_amounts: NDArray[np.float64] = field(compare=False)
    parts: tuple[InterestPart, ...] = ()

    headers: ClassVar[tuple[str, ...]] = ("date", "day", "flow", "amount")

    def rows(self) -> list[list[Any]]:
        """The cash flows as table rows (date, day, flow, amount)."""
        dates = self.flow_dates or (None,) * len(self.flow_labels)
        return [[d, int(n), label, float(a)]
                for d, n, label, a in zip(dates, self.flow_days, self.flow_labels, self.flow_amounts)]

    def part_rows(self) -> list[list[Any]]:
        """The interest parts as table rows (see :attr:`InterestPart.headers`)."""
        return [p.row() for p in self.parts]

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready dict with English snake_case keys and ISO dates."""
        return {
            "kind": self.kind,
            "principal": self.principal,
            "annual_rate": self.annual_rate,
            "interest": self.interest,
            "tax": self.tax,
            "net_interest": self.net_interest,
            "maturity_value": self.maturity_value,
            "days": self.days,
            "start_date": self.start_date.isoformat() if self.start_date else None,
            "end_date": self.end_date.isoformat() if self.end_date else None,
            "cash_flows": [
                {"date": d.isoformat() if d else None, "day": n, "flow": label, "amount": a}
                for d, n, label, a in self.rows()
            ],
            "interest_parts": [p.to_dict() for p in self.parts],
        }


@dataclass(frozen=True, slots=True)
class TaxPart:
    """Interest accrued in one tax period (rules §4) and the tax on it."""

    start_date: _dt.date
    end_date: _dt.date
    days: int
    tax_rate: float
    interest: float
    tax: float


@dataclass(frozen=True, slots=True)
class DepositInsurance:
    """Deposit-insurance cover at one bank (rules §2.10)."""

    total: float
    covered: float
    exposed: float
    limit: float

    def to_dict(self) -> dict[str, float]:
        return {"total": self.total, "covered": self.covered, "exposed": self.exposed,
                "limit": self.limit}


# ---------------------------------------------------------------- exact arithmetic in fen


@functools.lru_cache(maxsize=4096)
def _ratio(x: float) -> tuple[int, int]:
    """The decimal a person wrote (repr of the float) as an exact fraction."""
    return Decimal(repr(float(x))).as_integer_ratio()


def _half_up(base: Any, numer: int, denom: int) -> Any:
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
    arr = np.asarray(amounts, dtype=np.float64)
    if not np.all(np.isfinite(arr)) or np.any(arr < 0) or np.any(arr > MAX_AMOUNT):
        raise InputError(field_name, amounts,
                         f"amounts are finite yuan between 0 and {MAX_AMOUNT:,.0f}",
                         hint_zh=f"金额须为 0 至 {MAX_AMOUNT:,.0f} 元之间的数字")
    return _to_fen(arr)


def _whole(value: Any, field_name: str) -> int:
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)) or value <= 0:
        raise InputError(field_name, value, "a whole number above 0", hint_zh="须为大于 0 的整数")
    return int(value)


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


# ---------------------------------------------------------------- vectorized rules for the planner


@functools.lru_cache(maxsize=4096, typed=True)
def _term_ratios(annual_rate: Any, months: Any, tax_rate: Any) -> tuple[int, int, int, int]:
    """Checked (interest numer, denom, tax numer, denom) of one rate and term.

    Cached, so a caller applying the same rule many times checks it once
    (an input that fails raises and is not cached).
    """
    p, q = _ratio(_rate(annual_rate, "annual_rate"))
    tp, tq = _ratio(parse_rate(tax_rate, field="tax_rate"))
    return p * _whole(months, "months"), q * 12, tp, tq


def fixed_maturity_fen(
    fen: ArrayLike, annual_rate: Any, months: Any, tax_rate: float = 0.0
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
    if np.ndim(annual_rate) == 0 and np.ndim(months) == 0:
        numer, denom, tp, tq = _term_ratios(annual_rate, months, tax_rate)
    else:
        rates, terms = np.broadcast_arrays(np.asarray(annual_rate, dtype=np.float64), np.asarray(months))
        if terms.dtype.kind not in "iu":
            raise InputError("months", months, "whole numbers of months above 0", hint_zh="存期须为大于 0 的整月数")
        ratios = [_term_ratios(float(r), int(t), tax_rate) for r, t in zip(rates.flat, terms.flat)]
        numer, denom = (np.array([r[i] for r in ratios]).reshape(rates.shape) for i in (0, 1))
        tp, tq = _term_ratios(0.0, 1, tax_rate)[2:]
    interest = _half_up(fen, numer, denom)
    tax = _half_up(interest, tp, tq) if tp else interest * 0
    return fen + interest - tax, interest, tax


def fixed_maturity_value(
    amounts: ArrayLike, annual_rate: float, months: int, tax_rate: float = 0.0
) -> Any:
    """Value of 整存整取 deposits at maturity, after tax (rules §5 ``grow``).

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
    return _yuan(fixed_maturity_fen(fen, annual_rate, months, tax_rate)[0], scalar)


def installment_interest(monthly: ArrayLike, annual_rate: float, months: int) -> Any:
    """Interest of 零存整取 by the 月积数 method (rules §2.4).

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


# ---------------------------------------------------------------- interest tax (rules §4)


def interest_tax_rate(on: _dt.date) -> float:
    """The savings-interest tax rate for interest accrued on ``on`` (rules §4).

    >>> interest_tax_rate(_dt.date(2005, 1, 1)), interest_tax_rate(_dt.date(2008, 10, 9))
    (0.2, 0.0)
    """
    rate = 0.0
    for first_day, period_rate in TAX_PERIODS:
        if on >= first_day:
            rate = period_rate
    return rate


@functools.lru_cache(maxsize=4096)
def _tax_periods(start: _dt.date, end: _dt.date) -> tuple[tuple[_dt.date, _dt.date, int, float], ...]:
    """The §4 periods (from, to, actual days, tax rate) of an accrual, days start-in/end-out."""
    if end <= start:
        return ((start, end, 0, interest_tax_rate(start)),)
    bounds = [start] + [d for d, _ in TAX_PERIODS if start < d < end] + [end]
    return tuple((a, b, (b - a).days, interest_tax_rate(a)) for a, b in zip(bounds, bounds[1:]))


def _tax_split_fen(interest_fen: Any, start: _dt.date, end: _dt.date) -> list[tuple]:
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
    """Rules §4 tax on interest in whole fen accrued from ``start`` to ``end``.

    The rule of :func:`interest_tax_parts`, vectorized over non-negative
    whole fen (an int or an integer array, not checked: the planner's fast
    path); the periods of each date pair are computed once.

    Examples
    --------
    >>> interest_tax_fen(np.array([97_200, 0]), _dt.date(2005, 1, 1), _dt.date(2008, 1, 1)).tolist()
    [17589, 0]
    """
    if all(p[3] == 0 for p in _tax_periods(start, end)):
        return interest_fen * 0
    return sum(piece[5] for piece in _tax_split_fen(interest_fen, start, end))


def interest_tax_parts(interest: float, start: _dt.date, end: _dt.date) -> tuple[TaxPart, ...]:
    """Split interest over the tax periods it accrued in (rules §4, T-1, T-2).

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
    start, end = to_date(start, "start"), to_date(end, "end")
    if end < start:
        raise InputError("end", end, f"the end must not be before the start ({start})",
                         hint_zh=f"截止日不能早于起始日（{start}）")
    return tuple(
        TaxPart(a, b, days, rate, part / 100, tax / 100)
        for a, b, days, rate, part, tax in _tax_split_fen(interest_fen, start, end)
    )


def interest_tax(interest: float, start: _dt.date, end: _dt.date) -> float:
    """Savings-interest tax on interest accrued from ``start`` to ``end`` (rules §4).

    Examples
    --------
    >>> interest_tax(972.00, _dt.date(2006, 1, 1), _dt.date(2009, 1, 1))
    123.5
    """
    return round_fen(sum(p.tax for p in interest_tax_parts(interest, start, end)))


# ---------------------------------------------------------------- validation


def _amount(value: Any, field_name: str, minimum: float | None = None) -> int:
    """A positive amount of yuan, in fen; checked against ``minimum`` when given."""
    amount = parse_amount(value, field=field_name, allow_zero=False)
    if minimum is not None and amount < minimum:
        raise InputError(field_name, value, f"the minimum for this deposit is {minimum:,.2f} yuan",
                         hint_zh=f"这种存款的起存金额是 {minimum:,.2f} 元")
    return _to_fen(amount)


def _nonnegative(value: Any, field_name: str) -> float:
    return parse_amount(value, field=field_name)


def _rate(value: Any, field_name: str) -> float:
    if value is None:
        raise InputError(field_name, value, "give the annual rate as a fraction, e.g. 0.0035 for 0.35%",
                         hint_zh="请给出年利率（小数），例如 0.35% 写 0.0035")
    return parse_rate(value, field=field_name)


def _minimum(value: Any) -> float | None:
    return None if value is None else parse_amount(value, field="minimum")


def _term(value: Any, allowed: Sequence[int], field_name: str = "months") -> int:
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)) or int(value) not in allowed:
        raise InputError(field_name, value, f"terms offered: {', '.join(map(str, allowed))}",
                         hint_zh=f"可选的期限：{'、'.join(map(str, allowed))}")
    return int(value)


def _day_count(value: Any) -> DayCount:
    try:
        return DayCount(value)
    except ValueError:
        raise InputError("day_count", value, "use '30/360' (anniversary method) or 'actual'",
                         hint_zh="请用 '30/360'（对年对月对日）或 'actual'（按实际天数）") from None


def _tax_rule(tax: Any, start: _dt.date | None) -> float | None:
    """None = by dates (rules §4); a float = flat rate."""
    if tax is None:
        return None if start is not None else 0.0
    return parse_rate(tax, field="tax")


# ---------------------------------------------------------------- calendar


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
        if self.day_count is DayCount.ACTUAL:
            return (day - self.start).days
        months = (day.year - self.start.year) * 12 + day.month - self.start.month
        while months > 0 and add_months(self.start, months) > day:
            months -= 1
        return 30 * months + (day - add_months(self.start, months)).days

    def months(self, months: int) -> _Point:
        if self.start is None:
            if months and self.day_count is DayCount.ACTUAL:
                raise InputError("start", None, "actual-day counting needs a start date (start=)",
                                 hint_zh="按实际天数计息需要起存日（start=）")
            return _Point(None, 30 * months)
        day = add_months(self.start, months)
        return _Point(day, self._offset(day))

    def point(self, value: Any, field_name: str = "withdraw_on") -> _Point:
        """A date, or a whole number of days after the start."""
        if isinstance(value, (int, np.integer)) and not isinstance(value, bool):
            if value < 0:
                raise InputError(field_name, value, "days after the start must not be negative",
                                 hint_zh="存入后的天数不能为负数")
            day = None if self.start is None else self.start + _dt.timedelta(days=int(value))
            return _Point(day, int(value))
        day = to_date(value, field_name)
        if self.start is None:
            raise InputError("start", None, f"{field_name} is a date: give start= too, or days as an int",
                             hint_zh=f"{field_name} 是日期：请同时给出起存日 start=，或用整数天数")
        if day < self.start:
            raise InputError(field_name, day, f"must not be before the start ({self.start})",
                             hint_zh=f"不能早于起存日（{self.start}）")
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
            flow_dates=tuple(f[0].date for f in flows) if dated else None,
            flow_days=np.array([f[0].day for f in flows], dtype=np.int64),
            flow_amounts=np.array([f[2] / 100 for f in flows], dtype=np.float64),
            parts=tuple(self.parts),
        )


def _books(start: Any, day_count: DayCount, tax: Any) -> tuple[_Clock, _Ledger]:
    """The clock (from the optional start date) and the ledger of one deposit."""
    clock = _Clock(None if start is None else to_date(start, "start"), day_count)
    return clock, _Ledger(clock, _tax_rule(tax, clock.start))


def _balance_interest_fen(segments: Sequence[tuple[int, int]], annual_rate: float) -> int:
    """积数 method: Σ(balance × days) × annual_rate / 360, half-up (rules §2.2)."""
    product = sum(int(balance) * int(days) for balance, days in segments)
    return int(_interest_fen(product, annual_rate, 1, 360))


def _demand_rate(value: Any) -> float:
    if value is None:
        raise InputError("demand_rate", None,
                         "this withdrawal earns the 活期 demand rate: pass demand_rate=, e.g. 0.0035",
                         hint_zh="这次支取按活期利率计息：请给出 demand_rate=，例如 0.0035")
    return parse_rate(value, field="demand_rate")


def _day_interest(ledger: _Ledger, label: str, a: _Point, b: _Point, base_fen: int,
                  rate: float) -> int:
    """Interest on a constant balance from a to b at rate × days/360; returns the net (fen)."""
    interest = int(_interest_fen(base_fen, rate, b.day - a.day, 360))
    return interest - ledger.part(label, a, b, base_fen, rate, interest)


# ---------------------------------------------------------------- 活期


def demand(
    amount: float,
    annual_rate: float,
    *,
    start: _dt.date,
    end: _dt.date,
    changes: Sequence[tuple[_dt.date, float]] = (),
    tax: float | None = None,
    minimum: float | None = None,
) -> DepositResult:
    """活期 demand deposit by the 积数 method with quarterly settlement (rules §2.2).

    Parameters
    ----------
    amount : yuan deposited on ``start``.
    annual_rate : 活期 rate, decimal fraction (0.0035).
    start : the opening day (its day earns interest).
    end : the closing day (interest runs to the day before).
    changes : (date, yuan) balance changes, positive deposits and negative
        withdrawals, taking effect on their date (start < date < end).
    tax : None taxes by accrual dates (rules §4); a float is a flat rate.
    minimum : refuse an opening amount below it (rules §2.1).

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
    start, end = to_date(start, "start"), to_date(end, "end")
    if end < start:
        raise InputError("end", end, f"must not be before the start ({start})",
                         hint_zh=f"销户日不能早于起存日（{start}）")
    clock, ledger = _books(start, DayCount.ACTUAL, tax)
    events: dict[_dt.date, int] = {}
    for i, change in enumerate(changes):
        try:
            day, delta = change
        except (TypeError, ValueError):
            raise InputError("changes", change, "each change is a (date, yuan) pair",
                             hint_zh="每笔存取请写成（日期, 金额）") from None
        day = to_date(day, f"changes[{i}]")
        if not start < day < end:
            raise InputError(f"changes[{i}]", day, f"a change falls after {start} and before {end}",
                             hint_zh=f"存取日须在 {start} 之后、{end} 之前")
        delta = float(delta)
        fen = _amount(abs(delta), f"changes[{i}]")
        events[day] = events.get(day, 0) + (fen if delta > 0 else -fen)
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
                raise InputError("changes", day, "a withdrawal is larger than the balance on that day",
                                 hint_zh="支取金额大于当天的余额")
            ledger.flow(clock.point(day), "deposit" if events[day] > 0 else "withdrawal", -events[day])
    end_point = clock.point(end)
    ledger.flow(end_point, "closing balance", balance)
    return ledger.result("demand", principal, rate, end_point)


# ---------------------------------------------------------------- 整存整取


def _fixed_terms(ledger: _Ledger, value_fen: int, rate: float, months: int, rollovers: int,
                 withdraw: _Point | None, demand_rate: Any) -> tuple[int, _Point]:
    """Run terms (with rollovers), early or overdue withdrawal; returns (payout, end)."""
    clock = ledger.clock
    end, term_principal = clock.months(0), value_fen
    for k in range(rollovers + 1):
        a, b = clock.months(months * k), clock.months(months * (k + 1))
        if withdraw is not None and clock.before(withdraw, b):
            label = "early withdrawal" if k == 0 else f"early withdrawal (term {k + 1})"
            return value_fen + _day_interest(ledger, label, a, withdraw, value_fen,
                                             _demand_rate(demand_rate)), withdraw
        if clock.day_count is DayCount.ACTUAL:
            interest = int(_interest_fen(value_fen, rate, b.day - a.day, 360))
        else:
            interest = int(fixed_maturity_fen(value_fen, rate, months)[1])
        label = "term" if rollovers == 0 else f"term {k + 1}"
        term_principal = value_fen
        value_fen += interest - ledger.part(label, a, b, value_fen, rate, interest)
        end = b
    if withdraw is not None and clock.before(end, withdraw):  # overdue: the principal earns 活期
        value_fen += _day_interest(ledger, "overdue", end, withdraw, term_principal,
                                   _demand_rate(demand_rate))
        end = withdraw
    return value_fen, end


def fixed(
    amount: float,
    annual_rate: float,
    months: int,
    *,
    start: _dt.date | None = None,
    withdraw_on: _dt.date | int | None = None,
    partial: float | None = None,
    rollovers: int = 0,
    demand_rate: float | None = None,
    tax: float | None = None,
    day_count: DayCount | str = DayCount.THIRTY_360,
    minimum: float | None = None,
) -> DepositResult:
    """整存整取 lump-sum fixed deposit (rules §2.3).

    Parameters
    ----------
    amount : yuan deposited.
    annual_rate : the term's rate on the opening day, decimal fraction.
    months : 3, 6, 12, 24, 36 or 60.
    start : opening date; needed for dated flows and tax by period.
    withdraw_on : date (or whole days after ``start``) of withdrawal; before
        maturity earns ``demand_rate`` for the days held (提前支取); after it,
        the principal earns ``demand_rate`` for the days past maturity (逾期支取).
        None = at maturity.
    partial : yuan withdrawn early on ``withdraw_on`` (部分提前支取, once); it
        earns ``demand_rate``, the rest keeps its rate and maturity.
    rollovers : automatic renewals (自动转存) after the first term, each of
        principal plus net interest at the same rate.
    demand_rate : 活期 rate on the withdrawal day, needed for early or
        overdue withdrawal.
    tax : None taxes by accrual dates if ``start`` is given, else no tax;
        a float is a flat rate.
    day_count : "30/360" (anniversary method, default) or "actual".
    minimum : refuse an amount (or a remaining partial balance) below it.

    Returns
    -------
    DepositResult

    Raises
    ------
    InputError
        bad amount, rate or term; a withdrawal before the start; a partial
        withdrawal not smaller than the amount, at or after maturity, or
        leaving less than ``minimum``; a missing ``demand_rate``.

    Notes
    -----
    Full term: ``P × R × months/12`` (30/360) or ``P × R × days/360``
    (actual), rounded half-up to the fen per term (via
    :func:`fixed_maturity_value`). Days at the demand rate: ``P × r × days/360``.

    Examples
    --------
    10,000 yuan for 3 years at 3.24 % (the 2004-10-29 table):

    >>> print(f"{fixed(10_000, 0.0324, 36).interest:.2f}")
    972.00

    Withdrawn after 100 days at the 0.72 % demand rate instead:

    >>> print(f"{fixed(10_000, 0.0225, 12, withdraw_on=100, demand_rate=0.0072).interest:.2f}")
    20.00
    """
    min_amount = _minimum(minimum)
    amount_fen = _amount(amount, "amount", min_amount)
    rate = _rate(annual_rate, "annual_rate")
    months = _term(months, FIXED_TERMS)
    if isinstance(rollovers, bool) or not isinstance(rollovers, (int, np.integer)) or rollovers < 0:
        raise InputError("rollovers", rollovers, "a whole number of renewals, 0 or more",
                         hint_zh="自动转存次数须为 0 或正整数")
    clock, ledger = _books(start, _day_count(day_count), tax)
    withdraw = None if withdraw_on is None else clock.point(withdraw_on)
    ledger.flow(clock.months(0), "deposit", -amount_fen)
    value_fen = amount_fen
    if partial is not None:
        part_fen = _amount(partial, "partial")
        if withdraw is None or not clock.before(withdraw, clock.months(months)):
            raise InputError("partial", partial,
                             "a partial withdrawal is early: give withdraw_on before maturity",
                             hint_zh="部分提前支取须在到期前：请给出到期前的支取日 withdraw_on")
        if part_fen >= amount_fen:
            raise InputError("partial", partial,
                             f"must be less than the amount ({amount_fen / 100:,.2f}); "
                             "omit partial to withdraw everything",
                             hint_zh=f"须小于存入金额（{amount_fen / 100:,.2f}）；全部支取请不要给 partial")
        if min_amount is not None and amount_fen - part_fen < round(min_amount * 100):
            raise InputError("partial", partial,
                             f"the rest must stay at least {min_amount:,.2f} yuan",
                             hint_zh=f"留存部分不能低于 {min_amount:,.2f} 元")
        net = _day_interest(ledger, "partial withdrawal", clock.months(0), withdraw, part_fen,
                            _demand_rate(demand_rate))
        ledger.flow(withdraw, "partial withdrawal", part_fen + net)
        value_fen, withdraw = amount_fen - part_fen, None
    payout, end = _fixed_terms(ledger, value_fen, rate, months, int(rollovers), withdraw, demand_rate)
    at_maturity = end.day == clock.months(months * (int(rollovers) + 1)).day
    ledger.flow(end, "maturity" if at_maturity else "withdrawal", payout)
    return ledger.result("fixed", amount_fen, rate, end)


# ---------------------------------------------------------------- 零存整取


def installment(
    monthly: float,
    annual_rate: float,
    months: int,
    *,
    start: _dt.date | None = None,
    withdraw_on: _dt.date | int | None = None,
    demand_rate: float | None = None,
    tax: float | None = None,
    day_count: DayCount | str = DayCount.THIRTY_360,
    minimum: float | None = None,
) -> DepositResult:
    """零存整取 monthly installment savings (rules §2.4).

    Parameters
    ----------
    monthly : yuan deposited every month, the first on ``start``.
    annual_rate : the 零存整取 rate of the term on the opening day.
    months : 12, 36 or 60 (that many installments; maturity one month after
        the last).
    withdraw_on : early withdrawal date (or days after start): every
        installment made so far earns ``demand_rate`` for its days (积数).
    tax : None = by accrual dates over the whole term when ``start`` is
        given (rules §4, allocated by days), else no tax; a float = flat rate.
    day_count : "30/360" uses the 月积数 formula; "actual" uses daily 积数.
    minimum : refuse a monthly amount below it.

    Notes
    -----
    ``interest = monthly × n(n+1)/2 × annual_rate / 12`` (月积数), see
    :func:`installment_interest`; missed months (漏存) are not modelled.

    Examples
    --------
    1,000 yuan a month for a year at 1.71 %:

    >>> r = installment(1_000, 0.0171, 12)
    >>> print(f"{r.interest:.2f} {r.maturity_value:.2f}")
    111.15 12111.15
    """
    monthly_fen = _amount(monthly, "monthly", _minimum(minimum))
    rate = _rate(annual_rate, "annual_rate")
    n = _term(months, INSTALLMENT_TERMS)
    clock, ledger = _books(start, _day_count(day_count), tax)
    withdraw = _early(clock, withdraw_on, n)
    end = clock.months(n)
    paid = [clock.months(k) for k in range(n)
            if withdraw is None or clock.before(clock.months(k), withdraw)]
    for at in paid:
        ledger.flow(at, "installment", -monthly_fen)
    principal = monthly_fen * len(paid)
    if withdraw is not None:
        d_rate = _demand_rate(demand_rate)
        interest = _balance_interest_fen([(monthly_fen, withdraw.day - at.day) for at in paid], d_rate)
        tax_fen = ledger.part("early withdrawal", clock.months(0), withdraw, principal, d_rate, interest)
        end = withdraw
    else:
        if clock.day_count is DayCount.ACTUAL:
            interest = _balance_interest_fen([(monthly_fen, end.day - at.day) for at in paid], rate)
        else:
            interest = _to_fen(installment_interest(monthly_fen / 100, rate, n))
        tax_fen = ledger.part("term", clock.months(0), end, principal, rate, interest)
    ledger.flow(end, "withdrawal" if withdraw is not None else "maturity",
                principal + interest - tax_fen)
    return ledger.result("installment", principal, rate, end)


# ---------------------------------------------------------------- periodic payouts


def _coupon_deposit(kind: str, amount_fen: int, rate: float, months: int, interval: int,
                    clock: _Clock, ledger: _Ledger, withdraw: _Point | None,
                    demand_rate: Any) -> DepositResult:
    """Principal kept, interest paid every ``interval`` months (存本取息, 大额存单)."""
    ledger.flow(clock.months(0), "deposit", -amount_fen)
    received = 0
    for k in range(months // interval):
        a, b = clock.months(interval * k), clock.months(interval * (k + 1))
        if withdraw is not None and clock.before(withdraw, b):
            break
        if clock.day_count is DayCount.ACTUAL:
            coupon = int(_interest_fen(amount_fen, rate, b.day - a.day, 360))
        else:
            coupon = int(_interest_fen(amount_fen, rate, interval, 12))
        net = coupon - ledger.part(f"coupon {k + 1}", a, b, amount_fen, rate, coupon)
        received += net
        last = b.day == clock.months(months).day
        ledger.flow(b, "interest" if not last else "maturity", net + (amount_fen if last else 0))
    else:
        return ledger.result(kind, amount_fen, rate, clock.months(months))
    # early withdrawal (whole only): 活期 for the days held; coupons already paid are deducted
    ledger.parts, ledger.interest, ledger.tax_total = [], 0, 0
    net = _day_interest(ledger, "early withdrawal", clock.months(0), withdraw, amount_fen,
                        _demand_rate(demand_rate))
    ledger.flow(withdraw, "withdrawal", amount_fen + net - received)
    return ledger.result(kind, amount_fen, rate, withdraw)


def interest_payout(
    amount: float,
    annual_rate: float,
    months: int,
    *,
    interval_months: int = 1,
    start: _dt.date | None = None,
    withdraw_on: _dt.date | int | None = None,
    demand_rate: float | None = None,
    tax: float | None = None,
    day_count: DayCount | str = DayCount.THIRTY_360,
    minimum: float | None = None,
) -> DepositResult:
    """存本取息: keep the principal, draw the interest periodically (rules §2.6).

    Parameters
    ----------
    amount : yuan deposited.
    annual_rate : the 存本取息 rate of the term.
    months : 12, 36 or 60.
    interval_months : months between payouts (1, 3, 6 or 12; must divide the term).
    withdraw_on : early withdrawal (whole only): interest is recomputed at
        ``demand_rate`` for the days held and the payouts already made are
        deducted from the principal returned.

    Notes
    -----
    ``payout = P × annual_rate × interval_months / 12`` (= P × R × years / number
    of payouts), rounded half-up to the fen; the principal comes back with the
    last payout.

    Examples
    --------
    50,000 yuan for 3 years at 2.07 %, interest drawn monthly:

    >>> r = interest_payout(50_000, 0.0207, 36)
    >>> print(f"{r.parts[0].interest:.2f} {r.interest:.2f}")
    86.25 3105.00
    """
    amount_fen = _amount(amount, "amount", _minimum(minimum))
    rate = _rate(annual_rate, "annual_rate")
    months = _term(months, INSTALLMENT_TERMS)
    interval = _interval(interval_months, months, (1, 3, 6, 12))
    clock, ledger = _books(start, _day_count(day_count), tax)
    withdraw = _early(clock, withdraw_on, months)
    return _coupon_deposit("interest_payout", amount_fen, rate, months, interval, clock, ledger,
                           withdraw, demand_rate)


def _interval(value: Any, months: int, allowed: Sequence[int]) -> int:
    interval = _term(value, allowed, "interval_months")
    if months % interval:
        raise InputError("interval_months", value, f"must divide the term of {months} months",
                         hint_zh=f"间隔月数须能整除 {months} 个月的存期")
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
    raise InputError("withdraw_on", withdraw_on,
                     f"after maturity ({maturity.date or f'day {maturity.day}'}): "
                     "overdue withdrawal is modelled for 整存整取 only",
                     hint_zh=f"已过到期日（{maturity.date or f'第 {maturity.day} 天'}）：逾期支取只按整存整取计算")


# ---------------------------------------------------------------- 整存零取


def lump_withdrawal(
    amount: float,
    annual_rate: float,
    months: int,
    *,
    interval_months: int = 1,
    start: _dt.date | None = None,
    withdraw_on: _dt.date | int | None = None,
    demand_rate: float | None = None,
    tax: float | None = None,
    day_count: DayCount | str = DayCount.THIRTY_360,
    minimum: float | None = None,
) -> DepositResult:
    """整存零取: lump sum in, principal drawn every 1, 3 or 6 months (rules §2.5).

    The principal comes back in equal withdrawals at the end of each
    interval (the last takes the residue of the fen); interest is paid with
    the last withdrawal. Early withdrawal (whole only) pays ``demand_rate``
    on the balances held (积数).

    Notes
    -----
    ``interest = (P + w) / 2 × k × interval_months × annual_rate / 12`` with
    ``w = P / k`` and ``k`` withdrawals (the average-balance form), rounded
    half-up to the fen. With ``day_count="actual"``: Σ(balance × days) × R / 360.

    Examples
    --------
    12,000 yuan for a year at 1.71 %, 3,000 drawn each quarter:

    >>> print(f"{lump_withdrawal(12_000, 0.0171, 12, interval_months=3).interest:.2f}")
    128.25
    """
    amount_fen = _amount(amount, "amount", _minimum(minimum))
    rate = _rate(annual_rate, "annual_rate")
    months = _term(months, INSTALLMENT_TERMS)
    interval = _interval(interval_months, months, WITHDRAWAL_INTERVALS)
    clock, ledger = _books(start, _day_count(day_count), tax)
    withdraw = _early(clock, withdraw_on, months)
    k = months // interval
    each = amount_fen // k
    ledger.flow(clock.months(0), "deposit", -amount_fen)
    balance, segments = amount_fen, []
    for j in range(1, k + 1):
        a, b = clock.months(interval * (j - 1)), clock.months(interval * j)
        if withdraw is not None and clock.before(withdraw, b):
            segments.append((balance, withdraw.day - a.day))
            break
        segments.append((balance, b.day - a.day))
        out = balance if j == k else each
        balance -= out
        if j < k:
            ledger.flow(b, "principal", out)
    if withdraw is not None:
        d_rate = _demand_rate(demand_rate)
        interest = _balance_interest_fen(segments, d_rate)
        tax_fen = ledger.part("early withdrawal", clock.months(0), withdraw, amount_fen, d_rate,
                              interest)
        ledger.flow(withdraw, "withdrawal", balance + interest - tax_fen)
        return ledger.result("lump_withdrawal", amount_fen, rate, withdraw)
    end = clock.months(months)
    if clock.day_count is DayCount.ACTUAL:
        interest = _balance_interest_fen(segments, rate)
    else:
        interest = int(_interest_fen(amount_fen, rate, (k + 1) * interval, 24))
    tax_fen = ledger.part("term", clock.months(0), end, amount_fen, rate, interest)
    ledger.flow(end, "maturity", amount_fen - each * (k - 1) + interest - tax_fen)
    return ledger.result("lump_withdrawal", amount_fen, rate, end)


# ---------------------------------------------------------------- 定活两便


def flexible_rate(days: int, demand_rate: float, fixed_rates: Mapping[int, float]) -> float:
    """The 定活两便 rate for a holding period (rules §2.7).

    Below 3 months the demand rate; from 3, 6 and 12 months, 60 % of the
    3-month, 6-month and 1-year 整存整取 rate (never below the demand rate).
    ``days`` are counted 30 to a month (90, 180, 360 are the thresholds).

    >>> flexible_rate(200, 0.0072, {3: 0.0171, 6: 0.0207, 12: 0.0225})
    0.01242
    """
    if isinstance(days, bool) or not isinstance(days, (int, np.integer)) or days < 0:
        raise InputError("days", days, "a whole number of days held, 0 or more",
                         hint_zh="存期天数须为 0 或正整数")
    return _flexible_rate(int(days) // 30, demand_rate, fixed_rates)


def _flexible_rate(months_held: int, demand_rate: float, fixed_rates: Mapping[int, float]) -> float:
    demand_rate = _rate(demand_rate, "demand_rate")
    tier = next((m for m in (12, 6, 3) if months_held >= m), None)
    if tier is None:
        return demand_rate
    try:
        fixed_rate = _rate(fixed_rates[tier], f"fixed_rates[{tier}]")
    except (KeyError, TypeError):
        raise InputError("fixed_rates", fixed_rates,
                         "give the 整存整取 rates by months, e.g. {3: 0.011, 6: 0.013, 12: 0.015}",
                         hint_zh="请按月数给出整存整取利率，例如 {3: 0.011, 6: 0.013, 12: 0.015}") from None
    return max(float(Decimal(repr(fixed_rate)) * Decimal("0.6")), demand_rate)


def flexible(
    amount: float,
    demand_rate: float,
    fixed_rates: Mapping[int, float],
    *,
    withdraw_on: _dt.date | int,
    start: _dt.date | None = None,
    tax: float | None = None,
    day_count: DayCount | str = DayCount.THIRTY_360,
    minimum: float | None = None,
) -> DepositResult:
    """定活两便 fixed-or-demand deposit (rules §2.7).

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
    amount: float,
    annual_rate: float,
    notice_days: int,
    *,
    withdraw_on: _dt.date | int,
    start: _dt.date | None = None,
    style: NoticeStyle | str = NoticeStyle.CLASSIC,
    notified: bool = True,
    demand_rate: float | None = None,
    tax: float | None = None,
    minimum: float | None = None,
) -> DepositResult:
    """个人通知存款 1-day or 7-day notice deposit, withdrawn whole (rules §2.8).

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
        raise InputError("style", style, "use 'classic' or 'rolling'",
                         hint_zh="请用 'classic'（全程按通知利率）或 'rolling'（按周期滚动）") from None
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


def _shift(clock: _Clock, days: int) -> _Point:
    """The point ``days`` on the deposit's basis after the start (calendar days for dates)."""
    return _Point(None if clock.start is None else clock.start + _dt.timedelta(days=days), days)


# ---------------------------------------------------------------- 大额存单


def large_cd(
    amount: float,
    annual_rate: float,
    months: int,
    *,
    coupon_months: int | None = None,
    start: _dt.date | None = None,
    withdraw_on: _dt.date | int | None = None,
    early_rate: float | None = None,
    tax: float | None = None,
    day_count: DayCount | str = DayCount.THIRTY_360,
    minimum: float | None = None,
) -> DepositResult:
    """大额存单 large certificate of deposit (rules §2.9).

    Parameters
    ----------
    amount : yuan (individual minimum 200,000: pass ``minimum=``).
    annual_rate : the issue's rate.
    months : 1, 3, 6, 9, 12, 18, 24, 36 or 60.
    coupon_months : None pays at maturity (as 整存整取); 1, 3, 6 or 12 pays
        ``P × R × coupon_months / 12`` every period.
    withdraw_on : early redemption (date or days), paying ``early_rate`` (the
        product's stated rate, often 活期) for the days held, coupons deducted.

    Examples
    --------
    >>> print(f"{large_cd(200_000, 0.0125, 36).interest:.2f}")
    7500.00
    """
    amount_fen = _amount(amount, "amount", _minimum(minimum))
    rate = _rate(annual_rate, "annual_rate")
    months = _term(months, LARGE_CD_TERMS)
    clock, ledger = _books(start, _day_count(day_count), tax)
    withdraw = _early(clock, withdraw_on, months)
    interval = months if coupon_months is None else _interval(coupon_months, months, (1, 3, 6, 12))
    if early_rate is not None:
        early_rate = _rate(early_rate, "early_rate")
    elif withdraw is not None:
        raise InputError("early_rate", None, "early redemption pays the product's stated rate "
                         "(often 活期): pass early_rate=, e.g. 0.0035",
                         hint_zh="提前支取按产品约定的利率计息（通常是活期）：请给出 early_rate=，例如 0.0035")
    return _coupon_deposit("large_cd", amount_fen, rate, months, interval, clock, ledger, withdraw,
                           early_rate)


# ---------------------------------------------------------------- 存款保险


def deposit_insurance(
    principal_plus_interest: float | Sequence[float], *, limit: float = DEPOSIT_INSURANCE_LIMIT
) -> DepositInsurance:
    """Deposit-insurance cover of one depositor's balances at one bank (rules §2.10).

    Parameters
    ----------
    principal_plus_interest : yuan, one total or the balances (principal plus
        accrued interest) of every insured account at the bank.
    limit : cover per depositor per bank (500,000 since 2015-05-01).

    Examples
    --------
    >>> cover = deposit_insurance([520_000, 20_000])
    >>> print(f"{cover.covered:.2f} {cover.exposed:.2f}")
    500000.00 40000.00
    """
    values = np.atleast_1d(np.asarray(principal_plus_interest, dtype=object))
    total = sum(_to_fen(_nonnegative(v, "principal_plus_interest")) for v in values)
    limit_fen = _to_fen(_nonnegative(limit, "limit"))
    covered = min(total, limit_fen)
    return DepositInsurance(total / 100, covered / 100, (total - covered) / 100, limit_fen / 100)

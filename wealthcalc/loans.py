"""Loans (贷款): amortization schedules, prepayment, combined loans, true APR.

Every schedule is rounded to the fen per period as Chinese banks do (rules
§10.1/§10.2): the installment and each month's interest are rounded half-up,
the principal part is the installment minus the interest, and the last
payment takes whatever balance remains, so principal parts add up to the loan
exactly and totals equal the sums of the columns. Amounts are positive yuan;
rates are decimal fractions (0.049 for 4.9 %).

>>> s = amortize(1_000_000, 0.049, 360)
>>> print(s.first_payment, s.total_interest, s.payment[-1])
5307.27 910615.12 5305.19
"""

from __future__ import annotations

import datetime as _dt
import enum
import math
from dataclasses import dataclass, field
from typing import Any, Iterable, Mapping, Sequence

import numpy as np
from numpy.typing import ArrayLike, NDArray

from .dates import add_months, add_months_array, to_date
from .errors import InputError, NoSolutionError
from .money import parse_amount, parse_rate, round_fen

__all__ = [
    "AprResult",
    "CombinedSchedule",
    "LoanBatch",
    "Method",
    "Offer",
    "OfferComparison",
    "Prepayment",
    "PrepaymentMode",
    "ProvidentQuote",
    "RateChange",
    "Repricing",
    "Schedule",
    "amortize",
    "amortize_many",
    "apr",
    "car_loan_offer",
    "combined",
    "compare_offers",
    "installment_offer",
    "lpr_on",
    "lpr_rate_changes",
    "provident_quote",
]

MAX_PRINCIPAL = 1e9
"""Largest loan accepted, in yuan (one billion): keeps fen arithmetic exact in int64."""

MAX_MONTHS = 600
"""Longest term accepted, in months (50 years)."""

MIN_PREPAYMENT = 10_000.0
"""Default smallest partial prepayment, in yuan (see :func:`amortize`, ``min_prepayment``)."""

# Rates are held as integers on a grid of 1e-7 (0.00001 %), far finer than any
# published rate, so that interest can be rounded half-up in exact integer
# arithmetic: interest_fen = round(balance_fen × rate_num / (12 × 10^7)).
_RATE_SCALE = 10_000_000
_MONTH_DEN = 12 * _RATE_SCALE
_DAY_DEN = 360 * _RATE_SCALE


class Method(str, enum.Enum):
    """Repayment method (还款方式)."""

    EQUAL_INSTALLMENT = "equal_installment"  # 等额本息
    EQUAL_PRINCIPAL = "equal_principal"  # 等额本金
    INTEREST_ONLY = "interest_only"  # 先息后本

    def __str__(self) -> str:
        return self.value


_METHOD_ALIASES = {
    "等额本息": Method.EQUAL_INSTALLMENT,
    "等额本金": Method.EQUAL_PRINCIPAL,
    "先息后本": Method.INTEREST_ONLY,
    "按月付息到期还本": Method.INTEREST_ONLY,
}
_METHOD_CODES = {Method.EQUAL_INSTALLMENT: 0, Method.EQUAL_PRINCIPAL: 1, Method.INTEREST_ONLY: 2}


class PrepaymentMode(str, enum.Enum):
    """What a prepayment (提前还款) changes."""

    SHORTEN = "shorten"  # 缩短期限, 月供不变
    REDUCE = "reduce"  # 减少月供, 期限不变
    FULL = "full"  # 一次性结清

    def __str__(self) -> str:
        return self.value


class Repricing(str, enum.Enum):
    """Repricing day (重定价日) of an LPR-priced loan."""

    JANUARY = "january"  # every 1 January
    ANNIVERSARY = "anniversary"  # the drawdown anniversary (贷款发放日对应日)

    def __str__(self) -> str:
        return self.value


def _enum(enum_cls, value: Any, field_name: str, aliases: Mapping[str, Any] | None = None):
    if isinstance(value, enum_cls):
        return value
    if isinstance(value, str):
        text = value.strip()
        if aliases and text in aliases:
            return aliases[text]
        try:
            return enum_cls(text.lower().replace("-", "_").replace(" ", "_"))
        except ValueError:
            pass
    accepted = ", ".join(repr(m.value) for m in enum_cls)
    raise InputError(field_name, value, f"accepted: {accepted}", hint_zh=f"可选：{accepted}")


def _method(value: Any) -> Method:
    return _enum(Method, value, "method", _METHOD_ALIASES)


# ---------------------------------------------------------------- events


@dataclass(frozen=True, slots=True)
class RateChange:
    """A new annual rate from a date (or from a period number, 1-based).

    With a date, the new rate applies from the first installment period that
    begins on or after that date.
    """

    at: _dt.date | int
    annual_rate: float


@dataclass(frozen=True, slots=True)
class Prepayment:
    """A prepayment (提前还款) made with a regular installment.

    ``at`` is a date (the prepayment goes with the first installment due on
    or after it) or the number of the installment it follows. ``amount`` is
    yuan (ignored for ``mode='full'``). A penalty, when the contract has one,
    is ``penalty_rate`` × amount plus ``penalty_months`` months of interest on
    the amount.
    """

    at: _dt.date | int
    amount: float | None = None
    mode: PrepaymentMode | str = PrepaymentMode.SHORTEN
    penalty_rate: float = 0.0
    penalty_months: float = 0.0


# ---------------------------------------------------------------- results


@dataclass(frozen=True, slots=True)
class Schedule:
    """A loan's repayment schedule (还款计划), one row per installment.

    Arrays (one element per installment): ``period``, ``date`` (datetime64,
    NaT without a start date), ``payment`` (everything paid that period:
    installment, prepayment and penalty), ``principal`` (including any
    prepaid principal), ``interest``, ``balance`` (after the payment),
    ``rate`` (annual rate applied), ``prepaid`` and ``penalty``.
    """

    loan_amount: float
    annual_rate: float
    method: Method
    term_months: int
    start: _dt.date | None
    first_payment: float
    total_interest: float
    total_paid: float
    total_penalty: float
    months: int
    interest_saved: float
    period: NDArray[np.int64] = field(compare=False, repr=False)
    date: NDArray[np.datetime64] = field(compare=False, repr=False)
    payment: NDArray[np.float64] = field(compare=False, repr=False)
    principal: NDArray[np.float64] = field(compare=False, repr=False)
    interest: NDArray[np.float64] = field(compare=False, repr=False)
    balance: NDArray[np.float64] = field(compare=False, repr=False)
    rate: NDArray[np.float64] = field(compare=False, repr=False)
    prepaid: NDArray[np.float64] = field(compare=False, repr=False)
    penalty: NDArray[np.float64] = field(compare=False, repr=False)

    headers = ("period", "date", "payment", "principal", "interest", "balance", "rate")

    @property
    def last_payment(self) -> float:
        """The final payment (it absorbs the rounding residue)."""
        return float(self.payment[-1])

    @property
    def payoff_date(self) -> _dt.date | None:
        """Date of the last payment (None without a start date)."""
        last = self.date[-1]
        return None if np.isnat(last) else last.astype(_dt.date)

    def rows(self) -> list[list[Any]]:
        """Table rows in ``headers`` order (dates as ``datetime.date`` or None)."""
        dates = _dates_list(self.date)
        return [
            [int(p), d, float(pay), float(pr), float(i), float(b), float(r)]
            for p, d, pay, pr, i, b, r in zip(
                self.period, dates, self.payment, self.principal, self.interest,
                self.balance, self.rate,
            )
        ]

    by_year_headers = ("year", "payment", "principal", "interest", "balance")

    def by_year(self) -> list[list[Any]]:
        """Yearly totals: calendar years with a start date, loan years (1, 2, …) without."""
        if self.start is not None:
            keys = self.date.astype("datetime64[Y]").astype(np.int64) + 1970
        else:
            keys = (self.period - 1) // 12 + 1
        out = []
        for key in np.unique(keys):
            mask = keys == key
            out.append([
                int(key),
                _fen_sum(self.payment[mask]),
                _fen_sum(self.principal[mask]),
                _fen_sum(self.interest[mask]),
                float(self.balance[mask][-1]),
            ])
        return out

    def summary(self) -> dict[str, Any]:
        """The scalar fields as JSON-ready built-ins."""
        return {
            "loan_amount": self.loan_amount,
            "annual_rate": self.annual_rate,
            "method": self.method.value,
            "term_months": self.term_months,
            "start": self.start.isoformat() if self.start else None,
            "first_payment": self.first_payment,
            "last_payment": self.last_payment,
            "months": self.months,
            "total_interest": self.total_interest,
            "total_penalty": self.total_penalty,
            "total_paid": self.total_paid,
            "interest_saved": self.interest_saved,
            "payoff_date": self.payoff_date.isoformat() if self.payoff_date else None,
        }

    def to_dict(self) -> dict[str, Any]:
        """Summary plus the schedule rows, JSON-ready."""
        data = self.summary()
        dates = _dates_list(self.date)
        data["schedule"] = [
            {
                "period": int(self.period[i]),
                "date": dates[i].isoformat() if dates[i] else None,
                "payment": float(self.payment[i]),
                "principal": float(self.principal[i]),
                "interest": float(self.interest[i]),
                "balance": float(self.balance[i]),
                "rate": float(self.rate[i]),
                "prepaid": float(self.prepaid[i]),
                "penalty": float(self.penalty[i]),
            }
            for i in range(len(self.period))
        ]
        return data


def _dates_list(dates: NDArray[np.datetime64]) -> list[_dt.date | None]:
    return [None if np.isnat(d) else d.astype(_dt.date) for d in dates]


def _fen_sum(values: ArrayLike) -> float:
    """Sum of amounts to the fen, exact (sums integer fen)."""
    fen = np.rint(np.asarray(values, dtype=np.float64) * 100).astype(np.int64)
    return int(fen.sum()) / 100


# ---------------------------------------------------------------- validation


def _check_principal(value: Any, field_name: str = "principal") -> int:
    amount = parse_amount(value, field=field_name, allow_zero=False)
    if amount > MAX_PRINCIPAL:
        raise InputError(field_name, value, f"loans above {MAX_PRINCIPAL:,.0f} yuan are not accepted",
                         hint_zh=f"贷款金额不能超过 {MAX_PRINCIPAL:,.0f} 元")
    return int(round(amount * 100))


def _check_rate(value: Any, field_name: str = "annual_rate") -> int:
    rate = parse_rate(value, field=field_name)
    return int(round(rate * _RATE_SCALE))


def _check_months(value: Any, field_name: str = "months") -> int:
    hint = f"a whole number of months from 1 to {MAX_MONTHS}, e.g. 360 for 30 years"
    hint_zh = f"期限须为 1 到 {MAX_MONTHS} 的整月数，例如 30 年写 360"
    if isinstance(value, bool):
        raise InputError(field_name, value, hint, hint_zh=hint_zh)
    try:
        months = int(value)
    except (TypeError, ValueError, OverflowError):
        raise InputError(field_name, value, hint, hint_zh=hint_zh) from None
    if months != value or not 1 <= months <= MAX_MONTHS:
        raise InputError(field_name, value, hint, hint_zh=hint_zh)
    return months


# ---------------------------------------------------------------- dates


def _due_dates(start: _dt.date, months: int, payment_day: int) -> list[_dt.date]:
    """Due dates 1..months: ``payment_day`` of each month from the month after drawdown."""
    return [add_months(start, k, day_of_month=payment_day) for k in range(1, months + 1)]


# ---------------------------------------------------------------- the engine


def _half_up_div(numerator, denominator):
    """round(numerator / denominator) half-up, for non-negative integers (exact)."""
    return (2 * numerator + denominator) // (2 * denominator)


def _annuity_fen(balance_fen, rate_num, months):
    """Equal installment in fen: round_fen(B·r(1+r)^n / ((1+r)^n − 1)), r = annual/12."""
    r = np.asarray(rate_num, dtype=np.float64) / _MONTH_DEN
    n = np.maximum(np.asarray(months, dtype=np.float64), 1.0)
    with np.errstate(divide="ignore", invalid="ignore"):
        growth = np.power(1.0 + r, n)
        factor = np.where(r > 0, r * growth / (growth - 1.0), 1.0 / n)
    yuan = round_fen(np.asarray(balance_fen, dtype=np.float64) / 100 * factor)
    return np.rint(np.asarray(yuan) * 100).astype(np.int64)


def _shorten_months(balance_fen: int, payment_fen: int, rate_num: int) -> int | None:
    """Months to repay ``balance`` at ``payment`` (rules §10.6), None if it never does."""
    if payment_fen <= 0:
        return None
    if rate_num == 0:
        return -(-balance_fen // payment_fen)
    r = rate_num / _MONTH_DEN
    x = balance_fen * r / payment_fen
    if x >= 1:
        return None
    return max(1, math.ceil(-math.log1p(-x) / math.log1p(r) - 1e-9))


@dataclass
class _Event:
    """Events of one loan, keyed by period."""

    rates: dict[int, int] = field(default_factory=dict)  # period -> rate num (from that period)
    prepay: dict[int, list[tuple[int | None, PrepaymentMode, float, float]]] = field(default_factory=dict)
    first_interest: int | None = None  # fen, period-1 interest by actual days
    min_prepay: int = 0  # fen, smallest partial prepayment


def _run(principal_fen, rate_num, months, method_code, *, full: bool, events: _Event | None = None):
    """Amortize many loans at once, vectorized across loans, one step per period.

    Returns a dict: per-loan totals in int64 fen always, and with ``full`` the
    (loans × periods) columns in yuan (transposed views of period-major
    arrays, zero after payoff; ``rate`` as an annual fraction).
    """
    balance = np.array(principal_fen, dtype=np.int64)
    num = np.array(rate_num, dtype=np.int64)
    end = np.array(months, dtype=np.int64)
    code = np.asarray(method_code, dtype=np.int8)
    count = balance.shape[0]
    ei = code == 0
    ep = code == 1
    not_ei = ~ei
    only = int(code[0]) if count and (code == code[0]).all() else None
    installment = np.where(ei, _annuity_fen(balance, num, end), 0)
    part = np.where(ep, _half_up_div(balance, np.maximum(end, 1)), 0)
    horizon = int(end.max()) if count else 0
    # loans whose contract ends at period k (events may move an end earlier)
    order = np.argsort(end, kind="stable")
    bounds = np.searchsorted(end[order], np.arange(horizon + 2))
    total_interest = np.zeros(count, dtype=np.int64)
    total_paid = np.zeros(count, dtype=np.int64)
    last = np.zeros(count, dtype=np.int64)
    paid_months = np.zeros(count, dtype=np.int64)
    first = None
    names = ("payment", "principal", "interest", "balance")
    if events is not None:
        names += ("rate", "prepaid", "penalty")
    # full schedules are written straight as yuan (fen / 100, correctly rounded), period-major
    cols = {name: np.empty((horizon, count), dtype=np.float64) for name in names} if full else {}
    done = 0
    regular = np.empty(count, dtype=np.int64)
    principal = np.empty(count, dtype=np.int64)
    payment = np.empty(count, dtype=np.int64)
    active = np.empty(count, dtype=bool)
    two_den = 2 * _MONTH_DEN
    for k in range(1, horizon + 1):
        if events is not None and k in events.rates and (num != events.rates[k]).any():
            # a repricing that leaves the rate as it was keeps the installment (banks do)
            num[:] = events.rates[k]
            remaining = np.maximum(end - k + 1, 1)
            installment = np.where(ei, _annuity_fen(balance, num, remaining), installment)
        np.multiply(balance, num, out=regular)          # interest = round(B·num / (12·10^7))
        regular *= 2
        regular += _MONTH_DEN
        regular //= two_den
        interest = regular
        if k == 1 and events is not None and events.first_interest is not None:
            interest = np.array([events.first_interest], dtype=np.int64)
        if only == 0:
            np.subtract(installment, regular, out=principal)
        elif only == 1:
            principal[:] = part
        elif only == 2:
            principal[:] = 0
        else:  # mixed methods: part is 0 for interest-only loans
            np.subtract(installment, regular, out=principal)
            np.copyto(principal, part, where=not_ei)
        if events is not None:
            np.maximum(principal, 0, out=principal)
        np.minimum(principal, balance, out=principal)
        if events is not None:
            if k >= end[0]:
                principal[0] = balance[0]
        else:
            ending = order[bounds[k]:bounds[k + 1]]
            if ending.size:
                principal[ending] = balance[ending]
        np.add(principal, interest, out=payment)
        np.greater(balance, 0, out=active)
        balance -= principal
        prepaid = penalty = None
        if events is not None and k in events.prepay:
            prepaid, penalty, balance, installment, part, end = _apply_prepayments(
                events.prepay[k], k, balance, num, installment, part, end, code, events.min_prepay)
            payment = payment + prepaid + penalty
        if k == 1:
            first = payment.copy()
        np.copyto(last, payment, where=active)
        paid_months += active
        total_interest += interest
        total_paid += payment
        if full:
            row = done = k
            row -= 1
            if prepaid is not None:
                principal = principal + prepaid
            np.divide(payment, 100, out=cols["payment"][row])
            np.divide(principal, 100, out=cols["principal"][row])
            np.divide(interest, 100, out=cols["interest"][row])
            np.divide(balance, 100, out=cols["balance"][row])
            if events is not None:
                cols["rate"][row] = np.where(active, num, 0) / _RATE_SCALE
                cols["prepaid"][row] = 0 if prepaid is None else prepaid / 100
                cols["penalty"][row] = 0 if penalty is None else penalty / 100
        if not balance.any():
            break
    out = {
        "total_interest": total_interest,
        "total_paid": total_paid,
        "first": first if first is not None else np.zeros(count, dtype=np.int64),
        "last": last,
        "months": paid_months,
    }
    for col in cols.values():
        col[done:] = 0
    out.update({name: col.T for name, col in cols.items()})
    return out


def _apply_prepayments(items, k, balance, num, installment, part, end, code, min_fen):
    """Apply one loan's prepayments made with installment k (arrays of length 1)."""
    bal = int(balance[0])
    prepaid = penalty = 0
    inst, prt, last_period = int(installment[0]), int(part[0]), int(end[0])
    for amount_fen, mode, penalty_rate, penalty_months in items:
        if bal <= 0 or k >= last_period:
            raise InputError(
                "prepayments", f"period {k}",
                "a prepayment must come before the loan is paid off "
                f"(last installment is period {min(last_period, k)})",
                hint_zh=f"提前还款须在贷款还清之前（最后一期是第 {min(last_period, k)} 期）")
        if mode is PrepaymentMode.FULL:
            amount_fen = bal
        if amount_fen > bal:
            raise InputError(
                "prepayments", amount_fen / 100,
                f"larger than the balance {bal / 100:,.2f} after installment {k}; "
                "use mode 'full' to pay the loan off (on the command line: amount 'all')",
                hint_zh=f"超过第 {k} 期后的剩余本金 {bal / 100:,.2f}；一次性结清请用 mode 'full'"
                "（命令行里金额写 'all'）")
        if amount_fen < min_fen and amount_fen != bal:
            raise InputError(
                "prepayments", amount_fen / 100,
                f"below the smallest partial prepayment {min_fen / 100:,.2f} yuan (balance "
                f"{bal / 100:,.2f} after installment {k}); prepay at least that, pay off with mode "
                "'full', or lower min_prepayment (0 allows any amount)",
                hint_zh=f"低于最低部分提前还款金额 {min_fen / 100:,.2f} 元（第 {k} 期后剩余本金 "
                f"{bal / 100:,.2f}）；请至少还这么多，或用 mode 'full' 一次性结清，"
                "或调低 min_prepayment（0 表示金额不限）")
        penalty += int(round_fen(amount_fen / 100 * penalty_rate) * 100 + 0.5) if penalty_rate else 0
        if penalty_months:
            penalty += int(_half_up_div(int(round(amount_fen * num[0] * penalty_months)), _MONTH_DEN))
        bal -= amount_fen
        prepaid += amount_fen
        remaining = last_period - k
        if bal == 0:
            last_period = k
        elif code[0] == 0:
            if mode is PrepaymentMode.REDUCE:
                inst = int(_annuity_fen(np.array([bal]), num, np.array([remaining]))[0])
            else:
                months = _shorten_months(bal, inst, int(num[0]))
                if months is not None:
                    last_period = min(last_period, k + months)
        elif code[0] == 1:
            if mode is PrepaymentMode.REDUCE:
                prt = int(_half_up_div(bal, remaining))
            else:
                last_period = min(last_period, k + -(-bal // max(prt, 1)))
    return (np.array([prepaid]), np.array([penalty]), np.array([bal]),
            np.array([inst]), np.array([prt]), np.array([last_period]))


# ---------------------------------------------------------------- amortize


def _events_list(values: Iterable[Any], kind: type, field_name: str) -> list:
    out = []
    for value in values or ():
        if isinstance(value, kind):
            out.append(value)
        elif isinstance(value, Mapping):
            out.append(kind(**value))
        elif isinstance(value, (tuple, list)):
            try:
                out.append(kind(*value))
            except TypeError:
                raise InputError(field_name, value, f"give {kind.__name__}(...) or a tuple "
                                 f"({', '.join(kind.__slots__)})",
                                 hint_zh=f"请给出 {kind.__name__}(...) 或元组"
                                 f"（{', '.join(kind.__slots__)}）") from None
        else:
            raise InputError(field_name, value, f"give {kind.__name__}(...) or a tuple",
                             hint_zh=f"请给出 {kind.__name__}(...) 或元组")
    return out


def _in_order(items: list, field_name: str, start: _dt.date | None, due: list[_dt.date] | None,
              months: int, *, rate: bool) -> list[tuple[int, Any]]:
    """(period, event) pairs, refusing events out of date order."""
    out = []
    for item in items:
        k = _period_of(item.at, field_name, start, due, months, rate=rate)
        if out and k < out[-1][0]:
            raise InputError(field_name, item.at,
                             f"{field_name.replace('_', ' ')} must be in date order",
                             hint_zh=f"{field_name} 须按日期先后给出")
        out.append((k, item))
    return out


def _period_of(at: Any, field_name: str, start: _dt.date | None, due: list[_dt.date] | None,
               months: int, *, rate: bool) -> int:
    """The period a rate change applies from, or the installment a prepayment follows."""
    if isinstance(at, bool):
        raise InputError(field_name, at, "give a date or an installment number", hint_zh="请给出日期或期数")
    if isinstance(at, (int, np.integer)):
        if not 1 <= at <= months:
            raise InputError(field_name, at, f"installment numbers run from 1 to {months}",
                             hint_zh=f"期数从 1 到 {months}")
        return at
    day = to_date(at, field_name)
    if start is None or due is None:
        raise InputError("start", None, f"{field_name} given by date need the loan's start date",
                         hint_zh=f"按日期给出的 {field_name} 需要贷款的放款日（start）")
    if day < start:
        raise InputError(field_name, day.isoformat(), f"dates must not be before the start {start}",
                         hint_zh=f"日期不能早于放款日 {start}")
    if rate:
        starts = [start] + due[:-1]
        for k, begin in enumerate(starts, 1):
            if begin >= day:
                return k
        raise InputError(field_name, day.isoformat(), f"after the last installment period (begins {starts[-1]})",
                         hint_zh=f"晚于最后一期的计息起始日（{starts[-1]}）")
    for k, d in enumerate(due, 1):
        if d >= day:
            return k
    raise InputError(field_name, day.isoformat(), f"after the last installment ({due[-1]})",
                     hint_zh=f"晚于最后一期还款日（{due[-1]}）")


def amortize(
    principal: float,
    annual_rate: float,
    months: int,
    *,
    method: Method | str = Method.EQUAL_INSTALLMENT,
    start: _dt.date | str | None = None,
    payment_day: int | None = None,
    rate_changes: Sequence[RateChange | tuple] = (),
    prepayments: Sequence[Prepayment | tuple] = (),
    lpr_path: Sequence[tuple[_dt.date, float]] | None = None,
    lpr_spread: float | None = None,
    repricing: Repricing | str = Repricing.JANUARY,
    min_prepayment: float = MIN_PREPAYMENT,
) -> Schedule:
    """The repayment schedule of a loan, rounded to the fen as banks do.

    Parameters
    ----------
    principal : loan amount, yuan (positive).
    annual_rate : contract annual rate as a fraction (0.049 for 4.9 %).
    months : term in months (360 for 30 years).
    method : 'equal_installment' (等额本息), 'equal_principal' (等额本金) or
        'interest_only' (先息后本); '-' may replace '_'.
    start : drawdown date (放款日). Needed for dates and for events given by date.
    payment_day : day of the month installments fall due; default the start's
        day. When it differs, the first installment falls on that day of the
        month after drawdown and its interest counts the actual days at
        annual/360 (rules §10.3).
    rate_changes : ``RateChange(at, annual_rate)`` or ``(at, annual_rate)``
        pairs; the installment is recomputed on the remaining balance and months
        (kept when the new rate equals the old, as on an unchanged LPR).
    prepayments : ``Prepayment`` records or ``(at, amount[, mode[, penalty_rate[,
        penalty_months]]])`` tuples; mode 'shorten' (keep the payment), 'reduce'
        (keep the term) or 'full'.
    lpr_path, lpr_spread, repricing : for LPR + spread loans: the dated LPR
        path ``[(date, rate), ...]``, the spread (0.001 for +10 bp) and the
        repricing day ('january' or 'anniversary'); adds the repricings of
        :func:`lpr_rate_changes` to ``rate_changes``.
    min_prepayment : smallest partial prepayment, yuan (default 10,000, the
        usual minimum of large banks for 个人住房贷款 — bank-specific, rules
        §10.6 [unconfirmed]; a provident centre asking for "N months'
        installments" means N × the installment). A smaller amount is refused
        unless it pays the balance off; 0 allows any amount.

    Returns
    -------
    Schedule

    Raises
    ------
    InputError
        with ``field`` naming the bad argument: months not in 1…600, a rate
        written as 4.9, a prepayment larger than the balance, below
        ``min_prepayment`` or after payoff, events out of date order or before
        the start.

    Notes
    -----
    Equal installment (rules §10.1): ``M = round(P·r(1+r)^n / ((1+r)^n − 1))``
    with ``r = annual_rate/12``; each month ``interest = round(balance·r)``,
    ``principal = M − interest``; the last month pays the remaining balance.
    Equal principal (§10.2): ``principal = round(P/n)``, the last month the
    rest. Rounding is half-up to the fen, exact (integer fen, rates on a grid
    of 1e-7). A prepayment goes with an installment; interest between the due
    date and a prepayment date in between is not modelled.

    Any allowed prepayment lowers the total interest, to the fen ('shorten'
    keeps the installment, so every later balance is lower). 'reduce' rounds
    a new installment, which moves the rounding residue: with
    ``min_prepayment=0`` a prepayment of a few yuan can *raise* the total by
    some fen or yuan (1 yuan on the 30-year 4.9 % loan after 12 installments:
    +0.62). From 10,000 yuan the saving dominates that residue for any rate
    from 0.01 % and term up to 600 months (tests/test_loans.py checks it).

    References
    ----------
    china-retail-rules.md §1.3, §10.1–10.3, §10.6, §10.7.

    Examples
    --------
    A 1,000,000 yuan mortgage over 30 years at 4.9 %:

    >>> s = amortize(1_000_000, 0.049, 360)
    >>> s.first_payment, s.total_interest
    (5307.27, 910615.12)
    >>> amortize(1_000_000, 0.049, 360, method="equal-principal").payment[:2].tolist()
    [6861.11, 6849.77]
    """
    return _amortize(principal, annual_rate, months, method=method, start=start,
                     payment_day=payment_day, rate_changes=rate_changes,
                     prepayments=prepayments, lpr_path=lpr_path, lpr_spread=lpr_spread,
                     repricing=repricing, min_prepayment=min_prepayment, baseline=True)


def _check_min_prepayment(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, (int, float, np.integer, np.floating)) \
            or not 0 <= value <= MAX_PRINCIPAL:
        raise InputError("min_prepayment", value, "yuan from 0 (any amount) up, e.g. 10000",
                         hint_zh="以元计，0（金额不限）或以上，例如 10000")
    return int(round(float(value) * 100))


def _amortize(principal, annual_rate, months, *, method, start, payment_day, rate_changes,
              prepayments, lpr_path, lpr_spread, repricing, baseline,
              min_prepayment=MIN_PREPAYMENT) -> Schedule:
    p_fen = _check_principal(principal)
    num = _check_rate(annual_rate)
    n = _check_months(months)
    kind = _method(method)
    begin = None if start is None else to_date(start, "start")
    if payment_day is not None:
        if isinstance(payment_day, bool) or not isinstance(payment_day, (int, np.integer)) \
                or not 1 <= payment_day <= 31:
            raise InputError("payment_day", payment_day, "a day of the month from 1 to 31",
                             hint_zh="还款日是每月的 1 到 31 日")
        if begin is None:
            raise InputError("start", None, "payment_day needs the loan's start date",
                             hint_zh="指定还款日 payment_day 需要贷款的放款日（start）")
    day = payment_day if payment_day is not None else (begin.day if begin else None)
    due = _due_dates(begin, n, day) if begin else None

    events = _Event()
    changes = _events_list(rate_changes, RateChange, "rate_changes")
    if lpr_spread is not None or lpr_path is not None:
        if begin is None:
            raise InputError("start", None, "an LPR-priced loan needs its start date",
                             hint_zh="按 LPR 定价的贷款需要放款日（start）")
        if lpr_path is None or lpr_spread is None:
            raise InputError("lpr_path" if lpr_path is None else "lpr_spread", None,
                             "give both the LPR path and the spread", hint_zh="请同时给出 LPR 路径和加点")
        last_begin = ([begin] + due[:-1])[-1]  # a repricing inside the last period changes nothing
        changes += [c for c in lpr_rate_changes(begin, n, spread=lpr_spread, lpr_path=lpr_path,
                                                repricing=repricing) if c.at <= last_begin]
        changes.sort(key=lambda c: _period_of(c.at, "rate_changes", begin, due, n, rate=True))
    for k, change in _in_order(changes, "rate_changes", begin, due, n, rate=True):
        events.rates[k] = _check_rate(change.annual_rate, "rate_changes")
    num = events.rates.pop(1, num)  # a change from period 1 is the loan's own rate
    if begin is not None and day != begin.day:  # the first period's actual days at annual/360 (rules §10.3)
        events.first_interest = _half_up_div(p_fen * num * (due[0] - begin).days, _DAY_DEN)

    items = _events_list(prepayments, Prepayment, "prepayments")
    if items:
        events.min_prepay = _check_min_prepayment(min_prepayment)
    for k, item in _in_order(items, "prepayments", begin, due, n, rate=False):
        mode = _enum(PrepaymentMode, item.mode, "prepayments")
        amount = None if mode is PrepaymentMode.FULL else _check_principal(item.amount, "prepayments")
        pen_rate = parse_rate(item.penalty_rate, field="prepayments")
        pen_months = float(item.penalty_months)
        if not 0 <= pen_months <= 12:
            raise InputError("prepayments", item.penalty_months, "penalty_months from 0 to 12",
                             hint_zh="违约金利息月数 penalty_months 为 0 到 12")
        events.prepay.setdefault(k, []).append((amount, mode, pen_rate, pen_months))

    out = _run(np.array([p_fen]), np.array([num]), np.array([n]),
               np.array([_METHOD_CODES[kind]]), full=True, events=events)
    used = int(out["months"][0])
    late = [k for k in events.prepay if k > used]
    if late:
        raise InputError("prepayments", f"installment {late[0]}",
                         f"the loan is paid off with installment {used}; a prepayment must come before",
                         hint_zh=f"贷款在第 {used} 期还清；提前还款须在此之前")
    col = {name: out[name][0, :used] for name in
           ("payment", "principal", "interest", "balance", "rate", "prepaid", "penalty")}
    saved = 0.0
    if items and baseline:
        plain = _amortize(principal, annual_rate, months, method=kind, start=begin,
                          payment_day=payment_day, rate_changes=changes, prepayments=(),
                          lpr_path=None, lpr_spread=None, repricing=repricing, baseline=False)
        saved = round(plain.total_interest - int(out["total_interest"][0]) / 100, 2)
    first_regular = _first_regular(p_fen, num, n, kind)
    dates = (np.array(due[:used], dtype="datetime64[D]") if due
             else np.full(used, np.datetime64("NaT"), dtype="datetime64[D]"))
    return Schedule(
        loan_amount=p_fen / 100,
        annual_rate=num / _RATE_SCALE,
        method=kind,
        term_months=n,
        start=begin,
        first_payment=first_regular / 100,
        total_interest=int(out["total_interest"][0]) / 100,
        total_paid=int(out["total_paid"][0]) / 100,
        total_penalty=_fen_sum(col["penalty"]),
        months=used,
        interest_saved=saved,
        period=np.arange(1, used + 1, dtype=np.int64),
        date=dates,
        payment=col["payment"],
        principal=col["principal"],
        interest=col["interest"],
        balance=col["balance"],
        rate=col["rate"],
        prepaid=col["prepaid"],
        penalty=col["penalty"],
    )


def _first_regular(p_fen: int, num: int, n: int, kind: Method) -> int:
    """The first installment by the formula, in fen (before any odd-day adjustment)."""
    interest = _half_up_div(p_fen * num, _MONTH_DEN)
    if n == 1:
        return p_fen + interest
    if kind is Method.EQUAL_INSTALLMENT:
        return int(_annuity_fen(np.array([p_fen]), np.array([num]), np.array([n]))[0])
    if kind is Method.EQUAL_PRINCIPAL:
        return _half_up_div(p_fen, n) + interest
    return interest


# ---------------------------------------------------------------- LPR


def lpr_on(day: _dt.date, lpr_path: Sequence[tuple[_dt.date, float]]) -> float:
    """The LPR in force on ``day``: the latest value dated on or before it.

    >>> path = [(_dt.date(2024, 10, 21), 0.036), (_dt.date(2025, 5, 20), 0.035)]
    >>> lpr_on(_dt.date(2025, 1, 1), path)
    0.036
    """
    best = None
    for when, rate in _lpr_points(lpr_path):
        if when <= day and (best is None or when >= best[0]):
            best = (when, rate)
    if best is None:
        first = min(when for when, _ in _lpr_points(lpr_path))
        raise InputError("lpr_path", day.isoformat(),
                         f"the LPR path starts on {first}; give a date on or after it",
                         hint_zh=f"LPR 数据从 {first} 开始；请给出该日或之后的日期")
    return best[1]


def _lpr_points(lpr_path: Any) -> list[tuple[_dt.date, float]]:
    points = []
    for item in lpr_path or ():
        try:
            when, rate = item[0], item[1]
        except (TypeError, IndexError, KeyError):
            when, rate = getattr(item, "effective", None), getattr(item, "rate", None)
        points.append((to_date(when, "lpr_path"), parse_rate(rate, field="lpr_path")))
    if not points:
        raise InputError("lpr_path", lpr_path, "give dated LPR values: [(date, rate), ...]",
                         hint_zh="请给出带日期的 LPR：[(日期, 利率), ...]")
    return points


def lpr_rate_changes(
    start: _dt.date,
    months: int,
    *,
    spread: float,
    lpr_path: Sequence[tuple[_dt.date, float]],
    repricing: Repricing | str = Repricing.JANUARY,
) -> list[RateChange]:
    """Repricings of an LPR + spread loan (rules §10.7) within its term.

    On each repricing day (1 January, or the drawdown anniversary) the rate
    becomes the LPR then in force plus ``spread`` (a fraction; 10 bp = 0.001,
    may be negative).

    Examples
    --------
    Rules §10.7, L-12: 5y LPR 3.60 % (from 2024-10-21) + 10 bp on 2025-01-01:

    >>> path = [(_dt.date(2024, 10, 21), 0.036), (_dt.date(2025, 5, 20), 0.035)]
    >>> [(c.at.isoformat(), round(c.annual_rate, 6))
    ...  for c in lpr_rate_changes(_dt.date(2019, 6, 15), 72, spread=0.001, lpr_path=path)][-1]
    ('2025-01-01', 0.037)
    """
    begin = to_date(start, "start")
    n = _check_months(months)
    how = _enum(Repricing, repricing, "repricing")
    spread = float(spread)
    if not -0.05 <= spread <= 0.05:
        raise InputError("lpr_spread", spread, "a spread is a fraction: 10 bp = 0.001",
                         hint_zh="加点写成小数：10 个基点（10bp）= 0.001")
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


# ---------------------------------------------------------------- batch


@dataclass(frozen=True, slots=True)
class LoanBatch:
    """Summaries (and optionally full schedules) of many loans, one row per loan.

    1-D arrays: ``first_payment``, ``last_payment``, ``total_interest``,
    ``total_paid``, ``months``, ``payoff_date`` (NaT without start dates).
    With ``summary_only=False`` also 2-D (loans × periods) ``payment``,
    ``principal``, ``interest`` and ``balance`` arrays, zero after payoff.
    """

    first_payment: NDArray[np.float64] = field(compare=False)
    last_payment: NDArray[np.float64] = field(compare=False)
    total_interest: NDArray[np.float64] = field(compare=False)
    total_paid: NDArray[np.float64] = field(compare=False)
    months: NDArray[np.int64] = field(compare=False)
    payoff_date: NDArray[np.datetime64] = field(compare=False)
    payment: NDArray[np.float64] | None = field(default=None, compare=False)
    principal: NDArray[np.float64] | None = field(default=None, compare=False)
    interest: NDArray[np.float64] | None = field(default=None, compare=False)
    balance: NDArray[np.float64] | None = field(default=None, compare=False)

    headers = ("first_payment", "last_payment", "total_interest", "total_paid", "months",
               "payoff_date")

    def __len__(self) -> int:
        return int(self.months.shape[0])

    def rows(self) -> list[list[Any]]:
        """One row per loan in ``headers`` order."""
        dates = _dates_list(self.payoff_date)
        return [[float(a), float(b), float(c), float(d), int(e), f] for a, b, c, d, e, f in zip(
            self.first_payment, self.last_payment, self.total_interest, self.total_paid,
            self.months, dates)]

    def to_dict(self) -> dict[str, Any]:
        """Per-loan summary lists, JSON-ready."""
        return {
            "first_payment": self.first_payment.tolist(),
            "last_payment": self.last_payment.tolist(),
            "total_interest": self.total_interest.tolist(),
            "total_paid": self.total_paid.tolist(),
            "months": self.months.tolist(),
            "payoff_date": [d.isoformat() if d else None for d in _dates_list(self.payoff_date)],
        }


def _batch_arrays(principal, annual_rate, months, method):
    """Validate the batch columns; raises InputError naming the first bad loan."""
    p = np.atleast_1d(np.asarray(principal, dtype=np.float64))
    r = np.atleast_1d(np.asarray(annual_rate, dtype=np.float64))
    m = np.atleast_1d(np.asarray(months))
    try:
        p, r, m = np.broadcast_arrays(p, r, m)
    except ValueError:
        raise InputError("principal", p.shape, "principal, annual_rate and months must have "
                         "the same length (or be scalars)",
                         hint_zh="principal、annual_rate 和 months 的长度须相同（或为单个数）") from None
    bad = ~np.isfinite(p) | (p <= 0) | (p > MAX_PRINCIPAL) | (np.abs(p * 100 - np.rint(p * 100)) > 1e-6)
    _first_bad(bad, "principal", p, "positive yuan to the fen, at most 1e9", "金额须为正数、精确到分，最多 1e9 元")
    bad = ~np.isfinite(r) | (r < 0) | (r > 1)
    _first_bad(bad, "annual_rate", r, "a fraction from 0 to 1: write 0.049 for 4.9%", "利率为 0 到 1 的小数：4.9% 写 0.049")
    mf = m.astype(np.float64)
    bad = ~np.isfinite(mf) | (mf != np.round(mf)) | (mf < 1) | (mf > MAX_MONTHS)
    _first_bad(bad, "months", m, f"whole months from 1 to {MAX_MONTHS}", f"期限为 1 到 {MAX_MONTHS} 的整月数")
    if isinstance(method, (str, Method)):
        codes = np.full(p.shape, _METHOD_CODES[_method(method)], dtype=np.int8)
    else:
        names = np.atleast_1d(np.asarray(method, dtype=object)).astype(str)
        codes = np.empty(names.shape, dtype=np.int8)
        for value in np.unique(names):  # one check per distinct name
            codes[names == value] = _METHOD_CODES[_method(value)]
        codes = np.broadcast_to(codes, p.shape)
    p_fen = np.rint(p * 100).astype(np.int64)
    num = np.rint(r * _RATE_SCALE).astype(np.int64)
    return p_fen, num, mf.astype(np.int64), codes


def _first_bad(mask, field_name, values, hint, hint_zh):
    if mask.any():
        index = int(np.argmax(mask))
        raise InputError(field_name, values[index].item(), f"loan #{index}: {hint}",
                         hint_zh=f"贷款 #{index}：{hint_zh}")


def amortize_many(
    principal: ArrayLike,
    annual_rate: ArrayLike,
    months: ArrayLike,
    method: Method | str | ArrayLike = Method.EQUAL_INSTALLMENT,
    *,
    start: ArrayLike | None = None,
    summary_only: bool = True,
) -> LoanBatch:
    """Amortize many loans at once, vectorized across loans.

    Every loan comes out to the fen exactly as :func:`amortize` gives it (same
    rule, same integer arithmetic). Installments fall on the start's day of
    each month (no odd first period).

    Parameters
    ----------
    principal, annual_rate, months : arrays (or scalars) of equal length.
    method : one method for all, or an array of method names.
    start : drawdown dates (datetime64 or ISO strings) for payoff dates.
    summary_only : keep only per-loan totals (memory O(loans)); False also
        returns the 2-D schedules (memory O(loans × months)).

    Examples
    --------
    >>> b = amortize_many([1_000_000, 600_000], [0.049, 0.026], [360, 240])
    >>> b.first_payment.tolist(), b.total_interest.tolist()[0]
    ([5307.27, 3208.73], 910615.12)
    """
    p_fen, num, n, codes = _batch_arrays(principal, annual_rate, months, method)
    out = _run(p_fen, num, n, codes, full=not summary_only)
    payoff = np.full(p_fen.shape, np.datetime64("NaT"), dtype="datetime64[D]")
    if start is not None:
        payoff = add_months_array(np.broadcast_to(np.asarray(start, dtype="datetime64[D]"),
                                               p_fen.shape), out["months"])
    extra = {}
    if not summary_only:
        extra = {name: out[name] for name in ("payment", "principal", "interest", "balance")}
    return LoanBatch(
        first_payment=out["first"] / 100,
        last_payment=out["last"] / 100,
        total_interest=out["total_interest"] / 100,
        total_paid=out["total_paid"] / 100,
        months=out["months"],
        payoff_date=payoff,
        **extra,
    )


# ---------------------------------------------------------------- combined


@dataclass(frozen=True, slots=True)
class CombinedSchedule:
    """A combined loan (组合贷款): provident and commercial parts and their monthly sum."""

    provident: Schedule
    commercial: Schedule
    first_payment: float
    total_interest: float
    total_paid: float
    months: int
    payment: NDArray[np.float64] = field(compare=False, repr=False)

    headers = ("period", "date", "provident_payment", "commercial_payment", "payment")

    def rows(self) -> list[list[Any]]:
        """period, date, provident part, commercial part, total."""
        n = self.months
        p = np.zeros(n)
        c = np.zeros(n)
        p[: self.provident.months] = self.provident.payment
        c[: self.commercial.months] = self.commercial.payment
        longer = self.provident if self.provident.months >= self.commercial.months else self.commercial
        dates = _dates_list(longer.date)
        return [[k + 1, dates[k], float(p[k]), float(c[k]), float(self.payment[k])] for k in range(n)]

    def to_dict(self) -> dict[str, Any]:
        """Totals and both parts' summaries, JSON-ready."""
        return {
            "first_payment": self.first_payment,
            "total_interest": self.total_interest,
            "total_paid": self.total_paid,
            "months": self.months,
            "provident": self.provident.summary(),
            "commercial": self.commercial.summary(),
            "payment": self.payment.tolist(),
        }


def combined(
    provident: tuple[float, float],
    commercial: tuple[float, float],
    months: int,
    *,
    method: Method | str = Method.EQUAL_INSTALLMENT,
    start: _dt.date | str | None = None,
    payment_day: int | None = None,
) -> CombinedSchedule:
    """A combined loan (组合贷款, rules §10.5): two loans, one monthly sum.

    ``provident`` and ``commercial`` are ``(amount, annual_rate)`` pairs; each
    part is rounded on its own and the monthly payment is their sum.

    Examples
    --------
    Rules §10.5, L-10: 1,000,000 commercial at 3.5 % + 600,000 provident at 2.6 %, 30 years:

    >>> c = combined((600_000, 0.026), (1_000_000, 0.035), 360)
    >>> c.provident.first_payment, c.commercial.first_payment, c.first_payment
    (2402.04, 4490.45, 6892.49)
    """
    parts = []
    for name, pair in (("provident", provident), ("commercial", commercial)):
        try:
            amount, rate = pair
        except (TypeError, ValueError):
            raise InputError(name, pair, "give (amount, annual_rate), e.g. (600000, 0.026)",
                             hint_zh="请给出（金额, 年利率），例如 (600000, 0.026)") from None
        try:
            parts.append(amortize(amount, rate, months, method=method, start=start,
                                  payment_day=payment_day))
        except InputError as error:
            raise InputError(f"{name}.{error.field}", error.value, error.hint, hint_zh=error.hint_zh) from None
    prov, comm = parts
    n = max(prov.months, comm.months)
    fen = np.zeros(n, dtype=np.int64)
    fen[: prov.months] += np.rint(prov.payment * 100).astype(np.int64)
    fen[: comm.months] += np.rint(comm.payment * 100).astype(np.int64)
    return CombinedSchedule(
        provident=prov,
        commercial=comm,
        first_payment=round(prov.first_payment + comm.first_payment, 2),
        total_interest=round(prov.total_interest + comm.total_interest, 2),
        total_paid=round(prov.total_paid + comm.total_paid, 2),
        months=n,
        payment=fen / 100,
    )


# ---------------------------------------------------------------- provident quote


@dataclass(frozen=True, slots=True)
class ProvidentQuote:
    """The most provident loan allowed, the commercial top-up and the down payment.

    Each ``*_bound`` names the rule that set the number: ``cap_couple``,
    ``cap_single``, ``cap_county``, ``ltv_first_home``, ``ltv_second_hand``,
    ``ltv_second_home``, ``requested``. ``rate_rule`` says where the rate came
    from: ``first_home`` (the rate given), ``second_home_multiplier`` (the
    policy's multiplier × the rate given, e.g. 1.1 ×) or ``second_home_table``
    (the rate given, read from the second-home column of a rate table).
    """

    price: float
    policy_id: str
    provident_amount: float
    provident_bound: str
    commercial_amount: float
    commercial_bound: str
    down_payment: float
    down_payment_bound: str
    provident_rate: float | None
    rate_rule: str
    months: int
    provident_payment: float | None

    headers = ("item", "value")

    def rows(self) -> list[list[Any]]:
        """(key, value) rows of :meth:`to_dict`."""
        return [[k, v] for k, v in self.to_dict().items()]

    def to_dict(self) -> dict[str, Any]:
        """All fields, JSON-ready."""
        return {name: getattr(self, name) for name in self.__slots__}


def _policy_get(policy: Any, name: str, default: Any = None) -> Any:
    if isinstance(policy, Mapping):
        return policy.get(name, default)
    return getattr(policy, name, default)


def provident_quote(
    price: float,
    *,
    policy: Any,
    buyers: str = "couple",
    second_home: bool = False,
    second_hand: bool = False,
    annual_rate: float | None = None,
    months: int = 240,
    commercial_wanted: float | None = None,
) -> ProvidentQuote:
    """How much provident-fund loan a home purchase allows (rules §10.4).

    provident = min(city cap for ``buyers``, LTV × price); the commercial
    top-up fills the rest up to LTV × price (or ``commercial_wanted`` if
    smaller); the buyer pays the rest as the down payment.

    Parameters
    ----------
    price : home price, yuan.
    policy : the city's policy: any record or mapping with the fields ``id``,
        ``cap_couple``, ``cap_single``, ``cap_county`` (yuan; None = no cap),
        ``ltv_first_home``, ``ltv_second_hand``, ``ltv_second_home`` (fractions)
        and ``second_home_rate_multiplier`` (None or e.g. 1.1), such as
        ``wealthcalc.catalog.Catalog.provident_policy()``.
    buyers : 'couple' (both paying in), 'single', or 'county' (county cap).
    second_home, second_hand : the purchase type (LTV rule applied).
    annual_rate : the provident rate: the first-home rate, multiplied for a
        second home when the policy has a multiplier (the old 1.1 × rule);
        without one, pass the second-home rate of the table (rules §3.6).
    months : term for the monthly payment shown (equal installment).

    Examples
    --------
    Rules §10.4, L-9: a 1,000,000 first home in Zhengzhou 2013, couple, 20 years at 4.5 %:

    >>> zz = {"id": "zhengzhou-2013", "cap_couple": 450_000, "cap_single": 350_000,
    ...       "cap_county": 300_000, "ltv_first_home": 0.7, "ltv_second_hand": 0.6,
    ...       "ltv_second_home": 0.4, "second_home_rate_multiplier": 1.1}
    >>> q = provident_quote(1_000_000, policy=zz, annual_rate=0.045)
    >>> q.provident_amount, q.provident_bound, q.provident_payment, q.down_payment
    (450000.0, 'cap_couple', 2846.92, 300000.0)
    """
    cost = parse_amount(price, field="price", allow_zero=False)
    n = _check_months(months)
    who = str(buyers).strip().lower()
    caps = {"couple": "cap_couple", "single": "cap_single", "county": "cap_county"}
    if who not in caps:
        raise InputError("buyers", buyers, "accepted: 'couple', 'single', 'county'",
                         hint_zh="可选：'couple'（夫妻双方缴存）、'single'（单方缴存）、'county'（县市）")
    cap_name = caps[who]
    cap = _policy_get(policy, cap_name)
    cap = math.inf if cap is None else parse_amount(cap, field=f"policy.{cap_name}")
    if second_home:
        ltv_name = "ltv_second_home"
    elif second_hand and _policy_get(policy, "ltv_second_hand") is not None:
        ltv_name = "ltv_second_hand"
    else:
        ltv_name = "ltv_first_home"
    ltv = _policy_get(policy, ltv_name)
    if ltv is None:
        raise InputError("policy", _policy_get(policy, "id", policy), f"the policy has no {ltv_name}",
                         hint_zh=f"这项公积金政策没有 {ltv_name}（贷款比例）")
    ltv = parse_rate(ltv, field=f"policy.{ltv_name}")
    by_ltv = float(round_fen(cost * ltv))
    provident = min(cap, by_ltv)
    provident_bound = cap_name if cap < by_ltv else ltv_name
    commercial = by_ltv - provident
    commercial_bound = ltv_name
    if commercial_wanted is not None:
        wanted = parse_amount(commercial_wanted, field="commercial_wanted")
        if wanted < commercial:
            commercial, commercial_bound = wanted, "requested"
    down = round(cost - provident - commercial, 2)
    rate = None
    rule = "second_home_table" if second_home else "first_home"
    payment = None
    if annual_rate is not None:
        rate = parse_rate(annual_rate, field="annual_rate")
        multiplier = _policy_get(policy, "second_home_rate_multiplier")
        if second_home and multiplier:
            rate = round(rate * float(multiplier), 7)
            rule = "second_home_multiplier"
        if provident > 0:
            payment = amortize(provident, rate, n).first_payment
    return ProvidentQuote(
        price=cost,
        policy_id=str(_policy_get(policy, "id", "")),
        provident_amount=provident,
        provident_bound=provident_bound,
        commercial_amount=round(commercial, 2),
        commercial_bound=commercial_bound,
        down_payment=down,
        down_payment_bound=commercial_bound,
        provident_rate=rate,
        rate_rule=rule,
        months=n,
        provident_payment=payment,
    )


# ---------------------------------------------------------------- APR


@dataclass(frozen=True, slots=True)
class AprResult:
    """True cost of an offer (rules §10.8).

    ``apr`` is the nominal annual rate disclosed (12 × monthly IRR);
    ``effective_rate`` is (1 + i)^12 − 1; ``simple_rate`` is total cost over
    principal × average term ((n + 1)/2 months, equal principal repayment).
    ``converged`` is True (the IRR solver raises NoSolutionError otherwise).
    """

    amount: float
    months: int
    total_cost: float
    monthly_rate: float
    apr: float
    effective_rate: float
    simple_rate: float
    converged: bool

    headers = ("item", "value")

    def rows(self) -> list[list[Any]]:
        """(key, value) rows of :meth:`to_dict`."""
        return [[k, v] for k, v in self.to_dict().items()]

    def to_dict(self) -> dict[str, Any]:
        """All fields, JSON-ready."""
        return {name: getattr(self, name) for name in self.__slots__}


def apr(
    amount: float,
    payments: float | Sequence[float],
    *,
    months: int | None = None,
    fees: float = 0.0,
    dates: Sequence[_dt.date] | None = None,
) -> AprResult:
    """The true annual rate of a loan or installment offer, by IRR.

    Parameters
    ----------
    amount : principal received, yuan.
    payments : the repayments, yuan (a sequence; or one payment with ``months``).
    fees : up-front fees deducted from or paid at drawdown, yuan.
    dates : drawdown date followed by one date per payment; the rate then
        comes from XIRR (actual days) and ``apr`` is 12 × the equivalent
        monthly rate.

    Raises
    ------
    InputError
        bad amounts, fees not below the amount, payments adding up to less than
        the money in hand, dates not one per flow or not increasing.
    NoSolutionError
        no rate makes the payments repay the amount.

    Notes
    -----
    ``amount − fees = Σ payment_k / (1 + i)^k``; APR = 12 i; effective
    (1 + i)^12 − 1 (PBOC 2021 annualized-rate disclosure, rules §10.8).

    Examples
    --------
    Rules §10.8, L-13: 12,000 in 12 installments with a 0.6 % monthly fee:

    >>> r = apr(12_000, 1_072, months=12)
    >>> round(r.apr, 4), round(r.effective_rate, 4), round(r.simple_rate, 4)
    (0.1303, 0.1384, 0.1329)
    """
    from . import tvm

    cash = parse_amount(amount, field="amount", allow_zero=False)
    fee = parse_amount(fees, field="fees")
    if isinstance(payments, (int, float, np.integer, np.floating)):
        if months is None:
            raise InputError("months", None, "give months with a single payment amount",
                             hint_zh="只给一个每期还款额时，请同时给出期数 months")
        flows = [float(payments)] * _check_months(months)
    else:
        flows = [float(x) for x in payments]
        if months is not None and _check_months(months) != len(flows):
            raise InputError("months", months, f"{len(flows)} payments were given",
                             hint_zh=f"给出的还款共 {len(flows)} 期")
    if not flows:
        raise InputError("payments", payments, "give at least one payment", hint_zh="请至少给出一期还款")
    if any(not math.isfinite(x) or x < 0 for x in flows):
        raise InputError("payments", payments, "payments are non-negative yuan", hint_zh="每期还款不能为负数")
    if fee >= cash:
        raise InputError("fees", fees, f"fees must be below the amount {cash:,.2f}",
                         hint_zh=f"费用须低于借款金额 {cash:,.2f}")
    net = cash - fee
    cost = round(sum(flows) - net, 2)
    if cost < 0:
        raise InputError("payments", round(sum(flows), 2),
                         f"the payments add up to less than the {net:,.2f} yuan in hand; an offer repays at "
                         "least what it lends (check the payment amount and the number of months)",
                         hint_zh=f"各期还款合计少于实际到手的 {net:,.2f} 元；借多少至少要还多少"
                         "（请检查每期还款额和期数）")
    n = len(flows)
    if dates is not None:
        days = [to_date(d, "dates") for d in dates]
        if len(days) != n + 1:
            raise InputError("dates", len(days), f"give {n + 1} dates: drawdown then each payment",
                             hint_zh=f"请给出 {n + 1} 个日期：放款日，然后每期还款日")
        if any(b <= a for a, b in zip(days, days[1:])):
            raise InputError("dates", [d.isoformat() for d in days], "dates must increase",
                             hint_zh="日期须逐个递增")
        annual = float(tvm.xirr(days, [-net] + flows))
        monthly = (1 + annual) ** (1 / 12) - 1 if math.isfinite(annual) else math.nan
    else:
        monthly = float(tvm.irr([-net] + flows))
    if not math.isfinite(monthly):
        raise NoSolutionError("payments", sum(flows), "no rate makes these payments repay the amount",
                              hint_zh="找不到能让这些还款恰好还清借款的利率")
    simple = cost / (net * (n + 1) / 2 / 12)
    return AprResult(
        amount=cash,
        months=n,
        total_cost=cost,
        monthly_rate=float(monthly),
        apr=float(12 * monthly),
        effective_rate=float((1 + monthly) ** 12 - 1),
        simple_rate=float(simple),
        converged=True,
    )


@dataclass(frozen=True, slots=True)
class Offer:
    """A credit offer as the customer would pay it.

    ``amount`` is the money lent; ``payments`` the monthly repayments;
    ``upfront_fee`` fees paid at drawdown (手续费, 服务费).
    """

    name: str
    amount: float
    payments: tuple[float, ...]
    upfront_fee: float = 0.0
    note: str = ""


def installment_offer(amount: float, months: int, monthly_fee_rate: float, *, name: str = "") -> Offer:
    """A card installment plan (信用卡分期): principal/n plus a monthly fee on the original amount.

    Each payment is ``round_fen(amount/n) + round_fen(amount × fee rate)``;
    the last takes the principal residue.

    >>> o = installment_offer(12_000, 12, 0.006)
    >>> o.payments[0], len(o.payments)
    (1072.0, 12)
    """
    p_fen = _check_principal(amount, "amount")
    n = _check_months(months)
    fee_rate = parse_rate(monthly_fee_rate, field="monthly_fee_rate")
    part = _half_up_div(p_fen, n)
    fee = int(round(round_fen(p_fen / 100 * fee_rate) * 100))
    fen = [part + fee] * (n - 1) + [p_fen - part * (n - 1) + fee]
    label = name or f"{n} × {fee_rate * 100:g}%/month"
    return Offer(label, p_fen / 100, tuple(x / 100 for x in fen), 0.0,
                 f"monthly fee {fee_rate * 100:g}% of the original amount")


def car_loan_offer(
    price: float,
    months: int,
    *,
    loan_ratio: float = 0.7,
    annual_rate: float = 0.0,
    service_fee: float = 0.0,
    fee_in_installments: bool = False,
    name: str = "",
) -> Offer:
    """A car loan (汽车贷款): up to ``loan_ratio`` of the price, equal installments.

    ``annual_rate`` 0 with a ``service_fee`` models "0 interest" offers; the
    fee is paid up front, or spread evenly over the installments with
    ``fee_in_installments``.

    >>> o = car_loan_offer(200_000, 36, loan_ratio=0.7, service_fee=8_000)
    >>> o.amount, o.payments[0], o.upfront_fee
    (140000.0, 3888.89, 8000.0)
    """
    cost = parse_amount(price, field="price", allow_zero=False)
    ratio = parse_rate(loan_ratio, field="loan_ratio", allow_above_one=True)
    if not 0 < ratio <= 1:
        raise InputError("loan_ratio", loan_ratio, "a fraction of the price, e.g. 0.7 for 70%",
                         hint_zh="贷款占车价的比例，例如 70% 写 0.7")
    fee = parse_amount(service_fee, field="service_fee")
    amount = float(round_fen(cost * ratio))
    schedule = amortize(amount, annual_rate, months)
    payments = schedule.payment
    upfront = fee
    if fee_in_installments and fee:
        n = schedule.months
        part = _half_up_div(int(round(fee * 100)), n)
        extra = np.full(n, part, dtype=np.int64)
        extra[-1] = int(round(fee * 100)) - part * (n - 1)
        payments = (np.rint(payments * 100).astype(np.int64) + extra) / 100
        upfront = 0.0
    label = name or f"car loan {ratio * 100:g}% × {months} months at {annual_rate * 100:g}%"
    return Offer(label, amount, tuple(float(x) for x in payments), upfront,
                 f"service fee {fee:,.2f}" if fee else "")


@dataclass(frozen=True, slots=True)
class OfferComparison:
    """Several offers side by side, cheapest true rate first."""

    offers: tuple[Offer, ...]
    results: tuple[AprResult, ...]

    headers = ("name", "amount", "months", "first_payment", "upfront_fee", "total_cost",
               "apr", "effective_rate", "simple_rate")

    def rows(self) -> list[list[Any]]:
        """One row per offer in ``headers`` order."""
        return [[o.name, o.amount, r.months, o.payments[0], o.upfront_fee, r.total_cost, r.apr,
                 r.effective_rate, r.simple_rate] for o, r in zip(self.offers, self.results)]

    def to_dict(self) -> dict[str, Any]:
        """The rows as a list of dicts, JSON-ready."""
        return {"offers": [dict(zip(self.headers, row)) for row in self.rows()]}


def compare_offers(offers: Iterable[Offer]) -> OfferComparison:
    """True annual rates of several offers, sorted from cheapest.

    >>> c = compare_offers([installment_offer(12_000, 12, 0.0075), installment_offer(12_000, 12, 0.006)])
    >>> [round(r.apr, 4) for r in c.results]
    [0.1303, 0.1622]
    """
    items = list(offers)
    if not items:
        raise InputError("offers", items, "give at least one offer", hint_zh="请至少给出一个方案")
    results = [apr(o.amount, list(o.payments), fees=o.upfront_fee) for o in items]
    order = sorted(range(len(items)), key=lambda i: results[i].apr)
    return OfferComparison(tuple(items[i] for i in order), tuple(results[i] for i in order))

"""Repayment schedules (还款计划): :func:`amortize` and its :class:`Schedule`.

Every schedule is rounded to the fen per period as Chinese banks do (docs/rules/loans.md#equal-installment and docs/rules/loans.md#equal-principal): the installment and each month's interest are rounded half-up,
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
from dataclasses import dataclass, field
from typing import Any, Iterable, Mapping, Sequence

import numpy as np
from numpy.typing import NDArray

from .. import _validate
from .._validate import AmountLike, DateLike, RateLike
from ..errors import InputError
from ..results import fields_dict, jsonable
from ._checks import (_DAY_DEN, _MONTH_DEN, _RATE_SCALE, MAX_PRINCIPAL, MIN_PREPAYMENT, _check_months,
                      _check_principal, _check_rate, _enum)
from ._engine import _annuity_fen, _dates_list, _due_dates, _Event, _fen_sum, _half_up_div, _run
from .events import _METHOD_CODES, Method, Prepayment, PrepaymentMode, RateChange, Repricing, parse_method
from .lpr import LprPath, lpr_rate_changes

__all__ = ["Schedule", "amortize"]


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

    @property
    def payment_after_prepayment(self) -> float | None:
        """The installment after the last prepayment (None without one, or when it paid the loan off)."""
        prepaid = self.prepaid.nonzero()[0]
        if prepaid.size and prepaid[-1] + 1 < self.months:
            return float(self.payment[prepaid[-1] + 1])
        return None

    @property
    def last_rate(self) -> float | None:
        """The annual rate of the last installment when it differs from the loan's rate (repriced or
        changed), else None."""
        if self.months and round(float(self.rate[-1]), 7) != round(self.annual_rate, 7):
            return float(self.rate[-1])
        return None

    def summary(self) -> dict[str, Any]:
        """The scalar fields (and the last payment and payoff date) as a JSON-ready dict.

        ``payment_after_prepayment`` and ``last_rate`` are added when they apply.
        """
        data = fields_dict(self, exclude=_COLUMNS)
        data["last_payment"] = self.last_payment
        data["payoff_date"] = jsonable(self.payoff_date)
        out = {key: data[key] for key in _SUMMARY_ORDER}
        for key in ("payment_after_prepayment", "last_rate"):
            value = getattr(self, key)
            if value is not None:
                out[key] = value
        return out

    def to_dict(self, *, schedule: bool = True, by_year: bool = False) -> dict[str, Any]:
        """The summary, then (with ``by_year``) the yearly totals and (with ``schedule``) every
        installment with every column, JSON-ready.

        >>> d = amortize(12_000, 0.05, 12).to_dict(by_year=True)
        >>> d["by_year"][0]["interest"], len(d["schedule"])
        (327.47, 12)
        """
        data = self.summary()
        if by_year:
            data["by_year"] = [dict(zip(self.by_year_headers, row)) for row in self.by_year()]
        if schedule:
            columns = [jsonable(getattr(self, name)) for name in _COLUMNS]
            data["schedule"] = [dict(zip(_COLUMNS, row)) for row in zip(*columns)]
        return data

_COLUMNS = ("period", "date", "payment", "principal", "interest", "balance", "rate", "prepaid", "penalty")
_SUMMARY_ORDER = ("loan_amount", "annual_rate", "method", "term_months", "start", "first_payment", "last_payment",
                  "months", "total_interest", "total_penalty", "total_paid", "interest_saved", "payoff_date")


def _events_list(values: Iterable[Any] | None, kind: type, field_name: str) -> list[Any]:
    out: list[Any] = []
    slots = ", ".join(getattr(kind, "__slots__", ()))
    for value in values or ():
        if isinstance(value, kind):
            out.append(value)
        elif isinstance(value, Mapping):
            try:
                out.append(kind(**value))
            except TypeError:
                raise InputError(field_name, value, code="loans.event_format",
                                 params={"kind": kind.__name__, "slots": slots}) from None
        elif isinstance(value, (tuple, list)):
            try:
                out.append(kind(*value))
            except TypeError:
                raise InputError(field_name, value, code="loans.event_format",
                                 params={"kind": kind.__name__, "slots": slots}) from None
        else:
            raise InputError(field_name, value, code="loans.event_type", params={"kind": kind.__name__})
    return out


def _on_or_before(at: _dt.date | int, day: _dt.date) -> bool:
    return not isinstance(at, _dt.date) or at <= day


def _in_order(items: list[Any], field_name: str, start: _dt.date | None, due: list[_dt.date] | None,
              months: int, *, rate: bool) -> list[tuple[int, Any]]:
    """(period, event) pairs, refusing events out of date order."""
    out: list[tuple[int, Any]] = []
    for item in items:
        k = _period_of(item.at, field_name, start, due, months, rate=rate)
        if out and k < out[-1][0]:
            raise InputError(field_name, item.at, code="loans.events_order",
                             params={"what": field_name, "what_en": field_name.replace("_", " ")})
        out.append((k, item))
    return out


def _period_of(at: Any, field_name: str, start: _dt.date | None, due: list[_dt.date] | None,
               months: int, *, rate: bool) -> int:
    """The period a rate change applies from, or the installment a prepayment follows."""
    if isinstance(at, (bool, np.bool_)):
        raise InputError(field_name, at, code="loans.event_at")
    if isinstance(at, (int, np.integer)):
        if not 1 <= at <= months:
            raise InputError(field_name, at, code="loans.event_period", params={"months": months})
        return int(at)
    day = _validate.date(at, field_name)
    if start is None or due is None:
        raise InputError("start", None, code="loans.dated_needs_start", params={"what": field_name})
    if day < start:
        raise InputError(field_name, day.isoformat(), code="loans.event_before_start", params={"start": start})
    if rate:
        starts = [start] + due[:-1]
        for k, begin in enumerate(starts, 1):
            if begin >= day:
                return k
        raise InputError(field_name, day.isoformat(), code="loans.rate_change_late", params={"begins": starts[-1]})
    for k, d in enumerate(due, 1):
        if d >= day:
            return k
    raise InputError(field_name, day.isoformat(), code="loans.prepay_late", params={"last": due[-1]})


def amortize(
    principal: AmountLike,
    annual_rate: RateLike,
    months: int | float,
    *,
    method: Method | str = Method.EQUAL_INSTALLMENT,
    start: DateLike | None = None,
    payment_day: int | None = None,
    rate_changes: Sequence[RateChange | tuple[Any, ...] | Mapping[str, Any]] = (),
    prepayments: Sequence[Prepayment | tuple[Any, ...] | Mapping[str, Any]] = (),
    lpr_path: LprPath | None = None,
    lpr_spread: RateLike | None = None,
    repricing: Repricing | str = Repricing.JANUARY,
    min_prepayment: AmountLike = MIN_PREPAYMENT,
) -> Schedule:
    """The repayment schedule of a loan, rounded to the fen as banks do.

    Parameters
    ----------
    principal : loan amount, yuan (positive).
    annual_rate : contract annual rate as a fraction (0.049 for 4.9 %).
    months : term in whole months (360 for 30 years; 360.0 is accepted, 360.5 refused).
    method : 'equal_installment' (等额本息), 'equal_principal' (等额本金) or
        'interest_only' (先息后本); '-' may replace '_'.
    start : drawdown date (放款日). Needed for dates and for events given by date.
    payment_day : day of the month installments fall due; default the start's
        day. When it differs, the first installment falls on that day of the
        month after drawdown and its interest counts the actual days at
        annual/360 (docs/rules/loans.md#first-period).
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
        usual minimum of large banks for 个人住房贷款 — bank-specific, docs/rules/loans.md#prepayment [unconfirmed]; a provident centre asking for "N months'
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
    Equal installment (docs/rules/loans.md#equal-installment): ``M = round(P·r(1+r)^n / ((1+r)^n − 1))``
    with ``r = annual_rate/12``; each month ``interest = round(balance·r)``,
    ``principal = M − interest``; the last month pays the remaining balance.
    Equal principal (docs/rules/loans.md#equal-principal): ``principal = round(P/n)``, the last month the
    rest. Rounding is half-up to the fen, exact (integer fen, rates on a grid
    of 1e-7). A prepayment goes with an installment; interest between the due
    date and a prepayment date in between is not modelled.

    Any allowed prepayment lowers the total interest, to the fen ('shorten'
    keeps the installment, so every later balance is lower). 'reduce' rounds
    a new installment, which moves the rounding residue: with
    ``min_prepayment=0`` a prepayment of a few yuan can *raise* the total by
    some fen or yuan (1 yuan on the 30-year 4.9 % loan after 12 installments:
    +0.62). From 10,000 yuan the saving dominates that residue for any rate
    from 0.01 % and term up to 600 months (tests/loans/test_schedule.py checks it).

    References
    ----------
    docs/rules/rounding.md#loan-day-count, docs/rules/loans.md#equal-installment, docs/rules/loans.md#equal-principal and docs/rules/loans.md#first-period, docs/rules/loans.md#prepayment, docs/rules/lpr.md#repricing.

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
    try:  # a number of yuan (text such as "1万" is refused: the option parser reads it)
        yuan = _validate.number(value, "min_prepayment", low=0, high=MAX_PRINCIPAL)
    except InputError:
        raise InputError("min_prepayment", value, code="loans.min_prepayment") from None
    return int(round(yuan * 100))


def _amortize(principal: Any, annual_rate: Any, months: Any, *, method: Any, start: Any, payment_day: Any,
              rate_changes: Any, prepayments: Any, lpr_path: Any, lpr_spread: Any, repricing: Any,
              baseline: bool, min_prepayment: Any = MIN_PREPAYMENT) -> Schedule:
    p_fen = _check_principal(principal)
    num = _check_rate(annual_rate)
    n = _check_months(months)
    kind = parse_method(method)
    begin = None if start is None else _validate.date(start, "start")
    if payment_day is not None:
        payment_day = _validate.whole(payment_day, "payment_day", low=1, high=31, unit="days", example=15)
        if begin is None:
            raise InputError("start", None, code="loans.payment_day_needs_start")
    day = payment_day if payment_day is not None else (begin.day if begin else None)
    due = _due_dates(begin, n, day) if begin is not None and day is not None else None

    events = _Event()
    changes = _events_list(rate_changes, RateChange, "rate_changes")
    if lpr_spread is not None or lpr_path is not None:
        if begin is None or due is None:
            raise InputError("start", None, code="loans.lpr_needs_start")
        if lpr_path is None or lpr_spread is None:
            raise InputError("lpr_path" if lpr_path is None else "lpr_spread", None, code="loans.lpr_both")
        last_begin = ([begin] + due[:-1])[-1]  # a repricing inside the last period changes nothing
        changes += [c for c in lpr_rate_changes(begin, n, spread=lpr_spread, lpr_path=lpr_path,
                                                repricing=repricing) if _on_or_before(c.at, last_begin)]
        changes.sort(key=lambda c: _period_of(c.at, "rate_changes", begin, due, n, rate=True))
    for k, change in _in_order(changes, "rate_changes", begin, due, n, rate=True):
        events.rates[k] = _check_rate(change.annual_rate, "rate_changes")
    num = events.rates.pop(1, num)  # a change from period 1 is the loan's own rate
    if begin is not None and due is not None and day != begin.day:
        # the first period's actual days at annual/360 (docs/rules/loans.md#first-period)
        events.first_interest = _half_up_div(p_fen * num * (due[0] - begin).days, _DAY_DEN)

    items = _events_list(prepayments, Prepayment, "prepayments")
    if items:
        events.min_prepay = _check_min_prepayment(min_prepayment)
    for k, item in _in_order(items, "prepayments", begin, due, n, rate=False):
        mode = _enum(PrepaymentMode, item.mode, "prepayments")
        amount = None if mode is PrepaymentMode.FULL else _check_principal(item.amount, "prepayments")
        pen_rate = _validate.rate(item.penalty_rate, "prepayments")
        try:
            pen_months = _validate.number(item.penalty_months, "prepayments", low=0, high=12)
        except InputError:
            raise InputError("prepayments", item.penalty_months, code="loans.penalty_months") from None
        events.prepay.setdefault(k, []).append((amount, mode, pen_rate, pen_months))

    out = _run(np.array([p_fen]), np.array([num]), np.array([n]),
               np.array([_METHOD_CODES[kind]]), full=True, events=events)
    used = int(out["months"][0])
    late = [k for k in events.prepay if k > used]
    if late:
        raise InputError("prepayments", f"installment {late[0]}", code="loans.prepay_after_early_payoff",
                         params={"used": used})
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


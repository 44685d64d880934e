"""The exact integer engine under every schedule: fen balances, rates on a 1e-7 grid.

:func:`_run` steps many loans at once, one numpy step per period; a single
loan's rate changes and prepayments come in an :class:`_Event`.
"""

from __future__ import annotations

import datetime as _dt
import math
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from numpy.typing import ArrayLike, NDArray

from ..dates import add_months
from ..errors import InputError
from ..money import round_fen
from ._checks import _MONTH_DEN, _RATE_SCALE
from .events import PrepaymentMode


def _dates_list(dates: NDArray[np.datetime64]) -> list[_dt.date | None]:
    return [None if np.isnat(d) else d.astype(_dt.date) for d in dates]


def _fen_sum(values: ArrayLike) -> float:
    """Sum of amounts to the fen, exact (sums integer fen)."""
    fen = np.rint(np.asarray(values, dtype=np.float64) * 100).astype(np.int64)
    return int(fen.sum()) / 100


def _due_dates(start: _dt.date, months: int, payment_day: int) -> list[_dt.date]:
    """Due dates 1..months: ``payment_day`` of each month from the month after drawdown."""
    return [add_months(start, k, day_of_month=payment_day) for k in range(1, months + 1)]


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
    """Months to repay ``balance`` at ``payment`` (docs/rules/loans.md#prepayment), None if it never does."""
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
    names: tuple[str, ...] = ("payment", "principal", "interest", "balance")
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
    out: dict[str, NDArray[Any]] = {
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
            raise InputError("prepayments", f"period {k}", code="loans.prepay_after_payoff",
                             params={"last": min(last_period, k)})
        if mode is PrepaymentMode.FULL:
            amount_fen = bal
        if amount_fen > bal:
            raise InputError("prepayments", amount_fen / 100, code="loans.prepay_above_balance",
                             params={"balance": f"{bal / 100:,.2f}", "k": k})
        if amount_fen < min_fen and amount_fen != bal:
            raise InputError("prepayments", amount_fen / 100, code="loans.prepay_below_minimum",
                             params={"minimum": f"{min_fen / 100:,.2f}", "balance": f"{bal / 100:,.2f}",
                                     "k": k, "option": "min_prepayment"})
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


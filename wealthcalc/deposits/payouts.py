"""Deposits paying out during the term: 存本取息, 整存零取 and 大额存单 (docs/rules/deposits.md#lump-sum-installment-withdrawals, docs/rules/deposits.md#keep-principal-draw-interest, docs/rules/deposits.md#large-certificates-of-deposit).

>>> print(f"{large_cd(200_000, 0.0125, 36).interest:.2f}")
7500.00
"""

from __future__ import annotations

from typing import Any

from .._validate import AmountLike, DateLike, RateLike
from ..errors import InputError
from ._checks import _amount, _day_count, _minimum, _rate, _term
from ._fen import _interest_fen
from .ledger import (_balance_interest_fen, _books, _Clock, _day_interest, _demand_rate, _early, _interval,
                     _Ledger, _Point)
from .results import DepositResult
from .terms import INSTALLMENT_TERMS, LARGE_CD_TERMS, PAYOUT_INTERVALS, WITHDRAWAL_INTERVALS, DayCount

__all__ = ["interest_payout", "large_cd", "lump_withdrawal"]


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
    amount: AmountLike,
    annual_rate: RateLike,
    months: int,
    *,
    interval_months: int = 1,
    start: DateLike | None = None,
    withdraw_on: DateLike | int | None = None,
    demand_rate: RateLike | None = None,
    tax: RateLike | None = None,
    day_count: DayCount | str = DayCount.THIRTY_360,
    minimum: AmountLike | None = None,
) -> DepositResult:
    """存本取息: keep the principal, draw the interest periodically (docs/rules/deposits.md#keep-principal-draw-interest).

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
    interval = _interval(interval_months, months, PAYOUT_INTERVALS)
    clock, ledger = _books(start, _day_count(day_count), tax)
    withdraw = _early(clock, withdraw_on, months)
    return _coupon_deposit("interest_payout", amount_fen, rate, months, interval, clock, ledger,
                           withdraw, demand_rate)


def lump_withdrawal(
    amount: AmountLike,
    annual_rate: RateLike,
    months: int,
    *,
    interval_months: int = 1,
    start: DateLike | None = None,
    withdraw_on: DateLike | int | None = None,
    demand_rate: RateLike | None = None,
    tax: RateLike | None = None,
    day_count: DayCount | str = DayCount.THIRTY_360,
    minimum: AmountLike | None = None,
) -> DepositResult:
    """整存零取: lump sum in, principal drawn every 1, 3 or 6 months (docs/rules/deposits.md#lump-sum-installment-withdrawals).

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


def large_cd(
    amount: AmountLike,
    annual_rate: RateLike,
    months: int,
    *,
    coupon_months: int | None = None,
    start: DateLike | None = None,
    withdraw_on: DateLike | int | None = None,
    early_rate: RateLike | None = None,
    tax: RateLike | None = None,
    day_count: DayCount | str = DayCount.THIRTY_360,
    minimum: AmountLike | None = None,
) -> DepositResult:
    """大额存单 large certificate of deposit (docs/rules/deposits.md#large-certificates-of-deposit).

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
    interval = months if coupon_months is None else _interval(coupon_months, months, PAYOUT_INTERVALS)
    if early_rate is not None:
        early_rate = _rate(early_rate, "early_rate")
    elif withdraw is not None:
        raise InputError("early_rate", None, code="deposits.early_rate_missing")
    return _coupon_deposit("large_cd", amount_fen, rate, months, interval, clock, ledger, withdraw,
                           early_rate)


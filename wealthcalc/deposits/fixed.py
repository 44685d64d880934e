"""整存整取 lump-sum fixed deposits and 零存整取 installment savings (docs/rules/deposits.md#lump-sum-fixed-deposit, docs/rules/deposits.md#installment-savings).

>>> print(f"{fixed(10_000, 0.0324, 36).interest:.2f}")
972.00
"""

from __future__ import annotations

from typing import Any

from .. import _validate
from .._validate import AmountLike, DateLike, RateLike
from ..errors import InputError
from ._checks import _amount, _day_count, _minimum, _rate, _term
from ._fen import MAX_MONTHS, _interest_fen, _to_fen
from .ledger import _balance_interest_fen, _books, _day_interest, _demand_rate, _early, _Ledger, _Point
from .results import DepositResult
from .terms import FIXED_TERMS, INSTALLMENT_TERMS, DayCount
from .vectorized import fixed_maturity_fen, installment_interest

__all__ = ["fixed", "installment"]


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


def _partial(ledger: _Ledger, partial: Any, amount_fen: int, min_amount: float | None, withdraw: _Point | None,
             months: int, demand_rate: Any) -> int:
    """部分提前支取 (once, before maturity, at the 活期 rate); returns the balance left (fen)."""
    clock = ledger.clock
    part_fen = _amount(partial, "partial")
    if withdraw is None or not clock.before(withdraw, clock.months(months)):
        raise InputError("partial", partial, code="deposits.partial_early")
    if part_fen >= amount_fen:
        raise InputError("partial", partial, code="deposits.partial_whole",
                         params={"amount": f"{amount_fen / 100:,.2f}"})
    if min_amount is not None and amount_fen - part_fen < round(min_amount * 100):
        raise InputError("partial", partial, code="deposits.partial_rest",
                         params={"minimum": f"{min_amount:,.2f}"})
    net = _day_interest(ledger, "partial withdrawal", clock.months(0), withdraw, part_fen,
                        _demand_rate(demand_rate))
    ledger.flow(withdraw, "partial withdrawal", part_fen + net)
    return amount_fen - part_fen


def fixed(
    amount: AmountLike,
    annual_rate: RateLike,
    months: int,
    *,
    start: DateLike | None = None,
    withdraw_on: DateLike | int | None = None,
    partial: AmountLike | None = None,
    rollovers: int = 0,
    demand_rate: RateLike | None = None,
    tax: RateLike | None = None,
    day_count: DayCount | str = DayCount.THIRTY_360,
    minimum: AmountLike | None = None,
) -> DepositResult:
    """整存整取 lump-sum fixed deposit (docs/rules/deposits.md#lump-sum-fixed-deposit).

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
    try:
        rollovers = _validate.whole(rollovers, "rollovers", low=0, high=MAX_MONTHS // months - 1)
    except InputError:
        raise InputError("rollovers", rollovers, code="deposits.rollovers",
                         params={"high": MAX_MONTHS // months - 1, "months": MAX_MONTHS}) from None
    clock, ledger = _books(start, _day_count(day_count), tax)
    withdraw = None if withdraw_on is None else clock.point(withdraw_on)
    ledger.flow(clock.months(0), "deposit", -amount_fen)
    value_fen = amount_fen
    if partial is not None:
        value_fen = _partial(ledger, partial, amount_fen, min_amount, withdraw, months, demand_rate)
        withdraw = None
    payout, end = _fixed_terms(ledger, value_fen, rate, months, int(rollovers), withdraw, demand_rate)
    at_maturity = end.day == clock.months(months * (int(rollovers) + 1)).day
    ledger.flow(end, "maturity" if at_maturity else "withdrawal", payout)
    return ledger.result("fixed", amount_fen, rate, end)


# ---------------------------------------------------------------- 零存整取


def installment(
    monthly: AmountLike,
    annual_rate: RateLike,
    months: int,
    *,
    start: DateLike | None = None,
    withdraw_on: DateLike | int | None = None,
    demand_rate: RateLike | None = None,
    tax: RateLike | None = None,
    day_count: DayCount | str = DayCount.THIRTY_360,
    minimum: AmountLike | None = None,
) -> DepositResult:
    """零存整取 monthly installment savings (docs/rules/deposits.md#installment-savings).

    Parameters
    ----------
    monthly : yuan deposited every month, the first on ``start``.
    annual_rate : the 零存整取 rate of the term on the opening day.
    months : 12, 36 or 60 (that many installments; maturity one month after
        the last).
    withdraw_on : early withdrawal date (or days after start): every
        installment made so far earns ``demand_rate`` for its days (积数).
    tax : None = by accrual dates over the whole term when ``start`` is
        given (docs/rules/tax.md, allocated by days), else no tax; a float = flat rate.
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


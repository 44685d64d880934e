"""After-fee yields of wealth products, trusts and funds, and a fair comparison.

A quoted yield is not what a customer earns. :func:`wealth_income` takes a
quoted annual rate and removes every fee (management, custody, sales
service, subscription, performance share above a hurdle), the tax, and the
idle days before the money starts and after it stops earning (募集期 at the
demand rate, 到账 days at nothing). It then annualizes the result over all
the days the money is tied up, so products of different terms compare
fairly. :func:`after_fees` does the same for a catalog ``Product``, and
:func:`compare` values every eligible product and the deposit alternatives
of a rate table over one horizon and ranks them by what the customer holds
at its end.

>>> r = wealth_income(100_000, 0.035, 182, raise_days=7, payout_days=3,
...                   demand_rate=0.0035)
>>> r.gross_income, r.idle_income, round(r.net_annual_rate, 6)
(1745.21, 6.81, 0.033307)
"""

from __future__ import annotations

import datetime as _dt
import math
from dataclasses import dataclass, field
from typing import Any, Iterable, Mapping, Sequence

from .errors import InputError
from .money import round_fen

__all__ = [
    "INSURANCE_LIMIT",
    "Comparison",
    "ComparisonRow",
    "YieldResult",
    "after_fees",
    "annualize",
    "check_amount",
    "compare",
    "fund_round_trip",
    "money_fund_income",
    "wealth_income",
]

YEAR_DAYS = 365
"""Days in the year used to annualize every result (net and effective rates)."""

INSURANCE_LIMIT = 500_000.0
"""Deposit insurance cover per depositor per bank, principal and interest (存款保险条例, 2015)."""

_FEE_NAMES = ("subscription", "management", "custody", "sales_service", "performance",
              "purchase", "redemption")


# ---------------------------------------------------------------- results


@dataclass(frozen=True, slots=True)
class YieldResult:
    """What one purchase of a product earns after fees, tax and idle days.

    Amounts are yuan, rounded half-up to the fen; rates are decimal fractions.
    ``days`` earn the product's rate; ``raise_days`` (募集期) earn the demand
    rate; ``payout_days`` (到账) earn nothing. ``net_annual_rate`` is simple
    and ``effective_annual_rate`` compounded, both over ``total_days`` and a
    365-day year.
    """

    amount: float
    days: int
    raise_days: int
    payout_days: int
    annual_rate: float
    gross_income: float
    fees: Mapping[str, float]
    idle_income: float
    deposit_income: float
    tax: float
    net_income: float
    net_amount: float
    net_annual_rate: float
    effective_annual_rate: float

    headers = ("item", "value")

    @property
    def total_days(self) -> int:
        """Days the money is tied up: raise + term + payout."""
        return self.raise_days + self.days + self.payout_days

    @property
    def total_fees(self) -> float:
        """Sum of every fee, to the fen."""
        return round_fen(sum(self.fees.values()))

    def rows(self) -> list[list[Any]]:
        """(item, value) rows: the income and every fee by name."""
        pairs: list[list[Any]] = [
            ["amount", self.amount],
            ["annual_rate", self.annual_rate],
            ["days", self.days],
            ["raise_days", self.raise_days],
            ["payout_days", self.payout_days],
            ["gross_income", self.gross_income],
        ]
        pairs += [[f"{name}_fee", value] for name, value in self.fees.items()]
        pairs += [
            ["idle_income", self.idle_income],
            ["deposit_income", self.deposit_income],
            ["tax", self.tax],
            ["net_income", self.net_income],
            ["net_amount", self.net_amount],
            ["net_annual_rate", self.net_annual_rate],
            ["effective_annual_rate", self.effective_annual_rate],
        ]
        return pairs

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready dict with English snake_case keys."""
        return {
            "amount": self.amount,
            "days": self.days,
            "raise_days": self.raise_days,
            "payout_days": self.payout_days,
            "total_days": self.total_days,
            "annual_rate": self.annual_rate,
            "gross_income": self.gross_income,
            "fees": dict(self.fees),
            "total_fees": self.total_fees,
            "idle_income": self.idle_income,
            "deposit_income": self.deposit_income,
            "tax": self.tax,
            "net_income": self.net_income,
            "net_amount": self.net_amount,
            "net_annual_rate": self.net_annual_rate,
            "effective_annual_rate": self.effective_annual_rate,
        }


# ---------------------------------------------------------------- validation


def _number(value: Any, field_name: str, hint: str) -> float:
    if isinstance(value, bool):
        raise InputError(field_name, value, hint)
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise InputError(field_name, value, hint) from None
    if not math.isfinite(number):
        raise InputError(field_name, value, hint)
    return number


def _amount(value: Any, field_name: str = "amount") -> float:
    number = _number(value, field_name, "an amount is yuan, e.g. 100000")
    if number <= 0:
        raise InputError(field_name, value, "an amount must be more than 0 yuan")
    return number


def _days(value: Any, field_name: str = "days", minimum: int = 1) -> int:
    hint = f"days is a whole number of days, {minimum} or more"
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value != int(value):
        raise InputError(field_name, value, hint)
    if value < minimum:
        raise InputError(field_name, value, hint)
    return int(value)


def _rate(value: Any, field_name: str, *, allow_negative: bool = False) -> float:
    number = _number(value, field_name, "a rate is a decimal fraction, e.g. 0.035 for 3.5%")
    if abs(number) > 1:
        raise InputError(field_name, value, f"a rate is a decimal fraction: write {number / 100:g} "
                                            f"for {number:g}%")
    if number < 0 and not allow_negative:
        raise InputError(field_name, value, "a rate must not be negative")
    return number


def _fen(amount: float) -> int:
    return int(round(amount * 100))


def _amount_problem(
    amount: float, min_amount: float = 0.0, max_amount: float | None = None, step: float | None = None
) -> tuple[str, dict[str, float]] | None:
    if amount < min_amount:
        return "below_min", {"min_amount": min_amount}
    if max_amount is not None and amount > max_amount:
        return "above_max", {"max_amount": max_amount}
    if step and (_fen(amount) - _fen(min_amount)) % _fen(step):
        return "off_step", {"min_amount": min_amount, "step": step}
    return None


_AMOUNT_HINTS = {
    "below_min": "the minimum is {min_amount:,.2f} yuan",
    "above_max": "the maximum is {max_amount:,.2f} yuan",
    "off_step": "amounts go from {min_amount:,.2f} up in steps of {step:,.2f} yuan",
}


def check_amount(
    amount: float,
    *,
    min_amount: float = 0.0,
    max_amount: float | None = None,
    step: float | None = None,
    product: str | None = None,
) -> float:
    """Check that a product accepts ``amount``; return it as a float.

    Raises
    ------
    InputError
        (field ``amount``) below ``min_amount``, above ``max_amount``, or not
        ``min_amount`` plus a whole number of ``step``.

    Examples
    --------
    >>> check_amount(60_000, min_amount=50_000, step=1_000)
    60000.0
    >>> check_amount(60_500, min_amount=50_000, step=1_000)
    Traceback (most recent call last):
    ...
    wealthcalc.errors.InputError: amount: got 60500.0; amounts go from 50,000.00 up in steps of 1,000.00 yuan
    """
    amount = _amount(amount)
    problem = _amount_problem(amount, min_amount, max_amount, step)
    if problem:
        code, params = problem
        hint = _AMOUNT_HINTS[code].format(**params)
        if product:
            hint = f"product {product!r}: {hint}"
        raise InputError("amount", amount, hint)
    return amount


# ---------------------------------------------------------------- plain-number calculators


def annualize(net_income: float, amount: float, days: int) -> tuple[float, float]:
    """Simple and compounded annual rates of ``net_income`` earned on ``amount`` over ``days``.

    Notes
    -----
    ``simple = net_income / amount × 365 / days`` (rules §6.2, "real annualized
    yield on the investor's cash"); ``effective = (1 + net_income / amount) ^ (365 / days) − 1``.

    Examples
    --------
    >>> [round(x, 6) for x in annualize(1752.02, 100_000, 192)]
    [0.033307, 0.033819]
    """
    amount = _amount(amount)
    days = _days(days)
    growth = net_income / amount
    simple = growth * YEAR_DAYS / days
    effective = (1.0 + growth) ** (YEAR_DAYS / days) - 1.0 if growth > -1 else -1.0
    return simple, effective


def _demand_interest(amount: float, demand_rate: float, days: int, start: _dt.date | None) -> float:
    """Net 活期 interest on ``amount`` for ``days`` (deposits.demand, tax by §4 when dated)."""
    if days <= 0 or demand_rate <= 0 or amount <= 0:
        return 0.0
    from . import deposits

    result = deposits.demand(amount, demand_rate, days=days, start=start)
    return float(result.net_interest)


def _fixed_deposit(amount: float, annual_rate: float, months: int, start: _dt.date | None,
                   rollovers: int = 0) -> Any:
    """A 整存整取 deposit (deposits.fixed): its DepositResult."""
    from . import deposits

    return deposits.fixed(amount, annual_rate, months, start=start, rollovers=rollovers)


def _result(amount, days, raise_days, payout_days, annual_rate, gross, fees, idle, deposit, tax):
    net_income = round_fen(gross - sum(fees.values()) - tax + idle + deposit)
    simple, effective = annualize(net_income, amount, raise_days + days + payout_days)
    return YieldResult(
        amount=amount, days=days, raise_days=raise_days, payout_days=payout_days,
        annual_rate=annual_rate, gross_income=gross, fees=fees, idle_income=idle,
        deposit_income=deposit, tax=tax, net_income=net_income,
        net_amount=round_fen(amount + net_income), net_annual_rate=simple,
        effective_annual_rate=effective,
    )


def wealth_income(
    amount: float,
    annual_rate: float,
    days: int,
    *,
    day_count: int = 365,
    accrual_years: float | None = None,
    management_fee: float = 0.0,
    custody_fee: float = 0.0,
    sales_service_fee: float = 0.0,
    subscription_fee: float = 0.0,
    performance_share: float = 0.0,
    performance_hurdle: float | None = None,
    tax_rate: float = 0.0,
    raise_days: int = 0,
    payout_days: int = 0,
    demand_rate: float = 0.0,
    deposit_share: float = 0.0,
    deposit_rate: float = 0.0,
    deposit_months: int = 0,
    start_date: _dt.date | None = None,
) -> YieldResult:
    """Income of a wealth product (理财) or trust after fees, tax and idle days.

    Parameters
    ----------
    amount : yuan the customer puts in (product plus any bundled deposit).
    annual_rate : the product's annual rate *before* the fees passed here
        (pass no fees when the quoted rate is already net of them).
    days : days from the value date (起息日) to maturity, start in, end out.
    day_count : 365 or 360, the product's yield basis (rules §6.2).
    accrual_years : accrue ``annual_rate × accrual_years`` instead of
        ``days / day_count`` (trust terms quoted in years, rules §7 TR-3).
    management_fee, custody_fee, sales_service_fee : annual fee rates
        accrued over the term on the invested principal (rules §6.3).
    subscription_fee : 认购费 rate, taken from ``amount`` up front.
    performance_share, performance_hurdle : share of the return above the
        hurdle rate taken as 超额业绩报酬 (rules §6.3, W-5, W-6).
    tax_rate : tax on the product's income after fees.
    raise_days : 募集期 days earning ``demand_rate`` before the value date.
    payout_days : days from maturity to the money's arrival (到账), earning nothing.
    deposit_share : part of ``amount`` that must sit in a bundled 整存整取
        deposit (搭配存款) of ``deposit_months`` at ``deposit_rate`` (rules §6.4).
    start_date : day the money is handed over; dates the demand and deposit
        interest for the interest tax of rules §4.

    Returns
    -------
    YieldResult

    Raises
    ------
    InputError
        a negative amount, rate or fee, a fee rate above 1, a bad day count.

    Notes
    -----
    Each amount is rounded half-up to the fen (rules §1.1)::

        gross       = P × annual_rate × days / day_count
        fee_i       = P × fee_rate_i × days / day_count            (fixed fees)
        performance = share × max(0, P + gross − Σfee_i − P × (1 + hurdle × days / day_count))
        tax         = tax_rate × (gross − Σfee_i − performance)
        net_income  = gross − fees − tax + raise-period 活期 interest + bundled deposit interest
        net_annual_rate = net_income / amount × 365 / (raise_days + days + payout_days)

    where P is the invested principal (``amount`` less the bundled deposit and
    the subscription fee). The performance fee is the published contract
    formula H = [J + K − L(1 + M·N/365)] × P of rules §6.3.

    References
    ----------
    Rules §6.2 (W-1 … W-3), §6.3 (W-4 … W-6), §6.4 (W-7, W-8), §7 (TR-1 … TR-3).

    Examples
    --------
    A 182-day 理财 at 3.5 % on 100,000 yuan pays 1,745.21 (W-1):

    >>> wealth_income(100_000, 0.035, 182).net_income
    1745.21

    A 4 % portfolio with 0.63 % of yearly fees and half of the return above
    3.2 % taken as performance fee leaves the investor 3.285 % (W-5):

    >>> r = wealth_income(100_000, 0.04, 365, management_fee=0.003, custody_fee=0.0003,
    ...                   sales_service_fee=0.003, performance_share=0.5,
    ...                   performance_hurdle=0.032)
    >>> r.fees["performance"], round(r.net_annual_rate, 5)
    (85.0, 0.03285)
    """
    amount = _amount(amount)
    annual_rate = _rate(annual_rate, "annual_rate", allow_negative=True)
    days = _days(days)
    if day_count not in (360, 365):
        raise InputError("day_count", day_count, "the yield basis is 365 or 360 days")
    rates = {
        "management": _rate(management_fee, "management_fee"),
        "custody": _rate(custody_fee, "custody_fee"),
        "sales_service": _rate(sales_service_fee, "sales_service_fee"),
    }
    subscription_fee = _rate(subscription_fee, "subscription_fee")
    performance_share = _rate(performance_share, "performance_share")
    tax_rate = _rate(tax_rate, "tax_rate")
    deposit_share = _rate(deposit_share, "deposit_share")
    raise_days = _days(raise_days, "raise_days", 0)
    payout_days = _days(payout_days, "payout_days", 0)
    if deposit_share >= 1:
        raise InputError("deposit_share", deposit_share, "the bundled deposit is a part of the amount, below 1")
    if accrual_years is None:
        years = days / day_count
    else:
        years = _number(accrual_years, "accrual_years", "the term in years, e.g. 1.5")
        if years <= 0:
            raise InputError("accrual_years", accrual_years, "the term in years must be positive")

    deposit_part = round_fen(amount * deposit_share) if deposit_share else 0.0
    outlay = round_fen(amount - deposit_part)  # goes into the product
    subscription = round_fen(outlay * subscription_fee)
    principal = round_fen(outlay - subscription)

    gross = round_fen(principal * annual_rate * years)
    fees = {"subscription": subscription}
    fees.update({name: round_fen(principal * rate * years) for name, rate in rates.items()})
    fixed_fees = sum(v for k, v in fees.items() if k != "subscription")
    performance = 0.0
    if performance_share and performance_hurdle is not None:
        hurdle = _rate(performance_hurdle, "performance_hurdle", allow_negative=True)
        excess = principal + gross - fixed_fees - principal * (1.0 + hurdle * years)
        performance = round_fen(max(0.0, excess) * performance_share)
    fees["performance"] = performance
    fees = {name: value for name, value in fees.items() if value}
    taxable = gross - fixed_fees - performance
    tax = round_fen(max(0.0, taxable) * tax_rate)

    idle = _demand_interest(amount, _rate(demand_rate, "demand_rate"), raise_days, start_date)
    deposit = 0.0
    if deposit_part:
        if _days(deposit_months, "deposit_months") and deposit_rate:
            value_date = start_date + _dt.timedelta(days=raise_days) if start_date else None
            result = _fixed_deposit(deposit_part, _rate(deposit_rate, "deposit_rate"),
                                    deposit_months, value_date)
            deposit = float(result.net_interest)
    return _result(amount, days, raise_days, payout_days, annual_rate, gross, fees, idle, deposit, tax)


def money_fund_income(
    amount: float,
    seven_day_yield: float,
    days: int,
    *,
    raise_days: int = 0,
    payout_days: int = 1,
) -> YieldResult:
    """Income of a money-market fund (货币基金) held ``days`` at its seven-day yield.

    The seven-day annualized yield (七日年化收益率) is published net of the
    fund's fees, with daily income reinvested, so income compounds:
    ``amount × ((1 + y) ^ (days / 365) − 1)``, rounded to the fen. Redemptions
    arrive after ``payout_days`` (T+1 by default), earning nothing.

    Examples
    --------
    >>> r = money_fund_income(100_000, 0.015, 365, payout_days=0)
    >>> r.net_income, round(r.net_annual_rate, 4)
    (1500.0, 0.015)
    """
    amount = _amount(amount)
    seven_day_yield = _rate(seven_day_yield, "seven_day_yield", allow_negative=True)
    days = _days(days)
    raise_days = _days(raise_days, "raise_days", 0)
    payout_days = _days(payout_days, "payout_days", 0)
    gross = round_fen(amount * ((1.0 + seven_day_yield) ** (days / YEAR_DAYS) - 1.0))
    return _result(amount, days, raise_days, payout_days, seven_day_yield, gross, {}, 0.0, 0.0, 0.0)


def _tier_rate(tiers: Sequence[Sequence[float]], x: float) -> float:
    """The rate of the last tier whose lower bound is ≤ x (tiers sorted by bound)."""
    rate = 0.0
    for bound, tier_rate in sorted((float(b), float(r)) for b, r in tiers):
        if x >= bound:
            rate = tier_rate
    return rate


def fund_round_trip(
    amount: float,
    days: int,
    *,
    purchase_fee_rate: float = 0.0,
    redemption_tiers: Sequence[Sequence[float]] = (),
    annual_return: float = 0.0,
    nav: float = 1.0,
    payout_days: int = 0,
) -> YieldResult:
    """Buy a fund with ``amount``, hold ``days``, redeem: what is left after fees.

    Funds promise no yield, so the NAV path is an assumption: it grows by
    ``annual_return × days / 365`` (0 by default, which shows what the fees
    alone cost). The purchase fee is taken 外扣法 and the redemption fee by
    holding period via :mod:`wealthcalc.dca` (rules §8.2, §8.3).

    Parameters
    ----------
    redemption_tiers : ((min_days_held, rate), ...), e.g. ((0, 0.015), (7, 0.005), (180, 0)).

    Examples
    --------
    10,000 yuan at a 1.5 % purchase fee, redeemed within 7 days at 1.5 %,
    NAV unchanged (F-1, F-6):

    >>> r = fund_round_trip(10_000, 5, purchase_fee_rate=0.015, redemption_tiers=((0, 0.015),))
    >>> r.fees["purchase"], r.fees["redemption"], r.net_amount
    (147.78, 147.78, 9704.44)
    """
    from . import dca

    amount = _amount(amount)
    days = _days(days)
    purchase_fee_rate = _rate(purchase_fee_rate, "purchase_fee_rate")
    annual_return = _rate(annual_return, "annual_return", allow_negative=True)
    payout_days = _days(payout_days, "payout_days", 0)
    bought = dca.purchase(amount, nav, fee_rate=purchase_fee_rate)
    end_nav = nav * (1.0 + annual_return * days / YEAR_DAYS)
    redemption_rate = _tier_rate(redemption_tiers, days) if redemption_tiers else 0.0
    sold = dca.redeem(bought.shares, end_nav, fee_rate=redemption_rate)
    fees = {"purchase": float(bought.fee), "redemption": float(sold.fee)}
    gross = round_fen(float(sold.gross) - (amount - float(bought.fee)))
    fees = {k: v for k, v in fees.items() if v}
    return _result(amount, days, 0, payout_days, annual_return, gross, fees, 0.0, 0.0, 0.0)


# ---------------------------------------------------------------- catalog products


def _term_and_rate(product: Any, days: int | None) -> tuple[int, float, float | None]:
    """(term days, annual rate, accrual years or None) of ``product`` held ``days``.

    A product with rate tiers by term (trusts, rules §7) takes the tier whose
    term matches ``days``; a fixed-term product refuses other holding periods.
    """
    tiers = _term_tiers(product)
    if tiers:
        if days is None:
            term_days, rate, years = tiers[0]
            return term_days, rate, years
        for term_days, rate, years in tiers:
            if term_days == days:
                return term_days, rate, years
        offered = ", ".join(str(t[0]) for t in tiers)
        raise InputError("days", days, f"product {product.id!r} offers terms of {offered} days")
    term = product.term_days
    if term is None:
        if days is None:
            raise InputError("days", None, f"product {product.id!r} is open-ended: say how many days you hold it")
        return _days(days), product.rate, None
    if days is not None and _days(days) != term:
        raise InputError("days", days, f"product {product.id!r} runs {term} days; leave days out or pass {term}")
    return term, product.rate, None

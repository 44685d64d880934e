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
import numbers
import re
from dataclasses import dataclass
from typing import Any, Iterable, Mapping, Sequence

from . import deposits
from .dates import add_months
from .errors import InputError
from .money import parse_amount, parse_rate, round_fen

__all__ = [
    "INSURANCE_LIMIT",
    "NOTES_ZH",
    "Comparison",
    "ComparisonRow",
    "YieldResult",
    "after_fees",
    "annualize",
    "compare",
    "fund_round_trip",
    "money_fund_income",
    "note_text",
    "rate_table_on",
    "wealth_income",
]

YEAR_DAYS = 365
"""Days in the year used to annualize every result (net and effective rates)."""

_DEPOSIT_RISK = 1
"""Risk grade of a deposit alternative: R1, as the catalog grades every deposit product."""

_LATE_HINT_DAYS = 31
"""A product paying back at most this many days after the horizon gets the --days hint."""

INSURANCE_LIMIT = deposits.DEPOSIT_INSURANCE_LIMIT
"""Deposit insurance cover per depositor per bank, principal and interest (存款保险条例, 2015)."""

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


def _amount(value: Any, field_name: str = "amount") -> float:
    return parse_amount(value, field=field_name, allow_zero=False)


_MAX_DAYS = 36_600
"""Longest span accepted (about 100 years), as for a catalog term."""


def _days(value: Any, field_name: str = "days", minimum: int = 1, maximum: int = _MAX_DAYS) -> int:
    hint = f"a whole number of days from {minimum} to {maximum:,}"
    hint_zh = f"请给 {minimum} 到 {maximum:,} 之间的整数天数"
    if isinstance(value, bool) or not isinstance(value, numbers.Real) or not math.isfinite(value):
        raise InputError(field_name, value, hint, hint_zh=hint_zh)
    if value != int(value) or not minimum <= value <= maximum:
        raise InputError(field_name, value, hint, hint_zh=hint_zh)
    return int(value)


def _rate(value: Any, field_name: str, *, allow_negative: bool = False) -> float:
    return parse_rate(value, field=field_name, allow_negative=allow_negative)


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
    [0.033307, 0.033569]
    """
    amount = _amount(amount)
    days = _days(days, maximum=3 * _MAX_DAYS)  # raise + term + payout days
    growth = net_income / amount
    simple = growth * YEAR_DAYS / days
    effective = (1.0 + growth) ** (YEAR_DAYS / days) - 1.0 if growth > -1 else -1.0
    return simple, effective


_UNDATED_START = _dt.date(2025, 12, 21)
"""Reference day for undated 活期 spans: the day after a settlement, in a tax-free period."""


def _demand_interest(amount: float, demand_rate: float, days: int, start: _dt.date | None) -> float:
    """Net 活期 interest on ``amount`` for ``days`` (deposits.demand; tax by §4 when dated)."""
    if days <= 0 or demand_rate <= 0 or amount <= 0:
        return 0.0
    first = start or _UNDATED_START
    result = deposits.demand(amount, demand_rate, start=first, end=first + _dt.timedelta(days=days),
                             tax=None if start else 0.0)
    return float(result.net_interest)


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
        raise InputError("day_count", day_count, "the yield basis is 365 or 360 days",
                         hint_zh="计息基准为一年 365 天或 360 天")
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
        raise InputError("deposit_share", deposit_share, "the bundled deposit is a part of the amount, below 1",
                         hint_zh="搭配存款只是金额的一部分，比例须小于 1")
    if accrual_years is None:
        years = days / day_count
    else:
        hint = "the term in years, more than 0, e.g. 1.5"
        hint_zh = "计息年数须大于 0，例如 1.5"
        if isinstance(accrual_years, bool) or not isinstance(accrual_years, numbers.Real):
            raise InputError("accrual_years", accrual_years, hint, hint_zh=hint_zh)
        years = float(accrual_years)
        if not (math.isfinite(years) and years > 0):
            raise InputError("accrual_years", accrual_years, hint, hint_zh=hint_zh)

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
    if deposit_part and _days(deposit_months, "deposit_months") and deposit_rate:
        value_date = start_date + _dt.timedelta(days=raise_days) if start_date else None
        result = deposits.fixed(deposit_part, _rate(deposit_rate, "deposit_rate"), deposit_months,
                                start=value_date)
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


def fund_round_trip(
    amount: float,
    days: int,
    *,
    purchase_fee_rate: float = 0.0,
    discount: float = 1.0,
    fixed_fee: float | None = None,
    redemption_tiers: Sequence[Sequence[float]] = ((0, 0.0),),
    annual_return: float = 0.0,
    nav: float = 1.0,
    payout_days: int = 0,
) -> YieldResult:
    """Buy a fund with ``amount``, hold ``days``, redeem: what is left after fees.

    Funds promise no yield, so the NAV path is an assumption: it grows by
    ``annual_return × days / 365`` (0 by default, which shows what the fees
    alone cost). The purchase fee (外扣法, with a channel ``discount`` or a
    per-order ``fixed_fee``) and the redemption fee by days held are those of
    :func:`wealthcalc.dca.purchase` and :func:`wealthcalc.dca.redeem`
    (rules §8.2, §8.3).

    Parameters
    ----------
    redemption_tiers : ((min_days_held, rate), ...), e.g. ((0, 0.015), (7, 0.005), (180, 0)).

    Examples
    --------
    10,000 yuan at a 1.5 % purchase fee, redeemed within 7 days at 1.5 %,
    NAV unchanged (F-1, then the 7-day redemption fee of rules §8.3):

    >>> r = fund_round_trip(10_000, 5, purchase_fee_rate=0.015, redemption_tiers=((0, 0.015),))
    >>> r.fees["purchase"], r.fees["redemption"], r.net_amount
    (147.78, 147.78, 9704.44)
    """
    from . import dca

    amount = _amount(amount)
    days = _days(days)
    annual_return = _rate(annual_return, "annual_return", allow_negative=True)
    payout_days = _days(payout_days, "payout_days", 0)
    bought = dca.purchase(amount, purchase_fee_rate, nav, discount=discount, fixed_fee=fixed_fee)
    end_nav = nav * (1.0 + annual_return * days / YEAR_DAYS)
    sold = dca.redeem(bought.shares, end_nav, dca.redemption_rate(days, redemption_tiers))
    fees = {k: v for k, v in (("purchase", bought.fee), ("redemption", sold.fee)) if v}
    gross = round_fen(sold.gross - bought.net)  # the NAV's gain (or loss) on the money invested
    return _result(amount, days, 0, payout_days, annual_return, gross, fees, 0.0, 0.0, 0.0)


# ---------------------------------------------------------------- catalog products


def _term_and_rate(product: Any, amount: float, days: int | None) -> tuple[int, float]:
    """(days held, quoted rate) of ``product`` bought with ``amount`` and held ``days``.

    A product with several terms (rate tiers by term, rules §7) takes the
    term ``days`` names (default: the shortest); a fixed-term product refuses
    other holding periods; an open-ended one needs ``days``.
    """
    terms = product.terms
    if not terms:
        if days is None:
            raise InputError("days", None, f"product {product.id!r} is open-ended: say how many days you hold it",
                             hint_zh=f"产品 {product.id} 没有固定期限：请给出持有天数（--days）")
        days = _days(days)
        return days, product.rate_for(amount)
    if days is None:
        days = terms[0]
    elif _days(days) not in terms:
        offered = ", ".join(str(t) for t in terms)
        raise InputError("days", days, f"product {product.id!r} runs {offered} days; "
                                       "leave days out or pass one of these",
                         hint_zh=f"产品 {product.id} 的期限为 {offered} 天；不填天数，或填其中之一")
    return int(days), product.rate_for(amount, int(days) if product.tiers else None)


def _bought_on(product: Any, start: _dt.date) -> Any:
    """``product`` as bought on ``start`` inside its sale window (募集期).

    A 理财 or trust with a known window pays nothing until its value date,
    ``sale_start + raise_days``: money paid in later waits fewer days. A day
    outside the window raises InputError. Funds (raise_days = confirmation)
    and products without both window dates are returned unchanged.
    """
    window = product.sale_start, product.sale_end
    if str(product.kind) not in ("wealth", "trust") or None in window:
        return product
    sale_start, sale_end = window
    if not sale_start <= start <= sale_end:
        raise InputError("start", start.isoformat(), f"product {product.id!r} was on sale from "
                                                     f"{sale_start.isoformat()} to {sale_end.isoformat()}: "
                                                     "pay in on one of those days",
                         hint_zh=f"产品 {product.id} 的募集期为 {sale_start.isoformat()} 至 "
                                 f"{sale_end.isoformat()}：请在这几天内认购")
    import dataclasses

    value_date = sale_start + _dt.timedelta(days=product.raise_days)
    return dataclasses.replace(product, raise_days=max(0, (value_date - start).days), sale_start=start)


def after_fees(
    product: Any,
    amount: float,
    days: int | None = None,
    start: _dt.date | None = None,
    *,
    demand_rate: float = 0.0,
    annual_return: float = 0.0,
) -> YieldResult:
    """What one purchase of a catalog product earns after fees, tax and idle days.

    A thin adapter: it checks that the product accepts ``amount``, reads the
    product's fields and calls :func:`wealth_income` (理财, trusts),
    :func:`money_fund_income`, :func:`fund_round_trip` or the
    :mod:`wealthcalc.deposits` function of a deposit product.

    Parameters
    ----------
    product : a :class:`wealthcalc.catalog.Product`.
    amount : yuan the customer puts in (for a bundled product, the product
        plus its mandatory deposit).
    days : holding period; needed for open-ended products (funds, money
        funds), chooses the term of a product with rates by term, and must be
        the term (or None) otherwise.
    start : day the money is handed over (default: the product's as_of); it
        dates deposit interest for the interest tax of rules §4. For a 理财 or
        trust with a sale window it must fall inside the window, and money paid
        in later waits fewer 募集期 days (without it: the whole window).
    demand_rate : 活期 rate earned during the raise period (募集期).
    annual_return : assumed NAV growth of a fund that promises no yield.

    Returns
    -------
    YieldResult

    Raises
    ------
    InputError
        ``amount`` below the product's minimum, above its maximum or off its
        step (field ``amount``); ``days`` not a term the product offers, or
        missing for an open-ended product (field ``days``).
        ``start`` outside the product's sale window (field ``start``).

    Examples
    --------
    The 2004 北京国投 trust's one-year tier at 6 % on 500,000 yuan, with 10
    days of raising and 3 days to pay out (378 days away in all):

    >>> from wealthcalc.catalog import load
    >>> r = after_fees(load().get("bjitic-tv-ad-trust-2004"), 500_000, 365)
    >>> r.net_income, r.total_days, round(r.net_annual_rate, 4)
    (30000.0, 378, 0.0579)
    """
    if start is not None:
        product = _bought_on(product, start)
    return _income(product, amount, days, start, demand_rate=demand_rate, annual_return=annual_return)


def _income(product: Any, amount: float, days: int | None, start: _dt.date | None, *,
            demand_rate: float = 0.0, annual_return: float = 0.0) -> YieldResult:
    """after_fees without the sale-window check (compare applies it once per product)."""
    amount = _amount(amount)
    problem = product.check_amount(amount)
    if problem:
        raise InputError("amount", amount, f"product {product.id!r}: {problem}",
                         hint_zh=f"产品 {product.id}：{product.check_amount(amount, 'zh')}")
    start = start or product.as_of
    fees = product.fees
    kind = str(product.kind)
    if kind == "fund":
        if days is None:
            raise InputError("days", None, f"fund {product.id!r} is open-ended: say how many days you hold it",
                             hint_zh=f"基金 {product.id} 没有固定期限：请给出持有天数（--days）")
        tier = fees.front_end_tier(amount)
        return fund_round_trip(
            amount, _days(days),
            purchase_fee_rate=(tier.rate or 0.0) if tier else 0.0,
            discount=fees.channel_discount,
            fixed_fee=tier.fixed_fee if tier else None,
            redemption_tiers=[(t.min_days, t.rate) for t in fees.redemption] or ((0, 0.0),),
            annual_return=annual_return,
            payout_days=product.payout_days,
        )
    held, rate = _term_and_rate(product, amount, days)
    if rate is None:
        raise InputError("rate", None, f"product {product.id!r} quotes no rate: there is nothing to compute; "
                                       "give the catalog entry a rate",
                         hint_zh=f"产品 {product.id} 没有标明收益率，无从计算：请在产品目录里补上收益率")
    if kind == "deposit":
        return _deposit_income(product, amount, held, rate, start, demand_rate)
    if kind == "money_fund":
        return money_fund_income(amount, rate, held, raise_days=product.raise_days,
                                 payout_days=product.payout_days)
    charged = not product.rate_net_of_fees
    bundled = product.bundled_deposit
    return wealth_income(
        amount, rate, held,
        day_count=product.day_count,
        management_fee=fees.management if charged else 0.0,
        custody_fee=fees.custody if charged else 0.0,
        sales_service_fee=fees.sales_service if charged else 0.0,
        subscription_fee=fees.subscription,
        performance_share=fees.performance_share if charged else 0.0,
        performance_hurdle=fees.performance_hurdle,
        tax_rate=product.tax_rate,
        raise_days=product.raise_days,
        payout_days=product.payout_days,
        demand_rate=demand_rate,
        deposit_share=bundled.share if bundled else 0.0,
        deposit_rate=bundled.rate if bundled else 0.0,
        deposit_months=bundled.term_months if bundled else 0,
        start_date=start,
    )


def _deposit_income(product: Any, amount: float, days: int, rate: float, start: _dt.date,
                    demand_rate: float) -> YieldResult:
    """A deposit product valued by its deposits function (interest tax by dates, rules §4)."""
    dtype = product.deposit_type
    if dtype == "fixed":
        result = deposits.fixed(amount, rate, product.term_months, start=start)
    elif dtype == "large_cd":
        result = deposits.large_cd(amount, rate, product.term_months, start=start)
    elif dtype == "demand":
        result = deposits.demand(amount, rate, start=start, end=start + _dt.timedelta(days=days))
    elif dtype == "notice":
        result = deposits.notice(amount, rate, 7, withdraw_on=days, start=start,
                                 demand_rate=demand_rate or None)
    else:
        raise InputError("product", product.id, f"a {dtype} deposit is not a lump sum held to a date; "
                                               "use `wealthcalc deposit` for it",
                         hint_zh="这类存款不是一次存入、到期支取的：请用 `wealthcalc deposit` 计算")
    held = (result.end_date - start).days if result.end_date else days
    return _result(amount, held, 0, product.payout_days, rate, result.interest, {}, 0.0, 0.0, result.tax)


# ---------------------------------------------------------------- comparison

_NOTES_EN = {
    "rolled_over": "rolls over {times}×",
    "demand_rest": "{days} days in a demand deposit at the end",
    "locked_past_horizon": "money back on day {total_days}, {days} days after the horizon: ranked after every "
                           "row that pays back in time (value accrued to the horizon, not withdrawable then)",
    "early_withdrawal": "withdrawn early at the horizon it pays the demand rate only: {value:,.2f}",
    "partly_insured": "{exposed:,.2f} above the 500,000 deposit-insurance cover at one bank",
    "no_promised_yield": "no promised yield: amount shown if the NAV stays unchanged, after fees",
    "tier": "term tier of {term_days} days",
    "below_min": "below the minimum of {min_amount:,.2f}",
    "risk_above": "risk R{risk} above the limit R{max_risk}",
    "after_as_of": "{count} product(s) dated after {as_of} left out",
    "not_accepted": "{en}",
    "error": "{text}",
    "no_rate": "quotes no rate: nothing to compare",
    "not_lump_sum": "a {deposit_type} deposit is not a lump sum held to a date",
    "horizon_too_short": "needs at least {days} days, longer than the horizon",
    "before_sale": "not on sale before {sale_start}",
    "historical": "an offer of {as_of}, before the rate table in use: history, not on sale; "
                  "compare it with --as-of {as_of}",
    "mixed_eras": "rows come from different dates ({oldest} … {newest}): old offers are history, not today's rates",
    "table_after_as_of": "rate table {table} took effect {effective}, after {as_of}",
    "table_ends": "rate table {table} was in force until {until}: later roll-overs and demand days "
                  "assume its rates",
    "late_by_days": "{count} product(s) pay back within {most} days after the horizon (the subscription "
                    "window and the days to credit the money count); run with --days {days} to rank them "
                    "with the rest",
}


# The same notes as Chinese customers read them.
NOTES_ZH = {
    "rolled_over": "到期续作 {times} 次",
    "demand_rest": "最后 {days} 天存活期",
    "locked_past_horizon": "第 {total_days} 天才到账，比比较期限晚 {days} 天，排在按期回款的各行之后；"
                           "所示为计提到期限的价值，届时取不出",
    "early_withdrawal": "若在期末提前支取只按活期计息：{value:,.2f}",
    "partly_insured": "超出存款保险 50 万元保障 {exposed:,.2f}（同一银行）",
    "no_promised_yield": "无承诺收益：所示为净值不变时扣费后的金额",
    "tier": "选用 {term_days} 天期限档",
    "below_min": "低于起存金额 {min_amount:,.2f}",
    "risk_above": "风险等级 R{risk} 高于上限 R{max_risk}",
    "after_as_of": "{count} 个数据日期晚于 {as_of} 的产品未列入",
    "not_accepted": "{zh}",
    "error": "{text}",
    "no_rate": "无报价收益率，无法比较",
    "not_lump_sum": "{deposit_type} 存款不是整笔到期的存款",
    "horizon_too_short": "至少需要 {days} 天，超过比较期限",
    "before_sale": "{sale_start} 起发售，此前买不到",
    "historical": "{as_of} 的历史产品，早于所用利率表，现已不售；可用 --as-of {as_of} 比较",
    "mixed_eras": "各行数据日期不同（{oldest} … {newest}）：旧产品的利率是历史数据，不是今天的报价",
    "table_after_as_of": "利率表 {table} 于 {effective} 生效，晚于 {as_of}",
    "table_ends": "利率表 {table} 只用到 {until}：此后的续存和活期天数仍按该表利率估算",
    "late_by_days": "{count} 个产品在比较期限后 {most} 天内到账（募集期、到账天数也计入）；"
                    "用 --days {days} 可让它们与其他各行一起排名",
}


def note_text(code: str, params: Mapping[str, Any], templates: Mapping[str, str] | None = None) -> str:
    """Words for one note ``(code, params)``; ``templates`` may give another language."""
    template = (templates or _NOTES_EN).get(code) or _NOTES_EN.get(code, code)
    return re.sub(r"\b1 days\b", "1 day", template.format(**params))


@dataclass(frozen=True, slots=True)
class ComparisonRow:
    """One product or deposit valued over the comparison horizon.

    ``net_amount`` is what the customer holds at the horizon after every fee,
    tax and idle day; ``net_annual_rate`` (simple) and
    ``effective_annual_rate`` (compounded) annualize it over the horizon.
    ``insured`` is "yes", "partial" (a deposit above the 500,000 cover) or
    "no" (wealth products, trusts, funds). ``notes`` and ``reason`` are
    ``(code, params)`` pairs; :func:`note_text` words them.
    """

    id: str
    name: str
    name_en: str
    kind: str
    risk: int | None
    term_days: int | None
    quoted_rate: float | None
    rate_kind: str
    net_amount: float | None
    net_income: float | None
    net_annual_rate: float | None
    effective_annual_rate: float | None
    insured: str
    as_of: _dt.date | None
    source: str
    notes: tuple[tuple[str, Mapping[str, Any]], ...] = ()
    reason: tuple[str, Mapping[str, Any]] | None = None
    rank: int | None = None
    rollovers: int = 0
    demand_days: int = 0
    locked_past_horizon_days: int = 0
    term_months: int | None = None

    @property
    def note(self) -> str:
        """The notes (or the reason the row is ineligible) in English."""
        items = [self.reason] if self.reason else list(self.notes)
        return "; ".join(note_text(code, params) for code, params in items)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready dict with English snake_case keys."""
        return {
            "rank": self.rank,
            "id": self.id,
            "name": self.name,
            "name_en": self.name_en,
            "kind": self.kind,
            "risk": self.risk,
            "term_days": self.term_days,
            "term_months": self.term_months,
            "quoted_rate": self.quoted_rate,
            "rate_kind": self.rate_kind,
            "net_amount": self.net_amount,
            "net_income": self.net_income,
            "net_annual_rate": self.net_annual_rate,
            "effective_annual_rate": self.effective_annual_rate,
            "insured": self.insured,
            "rollovers": self.rollovers,
            "demand_days": self.demand_days,
            "locked_past_horizon_days": self.locked_past_horizon_days,
            "as_of": self.as_of.isoformat() if self.as_of else None,
            "source": self.source,
            "notes": [{"code": code, **dict(params)} for code, params in self.notes],
            "reason": ({"code": self.reason[0], **dict(self.reason[1])} if self.reason else None),
            "note": self.note,
        }


@dataclass(frozen=True, slots=True)
class Comparison:
    """Products and deposits valued over one horizon, best first.

    ``ranked`` rows are sorted by net amount at the horizon, those that pay
    back by the horizon first, then those that lock the money longer
    (``locked_past_horizon_days``, valued at their accrued rate); ``unranked`` rows
    are funds with no promised yield (shown after fees at an unchanged NAV);
    ``ineligible`` rows carry the reason. ``notes`` are ``(code, params)``
    remarks about the whole comparison (e.g. rows of different eras).
    """

    amount: float
    days: int
    start_date: _dt.date
    rate_table: str
    ranked: tuple[ComparisonRow, ...]
    unranked: tuple[ComparisonRow, ...]
    ineligible: tuple[ComparisonRow, ...]
    notes: tuple[tuple[str, Mapping[str, Any]], ...] = ()

    headers = ("rank", "product", "kind", "risk", "term_days", "quoted_rate", "net_amount",
               "net_annual_rate", "insured", "note")

    def rows(self) -> list[list[Any]]:
        """Ranked rows for a table, in ``headers`` order (names in English, like the notes)."""
        return [
            [r.rank, r.name_en or r.name, r.kind, r.risk, r.term_days, r.quoted_rate, r.net_amount,
             r.net_annual_rate, r.insured, r.note]
            for r in self.ranked
        ]

    @property
    def best(self) -> ComparisonRow | None:
        """The top-ranked row, or None when nothing is eligible."""
        return self.ranked[0] if self.ranked else None

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready dict with English snake_case keys."""
        return {
            "amount": self.amount,
            "days": self.days,
            "start_date": self.start_date.isoformat(),
            "rate_table": self.rate_table,
            "ranked": [r.to_dict() for r in self.ranked],
            "unranked": [r.to_dict() for r in self.unranked],
            "ineligible": [r.to_dict() for r in self.ineligible],
            "notes": [note_text(code, params) for code, params in self.notes],
            "note_codes": [{"code": code, **dict(params)} for code, params in self.notes],
        }


def _month_days(months: int) -> int:
    """Nominal days of a term of ``months``: months × 365/12, rounded half-up (12 → 365)."""
    return int(math.floor(months * YEAR_DAYS / 12 + 0.5))


def _terms_fitting(start: _dt.date, horizon: int, months: int) -> int:
    """How many whole terms of ``months`` (对月对日) fit between ``start`` and ``start + horizon``."""
    end, k = start + _dt.timedelta(days=horizon), 0
    while add_months(start, months * (k + 1)) <= end:
        k += 1
    return k


def _term_label(months: int) -> tuple[str, str]:
    if months % 12 == 0:
        years = months // 12
        return f"{years}年", f"{years} year{'s' if years > 1 else ''}"
    return f"{months}个月", f"{months} month{'s' if months > 1 else ''}"


def _insured(kind: str, net_amount: float | None) -> tuple[str, tuple]:
    """Deposit-insurance status of one row (rules §2.10: deposits only, 500,000 per bank)."""
    if kind != "deposit":
        return "no", ()
    if net_amount is None:
        return "yes", ()
    cover = deposits.deposit_insurance(net_amount, limit=INSURANCE_LIMIT)
    if cover.exposed > 0:
        return "partial", (("partly_insured", {"exposed": cover.exposed}),)
    return "yes", ()


class _Ineligible(Exception):
    """Internal: a row that cannot be valued, with its (code, params) reason."""

    def __init__(self, code: str, **params: Any) -> None:
        super().__init__(code)
        self.reason = (code, params)


@dataclass
class _Entry:
    """What every row shares, before it is valued."""

    id: str
    name: str
    name_en: str
    kind: str
    risk: int | None
    term_days: int | None
    rate: float | None
    rate_kind: str
    as_of: _dt.date | None
    source: str
    term_months: int | None = None

    def valued(self, amount: float, horizon: int, net_amount: float, notes=(), **extra) -> ComparisonRow:
        insured, more = _insured(self.kind, net_amount)
        income = round_fen(net_amount - amount)
        simple, effective = annualize(income, amount, horizon)
        return ComparisonRow(
            id=self.id, name=self.name, name_en=self.name_en, kind=self.kind, risk=self.risk,
            term_days=self.term_days, quoted_rate=self.rate, rate_kind=self.rate_kind,
            net_amount=net_amount, net_income=income, net_annual_rate=simple,
            effective_annual_rate=effective, insured=insured, as_of=self.as_of, source=self.source,
            notes=tuple(notes) + more, term_months=self.term_months, **extra,
        )

    def refused(self, reason: tuple[str, Mapping[str, Any]]) -> ComparisonRow:
        return ComparisonRow(
            id=self.id, name=self.name, name_en=self.name_en, kind=self.kind, risk=self.risk,
            term_days=self.term_days, quoted_rate=self.rate, rate_kind=self.rate_kind,
            net_amount=None, net_income=None, net_annual_rate=None, effective_annual_rate=None,
            insured=_insured(self.kind, None)[0], as_of=self.as_of, source=self.source, reason=reason,
            term_months=self.term_months,
        )


def _deposit_over(dtype: str, amount: float, rate: float, months: int | None, start: _dt.date,
                  horizon: int, demand_rate: float, *, rollover: bool = True) -> tuple[float, list, dict]:
    """(value at the horizon, notes, extras) of a deposit held over the horizon (rules §2).

    整存整取 rolls over (自动转存) while whole terms fit, then the rest earns
    活期 as overdue days (rules §2.3); a 大额存单 runs one term, then 活期.
    A term ending after the horizon is valued at its net interest accrued to
    the horizon and flagged, with what early withdrawal (活期) would pay.
    """
    end = start + _dt.timedelta(days=horizon)
    if dtype == "demand":
        return deposits.demand(amount, rate, start=start, end=end).maturity_value, [], {}
    if dtype == "notice":
        if horizon < 7:
            raise _Ineligible("horizon_too_short", days=7)
        result = deposits.notice(amount, rate, 7, withdraw_on=end, start=start)
        return result.maturity_value, [], {}
    if dtype not in ("fixed", "large_cd"):
        raise _Ineligible("not_lump_sum", deposit_type=dtype)
    times = max(1, _terms_fitting(start, horizon, months)) if dtype == "fixed" and rollover else 1
    if dtype == "fixed":
        result = deposits.fixed(amount, rate, months, start=start, rollovers=times - 1)
    else:
        result = deposits.large_cd(amount, rate, months, start=start)
    if result.end_date > end:  # the money is not back by the horizon
        late, total = (result.end_date - end).days, (result.end_date - start).days
        notes = [("locked_past_horizon", {"days": late, "total_days": total})]
        if dtype == "fixed":
            early = deposits.fixed(amount, rate, months, start=start, withdraw_on=end, demand_rate=demand_rate)
            notes.append(("early_withdrawal", {"value": early.maturity_value}))
        value = round_fen(amount + float(result.net_interest) * horizon / total)
        return value, notes, {"locked_past_horizon_days": late}
    notes: list[tuple[str, dict]] = [("rolled_over", {"times": times - 1})] if times > 1 else []
    rest, value = max(0, (end - result.end_date).days), result.maturity_value
    if rest:
        value = round_fen(value + _demand_interest(value, demand_rate, rest, result.end_date))
        notes.append(("demand_rest", {"days": rest}))
    return value, notes, {"rollovers": times - 1, "demand_days": rest}


def _value_product(product: Any, amount: float, horizon: int, start: _dt.date,
                   demand_rate: float) -> tuple[float, int | None, float, list, dict]:
    """(net amount at the horizon, term, quoted rate, notes, extras) of one catalog product.

    A term shorter than the horizon rolls over while whole cycles fit (when
    the product allows it), the rest of the horizon waits in 活期; a term
    longer than the horizon is valued at its net annual rate up to the
    horizon and flagged.
    """
    raise_days, payout_days = product.raise_days, product.payout_days
    kind = str(product.kind)
    notes: list[tuple[str, dict]] = []
    if product.rate is None and not product.tiers and kind != "fund":
        raise _Ineligible("no_rate")
    if kind == "deposit" and product.deposit_type in ("demand", "notice", "fixed", "large_cd"):
        value, more, extra = _deposit_over(product.deposit_type, amount, product.rate, product.term_months,
                                           start, horizon, demand_rate, rollover=product.rollover)
        return value, product.term_days, product.rate, notes + more, extra
    terms = product.terms
    if not terms:  # open-ended: hold so that the money is back at the horizon
        held = horizon - raise_days - payout_days
        if held < 1:
            raise _Ineligible("horizon_too_short", days=raise_days + payout_days + 1)
        result = _income(product, amount, held, start, demand_rate=demand_rate)
        return result.net_amount, None, result.annual_rate, notes, {}
    fitting = [t for t in terms if raise_days + t + payout_days <= horizon]
    term = max(fitting) if fitting else min(terms)
    if len(terms) > 1:
        notes.append(("tier", {"term_days": term}))
    first = _income(product, amount, term, start, demand_rate=demand_rate)
    cycle = first.total_days
    if cycle > horizon:
        value = round_fen(amount * (1.0 + first.net_annual_rate * horizon / YEAR_DAYS))
        notes.append(("locked_past_horizon", {"days": cycle - horizon, "total_days": cycle}))
        return value, term, first.annual_rate, notes, {"locked_past_horizon_days": cycle - horizon}
    cycles = horizon // cycle if product.rollover else 1
    value, day, relaxed = first.net_amount, cycle, _relaxed(product)
    for _ in range(cycles - 1):
        value = _income(relaxed, value, term, start + _dt.timedelta(days=day),
                           demand_rate=demand_rate).net_amount
        day += cycle
    if cycles > 1:
        notes.append(("rolled_over", {"times": cycles - 1}))
    rest = horizon - day
    if rest:
        value = round_fen(value + _demand_interest(value, demand_rate, rest, start + _dt.timedelta(days=day)))
        notes.append(("demand_rest", {"days": rest}))
    return value, term, first.annual_rate, notes, {"rollovers": cycles - 1, "demand_days": rest}


def _relaxed(product: Any) -> Any:
    """The product without amount limits: a roll-over reinvests whatever matured."""
    import dataclasses

    return dataclasses.replace(product, min_amount=0.0, max_amount=None, step=None)


def _deposit_rows(amount: float, horizon: int, start: _dt.date, table: Any,
                  covered: set[tuple[str, int | None]]) -> list[ComparisonRow]:
    """The deposit alternatives of one rate table over the horizon, except those ``covered``
    by a catalog deposit product of the same table (type, months)."""
    rows: list[ComparisonRow] = []
    source = f"{table.name} ({table.id}) — {table.source}"

    def add(ident, name, name_en, dtype, months, rate, minimum):
        if (dtype, months) in covered:
            return
        e = _Entry(ident, name, name_en, "deposit", _DEPOSIT_RISK, months and _month_days(months), rate,
                   "guaranteed", table.as_of, source, months)
        if minimum and amount < minimum:
            rows.append(e.refused(("below_min", {"min_amount": minimum})))
            return
        try:
            value, notes, extra = _deposit_over(dtype, amount, rate, months, start, horizon, table.demand)
        except _Ineligible as refusal:
            rows.append(e.refused(refusal.reason))
            return
        rows.append(e.valued(amount, horizon, value, notes, **extra))

    add("demand", "活期存款", "Demand deposit", "demand", None, table.demand, table.minimums.get("demand"))
    near = horizon + _LATE_HINT_DAYS  # terms ending a few days late are shown (flagged), longer ones not
    for months, rate in table.fixed.items():
        if _terms_fitting(start, near, months):
            zh, en = _term_label(months)
            add(f"fixed-{months}m", f"整存整取 {zh}", f"Fixed deposit, {en}", "fixed", months, rate,
                table.minimums.get("fixed"))
    cds = [(m, r) for m, r in table.large_cd.items() if _terms_fitting(start, near, m)]
    if cds and table.large_cd_min and amount < table.large_cd_min:
        e = _Entry("large-cd", "大额存单", "Large CD", "deposit", _DEPOSIT_RISK, None, max(r for _, r in cds),
                   "guaranteed", table.as_of, source)
        rows.append(e.refused(("below_min", {"min_amount": table.large_cd_min})))
    else:
        for months, rate in cds:
            zh, en = _term_label(months)
            add(f"large-cd-{months}m", f"大额存单 {zh}", f"Large CD, {en}", "large_cd", months, rate, None)
    if 7 in table.notice:
        add("notice-7d", "七天通知存款", "7-day notice deposit", "notice", None, table.notice[7],
            table.minimums.get("notice"))
    return rows


def rate_table_on(catalog: Any, day: _dt.date, default: Any = None) -> Any:
    """``catalog.rate_table_on(day, default)``: the market deposit table in force on ``day``."""
    return catalog.rate_table_on(day, default)


def _kinds(kind: Any) -> set[str] | None:
    if kind is None:
        return None
    names = {kind} if isinstance(kind, str) else set(kind)
    allowed = ("deposit", "wealth", "trust", "fund", "money_fund")
    for name in names:
        if str(name) not in allowed:
            raise InputError("kind", name, f"one of {', '.join(allowed)}",
                             hint_zh=f"产品类型请从 {', '.join(allowed)} 中选择")
    return {str(n) for n in names}


def _max_risk(value: Any) -> int | None:
    if value is None:
        return None
    text = str(value).strip().upper().removeprefix("R")
    if isinstance(value, bool) or not text.isdigit() or not 1 <= int(text) <= 5:
        raise InputError("max_risk", value, "a risk grade R1–R5 (or 1–5)",
                         hint_zh="风险等级写 R1–R5（或 1–5）")
    return int(text)


def compare(
    amount: float,
    days: int,
    *,
    catalog: Any = None,
    kind: str | Iterable[str] | None = None,
    max_risk: int | str | None = None,
    rate_table: str | None = None,
    as_of: _dt.date | None = None,
    start: _dt.date | None = None,
) -> Comparison:
    """Every eligible product and deposit, valued over the same horizon and ranked.

    Parameters
    ----------
    amount : yuan to place.
    days : the horizon: when the customer wants the money back.
    catalog : a loaded ``Catalog``, a path to a YAML catalog, or None for the
        bundled products.yaml.
    kind : only these kinds (deposit, wealth, trust, fund, money_fund).
    max_risk : leave out products riskier than this grade (R1–R5); they are
        listed as ineligible with the reason.
    rate_table : id of the deposit rate table for the deposit alternatives;
        None takes the table in force on ``as_of`` (else ``start``) or the
        catalog's default.
    as_of : compare as of this date: products whose data is dated after it are
        left out (a note counts them). Offers of an earlier era (data older
        than the deposit rate table in use, or a subscription window closed
        before this date, default today) are listed as ineligible, "historical".
    start : the day the money is placed; default ``as_of`` or the rate
        table's effective date for deposits, each product's as_of for products.

    Returns
    -------
    Comparison
        ``ranked`` by net amount at the horizon, ``unranked`` funds (no
        promised yield), ``ineligible`` rows with their reason, ``notes``.

    Raises
    ------
    InputError
        a bad amount, horizon, kind or risk grade, or no rate table in force on ``as_of``.
    ProductNotFoundError
        an unknown ``rate_table`` id.

    Notes
    -----
    Deposit alternatives: 活期 for the whole horizon; each 整存整取 term that
    fits, rolled over (自动转存) while whole terms fit, then 活期; each 大额存单
    term that fits if the amount reaches its minimum, then 活期; 7-day 通知存款.
    A product shorter than the horizon rolls over when it allows, else the
    money waits in 活期; a product longer than the horizon is valued at its
    net annual rate up to the horizon and flagged, since the money is not
    back in time: it is ranked after every row that pays back by the horizon,
    however high its rate. Raise (募集期) and payout (到账) days count, so a
    one-year product with 7 idle days misses a 365-day horizon; when some
    products miss it by at most 31 days, a note gives the horizon that ranks
    them with the rest. Ranked rows of different eras (as_of dates more than
    a year apart) get a note: an old offer is history, not a rate on sale today.

    Examples
    --------
    >>> c = compare(100_000, 365)
    >>> c.best.kind in ("deposit", "wealth", "trust", "money_fund")
    True
    """
    amount = _amount(amount)
    horizon = _days(days)
    kinds = _kinds(kind)
    risk_limit = _max_risk(max_risk)
    if catalog is None or isinstance(catalog, (str, bytes)) or hasattr(catalog, "__fspath__"):
        from .catalog import load

        catalog = load(catalog)
    notes: list[tuple[str, dict]] = []
    if rate_table is None and (as_of or start) is not None:
        field_name, day = ("as_of", as_of) if as_of is not None else ("start", start)
        table = rate_table_on(catalog, day, None)
        if table is None:
            raise InputError(field_name, day, "no deposit rate table in the catalog was in force then; "
                                              "give a later date or --rate-table",
                             hint_zh="产品目录里没有当时执行的存款利率表：请给更晚的日期，或用 --rate-table 指定")
    else:
        table = catalog.rate_table(rate_table)
        if as_of is not None and table.effective > as_of:
            notes.append(("table_after_as_of", {"table": table.id, "effective": table.effective.isoformat(),
                                                "as_of": as_of.isoformat()}))
    deposit_start = start or as_of or table.effective
    until = table.until
    if until is not None and deposit_start + _dt.timedelta(days=horizon) > until:
        notes.append(("table_ends", {"table": table.id, "until": until.isoformat()}))
    era = rate_table_on(catalog, table.effective, table)  # one bank's table belongs to the market's era

    ranked, unranked, ineligible, later = [], [], [], 0
    if kinds is None or "deposit" in kinds:
        covered = {
            (p.deposit_type, p.term_months if p.deposit_type in ("fixed", "large_cd") else None)
            for p in catalog.products
            if str(p.kind) == "deposit" and p.rate_table == table.id
        }
        for row in _deposit_rows(amount, horizon, deposit_start, table, covered):
            (ranked if row.reason is None else ineligible).append(row)
    for product in catalog.products:
        kind_name = str(product.kind)
        if kinds is not None and kind_name not in kinds:
            continue
        if as_of is not None and product.as_of > as_of:
            later += 1
            continue
        entry = _Entry(product.id, product.name, product.name_en or product.name, kind_name, product.risk,
                       product.term_days, product.rate, str(product.rate_kind or ""), product.as_of,
                       product.source, product.term_months)
        try:
            if _historical(product, era, as_of or start or _dt.date.today()):
                raise _Ineligible("historical", as_of=product.as_of.isoformat())
            if risk_limit is not None and product.risk > risk_limit:
                raise _Ineligible("risk_above", risk=product.risk, max_risk=risk_limit)
            problem = product.check_amount(amount, "en")
            if problem:
                raise _Ineligible("not_accepted", en=problem, zh=product.check_amount(amount, "zh"))
            product_start = start or product.as_of
            if start is not None:
                product = _sold_on(product, start)
            demand_rate = rate_table_on(catalog, product_start, table).demand
            if kind_name == "fund":
                idle = product.raise_days + product.payout_days  # to confirmation, after redemption
                held = horizon - idle
                if held < 1:
                    raise _Ineligible("horizon_too_short", days=idle + 1)
                result = _income(product, amount, held, product_start)
                unranked.append(entry.valued(amount, horizon, result.net_amount,
                                             [("no_promised_yield", {})]))
                continue
            value, term, rate, row_notes, extra = _value_product(product, amount, horizon, product_start,
                                                                 demand_rate)
        except _Ineligible as refusal:
            ineligible.append(entry.refused(refusal.reason))
            continue
        except InputError as error:
            ineligible.append(entry.refused(("error", {"text": str(error)})))
            continue
        entry.term_days, entry.rate = term, rate
        ranked.append(entry.valued(amount, horizon, value, row_notes, **extra))

    if later:
        notes.append(("after_as_of", {"count": later, "as_of": as_of.isoformat()}))
    ranked.sort(key=lambda r: (r.locked_past_horizon_days > 0, -r.net_amount, -r.net_annual_rate, r.id))
    ranked = [_with_rank(r, i) for i, r in enumerate(ranked, 1)]
    late = [r.locked_past_horizon_days for r in ranked if 0 < r.locked_past_horizon_days <= _LATE_HINT_DAYS]
    if late:
        notes.append(("late_by_days", {"count": len(late), "most": max(late), "days": horizon + max(late)}))
    eras = [r.as_of for r in ranked if r.as_of is not None]  # funds quote no rate: no era to mix
    if eras and (max(eras) - min(eras)).days > YEAR_DAYS:
        notes.append(("mixed_eras", {"oldest": min(eras).isoformat(), "newest": max(eras).isoformat()}))
    return Comparison(
        amount=amount, days=horizon, start_date=deposit_start, rate_table=table.id,
        ranked=tuple(ranked), unranked=tuple(unranked), ineligible=tuple(ineligible), notes=tuple(notes),
    )


def _historical(product: Any, table: Any, on_date: _dt.date) -> bool:
    """An offer of an earlier era: its data predates ``table`` (the market rate
    table of the comparison's era), or its subscription window closed before
    ``on_date``. Funds never are."""
    if str(product.kind) == "fund":  # open-ended: still bought and sold at each day's NAV
        return False
    if product.as_of < table.effective:
        return True
    sale_end = product.sale_end
    return sale_end is not None and sale_end < on_date


def _sold_on(product: Any, start: _dt.date) -> Any:
    """_bought_on for compare: a day before the sale opens makes the row ineligible."""
    sale_start = product.sale_start
    if str(product.kind) in ("wealth", "trust") and sale_start is not None and start < sale_start:
        raise _Ineligible("before_sale", sale_start=sale_start.isoformat())
    return _bought_on(product, start)


def _with_rank(row: ComparisonRow, rank: int) -> ComparisonRow:
    import dataclasses

    return dataclasses.replace(row, rank=rank)

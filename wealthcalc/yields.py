"""After-fee yields of wealth products, trusts and funds.

A quoted yield is not what a customer earns. :func:`wealth_income` takes a
quoted annual rate and removes every fee (management, custody, sales
service, subscription, performance share above a hurdle), the tax, and the
idle days before the money starts and after it stops earning (募集期 at the
demand rate, 到账 days at nothing). It then annualizes the result over all
the days the money is tied up, so products of different terms compare
fairly. :func:`after_fees` does the same for a catalog ``Product``. The
comparison of many products over one horizon, :func:`compare`, lives in
``wealthcalc/_comparison.py`` and is imported from here.

>>> r = wealth_income(100_000, 0.035, 182, raise_days=7, payout_days=3,
...                   demand_rate=0.0035)
>>> r.gross_income, r.idle_income, round(r.net_annual_rate, 6)
(1745.21, 6.81, 0.033307)
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Mapping, Sequence

from . import _validate
from ._validate import AmountLike, DateLike, RateLike

from . import deposits
from .errors import InputError
from .money import round_fen
from .results import jsonable

if TYPE_CHECKING:
    from .catalog import Catalog, Product

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
    "ProductYield",
    "demand_rate_on",
    "money_fund_income",
    "product_yield",
    "note_text",
    "rate_table_on",
    "wealth_income",
]

# names of wealthcalc._comparison, importable from here as before (loaded on first use: _comparison imports
# this module, so this module does not import it at load time)
_FROM_COMPARE = ("Comparison", "ComparisonRow", "NOTES_ZH", "compare", "note_text")


def __getattr__(name: str) -> Any:
    if name in _FROM_COMPARE:
        from . import _comparison

        return getattr(_comparison, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

YEAR_DAYS = 365
"""Days in the year used to annualize every result (net and effective rates)."""

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
    return _validate.amount(value, field_name)


_MAX_DAYS = 36_600
"""Longest span accepted (about 100 years), as for a catalog term."""


def _days(value: Any, field_name: str = "days", minimum: int = 1, maximum: int = _MAX_DAYS) -> int:
    """_validate.whole for days (365 and 365.0 alike, 365.5 refused), worded as the yields have it."""
    try:
        return _validate.whole(value, field_name, low=minimum, high=maximum, unit="days")
    except InputError:
        raise InputError(field_name, value, code="yields.days",
                         params={"low": minimum, "high": f"{maximum:,}"}) from None


def _rate(value: Any, field_name: str, *, allow_negative: bool = False) -> float:
    return _validate.rate(value, field_name, allow_negative=allow_negative, maximum=None)


# ---------------------------------------------------------------- plain-number calculators


def annualize(net_income: float, amount: float, days: int) -> tuple[float, float]:
    """Simple and compounded annual rates of ``net_income`` earned on ``amount`` over ``days``.

    Notes
    -----
    ``simple = net_income / amount × 365 / days`` (docs/rules/yields.md#yield-conventions, "real annualized
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
    """Net 活期 interest on ``amount`` for ``days`` (deposits.demand; tax by docs/rules/tax.md when dated)."""
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
    start_date: DateLike | None = None,
) -> YieldResult:
    """Income of a wealth product (理财) or trust after fees, tax and idle days.

    Parameters
    ----------
    amount : yuan the customer puts in (product plus any bundled deposit).
    annual_rate : the product's annual rate *before* the fees passed here
        (pass no fees when the quoted rate is already net of them).
    days : days from the value date (起息日) to maturity, start in, end out.
    day_count : 365 or 360, the product's yield basis (docs/rules/yields.md#yield-conventions).
    accrual_years : accrue ``annual_rate × accrual_years`` instead of
        ``days / day_count`` (trust terms quoted in years, docs/rules/yields.md#collective-trust-plans TR-3).
    management_fee, custody_fee, sales_service_fee : annual fee rates
        accrued over the term on the invested principal (docs/rules/yields.md#product-fees).
    subscription_fee : 认购费 rate, taken from ``amount`` up front.
    performance_share, performance_hurdle : share of the return above the
        hurdle rate taken as 超额业绩报酬 (docs/rules/yields.md#product-fees, W-5, W-6).
    tax_rate : tax on the product's income after fees.
    raise_days : 募集期 days earning ``demand_rate`` before the value date.
    payout_days : days from maturity to the money's arrival (到账), earning nothing.
    deposit_share : part of ``amount`` that must sit in a bundled 整存整取
        deposit (搭配存款) of ``deposit_months`` at ``deposit_rate`` (docs/rules/yields.md#bundled-deposits).
    start_date : day the money is handed over; dates the demand and deposit
        interest for the interest tax of docs/rules/tax.md.

    Returns
    -------
    YieldResult

    Raises
    ------
    InputError
        a negative amount, rate or fee, a fee rate above 1, a bad day count.

    Notes
    -----
    Each amount is rounded half-up to the fen (docs/rules/rounding.md#money-and-rounding)::

        gross       = P × annual_rate × days / day_count
        fee_i       = P × fee_rate_i × days / day_count            (fixed fees)
        performance = share × max(0, P + gross − Σfee_i − P × (1 + hurdle × days / day_count))
        tax         = tax_rate × (gross − Σfee_i − performance)
        net_income  = gross − fees − tax + raise-period 活期 interest + bundled deposit interest
        net_annual_rate = net_income / amount × 365 / (raise_days + days + payout_days)

    where P is the invested principal (``amount`` less the bundled deposit and
    the subscription fee). The performance fee is the published contract
    formula H = [J + K − L(1 + M·N/365)] × P of docs/rules/yields.md#product-fees.

    References
    ----------
    docs/rules/yields.md#yield-conventions (W-1 … W-3), docs/rules/yields.md#product-fees (W-4 … W-6), docs/rules/yields.md#bundled-deposits (W-7, W-8), docs/rules/yields.md#collective-trust-plans (TR-1 … TR-3).

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
    start_date = None if start_date is None else _validate.date(start_date, "start_date")
    if day_count not in (360, 365):
        raise InputError("day_count", day_count, code="yields.day_count")
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
        raise InputError("deposit_share", deposit_share, code="yields.deposit_share")
    if accrual_years is None:
        years = days / day_count
    else:
        try:
            years = _validate.number(accrual_years, "accrual_years", low=0, low_open=True)
        except InputError:
            raise InputError("accrual_years", accrual_years, code="yields.accrual_years") from None

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
    (docs/rules/funds.md#purchase-fee, docs/rules/funds.md#redemption-fee).

    Parameters
    ----------
    redemption_tiers : ((min_days_held, rate), ...), e.g. ((0, 0.015), (7, 0.005), (180, 0)).

    Examples
    --------
    10,000 yuan at a 1.5 % purchase fee, redeemed within 7 days at 1.5 %,
    NAV unchanged (F-1, then the 7-day redemption fee of docs/rules/funds.md#redemption-fee):

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

    A product with several terms (rate tiers by term, docs/rules/yields.md#collective-trust-plans) takes the
    term ``days`` names (default: the shortest); a fixed-term product refuses
    other holding periods; an open-ended one needs ``days``.
    """
    terms = product.terms
    if not terms:
        if days is None:
            raise InputError("days", None, code="yields.open_ended", params={"id": product.id})
        days = _days(days)
        return days, product.rate_for(amount)
    if days is None:
        days = terms[0]
    elif _days(days) not in terms:
        offered = ", ".join(str(t) for t in terms)
        raise InputError("days", days, code="yields.terms", params={"id": product.id, "offered": offered})
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
        raise InputError("start", start.isoformat(), code="yields.sale_window",
                         params={"id": product.id, "sale_start": sale_start.isoformat(),
                                 "sale_end": sale_end.isoformat()})
    import dataclasses

    value_date = sale_start + _dt.timedelta(days=product.raise_days)
    return dataclasses.replace(product, raise_days=max(0, (value_date - start).days), sale_start=start)


def after_fees(
    product: Product | str,
    amount: AmountLike,
    days: int | float | None = None,
    start: DateLike | None = None,
    *,
    demand_rate: RateLike = 0.0,
    annual_return: RateLike = 0.0,
) -> YieldResult:
    """What one purchase of a catalog product earns after fees, tax and idle days.

    A thin adapter: it checks that the product accepts ``amount``, reads the
    product's fields and calls :func:`wealth_income` (理财, trusts),
    :func:`money_fund_income`, :func:`fund_round_trip` or the
    :mod:`wealthcalc.deposits` function of a deposit product.

    Parameters
    ----------
    product : a :class:`wealthcalc.catalog.Product`, or its id in the bundled catalog.
    amount : yuan the customer puts in (for a bundled product, the product
        plus its mandatory deposit).
    days : holding period; needed for open-ended products (funds, money
        funds), chooses the term of a product with rates by term, and must be
        the term (or None) otherwise.
    start : day the money is handed over (default: the product's as_of); it
        dates deposit interest for the interest tax of docs/rules/tax.md. For a 理财 or
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
    from .catalog import resolve_product

    product = resolve_product(product)
    amount = _amount(amount)
    days = None if days is None else _days(days)
    demand_rate = _rate(demand_rate, "demand_rate")
    annual_return = _rate(annual_return, "annual_return", allow_negative=True)
    on = None if start is None else _validate.date(start, "start")
    if on is not None:
        product = _bought_on(product, on)
    return _income(product, amount, days, on, demand_rate=demand_rate, annual_return=annual_return)


def _income(product: Any, amount: float, days: int | None, start: _dt.date | None, *,
            demand_rate: float = 0.0, annual_return: float = 0.0) -> YieldResult:
    """after_fees without the sale-window check (compare applies it once per product)."""
    amount = _amount(amount)
    problem = product.amount_problem(amount)
    if problem is not None:
        raise InputError("amount", amount, code="yields.amount_refused",
                         params={"id": product.id, "problem": problem.text("en"), "problem_zh": problem.text("zh")})
    start = start or product.as_of
    fees = product.fees
    kind = str(product.kind)
    if kind == "fund":
        if days is None:
            raise InputError("days", None, code="yields.fund_open_ended", params={"id": product.id})
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
        raise InputError("rate", None, code="yields.no_rate_quoted", params={"id": product.id})
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
    """A deposit product valued by its deposits function (interest tax by dates, docs/rules/tax.md)."""
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
        raise InputError("product", product.id, code="yields.not_lump_sum_deposit", params={"deposit_type": dtype})
    held = (result.end_date - start).days if result.end_date else days
    return _result(amount, held, 0, product.payout_days, rate, result.interest, {}, 0.0, 0.0, result.tax)


def rate_table_on(catalog: Any, day: _dt.date, default: Any = None) -> Any:
    """``catalog.rate_table_on(day, default)``: the market deposit table in force on ``day``."""
    return catalog.rate_table_on(day, default)


@dataclass(frozen=True, slots=True)
class ProductYield:
    """One catalog product's after-fee income (:func:`product_yield`): the product, the 活期 rate
    its idle days earn and the :class:`YieldResult`."""

    product: Product
    demand_rate: float
    result: YieldResult

    def rows(self) -> list[list[Any]]:
        """(item, value) rows as ``wealthcalc yield`` shows them: idle-day lines only when they
        count, and the days the money is tied up."""
        optional = ("raise_days", "payout_days", "idle_income", "deposit_income")
        pairs = [row for row in self.result.rows() if row[0] not in optional or row[1]]
        pairs.insert(3, ["total_days", self.result.total_days])
        return pairs

    def to_dict(self) -> dict[str, Any]:
        """The product's identity, the demand rate and the result's fields, JSON-ready."""
        p = self.product
        return {
            "product": jsonable({"id": p.id, "name": p.name, "name_en": p.name_en, "kind": p.kind, "risk": p.risk,
                                 "as_of": p.as_of, "source": p.source}),
            "demand_rate": self.demand_rate,
            **self.result.to_dict(),
        }


def demand_rate_on(catalog: Catalog, day: DateLike) -> float:
    """The 活期 rate idle money earns on ``day``: that of the market rate table in force then, else
    of the catalog's default table.

    >>> import datetime
    >>> from wealthcalc.catalog import load
    >>> demand_rate_on(load(), datetime.date(2005, 1, 1)), demand_rate_on(load(), "2026-01-15")
    (0.0072, 0.0005)
    """
    on = _validate.date(day, "start")
    table = catalog.rate_table_on(on, None) or catalog.rate_table()
    return table.demand


def product_yield(
    product: Product | str,
    amount: AmountLike,
    days: int | float | None = None,
    start: DateLike | None = None,
    *,
    catalog: Catalog | None = None,
    annual_return: RateLike = 0.0,
) -> ProductYield:
    """What ``wealthcalc yield ID`` computes: :func:`after_fees` with the 活期 rate of the rate table
    in force on ``start`` (default: the product's as_of; see :func:`demand_rate_on`).

    Parameters
    ----------
    product : a catalog product or its id (looked up in ``catalog``, default the bundled one).
    amount, days, start, annual_return : as for :func:`after_fees`.

    Examples
    --------
    >>> r = product_yield("citic-licai-2004", 100_000)
    >>> r.demand_rate, r.result.net_income
    (0.0072, 3011.2)
    """
    from .catalog import load, resolve_product

    catalog = catalog if catalog is not None else load()
    product = resolve_product(product, catalog)
    on = product.as_of if start is None else _validate.date(start, "start")
    demand = demand_rate_on(catalog, on)
    result = after_fees(product, amount, days, start, demand_rate=demand, annual_return=annual_return)
    return ProductYield(product=product, demand_rate=demand, result=result)

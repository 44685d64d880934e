"""The true cost of credit offers (真实年化利率): APR by IRR, card installments, car loans."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Iterable, Sequence

import numpy as np

from .. import _validate
from .._validate import AmountLike, DateLike, RateLike
from ..errors import InputError, NoSolutionError
from ..money import round_fen
from ..results import Note, fields_dict, jsonable
from ._checks import _check_months, _check_principal, _ItemValue
from ._engine import _half_up_div
from .schedule import amortize

if TYPE_CHECKING:
    from ..catalog import Catalog

__all__ = ["AprResult", "Offer", "OfferComparison", "apr", "benchmark_columns", "benchmark_rate", "quoted_apr",
           "car_loan_offer", "compare_offers", "installment_offer"]


@dataclass(frozen=True, slots=True)
class AprResult(_ItemValue):
    """True cost of an offer (docs/rules/apr.md).

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


def apr(
    amount: AmountLike,
    payments: AmountLike | Sequence[AmountLike],
    *,
    months: int | float | None = None,
    fees: AmountLike = 0.0,
    dates: Sequence[DateLike] | None = None,
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
    (1 + i)^12 − 1 (PBOC 2021 annualized-rate disclosure, docs/rules/apr.md).

    Examples
    --------
    docs/rules/apr.md, L-13: 12,000 in 12 installments with a 0.6 % monthly fee:

    >>> r = apr(12_000, 1_072, months=12)
    >>> round(r.apr, 4), round(r.effective_rate, 4), round(r.simple_rate, 4)
    (0.1303, 0.1384, 0.1329)
    """
    from .. import tvm

    cash = _validate.amount(amount, "amount")
    fee = _validate.amount(fees, "fees", allow_zero=True)
    if isinstance(payments, (str, int, float, np.integer, np.floating)) or not isinstance(payments, Iterable):
        if months is None:
            raise InputError("months", None, code="loans.apr_months_needed")
        one = _validate.amount(payments, "payments", allow_zero=True)
        flows = [one] * _check_months(months)
    else:
        flows = [_payment(x, payments) for x in payments]
        if months is not None and _check_months(months) != len(flows):
            raise InputError("months", months, code="loans.apr_months_count", params={"count": len(flows)})
    if not flows:
        raise InputError("payments", payments, code="loans.apr_no_payments")
    if fee >= cash:
        raise InputError("fees", fees, code="loans.apr_fees", params={"amount": f"{cash:,.2f}"})
    net = cash - fee
    cost = round(sum(flows) - net, 2)
    if cost < 0:
        raise InputError("payments", round(sum(flows), 2), code="loans.apr_repays_less",
                         params={"net": f"{net:,.2f}"})
    n = len(flows)
    if dates is not None:
        days = [_validate.date(d, "dates") for d in dates]
        if len(days) != n + 1:
            raise InputError("dates", len(days), code="loans.apr_dates_count", params={"count": n + 1})
        if any(b <= a for a, b in zip(days, days[1:])):
            raise InputError("dates", [d.isoformat() for d in days], code="loans.apr_dates_order")
        annual = float(tvm.xirr(days, [-net] + flows))
        monthly = (1 + annual) ** (1 / 12) - 1 if math.isfinite(annual) else math.nan
    else:
        monthly = float(tvm.irr([-net] + flows))
    if not math.isfinite(monthly):
        raise NoSolutionError("payments", sum(flows), code="loans.apr_no_solution")
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
    ``upfront_fee`` fees paid at drawdown (手续费, 服务费); ``note`` says how the payments
    were built (a :class:`~wealthcalc.results.Note`).
    """

    name: str
    amount: float
    payments: tuple[float, ...]
    upfront_fee: float = 0.0
    note: Note | None = None

    def to_dict(self) -> dict[str, Any]:
        """All fields, JSON-ready (the note as a Note dict)."""
        return fields_dict(self)


def installment_offer(amount: AmountLike, months: int | float, monthly_fee_rate: RateLike, *,
                      name: str = "") -> Offer:
    """A card installment plan (信用卡分期): principal/n plus a monthly fee on the original amount.

    Each payment is ``round_fen(amount/n) + round_fen(amount × fee rate)``;
    the last takes the principal residue.

    >>> o = installment_offer(12_000, 12, 0.006)
    >>> o.payments[0], len(o.payments)
    (1072.0, 12)
    """
    p_fen = _check_principal(amount, "amount")
    n = _check_months(months)
    fee_rate = _validate.rate(monthly_fee_rate, "monthly_fee_rate")
    part = _half_up_div(p_fen, n)
    fee = int(round(round_fen(p_fen / 100 * fee_rate) * 100))
    fen = [part + fee] * (n - 1) + [p_fen - part * (n - 1) + fee]
    label = name or f"{n} × {fee_rate * 100:g}%/month"
    return Offer(label, p_fen / 100, tuple(x / 100 for x in fen), 0.0,
                 Note("loans.offer_installment_fee", {"fee": f"{fee_rate * 100:g}"}))


def car_loan_offer(
    price: AmountLike,
    months: int | float,
    *,
    loan_ratio: RateLike = 0.7,
    annual_rate: RateLike = 0.0,
    service_fee: AmountLike = 0.0,
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
    cost = _validate.amount(price, "price")
    try:
        ratio = _validate.rate(loan_ratio, "loan_ratio", maximum=None)
    except InputError:
        raise InputError("loan_ratio", loan_ratio, code="loans.loan_ratio") from None
    if not 0 < ratio <= 1:
        raise InputError("loan_ratio", loan_ratio, code="loans.loan_ratio")
    fee = _validate.amount(service_fee, "service_fee", allow_zero=True)
    spread = _validate.flag(fee_in_installments, "fee_in_installments")
    n_months = _check_months(months)
    rate = _validate.rate(annual_rate, "annual_rate")
    amount = float(round_fen(cost * ratio))
    schedule = amortize(amount, rate, n_months)
    payments = schedule.payment
    upfront = fee
    if spread and fee:
        n = schedule.months
        part = _half_up_div(int(round(fee * 100)), n)
        extra = np.full(n, part, dtype=np.int64)
        extra[-1] = int(round(fee * 100)) - part * (n - 1)
        payments = (np.rint(payments * 100).astype(np.int64) + extra) / 100
        upfront = 0.0
    label = name or f"car loan {ratio * 100:g}% × {n_months} months at {rate * 100:g}%"
    return Offer(label, amount, tuple(float(x) for x in payments), upfront,
                 Note("loans.offer_service_fee", {"fee": f"{fee:,.2f}"}) if fee else None)


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
        return {"offers": jsonable([dict(zip(self.headers, row)) for row in self.rows()])}


def compare_offers(offers: Iterable[Offer]) -> OfferComparison:
    """True annual rates of several offers, sorted from cheapest.

    >>> c = compare_offers([installment_offer(12_000, 12, 0.0075), installment_offer(12_000, 12, 0.006)])
    >>> [round(r.apr, 4) for r in c.results]
    [0.1303, 0.1622]
    """
    items = list(offers)
    if not items:
        raise InputError("offers", items, code="loans.no_offers")
    for item in items:
        if not isinstance(item, Offer):
            raise InputError("offers", item, code="loans.offer_type")
    results = [apr(o.amount, list(o.payments), fees=o.upfront_fee) for o in items]
    order = sorted(range(len(items)), key=lambda i: results[i].apr)
    return OfferComparison(tuple(items[i] for i in order), tuple(results[i] for i in order))


def _payment(value: Any, payments: Any) -> float:
    try:
        return _validate.amount(value, "payments", allow_zero=True)
    except InputError:
        raise InputError("payments", payments, code="loans.apr_payments") from None


# ---------------------------------------------------------------- benchmark rates

_BENCHMARK_COLUMNS: tuple[tuple[int, tuple[str, ...]], ...] = (
    (6, ("6m", "1y")), (12, ("1y",)), (36, ("1_3y", "1_5y")), (60, ("3_5y", "1_5y")), (10**9, ("gt5y",)))


def benchmark_columns(months: int | float) -> tuple[str, ...]:
    """The columns of the PBOC benchmark lending-rate table (贷款基准利率) for a term, in order of preference.

    Up to 6 months '6m' (or '1y' where the table has no 6-month rate), up to a
    year '1y', 1–3 years '1_3y', 3–5 years '3_5y' (from 2015 one '1_5y'
    column covers 1–5 years), above five years 'gt5y'.

    >>> benchmark_columns(6), benchmark_columns(36), benchmark_columns(360)
    (('6m', '1y'), ('1_3y', '1_5y'), ('gt5y',))
    """
    n = _check_months(months)
    return next(cols for limit, cols in _BENCHMARK_COLUMNS if n <= limit)


def benchmark_rate(months: int | float, on: DateLike, catalog: "Catalog | None" = None,
                   *, field_name: str = "months") -> float:
    """The PBOC benchmark lending rate for a term in force ``on``, from the catalog's ``loan_benchmarks``.

    ``catalog`` defaults to the bundled one. A date before the table begins, or a
    table row without a column for the term, is an InputError (on ``on``, or on
    ``field_name``).

    >>> benchmark_rate(60, "2004-12-01"), benchmark_rate(36, "2026-01-01")
    (0.0585, 0.0475)
    """
    from .. import catalog as _catalog

    day = _validate.date(on, "on")
    columns = benchmark_columns(months)
    table = (catalog if catalog is not None else _catalog.load()).loan_benchmarks
    if not table.rows or day < table.rows[0].effective:
        first = table.rows[0].effective.isoformat() if table.rows else "—"
        raise InputError("on", day.isoformat(), code="loans.benchmark_before", params={"id": table.id, "first": first})
    row = table.at(day)
    for column in columns:
        if column in row.rates:
            return float(row.rates[column])
    raise InputError(field_name, f"{int(months)} months", code="loans.benchmark_column",
                     params={"effective": row.effective, "columns": "/".join(columns)})


def quoted_apr(amount: AmountLike, months: int | float, *, payment: AmountLike | None = None,
               monthly_fee_rate: RateLike | None = None, annual_rate: RateLike | None = None,
               fees: AmountLike = 0.0) -> AprResult:
    """The true annual rate of an offer quoted one of three ways (give exactly one).

    ``payment`` is the monthly repayment as quoted; ``monthly_fee_rate`` a card
    installment fee on the original amount (:func:`installment_offer`);
    ``annual_rate`` the contract rate of an equal-installment loan (0 for "0
    interest" offers). ``fees`` are paid up front.

    >>> round(quoted_apr(12_000, 12, monthly_fee_rate=0.006).apr, 4)
    0.1303
    >>> round(quoted_apr(140_000, 36, annual_rate=0, fees=8_000).apr, 4)
    0.0386
    """
    given = [name for name, value in (("payment", payment), ("monthly_fee_rate", monthly_fee_rate),
                                      ("annual_rate", annual_rate)) if value is not None]
    if len(given) != 1:
        raise InputError("payment", given, code="loans.apr_one_quote")
    n = _check_months(months)
    flows: list[float]
    if monthly_fee_rate is not None:
        flows = list(installment_offer(amount, n, monthly_fee_rate).payments)
    elif annual_rate is not None:
        flows = amortize(amount, annual_rate, n).payment.tolist()
    else:
        flows = [_validate.amount(payment, "payment", allow_zero=True)] * n
    return apr(amount, flows, fees=fees)

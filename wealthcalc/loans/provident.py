"""Provident-fund loans (公积金贷款): how much a purchase allows, and which rate applies."""

from __future__ import annotations

import datetime as _dt
import math
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Mapping

from .. import _validate
from .._validate import AmountLike, DateLike, RateLike
from ..errors import InputError
from ..money import round_fen
from ..results import Note, fields_dict
from ._checks import MAX_PRINCIPAL, _check_months, _ItemValue
from .schedule import amortize

if TYPE_CHECKING:
    from ..catalog import Catalog, ProvidentPolicy

__all__ = ["ProvidentQuote", "ProvidentRate", "provident_quote", "provident_rate", "provident_rate_column"]

BUYERS = ("couple", "single", "county")
"""Who pays into the fund: both spouses, one of them, or a county (县市) cap."""

STALE_POLICY_DAYS = 2 * 365
"""A policy older than this (days) than the rate date gets a note: its rate may be of another time."""


@dataclass(frozen=True, slots=True)
class ProvidentQuote(_ItemValue):
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


def _policy_get(policy: Any, name: str, default: Any = None) -> Any:
    if isinstance(policy, Mapping):
        return policy.get(name, default)
    return getattr(policy, name, default)


def _policy(policy: Any) -> Any:
    """A policy record: a catalog id (or None, the default) resolves through the catalog."""
    if policy is None or isinstance(policy, str):
        from ..catalog import resolve_policy

        return resolve_policy(policy)
    return policy


def provident_quote(
    price: AmountLike,
    *,
    policy: "ProvidentPolicy | str | Mapping[str, Any] | Any | None",
    buyers: str = "couple",
    second_home: bool = False,
    second_hand: bool = False,
    annual_rate: RateLike | None = None,
    months: int | float = 240,
    commercial_wanted: AmountLike | None = None,
) -> ProvidentQuote:
    """How much provident-fund loan a home purchase allows (docs/rules/provident.md#loan-amount).

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
        ``wealthcalc.catalog.Catalog.provident_policy()``; or a catalog policy id
        (None: the catalog's default), resolved by ``wealthcalc.catalog.resolve_policy``.
    buyers : 'couple' (both paying in), 'single', or 'county' (county cap).
    second_home, second_hand : the purchase type (LTV rule applied).
    annual_rate : the provident rate: the first-home rate, multiplied for a
        second home when the policy has a multiplier (the old 1.1 × rule);
        without one, pass the second-home rate of the table (docs/rules/provident.md#provident-fund-loan-rates).
    months : term for the monthly payment shown (equal installment).

    Examples
    --------
    docs/rules/provident.md#loan-amount, L-9: a 1,000,000 first home in Zhengzhou 2013, couple, 20 years at 4.5 %:

    >>> zz = {"id": "zhengzhou-2013", "cap_couple": 450_000, "cap_single": 350_000,
    ...       "cap_county": 300_000, "ltv_first_home": 0.7, "ltv_second_hand": 0.6,
    ...       "ltv_second_home": 0.4, "second_home_rate_multiplier": 1.1}
    >>> q = provident_quote(1_000_000, policy=zz, annual_rate=0.045)
    >>> q.provident_amount, q.provident_bound, q.provident_payment, q.down_payment
    (450000.0, 'cap_couple', 2846.92, 300000.0)
    """
    cost = _validate.amount(price, "price", maximum=MAX_PRINCIPAL * 10)
    n = _check_months(months)
    policy = _policy(policy)
    home2 = _validate.flag(second_home, "second_home")
    hand2 = _validate.flag(second_hand, "second_hand")
    who = buyers.strip().lower() if isinstance(buyers, str) else buyers
    if who not in BUYERS:
        raise InputError("buyers", buyers, code="loans.buyers")
    cap_name = f"cap_{who}"
    cap_value = _policy_get(policy, cap_name)
    cap = math.inf if cap_value is None else _validate.amount(cap_value, f"policy.{cap_name}",
                                                              maximum=MAX_PRINCIPAL * 10)
    if home2:
        ltv_name = "ltv_second_home"
    elif hand2 and _policy_get(policy, "ltv_second_hand") is not None:
        ltv_name = "ltv_second_hand"
    else:
        ltv_name = "ltv_first_home"
    ltv = _policy_get(policy, ltv_name)
    if ltv is None:
        raise InputError("policy", _policy_get(policy, "id", policy), code="loans.policy_no_ltv",
                         params={"name": ltv_name})
    ltv = _validate.rate(ltv, f"policy.{ltv_name}")
    by_ltv = float(round_fen(cost * ltv))
    provident = min(cap, by_ltv)
    provident_bound = cap_name if cap < by_ltv else ltv_name
    commercial = by_ltv - provident
    commercial_bound = ltv_name
    if commercial_wanted is not None:
        wanted = _validate.amount(commercial_wanted, "commercial_wanted", allow_zero=True,
                                  maximum=MAX_PRINCIPAL * 10)
        if wanted < commercial:
            commercial, commercial_bound = wanted, "requested"
    down = round(cost - provident - commercial, 2)
    rate = None
    rule = "second_home_table" if home2 else "first_home"
    payment = None
    if annual_rate is not None:
        rate = _validate.rate(annual_rate, "annual_rate")
        multiplier = _policy_get(policy, "second_home_rate_multiplier")
        if home2 and multiplier:
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


def provident_rate_column(months: int | float, *, second_home: bool = False,
                          policy: "ProvidentPolicy | str | Mapping[str, Any] | Any | None" = None) -> str:
    """The column of the provident-fund rate table that prices a loan (docs/rules/provident.md#provident-fund-loan-rates).

    Terms above five years take the ``_gt5y`` column, others ``_le5y``. A
    second home takes the ``second_*`` column only under a policy without a
    ``second_home_rate_multiplier``; with one, the first-home rate is read and
    :func:`provident_quote` multiplies it.

    >>> provident_rate_column(240), provident_rate_column(60)
    ('first_gt5y', 'first_le5y')
    >>> provident_rate_column(240, second_home=True, policy={"second_home_rate_multiplier": None})
    'second_gt5y'
    >>> provident_rate_column(240, second_home=True, policy={"second_home_rate_multiplier": 1.1})
    'first_gt5y'
    """
    n = _check_months(months)
    home2 = _validate.flag(second_home, "second_home")
    record = _policy(policy)
    table_second = home2 and _policy_get(record, "second_home_rate_multiplier") is None
    return ("second" if table_second else "first") + ("_gt5y" if n > 60 else "_le5y")


@dataclass(frozen=True, slots=True)
class ProvidentRate:
    """The catalog's provident-fund rate for a loan: ``rate`` from ``column`` in force ``on``.

    ``notes`` holds a ``loans.policy_stale`` note when the policy's data is much older than ``on``.
    """

    rate: float
    column: str
    on: _dt.date
    notes: tuple[Note, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """All fields, JSON-ready."""
        return fields_dict(self)


def provident_rate(months: int | float, *, on: DateLike, second_home: bool = False,
                   policy: "ProvidentPolicy | str | Mapping[str, Any] | Any | None" = None,
                   catalog: "Catalog | None" = None, dated: bool = True) -> ProvidentRate:
    """The provident-fund loan rate in force ``on`` for a loan (column by :func:`provident_rate_column`).

    ``catalog`` defaults to the bundled one. With ``dated=False`` (the date was not
    chosen by the user, e.g. today) a note warns when the policy's data is more than
    two years older than ``on``.

    >>> r = provident_rate(240, on="2025-06-01")
    >>> r.column, r.rate
    ('first_gt5y', 0.026)
    """
    from .. import catalog as _catalog

    day = _validate.date(on, "on")
    book = catalog if catalog is not None else _catalog.load()
    record = _catalog.resolve_policy(policy, book) if policy is None or isinstance(policy, str) else policy
    column = provident_rate_column(months, second_home=second_home, policy=record)
    rate = book.provident_rates.rate(column, day)
    notes: tuple[Note, ...] = ()
    as_of = _policy_get(record, "as_of")
    if not dated and isinstance(as_of, _dt.date) and (day - as_of).days > STALE_POLICY_DAYS:
        notes = (Note("loans.policy_stale", {"policy": _policy_get(record, "id", ""), "as_of": as_of.isoformat(),
                                             "on": day.isoformat()}),)
    return ProvidentRate(rate=rate, column=column, on=day, notes=notes)

"""Fund fee arithmetic, once: 申购 (:func:`purchase`, 外扣法 front-end fee with the
channel discount, docs/rules/funds.md#purchase-fee), 赎回 (:func:`redeem` with the fee by holding period,
:func:`redemption_rate`, docs/rules/funds.md#redemption-fee), share rounding and dividends (:func:`reinvest_dividend`, docs/rules/funds.md#dividends).

>>> purchase(10_000, 0.015, 1.2345).shares
7980.74
"""

from __future__ import annotations

import enum
import math
from decimal import Decimal
from dataclasses import dataclass
from typing import Any, Mapping, Sequence

import numpy as np
from numpy.typing import ArrayLike, NDArray

from .. import _validate as check
from .._validate import AmountLike
from ..errors import InputError
from ..money import MAX_AMOUNT, round_fen
from ..results import fields_dict

__all__ = ["DEFAULT_REDEMPTION_TIERS", "Dividend", "FeeMethod", "Purchase", "Redemption", "parse_discount", "purchase",
           "redeem", "redemption_rate", "reinvest_dividend", "round_shares", "Rounding"]

DEFAULT_REDEMPTION_TIERS: tuple[tuple[int, float], ...] = ((0, 0.015), (7, 0.0075), (30, 0.005), (180, 0.0))
"""赎回费 by days held, ((min_days, rate), ...): the example mixed-fund schedule of docs/rules/funds.md#redemption-fee
(< 7 days 1.5 %, 7-30 days 0.75 %, 30-180 days 0.5 %, 180 days and more free)."""

# how sales channels write a fee discount (input syntax parse_discount accepts): "1折" is 0.1, "10%" too
_TENTHS = "折"
_PERCENT = ("%", "％")

# ---------------------------------------------------------------- validation


def _number(value: Any, name: str, low: float, high: float, code: str, *, low_open: bool = False,
            params: Mapping[str, Any] | None = None) -> float:
    """A finite number (:func:`wealthcalc._validate.number`) from ``low`` to ``high``, else ``code``."""
    x = check.number(value, name)
    if x > high or x < low or (low_open and x == low):
        raise InputError(name, value, code=code, params=params)
    return x


def _amount(value: Any, name: str = "amount") -> float:
    return check.amount(value, name)


def _fee_rate(value: Any, name: str = "fee_rate") -> float:
    return _number(value, name, 0.0, 0.5, "funds.fee_rate")


def _nav(value: Any, name: str = "nav") -> float:
    return _number(value, name, 0.0, 1e6, "funds.nav_value", low_open=True)


class Rounding(str, enum.Enum):
    """Shares to 0.01 share: 四舍五入 (most funds) or 截位."""

    HALF_UP = "half_up"
    TRUNCATE = "truncate"


def _rounding(value: Any) -> str:
    return check.choice(value, "rounding", Rounding).value


def parse_discount(value: Any, *, field: str = "discount") -> float:
    """A fee discount (费率折扣) as written by sales channels: 0.1, "1折" or "10%".

    The discount multiplies the list purchase fee rate, so it lies from 0 to 1.

    Examples
    --------
    >>> parse_discount("1折"), parse_discount("10%"), parse_discount(0.1)
    (0.1, 0.1, 0.1)
    """
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, (str, int, float, Decimal, np.number)):
        raise InputError(field, value, code="funds.discount_format")
    text = str(value).strip()
    try:
        if text.endswith(_TENTHS):
            number = float(text[:-1]) / 10.0
        elif text.endswith(_PERCENT):
            number = float(text[:-1]) / 100.0
        else:
            number = float(text)
    except ValueError:
        raise InputError(field, value, code="funds.discount_format") from None
    if not 0.0 <= number <= 1.0:  # nan fails this too
        raise InputError(field, value, code="funds.discount_range")
    return number


def _tiers(tiers: Any) -> tuple[tuple[float, float], ...]:
    try:
        out = tuple(sorted((check.number(d, "redemption_tiers"), check.number(r, "redemption_tiers"))
                           for d, r in tiers))
    except (TypeError, ValueError):  # InputError is a ValueError: one message for any bad tier
        raise InputError("redemption_tiers", tiers, code="funds.tiers") from None
    if not out or any(d < 0 or not 0 <= r <= 0.5 for d, r in out):
        raise InputError("redemption_tiers", tiers, code="funds.tiers")
    return out


# ---------------------------------------------------------------- fee arithmetic


def round_shares(shares: ArrayLike, rounding: str = "half_up") -> Any:
    """Shares to 0.01 share: half-up (四舍五入, the default) or truncated.

    >>> round_shares(7980.7371), round_shares(7980.7371, "truncate")
    (7980.74, 7980.73)
    """
    _rounding(rounding)
    if rounding == "half_up":
        return round_fen(shares)
    arr = np.asarray(shares, dtype=np.float64)
    out = np.floor(np.round(arr * 100.0, 6)) / 100.0
    return float(out) if out.ndim == 0 and not isinstance(shares, np.ndarray) else out


class _OneRow:
    """rows() and to_dict() for a result that is one row of ``headers``."""

    __slots__ = ()
    headers: tuple[str, ...] = ()

    def rows(self) -> list[list[float]]:
        return [[getattr(self, h) for h in self.headers]]

    def to_dict(self) -> dict[str, Any]:
        """The fields, JSON-ready (:func:`wealthcalc.results.fields_dict`)."""
        return fields_dict(self)


class FeeMethod(str, enum.Enum):
    """How the front-end fee is taken: 外扣法 (required since 2007) or 内扣法 (the old way)."""

    EXTERNAL = "external"
    INTERNAL = "internal"


@dataclass(frozen=True, slots=True)
class Purchase(_OneRow):
    """One 申购 (or 认购) order: what was paid, the fee and the shares bought."""

    amount: float
    fee: float
    net: float
    nav: float
    shares: float

    headers = ("amount", "fee", "net", "nav", "shares")


def _buy(amount, fee_rate, nav, *, discount=1.0, fixed_fee=None, rounding="half_up",
         method="external", interest=0.0):
    """Vectorized 外扣法 purchase: (fee, net, shares) arrays (docs/rules/funds.md#purchase-fee)."""
    amount = np.asarray(amount, dtype=np.float64)
    if fixed_fee is not None:
        fee = np.broadcast_to(np.float64(fixed_fee), amount.shape).astype(np.float64)
        net = round_fen(amount - fee)
    elif method == "internal":
        fee = round_fen(amount * fee_rate * discount)
        net = round_fen(amount - fee)
    else:
        net = round_fen(amount / (1.0 + fee_rate * discount))
        fee = round_fen(amount - net)
    shares = round_shares((net + interest) / np.asarray(nav, dtype=np.float64), rounding)
    return fee, net, shares


def purchase(
    amount: AmountLike,
    fee_rate: float,
    nav: float,
    *,
    discount: float = 1.0,
    fixed_fee: float | None = None,
    rounding: str = "half_up",
    method: str = "external",
    interest: float = 0.0,
) -> Purchase:
    """Buy fund shares for ``amount`` yuan: the 外扣法 front-end fee and the shares.

    Parameters
    ----------
    amount : yuan paid (申购金额), fee included.
    fee_rate : list front-end rate (申购费率), e.g. 0.015.
    nav : price per share on the dealing day (1.00 for 认购 at par).
    discount : channel discount multiplying the rate: 0.1 for 1折, 0.4 for 4折.
    fixed_fee : a per-order fee in yuan (e.g. 1,000 for orders of 5,000,000
        and more); replaces the rate and is never discounted.
    rounding : shares to 0.01, ``'half_up'`` (default) or ``'truncate'``.
    method : ``'external'`` (外扣法, required since 2007) or ``'internal'``
        (内扣法, the old way, for comparison only).
    interest : offering-period interest converted into shares (认购 only).

    Returns
    -------
    Purchase with amount, fee, net, nav and shares.

    Notes
    -----
    外扣法: ``net = amount / (1 + fee_rate × discount)`` rounded half-up to the
    fen, ``fee = amount − net``, ``shares = (net + interest) / nav`` to 0.01.
    内扣法: ``fee = amount × rate``, ``net = amount − fee``.

    References
    ----------
    docs/rules/funds.md#purchase-fee (F-1…F-5); CSRC 2007 notice requiring 外扣法.

    Examples
    --------
    10,000 yuan into a fund at NAV 1.2345, list fee 1.5 % (F-1), or through
    an online channel at 1折 (F-2):

    >>> purchase(10_000, 0.015, 1.2345)
    Purchase(amount=10000.0, fee=147.78, net=9852.22, nav=1.2345, shares=7980.74)
    >>> purchase(10_000, 0.015, 1.2345, discount=0.1).shares
    8088.31
    """
    amount = _amount(amount)
    fee_rate = _fee_rate(fee_rate)
    nav = _nav(nav)
    discount = _number(discount, "discount", 0.0, 1.0, "funds.discount")
    _rounding(rounding)
    method = check.choice(method, "method", FeeMethod).value
    interest = _number(interest, "interest", 0.0, MAX_AMOUNT, "funds.interest")
    if fixed_fee is not None:
        fixed_fee = _number(fixed_fee, "fixed_fee", 0.0, amount, "funds.fixed_fee")
        if fixed_fee >= amount:
            raise InputError("fixed_fee", fixed_fee, code="funds.fixed_fee_below", params={"amount": amount})
    fee, net, shares = _buy(amount, fee_rate, nav, discount=discount, fixed_fee=fixed_fee,
                            rounding=rounding, method=method, interest=interest)
    _buys_shares(amount, shares, nav)
    return Purchase(amount, float(fee), float(net), nav, float(shares))


def _buys_shares(amounts: Any, shares: Any, navs: Any) -> None:
    """Refuse an amount that buys no share (0.01) at its NAV: the plan would be nonsense."""
    amounts, shares = np.atleast_1d(amounts), np.atleast_1d(shares)
    bad = np.flatnonzero((amounts > 0) & (shares <= 0))
    if len(bad):
        at = np.broadcast_to(np.atleast_1d(navs), amounts.shape)
        raise InputError("amount", float(amounts[bad[0]]), code="funds.no_shares",
                         params={"amount": f"{float(amounts[bad[0]]):,.2f}", "nav": f"{float(at[bad[0]]):.4f}"})


@dataclass(frozen=True, slots=True)
class Redemption(_OneRow):
    """One 赎回: gross proceeds, the redemption fee and what is paid out."""

    shares: float
    nav: float
    gross: float
    fee_rate: float
    fee: float
    net: float

    headers = ("shares", "nav", "gross", "fee_rate", "fee", "net")


def redemption_rate(days_held: int, tiers: Sequence[Sequence[float]] = DEFAULT_REDEMPTION_TIERS) -> float:
    """The redemption fee rate for a lot held ``days_held`` days.

    ``tiers`` are ((min_days, rate), ...): the rate of the last tier whose
    min_days is at most days_held.

    >>> redemption_rate(5), redemption_rate(7), redemption_rate(60), redemption_rate(400)
    (0.015, 0.0075, 0.005, 0.0)
    """
    table = _tiers(tiers)
    days = _number(days_held, "days_held", 0, 1e6, "funds.days_held")
    return float(_tier_rates(np.array([days]), table)[0])


def _tier_rates(days: NDArray, table: tuple[tuple[float, float], ...]) -> NDArray:
    bounds = np.array([d for d, _ in table])
    rates = np.array([0.0] + [r for _, r in table])
    return rates[np.searchsorted(bounds, days, side="right")]


def redeem(shares: float, nav: float, fee_rate: float) -> Redemption:
    """Sell ``shares`` at ``nav`` with a redemption fee rate.

    Notes
    -----
    ``gross = shares × NAV`` and ``fee = gross × rate``, each rounded half-up
    to the fen; ``net = gross − fee`` (docs/rules/funds.md#redemption-fee). Pick the rate for the
    holding period with :func:`redemption_rate`.

    Examples
    --------
    5,000 shares at NAV 1.3000 held 5 days (1.5 %, F-6):

    >>> r = redeem(5000, 1.3, 0.015)
    >>> r.gross, r.fee, r.net
    (6500.0, 97.5, 6402.5)
    """
    shares = _number(shares, "shares", 0.0, 1e13, "funds.shares")
    nav = _nav(nav)
    fee_rate = _fee_rate(fee_rate)
    gross = round_fen(shares * nav)
    fee = round_fen(gross * fee_rate)
    return Redemption(shares, nav, gross, fee_rate, fee, round_fen(gross - fee))


@dataclass(frozen=True, slots=True)
class Dividend(_OneRow):
    """A dividend on a holding: the cash, and the shares it buys if reinvested."""

    shares_held: float
    per_share: float
    cash: float
    nav: float
    shares: float

    headers = ("shares_held", "per_share", "cash", "nav", "shares")


def reinvest_dividend(shares_held: float, per_share: float, nav: float, *, rounding: str = "half_up") -> Dividend:
    """A cash dividend and the shares it buys at the ex-dividend NAV (红利再投资).

    Notes
    -----
    ``cash = shares_held × per_share`` rounded half-up to the fen;
    reinvested ``shares = cash / NAV(ex-date)`` to 0.01 share, with no
    front-end fee (docs/rules/funds.md#dividends).

    Examples
    --------
    0.05 yuan per share on 10,000 shares, reinvested at 1.1500 (F-9):

    >>> d = reinvest_dividend(10_000, 0.05, 1.15)
    >>> d.cash, d.shares
    (500.0, 434.78)
    """
    shares_held = _number(shares_held, "shares_held", 0.0, 1e13, "funds.shares")
    per_share = _number(per_share, "per_share", 0.0, 1e6, "funds.per_share")
    nav = _nav(nav)
    cash = round_fen(shares_held * per_share)
    return Dividend(shares_held, per_share, cash, nav, float(round_shares(cash / nav, _rounding(rounding))))

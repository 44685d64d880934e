"""Fund dollar-cost averaging (基金定投): honest back-tests with real fees.

The fund fee arithmetic lives here, once: :func:`purchase` (申购, 外扣法
front-end fee with the channel discount, rules §8.2), :func:`redeem`
(赎回 with the fee by holding period, §8.3) and :func:`reinvest_dividend`
(§8.5). :func:`simulate` runs a plan on a NAV history (debit days that are
not trading days roll to the next NAV date, §9.1) and reports every lot and
the 定投收益率, average cost, XIRR and drawdown (§9.2). :func:`lump_sum`
invests the same money at once, a ``smart=`` rule scales each installment by
the price's distance from its moving average (智能定投, §9.3), and
:func:`deposit_benchmark` puts the same contributions in a bank deposit.
:func:`every_start` runs the plan from every start date of the series at
once (cumulative sums and one batch XIRR), giving the 定投胜率 and the spread
of outcomes.

NAV files are read by :func:`load_nav` (see :mod:`wealthcalc.navdata`).

>>> s = synthetic_nav(days=300, annual_drift=0.0, volatility=0.0)
>>> bt = simulate(s, 1000, fee_rate=0.0)
>>> bt.installments, bt.invested, bt.holding_return, round(bt.xirr, 9)
(14, 14000.0, 0.0, 0.0)
"""

from __future__ import annotations

import datetime as _dt
import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Sequence

import numpy as np
from numpy.typing import ArrayLike, NDArray

from .dates import add_months_array, to_date
from .errors import InputError
from .money import MAX_AMOUNT, round_fen
from .navdata import (NOTES_ZH, NavFileError, NavSeries, Note, describe_source, load_nav, note_text, synthetic_nav,
                      write_nav_csv)

__all__ = [
    "DEFAULT_REDEMPTION_TIERS",
    "ICBC_2009",
    "DcaBacktest",
    "DepositBenchmark",
    "Dividend",
    "EveryStart",
    "EveryStartPeriod",
    "FREQUENCIES",
    "NOTES_ZH",
    "NavFileError",
    "NavSeries",
    "Note",
    "Purchase",
    "Redemption",
    "SmartRule",
    "deposit_benchmark",
    "describe_source",
    "every_start",
    "load_nav",
    "lump_sum",
    "note_text",
    "parse_discount",
    "purchase",
    "redeem",
    "redemption_rate",
    "reinvest_dividend",
    "round_shares",
    "simulate",
    "smart_factor",
    "synthetic_nav",
    "write_nav_csv",
]

DEFAULT_REDEMPTION_TIERS: tuple[tuple[int, float], ...] = ((0, 0.015), (7, 0.0075), (30, 0.005), (180, 0.0))
"""赎回费 by days held, ((min_days, rate), ...): the example mixed-fund schedule of rules §8.3
(< 7 days 1.5 %, 7-30 days 0.75 %, 30-180 days 0.5 %, 180 days and more free)."""

FREQUENCIES = ("monthly", "biweekly", "weekly", "daily")
_ROUNDINGS = ("half_up", "truncate")
_DIVIDENDS = ("reinvest", "cash")


# ---------------------------------------------------------------- validation


def _number(value: Any, name: str, low: float, high: float, hint: str, *, hint_zh: str,
            low_open: bool = False) -> float:
    if isinstance(value, bool):
        raise InputError(name, value, hint, hint_zh=hint_zh)
    try:
        x = float(value)
    except (TypeError, ValueError):
        raise InputError(name, value, hint, hint_zh=hint_zh) from None
    if not math.isfinite(x) or x > high or x < low or (low_open and x == low):
        raise InputError(name, value, hint, hint_zh=hint_zh)
    return x


def _amount(value: Any, name: str = "amount") -> float:
    return _number(value, name, 0.0, MAX_AMOUNT, f"a positive amount of yuan up to {MAX_AMOUNT:,.0f}",
                   hint_zh=f"金额须大于零，最多 {MAX_AMOUNT:,.0f} 元", low_open=True)


def _fee_rate(value: Any, name: str = "fee_rate") -> float:
    return _number(value, name, 0.0, 0.5, "a fraction from 0 to 0.5, e.g. 0.015 for 1.5%",
                   hint_zh="费率用小数表示，0 到 0.5 之间，例如 1.5% 写作 0.015")


def _nav(value: Any, name: str = "nav") -> float:
    return _number(value, name, 0.0, 1e6, "a positive NAV per share, e.g. 1.2345",
                   hint_zh="单位净值须大于零，例如 1.2345", low_open=True)


def _rounding(value: Any) -> str:
    if value not in _ROUNDINGS:
        raise InputError("rounding", value, "'half_up' (四舍五入, most funds) or 'truncate' (截位)",
                         hint_zh="份额取舍请选 'half_up'（四舍五入，多数基金）或 'truncate'（截位）")
    return value


def parse_discount(value: Any, *, field: str = "discount") -> float:
    """A fee discount (费率折扣) as written by sales channels: 0.1, "1折" or "10%".

    The discount multiplies the list purchase fee rate, so it lies from 0 to 1.

    Examples
    --------
    >>> parse_discount("1折"), parse_discount("10%"), parse_discount(0.1)
    (0.1, 0.1, 0.1)
    """
    text = str(value).strip()
    try:
        if text.endswith("折"):
            number = float(text[:-1]) / 10.0
        elif text.endswith(("%", "％")):
            number = float(text[:-1]) / 100.0
        else:
            number = float(text)
    except ValueError:
        raise InputError(field, value, "a fraction of the list fee: 0.1, 1折 or 10%",
                         hint_zh="费率折扣请写成 0.1、1折 或 10%") from None
    if not 0.0 <= number <= 1.0:
        raise InputError(field, value, "the discount multiplies the fee rate and lies between 0 and 1 (0.1 = 1折)",
                         hint_zh="折扣乘以原申购费率，须在 0 到 1 之间（0.1 即 1折）")
    return number


def _tiers(tiers: Any) -> tuple[tuple[float, float], ...]:
    hint = "((min_days_held, rate), ...) with days >= 0 and rates from 0 to 0.5, e.g. ((0, 0.015), (7, 0))"
    hint_zh = "赎回费率分档写成 ((最短持有天数, 费率), ...)，天数不小于 0，费率 0 到 0.5，例如 ((0, 0.015), (7, 0))"
    try:
        out = tuple(sorted((float(d), float(r)) for d, r in tiers))
    except (TypeError, ValueError):
        raise InputError("redemption_tiers", tiers, hint, hint_zh=hint_zh) from None
    if not out or any(d < 0 or not 0 <= r <= 0.5 or not math.isfinite(d) for d, r in out):
        raise InputError("redemption_tiers", tiers, hint, hint_zh=hint_zh)
    return out




def _series(nav: Any) -> NavSeries:
    if isinstance(nav, NavSeries):
        return nav
    if isinstance(nav, (str, Path)):
        return load_nav(nav)
    raise InputError("nav", type(nav).__name__, "a NavSeries (from load_nav or synthetic_nav) or a CSV path",
                     hint_zh="请给出净值序列（load_nav 或 synthetic_nav 的结果）或净值 CSV 文件路径")


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

    def to_dict(self) -> dict[str, float]:
        return {h: getattr(self, h) for h in self.headers}


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
    """Vectorized 外扣法 purchase: (fee, net, shares) arrays (rules §8.2)."""
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
    amount: float,
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
    Rules §8.2 (F-1…F-5); CSRC 2007 notice requiring 外扣法.

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
    discount = _number(discount, "discount", 0.0, 1.0, "a fraction of the list rate from 0 to 1: 0.1 for 1折",
                       hint_zh="费率折扣是原费率的比例，0 到 1 之间：1折写作 0.1")
    _rounding(rounding)
    if method not in ("external", "internal"):
        raise InputError("method", method, "'external' (外扣法) or 'internal' (内扣法)",
                         hint_zh="申购费计算方式请选 'external'（外扣法）或 'internal'（内扣法）")
    interest = _number(interest, "interest", 0.0, MAX_AMOUNT, "offering-period interest in yuan, 0 or more",
                       hint_zh="募集期利息（元），不小于 0")
    if fixed_fee is not None:
        fixed_fee = _number(fixed_fee, "fixed_fee", 0.0, amount, "a per-order fee in yuan below the amount",
                            hint_zh="每笔固定费用（元）须小于申购金额")
        if fixed_fee >= amount:
            raise InputError("fixed_fee", fixed_fee, f"must be below the amount ({amount})",
                             hint_zh=f"须小于申购金额（{amount}）")
    fee, net, shares = _buy(amount, fee_rate, nav, discount=discount, fixed_fee=fixed_fee,
                            rounding=rounding, method=method, interest=interest)
    return Purchase(amount, float(fee), float(net), nav, float(shares))


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
    days = _number(days_held, "days_held", 0, 1e6, "whole days held, 0 or more", hint_zh="持有天数，不小于 0")
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
    to the fen; ``net = gross − fee`` (rules §8.3). Pick the rate for the
    holding period with :func:`redemption_rate`.

    Examples
    --------
    5,000 shares at NAV 1.3000 held 5 days (1.5 %, F-6):

    >>> r = redeem(5000, 1.3, 0.015)
    >>> r.gross, r.fee, r.net
    (6500.0, 97.5, 6402.5)
    """
    shares = _number(shares, "shares", 0.0, 1e13, "shares held, 0 or more", hint_zh="持有份额，不小于 0")
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
    front-end fee (rules §8.5).

    Examples
    --------
    0.05 yuan per share on 10,000 shares, reinvested at 1.1500 (F-9):

    >>> d = reinvest_dividend(10_000, 0.05, 1.15)
    >>> d.cash, d.shares
    (500.0, 434.78)
    """
    shares_held = _number(shares_held, "shares_held", 0.0, 1e13, "shares held, 0 or more",
                          hint_zh="持有份额，不小于 0")
    per_share = _number(per_share, "per_share", 0.0, 1e6, "cash per share in yuan, 0 or more",
                        hint_zh="每份分红金额（元），不小于 0")
    nav = _nav(nav)
    cash = round_fen(shares_held * per_share)
    return Dividend(shares_held, per_share, cash, nav, float(round_shares(cash / nav, _rounding(rounding))))


# ---------------------------------------------------------------- smart DCA


@dataclass(frozen=True, slots=True)
class SmartRule:
    """A smart-DCA (均线定投) rule: installment factor by distance from a moving average.

    ``above`` and ``below`` list (min_distance, factor) pairs, distance as a
    fraction of the moving average; a band includes its lower bound and runs
    to the next one (``0.15 <= d < 0.50`` → 0.8). Exactly on the average
    counts as "above by 0".
    """

    above: tuple[tuple[float, float], ...]
    below: tuple[tuple[float, float], ...]
    ma_days: int = 180
    name: str = ""

    def to_dict(self) -> dict:
        return {"name": self.name, "ma_days": self.ma_days,
                "above": [list(p) for p in self.above], "below": [list(p) for p in self.below]}


ICBC_2009 = SmartRule(
    above=((0.0, 0.9), (0.15, 0.8), (0.50, 0.7), (1.10, 0.6)),
    below=((0.0, 1.1), (0.05, 1.2), (0.10, 1.3), (0.15, 1.4)),
    ma_days=180,
    name="ICBC 基智定投 (2009)",
)
"""ICBC 基智定投 (2009), rules §9.3: T−1 close vs its 180-day MA. The top band
(above by 110 % or more → 60 %) is garbled in the source ("0.0 %") and
unconfirmed: replace it with ``dataclasses.replace(ICBC_2009, above=...)``."""


def _check_rule(rule: Any) -> SmartRule:
    if not isinstance(rule, SmartRule):
        raise InputError("smart", rule, "a SmartRule such as wealthcalc.dca.ICBC_2009",
                         hint_zh="请给出智能定投规则（SmartRule），例如 wealthcalc.dca.ICBC_2009")
    for side in (rule.above, rule.below):
        if not side or side[0][0] != 0 or any(f < 0 for _, f in side) or any(
            b <= a for (a, _), (b, _) in zip(side, side[1:])
        ):
            raise InputError("smart", rule.name or rule, "bands must start at distance 0, rise strictly, "
                             "and have factors of 0 or more",
                             hint_zh="偏离档位须从 0 开始、严格递增，扣款比例不小于 0")
    if not isinstance(rule.ma_days, int) or rule.ma_days < 2:
        raise InputError("smart.ma_days", rule.ma_days, "a moving-average length of 2 days or more",
                         hint_zh="均线天数至少为 2 天")
    return rule


def _factors(deviation: NDArray, rule: SmartRule) -> NDArray:
    d = np.round(np.asarray(deviation, dtype=np.float64), 10)  # 0.1 - float noise stays 0.1
    out = np.empty_like(d)
    for side, sign in ((rule.above, 1.0), (rule.below, -1.0)):
        bounds = np.array([b for b, _ in side])
        factors = np.array([f for _, f in side])
        mask = (d >= 0) if sign > 0 else (d < 0)
        out[mask] = factors[np.searchsorted(bounds, sign * d[mask], side="right") - 1]
    return out


def smart_factor(deviation: float, rule: SmartRule = ICBC_2009) -> float:
    """The installment factor for a price ``deviation`` from its moving average.

    ``deviation = (close(T−1) − MA(T−1)) / MA(T−1)`` as a fraction.

    Examples
    --------
    DC-2: base 1,000, index 10 % below its MA → 1,300; 20 % above → 800:

    >>> 1000 * smart_factor(-0.10), 1000 * smart_factor(0.20)
    (1300.0, 800.0)
    """
    d = _number(deviation, "deviation", -1.0, 1e6, "a fraction: -0.10 for 10% below the average",
                hint_zh="偏离均线的比例，用小数表示：低于均线 10% 写作 -0.10")
    return float(_factors(np.array([d]), _check_rule(rule))[0])


def _smart_amounts(dates: NDArray, dealt: NDArray, base: float, rule: SmartRule, ref: NavSeries,
                   notes: list[Note], short_code: str) -> NDArray:
    """Installment amounts for the fund's NAV dates ``dates[dealt]``; notes what lacked a full MA.

    The factor uses the reference's last close before the dealing day (T−1)
    and the ``ma_days`` closes ending there; with fewer, the base amount.
    """
    when = dates[dealt]
    prev = np.searchsorted(ref.dates, when, side="left") - 1  # T-1 index
    cs = np.concatenate([[0.0], np.cumsum(ref.nav)])
    m = rule.ma_days
    ok = prev + 1 >= m
    factor = np.ones(len(when))
    i = prev[ok]
    ma = (cs[i + 1] - cs[i + 1 - m]) / m
    factor[ok] = _factors((ref.nav[i] - ma) / ma, rule)
    if (~ok).any():
        notes.append(Note(short_code, count=int((~ok).sum()), ma_days=m))
    # the fund traded after the reference's last close and before the debit: that close is stale
    stale = ok & (np.searchsorted(dates, when, side="left") > np.searchsorted(dates, ref.dates[-1], side="right"))
    if stale.any():
        notes.append(Note("stale_reference", last=str(ref.dates[-1]), count=int(stale.sum())))
    return round_fen(base * factor)


# ---------------------------------------------------------------- schedule


def _schedule(series: NavSeries, frequency: str, day: int | None, start: _dt.date, end: _dt.date) -> NDArray:
    s, e = np.datetime64(start, "D"), np.datetime64(end, "D")
    if frequency == "daily":
        return series.dates[(series.dates >= s) & (series.dates <= e)]
    if frequency == "monthly":
        day = start.day if day is None else day
        first_month = s.astype("datetime64[M]")
        count = int((e.astype("datetime64[M]") - first_month).astype(int)) + 1
        firsts = (first_month + np.arange(count)).astype("datetime64[D]")
        lengths = ((first_month + np.arange(count) + 1).astype("datetime64[D]") - firsts).astype(np.int64)
        out = firsts + np.minimum(day, lengths) - 1
    else:
        step = 7 if frequency == "weekly" else 14
        day = start.isoweekday() if day is None else day
        first = s + int((day - start.isoweekday()) % 7)
        out = np.arange(first, e + 1, step, dtype="datetime64[D]")
    return out[(out >= s) & (out <= e)]


# ---------------------------------------------------------------- back-test


@dataclass(frozen=True, slots=True)
class DcaBacktest:
    """A DCA (or lump-sum) back-test: every lot and the summary (rules §9.2).

    Amounts are positive yuan. ``holding_return`` is the platforms' 定投收益率
    ``(market value + cash dividends + redemption proceeds − invested) /
    invested`` (with ``redeem`` the market value is replaced by the net
    proceeds); ``xirr`` the annual rate of the dated flows (actual/365);
    ``max_drawdown`` the largest fall, from its running peak, of value per
    yuan invested ``(market value + cash dividends) / invested so far`` on
    NAV dates from the first installment to the valuation date.
    """

    kind: str
    installments: int
    invested: float
    fees: float
    shares: float
    average_cost: float
    market_value: float
    cash_dividends: float
    redemption_fee: float
    redemption_value: float
    profit: float
    holding_return: float
    xirr: float
    max_drawdown: float
    first_date: _dt.date
    value_date: _dt.date
    value_nav: float
    synthetic: bool
    source: str
    notes: tuple[Note, ...] = ()
    frequency: str = "monthly"
    fee_rate: float = 0.0
    discount: float = 1.0
    dividends: str = "reinvest"
    scheduled_dates: NDArray = field(default=None, compare=False, repr=False)
    dealt_dates: NDArray = field(default=None, compare=False, repr=False)
    amounts: NDArray = field(default=None, compare=False, repr=False)
    lot_fees: NDArray = field(default=None, compare=False, repr=False)
    nets: NDArray = field(default=None, compare=False, repr=False)
    navs: NDArray = field(default=None, compare=False, repr=False)
    lot_shares: NDArray = field(default=None, compare=False, repr=False)
    events: tuple[dict, ...] = field(default=(), compare=False, repr=False)

    headers = ("scheduled_date", "dealt_date", "amount", "fee", "net", "nav", "shares")
    summary_keys = ("installments", "invested", "fees", "shares", "average_cost", "market_value",
                    "cash_dividends", "redemption_fee", "redemption_value", "profit",
                    "holding_return", "xirr", "max_drawdown")

    def rows(self) -> list[list]:
        """One row per installment (lot), as in :attr:`headers`."""
        return [
            [s.astype(_dt.date), d.astype(_dt.date), float(a), float(f), float(n), float(v), float(h)]
            for s, d, a, f, n, v, h in zip(self.scheduled_dates, self.dealt_dates, self.amounts,
                                          self.lot_fees, self.nets, self.navs, self.lot_shares)
        ]

    def summary(self) -> list[tuple[str, Any]]:
        """(key, value) pairs of the summary, in display order."""
        return [(k, getattr(self, k)) for k in self.summary_keys]

    def to_dict(self) -> dict:
        out = {"kind": self.kind}
        out.update({k: (int(v) if k == "installments" else float(v)) for k, v in self.summary()})
        out.update(first_date=self.first_date.isoformat(), value_date=self.value_date.isoformat(),
                   value_nav=self.value_nav, synthetic=self.synthetic, source=self.source,
                   notes=list(self.notes), note_codes=_note_codes(self.notes),
                   frequency=self.frequency, fee_rate=self.fee_rate,
                   discount=self.discount, dividends=self.dividends)
        out["lots"] = [
            {k: (v.isoformat() if isinstance(v, _dt.date) else v) for k, v in zip(self.headers, row)}
            for row in self.rows()
        ]
        out["dividends"] = [dict(e) for e in self.events]
        return out


def _note_codes(notes: Sequence[str]) -> list[dict]:
    return [n.to_dict() for n in notes if isinstance(n, Note)]


def _value_index(series: NavSeries, value_date: _dt.date) -> int:
    v = int(np.searchsorted(series.dates, np.datetime64(value_date, "D"), side="right")) - 1
    if v < 0:
        raise InputError("value_date", value_date.isoformat(),
                         f"the NAV series starts on {series.first_date.isoformat()}; value on a later date",
                         hint_zh=f"净值序列从 {series.first_date.isoformat()} 开始；估值日请选在此之后")
    return v


def _confirm_dates(series: NavSeries, idx: NDArray) -> NDArray:
    """Share confirmation dates (T+1: the next NAV date; a day later at the series end)."""
    nxt = np.minimum(idx + 1, len(series) - 1)
    return np.where(idx + 1 < len(series), series.dates[nxt], series.dates[idx] + 1)


def _run(series, scheduled, rule, base, value_idx, *, fee_rate, discount, fixed_fee,
         rounding, dividends, redeem, tiers, kind, ref, notes, frequency) -> DcaBacktest:
    n = len(series)
    dealt = np.searchsorted(series.dates, scheduled, side="left")
    late = dealt > value_idx
    if late.any():
        notes.append(Note("left_out", count=int(late.sum()), first=str(scheduled[late][0]),
                          value_date=str(series.dates[value_idx])))
        scheduled, dealt = scheduled[~late], dealt[~late]
    if len(dealt) == 0:
        raise InputError("start", str(scheduled[0]) if len(scheduled) else "",
                         "no installment falls on or before the valuation date; widen start..end",
                         hint_zh="估值日当天及之前没有任何一期扣款；请放宽开始和结束日期")
    if isinstance(rule, SmartRule):
        amounts = _smart_amounts(series.dates, dealt, base, rule, ref, notes, "short_ma")
    else:
        amounts = np.full(len(dealt), float(base))
    if series.suspended is not None and series.suspended[dealt].any():
        hit = series.suspended[dealt]
        notes.append(Note("suspended", count=int(hit.sum()), first=str(series.dates[dealt][hit][0])))
    navs = series.nav[dealt]
    fees, nets, shares = _buy(amounts, fee_rate, navs, discount=discount, fixed_fee=fixed_fee, rounding=rounding)
    # lots: purchases, then reinvested dividends; splits adjust every lot held
    lot_idx = list(dealt)
    lot_sh = list(shares)
    first = int(dealt[0])
    held_delta = np.zeros(n)  # change of shares held on each NAV date
    np.add.at(held_delta, dealt, shares)
    cash_at = np.zeros(n)
    events: list[dict] = []
    flows_d = list(dealt)
    flows_a = list(-amounts)
    ev = np.flatnonzero((series.dividend > 0) | (series.split != 1))
    for x in ev[(ev > first) & (ev <= value_idx)]:
        idx = np.array(lot_idx)
        sh = np.array(lot_sh)
        mask = idx < x
        held = float(round_fen(sh[mask].sum()))
        date = series.dates[x].astype(_dt.date).isoformat()
        if series.dividend[x] > 0 and held > 0:
            cash = round_fen(held * series.dividend[x])
            event = {"date": date, "kind": "dividend", "shares_held": held,
                     "per_share": float(series.dividend[x]), "cash": cash, "shares": 0.0}
            if dividends == "reinvest":
                new = float(round_shares(cash / series.nav[x], rounding))
                lot_idx.append(int(x))
                lot_sh.append(new)
                held_delta[x] += new
                event["shares"] = new
            else:
                cash_at[x] += cash
                flows_d.append(int(x))
                flows_a.append(cash)
            events.append(event)
        if series.split[x] != 1 and held > 0:
            sh = np.array(lot_sh)
            before = np.array(lot_idx) < x
            adjusted = np.where(before, round_shares(sh * series.split[x], rounding), sh)
            held_delta[x] += float((adjusted - sh)[before].sum())
            lot_sh = list(adjusted)
            events.append({"date": date, "kind": "split", "shares_held": held, "ratio": float(series.split[x]),
                           "shares": float(round_fen(adjusted[before].sum()))})
    lot_idx_arr = np.array(lot_idx)
    lot_sh_arr = np.array(lot_sh, dtype=np.float64)
    total_shares = float(round_fen(lot_sh_arr.sum()))
    value_nav = float(series.nav[value_idx])
    market_value = round_fen(total_shares * value_nav)
    redemption_fee = redemption_value = 0.0
    final = market_value
    if redeem:
        days = (series.dates[value_idx] - _confirm_dates(series, lot_idx_arr)).astype(np.int64)
        rates = _tier_rates(np.maximum(days, 0), tiers)
        redemption_fee = float(round_fen(round_fen(round_fen(lot_sh_arr * value_nav) * rates).sum()))
        redemption_value = final = round_fen(market_value - redemption_fee)
    invested = float(round_fen(amounts.sum()))
    cash_dividends = float(round_fen(cash_at.sum()))
    profit = round_fen(final + cash_dividends - invested)
    flows_d.append(value_idx)
    flows_a.append(final)
    xirr_value = _xirr_single(series.dates[np.array(flows_d)], np.array(flows_a), notes)
    # drawdown of (value + cash dividends) per yuan invested so far
    seg = slice(first, value_idx + 1)
    held = np.cumsum(held_delta)[seg]
    inv_path = np.cumsum(np.bincount(dealt, weights=amounts, minlength=n))[seg]
    ratio = (held * series.nav[seg] + np.cumsum(cash_at)[seg]) / inv_path
    max_drawdown = float(np.max(1.0 - ratio / np.maximum.accumulate(ratio))) if len(ratio) else 0.0
    if series.synthetic or (ref is not None and ref.synthetic):
        notes.insert(0, Note("synthetic"))
    return DcaBacktest(
        kind=kind,
        installments=len(dealt),
        invested=invested,
        fees=float(round_fen(fees.sum())),
        shares=total_shares,
        average_cost=invested / total_shares if total_shares else math.nan,
        market_value=market_value,
        cash_dividends=cash_dividends,
        redemption_fee=redemption_fee,
        redemption_value=redemption_value,
        profit=profit,
        holding_return=profit / invested,
        xirr=xirr_value,
        max_drawdown=max(max_drawdown, 0.0),
        first_date=series.dates[first].astype(_dt.date),
        value_date=series.dates[value_idx].astype(_dt.date),
        value_nav=value_nav,
        synthetic=bool(series.synthetic or (ref is not None and ref.synthetic)),
        source=series.source,
        notes=tuple(series.notes) + tuple(notes),
        frequency=frequency,
        fee_rate=fee_rate,
        discount=discount,
        dividends=dividends,
        scheduled_dates=scheduled,
        dealt_dates=series.dates[dealt],
        amounts=amounts,
        lot_fees=np.asarray(fees, dtype=np.float64),
        nets=np.asarray(nets, dtype=np.float64),
        navs=navs,
        lot_shares=np.asarray(shares, dtype=np.float64),
        events=tuple(events),
    )


def _xirr_single(dates: NDArray, amounts: NDArray, notes: list[Note]) -> float:
    from .tvm import xirr

    days, inverse = np.unique(dates, return_inverse=True)
    total = np.bincount(inverse, weights=amounts)
    if not (total > 0).any() or not (total < 0).any():
        notes.append(Note("xirr_no_sign_change"))
        return math.nan
    try:
        value = float(xirr(days, total))
    except ArithmeticError:
        value = math.nan
    if math.isnan(value):
        notes.append(Note("xirr_no_root"))
    return value


def _frequency(frequency: Any) -> None:
    if frequency not in FREQUENCIES:
        raise InputError("frequency", frequency, "one of 'monthly', 'biweekly', 'weekly', 'daily'",
                         hint_zh="扣款频率请选 'monthly'（每月）、'biweekly'（每两周）、'weekly'（每周）或 'daily'（每日）")


def _common(series, fee_rate, discount, fixed_fee, rounding, dividends, redemption_tiers, smart, reference):
    fee_rate = _fee_rate(fee_rate)
    discount = _number(discount, "discount", 0.0, 1.0, "a fraction of the list rate from 0 to 1: 0.1 for 1折",
                       hint_zh="费率折扣是原费率的比例，0 到 1 之间：1折写作 0.1")
    if fixed_fee is not None:
        fixed_fee = _number(fixed_fee, "fixed_fee", 0.0, MAX_AMOUNT, "a per-order fee in yuan, 0 or more",
                            hint_zh="每笔固定费用（元），不小于 0")
    _rounding(rounding)
    if dividends not in _DIVIDENDS:
        raise InputError("dividends", dividends, "'reinvest' (红利再投资) or 'cash' (现金分红)",
                         hint_zh="分红方式请选 'reinvest'（红利再投资）或 'cash'（现金分红）")
    tiers = _tiers(redemption_tiers)
    ref = None
    smart = None if smart is False else smart
    if reference is not None and smart is None:
        raise InputError("reference", reference, "a reference series only drives smart DCA; pass smart= too",
                         hint_zh="参考指数只用于智能定投；请同时给出 smart=")
    if smart is not None:
        smart = _check_rule(ICBC_2009 if smart is True else smart)
        ref = series if reference is None else _series(reference)
    return fee_rate, discount, fixed_fee, tiers, smart, ref


def _window(series, start, end, value_date):
    start = series.first_date if start is None else to_date(start, "start")
    end_given = end is not None
    end = series.last_date if end is None else to_date(end, "end")
    value_date = (end if end_given else series.last_date) if value_date is None else to_date(value_date, "value_date")
    if start > series.last_date:
        raise InputError("start", start.isoformat(),
                         f"the NAV series ends on {series.last_date.isoformat()}; start before that",
                         hint_zh=f"净值序列止于 {series.last_date.isoformat()}；开始日期请早于此日")
    if end < series.first_date:
        raise InputError("end", end.isoformat(),
                         f"the NAV series starts on {series.first_date.isoformat()}; end after that",
                         hint_zh=f"净值序列从 {series.first_date.isoformat()} 开始；结束日期请晚于此日")
    if end < start:
        raise InputError("end", end.isoformat(), f"must not be before start ({start.isoformat()})",
                         hint_zh=f"不能早于开始日期（{start.isoformat()}）")
    if value_date < start:
        raise InputError("value_date", value_date.isoformat(), f"must not be before start ({start.isoformat()})",
                         hint_zh=f"估值日不能早于开始日期（{start.isoformat()}）")
    return start, end, value_date


def simulate(
    nav: NavSeries | str | Path,
    amount: float,
    *,
    frequency: str = "monthly",
    day: int | None = None,
    start: _dt.date | str | None = None,
    end: _dt.date | str | None = None,
    fee_rate: float = 0.015,
    discount: float = 1.0,
    fixed_fee: float | None = None,
    rounding: str = "half_up",
    dividends: str = "reinvest",
    value_date: _dt.date | str | None = None,
    redeem: bool = False,
    redemption_tiers: Sequence[Sequence[float]] = DEFAULT_REDEMPTION_TIERS,
    smart: SmartRule | bool | None = None,
    reference: NavSeries | str | Path | None = None,
) -> DcaBacktest:
    """Back-test a fund DCA plan (基金定投) on a NAV history.

    Parameters
    ----------
    nav : NavSeries (:func:`load_nav`, :func:`synthetic_nav`) or a CSV path.
    amount : yuan debited per installment, fee included (the base amount
        for smart DCA).
    frequency : 'monthly' (每月), 'biweekly' (每两周), 'weekly' (每周) or
        'daily' (每个交易日).
    day : debit day: day of month 1-31 for monthly (month-end in shorter
        months), weekday 1-5 (Monday = 1) for weekly and biweekly; default
        the start date's. Not used for daily.
    start, end : first and last possible debit day (default: the series).
    fee_rate, discount, fixed_fee, rounding : as in :func:`purchase`.
        The default 1.5 % is the usual list rate of equity funds.
    dividends : 'reinvest' (红利再投资, no fee) or 'cash' (现金分红).
    value_date : valuation date: the last NAV on or before it is used
        (default ``end`` if given, else the series' last date).
    redeem : sell everything at the valuation NAV, each lot paying the
        redemption fee for its own holding period.
    redemption_tiers : ((min_days_held, rate), ...), default
        :data:`DEFAULT_REDEMPTION_TIERS` (rules §8.3 example).
    smart : a :class:`SmartRule` (``True`` for :data:`ICBC_2009`): each
        installment is ``amount × factor`` of the T−1 close's distance from
        its moving average, rounded to the fen.
    reference : the series whose moving average drives ``smart`` (an index
        close file); default the fund's own NAV.

    Returns
    -------
    DcaBacktest

    Raises
    ------
    InputError
        for a bad argument (its ``field`` names it) or an empty plan.

    Notes
    -----
    A debit day that is not a NAV date rolls to the next NAV date and is
    priced at that NAV (rules §9.1). Each installment is a :func:`purchase`.
    A dividend (分红送配 column, on its ex-date row) goes to lots dealt before
    the ex-date: reinvested at the ex-date NAV with no fee, or paid in cash
    (a positive flow on the ex-date). A split (折算) multiplies each lot, to
    0.01 share. Holding days for the redemption fee run from the purchase's
    confirmation (the next NAV date, T+1) to the valuation date; selling
    everything, first in first out, each lot pays its own rate. XIRR comes
    from :func:`wealthcalc.tvm.xirr` on the debits (negative), cash dividends
    and the final value (positive), actual/365.

    References
    ----------
    Rules §8.2, §8.3, §8.5, §9.1, §9.2 (DC-1), §9.3 (DC-2).

    Examples
    --------
    1,000 yuan a month on a flat NAV at a 0.15 % fee: the fees are the only
    loss.

    >>> s = synthetic_nav(days=260, annual_drift=0.0, volatility=0.0)
    >>> bt = simulate(s, 1000, day=8, fee_rate=0.0015)
    >>> bt.installments, bt.fees, round(bt.holding_return, 4)
    (12, 18.0, -0.0015)
    """
    series = _series(nav)
    amount = _amount(amount)
    _frequency(frequency)
    if day is not None:
        if frequency == "daily":
            raise InputError("day", day, "a daily plan debits every trading day; leave day out",
                             hint_zh="每日定投在每个交易日扣款；请不要指定扣款日")
        high = 31 if frequency == "monthly" else 5
        hint, hint_zh = (("a day of the month from 1 to 31", "每月扣款日请填 1 到 31") if frequency == "monthly"
                         else ("a weekday from 1 (Monday) to 5 (Friday)", "扣款日请填星期几：1（周一）到 5（周五）"))
        if isinstance(day, bool) or not isinstance(day, (int, np.integer)) or not 1 <= day <= high:
            raise InputError("day", day, hint, hint_zh=hint_zh)
    fee_rate, discount, fixed_fee, tiers, smart, ref = _common(
        series, fee_rate, discount, fixed_fee, rounding, dividends, redemption_tiers, smart, reference)
    redeem = _bool(redeem, "redeem")
    start_d, end_d, value_d = _window(series, start, end, value_date)
    if frequency in ("weekly", "biweekly") and day is None and start_d.isoweekday() > 5:
        day = 1
    scheduled = _schedule(series, frequency, day, start_d, end_d)
    if len(scheduled) == 0:
        raise InputError("start", start_d.isoformat(), f"no debit day between start and end ({end_d.isoformat()})",
                         hint_zh=f"开始日期与结束日期（{end_d.isoformat()}）之间没有扣款日")
    return _run(series, scheduled, smart, amount, _value_index(series, value_d),
                fee_rate=fee_rate, discount=discount, fixed_fee=fixed_fee, rounding=rounding,
                dividends=dividends, redeem=redeem, tiers=tiers, kind="smart" if smart else "dca",
                ref=ref, notes=[], frequency=frequency)


def _bool(value: Any, name: str) -> bool:
    if not isinstance(value, (bool, np.bool_)):
        raise InputError(name, value, "True or False", hint_zh="请填 True（是）或 False（否）")
    return bool(value)


def lump_sum(
    nav: NavSeries | str | Path,
    amount: float,
    *,
    date: _dt.date | str | None = None,
    value_date: _dt.date | str | None = None,
    fee_rate: float = 0.015,
    discount: float = 1.0,
    fixed_fee: float | None = None,
    rounding: str = "half_up",
    dividends: str = "reinvest",
    redeem: bool = False,
    redemption_tiers: Sequence[Sequence[float]] = DEFAULT_REDEMPTION_TIERS,
) -> DcaBacktest:
    """Invest ``amount`` at once on ``date`` (rolled to the next NAV date) and hold.

    To compare with a plan, pass the plan's ``invested`` total, its first
    scheduled date and its ``value_date``; the result is a
    :class:`DcaBacktest` with ``kind='lump_sum'`` and one lot.

    Examples
    --------
    >>> s = synthetic_nav(days=260, annual_drift=0.0, volatility=0.0)
    >>> lump_sum(s, 12_000, fee_rate=0.0015).fees
    17.97
    """
    series = _series(nav)
    amount = _amount(amount)
    fee_rate, discount, fixed_fee, tiers, _, _ = _common(
        series, fee_rate, discount, fixed_fee, rounding, dividends, redemption_tiers, None, None)
    redeem = _bool(redeem, "redeem")
    start_d, _, value_d = _window(series, date, None, value_date)
    scheduled = np.array([np.datetime64(start_d, "D")])
    return _run(series, scheduled, None, amount, _value_index(series, value_d),
                fee_rate=fee_rate, discount=discount, fixed_fee=fixed_fee, rounding=rounding,
                dividends=dividends, redeem=redeem, tiers=tiers, kind="lump_sum", ref=None, notes=[],
                frequency="once")


# ---------------------------------------------------------------- every start date


@dataclass(frozen=True, slots=True)
class EveryStartPeriod:
    """Outcomes of one holding period for a plan started on every possible date.

    ``win_rate`` is the 定投胜率: the share of start dates whose plan ends in
    profit. Percentiles use numpy's linear interpolation; XIRR statistics
    ignore starts without a root (nan).
    """

    years: int
    starts: int
    win_rate: float
    median_return: float
    p5_return: float
    p95_return: float
    median_xirr: float
    p5_xirr: float
    p95_xirr: float
    best_start: _dt.date
    best_return: float
    best_xirr: float
    worst_start: _dt.date
    worst_return: float
    worst_xirr: float
    start_dates: NDArray = field(compare=False, repr=False)
    value_dates: NDArray = field(compare=False, repr=False)
    installments: NDArray = field(compare=False, repr=False)
    invested: NDArray = field(compare=False, repr=False)
    final_value: NDArray = field(compare=False, repr=False)
    profit: NDArray = field(compare=False, repr=False)
    holding_return: NDArray = field(compare=False, repr=False)
    xirr: NDArray = field(compare=False, repr=False)

    headers = ("start_date", "value_date", "installments", "invested", "final_value", "profit",
               "holding_return", "xirr")
    summary_keys = ("years", "starts", "win_rate", "median_return", "p5_return", "p95_return",
                    "median_xirr", "p5_xirr", "p95_xirr", "best_start", "best_return", "best_xirr",
                    "worst_start", "worst_return", "worst_xirr")

    def rows(self) -> list[list]:
        """One row per start date, as in :attr:`headers`."""
        return [
            [s.astype(_dt.date), v.astype(_dt.date), int(k), float(i), float(f), float(p), float(r), float(x)]
            for s, v, k, i, f, p, r, x in zip(self.start_dates, self.value_dates, self.installments,
                                             self.invested, self.final_value, self.profit,
                                             self.holding_return, self.xirr)
        ]

    def summary(self) -> list[tuple[str, Any]]:
        return [(k, getattr(self, k)) for k in self.summary_keys]

    def to_dict(self, *, starts: bool = False) -> dict:
        out = {k: (v.isoformat() if isinstance(v, _dt.date) else v) for k, v in self.summary()}
        if starts:
            out["per_start"] = [
                {k: (v.isoformat() if isinstance(v, _dt.date) else v) for k, v in zip(self.headers, row)}
                for row in self.rows()
            ]
        return out


@dataclass(frozen=True, slots=True)
class EveryStart:
    """A plan run from every start date of a series, for each holding period."""

    frequency: str
    amount: float
    fee_rate: float
    discount: float
    dividends: str
    redeem: bool
    smart: str
    synthetic: bool
    source: str
    periods: tuple[EveryStartPeriod, ...]
    notes: tuple[Note, ...] = ()

    headers = ("years", "starts", "win_rate", "median_return", "p5_return", "p95_return",
               "median_xirr", "p5_xirr", "p95_xirr", "best_start", "best_return", "worst_start",
               "worst_return")

    def rows(self) -> list[list]:
        """One row per holding period, as in :attr:`headers`."""
        return [[getattr(p, h) for h in self.headers] for p in self.periods]

    def to_dict(self, *, starts: bool = False) -> dict:
        return {
            "frequency": self.frequency, "amount": self.amount, "fee_rate": self.fee_rate,
            "discount": self.discount, "dividends": self.dividends, "redeem": self.redeem,
            "smart": self.smart, "synthetic": self.synthetic, "source": self.source,
            "notes": list(self.notes),
            "note_codes": _note_codes(self.notes),
            "periods": [p.to_dict(starts=starts) for p in self.periods],
        }


_CHUNK_ELEMENTS = 400_000  # lots per row chunk: bounds memory and feeds the progress bar


def _plan_matrix(D, idx, targ, v, frequency, months):
    """Dealt indices (rows x installments) and the valid mask for starts ``idx``."""
    n = len(D)
    if frequency == "monthly":
        S = add_months_array(D[idx][:, None], np.arange(months)[None, :])
        M = S < targ[:, None]
        J = np.searchsorted(D, S, side="left")
    elif frequency in ("weekly", "biweekly"):
        step = 7 if frequency == "weekly" else 14
        span = int((targ - D[idx]).astype(np.int64).max())
        S = D[idx][:, None] + step * np.arange(-(-span // step))[None, :]
        M = S < targ[:, None]
        J = np.searchsorted(D, S, side="left")
    else:  # daily: every NAV date before the target
        stop = np.searchsorted(D, targ, side="left")
        width = int((stop - idx).max())
        J = idx[:, None] + np.arange(width)[None, :]
        M = J < stop[:, None]
    M &= J <= v[:, None]
    return np.minimum(J, n - 1), M


_XIRR_ROWS = 64
"""Plans per xirr_batch call. Neighbouring starts share most day offsets, so a batch of 64 has a few
hundred date columns, where all the starts of a block together have one per day of the period; the
cost of a batch grows with rows x columns (measured on 5,000 NAVs: monthly plans with cash dividends
6.4 s -> 1.7 s for 1-5 years)."""


def _xirr_rows(offsets: NDArray, amounts: NDArray) -> NDArray:
    """XIRR of each row's flows, dated by day offsets from the row's own start, in one batch."""
    from .tvm import xirr_batch

    uniq, inverse = np.unique(offsets, return_inverse=True)
    rows = len(offsets)
    flat = np.arange(rows)[:, None] * len(uniq) + inverse.reshape(offsets.shape)
    dense = np.bincount(flat.ravel(), weights=amounts.ravel(), minlength=rows * len(uniq))
    origin = np.datetime64("2000-01-01")
    return np.asarray(xirr_batch(origin + uniq, dense.reshape(rows, len(uniq))), dtype=np.float64)


def _period(series, years, amt_idx, sh_idx, *, frequency, rounding, dividends, redeem, tiers,
            progress, done, total):
    D = series.dates
    n = len(D)
    target = add_months_array(D, np.full(n, 12 * years))
    starts = np.flatnonzero(target <= D[-1])
    if len(starts) == 0:
        raise InputError("years", years, f"the series ({series.first_date} to {series.last_date}) is shorter "
                         f"than {years} year(s); use a shorter holding period or a longer series",
                         hint_zh=f"净值序列（{series.first_date} 至 {series.last_date}）不足 {years} 年；"
                         "请缩短持有年数或使用更长的净值序列")
    ev = np.flatnonzero((series.dividend > 0) | (series.split != 1))
    per_row = {"monthly": 12 * years, "weekly": 53 * years, "biweekly": 27 * years, "daily": 262 * years}
    chunk = max(16, _CHUNK_ELEMENTS // max(per_row[frequency], 1))
    out = {k: np.empty(len(starts)) for k in ("inst", "inv", "final", "profit", "ret", "xirr")}
    vals = np.empty(len(starts), dtype=np.int64)
    for lo in range(0, len(starts), chunk):
        idx = starts[lo:lo + chunk]
        targ = target[idx]
        v = np.searchsorted(D, targ, side="right") - 1
        J, M = _plan_matrix(D, idx, targ, v, frequency, 12 * years)
        L = np.where(M, sh_idx[J], 0.0)
        A = np.where(M, amt_idx[J], 0.0)
        R = np.zeros((len(idx), len(ev)))  # reinvested lots, one column per event
        C = np.zeros((len(idx), len(ev)))  # cash dividends
        for e, x in enumerate(ev):
            before = M & (J < x)
            held = round_fen((L * before).sum(1) + R[:, :e].sum(1))
            app = (x <= v) & (held > 0)
            if not app.any():
                continue
            if series.dividend[x] > 0:
                cash = np.where(app, round_fen(held * series.dividend[x]), 0.0)
                if dividends == "reinvest":
                    R[:, e] = round_shares(cash / series.nav[x], rounding)
                else:
                    C[:, e] = cash
            if series.split[x] != 1:
                ratio = series.split[x]
                L = np.where(before & app[:, None], round_shares(L * ratio, rounding), L)
                R[:, :e] = np.where(app[:, None], round_shares(R[:, :e] * ratio, rounding), R[:, :e])
        shares = round_fen(L.sum(1) + R.sum(1))
        nav_v = series.nav[v]
        final = round_fen(shares * nav_v)
        if redeem:
            conf_L = _confirm_dates(series, J)
            conf_R = _confirm_dates(series, ev)[None, :] if len(ev) else np.zeros((1, 0), "datetime64[D]")
            days_L = np.maximum((D[v][:, None] - conf_L).astype(np.int64), 0)
            days_R = np.maximum((D[v][:, None] - conf_R).astype(np.int64), 0)
            fee_L = round_fen(round_fen(L * nav_v[:, None]) * _tier_rates(days_L, tiers))
            fee_R = round_fen(round_fen(R * nav_v[:, None]) * _tier_rates(days_R, tiers))
            final = round_fen(final - round_fen(fee_L.sum(1) + fee_R.sum(1)))
        invested = round_fen(A.sum(1))
        cash_total = round_fen(C.sum(1))
        profit = round_fen(final + cash_total - invested)
        # XIRR: one batch, columns = distinct day offsets from each row's start
        s0 = D[idx][:, None]
        offsets = np.concatenate([
            np.where(M, (D[J] - s0).astype(np.int64), 0),
            np.where(C != 0, (D[ev][None, :] - s0).astype(np.int64), 0),
            (D[v] - D[idx]).astype(np.int64)[:, None],
        ], axis=1)
        amounts = np.concatenate([-A, C, final[:, None]], axis=1)
        rows = len(idx)
        rates = np.concatenate([_xirr_rows(offsets[k:k + _XIRR_ROWS], amounts[k:k + _XIRR_ROWS])
                                for k in range(0, rows, _XIRR_ROWS)])
        sl = slice(lo, lo + rows)
        out["inst"][sl] = M.sum(1)
        out["inv"][sl] = invested
        out["final"][sl] = final + cash_total
        out["profit"][sl] = profit
        out["ret"][sl] = profit / invested
        out["xirr"][sl] = rates
        vals[sl] = v
        done += rows
        if progress is not None:
            progress(done, total)
    ret, xr = out["ret"], out["xirr"]
    best, worst = int(np.argmax(ret)), int(np.argmin(ret))
    finite = xr[np.isfinite(xr)]
    q = np.percentile(ret, [5, 50, 95])
    qx = np.percentile(finite, [5, 50, 95]) if len(finite) else np.full(3, math.nan)
    period = EveryStartPeriod(
        years=years, starts=len(starts), win_rate=float(np.mean(out["profit"] > 0)),
        median_return=float(q[1]), p5_return=float(q[0]), p95_return=float(q[2]),
        median_xirr=float(qx[1]), p5_xirr=float(qx[0]), p95_xirr=float(qx[2]),
        best_start=D[starts[best]].astype(_dt.date), best_return=float(ret[best]), best_xirr=float(xr[best]),
        worst_start=D[starts[worst]].astype(_dt.date), worst_return=float(ret[worst]),
        worst_xirr=float(xr[worst]),
        start_dates=D[starts], value_dates=D[vals], installments=out["inst"].astype(np.int64),
        invested=out["inv"], final_value=out["final"], profit=out["profit"], holding_return=ret, xirr=xr,
    )
    return period, done


def every_start(
    nav: NavSeries | str | Path,
    amount: float,
    *,
    years: int | Sequence[int] = (1, 3, 5),
    frequency: str = "monthly",
    fee_rate: float = 0.015,
    discount: float = 1.0,
    fixed_fee: float | None = None,
    rounding: str = "half_up",
    dividends: str = "reinvest",
    redeem: bool = False,
    redemption_tiers: Sequence[Sequence[float]] = DEFAULT_REDEMPTION_TIERS,
    smart: SmartRule | bool | None = None,
    reference: NavSeries | str | Path | None = None,
    start: _dt.date | str | None = None,
    end: _dt.date | str | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> EveryStart:
    """Run the plan from every start date of the series, for each holding period.

    For a holding period of ``y`` years, the plan started on NAV date ``s``
    debits on the same day of the month (or weekday; or every trading day)
    from ``s`` until before ``s + y years`` and is valued on the last NAV on
    or before ``s + y years``: exactly :func:`simulate` with ``start=s``,
    ``day=s``'s day, ``end=s + y years − 1 day`` and ``value_date=s + y
    years``. Every NAV date from which the full period fits is a start.

    Parameters
    ----------
    years : one holding period in whole years, or several.
    start, end : restrict the series first (default: all of it).
    progress : called as ``progress(done, total)`` after each block of starts.
    Others : as in :func:`simulate`.

    Returns
    -------
    EveryStart with one :class:`EveryStartPeriod` per holding period: the
    定投胜率 (share of starts in profit), median, 5th and 95th percentiles of
    the holding return (定投收益率) and XIRR, the best and worst start, and
    per-start arrays.

    Notes
    -----
    No Python loop over start dates: each block of starts is a matrix of
    lots (dealt indices by installment), purchases are priced once per NAV
    date, dividends and splits loop over the (few) events, and the plans'
    XIRRs come from :func:`wealthcalc.tvm.xirr_batch`, 64 neighbouring
    starts a call, the flows placed on day offsets from each plan's start.

    Examples
    --------
    A flat NAV and no fee: every start breaks even.

    >>> s = synthetic_nav(days=600, annual_drift=0.0, volatility=0.0)
    >>> p = every_start(s, 1000, years=1, fee_rate=0.0).periods[0]
    >>> p.starts, p.win_rate, p.median_return
    (339, 0.0, 0.0)
    """
    series = _series(nav)
    amount = _amount(amount)
    _frequency(frequency)
    fee_rate, discount, fixed_fee, tiers, smart, ref = _common(
        series, fee_rate, discount, fixed_fee, rounding, dividends, redemption_tiers, smart, reference)
    redeem = _bool(redeem, "redeem")
    periods = (years,) if isinstance(years, (int, np.integer)) and not isinstance(years, bool) else tuple(years)
    if not periods or any(isinstance(y, bool) or not isinstance(y, (int, np.integer)) or not 1 <= y <= 50
                          for y in periods):
        raise InputError("years", years, "whole years from 1 to 50, e.g. 3 or (1, 3, 5)",
                         hint_zh="持有年数为 1 到 50 的整数，例如 3 或 (1, 3, 5)")
    if start is not None or end is not None:
        lo = to_date(start, "start") if start is not None else series.first_date
        hi = to_date(end, "end") if end is not None else series.last_date
        keep = (series.dates >= np.datetime64(lo, "D")) & (series.dates <= np.datetime64(hi, "D"))
        if keep.sum() < 2:
            raise InputError("start", lo.isoformat(), "fewer than 2 NAV dates between start and end",
                             hint_zh="开始与结束日期之间的净值日不足 2 个；请放宽日期范围")
        series = NavSeries(series.dates[keep], series.nav[keep], series.acc_nav[keep], series.dividend[keep],
                           series.split[keep], series.source, series.synthetic, series.notes,
                           None if series.suspended is None else series.suspended[keep])
    notes: list[Note] = []
    if series.suspended is not None and series.suspended.any():
        notes.append(Note("suspended_dates", count=int(series.suspended.sum())))
    if smart is not None:
        amt_idx = _smart_amounts(series.dates, np.arange(len(series)), amount, smart, ref, notes, "short_ma_dates")
    else:
        amt_idx = np.full(len(series), amount)
    _, _, sh_idx = _buy(amt_idx, fee_rate, series.nav, discount=discount, fixed_fee=fixed_fee, rounding=rounding)
    synthetic = bool(series.synthetic or (ref is not None and ref.synthetic))
    if synthetic:
        notes.insert(0, Note("synthetic"))
    D = series.dates
    total = sum(int((add_months_array(D, np.full(len(D), 12 * y)) <= D[-1]).sum()) for y in periods)
    done = 0
    out = []
    for y in periods:
        period, done = _period(series, int(y), amt_idx, sh_idx, frequency=frequency, rounding=rounding,
                               dividends=dividends, redeem=redeem, tiers=tiers, progress=progress,
                               done=done, total=total)
        out.append(period)
    return EveryStart(frequency=frequency, amount=amount, fee_rate=fee_rate, discount=discount,
                      dividends=dividends, redeem=redeem, smart=smart.name if smart else "",
                      synthetic=synthetic, source=series.source, periods=tuple(out),
                      notes=tuple(series.notes) + tuple(notes))


# ---------------------------------------------------------------- deposit benchmark


@dataclass(frozen=True, slots=True)
class DepositBenchmark:
    """The same contributions put in a bank deposit instead of the fund."""

    kind: str
    annual_rate: float
    invested: float
    interest: float
    tax: float
    final_value: float
    profit: float
    holding_return: float
    xirr: float
    value_date: _dt.date

    headers = ("kind", "annual_rate", "invested", "interest", "tax", "final_value", "profit",
               "holding_return", "xirr")

    def rows(self) -> list[list]:
        return [[getattr(self, h) for h in self.headers]]

    def to_dict(self) -> dict:
        out = {h: getattr(self, h) for h in self.headers}
        out["value_date"] = self.value_date.isoformat()
        return out


def _days_360(a: NDArray, b: np.datetime64) -> NDArray:
    """Days from each of ``a`` to ``b``, every month 30 days (算头不算尾, rules §1.2)."""
    from .tvm import year_fractions

    return np.array([round(year_fractions([d, b], "30/360", start=d)[1] * 360) for d in a], dtype=np.int64)


def deposit_benchmark(
    dates: Sequence[_dt.date] | NDArray,
    amounts: ArrayLike,
    value_date: _dt.date | str,
    *,
    annual_rate: float,
    kind: str = "installment",
    tax: bool = True,
) -> DepositBenchmark:
    """Put a plan's contributions in a bank deposit instead: what would they be worth?

    Parameters
    ----------
    dates, amounts : the plan's debits (e.g. ``bt.dealt_dates``, ``bt.amounts``).
    value_date : when to value the deposits (the plan's ``value_date``).
    annual_rate : the deposit rate (a rate table's 零存整取 or 整存整取 rate).
    kind : 'installment' (零存整取: each contribution earns the rate for its
        days, every month 30 days — the 月积数 method generalised to uneven
        dates and amounts) or 'fixed' (整存整取: each contribution in a fixed
        deposit for the whole months until ``value_date``; odd days earn
        nothing).
    tax : deduct the savings-interest tax of the periods the interest
        accrued in (rules §4, :func:`wealthcalc.deposits.interest_tax`).

    Notes
    -----
    For equal monthly contributions valued one month after the last, the
    'installment' interest equals :func:`wealthcalc.deposits.installment_interest`
    (``monthly × n(n+1)/2 × rate / 12``). 'fixed' uses
    :func:`wealthcalc.deposits.fixed_maturity_value` per contribution.

    Examples
    --------
    12 monthly 1,000 yuan into 零存整取 at 1.71 % (D-12):

    >>> days = [_dt.date(2024, m, 8) for m in range(1, 13)]
    >>> d = deposit_benchmark(days, [1000] * 12, "2025-01-08", annual_rate=0.0171)
    >>> d.interest, d.final_value
    (111.15, 12111.15)
    """
    from . import deposits

    when = np.array([np.datetime64(to_date(d, "dates"), "D") for d in dates], dtype="datetime64[D]")
    amt = np.asarray(amounts, dtype=np.float64)
    if amt.shape != when.shape or amt.size == 0 or not np.all(np.isfinite(amt)) or (amt <= 0).any():
        raise InputError("amounts", amounts, "one positive amount per date",
                         hint_zh="每个日期对应一笔大于零的金额")
    value = np.datetime64(to_date(value_date, "value_date"), "D")
    if (when > value).any():
        raise InputError("value_date", str(value), f"must not be before the last contribution ({when.max()})",
                         hint_zh=f"估值日不能早于最后一次存入（{when.max()}）")
    rate = _number(annual_rate, "annual_rate", 0.0, 0.5, "a fraction: 0.0171 for 1.71%",
                   hint_zh="年利率用小数表示：1.71% 写作 0.0171")
    if kind not in ("installment", "fixed"):
        raise InputError("kind", kind, "'installment' (零存整取) or 'fixed' (整存整取)",
                         hint_zh="存款方式请选 'installment'（零存整取）或 'fixed'（整存整取）")
    _bool(tax, "tax")
    days = _days_360(when, value)
    if kind == "installment":
        interest = float(round_fen((amt * days).sum() * rate / 360.0))
    else:
        months = days // 30
        grown = sum(float(deposits.fixed_maturity_value(a, rate, int(m))) if m > 0 else float(a)
                    for a, m in zip(amt, months))
        interest = float(round_fen(grown - amt.sum()))
    first = when.min().astype(_dt.date)
    value_d = value.astype(_dt.date)
    tax_amount = float(deposits.interest_tax(interest, first, value_d)) if tax and interest > 0 else 0.0
    invested = float(round_fen(amt.sum()))
    final = float(round_fen(invested + interest - tax_amount))
    notes: list[Note] = []
    flows_d = np.concatenate([when, [value]])
    flows_a = np.concatenate([-amt, [final]])
    profit = float(round_fen(final - invested))
    return DepositBenchmark(kind, rate, invested, interest, tax_amount, final, profit, profit / invested,
                            _xirr_single(flows_d, flows_a, notes), value_d)

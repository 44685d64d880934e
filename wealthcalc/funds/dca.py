"""Fund dollar-cost averaging (基金定投): honest back-tests with real fees.

:func:`simulate` runs a plan on a NAV history (debit days that are not
trading days roll to the next NAV date, docs/rules/dca.md#mechanics) and reports every lot and the
定投收益率, average cost, XIRR and drawdown (docs/rules/dca.md#return-measures). :func:`lump_sum` invests
the same money at once; a ``smart=`` rule scales each installment by the
price's distance from its moving average (智能定投, docs/rules/dca.md#smart-dca, :mod:`.smart`).
The fee arithmetic is in :mod:`.fees`.

>>> s = synthetic_nav(days=300, annual_drift=0.0, volatility=0.0)
>>> bt = simulate(s, 1000, fee_rate=0.0)
>>> bt.installments, bt.invested, bt.holding_return, round(bt.xirr, 9)
(14, 14000.0, 0.0, 0.0)
"""

from __future__ import annotations

import datetime as _dt
import enum
import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Sequence, cast

import numpy as np
from numpy.typing import ArrayLike, NDArray

from .. import _validate as check
from .._validate import AmountLike, DateLike
from ..errors import InputError
from ..money import MAX_AMOUNT, round_fen
from ..results import Note, fields_dict, jsonable
from .fees import (DEFAULT_REDEMPTION_TIERS, _amount, _buy, _buys_shares, _fee_rate, _number, _rounding, _tier_rates, _tiers,
                   round_shares)
from .navdata import NavSeries, load_nav, synthetic_nav
from .smart import ICBC_2009, SmartRule, _check_rule, _smart_amounts

__all__ = ["FREQUENCIES", "DcaBacktest", "DividendOption", "Frequency", "lump_sum", "simulate"]

FREQUENCIES = ("monthly", "biweekly", "weekly", "daily")


class Frequency(str, enum.Enum):
    """How often a plan debits: 每月, 每两周, 每周 or 每个交易日."""

    MONTHLY = "monthly"
    BIWEEKLY = "biweekly"
    WEEKLY = "weekly"
    DAILY = "daily"


class DividendOption(str, enum.Enum):
    """分红方式: 红利再投资 (reinvest, no fee) or 现金分红 (cash)."""

    REINVEST = "reinvest"
    CASH = "cash"


def _series(nav: Any) -> NavSeries:
    if isinstance(nav, NavSeries):
        return nav
    if isinstance(nav, (str, Path)):
        return load_nav(nav)
    raise InputError("nav", type(nav).__name__, code="funds.nav_type")


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
    """A DCA (or lump-sum) back-test: every lot and the summary (docs/rules/dca.md#return-measures).

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
    scheduled_dates: NDArray[Any] = field(default_factory=lambda: np.empty(0, dtype="datetime64[D]"), compare=False, repr=False)
    dealt_dates: NDArray[Any] = field(default_factory=lambda: np.empty(0, dtype="datetime64[D]"), compare=False, repr=False)
    amounts: NDArray[Any] = field(default_factory=lambda: np.empty(0), compare=False, repr=False)
    lot_fees: NDArray[Any] = field(default_factory=lambda: np.empty(0), compare=False, repr=False)
    nets: NDArray[Any] = field(default_factory=lambda: np.empty(0), compare=False, repr=False)
    navs: NDArray[Any] = field(default_factory=lambda: np.empty(0), compare=False, repr=False)
    lot_shares: NDArray[Any] = field(default_factory=lambda: np.empty(0), compare=False, repr=False)
    events: tuple[dict[str, Any], ...] = field(default=(), compare=False, repr=False)

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

    @property
    def final_value(self) -> float:
        """What the plan ends with: the redemption proceeds (or market value) plus cash dividends."""
        end = self.redemption_value if self.redemption_value else self.market_value
        return float(round_fen(end + self.cash_dividends))

    def summary(self) -> dict[str, Any]:
        """The summary figures, ``{key: value}`` in display order (:attr:`summary_keys`)."""
        return {k: getattr(self, k) for k in self.summary_keys}

    def to_dict(self) -> dict[str, Any]:
        """The summary, the plan's settings, notes (Note dicts), ``lots`` (one dict per
        installment) and ``dividends`` (one dict per dividend or split event), JSON-ready."""
        out = fields_dict(self, exclude=_ARRAYS)
        out["installments"] = int(self.installments)
        out["lots"] = [dict(zip(self.headers, jsonable(row))) for row in self.rows()]
        out["dividends"] = jsonable([dict(e) for e in self.events])  # the events (the option is `kind`'s)
        return out


_ARRAYS = ("scheduled_dates", "dealt_dates", "amounts", "lot_fees", "nets", "navs", "lot_shares", "events")


def _value_index(series: NavSeries, value_date: _dt.date) -> int:
    v = int(np.searchsorted(series.dates, np.datetime64(value_date, "D"), side="right")) - 1
    if v < 0:
        raise InputError("value_date", value_date.isoformat(), code="funds.value_date_early",
                         params={"first": series.first_date.isoformat()})
    return v


def _confirm_dates(series: NavSeries, idx: NDArray) -> NDArray:
    """Share confirmation dates (T+1: the next NAV date; a day later at the series end)."""
    nxt = np.minimum(idx + 1, len(series) - 1)
    return np.where(idx + 1 < len(series), series.dates[nxt], series.dates[idx] + 1)


def _apply_events(series: NavSeries, dealt: NDArray[np.int64], shares: NDArray[np.float64], first: int,
                  value_idx: int, dividends: str, rounding: str, held_delta: NDArray[np.float64],
                  cash_at: NDArray[np.float64], flows_d: list[Any], flows_a: list[Any]
                  ) -> tuple[list[int], list[float], list[dict[str, Any]]]:
    """The lots (NAV index, shares) after the dividends and splits between the first debit and the
    valuation date, and those events; updates ``held_delta``, ``cash_at`` and the flows in place."""
    # lots: purchases, then reinvested dividends; splits adjust every lot held
    lot_idx = [int(i) for i in dealt]
    lot_sh = [float(x) for x in shares]
    events: list[dict[str, Any]] = []
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
            lot_sh = [float(v) for v in adjusted]
            events.append({"date": date, "kind": "split", "shares_held": held, "ratio": float(series.split[x]),
                           "shares": float(round_fen(adjusted[before].sum()))})
    return lot_idx, lot_sh, events


def _run(series, scheduled, rule, base, value_idx, *, fee_rate, discount, fixed_fee,
         rounding, dividends, redeem, tiers, kind, ref, notes, frequency) -> DcaBacktest:
    n = len(series)
    dealt = np.searchsorted(series.dates, scheduled, side="left")
    late = dealt > value_idx
    if late.any():
        notes.append(Note("funds.left_out", {"count": int(late.sum()), "first": str(scheduled[late][0]),
                                             "value_date": str(series.dates[value_idx])}))
        scheduled, dealt = scheduled[~late], dealt[~late]
    if len(dealt) == 0:
        raise InputError("start", str(scheduled[0]) if len(scheduled) else "", code="funds.no_installment")
    if isinstance(rule, SmartRule):
        amounts = _smart_amounts(series.dates, dealt, base, rule, ref, notes, "funds.short_ma")
    else:
        amounts = np.full(len(dealt), float(base))
    if series.suspended is not None and series.suspended[dealt].any():
        hit = series.suspended[dealt]
        notes.append(Note("funds.suspended", {"count": int(hit.sum()), "first": str(series.dates[dealt][hit][0])}))
    navs = series.nav[dealt]
    fees, nets, shares = _buy(amounts, fee_rate, navs, discount=discount, fixed_fee=fixed_fee, rounding=rounding)
    _buys_shares(amounts, shares, navs)
    first = int(dealt[0])
    held_delta = np.zeros(n)  # change of shares held on each NAV date
    np.add.at(held_delta, dealt, shares)
    cash_at = np.zeros(n)
    flows_d = list(dealt)
    flows_a = list(-amounts)
    lot_idx, lot_sh, events = _apply_events(series, dealt, shares, first, value_idx, dividends, rounding,
                                            held_delta, cash_at, flows_d, flows_a)
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
    held_path = np.cumsum(held_delta)[seg]
    inv_path = np.cumsum(np.bincount(dealt, weights=amounts, minlength=n))[seg]
    ratio = (held_path * series.nav[seg] + np.cumsum(cash_at)[seg]) / inv_path
    max_drawdown = float(np.max(1.0 - ratio / np.maximum.accumulate(ratio))) if len(ratio) else 0.0
    if series.synthetic or (ref is not None and ref.synthetic):
        notes.insert(0, Note("funds.synthetic"))
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
    from ..tvm import xirr

    days, inverse = np.unique(dates, return_inverse=True)
    total = np.bincount(inverse, weights=amounts)
    if not (total > 0).any() or not (total < 0).any():
        notes.append(Note("funds.xirr_no_sign_change"))
        return math.nan
    try:
        value = float(xirr(cast(Any, days), cast(Any, total)))
    except ArithmeticError:
        value = math.nan
    if math.isnan(value):
        notes.append(Note("funds.xirr_no_root"))
    return value


def _frequency(frequency: Any) -> str:
    return check.choice(frequency, "frequency", Frequency).value


def _common(series: NavSeries, fee_rate: Any, discount: Any, fixed_fee: Any, rounding: Any, dividends: Any,
            redemption_tiers: Any, smart: Any, reference: Any
            ) -> tuple[float, float, float | None, str, str, tuple[tuple[float, float], ...], SmartRule | None,
                       NavSeries | None]:
    """The options every back-test shares, checked: fee, discount, fixed fee, rounding, dividends,
    redemption tiers, the smart rule and its reference series."""
    fee_rate = _fee_rate(fee_rate)
    discount = _number(discount, "discount", 0.0, 1.0, "funds.discount")
    if fixed_fee is not None:
        fixed_fee = _number(fixed_fee, "fixed_fee", 0.0, MAX_AMOUNT, "funds.fixed_fee")
    _rounding(rounding)
    dividends = check.choice(dividends, "dividends", DividendOption).value
    tiers = _tiers(redemption_tiers)
    ref = None
    smart = None if smart is False else smart
    if reference is not None and smart is None:
        raise InputError("reference", reference, code="funds.reference_needs_smart")
    if smart is not None:
        smart = _check_rule(ICBC_2009 if smart is True else smart)
        ref = series if reference is None else _series(reference)
    return fee_rate, discount, fixed_fee, rounding, dividends, tiers, smart, ref


def _window(series: NavSeries, start: Any, end: Any, value_date: Any) -> tuple[_dt.date, _dt.date, _dt.date]:
    start = series.first_date if start is None else check.date(start, "start")
    end_given = end is not None
    end = series.last_date if end is None else check.date(end, "end")
    value_date = (end if end_given else series.last_date) if value_date is None else check.date(value_date,
                                                                                                "value_date")
    if start > series.last_date:
        raise InputError("start", start.isoformat(), code="funds.start_late",
                         params={"last": series.last_date.isoformat()})
    if end < series.first_date:
        raise InputError("end", end.isoformat(), code="funds.end_early",
                         params={"first": series.first_date.isoformat()})
    if end < start:
        raise InputError("end", end.isoformat(), code="funds.end_before_start", params={"start": start.isoformat()})
    if value_date < start:
        raise InputError("value_date", value_date.isoformat(), code="funds.value_before_start",
                         params={"start": start.isoformat()})
    return start, end, value_date


def simulate(
    nav: NavSeries | str | Path,
    amount: AmountLike,
    *,
    frequency: str = "monthly",
    day: int | None = None,
    start: DateLike | None = None,
    end: DateLike | None = None,
    fee_rate: float = 0.015,
    discount: float = 1.0,
    fixed_fee: float | None = None,
    rounding: str = "half_up",
    dividends: str = "reinvest",
    value_date: DateLike | None = None,
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
        :data:`DEFAULT_REDEMPTION_TIERS` (docs/rules/funds.md#redemption-fee example).
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
    priced at that NAV (docs/rules/dca.md#mechanics). Each installment is a :func:`purchase`.
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
    docs/rules/funds.md#purchase-fee, docs/rules/funds.md#redemption-fee, docs/rules/funds.md#dividends, docs/rules/dca.md#mechanics, docs/rules/dca.md#return-measures (DC-1), docs/rules/dca.md#smart-dca (DC-2).

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
    frequency = _frequency(frequency)
    day = _debit_day(day, frequency)
    fee_rate, discount, fixed_fee, rounding, dividends, tiers, smart, ref = _common(
        series, fee_rate, discount, fixed_fee, rounding, dividends, redemption_tiers, smart, reference)
    redeem = _bool(redeem, "redeem")
    start_d, end_d, value_d = _window(series, start, end, value_date)
    if frequency in ("weekly", "biweekly") and day is None and start_d.isoweekday() > 5:
        day = 1
    scheduled = _schedule(series, frequency, day, start_d, end_d)
    if len(scheduled) == 0:
        raise InputError("start", start_d.isoformat(), code="funds.no_debit_day", params={"end": end_d.isoformat()})
    return _run(series, scheduled, smart, amount, _value_index(series, value_d),
                fee_rate=fee_rate, discount=discount, fixed_fee=fixed_fee, rounding=rounding,
                dividends=dividends, redeem=redeem, tiers=tiers, kind="smart" if smart else "dca",
                ref=ref, notes=[], frequency=frequency)


def _bool(value: Any, name: str) -> bool:
    return check.flag(value, name)


def _debit_day(day: Any, frequency: str) -> int | None:
    """The debit day checked for the frequency: 1-31 monthly, weekday 1-5 weekly, none daily."""
    if day is None:
        return None
    if frequency == "daily":
        raise InputError("day", day, code="funds.daily_day")
    high, code = (31, "funds.month_day") if frequency == "monthly" else (5, "funds.weekday")
    if isinstance(day, (bool, np.bool_)) or not isinstance(day, (int, np.integer)) or not 1 <= day <= high:
        raise InputError("day", day, code=code)
    return int(day)


def lump_sum(
    nav: NavSeries | str | Path,
    amount: AmountLike,
    *,
    date: DateLike | None = None,
    value_date: DateLike | None = None,
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
    fee_rate, discount, fixed_fee, rounding, dividends, tiers, _, _ = _common(
        series, fee_rate, discount, fixed_fee, rounding, dividends, redemption_tiers, None, None)
    redeem = _bool(redeem, "redeem")
    start_d, _, value_d = _window(series, date, None, value_date)
    scheduled = np.array([np.datetime64(start_d, "D")])
    return _run(series, scheduled, None, amount, _value_index(series, value_d),
                fee_rate=fee_rate, discount=discount, fixed_fee=fixed_fee, rounding=rounding,
                dividends=dividends, redeem=redeem, tiers=tiers, kind="lump_sum", ref=None, notes=[],
                frequency="once")


# ---------------------------------------------------------------- option rules

_NEEDS = (
    ("every_start", ("years",)),
    ("vs_deposit", ("deposit_kind", "deposit_rate", "rate_table")),
    ("synthetic", ("seed", "days", "drift", "volatility")),
)
_EVERY_START_ONLY = ("vs_lump_sum", "vs_deposit", "lots")
_EVERY_START_DATES = ("day", "value_date")
PLAN_OPTIONS = frozenset({"nav_file", "every_start", "vs_lump_sum", "vs_deposit", "lots", "synthetic", "day",
                          "value_date"} | {name for _, names in _NEEDS for name in names})
"""The option names :func:`check_plan_options` knows (the ``wealthcalc dca`` options, as identifiers)."""


def _flag_name(name: str) -> str:
    return "--" + name.replace("_", "-")


def check_plan_options(given: Iterable[str]) -> None:
    """Refuse a combination of plan options that would be ignored or contradict each other.

    ``given`` names the options set (``"nav_file"``, ``"synthetic"``, ``"every_start"``,
    ``"vs_deposit"``, ``"years"``, ...: see :data:`PLAN_OPTIONS`). The rules:

    - a NAV file or a synthetic series, exactly one of them;
    - ``years`` goes with ``every_start``; ``deposit_kind``, ``deposit_rate`` and ``rate_table``
      with ``vs_deposit``; ``seed``, ``days``, ``drift`` and ``volatility`` with ``synthetic``;
    - ``every_start`` gives statistics only: not with ``vs_lump_sum``, ``vs_deposit`` or ``lots``,
      and each start date is its own debit day and the end of its holding period its valuation
      date: not with ``day`` or ``value_date``.

    Raises
    ------
    InputError
        naming the options (field ``options``) with the rule broken (its ``code``).

    Examples
    --------
    >>> check_plan_options({"nav_file", "every_start", "years"})
    >>> check_plan_options({"nav_file", "years"})
    Traceback (most recent call last):
    ...
    wealthcalc.errors.InputError: options: got ['nav_file', 'years']; --years only work(s) with --every-start; add --every-start or drop them
    """
    if isinstance(given, (str, bytes)):
        raise InputError("options", given, code="choice.format", params={"choices": ", ".join(sorted(PLAN_OPTIONS))})
    names = set(given)
    unknown = names - PLAN_OPTIONS
    if unknown:
        raise InputError("options", sorted(unknown), code="choice.format",
                         params={"choices": ", ".join(sorted(PLAN_OPTIONS))})
    shown = sorted(names)
    if ("synthetic" in names) == ("nav_file" in names):
        raise InputError("options", shown, code="funds.nav_or_synthetic")
    for needs, group in _NEEDS:
        if needs not in names and names & set(group):
            raise InputError("options", shown, code="funds.needs",
                             params={"options": ", ".join(_flag_name(n) for n in group), "needs": _flag_name(needs)})
    if "every_start" in names:
        if names & set(_EVERY_START_ONLY):
            raise InputError("options", shown, code="funds.every_start_only")
        if names & set(_EVERY_START_DATES):
            raise InputError("options", shown, code="funds.every_start_dates")


# wealthcalc.charts picks a chart by (module, class name) and knows this class by its public path
DcaBacktest.__module__ = "wealthcalc.dca"

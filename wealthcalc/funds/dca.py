"""Fund dollar-cost averaging (基金定投): honest back-tests with real fees.

:func:`simulate` runs a plan on a NAV history (debit days that are not
trading days roll to the next NAV date, §9.1) and reports every lot and the
定投收益率, average cost, XIRR and drawdown (§9.2). :func:`lump_sum` invests
the same money at once; a ``smart=`` rule scales each installment by the
price's distance from its moving average (智能定投, §9.3, :mod:`.smart`).
The fee arithmetic is in :mod:`.fees`.

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

from ..dates import to_date
from ..errors import InputError
from ..money import MAX_AMOUNT, round_fen
from .fees import (DEFAULT_REDEMPTION_TIERS, _amount, _buy, _fee_rate, _number, _rounding, _tier_rates, _tiers,
                   round_shares)
from .navdata import NavSeries, Note, load_nav, synthetic_nav
from .smart import ICBC_2009, SmartRule, _check_rule, _smart_amounts

__all__ = ["FREQUENCIES", "DcaBacktest", "lump_sum", "simulate"]

FREQUENCIES = ("monthly", "biweekly", "weekly", "daily")
_DIVIDENDS = ("reinvest", "cash")


def _series(nav: Any) -> NavSeries:
    if isinstance(nav, NavSeries):
        return nav
    if isinstance(nav, (str, Path)):
        return load_nav(nav)
    raise InputError("nav", type(nav).__name__, "a NavSeries (from load_nav or synthetic_nav) or a CSV path",
                     hint_zh="请给出净值序列（load_nav 或 synthetic_nav 的结果）或净值 CSV 文件路径")


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
    from ..tvm import xirr

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


# wealthcalc.charts picks a chart by (module, class name) and knows this class by its public path
DcaBacktest.__module__ = "wealthcalc.dca"

"""Fund DCA charts: one back-test's NAV, cost and value; outcomes from every start date."""

from __future__ import annotations

import functools
import os
from pathlib import Path
from typing import Any

from ..navdata import describe_source
from .chart_style import (
    _PALETTE, _amount_axis, _check_path, _drawing, _figure, _footnote, _full, _money, _pct, _text, _title,
)
from ..i18n import message
from .fonts import _drawable, chart_lang
from . import chart_style
from .chart_style import _gain_colours, _synthetic_badge

__all__ = ["plot_dca", "plot_every_start"]


def _held_path(backtest: Any, nav: Any):
    """Dates, NAV, invested and position value on each NAV date of the plan.

    Shares held come from the lots (each from its dealt date) and the
    reinvested dividends and splits of ``backtest.events``; cash dividends
    count from the day they are paid. The last point is the back-test's own
    market value plus cash dividends.
    """
    import numpy as np

    first = np.datetime64(backtest.first_date, "D")
    last = np.datetime64(backtest.value_date, "D")
    dates = np.asarray(nav.dates, dtype="datetime64[D]")
    keep = (dates >= first) & (dates <= last)
    dates, prices = dates[keep], np.asarray(nav.nav)[keep]
    dealt = np.asarray(backtest.dealt_dates, dtype="datetime64[D]")
    pos = np.searchsorted(dates, dealt)
    delta = np.zeros(len(dates))  # change of shares held on each NAV date
    cash = np.zeros(len(dates))  # cash dividends received
    invested = np.zeros(len(dates))
    np.add.at(delta, pos, np.asarray(backtest.lot_shares))
    np.add.at(invested, pos, np.asarray(backtest.amounts))
    for event in backtest.events:  # in date order, as the back-test applied them
        at = int(np.searchsorted(dates, np.datetime64(event["date"], "D")))
        if event.get("kind") == "split":  # lots bought before the split date, now event["shares"]
            delta[at] += event["shares"] - delta[:at].sum()
        elif event.get("shares"):  # a reinvested dividend
            delta[at] += event["shares"]
        else:  # a dividend paid in cash
            cash[at] += event.get("cash", 0.0)
    held = np.cumsum(delta)
    value = held * prices + np.cumsum(cash)
    if len(value):
        value[-1] = backtest.market_value + backtest.cash_dividends
    return dates, prices, np.cumsum(invested), value


def plot_dca(
    backtest: Any,
    path: str | os.PathLike,
    *,
    lang: str = "zh",
    nav: Any = None,
) -> Path:
    """A DCA back-test: NAV against the average cost, and position value against money invested.

    Parameters
    ----------
    backtest : a :class:`wealthcalc.dca.DcaBacktest` (from ``dca.simulate``).
    path : a .png or .svg file to write.
    lang : "zh" or "en".
    nav : the :class:`~wealthcalc.navdata.NavSeries` the back-test ran on.
        With it the NAV and the position value are drawn on every NAV date;
        without it, on the installment dates only (shares bought so far at
        each installment's NAV, so dividends and splits show only at the end).

    Notes
    -----
    Top: NAV, each installment's price (dots) and the running average cost
    (invested ÷ shares held). Bottom: money invested so far (steps) and the
    position's value, the gap shaded as gain or loss (red gains in Chinese
    charts, as A-share screens show them; green in English ones). A
    synthetic NAV is labelled "synthetic data" on the chart.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from wealthcalc import dca
    >>> nav = dca.synthetic_nav(days=800, seed=1)
    >>> out = pathlib.Path(tempfile.mkdtemp(), "dca.png")
    >>> plot_dca(dca.simulate(nav, 1000, day=8), out, nav=nav).read_bytes()[:4]
    b'\x89PNG'
    """
    import numpy as np

    out = _check_path(path)
    lang = chart_lang(lang)
    t = functools.partial(_text, lang)
    dealt = np.asarray(backtest.dealt_dates, dtype="datetime64[D]")
    shares_cum = np.cumsum(np.asarray(backtest.lot_shares))
    invested_cum = np.cumsum(np.asarray(backtest.amounts))
    if nav is not None:
        dates, prices, invested, value = _held_path(backtest, nav)
    else:
        dates = np.append(dealt, np.datetime64(backtest.value_date, "D"))
        prices = np.append(np.asarray(backtest.navs), backtest.value_nav)
        invested = np.append(invested_cum, invested_cum[-1])
        value = np.append(shares_cum * np.asarray(backtest.navs),
                          backtest.market_value + backtest.cash_dividends)
    gain, loss = _gain_colours(lang)
    with _drawing(lang):
        fig, (top, bottom) = _figure(rows=2, height=9.5, sharex=True)
        top.plot(dates, prices, color=_PALETTE[0], linewidth=2,
                 label=t("seminar.chart_dca.fund_nav"))
        top.scatter(dealt, backtest.navs, s=36, color=_PALETTE[0], zorder=3,
                    label=t("seminar.chart_dca.price_of_each_installment"))
        top.step(np.append(dealt, np.datetime64(backtest.value_date, "D")),
                 np.append(invested_cum / shares_cum, backtest.average_cost), where="post",
                 color=_PALETTE[1], linestyle="--", linewidth=3,
                 label=t("seminar.chart_dca.average_cost", average_cost=backtest.average_cost))
        top.set_ylabel(t("seminar.chart_dca.nav_yuan"))
        top.legend(loc="upper left")
        top.set_title(t("seminar.chart_dca.nav_and_average_cost"), loc="left", fontsize=18)

        bottom.step(dates, invested, where="post", color="#555555", linewidth=2.5,
                    label=t("seminar.chart_dca.invested_label"))
        bottom.plot(dates, value, color=_PALETTE[0], linewidth=2.5,
                    label=t("seminar.chart_dca.position_value"))
        bottom.fill_between(dates, invested, value, where=value >= invested, color=gain,
                            alpha=0.25, interpolate=True, step=None, label=t("seminar.chart_dca.gain"))
        bottom.fill_between(dates, invested, value, where=value < invested, color=loss,
                            alpha=0.25, interpolate=True, label=t("seminar.chart_dca.loss"))
        bottom.set_ylabel(t("seminar.chart_dca.amount_yuan"))
        bottom.set_ylim(bottom=0)
        _amount_axis(bottom, lang)
        bottom.legend(loc="upper left", ncols=2)
        bottom.set_title(t("seminar.chart_dca.money_invested_and_position_value"), loc="left",
                         fontsize=18)
        if backtest.synthetic:
            _synthetic_badge(top, lang)
        kind_code = "seminar.chart_dca.smart_dca" if backtest.kind == "smart" else "seminar.chart_dca.fund_dca"
        kind = t(kind_code)
        _title(fig, lang, "seminar.chart_dca.installments_holding_return", {
            "kind": kind,
            "installments": backtest.installments,
            "holding_return": _pct(backtest.holding_return),
            "kind_en": message(kind_code, "en"),
        })
        facts = [
            t("seminar.chart_dca.invested", invested=_money(backtest.invested, lang)),
            t("seminar.chart_dca.market_value", market_value=_money(backtest.market_value, lang)),
            t("seminar.chart_dca.xirr_a_year", xirr=_pct(backtest.xirr)),
            t("seminar.chart_dca.max_drawdown", max_drawdown=_pct(backtest.max_drawdown)),
            t("seminar.chart_dca.valued", value_date=backtest.value_date.isoformat()),
        ]
        source = _drawable(describe_source(backtest.source, lang))
        if source:
            facts.append(t("seminar.chart_dca.nav_source", source=source))
        _footnote(fig, facts)
        return chart_style._save(fig, out)


def _zero_edged_bins(values: Any, count: int = 40) -> Any:
    """About ``count`` equal bins with 0 on an edge, so no bar mixes gains and losses."""
    import numpy as np

    if len(values) == 0:
        return np.array([-1.0, 0.0, 1.0])
    low, high = float(values.min()), float(values.max())
    width = (high - low) / count or 1.0
    return np.arange(np.floor(low / width), np.ceil(high / width) + 1) * width


def plot_every_start(
    every: Any,
    path: str | os.PathLike,
    *,
    lang: str = "zh",
    measure: str = "holding_return",
) -> Path:
    """How a DCA plan would have ended from every possible start: one histogram per holding period.

    Parameters
    ----------
    every : a :class:`wealthcalc.dca.EveryStart` (from ``dca.every_start``).
    path : a .png or .svg file to write.
    lang : "zh" or "en".
    measure : "holding_return" (定投收益率) or "xirr" (annualized).

    Notes
    -----
    Each panel shows the spread of outcomes over the start dates, a line at
    zero, the median, and the 定投胜率 (share of starts that ended in profit).
    Bars are coloured by sign (gain / loss, as in :func:`plot_dca`).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from wealthcalc import dca
    >>> every = dca.every_start(dca.synthetic_nav(days=800, seed=1), 1000, years=(1, 2))
    >>> plot_every_start(every, pathlib.Path(tempfile.mkdtemp(), "every.png")).name
    'every.png'
    """
    import numpy as np

    from ..errors import InputError

    if measure not in ("holding_return", "xirr"):
        raise InputError("measure", measure, code="seminar.chart_dca.write_holding_return_or_xirr")
    out = _check_path(path)
    lang = chart_lang(lang)
    t = functools.partial(_text, lang)
    periods = list(every.periods)
    gain, loss = _gain_colours(lang)
    with _drawing(lang):
        fig, axes = _figure(rows=len(periods), height=max(4.2, 3.3 * len(periods) + 1.2),
                            sharex=True)
        for ax, period in zip(axes, periods):
            values = np.asarray(getattr(period, measure), dtype=float) * 100
            values = values[np.isfinite(values)]
            counts, edges = np.histogram(values, bins=_zero_edged_bins(values))
            centres = (edges[:-1] + edges[1:]) / 2
            ax.bar(centres, counts, width=np.diff(edges), align="center",
                   color=np.where(centres >= 0, gain, loss), alpha=0.8)
            ax.axvline(0, color="#000000", linewidth=1.5)
            median = period.median_return if measure == "holding_return" else period.median_xirr
            ax.axvline(median * 100, color=_PALETTE[0], linewidth=2.5, linestyle="--")
            ax.set_title(
                t("seminar.chart_dca.year_plans_starts_ended_in_profit", years=period.years, starts=period.starts,
                  win_rate=_pct(period.win_rate, 1), median=_pct(median, 1)),
                loc="left", fontsize=17,
            )
            ax.set_ylabel(t("seminar.chart_dca.starts"))
        from matplotlib.lines import Line2D
        from matplotlib.patches import Patch
        from matplotlib.ticker import FuncFormatter, MaxNLocator

        for ax in axes:  # counts of start dates: whole-number ticks
            ax.yaxis.set_major_locator(MaxNLocator(nbins="auto", integer=True))

        axes[0].legend(handles=[Patch(color=gain, label=t("seminar.chart_dca.gain_legend")),
                                Patch(color=loss, label=t("seminar.chart_dca.loss_legend")),
                                Line2D([], [], color=_PALETTE[0], linestyle="--", label=t("seminar.chart_dca.median"))],
                       loc="upper right")
        axes[-1].xaxis.set_major_formatter(FuncFormatter(lambda v, _p: f"{v:.0f}%"))
        axes[-1].set_xlabel(t("seminar.chart_dca.axis_holding_return" if measure == "holding_return"
                              else "seminar.chart_dca.axis_xirr"))
        _title(fig, lang, "seminar.chart_dca.dca_outcomes_from_every_start_date",
               warning=t("seminar.chart_dca.synthetic_data_not_a_real_nav") if every.synthetic else "")
        facts = [t("seminar.chart_dca.each_time", amount=_money(every.amount, lang)),
                 t("seminar.chart_dca.fee_discount", fee_rate=_pct(every.fee_rate), discount=every.discount)]
        source = _drawable(describe_source(every.source, lang))
        if source:
            facts.append(t("seminar.chart_dca.nav_source", source=source))
        _footnote(fig, facts)
        return chart_style._save(fig, out)

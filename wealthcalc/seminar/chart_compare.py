"""The product comparison chart: products ranked by net income, coloured by risk grade."""

from __future__ import annotations

import functools
import os
from pathlib import Path
from typing import Any

from .chart_style import (
    _PALETTE, _amount_axis, _check_path, _drawing, _figure, _footnote, _full, _money, _pct, _text, _title,
)
from .fonts import _drawable, chart_lang
from . import chart_style
from .chart_style import _short

__all__ = ["plot_comparison"]


# Risk grades R1 (lowest) … R5, green to red; None (deposit alternatives) as R1.
_RISK_COLOURS = {1: "#2E7D32", 2: "#7CB342", 3: "#F9A825", 4: "#EF6C00", 5: "#C62828"}


def plot_comparison(
    comparison: Any,
    path: str | os.PathLike,
    *,
    lang: str = "zh",
    top: int = 12,
    source: str = "",
) -> Path:
    """Products ranked by what the customer holds at the horizon, coloured by risk level.

    Parameters
    ----------
    comparison : a :class:`wealthcalc.yields.Comparison` (from ``yields.compare``).
    path : a .png or .svg file to write.
    lang : "zh" or "en" (product names in the chosen language).
    top : how many ranked rows to draw (best first).
    source : the deposit rate table's name and source, for the footnote.

    Notes
    -----
    One bar per product: its net income at the horizon (net amount − amount,
    after every fee, tax and idle day), labelled with the net amount and the
    net annual rate. Colour is the risk grade R1–R5; deposits say they are
    covered by deposit insurance; a product that locks the money past the
    horizon is drawn pale and marked, as the comparison ranks it last.
    The footnote gives the rows' data dates and the rate table.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from wealthcalc import yields
    >>> out = pathlib.Path(tempfile.mkdtemp(), "compare.svg")
    >>> plot_comparison(yields.compare(100_000, 365), out, lang="en", top=8).suffix
    '.svg'
    """
    from matplotlib.patches import Patch

    out = _check_path(path)
    lang = chart_lang(lang)
    t = functools.partial(_text, lang)
    rows = list(comparison.ranked)[: max(int(top), 1)]
    with _drawing(lang):
        fig, (ax,) = _figure(height=max(5.0, 0.8 * len(rows) + 2.6))
        labels, incomes, colours, notes = [], [], [], []
        for row in rows:
            name = row.name if lang == "zh" else (row.name_en or row.name)
            labels.append(f"{row.rank}. {_short(_drawable(name) or row.id)}")
            incomes.append(row.net_amount - comparison.amount)
            colours.append(_RISK_COLOURS.get(row.risk or 1, "#777777"))
            note = t("seminar.chart_compare.a_year", net_amount=_full(row.net_amount),
                     net_annual_rate=_pct(row.net_annual_rate))
            if row.insured in ("yes", "partial"):
                note += t("seminar.chart_compare.deposit_insurance")
            if row.locked_past_horizon_days:
                note += t("seminar.chart_compare.locked_more_days",
                          locked_past_horizon_days=row.locked_past_horizon_days)
            notes.append(note)
        y = list(range(len(rows)))[::-1]
        bars = ax.barh(y, incomes, color=colours, height=0.7)
        for bar, row in zip(bars, rows):
            if row.locked_past_horizon_days:
                bar.set_alpha(0.35)
                bar.set_hatch("//")
        span = max([abs(v) for v in incomes] + [1.0])
        for yy, value, note in zip(y, incomes, notes):
            ax.text(max(value, 0) + span * 0.01, yy, note, va="center", ha="left", fontsize=14)
        ax.set_yticks(y, labels)
        ax.set_xlim(min(0, min(incomes, default=0)) * 1.1, span * 1.9)
        ax.grid(axis="y", visible=False)
        ax.axvline(0, color="#000000", linewidth=1)
        ax.set_xlabel(t("seminar.chart_compare.net_income_at_the_horizon_yuan"))
        _amount_axis(ax, lang, "x")
        from matplotlib.ticker import MaxNLocator

        ax.xaxis.set_major_locator(MaxNLocator(5))
        grades = sorted({row.risk or 1 for row in rows})
        ax.legend(handles=[Patch(color=_RISK_COLOURS[g], label=f"R{g}") for g in grades],
                  title=t("seminar.chart_compare.risk_level"), loc="lower right", ncols=len(grades),
                  bbox_to_anchor=(1.0, 1.0), alignment="right")
        _title(fig, lang, "seminar.chart_compare.what_becomes_in_days", {
            "amount": _money(comparison.amount, lang),
            "days": comparison.days,
            "amount_en": _money(comparison.amount, 'en'),
        })
        dates = sorted({row.as_of for row in rows if row.as_of is not None})
        facts = [t("seminar.chart_compare.deposit_rate_table", rate_table=comparison.rate_table)]
        if origin := _drawable(source):
            facts.append(t("seminar.chart_compare.source", origin=origin))
        if dates:
            span_text = dates[0].isoformat() if len(dates) == 1 else f"{dates[0]} … {dates[-1]}"
            facts.append(t("seminar.chart_compare.data_as_of", span_text=span_text))
        if len(dates) > 1 and (dates[-1] - dates[0]).days > 365:
            facts.append(t("seminar.chart_compare.old_offers_are_history_not_today"))
        if any(row.locked_past_horizon_days for row in rows):
            facts.append(t("seminar.chart_compare.pale_hatched_matures_after_the_horizon"))
        _footnote(fig, facts)
        return chart_style._save(fig, out)

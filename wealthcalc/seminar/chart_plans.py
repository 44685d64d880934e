"""The deposit plan chart: each leg a bar from its start to its maturity."""

from __future__ import annotations

import functools
import os
from pathlib import Path
from typing import Any

from .chart_style import (
    _PALETTE, _amount_axis, _check_path, _drawing, _figure, _footnote, _full, _money, _pct, _text, _title,
)
from ..i18n import message
from .fonts import _drawable, chart_lang
from . import chart_style

__all__ = ["plot_plan"]


_PRODUCT_COLOURS = {
    "fixed": "#0072B2", "large_cd": "#009E73", "installment": "#E69F00",
    "interest_payout": "#CC79A7", "notice_1d": "#56B4E9", "notice_7d": "#56B4E9",
    "demand": "#BBBBBB", "reserve": "#888888",
}


_MAX_POTS = 15


_PLAN_TITLES = ("max_value", "shortest_term", "monthly_max_value", "monthly_shortest_term", "monthly_required")


def _plan_title(plan: Any, lang: str) -> str:
    """The question the plan answers, in ``lang``."""
    if plan.mode not in _PLAN_TITLES:
        return message("seminar.chart_plans.title.plan", lang)
    return message(f"seminar.chart_plans.title.{plan.mode}", lang, months=plan.months,
                   amount=_money(plan.amount or 0.0, lang), monthly=_money(plan.monthly or 0.0, lang),
                   target=_money(plan.target or 0.0, lang))


def plot_plan(
    plan: Any,
    path: str | os.PathLike,
    *,
    lang: str = "zh",
    source: str = "",
) -> Path:
    """A deposit plan's timeline: each leg a bar from its start to its maturity.

    Parameters
    ----------
    plan : a :class:`wealthcalc.plans.Plan` (any of the five modes).
    path : a .png or .svg file to write.
    lang : "zh" or "en".
    source : the rate table's name, source and date, for the footnote.

    Notes
    -----
    One row per pot of money (the legs that roll into each other), months
    (or dates, with a start date) across. Each bar is coloured by product
    (整存整取, 大额存单, 零存整取, 通知存款, 活期) and, where it is wide enough,
    labelled with the amount and the rate. The footnote gives the value,
    the interest and tax, and what the best naive choice would have ended with.
    At most 15 pots are drawn (a slide stays readable); the footnote says when more were left out.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from wealthcalc import plans
    >>> out = pathlib.Path(tempfile.mkdtemp(), "plan.png")
    >>> plot_plan(plans.max_value(100_000, 36), out).exists()
    True
    """
    from matplotlib.patches import Patch
    from matplotlib.ticker import FuncFormatter, MultipleLocator

    out = _check_path(path)
    lang = chart_lang(lang)
    t = functools.partial(_text, lang)
    pots = sorted({leg.pot for leg in plan.legs})
    shown = pots[:_MAX_POTS]
    row_of = {pot: i for i, pot in enumerate(shown)}
    with _drawing(lang):
        fig, (ax,) = _figure(height=max(4.5, 0.55 * len(shown) + 3.0))
        used = []
        for leg in plan.legs:
            if leg.pot not in row_of:
                continue
            y = row_of[leg.pot]
            colour = _PRODUCT_COLOURS.get(leg.product, "#777777")
            ax.barh(y, leg.months, left=leg.start_month, height=0.7, color=colour,
                    edgecolor="white", linewidth=1.5)
            if leg.product not in used:
                used.append(leg.product)
            if leg.months >= max(plan.months * 0.18, 2):
                label = f"{_money(leg.amount, lang)} · {_pct(leg.annual_rate)}"
                ax.text(leg.start_month + leg.months / 2, y, label, ha="center", va="center",
                        fontsize=13, color="white" if leg.product not in ("demand", "reserve") else "black")
        ax.set_yticks(range(len(shown)),
                      [t("seminar.chart_plans.pot", value=p + 1) for p in shown])
        ax.invert_yaxis()
        ax.set_xlim(0, plan.months)
        ax.grid(axis="y", visible=False)
        ax.xaxis.set_major_locator(MultipleLocator(_month_step(plan.months)))
        if plan.start_date is not None:
            ax.xaxis.set_major_formatter(FuncFormatter(
                lambda m, _p: _month_label(plan.start_date, int(round(m)))))
            ax.set_xlabel(t("seminar.chart_plans.date"))
        else:
            ax.set_xlabel(t("seminar.chart_plans.month_from_the_first_deposit"))
        names = {leg.product: (leg.name, leg.name_en) for leg in plan.legs}
        ax.legend(handles=[Patch(color=_PRODUCT_COLOURS.get(k, "#777777"),
                                 label=names[k][0] if lang == "zh" else names[k][1]) for k in used],
                  loc="lower right", bbox_to_anchor=(1.0, 1.0), ncols=min(len(used), 4))
        _title(fig, lang, "seminar.chart_plans.title", {"title_zh": _plan_title(plan, "zh"), "title_en": _plan_title(plan,
                                                                                                         "en")})
        facts = [
            t("seminar.chart_plans.value", value=_full(plan.value)),
            t("seminar.chart_plans.principal", principal=_full(plan.principal)),
            t("seminar.chart_plans.interest", interest=_full(plan.interest)),
        ]
        if plan.tax:
            facts.append(t("seminar.chart_plans.tax", tax=_full(plan.tax)))
        for alt in sorted(plan.alternatives, key=lambda a: a.shortfall)[:2]:
            if alt.shortfall > 0:
                facts.append(t("seminar.chart_plans.more_than", name=alt.name, shortfall=_full(alt.shortfall),
                               name_en=alt.name_en))
            else:
                facts.append(t("seminar.chart_plans.same_as", name=alt.name, name_en=alt.name_en))
        if len(pots) > len(shown):
            facts.append(t("seminar.chart_plans.first_of_pots_shown", shown=len(shown), pots=len(pots)))
        if origin := _drawable(source):
            facts.append(t("seminar.chart_plans.rates", origin=origin))
        _footnote(fig, facts)
        return chart_style._save(fig, out)


def _month_step(months: int) -> int:
    """Tick spacing for a horizon of ``months``: whole quarters, half-years or years."""
    for step, most in ((1, 12), (3, 24), (6, 72), (12, 180)):
        if months <= most:
            return step
    return 60 if months > 480 else 24


def _month_label(start: Any, months: int) -> str:
    """YYYY-MM of the month ``months`` after ``start``."""
    total = start.year * 12 + start.month - 1 + months
    return f"{total // 12}-{total % 12 + 1:02d}"

"""Seminar charts of wealthcalc results (kept path; the code lives in :mod:`wealthcalc.seminar`).

>>> from wealthcalc.charts import chart_lang
>>> chart_lang("en")
'en'
"""

from __future__ import annotations

from .seminar.chart_dca import _held_path, _zero_edged_bins
from .seminar.chart_plans import _MAX_POTS, _month_label, _month_step, _plan_title
from .seminar.chart_style import (
    SUFFIXES,
    _amount_axis,
    _check_path,
    _full,
    _money,
    _pct,
    _save,
    _short,
    _style,
    _width,
)
from .seminar.charts import (
    ChartFont,
    FontFallbackWarning,
    chart_lang,
    find_cjk_font,
    font_covers,
    plot_combined_loan,
    plot_comparison,
    plot_dca,
    plot_every_start,
    plot_loan,
    plot_plan,
    save_chart,
)
from .seminar.fonts import _candidates

__all__ = [
    "SUFFIXES",
    "ChartFont",
    "FontFallbackWarning",
    "_MAX_POTS",
    "_amount_axis",
    "_candidates",
    "_check_path",
    "_full",
    "_held_path",
    "_money",
    "_month_label",
    "_month_step",
    "_pct",
    "_plan_title",
    "_save",
    "_short",
    "_style",
    "_width",
    "_zero_edged_bins",
    "chart_lang",
    "find_cjk_font",
    "font_covers",
    "plot_combined_loan",
    "plot_comparison",
    "plot_dca",
    "plot_every_start",
    "plot_loan",
    "plot_plan",
    "save_chart",
]

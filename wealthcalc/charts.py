"""Seminar charts of wealthcalc results (kept path; the code lives in :mod:`wealthcalc.seminar`).

>>> from wealthcalc.charts import chart_lang
>>> chart_lang("en")
'en'
"""

from __future__ import annotations

from .seminar.chart_style import SUFFIXES
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

__all__ = [
    "SUFFIXES",
    "ChartFont",
    "FontFallbackWarning",
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

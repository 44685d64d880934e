"""The seminar front end: charts of results and the printable customer report.

:mod:`.charts` draws results (one module per subject, the fonts in
:mod:`.fonts`); a report case is read and checked by :mod:`.case`, run by
:mod:`.run` and rendered by :mod:`.report`. Nothing here imports matplotlib
until a chart is drawn.

>>> from wealthcalc.seminar import parse_case
>>> parse_case({"title": "Demo"}).sections
()
"""

from __future__ import annotations

from .case import SECTIONS, ReportCase, load_case, parse_case
from .charts import (
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
from .report import render_html, write_report
from .run import CaseResults, run_case

__all__ = [
    "SECTIONS",
    "CaseResults",
    "ChartFont",
    "FontFallbackWarning",
    "ReportCase",
    "chart_lang",
    "find_cjk_font",
    "font_covers",
    "load_case",
    "parse_case",
    "plot_combined_loan",
    "plot_comparison",
    "plot_dca",
    "plot_every_start",
    "plot_loan",
    "plot_plan",
    "render_html",
    "run_case",
    "save_chart",
    "write_report",
]

"""Seminar charts of wealthcalc results: PNG or SVG files, Chinese or English.

Needs the ``plot`` extra (matplotlib + mplfonts). matplotlib is imported
inside the functions, so importing this module stays cheap, and the figures
are drawn on the Agg canvas (no display needed). One module per subject:
:mod:`.chart_loans`, :mod:`.chart_compare`, :mod:`.chart_plans`,
:mod:`.chart_dca`; the shared look is :mod:`.chart_style`, the fonts
:mod:`.fonts`. :func:`save_chart` draws any result that has a chart.

>>> from wealthcalc.seminar.charts import chart_lang
>>> chart_lang("en")
'en'
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from .chart_compare import plot_comparison
from .chart_dca import plot_dca, plot_every_start
from .chart_loans import plot_combined_loan, plot_loan
from .chart_plans import plot_plan
from .fonts import ChartFont, FontFallbackWarning, chart_lang, find_cjk_font, font_covers

__all__ = [
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


# (module, class name) of a result -> name of the chart function drawing it.
def _charts() -> tuple[tuple[type, Any], ...]:
    """(result type, chart function) for every result that has a chart, most specific first."""
    from ..funds import DcaBacktest, EveryStart
    from ..loans import CombinedSchedule, Schedule
    from ..plans import Plan
    from ..yields import Comparison

    return ((Schedule, plot_loan), (CombinedSchedule, plot_combined_loan), (Comparison, plot_comparison),
            (Plan, plot_plan), (DcaBacktest, plot_dca), (EveryStart, plot_every_start))


def save_chart(result: Any, path: str | os.PathLike, *, lang: str = "zh", **kw: Any) -> Path:
    """Draw any wealthcalc result that has a chart; the CLI's ``--plot FILE`` calls this.

    Dispatches on the result's type (a loan Schedule -> :func:`plot_loan`,
    ...); extra keywords go to that function.

    Raises
    ------
    InputError
        for a result with no chart, or a bad path or language.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from wealthcalc import loans
    >>> out = pathlib.Path(tempfile.mkdtemp(), "loan.svg")
    >>> save_chart(loans.amortize(300_000, 0.04, 36), out, lang="en") == out
    True
    """
    from ..errors import InputError

    charts = _charts()
    for kind, draw in charts:
        if isinstance(result, kind):
            return Path(draw(result, path, lang=lang, **kw))
    kinds = ", ".join(sorted(f"{kind.__module__.split('.')[-1]}.{kind.__name__}" for kind, _ in charts))
    raise InputError("result", type(result).__name__, code="seminar.charts.charts_exist_for",
                     params={"kinds": kinds})

"""Fund NAV series: the old import path of :mod:`wealthcalc.funds.navdata`.

>>> from wealthcalc.navdata import synthetic_nav
>>> len(synthetic_nav(days=5, seed=1))
5
"""

from __future__ import annotations

from .funds.navdata import (GAP_DAYS, NavFileError, NavSeries, describe_source, load_nav, note_text, synthetic_nav,
                            write_nav_csv)
from .results import Note

__all__ = [
    "GAP_DAYS",
    "NavFileError",
    "NavSeries",
    "Note",
    "describe_source",
    "load_nav",
    "note_text",
    "synthetic_nav",
    "write_nav_csv",
]

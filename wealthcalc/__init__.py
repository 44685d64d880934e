"""wealthcalc: the arithmetic Chinese banks do, done honestly.

Compare deposits, bank wealth products (理财), trusts and funds after every
fee, idle day and tax; design combined deposits; back-test fund DCA; and
amortize loans to the fen.

>>> import wealthcalc
>>> wealthcalc.round_fen(2.675)
2.68
"""

from ._version import __version__
from .errors import (
    CatalogError,
    InputError,
    NoSolutionError,
    ProductNotFoundError,
    WealthcalcError,
)
from .money import format_amount, format_rate, parse_amount, parse_rate, round_fen

__all__ = sorted(
    [
        "CatalogError",
        "InputError",
        "NoSolutionError",
        "ProductNotFoundError",
        "WealthcalcError",
        "__version__",
        "format_amount",
        "format_rate",
        "parse_amount",
        "parse_rate",
        "round_fen",
    ]
)

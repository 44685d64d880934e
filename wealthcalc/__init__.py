"""wealthcalc: the arithmetic Chinese banks do, done honestly.

Compare deposits, bank wealth products (理财), trusts and funds after every
fee, idle day and tax; design combined deposits; back-test fund DCA; and
amortize loans to the fen. Names are loaded on first use, so
``import wealthcalc`` stays fast.

>>> import wealthcalc
>>> wealthcalc.round_fen(2.675)
2.68
>>> wealthcalc.amortize(1_000_000, 0.049, 360).first_payment
5307.27
"""

import importlib as _importlib

from ._version import __version__
from .errors import (
    CatalogError,
    InputError,
    NoSolutionError,
    ProductNotFoundError,
    WealthcalcError,
)
from .money import format_amount, format_rate, parse_amount, parse_rate, round_fen

# public name -> module that defines it (imported on first access)
_LAZY = {
    "Catalog": "catalog",
    "Product": "catalog",
    "RateTable": "catalog",
    "load_catalog": ("catalog", "load"),
    "DepositResult": "deposits",
    "deposit_insurance": "deposits",
    "fixed_maturity_value": "deposits",
    "installment_interest": "deposits",
    "interest_tax": "deposits",
    "Comparison": "yields",
    "ComparisonRow": "yields",
    "YieldResult": "yields",
    "after_fees": "yields",
    "compare": "yields",
    "Prepayment": "loans",
    "RateChange": "loans",
    "Schedule": "loans",
    "amortize": "loans",
    "amortize_many": "loans",
    "apr": "loans",
    "combined": "loans",
    "compare_offers": "loans",
    "provident_quote": "loans",
    "DcaBacktest": "dca",
    "EveryStart": "dca",
    "NavSeries": "dca",
    "every_start": "dca",
    "load_nav": "dca",
    "lump_sum": "dca",
    "simulate": "dca",
    "synthetic_nav": "dca",
    "Plan": "plans",
    "PlanAlternative": "plans",
    "PlanLeg": "plans",
    "plan_max_value": ("plans", "max_value"),
    "plan_monthly_max_value": ("plans", "monthly_max_value"),
    "plan_monthly_required": ("plans", "monthly_required"),
    "plan_monthly_shortest_term": ("plans", "monthly_shortest_term"),
    "plan_shortest_term": ("plans", "shortest_term"),
}
_SUBMODULES = (
    "catalog", "charts", "dates", "dca", "deposits", "funds", "i18n", "loans", "money", "navdata", "plans",
    "report", "results", "schemas", "seminar", "tvm", "yields",
)

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
        *_LAZY,
    ]
)


def __getattr__(name: str) -> object:
    if name in _LAZY:
        target = _LAZY[name]
        module_name, attribute = target if isinstance(target, tuple) else (target, name)
        value = getattr(_importlib.import_module(f".{module_name}", __name__), attribute)
        globals()[name] = value
        return value
    if name in _SUBMODULES:
        return _importlib.import_module(f".{name}", __name__)
    raise AttributeError(f"module 'wealthcalc' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__) | set(_SUBMODULES))

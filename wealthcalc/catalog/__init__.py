"""The product catalog: deposit rate tables, products, loan rate paths.

``products.yaml`` (repository root, shipped inside the package) holds dated
deposit rate tables, savings and investment products with their fees, the
LPR and provident-fund rate paths and provident-fund loan policies. This
package reads it with ``yaml.safe_load``, checks every field, and returns
frozen records. It holds data only: interest arithmetic lives in
:mod:`wealthcalc.deposits` and :mod:`wealthcalc.yields`.

Rates are decimal fractions (0.0324); the YAML writes them as "3.24%"
strings (or decimals ≤ 1). Amounts are yuan. Terms of deposits are months,
terms of other products days.

>>> from wealthcalc.catalog import load
>>> catalog = load()
>>> table = catalog.rate_table()           # the big banks' 2025-05-20 table
>>> table.fixed[36], table.demand
(0.0125, 0.0005)
>>> catalog.get("citic-licai-2004").min_amount
100000.0
>>> catalog.get("citic-licai-2004").check_amount(50_000)
'below the minimum of 100,000.00 yuan'
"""

from .loading import ENV_VAR, _load_bundled, bundled_path, load
from .queries import Catalog
from .reader import _CatalogProblems, _parse_text, _Reader
from .records import (
    DEPOSIT_TYPES,
    MAX_TERM_DAYS,
    SCHEMA_VERSION,
    BundledDeposit,
    Fees,
    FrontEndTier,
    FrozenMap,
    Product,
    ProductKind,
    ProvidentPolicy,
    RateKind,
    RateLine,
    RatePath,
    RatePoint,
    RateTable,
    RateTier,
    RedemptionTier,
    product_kinds,
    risk_grade,
    term_code,
)
from .refs import resolve_policy, resolve_product, resolve_rate_table

__all__ = [
    "BundledDeposit",
    "Catalog",
    "DEPOSIT_TYPES",
    "MAX_TERM_DAYS",
    "ENV_VAR",
    "Fees",
    "FrontEndTier",
    "FrozenMap",
    "Product",
    "ProductKind",
    "ProvidentPolicy",
    "RateKind",
    "RateLine",
    "RatePath",
    "RatePoint",
    "RateTable",
    "RateTier",
    "RedemptionTier",
    "SCHEMA_VERSION",
    "bundled_path",
    "load",
    "product_kinds",
    "resolve_policy",
    "resolve_product",
    "resolve_rate_table",
    "risk_grade",
    "term_code",
]

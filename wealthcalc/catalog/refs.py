"""Catalog references: a rate table, policy or product given as the object or its id."""

from __future__ import annotations

from ..errors import InputError
from ..i18n import message
from .loading import load
from .queries import Catalog
from .records import Product, ProvidentPolicy, RateTable

def resolve_rate_table(value: "RateTable | str | None", catalog: "Catalog | None" = None) -> RateTable:
    """A rate table given as a :class:`RateTable` or its id (looked up in ``catalog``, else the
    bundled one); None gives the catalog's default table. Anything else is an InputError.

    >>> resolve_rate_table("pboc-2004-10-29").effective
    datetime.date(2004, 10, 29)
    """
    if isinstance(value, RateTable):
        return value
    if value is None or isinstance(value, str):
        return (catalog or load()).rate_table(value)
    raise InputError("rate_table", value, code="ref.type", params=_what("catalog.ref_rate_table"))


def resolve_policy(value: "ProvidentPolicy | str | None", catalog: "Catalog | None" = None) -> ProvidentPolicy:
    """A provident-fund policy given as a :class:`ProvidentPolicy` or its id (None: the default)."""
    if isinstance(value, ProvidentPolicy):
        return value
    if value is None or isinstance(value, str):
        return (catalog or load()).provident_policy(value)
    raise InputError("policy", value, code="ref.type",
                     params=_what("catalog.ref_policy"))


def resolve_product(value: "Product | str", catalog: "Catalog | None" = None) -> Product:
    """A product given as a :class:`Product` or its id."""
    if isinstance(value, Product):
        return value
    if isinstance(value, str):
        return (catalog or load()).get(value)
    raise InputError("product", value, code="ref.type", params=_what("catalog.ref_product"))


def _what(code: str) -> dict[str, str]:
    """The ``what``/``what_zh`` parameters of the ``ref.*`` messages."""
    return {"what": message(code, "en"), "what_zh": message(code, "zh")}

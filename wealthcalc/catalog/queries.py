"""The :class:`Catalog`: a loaded catalog and its look-ups (get, filter, eligible, rate tables, policies)."""

from __future__ import annotations

import datetime as _dt
import difflib
from dataclasses import dataclass
from typing import Any, Iterable

from .. import _validate
from .._validate import AmountLike, DateLike

from ..i18n import message
from ..errors import InputError, ProductNotFoundError
from .schema import spec
from .records import (
    MAX_TERM_DAYS, Product, ProductKind, ProvidentPolicy, RatePath, RateTable, product_kinds, risk_grade,
)

@dataclass(frozen=True, slots=True)
class Catalog:
    """A loaded, validated catalog."""

    path: str = spec("text", "the file read", yaml=None)
    version: int = spec("int", "`1`", required="yes")
    products: tuple[Product, ...] = spec("list of `Product`", "products (below)", required="yes")
    rate_tables: tuple[RateTable, ...] = spec("list of `RateTable`", "deposit rate tables (below)", required="yes")
    default_rate_table: str = spec("id", "table used when none is named (the bundled file: "
                                   "`big-banks-2025-05-20`)", required="yes")
    lpr: RatePath = spec("mapping (`RatePath`)", "贷款市场报价利率 (LPR), dated", required="yes")
    provident_rates: RatePath = spec("mapping (`RatePath`)", "provident-fund loan rates, dated", required="yes")
    loan_benchmarks: RatePath = spec("mapping (`RatePath`)", "PBOC loan benchmark rates, dated", required="yes")
    provident_policies: tuple[ProvidentPolicy, ...] = spec("list of `ProvidentPolicy`",
                                                           "provident-fund loan policies (below)", required="yes")
    default_provident_policy: str = spec("id", "policy used when none is named (bundled: `zhengzhou-2013`, the "
                                         "one policy with caps)", required="yes")

    def summary(self) -> dict[str, Any]:
        """What ``products validate`` reports for a catalog that loads: its path and counts.

        >>> from wealthcalc.catalog import load
        >>> load().summary()["ok"]
        True
        """
        return {"ok": True, "path": self.path, "products": len(self.products),
                "rate_tables": len(self.rate_tables), "provident_policies": len(self.provident_policies)}

    @property
    def ids(self) -> tuple[str, ...]:
        """Product ids in file order."""
        return tuple(p.id for p in self.products)

    def get(self, product_id: str) -> Product:
        """The product with this id.

        Raises
        ------
        ProductNotFoundError
            naming the closest ids.
        """
        for product in self.products:
            if product.id == product_id:
                return product
        raise _not_found("product", product_id, self.ids, "catalog.what_product")

    def filter(
        self,
        kind: str | ProductKind | Iterable[str | ProductKind] | None = None,
        max_risk: int | str | None = None,
        amount: AmountLike | None = None,
        term_days: int | None = None,
    ) -> tuple[Product, ...]:
        """Products of ``kind`` (one kind or several), risk ≤ ``max_risk``, buyable with
        ``amount``, fitting a horizon of ``term_days`` (some term ≤ it; open-ended always fit).

        >>> from wealthcalc.catalog import load
        >>> [p.id for p in load().filter(kind="trust", amount=100_000)]
        ['bjitic-tv-ad-trust-2004', 'fotic-96447-trust-2004']
        """
        kinds = product_kinds(kind)
        risk = None if max_risk is None else risk_grade(max_risk)
        if amount is not None:
            amount = _validate.amount(amount, "amount")
        if term_days is not None:
            term_days = _validate.whole(term_days, "term_days", low=1, high=MAX_TERM_DAYS, unit="days")
        out = []
        for p in self.products:
            if kinds is not None and p.kind not in kinds:
                continue
            if risk is not None and p.risk > risk:
                continue
            if amount is not None and p.check_amount(amount) is not None:
                continue
            if term_days is not None and p.terms and min(p.terms) > term_days:
                continue
            out.append(p)
        return tuple(out)

    def eligible(self, product: Product | str, amount: AmountLike, lang: str = "en") -> str | None:
        """Why ``amount`` cannot buy ``product`` (an id or a Product), or None."""
        if isinstance(product, str):
            product = self.get(product)
        return product.check_amount(amount, lang)

    def rate_table(self, table_id: str | None = None) -> RateTable:
        """A rate table by id; None gives the default (big banks, 2025-05-20)."""
        wanted = self.default_rate_table if table_id is None else table_id
        return _by_id(self.rate_tables, wanted, "rate_table", table_id, "catalog.what_rate_table")

    def rate_table_on(self, day: DateLike, default: RateTable | None = None) -> RateTable | None:
        """The market deposit rate table in force on ``day`` (the latest effective on or before
        it, unless its ``until`` has passed), else ``default``. One bank's own table (scope
        "bank") is used only when named.

        >>> import datetime
        >>> from wealthcalc.catalog import load
        >>> load().rate_table_on(datetime.date(2005, 6, 1)).id
        'pboc-2004-10-29'
        """
        day = _validate.date(day, "day")
        tables = [t for t in self.rate_tables if t.effective <= day and t.scope == "market"]
        latest = max(tables, key=lambda t: t.effective) if tables else None
        if latest is None or (latest.until or day) < day:
            return default
        return latest

    def provident_policy(self, policy_id: str | None = None) -> ProvidentPolicy:
        """A provident-fund loan policy by id; None gives the default."""
        wanted = self.default_provident_policy if policy_id is None else policy_id
        return _by_id(self.provident_policies, wanted, "provident_policy", policy_id, "catalog.what_policy")


def _by_id(items: tuple[Any, ...], wanted: str, field_name: str, asked: Any, what: str) -> Any:
    """The item whose id is ``wanted``; else ProductNotFoundError on ``field_name`` naming ``asked``."""
    for item in items:
        if item.id == wanted:
            return item
    raise _not_found(field_name, asked, [item.id for item in items], what, wanted)


def _not_found(field_name: str, asked: Any, ids: Any, what: str, wanted: Any = None) -> ProductNotFoundError:
    """The error for an unknown id: the closest ids, else every id (when few), else where to list them."""
    choices = list(ids)
    close = difflib.get_close_matches(str(asked if wanted is None else wanted), choices, n=3)
    params = {"what": message(what, "en"), "what_zh": message(what, "zh")}
    sep = message("catalog.list_sep", "zh")
    if close:
        code, params = "catalog.not_found_close", {**params, "close": ", ".join(close), "close_zh": sep.join(close)}
    elif len(choices) <= 12:
        code, params = "catalog.not_found_list", {**params, "ids": ", ".join(choices), "ids_zh": sep.join(choices)}
    else:
        code = "catalog.not_found_many"
    return ProductNotFoundError(field_name, asked, code=code, params=params)

"""The :class:`Catalog`: a loaded catalog and its look-ups (get, filter, eligible, rate tables, policies)."""

from __future__ import annotations

import datetime as _dt
import difflib
from dataclasses import dataclass
from typing import Any

from ..errors import InputError, ProductNotFoundError
from .schema import spec
from .records import Product, ProductKind, ProvidentPolicy, RatePath, RateTable, _risk_value

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
        close = difflib.get_close_matches(str(product_id), self.ids, n=3)
        raise ProductNotFoundError(
            "product", product_id, _suggest(product_id, self.ids, "product id"),
            hint_zh=(f"是不是 {'、'.join(close)}？" if close else "没有这个产品编号；")
            + "用 `wealthcalc products list` 查看全部产品编号",
        )

    def filter(
        self,
        kind: str | ProductKind | None = None,
        max_risk: int | str | None = None,
        amount: float | None = None,
        term_days: int | None = None,
    ) -> tuple[Product, ...]:
        """Products of ``kind``, risk ≤ ``max_risk``, buyable with ``amount``,
        fitting a horizon of ``term_days`` (some term ≤ it; open-ended always fit).

        >>> from wealthcalc.catalog import load
        >>> [p.id for p in load().filter(kind="trust", amount=100_000)]
        ['bjitic-tv-ad-trust-2004', 'fotic-96447-trust-2004']
        """
        if kind is not None:
            try:
                kind = ProductKind(str(kind))
            except ValueError:
                raise InputError("kind", kind, f"one of {', '.join(k.value for k in ProductKind)}") from None
        risk = None if max_risk is None else _risk_value(max_risk)
        if max_risk is not None and risk is None:
            raise InputError("max_risk", max_risk, "a risk grade R1–R5 (or 1–5)")
        out = []
        for p in self.products:
            if kind is not None and p.kind is not kind:
                continue
            if risk is not None and p.risk > risk:
                continue
            if amount is not None and p.check_amount(amount) is not None:
                continue
            if term_days is not None and p.terms and min(p.terms) > term_days:
                continue
            out.append(p)
        return tuple(out)

    def eligible(self, product: Product | str, amount: float, lang: str = "en") -> str | None:
        """Why ``amount`` cannot buy ``product`` (an id or a Product), or None."""
        if isinstance(product, str):
            product = self.get(product)
        return product.check_amount(amount, lang)

    def rate_table(self, table_id: str | None = None) -> RateTable:
        """A rate table by id; None gives the default (big banks, 2025-05-20)."""
        wanted = self.default_rate_table if table_id is None else table_id
        return _by_id(self.rate_tables, wanted, "rate_table", table_id, "rate table id", "利率表编号")

    def rate_table_on(self, day: _dt.date, default: RateTable | None = None) -> RateTable | None:
        """The market deposit rate table in force on ``day`` (the latest effective on or before
        it, unless its ``until`` has passed), else ``default``. One bank's own table (scope
        "bank") is used only when named.

        >>> import datetime
        >>> from wealthcalc.catalog import load
        >>> load().rate_table_on(datetime.date(2005, 6, 1)).id
        'pboc-2004-10-29'
        """
        tables = [t for t in self.rate_tables if t.effective <= day and t.scope == "market"]
        latest = max(tables, key=lambda t: t.effective) if tables else None
        if latest is None or (latest.until or day) < day:
            return default
        return latest

    def provident_policy(self, policy_id: str | None = None) -> ProvidentPolicy:
        """A provident-fund loan policy by id; None gives the default."""
        wanted = self.default_provident_policy if policy_id is None else policy_id
        return _by_id(self.provident_policies, wanted, "provident_policy", policy_id, "policy id",
                      "公积金政策编号")


def _by_id(items: tuple[Any, ...], wanted: str, field_name: str, asked: Any, what: str, what_zh: str) -> Any:
    """The item whose id is ``wanted``; else ProductNotFoundError on ``field_name`` naming ``asked``."""
    for item in items:
        if item.id == wanted:
            return item
    ids = [item.id for item in items]
    raise ProductNotFoundError(field_name, asked, _suggest(wanted, ids, what),
                               hint_zh=f"{what_zh}请从 {'、'.join(ids)} 中选择")


def _suggest(value: str, choices: Any, what: str) -> str:
    choices = list(choices)
    close = difflib.get_close_matches(str(value), choices, n=3)
    if close:
        return f"did you mean {', '.join(close)}? (`wealthcalc products list` shows every {what})"
    return f"one of {', '.join(choices)}" if len(choices) <= 12 else f"see `wealthcalc products list` for every {what}"


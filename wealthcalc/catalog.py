"""The product catalog: deposit rate tables, products, loan rate paths.

``products.yaml`` (repository root, shipped inside the package) holds dated
deposit rate tables, savings and investment products with their fees, the
LPR and provident-fund rate paths and provident-fund loan policies. This
module reads it with ``yaml.safe_load``, checks every field, and returns
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

from __future__ import annotations

import datetime as _dt
import difflib
import enum
import functools
import os
import re
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any, Iterator, Mapping

from .errors import CatalogError, InputError, ProductNotFoundError
from .money import format_amount, parse_amount, parse_rate

__all__ = [
    "BundledDeposit",
    "Catalog",
    "DEPOSIT_TYPES",
    "Fees",
    "FrontEndTier",
    "FrozenMap",
    "Product",
    "ProductKind",
    "ProvidentPolicy",
    "RateKind",
    "RatePath",
    "RatePoint",
    "RateTable",
    "RateTier",
    "RedemptionTier",
    "SCHEMA_VERSION",
    "bundled_path",
    "load",
]

SCHEMA_VERSION = 1
"""The ``version`` this module reads."""

ENV_VAR = "WEALTHCALC_CATALOG"

DEPOSIT_TYPES = (
    "demand",
    "fixed",
    "installment",
    "lump_withdrawal",
    "interest_payout",
    "flexible",
    "notice",
    "large_cd",
)
"""Deposit types (keys of ``RateTable.minimums``): 活期, 整存整取, 零存整取,
整存零取, 存本取息, 定活两便, 通知存款, 大额存单."""


class ProductKind(str, enum.Enum):
    """What a product is; the string value is what the YAML writes."""

    DEPOSIT = "deposit"  # 存款
    WEALTH = "wealth"  # 银行理财
    TRUST = "trust"  # 集合资金信托
    FUND = "fund"  # 证券投资基金
    MONEY_FUND = "money_fund"  # 货币市场基金

    def __str__(self) -> str:
        return self.value


class RateKind(str, enum.Enum):
    """What the quoted rate promises."""

    GUARANTEED = "guaranteed"  # 保证收益 / 存款利率
    EXPECTED = "expected"  # 预期收益率 / 业绩比较基准
    BENCHMARK = "benchmark"  # 基准利率
    SEVEN_DAY_YIELD = "seven_day_yield"  # 七日年化收益率

    def __str__(self) -> str:
        return self.value


class FrozenMap(Mapping):
    """A read-only, hashable mapping (term → rate and similar tables).

    Compares equal to a dict with the same items.

    >>> FrozenMap({12: 0.0225}) == {12: 0.0225}
    True
    """

    __slots__ = ("_data",)

    def __init__(self, data: Mapping | Any = ()) -> None:
        object.__setattr__(self, "_data", dict(data))

    def __getitem__(self, key: Any) -> Any:
        return self._data[key]

    def __iter__(self) -> Iterator:
        return iter(self._data)

    def __len__(self) -> int:
        return len(self._data)

    def __hash__(self) -> int:
        return hash(frozenset(self._data.items()))

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError("FrozenMap is read-only")

    def __repr__(self) -> str:
        return f"FrozenMap({self._data!r})"

    def __reduce__(self):
        return (FrozenMap, (self._data,))


# ---------------------------------------------------------------- records


@dataclass(frozen=True, slots=True)
class RateTable:
    """A dated deposit rate table (挂牌利率 or PBOC 基准利率).

    Rates are decimals per year. ``fixed``, ``installment``,
    ``lump_withdrawal``, ``interest_payout`` and ``large_cd`` map a term in
    months to a rate; ``notice`` maps notice days (1, 7) to a rate. A term the
    table does not list is absent (the 2015 PBOC table has no 5-year lines).
    ``minimums`` maps each of :data:`DEPOSIT_TYPES` to the least deposit in
    yuan (零存整取: per monthly installment). ``unconfirmed`` lists the lines
    the reference could not confirm, as ``"section"`` or ``"section.key"``
    with the key in months (days for notice): ``"installment.12"``.
    ``scope`` is ``"market"`` for a table that sets the era's rates (a PBOC
    benchmark, the large banks' listed rates: chosen by date when no table
    is named) or ``"bank"`` for one bank's own list (used only when named).
    """

    id: str
    name: str
    name_en: str
    bank: str
    effective: _dt.date
    source: str
    as_of: _dt.date
    demand: float
    fixed: FrozenMap
    installment: FrozenMap
    lump_withdrawal: FrozenMap
    interest_payout: FrozenMap
    notice: FrozenMap
    large_cd: FrozenMap
    large_cd_min: float | None
    minimums: FrozenMap
    unconfirmed: tuple[str, ...] = ()
    notes: str = ""
    scope: str = "market"
    until: _dt.date | None = None
    """Last day the table was in force (None: still in force, or not known)."""

    def is_confirmed(self, section: str, key: int | None = None) -> bool:
        """False when the reference tags this line (or its section) unconfirmed."""
        return section not in self.unconfirmed and (
            key is None or f"{section}.{key}" not in self.unconfirmed
        )

    def lines(self) -> list[tuple[str, int | None, float]]:
        """Every rate line as (section, term, rate); term is months (notice: days)."""
        out: list[tuple[str, int | None, float]] = [("demand", None, self.demand)]
        for section in ("fixed", "installment", "lump_withdrawal", "interest_payout", "notice", "large_cd"):
            out += [(section, term, rate) for term, rate in getattr(self, section).items()]
        return out

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready dict: terms as strings ("12" months, "7" days)."""
        data: dict[str, Any] = {
            "id": self.id,
            "name": self.name,
            "name_en": self.name_en,
            "bank": self.bank,
            "scope": self.scope,
            "effective": self.effective.isoformat(),
            "until": None if self.until is None else self.until.isoformat(),
            "as_of": self.as_of.isoformat(),
            "source": self.source,
            "demand": self.demand,
        }
        for section in ("fixed", "installment", "lump_withdrawal", "interest_payout", "notice", "large_cd"):
            data[section] = {str(k): v for k, v in getattr(self, section).items()}
        data["large_cd_min"] = self.large_cd_min
        data["minimums"] = dict(self.minimums)
        data["unconfirmed"] = list(self.unconfirmed)
        data["notes"] = self.notes
        return data


@dataclass(frozen=True, slots=True)
class RedemptionTier:
    """赎回费 for holdings of ``min_days`` ≤ days < ``max_days`` (None = no end)."""

    min_days: int
    max_days: int | None
    rate: float


@dataclass(frozen=True, slots=True)
class FrontEndTier:
    """申购费 for ``min_amount`` ≤ amount < ``max_amount``: a rate or a fixed fee per order."""

    min_amount: float
    max_amount: float | None
    rate: float | None = None
    fixed_fee: float | None = None


@dataclass(frozen=True, slots=True)
class Fees:
    """Fees of a product; annual rates accrue daily inside the product.

    ``subscription`` (认购费) is taken up front. ``management``, ``custody``
    and ``sales_service`` are per year. ``performance_share`` (0–1) of the
    return above ``performance_hurdle`` goes to the manager. ``redemption``
    tiers go by holding days; ``front_end`` tiers (funds' 申购费, 外扣法) by
    amount; ``channel_discount`` multiplies front-end *rates* (0.1 = 1折),
    never fixed fees. ``assumed`` marks fee data not taken from the source.
    """

    subscription: float = 0.0
    management: float = 0.0
    custody: float = 0.0
    sales_service: float = 0.0
    performance_share: float = 0.0
    performance_hurdle: float | None = None
    redemption: tuple[RedemptionTier, ...] = ()
    front_end: tuple[FrontEndTier, ...] = ()
    channel_discount: float = 1.0
    assumed: bool = False

    @property
    def annual(self) -> float:
        """Management + custody + sales service, per year."""
        return self.management + self.custody + self.sales_service

    def redemption_rate(self, days_held: int) -> float:
        """The redemption fee rate for a holding of ``days_held`` days (0 if none listed)."""
        for tier in self.redemption:
            if tier.min_days <= days_held and (tier.max_days is None or days_held < tier.max_days):
                return tier.rate
        return 0.0

    def front_end_tier(self, amount: float) -> FrontEndTier | None:
        """The 申购费 tier an order of ``amount`` yuan falls in (None if no tiers)."""
        for tier in self.front_end:
            if tier.min_amount <= amount and (tier.max_amount is None or amount < tier.max_amount):
                return tier
        return None

    def to_dict(self) -> dict[str, Any]:
        return {
            "subscription": self.subscription,
            "management": self.management,
            "custody": self.custody,
            "sales_service": self.sales_service,
            "performance_share": self.performance_share,
            "performance_hurdle": self.performance_hurdle,
            "redemption": [
                {"min_days": t.min_days, "max_days": t.max_days, "rate": t.rate} for t in self.redemption
            ],
            "front_end": [
                {"min_amount": t.min_amount, "max_amount": t.max_amount, "rate": t.rate, "fixed_fee": t.fixed_fee}
                for t in self.front_end
            ],
            "channel_discount": self.channel_discount,
            "assumed": self.assumed,
        }


@dataclass(frozen=True, slots=True)
class BundledDeposit:
    """A deposit the buyer must hold beside the product (搭配存款, rules §6.4).

    ``share`` is the deposit's part of the whole outlay (product + deposit):
    1/3 means 50 yuan of deposit per 100 yuan of product. ``rate`` is read
    from ``rate_table`` for ``deposit_type`` and ``term_months``.
    """

    share: float
    deposit_type: str
    term_months: int
    rate_table: str
    rate: float


@dataclass(frozen=True, slots=True)
class RateTier:
    """A rate for a term (``term_days``) and/or an amount band [min, max)."""

    rate: float
    term_days: int | None = None
    min_amount: float | None = None
    max_amount: float | None = None


@dataclass(frozen=True, slots=True)
class Product:
    """One product as sold, with the data to compare it after fees and idle days.

    ``term_days`` is None for open-ended products and for products whose
    terms are listed in ``tiers``; ``terms`` gives the terms on offer.
    Deposits also carry ``term_months`` and ``deposit_type``. ``risk`` is
    1–5 (R1–R5). ``step`` None means any amount to the fen above the minimum.
    ``rate`` is None for funds (no promised rate); for tiered products it is
    the first tier's rate — use :meth:`rate_for`.
    """

    id: str
    kind: ProductKind
    name: str
    name_en: str
    issuer: str
    risk: int
    min_amount: float
    max_amount: float | None
    step: float | None
    term_days: int | None
    rate: float | None
    rate_kind: RateKind | None
    rate_net_of_fees: bool
    day_count: int
    raise_days: int
    payout_days: int
    fees: Fees
    bundled_deposit: BundledDeposit | None
    tax_rate: float
    tiers: tuple[RateTier, ...]
    rollover: bool
    as_of: _dt.date
    source: str
    notes: str = ""
    term_months: int | None = None
    deposit_type: str | None = None
    rate_table: str | None = None
    code: str | None = None
    sale_start: _dt.date | None = None
    sale_end: _dt.date | None = None
    unconfirmed: tuple[str, ...] = ()

    @property
    def terms(self) -> tuple[int, ...]:
        """Terms on offer in days (empty for open-ended products)."""
        tier_terms = sorted({t.term_days for t in self.tiers if t.term_days is not None})
        if tier_terms:
            return tuple(tier_terms)
        return () if self.term_days is None else (self.term_days,)

    @property
    def open_ended(self) -> bool:
        """True for products with no fixed term (funds, money funds, 活期)."""
        return not self.terms

    def rate_for(self, amount: float | None = None, term_days: int | None = None) -> float | None:
        """The quoted rate for an amount and term, looked up in ``tiers``.

        Raises
        ------
        InputError
            when the product offers no tier for that term or amount.

        >>> from wealthcalc.catalog import load
        >>> load().get("bjitic-tv-ad-trust-2004").rate_for(term_days=547)
        0.065
        """
        if not self.tiers:
            if term_days is not None and self.terms and term_days not in self.terms:
                raise InputError("term_days", term_days, f"{self.id} offers terms {list(self.terms)} days")
            return self.rate
        candidates = list(self.tiers)
        if any(t.term_days is not None for t in candidates):
            if term_days is None:
                term_days = self.terms[0]
            candidates = [t for t in candidates if t.term_days == term_days]
            if not candidates:
                raise InputError("term_days", term_days, f"{self.id} offers terms {list(self.terms)} days")
        if any(t.min_amount is not None for t in candidates):
            if amount is None:
                amount = self.min_amount
            candidates = [
                t for t in candidates
                if (t.min_amount or 0) <= amount and (t.max_amount is None or amount < t.max_amount)
            ]
            if not candidates:
                raise InputError("amount", amount, f"{self.id} has no rate tier for this amount")
        return candidates[0].rate

    def check_amount(self, amount: float, lang: str = "en") -> str | None:
        """Why ``amount`` cannot be bought (below min, above max, off step), or None.

        >>> from wealthcalc.catalog import load
        >>> p = load().get("hxb-wenying-1-1y")
        >>> p.check_amount(6_000) is None, p.check_amount(5_500)
        (True, 'not 5,000.00 plus a multiple of 1,000.00 yuan')
        """
        zh = lang == "zh"
        if amount < self.min_amount:
            return (f"低于起购金额 {format_amount(self.min_amount)} 元" if zh
                    else f"below the minimum of {format_amount(self.min_amount)} yuan")
        if self.max_amount is not None and amount > self.max_amount:
            return (f"高于最高金额 {format_amount(self.max_amount)} 元" if zh
                    else f"above the maximum of {format_amount(self.max_amount)} yuan")
        if self.step is not None:
            excess = Decimal(repr(float(amount))) - Decimal(repr(self.min_amount))
            if excess % Decimal(repr(self.step)) != 0:
                return (f"须为 {format_amount(self.min_amount)} 元加 {format_amount(self.step)} 元的整数倍" if zh
                        else f"not {format_amount(self.min_amount)} plus a multiple of "
                        f"{format_amount(self.step)} yuan")
        return None

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready dict with the YAML's field names (rates as decimals)."""
        return {
            "id": self.id,
            "kind": self.kind.value,
            "name": self.name,
            "name_en": self.name_en,
            "issuer": self.issuer,
            "code": self.code,
            "risk": self.risk,
            "min_amount": self.min_amount,
            "max_amount": self.max_amount,
            "step": self.step,
            "term_days": self.term_days,
            "term_months": self.term_months,
            "terms": list(self.terms),
            "deposit_type": self.deposit_type,
            "rate_table": self.rate_table,
            "rate": self.rate,
            "rate_kind": None if self.rate_kind is None else self.rate_kind.value,
            "rate_net_of_fees": self.rate_net_of_fees,
            "day_count": self.day_count,
            "raise_days": self.raise_days,
            "payout_days": self.payout_days,
            "fees": self.fees.to_dict(),
            "bundled_deposit": None if self.bundled_deposit is None else {
                "share": self.bundled_deposit.share,
                "deposit_type": self.bundled_deposit.deposit_type,
                "term_months": self.bundled_deposit.term_months,
                "rate_table": self.bundled_deposit.rate_table,
                "rate": self.bundled_deposit.rate,
            },
            "tax_rate": self.tax_rate,
            "tiers": [
                {"rate": t.rate, "term_days": t.term_days, "min_amount": t.min_amount, "max_amount": t.max_amount}
                for t in self.tiers
            ],
            "rollover": self.rollover,
            "sale_start": None if self.sale_start is None else self.sale_start.isoformat(),
            "sale_end": None if self.sale_end is None else self.sale_end.isoformat(),
            "as_of": self.as_of.isoformat(),
            "source": self.source,
            "notes": self.notes,
            "unconfirmed": list(self.unconfirmed),
        }


@dataclass(frozen=True, slots=True)
class RatePoint:
    """One dated row of a rate path: rates by column from ``effective`` on."""

    effective: _dt.date
    rates: FrozenMap
    confirmed: bool = True
    note: str = ""


@dataclass(frozen=True, slots=True)
class RatePath:
    """Dated rates (LPR, provident-fund loan rates, loan benchmarks).

    ``columns`` names the rate columns; a row may leave a column out.

    >>> from wealthcalc.catalog import load
    >>> import datetime
    >>> load().lpr.rate("5y", datetime.date(2025, 1, 1))
    0.036
    """

    id: str
    name: str
    name_en: str
    columns: tuple[str, ...]
    rows: tuple[RatePoint, ...]
    as_of: _dt.date
    source: str
    notes: str = ""

    def at(self, on: _dt.date) -> RatePoint:
        """The row in force on ``on`` (the latest with effective ≤ on)."""
        found = None
        for row in self.rows:
            if row.effective <= on:
                found = row
        if found is None:
            first = self.rows[0].effective.isoformat() if self.rows else "—"
            raise InputError("on", on, f"{self.id} starts on {first}; ask for a later date")
        return found

    def rate(self, column: str, on: _dt.date) -> float:
        """The ``column`` rate in force on ``on``."""
        if column not in self.columns:
            raise InputError("column", column, f"one of {', '.join(self.columns)}")
        row = self.at(on)
        if column not in row.rates:
            raise InputError("column", column, f"{self.id} lists no {column} rate from {row.effective}")
        return row.rates[column]

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "name_en": self.name_en,
            "columns": list(self.columns),
            "rows": [
                {"effective": r.effective.isoformat(), **dict(r.rates), "confirmed": r.confirmed, "note": r.note}
                for r in self.rows
            ],
            "as_of": self.as_of.isoformat(),
            "source": self.source,
            "notes": self.notes,
        }


@dataclass(frozen=True, slots=True)
class ProvidentPolicy:
    """A city's provident-fund (公积金) loan policy (rules §10.4).

    Caps are yuan (None: no cap set by this policy); LTVs are fractions of the
    price. ``second_home_rate_multiplier`` (e.g. 1.1) applies to the
    first-home rate; None means use the second-home columns of
    ``Catalog.provident_rates``.
    """

    id: str
    city: str
    year: int
    cap_single: float | None
    cap_couple: float | None
    cap_county: float | None
    ltv_first_home: float
    ltv_second_hand: float
    ltv_second_home: float
    second_home_rate_multiplier: float | None
    min_paid_months: int | None
    as_of: _dt.date
    source: str
    notes: str = ""
    unconfirmed: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "city": self.city,
            "year": self.year,
            "cap_single": self.cap_single,
            "cap_couple": self.cap_couple,
            "cap_county": self.cap_county,
            "ltv_first_home": self.ltv_first_home,
            "ltv_second_hand": self.ltv_second_hand,
            "ltv_second_home": self.ltv_second_home,
            "second_home_rate_multiplier": self.second_home_rate_multiplier,
            "min_paid_months": self.min_paid_months,
            "as_of": self.as_of.isoformat(),
            "source": self.source,
            "notes": self.notes,
            "unconfirmed": list(self.unconfirmed),
        }


@dataclass(frozen=True, slots=True)
class Catalog:
    """A loaded, validated catalog."""

    path: str
    version: int
    products: tuple[Product, ...]
    rate_tables: tuple[RateTable, ...]
    default_rate_table: str
    lpr: RatePath
    provident_rates: RatePath
    loan_benchmarks: RatePath
    provident_policies: tuple[ProvidentPolicy, ...]
    default_provident_policy: str

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
    raise InputError("rate_table", value, code="ref.type", params={"what": "rate table", "what_zh": "利率表"})


def resolve_policy(value: "ProvidentPolicy | str | None", catalog: "Catalog | None" = None) -> ProvidentPolicy:
    """A provident-fund policy given as a :class:`ProvidentPolicy` or its id (None: the default)."""
    if isinstance(value, ProvidentPolicy):
        return value
    if value is None or isinstance(value, str):
        return (catalog or load()).provident_policy(value)
    raise InputError("policy", value, code="ref.type",
                     params={"what": "provident-fund policy", "what_zh": "公积金政策"})


def resolve_product(value: "Product | str", catalog: "Catalog | None" = None) -> Product:
    """A product given as a :class:`Product` or its id."""
    if isinstance(value, Product):
        return value
    if isinstance(value, str):
        return (catalog or load()).get(value)
    raise InputError("product", value, code="ref.type", params={"what": "product", "what_zh": "产品"})


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


def _risk_value(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int) and 1 <= value <= 5:
        return value
    if isinstance(value, str) and re.fullmatch(r"[Rr]?[1-5]", value.strip()):
        return int(value.strip()[-1])
    return None


# ---------------------------------------------------------------- loading


def bundled_path() -> Any:
    """The packaged products.yaml (an importlib.resources Traversable)."""
    from importlib import resources

    return resources.files("wealthcalc").joinpath("products.yaml")


def load(path: str | os.PathLike | None = None) -> Catalog:
    """Load and validate a catalog.

    Parameters
    ----------
    path : a YAML file; None reads ``$WEALTHCALC_CATALOG`` if set, else the
        bundled products.yaml.

    Raises
    ------
    CatalogError
        with ``problems`` listing every problem found (file, product, field,
        value, accepted form), including a missing file and bad YAML syntax.

    Examples
    --------
    >>> cat = load()
    >>> len(cat.products) > 10, cat.default_rate_table
    (True, 'big-banks-2025-05-20')
    """
    if path is None:
        env = os.environ.get(ENV_VAR, "").strip()
        if env:
            path = env
    if path is None:
        return _load_bundled()
    path = str(path)
    try:
        text = Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise _failure(path, [CatalogError(
            "path", path, "no such file; give an existing YAML catalog (--catalog PATH or "
            f"{ENV_VAR})", path=path)]) from None
    except (OSError, UnicodeDecodeError) as error:
        raise _failure(path, [CatalogError(
            "path", path, f"cannot read it as UTF-8 text ({type(error).__name__}: {error})", path=path)]) from None
    return _parse_text(text, path)


@functools.lru_cache(maxsize=1)
def _load_bundled() -> Catalog:
    resource = bundled_path()
    return _parse_text(resource.read_text(encoding="utf-8"), "products.yaml (bundled)")


class _CatalogProblems(CatalogError):
    """The loader's error: every problem in ``problems``; a single one (a missing
    file, bad YAML) prints as that one line."""

    def __reduce__(self):
        return (_rebuild_problems, (self.field, self.value, self.hint, self.path, self.problems))


def _rebuild_problems(field_name, value, hint, path, problems):
    return _CatalogProblems(field_name, value, hint, path=path, problems=problems)


def _failure(path: str, problems: list[CatalogError]) -> CatalogError:
    return _CatalogProblems(
        "catalog", path, f"{len(problems)} problem(s); fix each and run `wealthcalc products validate`",
        path=path, problems=tuple(problems),
    )


def _parse_text(text: str, path: str) -> Catalog:
    import yaml

    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
        where = f"line {mark.line + 1}, column {mark.column + 1}" if mark is not None else "unknown line"
        context = getattr(error, "context_mark", None)
        if context is not None and mark is not None and context.line != mark.line:
            where += f" (in what begins on line {context.line + 1})"
        reason = getattr(error, "problem", None) or str(error).splitlines()[0]
        raise _failure(path, [CatalogError(
            "yaml", where, f"malformed YAML ({reason}); fix the syntax at that line", path=path)]) from None
    reader = _Reader(path)
    catalog = reader.catalog(data)
    if reader.problems:
        raise _failure(path, reader.problems)
    return catalog


# ---------------------------------------------------------------- the reader

_BAD = object()  # a field that failed (its problem is recorded)
_TERM_RE = re.compile(r"^(\d+)\s*([mydMYD])$")

_TOP_KEYS = (
    "version", "default_rate_table", "default_provident_policy", "rate_tables", "products",
    "lpr", "provident_rates", "loan_benchmarks", "provident_policies",
)
_TABLE_KEYS = (
    "id", "name", "name_en", "bank", "effective", "as_of", "source", "demand", "fixed", "installment",
    "lump_withdrawal", "interest_payout", "notice", "large_cd", "large_cd_min", "minimums", "unconfirmed",
    "notes", "scope", "until",
)
_SCOPES = ("market", "bank")
_PRODUCT_KEYS = (
    "id", "kind", "name", "name_en", "issuer", "code", "risk", "min_amount", "max_amount", "step",
    "term_days", "term_months", "deposit_type", "rate_table", "rate", "rate_kind", "rate_net_of_fees",
    "day_count", "raise_days", "payout_days", "fees", "bundled_deposit", "tax_rate", "tiers", "rollover",
    "sale_start", "sale_end", "as_of", "source", "notes", "unconfirmed",
)
_FEE_KEYS = (
    "subscription", "management", "custody", "sales_service", "performance_share", "performance_hurdle",
    "redemption", "front_end", "channel_discount", "assumed",
)
_PATH_KEYS = ("name", "name_en", "columns", "rows", "as_of", "source", "notes")
_POLICY_KEYS = (
    "id", "city", "year", "cap_single", "cap_couple", "cap_county", "ltv_first_home", "ltv_second_hand",
    "ltv_second_home", "second_home_rate_multiplier", "min_paid_months", "as_of", "source", "notes",
    "unconfirmed",
)
_ID_RE = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
_TERM_SECTIONS = ("fixed", "installment", "lump_withdrawal", "interest_payout", "large_cd")


def _plain(value: Any) -> Any:
    """A whole float as an int (400000.0 → 400000), as the file wrote it."""
    return int(value) if isinstance(value, float) and value.is_integer() else value


def _ok(*values: Any) -> bool:
    """True when none of the values failed to read."""
    return all(value is not _BAD for value in values)


class _Reader:
    """Reads the parsed YAML, recording every problem instead of stopping."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.problems: list[CatalogError] = []
        self.broken: set[str] = set()  # ids of entries with problems (not reported again when referenced)

    # -- recording

    def bad(self, record: str | None, field_name: str, value: Any, hint: str) -> object:
        self.problems.append(CatalogError(field_name, value, hint, path=self.path, product=record))
        return _BAD

    def mapping(self, record: str | None, field_name: str, value: Any, keys: tuple[str, ...]) -> dict | None:
        if not isinstance(value, dict):
            self.bad(record, field_name or ("entry" if record else "catalog"), value,
                     "a mapping of key: value lines" if record or field_name else
                     f"a mapping with the keys {', '.join(_TOP_KEYS)}")
            return None
        for key in value:
            if key not in keys:
                close = difflib.get_close_matches(str(key), keys, n=1)
                hint = f"unknown key; did you mean {close[0]!r}?" if close else "unknown key"
                name = f"{field_name}.{key}" if field_name else str(key)
                self.bad(record, name, key, f"{hint} Accepted keys: {', '.join(keys)}")
        return value

    # -- scalar fields (each returns the value, None when absent, or _BAD)

    def text(self, rec, data, key, name=None, *, required=True) -> Any:
        name = name or key
        value = data.get(key)
        if value is None or (isinstance(value, str) and not value.strip()):
            if required:
                return self.bad(rec, name, value, "required: write a non-empty text")
            return None
        if not isinstance(value, str):
            return self.bad(rec, name, value, "text (quote it if YAML reads it as a number or date)")
        return value.strip()

    def rate(self, rec, data, key, name=None, *, required=False, above_one=False) -> Any:
        name = name or key
        value = data.get(key)
        if value is None:
            return self.bad(rec, name, value, "required: write a rate like '3.24%' or 0.0324") if required else None
        try:
            return parse_rate(value, field=name, allow_above_one=above_one)
        except InputError as error:
            return self.bad(rec, name, value, error.hint)

    def amount(self, rec, data, key, name=None, *, required=False, positive=False) -> Any:
        name = name or key
        value = data.get(key)
        if value is None:
            return self.bad(rec, name, value, "required: write yuan, e.g. 50000 or '5万'") if required else None
        try:
            return parse_amount(value, field=name, allow_zero=not positive)
        except InputError as error:
            return self.bad(rec, name, value, error.hint)

    def integer(self, rec, data, key, name=None, *, required=False, low=0, high=None, default=None) -> Any:
        name = name or key
        value = data.get(key)
        if value is None:
            if required:
                return self.bad(rec, name, value, "required: a whole number")
            return default
        if isinstance(value, bool) or not isinstance(value, int):
            return self.bad(rec, name, value, "a whole number")
        if value < low or (high is not None and value > high):
            span = f"from {low} to {high}" if high is not None else f"{low} or more"
            return self.bad(rec, name, value, f"a whole number {span}")
        return value

    def boolean(self, rec, data, key, name=None, *, default=False) -> Any:
        value = data.get(key)
        if value is None:
            return default
        if not isinstance(value, bool):
            return self.bad(rec, name or key, value, "true or false")
        return value

    def date(self, rec, data, key, name=None, *, required=False) -> Any:
        name = name or key
        value = data.get(key)
        if value is None:
            return self.bad(rec, name, value, "required: a date YYYY-MM-DD") if required else None
        if isinstance(value, _dt.datetime):
            return value.date()
        if isinstance(value, _dt.date):
            return value
        if isinstance(value, str):
            try:
                return _dt.date.fromisoformat(value.strip())
            except ValueError:
                pass
        return self.bad(rec, name, value, "a date YYYY-MM-DD, e.g. 2025-05-20")

    def strings(self, rec, data, key, name=None) -> Any:
        value = data.get(key)
        if value is None:
            return ()
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            return self.bad(rec, name or key, value, "a list of texts")
        return tuple(value)

    def term(self, rec, name, key, unit_ok=("m", "y")) -> Any:
        """A term key: '3m', '1y' → months; '7d' → days (notice)."""
        match = _TERM_RE.match(str(key).strip())
        if match and match.group(2).lower() in unit_ok:
            n, unit = int(match.group(1)), match.group(2).lower()
            if n > 0:
                return n * 12 if unit == "y" else n
        accepted = "'7d' or '1d' (days)" if unit_ok == ("d",) else "a term like '3m', '6m', '1y', '5y'"
        return self.bad(rec, name, key, accepted)

    # -- the file

    def catalog(self, data: Any) -> Catalog | None:
        if data is None:
            data = {}
        top = self.mapping(None, "", data, _TOP_KEYS)
        if top is None:
            return None
        version = top.get("version")
        if version != SCHEMA_VERSION:
            self.bad(None, "version", version, f"this wealthcalc reads 'version: {SCHEMA_VERSION}'")
        tables = self.records(top, "rate_tables", self.rate_table_record)
        products = self.records(top, "products", lambda raw, i: self.product(raw, i, tables))
        lpr = self.rate_path(top, "lpr")
        provident_rates = self.rate_path(top, "provident_rates")
        loan_benchmarks = self.rate_path(top, "loan_benchmarks")
        policies = self.records(top, "provident_policies", self.policy)
        default_table = self.default(top, "default_rate_table", [t.id for t in tables])
        default_policy = self.default(top, "default_provident_policy", [p.id for p in policies])
        if self.problems:
            return None
        return Catalog(
            path=self.path,
            version=version,
            products=tuple(products),
            rate_tables=tuple(tables),
            default_rate_table=default_table,
            lpr=lpr,
            provident_rates=provident_rates,
            loan_benchmarks=loan_benchmarks,
            provident_policies=tuple(policies),
            default_provident_policy=default_policy,
        )

    def default(self, top: dict, key: str, ids: list[str]) -> Any:
        value = top.get(key)
        if isinstance(value, str) and value in self.broken:
            return _BAD
        if not isinstance(value, str) or value not in ids:
            return self.bad(None, key, value, f"required: the id of one entry, one of {', '.join(ids) or '(none)'}")
        return value

    def records(self, top: dict, section: str, read) -> list:
        raw = top.get(section)
        if not isinstance(raw, list) or not raw:
            self.bad(None, section, raw, f"required: a non-empty list of {section} entries")
            return []
        out, seen = [], set()
        for index, entry in enumerate(raw):
            record = read(entry, index)
            if record is _BAD or record is None:
                if isinstance(entry, dict) and isinstance(entry.get("id"), str):
                    self.broken.add(entry["id"])
                continue
            if record.id in seen:
                self.bad(record.id, f"{section}.id", record.id, "duplicate id; every id must be unique")
                continue
            seen.add(record.id)
            out.append(record)
        return out

    def open_record(self, section: str, raw: Any, index: int, keys: tuple[str, ...]) -> tuple:
        """(id or None, the name problems use, the entry's mapping or None) of one list entry."""
        rid = self.record_id(section, raw, index)
        rec = rid or f"{section}[{index}]"
        return rid, rec, self.mapping(rec, "", raw, keys)

    def record_id(self, section: str, raw: Any, index: int) -> str | None:
        """The entry's id (or a placeholder naming its position) for messages."""
        value = raw.get("id") if isinstance(raw, dict) else None
        if isinstance(value, str) and _ID_RE.match(value):
            return value
        where = f"{section}[{index}]"
        self.bad(where, "id", value, "required: a stable id of lowercase letters, digits and hyphens, e.g. 'icbc-fixed-3y'")
        return None

    # -- rate tables

    def rate_table_record(self, raw: Any, index: int) -> Any:
        rid, rec, data = self.open_record("rate_tables", raw, index, _TABLE_KEYS)
        if data is None:
            return _BAD
        start = len(self.problems)
        values: dict[str, Any] = {
            "name": self.text(rec, data, "name"),
            "name_en": self.text(rec, data, "name_en", required=False) or "",
            "bank": self.text(rec, data, "bank"),
            "effective": self.date(rec, data, "effective", required=True),
            "until": self.date(rec, data, "until"),
            "as_of": self.date(rec, data, "as_of", required=True),
            "source": self.text(rec, data, "source"),
            "demand": self.rate(rec, data, "demand", required=True),
            "notes": self.text(rec, data, "notes", required=False) or "",
            "scope": data.get("scope", "market"),
        }
        if values["scope"] not in _SCOPES:
            values["scope"] = self.bad(rec, "scope", values["scope"],
                                       "market (sets the era's rates, chosen by date) or bank (one bank's "
                                       "own list, used only when named)")
        for section in _TERM_SECTIONS:
            values[section] = self.term_rates(rec, data, section, ("m", "y"))
        values["notice"] = self.term_rates(rec, data, "notice", ("d",))
        values["large_cd_min"] = self.amount(rec, data, "large_cd_min", positive=True)
        if values["large_cd"] and values["large_cd_min"] is None:
            self.bad(rec, "large_cd_min", None, "required when large_cd lists rates: the minimum in yuan, e.g. 200000")
        values["minimums"] = self.minimums(rec, data)
        values["unconfirmed"] = self.strings(rec, data, "unconfirmed")
        if isinstance(values["effective"], _dt.date) and isinstance(values["as_of"], _dt.date):
            if values["effective"] > values["as_of"]:
                self.bad(rec, "effective", values["effective"].isoformat(),
                         f"the table's date is after its as_of {values['as_of']}; as_of is when the figures were read")
        if isinstance(values["effective"], _dt.date) and isinstance(values["until"], _dt.date):
            if values["until"] < values["effective"]:
                self.bad(rec, "until", values["until"].isoformat(),
                         f"the last day in force, on or after effective {values['effective']}")
        if len(self.problems) > start or rid is None:
            return _BAD
        values["unconfirmed"] = self.unconfirmed_lines(rec, values)
        if values["unconfirmed"] is _BAD:
            return _BAD
        return RateTable(id=rid, **values)

    def term_rates(self, rec, data, section, units) -> Any:
        raw = data.get(section)
        if raw is None:
            return FrozenMap()
        if not isinstance(raw, dict):
            return self.bad(rec, section, raw, "a mapping of term: rate, e.g. {1y: '0.95%', 3y: '1.25%'}")
        out = {}
        for key in raw:
            term = self.term(rec, f"{section}.{key}", key, units)
            rate = self.rate(rec, raw, key, f"{section}.{key}", required=True)
            if term is not _BAD and rate is not _BAD:
                if term in out:
                    self.bad(rec, f"{section}.{key}", key, "the same term is listed twice")
                out[term] = rate
        return FrozenMap(sorted(out.items()))

    def minimums(self, rec, data) -> Any:
        raw = data.get("minimums")
        if raw is None:
            return self.bad(rec, "minimums", None, f"required: the minimum in yuan for each of {', '.join(DEPOSIT_TYPES)}")
        raw = self.mapping(rec, "minimums", raw, DEPOSIT_TYPES)
        if raw is None:
            return _BAD
        out = {}
        for key in DEPOSIT_TYPES:
            if key in raw:
                value = self.amount(rec, raw, key, f"minimums.{key}", positive=True)
                if value is not _BAD:
                    out[key] = value
        return FrozenMap(out)

    def unconfirmed_lines(self, rec, values) -> Any:
        out = []
        for entry in values["unconfirmed"]:
            section, _, key = entry.partition(".")
            if section not in ("demand", "notice", "large_cd_min", "minimums") + _TERM_SECTIONS:
                return self.bad(rec, "unconfirmed", entry, "write section or section.term, e.g. 'installment.1y', 'notice.1d'")
            if not key:
                out.append(section)
                continue
            if section == "minimums":
                if key not in values["minimums"]:
                    return self.bad(rec, "unconfirmed", entry, "names a minimum the table does not list")
                out.append(entry)
                continue
            units = ("d",) if section == "notice" else ("m", "y")
            term = self.term(rec, "unconfirmed", key, units)
            if term is _BAD:
                return _BAD
            if section in ("demand", "large_cd_min") or term not in values[section]:
                return self.bad(rec, "unconfirmed", entry, "names a line the table does not list")
            out.append(f"{section}.{term}")
        return tuple(out)

    # -- products

    def product(self, raw: Any, index: int, tables: list[RateTable]) -> Any:
        pid, rec, data = self.open_record("products", raw, index, _PRODUCT_KEYS)
        if data is None:
            return _BAD
        start = len(self.problems)
        v: dict[str, Any] = {}
        kind = data.get("kind")
        try:
            v["kind"] = ProductKind(kind)
        except ValueError:
            v["kind"] = self.bad(rec, "kind", kind, f"one of {', '.join(k.value for k in ProductKind)}")
        for key in ("name", "issuer", "source"):
            v[key] = self.text(rec, data, key)
        v["name_en"] = self.text(rec, data, "name_en", required=False) or ""
        v["notes"] = self.text(rec, data, "notes", required=False) or ""
        v["code"] = self.text(rec, data, "code", required=False)
        risk = data.get("risk")
        v["risk"] = _risk_value(risk)
        if v["risk"] is None:
            v["risk"] = self.bad(rec, "risk", risk, "required: a risk grade R1–R5")
        v["as_of"] = self.date(rec, data, "as_of", required=True)
        v["sale_start"] = self.date(rec, data, "sale_start")
        v["sale_end"] = self.date(rec, data, "sale_end")
        v["min_amount"] = self.amount(rec, data, "min_amount", required=True)
        v["max_amount"] = self.amount(rec, data, "max_amount", positive=True)
        v["step"] = self.amount(rec, data, "step", positive=True)
        v["term_months"] = self.integer(rec, data, "term_months", low=1, high=600)
        v["term_days"] = self.term_days(rec, data, v["term_months"])
        v["deposit_type"] = self.deposit_type(rec, data, v["kind"])
        v["rate_table"] = self.table_ref(rec, data.get("rate_table"), "rate_table", tables)
        v["rate"] = self.rate(rec, data, "rate")
        rk = data.get("rate_kind")
        try:
            v["rate_kind"] = None if rk is None else RateKind(rk)
        except ValueError:
            v["rate_kind"] = self.bad(rec, "rate_kind", rk, f"one of {', '.join(k.value for k in RateKind)}")
        v["rate_net_of_fees"] = self.boolean(rec, data, "rate_net_of_fees")
        day_count = data.get("day_count", 365)
        v["day_count"] = day_count if day_count in (360, 365) and not isinstance(day_count, bool) else self.bad(
            rec, "day_count", day_count, "365 or 360 (days in the year of the rate)")
        v["raise_days"] = self.integer(rec, data, "raise_days", low=0, high=366, default=0)
        v["payout_days"] = self.integer(rec, data, "payout_days", low=0, high=366, default=0)
        v["tax_rate"] = self.rate(rec, data, "tax_rate") or 0.0
        v["rollover"] = self.boolean(rec, data, "rollover")
        v["unconfirmed"] = self.strings(rec, data, "unconfirmed")
        v["fees"] = self.fees(rec, data.get("fees"))
        v["tiers"] = self.tiers(rec, data.get("tiers"), v["min_amount"], v["max_amount"])
        v["bundled_deposit"] = self.bundled(rec, data.get("bundled_deposit"), tables)
        if v["tiers"] is not _BAD and any(t.term_days is not None for t in v["tiers"]) and (
                "term_days" in data or "term_months" in data):
            self.bad(rec, "term_days", data.get("term_days", data.get("term_months")),
                     "leave term_days/term_months out when the tiers list the terms")
        for entry in v["unconfirmed"] if v["unconfirmed"] is not _BAD else ():
            if entry.split(".")[0] not in _PRODUCT_KEYS:
                self.bad(rec, "unconfirmed", entry, "field names of the product, e.g. [rate, fees.management]")
        self.product_rules(rec, v, tables)
        if len(self.problems) > start or pid is None:
            return _BAD
        if v["rate"] is None and v["tiers"]:
            v["rate"] = v["tiers"][0].rate
        return Product(id=pid, **v)

    def term_days(self, rec, data, term_months) -> Any:
        value = data.get("term_days")
        if value == "open":
            return None
        if value is None:
            if term_months is not None and term_months is not _BAD:
                return round(term_months * 365 / 12)  # nominal days of a term in months
            return None
        return self.integer(rec, data, "term_days", low=1, high=36600)

    def deposit_type(self, rec, data, kind) -> Any:
        value = data.get("deposit_type")
        if value is None:
            if kind is ProductKind.DEPOSIT:
                return self.bad(rec, "deposit_type", value, f"required for deposits: one of {', '.join(DEPOSIT_TYPES)}")
            return None
        if value not in DEPOSIT_TYPES:
            return self.bad(rec, "deposit_type", value, f"one of {', '.join(DEPOSIT_TYPES)}")
        return value

    def table_ref(self, rec, value, name, tables) -> Any:
        if value is None:
            return None
        if isinstance(value, str) and value in self.broken:
            return _BAD
        ids = [t.id for t in tables]
        if value not in ids:
            return self.bad(rec, name, value, f"the id of a rate table in this file: {', '.join(ids)}")
        return value

    def product_rules(self, rec: str, v: dict, tables: list[RateTable]) -> None:
        """Rules across fields, each checked when the fields it needs read cleanly."""
        kind = v["kind"]
        lo, hi, step, as_of = v["min_amount"], v["max_amount"], v["step"], v["as_of"]
        if _ok(lo, hi) and hi is not None and lo > hi:
            self.bad(rec, "min_amount", _plain(lo), f"must not exceed max_amount {hi:,.2f}; raise max_amount or lower min_amount")
        if _ok(lo, step) and step is not None and lo > 0:
            if Decimal(repr(lo)) % Decimal(repr(step)) != 0:
                self.bad(rec, "step", _plain(step), f"must divide min_amount {lo:,.2f} evenly (amounts are "
                         "min_amount plus multiples of step), e.g. 1000")
        start, end = v["sale_start"], v["sale_end"]
        if _ok(start, as_of) and start is not None and start > as_of:
            self.bad(rec, "sale_start", start.isoformat(), f"is after as_of {as_of}; as_of is when the data was read")
        if _ok(start, end) and None not in (start, end) and end < start:
            self.bad(rec, "sale_end", end.isoformat(), "must not be before sale_start")
        table = next((t for t in tables if t.id == v["rate_table"]), None)
        if table is not None and _ok(as_of) and table.effective > as_of:
            self.bad(rec, "rate_table", table.id, f"the table starts {table.effective}, after the product's as_of {as_of}")
        bundled = v["bundled_deposit"]
        if _ok(bundled, as_of) and bundled is not None:
            bt = next(t for t in tables if t.id == bundled.rate_table)
            if bt.effective > as_of:
                self.bad(rec, "bundled_deposit.rate_table", bt.id, f"the table starts {bt.effective}, after as_of {as_of}")
        if not _ok(kind, v["rate"], v["rate_kind"], v["tiers"]):
            return
        if kind is ProductKind.DEPOSIT and _ok(v["deposit_type"], v["term_months"], v["rate_table"], lo):
            self.deposit_rate(rec, v, table)
        elif kind is ProductKind.FUND and v["rate"] is not None:
            self.bad(rec, "rate", v["rate"], "funds promise no rate; leave rate out")
        elif kind is ProductKind.MONEY_FUND and v["rate_kind"] is not RateKind.SEVEN_DAY_YIELD:
            self.bad(rec, "rate_kind", v["rate_kind"] and v["rate_kind"].value, "money funds quote seven_day_yield")
        if v["rate"] is None and not v["tiers"] and kind in (ProductKind.MONEY_FUND, ProductKind.TRUST):
            self.bad(rec, "rate", None, "required: the quoted rate ('3.24%'), or rate tiers")
        if v["rate"] is not None and v["rate_kind"] is None:
            self.bad(rec, "rate_kind", None, f"required with a rate: one of {', '.join(k.value for k in RateKind)}")

    def deposit_rate(self, rec: str, v: dict, table: RateTable | None) -> None:
        dtype = v["deposit_type"]
        if dtype in _TERM_SECTIONS and v["term_months"] is None:
            self.bad(rec, "term_months", None, f"required for a {dtype} deposit: the term in months")
            return
        if table is None:
            if v["rate"] is None:
                self.bad(rec, "rate", None, "required: a rate, or rate_table to read it from")
            return
        if dtype == "demand":
            listed = table.demand
        elif dtype in _TERM_SECTIONS:
            listed = getattr(table, dtype).get(v["term_months"])
        else:
            listed = None
        if v["rate"] is None:
            if listed is None:
                self.bad(rec, "rate_table", table.id, f"the table lists no {dtype} rate for {v['term_months']} months; give rate")
            v["rate"] = listed
        if table.minimums.get(dtype) is not None and v["min_amount"] < table.minimums[dtype]:
            self.bad(rec, "min_amount", v["min_amount"], f"below the table's {dtype} minimum {table.minimums[dtype]:,.2f}")

    def fees(self, rec: str, raw: Any) -> Any:
        if raw is None:
            return Fees()
        data = self.mapping(rec, "fees", raw, _FEE_KEYS)
        if data is None:
            return _BAD
        start = len(self.problems)
        values: dict[str, Any] = {}
        for key in ("subscription", "management", "custody", "sales_service", "performance_share"):
            values[key] = self.rate(rec, data, key, f"fees.{key}") or 0.0
        values["performance_hurdle"] = self.rate(rec, data, "performance_hurdle", "fees.performance_hurdle")
        discount = self.rate(rec, data, "channel_discount", "fees.channel_discount")
        values["channel_discount"] = 1.0 if discount is None else discount
        if discount is not None and discount is not _BAD and discount == 0:
            self.bad(rec, "fees.channel_discount", data.get("channel_discount"),
                     "a multiplier above 0 and at most 1: 0.1 for 1折, 1 for none")
        values["assumed"] = self.boolean(rec, data, "assumed", "fees.assumed")
        values["redemption"] = self.redemption(rec, data.get("redemption"))
        values["front_end"] = self.front_end(rec, data.get("front_end"))
        if len(self.problems) > start:
            return _BAD
        if values["performance_share"] and values["performance_hurdle"] is None:
            self.bad(rec, "fees.performance_hurdle", None, "required with performance_share: the hurdle rate, e.g. '3.2%'")
            return _BAD
        return Fees(**values)

    def tier_list(self, rec, name, raw, keys) -> list[tuple[int, dict]] | None:
        if raw is None:
            return []
        if not isinstance(raw, list):
            self.bad(rec, name, raw, "a list of tiers")
            return None
        out = []
        for i, item in enumerate(raw):
            data = self.mapping(rec, f"{name}[{i}]", item, keys)
            if data is not None:
                out.append((i, data))
        return out

    def bands(self, rec, name, bands: list[tuple[Any, Any]], first: Any, unit: str) -> None:
        """Contiguous [min, max) bands starting at ``first``; only the last may be open."""
        for i, (low, high) in enumerate(bands):
            expected = first if i == 0 else bands[i - 1][1]
            if low != expected:
                self.bad(rec, f"{name}[{i}]", _plain(low),
                         f"a tier gap or overlap: this tier must start at {_plain(expected)} {unit}, "
                         "where the previous one ends")
            if high is not None and high <= low:
                self.bad(rec, f"{name}[{i}]", _plain(high),
                         f"the tier's upper bound must exceed its lower bound {_plain(low)}")
            if high is None and i != len(bands) - 1:
                self.bad(rec, f"{name}[{i}]", None, "only the last tier may be open-ended")

    def redemption(self, rec, raw) -> Any:
        items = self.tier_list(rec, "fees.redemption", raw, ("min_days", "max_days", "rate"))
        if items is None:
            return _BAD
        start = len(self.problems)
        tiers = []
        for i, data in items:
            name = f"fees.redemption[{i}]"
            low = self.integer(rec, data, "min_days", f"{name}.min_days", required=True)
            high = self.integer(rec, data, "max_days", f"{name}.max_days", low=1)
            rate = self.rate(rec, data, "rate", f"{name}.rate", required=True)
            tiers.append((low, high, rate))
        if len(self.problems) > start:
            return _BAD
        self.bands(rec, "fees.redemption", [(a, b) for a, b, _ in tiers], 0, "days")
        return tuple(RedemptionTier(a, b, r) for a, b, r in tiers)

    def front_end(self, rec, raw) -> Any:
        items = self.tier_list(rec, "fees.front_end", raw, ("min_amount", "max_amount", "rate", "fixed_fee"))
        if items is None:
            return _BAD
        start = len(self.problems)
        tiers = []
        for i, data in items:
            name = f"fees.front_end[{i}]"
            low = self.amount(rec, data, "min_amount", f"{name}.min_amount", required=True)
            high = self.amount(rec, data, "max_amount", f"{name}.max_amount", positive=True)
            rate = self.rate(rec, data, "rate", f"{name}.rate")
            fixed = self.amount(rec, data, "fixed_fee", f"{name}.fixed_fee")
            if (rate is None) == (fixed is None):
                self.bad(rec, name, dict(data), "give exactly one of rate ('1.5%') or fixed_fee (1000)")
            tiers.append((low, high, rate, fixed))
        if len(self.problems) > start:
            return _BAD
        self.bands(rec, "fees.front_end", [(a, b) for a, b, _, _ in tiers], 0.0, "yuan")
        return tuple(FrontEndTier(a, b, r, f) for a, b, r, f in tiers)

    def tiers(self, rec, raw, min_amount, max_amount) -> Any:
        items = self.tier_list(rec, "tiers", raw, ("term_days", "min_amount", "max_amount", "rate"))
        if items is None:
            return _BAD
        start = len(self.problems)
        tiers = []
        for i, data in items:
            name = f"tiers[{i}]"
            tiers.append(RateTier(
                rate=self.rate(rec, data, "rate", f"{name}.rate", required=True),
                term_days=self.integer(rec, data, "term_days", f"{name}.term_days", low=1),
                min_amount=self.amount(rec, data, "min_amount", f"{name}.min_amount"),
                max_amount=self.amount(rec, data, "max_amount", f"{name}.max_amount", positive=True),
            ))
        if len(self.problems) > start:
            return _BAD
        for i, tier in enumerate(tiers):
            if tier.term_days is None and tier.min_amount is None:
                self.bad(rec, f"tiers[{i}]", tier.rate, "a tier needs term_days, min_amount or both")
        groups: dict[Any, list[tuple[int, RateTier]]] = {}
        for i, tier in enumerate(tiers):
            groups.setdefault(tier.term_days, []).append((i, tier))
        for term, members in groups.items():
            banded = [t for _, t in members if t.min_amount is not None]
            if len(members) > 1 and len(banded) != len(members):
                self.bad(rec, f"tiers[{members[1][0]}]", term, "this term is listed twice; give amount bands or drop one")
                continue
            if banded and min_amount is not _BAD and min_amount is not None:
                self.bands(rec, "tiers", [(t.min_amount, t.max_amount) for t in banded], min_amount, "yuan")
        return tuple(tiers)

    def bundled(self, rec, raw, tables) -> Any:
        if raw is None:
            return None
        keys = ("share", "deposit_type", "term_months", "rate_table")
        data = self.mapping(rec, "bundled_deposit", raw, keys)
        if data is None:
            return _BAD
        share = data.get("share")
        try:
            value = float(Fraction(str(share))) if isinstance(share, (str, int, float)) and not isinstance(share, bool) else None
        except (ValueError, ZeroDivisionError):
            value = None
        if value is None or not 0 < value < 1:
            self.bad(rec, "bundled_deposit.share", share, "the deposit's part of the outlay, above 0 and below 1: 0.5 or '1/3'")
        dtype = data.get("deposit_type", "fixed")
        if dtype not in _TERM_SECTIONS:
            self.bad(rec, "bundled_deposit.deposit_type", dtype, f"one of {', '.join(_TERM_SECTIONS)}")
        months = self.integer(rec, data, "term_months", "bundled_deposit.term_months", required=True, low=1)
        table_id = self.table_ref(rec, data.get("rate_table"), "bundled_deposit.rate_table", tables)
        if table_id is None:
            self.bad(rec, "bundled_deposit.rate_table", None, "required: the id of the rate table giving the deposit's rate")
            return _BAD
        if _BAD in (table_id, months) or value is None or not 0 < value < 1 or dtype not in _TERM_SECTIONS:
            return _BAD
        table = next(t for t in tables if t.id == table_id)
        rate = getattr(table, dtype).get(months)
        if rate is None:
            return self.bad(rec, "bundled_deposit.term_months", months, f"rate table {table_id} lists no {dtype} rate for it")
        return BundledDeposit(share=value, deposit_type=dtype, term_months=months, rate_table=table_id, rate=rate)

    # -- rate paths and policies

    def rate_path(self, top: dict, section: str) -> Any:
        raw = top.get(section)
        data = self.mapping(section, section, raw, _PATH_KEYS) if raw is not None else None
        if data is None:
            if raw is None:
                self.bad(section, section, None, "required: name, columns, rows, as_of, source")
            return _BAD
        start = len(self.problems)
        columns = data.get("columns")
        if not isinstance(columns, list) or not columns or not all(isinstance(c, str) for c in columns):
            self.bad(section, f"{section}.columns", columns, "a list of column names, e.g. [1y, 5y]")
            columns = []
        as_of = self.date(section, data, "as_of", f"{section}.as_of", required=True)
        name = self.text(section, data, "name", f"{section}.name")
        source = self.text(section, data, "source", f"{section}.source")
        rows_raw = data.get("rows")
        if not isinstance(rows_raw, list) or not rows_raw:
            self.bad(section, f"{section}.rows", rows_raw, "a non-empty list of {effective: date, <column>: rate}")
            rows_raw = []
        rows = []
        for i, item in enumerate(rows_raw):
            name_i = f"{section}.rows[{i}]"
            row = self.mapping(section, name_i, item, tuple(columns) + ("effective", "unconfirmed", "note"))
            if row is None:
                continue
            effective = self.date(section, row, "effective", f"{name_i}.effective", required=True)
            rates = {}
            for column in columns:
                rate = self.rate(section, row, column, f"{name_i}.{column}")
                if rate is not None and rate is not _BAD:
                    rates[column] = rate
            if not rates:
                self.bad(section, name_i, item, f"a row needs at least one of {', '.join(columns)}")
            unconfirmed = self.boolean(section, row, "unconfirmed", f"{name_i}.unconfirmed")
            note = self.text(section, row, "note", f"{name_i}.note", required=False) or ""
            if isinstance(effective, _dt.date):
                if isinstance(as_of, _dt.date) and effective > as_of:
                    self.bad(section, f"{name_i}.effective", effective.isoformat(), f"is after the path's as_of {as_of}")
                if rows and effective <= rows[-1].effective:
                    self.bad(section, f"{name_i}.effective", effective.isoformat(), "rows must be in date order, one per date")
                rows.append(RatePoint(effective, FrozenMap(rates), unconfirmed is not True, note))
        if len(self.problems) > start:
            return _BAD
        return RatePath(
            id=section, name=name, name_en=self.text(section, data, "name_en", required=False) or "",
            columns=tuple(columns), rows=tuple(rows), as_of=as_of, source=source,
            notes=self.text(section, data, "notes", required=False) or "",
        )

    def policy(self, raw: Any, index: int) -> Any:
        pid, rec, data = self.open_record("provident_policies", raw, index, _POLICY_KEYS)
        if data is None:
            return _BAD
        start = len(self.problems)
        v: dict[str, Any] = {
            "city": self.text(rec, data, "city"),
            "year": self.integer(rec, data, "year", required=True, low=1990, high=2100),
            "as_of": self.date(rec, data, "as_of", required=True),
            "source": self.text(rec, data, "source"),
            "notes": self.text(rec, data, "notes", required=False) or "",
            "unconfirmed": self.strings(rec, data, "unconfirmed"),
            "min_paid_months": self.integer(rec, data, "min_paid_months", low=0, high=600),
        }
        for key in ("cap_single", "cap_couple", "cap_county"):
            v[key] = self.amount(rec, data, key, positive=True)
        for key in ("ltv_first_home", "ltv_second_hand", "ltv_second_home"):
            v[key] = self.rate(rec, data, key, required=True)
            if v[key] not in (_BAD, None) and v[key] == 0:
                self.bad(rec, key, data[key], "a loan-to-value share above 0, e.g. '70%'")
        multiplier = data.get("second_home_rate_multiplier")
        if multiplier is None:
            v["second_home_rate_multiplier"] = None
        elif isinstance(multiplier, (int, float)) and not isinstance(multiplier, bool) and 1 <= multiplier <= 3:
            v["second_home_rate_multiplier"] = float(multiplier)
        else:
            self.bad(rec, "second_home_rate_multiplier", multiplier,
                     "a multiplier of the first-home rate from 1 to 3, e.g. 1.1; leave it out to use the rate table")
        if isinstance(v["year"], int) and isinstance(v["as_of"], _dt.date) and v["year"] > v["as_of"].year:
            self.bad(rec, "year", v["year"], f"is after as_of {v['as_of']}")
        bad_fields = [f for f in v["unconfirmed"] if f not in _POLICY_KEYS]
        if bad_fields:
            self.bad(rec, "unconfirmed", bad_fields, f"field names of the policy: {', '.join(_POLICY_KEYS)}")
        if len(self.problems) > start or pid is None:
            return _BAD
        return ProvidentPolicy(id=pid, **v)

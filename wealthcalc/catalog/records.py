"""The catalog's record types: rate tables, products and their fees, rate paths, policies.

Frozen dataclasses holding data only; :mod:`wealthcalc.catalog.reader` builds them
from the YAML, :mod:`wealthcalc.catalog.queries` looks them up.

>>> from wealthcalc.catalog import load
>>> catalog = load()
>>> catalog.get("citic-licai-2004").min_amount
100000.0
>>> catalog.get("citic-licai-2004").check_amount(50_000)
'below the minimum of 100,000.00 yuan'
"""

from __future__ import annotations

import datetime as _dt
import enum
import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Iterator, Mapping

from ..errors import InputError
from ..money import format_amount

SCHEMA_VERSION = 1
"""The ``version`` this module reads."""

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



def _risk_value(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int) and 1 <= value <= 5:
        return value
    if isinstance(value, str) and re.fullmatch(r"[Rr]?[1-5]", value.strip()):
        return int(value.strip()[-1])
    return None


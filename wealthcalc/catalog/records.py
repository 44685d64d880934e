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
import numbers
import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Iterator, Mapping

from ..errors import InputError
from .. import _validate
from .._validate import AmountLike
from ..money import format_amount
from ..results import Note
from ..results import fields_dict
from .schema import spec

MAX_TERM_DAYS = 36_600
"""Longest term or holding period accepted, in days (about 100 years)."""

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
    _data: dict[Any, Any]

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

    id: str = spec("id", "e.g. `pboc-2004-10-29`", required="yes")
    name: str = spec("text", "Chinese title", required="yes")
    name_en: str = spec("text", "English title")
    bank: str = spec("text", "who lists the rates", required="yes")
    effective: _dt.date = spec("date", "first day the rates apply; must not be after `as_of`", required="yes")
    source: str = spec("text", "document or page", required="yes")
    as_of: _dt.date = spec("date", "when the figures were valid / read", required="yes")
    demand: float = spec("rate", "活期", required="yes", unit="per year")
    fixed: FrozenMap = spec("{term: rate}", "整存整取 (3m, 6m, 1y, 2y, 3y, 5y)", unit="months → per year")
    installment: FrozenMap = spec("{term: rate}", "零存整取 (1y, 3y, 5y)", unit="months → per year")
    lump_withdrawal: FrozenMap = spec("{term: rate}", "整存零取 (1y, 3y, 5y)", unit="months → per year")
    interest_payout: FrozenMap = spec("{term: rate}", "存本取息 (1y, 3y, 5y)", unit="months → per year")
    notice: FrozenMap = spec("{`1d`/`7d`: rate}", "个人通知存款", unit="days → per year")
    large_cd: FrozenMap = spec("{term: rate}", "大额存单", unit="months → per year")
    large_cd_min: float | None = spec("amount", "大额存单 individual minimum", required="with `large_cd`",
                                      unit="yuan")
    minimums: FrozenMap = spec(
        "{deposit type: amount}", "least deposit per type; keys `demand`, `fixed`, `installment` (per monthly "
        "installment), `lump_withdrawal`, `interest_payout`, `flexible`, `notice`, `large_cd`",
        required="yes", unit="yuan")
    unconfirmed: tuple[str, ...] = spec(
        "list", "`section` or `section.term` (`installment`, `notice.1d`, `minimums.large_cd`)", default=())
    notes: str = spec("text", "every assumption in words", default="")
    scope: str = spec(
        "`market` \\| `bank`", "`market`: the table sets its era's rates (a PBOC benchmark, the large banks' "
        "listing) and is chosen by date (`compare --as-of`, the 活期 rate of idle days); `bank`: one bank's own "
        "list, used only when named (`--rate-table`, a product's `rate_table`)", required="no (`market`)",
        default="market")
    until: _dt.date | None = spec(
        "date", "last day the rates applied (the day before the next table); a `market` table past its "
        "`until` is not \"in force\", so `compare --as-of` a date no table covers is refused instead of using "
        "stale rates", default=None)

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

    def listing(self) -> list[RateLine]:
        """Every line as ``products rates`` lists it: :meth:`lines` with each line's confirmation
        and minimum deposit, and the 定活两便 line (no rate of its own: it goes by days held,
        :func:`wealthcalc.deposits.flexible_rate`) after the 整存整取 lines.

        >>> from wealthcalc.catalog import load
        >>> [line.section for line in load().rate_table().listing()][:2]
        ['demand', 'fixed']
        """
        out = [RateLine(section, term, rate, self.is_confirmed(section, term) and self.is_confirmed(section),
                        self.minimums.get(section))
               for section, term, rate in self.lines()]
        out.insert(1 + len(self.fixed), RateLine("flexible", None, None, True, self.minimums.get("flexible")))
        return out

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready dict of the fields (:func:`wealthcalc.results.fields_dict`)."""
        return fields_dict(self)

@dataclass(frozen=True, slots=True)
class RateLine:
    """One line of a rate table as listed (:meth:`RateTable.listing`): term in months (notice: days)."""

    section: str
    term: int | None
    rate: float | None
    confirmed: bool
    minimum: float | None


@dataclass(frozen=True, slots=True)
class RedemptionTier:
    """赎回费 for holdings of ``min_days`` ≤ days < ``max_days`` (None = no end)."""

    min_days: int = spec("int", "first day held of the tier", required="yes", unit="days")
    max_days: int | None = spec("int", "the tier ends before this day held (absent: no end)", unit="days")
    rate: float = spec("rate", "赎回费 rate on the amount redeemed", required="yes")


@dataclass(frozen=True, slots=True)
class FrontEndTier:
    """申购费 for ``min_amount`` ≤ amount < ``max_amount``: a rate or a fixed fee per order."""

    min_amount: float = spec("amount", "the band starts at this order size", required="yes", unit="yuan")
    max_amount: float | None = spec("amount", "the band ends below this order size (absent: no end)",
                                    unit="yuan")
    rate: float | None = spec("rate", "申购费 rate (外扣法); give this or `fixed_fee`",
                              required="one of `rate`, `fixed_fee`", default=None)
    fixed_fee: float | None = spec("amount", "a fee per order instead of a rate", unit="yuan",
                                   required="one of `rate`, `fixed_fee`", default=None)


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

    subscription: float = spec("rate", "认购费, taken up front", required="no (0)", default=0.0)
    management: float = spec("rate", "固定管理费, accrued daily inside the product", required="no (0)",
                             unit="per year", default=0.0)
    custody: float = spec("rate", "托管费", required="no (0)", unit="per year", default=0.0)
    sales_service: float = spec("rate", "销售服务费", required="no (0)", unit="per year", default=0.0)
    performance_share: float = spec("fraction", "超额业绩报酬: share of the return above the hurdle",
                                    required="no (0)", default=0.0)
    performance_hurdle: float | None = spec(
        "rate", "hurdle (业绩比较基准上限)", required="with `performance_share`", unit="per year", default=None)
    redemption: tuple[RedemptionTier, ...] = spec(
        "list of `RedemptionTier`", "赎回费 by holding days, `[min_days, max_days)`; the first starts at 0, each "
        "starts where the previous ends, only the last may leave out `max_days`", default=())
    front_end: tuple[FrontEndTier, ...] = spec(
        "list of `FrontEndTier`", "申购费 (外扣法) by amount; bands as above, starting at 0", default=())
    channel_discount: float = spec("fraction", "multiplier on front-end *rates* (0.1 = 1折, 1 = none); never "
                                   "on fixed fees", required="no (1)", default=1.0)
    assumed: bool = spec("bool", "the fee data are assumptions, not read from the prospectus",
                         required="no (false)", default=False)

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
        """JSON-ready dict of the fields (:func:`wealthcalc.results.fields_dict`)."""
        return fields_dict(self)

@dataclass(frozen=True, slots=True)
class BundledDeposit:
    """A deposit the buyer must hold beside the product (搭配存款, docs/rules/yields.md#bundled-deposits).

    ``share`` is the deposit's part of the whole outlay (product + deposit):
    1/3 means 50 yuan of deposit per 100 yuan of product. ``rate`` is read
    from ``rate_table`` for ``deposit_type`` and ``term_months``.
    """

    share: float = spec("fraction, 0 < s < 1", "the deposit's part of the whole outlay (product + deposit); "
                        "`\"1/3\"` = 50 of deposit per 100 of product", required="yes")
    deposit_type: str = spec("deposit type", "the deposit type", required="no (`fixed`)")
    term_months: int = spec("int", "deposit term", required="yes", unit="months")
    rate_table: str = spec("id", "table giving the deposit's rate; it must list that term", required="yes")
    rate: float = spec("rate", "read from `rate_table` for `deposit_type` and `term_months`", unit="per year",
                       yaml=None)


@dataclass(frozen=True, slots=True)
class RateTier:
    """A rate for a term (``term_days``) and/or an amount band [min, max)."""

    rate: float = spec("rate", "the tier's quoted annual rate", required="yes", unit="per year")
    term_days: int | None = spec("int", "the term of the tier", required="this or `min_amount`", unit="days",
                                 default=None)
    min_amount: float | None = spec("amount", "the amount band starts here (bands of one term start at the "
                                    "product's `min_amount` and are contiguous)",
                                    required="this or `term_days`", unit="yuan", default=None)
    max_amount: float | None = spec("amount", "the band ends below this amount (absent: no end)", unit="yuan",
                                    default=None)


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

    id: str = spec("id", "stable, lowercase-hyphen", required="yes")
    kind: ProductKind = spec("`deposit` \\| `wealth` \\| `trust` \\| `fund` \\| `money_fund`", "`ProductKind`",
                             required="yes")
    name: str = spec("text", "Chinese name as sold", required="yes")
    name_en: str = spec("text", "English name")
    issuer: str = spec("text", "bank, trust or fund company", required="yes")
    risk: int = spec("`R1`–`R5`", "risk grade", required="yes")
    min_amount: float = spec("amount", "minimum purchase", required="yes", unit="yuan")
    max_amount: float | None = spec("amount", "maximum (absent: none); must not be below `min_amount`",
                                    unit="yuan")
    step: float | None = spec("amount", "amounts must be `min_amount + k × step`; must divide `min_amount` "
                              "(absent: any amount to the fen)", unit="yuan")
    term_days: int | None = spec("int or `open`", "term; `open` (or absent) for open-ended products; leave out "
                                 "when `tiers` list terms", unit="days")
    rate: float | None = spec("rate", "quoted annual rate; absent for funds; required for deposits (or from "
                              "`rate_table`), money funds and trusts (or `tiers`)", required="see meaning",
                              unit="per year")
    rate_kind: RateKind | None = spec(
        "`guaranteed` \\| `expected` \\| `benchmark` \\| `seven_day_yield`",
        "what the rate promises; money funds quote `seven_day_yield`", required="with a rate")
    rate_net_of_fees: bool = spec("bool", "true when the quoted rate is already after the fees inside the "
                                  "product", required="no (false)")
    day_count: int = spec("365 \\| 360", "days in the rate's year", required="no (365)", unit="days")
    raise_days: int = spec("int", "募集期: days paid in before the value date", required="no (0)", unit="days")
    payout_days: int = spec("int", "到账: days from maturity to the money being back", required="no (0)",
                            unit="days")
    fees: Fees = spec("mapping (`Fees`)", "the product's fees")
    bundled_deposit: BundledDeposit | None = spec("mapping (`BundledDeposit`)", "a deposit to hold beside it")
    tax_rate: float = spec("rate", "tax on the product's income (deposits: the interest tax goes by date, "
                           "docs/rules/tax.md, in `deposits`)", required="no (0)")
    tiers: tuple[RateTier, ...] = spec("list of `RateTier`", "rates by term and/or amount band")
    rollover: bool = spec("bool", "automatic rollover offered (自动转存)", required="no (false)")
    as_of: _dt.date = spec("date", "when the figures were read", required="yes")
    source: str = spec("text", "where", required="yes")
    notes: str = spec("text", "every assumption in words", default="")
    term_months: int | None = spec("int", "deposit term (sets a nominal `term_days` = months × 365 / 12 if "
                                   "absent)", required="deposits", unit="months", default=None)
    deposit_type: str | None = spec("deposit type", "which deposit rule applies (`fixed`, `large_cd`, "
                                    "`demand`, …)", required="deposits", default=None)
    rate_table: str | None = spec("id", "deposits: the rate is read from this table when `rate` is absent",
                                  default=None)
    code: str | None = spec("text", "fund code etc. (quote it: `\"510050\"`)", default=None)
    sale_start: _dt.date | None = spec("date", "sale window opens; must not be after `as_of`", default=None)
    sale_end: _dt.date | None = spec("date", "sale window closes", default=None)
    unconfirmed: tuple[str, ...] = spec("list", "product field names (`rate`, `fees`, "
                                        "`bundled_deposit.share`, …)", default=())

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
                raise InputError("term_days", term_days, code="catalog.terms_offered",
                                 params={"id": self.id, "terms": list(self.terms)})
            return self.rate
        candidates = list(self.tiers)
        if any(t.term_days is not None for t in candidates):
            if term_days is None:
                term_days = self.terms[0]
            candidates = [t for t in candidates if t.term_days == term_days]
            if not candidates:
                raise InputError("term_days", term_days, code="catalog.terms_offered",
                                 params={"id": self.id, "terms": list(self.terms)})
        if any(t.min_amount is not None for t in candidates):
            if amount is None:
                amount = self.min_amount
            candidates = [
                t for t in candidates
                if (t.min_amount or 0) <= amount and (t.max_amount is None or amount < t.max_amount)
            ]
            if not candidates:
                raise InputError("amount", amount, code="catalog.no_tier", params={"id": self.id})
        return candidates[0].rate

    def amount_problem(self, amount: AmountLike) -> Note | None:
        """Why ``amount`` cannot be bought (below min, above max, off step) as a
        :class:`~wealthcalc.results.Note`, or None.

        >>> from wealthcalc.catalog import load
        >>> load().get("citic-licai-2004").amount_problem(50_000).code
        'catalog.below_min'
        """
        amount = _validate.amount(amount, "amount")
        if amount < self.min_amount:
            return Note("catalog.below_min", {"min_amount": format_amount(self.min_amount)})
        if self.max_amount is not None and amount > self.max_amount:
            return Note("catalog.above_max", {"max_amount": format_amount(self.max_amount)})
        if self.step is not None:
            excess = Decimal(repr(float(amount))) - Decimal(repr(self.min_amount))
            if excess % Decimal(repr(self.step)) != 0:
                return Note("catalog.off_step", {"min_amount": format_amount(self.min_amount),
                                                 "step": format_amount(self.step)})
        return None

    def check_amount(self, amount: AmountLike, lang: str = "en") -> str | None:
        """Why ``amount`` cannot be bought (below min, above max, off step), in ``lang``, or None.

        >>> from wealthcalc.catalog import load
        >>> p = load().get("hxb-wenying-1-1y")
        >>> p.check_amount(6_000) is None, p.check_amount(5_500)
        (True, 'not 5,000.00 plus a multiple of 1,000.00 yuan')
        """
        problem = self.amount_problem(amount)
        return None if problem is None else problem.text(lang)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready dict of the fields (the YAML's names, rates as decimals) and ``terms``."""
        return {**fields_dict(self), "terms": list(self.terms)}

@dataclass(frozen=True, slots=True)
class RatePoint:
    """One dated row of a rate path: rates by column from ``effective`` on."""

    effective: _dt.date = spec("date", "first day of the row's rates", required="yes")
    rates: FrozenMap = spec("rate", "one key per column of the path (a row may leave a column out)",
                            required="at least one column", unit="per year", yaml="<column>")
    confirmed: bool = spec("bool", "`unconfirmed: true` marks a row the reference could not confirm",
                           required="no (false)", yaml="unconfirmed", default=True)
    note: str = spec("text", "a remark on the row", default="")

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready dict: the rates flattened beside ``effective``."""
        return {"effective": self.effective.isoformat(), **dict(self.rates), "confirmed": self.confirmed,
                "note": self.note}


@dataclass(frozen=True, slots=True)
class RatePath:
    """Dated rates (LPR, provident-fund loan rates, loan benchmarks).

    ``columns`` names the rate columns; a row may leave a column out.

    >>> from wealthcalc.catalog import load
    >>> import datetime
    >>> load().lpr.rate("5y", datetime.date(2025, 1, 1))
    0.036
    """

    id: str = spec("id", "the path's section name (`lpr`, `provident_rates`, `loan_benchmarks`)", yaml=None)
    name: str = spec("text", "Chinese title", required="yes")
    name_en: str = spec("text", "English title")
    columns: tuple[str, ...] = spec("list", "names of the rate columns, e.g. `[1y, 5y]`", required="yes")
    rows: tuple[RatePoint, ...] = spec("list of `RatePoint`", "dated rows, in date order, one per date, none "
                                       "after `as_of`", required="yes")
    as_of: _dt.date = spec("date", "when the figures were read", required="yes")
    source: str = spec("text", "where", required="yes")
    notes: str = spec("text", "every assumption in words", default="")

    def at(self, on: _dt.date) -> RatePoint:
        """The row in force on ``on`` (the latest with effective ≤ on)."""
        found = None
        for row in self.rows:
            if row.effective <= on:
                found = row
        if found is None:
            first = self.rows[0].effective.isoformat() if self.rows else "—"
            raise InputError("on", on, code="catalog.path_starts", params={"id": self.id, "first": first})
        return found

    def rate(self, column: str, on: _dt.date) -> float:
        """The ``column`` rate in force on ``on``."""
        if column not in self.columns:
            raise InputError("column", column, code="catalog.column", params={"columns": ", ".join(self.columns)})
        row = self.at(on)
        if column not in row.rates:
            raise InputError("column", column, code="catalog.column_missing",
                             params={"id": self.id, "column": column, "effective": row.effective})
        return row.rates[column]

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready dict of the fields (:func:`wealthcalc.results.fields_dict`)."""
        return fields_dict(self)

@dataclass(frozen=True, slots=True)
class ProvidentPolicy:
    """A city's provident-fund (公积金) loan policy (docs/rules/provident.md#loan-amount).

    Caps are yuan (None: no cap set by this policy); LTVs are fractions of the
    price. ``second_home_rate_multiplier`` (e.g. 1.1) applies to the
    first-home rate; None means use the second-home columns of
    ``Catalog.provident_rates``.
    """

    id: str = spec("id", "e.g. `zhengzhou-2013`", required="yes")
    city: str = spec("text", "the city", required="yes")
    year: int = spec("int", "the policy's year; not after `as_of`", required="yes")
    cap_single: float | None = spec("amount", "loan cap, one spouse paying in (absent: none set)", unit="yuan")
    cap_couple: float | None = spec("amount", "loan cap, both spouses paying in", unit="yuan")
    cap_county: float | None = spec("amount", "loan cap in a county", unit="yuan")
    ltv_first_home: float = spec("fraction", "loan-to-value limit, first home", required="yes")
    ltv_second_hand: float = spec("fraction", "loan-to-value limit, second-hand home", required="yes")
    ltv_second_home: float = spec("fraction", "loan-to-value limit, second home", required="yes")
    second_home_rate_multiplier: float | None = spec(
        "number 1–3", "e.g. 1.1 × the first-home rate; absent: use the second-home columns of `provident_rates`")
    min_paid_months: int | None = spec("int", "months of contributions required", unit="months")
    as_of: _dt.date = spec("date", "when the figures were read", required="yes")
    source: str = spec("text", "where", required="yes")
    notes: str = spec("text", "every assumption in words", default="")
    unconfirmed: tuple[str, ...] = spec("list", "policy field names the reference could not confirm", default=())

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready dict of the fields (:func:`wealthcalc.results.fields_dict`)."""
        return fields_dict(self)

def risk_grade(value: Any, field: str = "max_risk") -> int:
    """A risk grade 1–5 from ``R1``…``R5``, ``r3``, ``"3"`` or 3.

    Raises
    ------
    InputError
        anything else (booleans too), with the code ``catalog.risk_grade``.

    >>> risk_grade("R3"), risk_grade(2)
    (3, 2)
    """
    grade = _risk_value(value)
    if grade is None:
        raise InputError(field, value, code="catalog.risk_grade")
    return grade


def product_kinds(value: Any, field: str = "kind") -> frozenset[ProductKind] | None:
    """The product kinds named by ``value``: one kind (a :class:`ProductKind` or its text), several
    (any iterable of them), or None (every kind: None is returned).

    Raises
    ------
    InputError
        a name that is not a kind, with the code ``catalog.kind``.

    >>> sorted(k.value for k in product_kinds(["trust", "wealth"]))
    ['trust', 'wealth']
    >>> product_kinds(None) is None
    True
    """
    if value is None:
        return None
    names = [value] if isinstance(value, (str, ProductKind)) else list(value)
    out = set()
    for name in names:
        try:
            out.add(ProductKind(name.value if isinstance(name, ProductKind) else str(name).strip()))
        except ValueError:
            raise InputError(field, name, code="catalog.kind",
                             params={"kinds": ", ".join(k.value for k in ProductKind)}) from None
    return frozenset(out)


def term_code(months: int | None, days: int | None) -> str:
    """A term as the csv and json write it whatever the language: ``12m``, ``365d`` or ``open``.

    >>> term_code(12, 365), term_code(None, 182), term_code(None, None)
    ('12m', '182d', 'open')
    """
    if months:
        return f"{months}m"
    return f"{days}d" if days else "open"


def _risk_value(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, numbers.Integral) and 1 <= int(value) <= 5:
        return int(value)
    if isinstance(value, str) and re.fullmatch(r"[Rr]?[1-5]", value.strip()):
        return int(value.strip()[-1])
    return None


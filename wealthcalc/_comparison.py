"""A fair comparison: every eligible product and the deposit alternatives of a rate
table, valued over one horizon and ranked by what the customer holds at its end.

Each row is valued with the after-fee arithmetic of :mod:`wealthcalc.yields`.

>>> c = compare(100_000, 365)
>>> c.best.kind in ("deposit", "wealth", "trust", "money_fund")
True
"""

from __future__ import annotations

import datetime as _dt
import math
import os
import re
from dataclasses import dataclass
from typing import Any, Iterable, Iterator, Mapping

from . import deposits
from . import _validate
from ._validate import AmountLike, DateLike
from .catalog import Catalog, Product, ProductKind, RateTable, load, product_kinds, resolve_rate_table, risk_grade
from .dates import add_months
from .errors import InputError
from .i18n import has, message, messages
from .money import round_fen
from .results import Note, fields_dict
from .yields import (
    INSURANCE_LIMIT, YEAR_DAYS, _amount, _bought_on, _days, _demand_interest, _income, annualize,
)

__all__ = ["NOTES_ZH", "Comparison", "ComparisonRow", "compare", "note_text"]

_DEPOSIT_RISK = 1
"""Risk grade of a deposit alternative: R1, as the catalog grades every deposit product."""

_LATE_HINT_DAYS = 31
"""A product paying back at most this many days after the horizon gets the --days hint."""

class ComparisonNote(Note):
    """A :class:`~wealthcalc.results.Note` of a comparison.

    It also behaves as the ``(code, params)`` pair comparisons used to give (unpacking, indexing,
    equality with such a pair), the code without its ``yields.`` prefix, so code written for the
    pairs keeps working.
    """

    __slots__ = ()

    def text(self, lang: str = "en") -> str:
        """The note worded in ``lang``; "1 days" reads "1 day"."""
        words = Note.text(self, lang)
        return re.sub(r"\b1 days\b", "1 day", words) if lang != "zh" else words

    @property
    def short(self) -> str:
        """The code without the ``yields.`` prefix ("rolled_over")."""
        return self.code.removeprefix("yields.")

    def __iter__(self) -> Iterator[Any]:
        return iter((self.short, self.params))

    def __getitem__(self, index: int) -> Any:
        return (self.short, self.params)[index]

    def __len__(self) -> int:
        return 2

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Note):
            return (self.code, dict(self.params)) == (other.code, dict(other.params))
        if isinstance(other, tuple) and len(other) == 2:
            return (self.short, dict(self.params)) == (other[0], dict(other[1]))
        return NotImplemented

    __hash__ = Note.__hash__


def _note(code: str, params: Mapping[str, Any] | None = None) -> ComparisonNote:
    """The comparison note ``yields.<code>``."""
    return ComparisonNote(f"yields.{code}", dict(params or {}))


_NOTE_CODES = (
    "rolled_over", "demand_rest", "locked_past_horizon", "early_withdrawal", "partly_insured", "no_promised_yield",
    "tier", "below_min", "risk_above", "after_as_of", "error", "no_rate", "not_lump_sum", "horizon_too_short",
    "before_sale", "historical", "mixed_eras", "table_after_as_of", "table_ends", "late_by_days",
)
NOTES_ZH: dict[str, str] = {code: messages()[f"yields.{code}"][0] for code in _NOTE_CODES}
"""The comparison notes' Chinese wording by short code (kept for code that words notes itself)."""


def note_text(code: str, params: Mapping[str, Any], templates: Mapping[str, str] | None = None) -> str:
    """Words for one note ``(code, params)`` (short or full code); ``templates`` may give another
    language by short code. Prefer ``note.text(lang)``."""
    short = code.removeprefix("yields.")
    if templates and short in templates:
        return templates[short].format(**params)
    full = f"yields.{short}"
    if not has(full):
        return message(code, "en", **params) if has(code) else code
    return re.sub(r"\b1 days\b", "1 day", message(full, "en", **params))


@dataclass(frozen=True, slots=True)
class ComparisonRow:
    """One product or deposit valued over the comparison horizon.

    ``net_amount`` is what the customer holds at the horizon after every fee,
    tax and idle day; ``net_annual_rate`` (simple) and
    ``effective_annual_rate`` (compounded) annualize it over the horizon.
    ``insured`` is "yes", "partial" (a deposit above the 500,000 cover) or
    "no" (wealth products, trusts, funds). ``notes`` and ``reason`` are
    :class:`~wealthcalc.results.Note` s (``note.text(lang)`` words them).
    """

    id: str
    name: str
    name_en: str
    kind: str
    risk: int | None
    term_days: int | None
    quoted_rate: float | None
    rate_kind: str
    net_amount: float | None
    net_income: float | None
    net_annual_rate: float | None
    effective_annual_rate: float | None
    insured: str
    as_of: _dt.date | None
    source: str
    notes: tuple[Note, ...] = ()
    reason: Note | None = None
    rank: int | None = None
    rollovers: int = 0
    demand_days: int = 0
    locked_past_horizon_days: int = 0
    term_months: int | None = None

    @property
    def note(self) -> str:
        """The notes (or the reason the row is ineligible) in English."""
        return self.note_in("en")

    def note_in(self, lang: str = "en") -> str:
        """The notes (or the reason the row is ineligible) worded in ``lang``, one line."""
        items = [self.reason] if self.reason else list(self.notes)
        return message("yields.note_sep", lang).join(note.text(lang) for note in items)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready dict of the fields (notes and reason as Note dicts) and ``note`` in English."""
        return {**fields_dict(self), "note": self.note}


@dataclass(frozen=True, slots=True)
class Comparison:
    """Products and deposits valued over one horizon, best first.

    ``ranked`` rows are sorted by net amount at the horizon, those that pay
    back by the horizon first, then those that lock the money longer
    (``locked_past_horizon_days``, valued at their accrued rate); ``unranked`` rows
    are funds with no promised yield (shown after fees at an unchanged NAV);
    ``ineligible`` rows carry the reason. ``notes`` are Notes:
    remarks about the whole comparison (e.g. rows of different eras).
    """

    amount: float
    days: int
    start_date: _dt.date
    rate_table: str
    ranked: tuple[ComparisonRow, ...]
    unranked: tuple[ComparisonRow, ...]
    ineligible: tuple[ComparisonRow, ...]
    notes: tuple[Note, ...] = ()

    headers = ("rank", "product", "kind", "risk", "term_days", "quoted_rate", "net_amount",
               "net_annual_rate", "insured", "note")

    def rows(self) -> list[list[Any]]:
        """Ranked rows for a table, in ``headers`` order (names in English, like the notes)."""
        return [
            [r.rank, r.name_en or r.name, r.kind, r.risk, r.term_days, r.quoted_rate, r.net_amount,
             r.net_annual_rate, r.insured, r.note]
            for r in self.ranked
        ]

    @property
    def best(self) -> ComparisonRow | None:
        """The top-ranked row, or None when nothing is eligible."""
        return self.ranked[0] if self.ranked else None

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready dict of the fields; every row's and the comparison's notes as Note dicts."""
        return fields_dict(self)


def _month_days(months: int) -> int:
    """Nominal days of a term of ``months``: months × 365/12, rounded half-up (12 → 365)."""
    return int(math.floor(months * YEAR_DAYS / 12 + 0.5))


def _terms_fitting(start: _dt.date, horizon: int, months: int) -> int:
    """How many whole terms of ``months`` (对月对日) fit between ``start`` and ``start + horizon``."""
    end, k = start + _dt.timedelta(days=horizon), 0
    while add_months(start, months * (k + 1)) <= end:
        k += 1
    return k


def _named(code: str, months: int | None = None) -> tuple[str, str]:
    """(Chinese, English) name of a deposit alternative, from the message ``code`` and its term."""
    if months is None:
        return message(code, "zh"), message(code, "en")
    if months % 12 == 0:
        years = months // 12
        term = ("yields.alt_years" if years > 1 else "yields.alt_year", years)
    else:
        term = ("yields.alt_months" if months > 1 else "yields.alt_month", months)
    return tuple(message(code, lang, term=message(term[0], lang, n=term[1])) for lang in ("zh", "en"))  # type: ignore[return-value]


def _insured(kind: str, net_amount: float | None) -> tuple[str, tuple]:
    """Deposit-insurance status of one row (docs/rules/deposit-insurance.md#coverage-limit: deposits only, 500,000 per bank)."""
    if kind != "deposit":
        return "no", ()
    if net_amount is None:
        return "yes", ()
    cover = deposits.deposit_insurance(net_amount, limit=INSURANCE_LIMIT)
    if cover.exposed > 0:
        return "partial", (_note("partly_insured", {"exposed": cover.exposed}),)
    return "yes", ()


class _Refused(Exception):
    """Internal: a row that cannot be valued, with its reason (a note)."""

    def __init__(self, reason: Note) -> None:
        super().__init__(reason.code)
        self.reason = reason


class _Ineligible(_Refused):
    """Internal: a row that cannot be valued, with its (code, params) reason."""

    def __init__(self, code: str, /, **params: Any) -> None:
        super().__init__(_note(code, params))


@dataclass
class _Entry:
    """What every row shares, before it is valued."""

    id: str
    name: str
    name_en: str
    kind: str
    risk: int | None
    term_days: int | None
    rate: float | None
    rate_kind: str
    as_of: _dt.date | None
    source: str
    term_months: int | None = None

    def valued(self, amount: float, horizon: int, net_amount: float, notes=(), **extra) -> ComparisonRow:
        insured, more = _insured(self.kind, net_amount)
        income = round_fen(net_amount - amount)
        simple, effective = annualize(income, amount, horizon)
        return ComparisonRow(
            id=self.id, name=self.name, name_en=self.name_en, kind=self.kind, risk=self.risk,
            term_days=self.term_days, quoted_rate=self.rate, rate_kind=self.rate_kind,
            net_amount=net_amount, net_income=income, net_annual_rate=simple,
            effective_annual_rate=effective, insured=insured, as_of=self.as_of, source=self.source,
            notes=tuple(notes) + more, term_months=self.term_months, **extra,
        )

    def refused(self, reason: Note) -> ComparisonRow:
        return ComparisonRow(
            id=self.id, name=self.name, name_en=self.name_en, kind=self.kind, risk=self.risk,
            term_days=self.term_days, quoted_rate=self.rate, rate_kind=self.rate_kind,
            net_amount=None, net_income=None, net_annual_rate=None, effective_annual_rate=None,
            insured=_insured(self.kind, None)[0], as_of=self.as_of, source=self.source, reason=reason,
            term_months=self.term_months,
        )


def _deposit_over(dtype: str, amount: float, rate: float, months: int | None, start: _dt.date,
                  horizon: int, demand_rate: float, *, rollover: bool = True) -> tuple[float, list, dict]:
    """(value at the horizon, notes, extras) of a deposit held over the horizon (docs/rules/deposits.md).

    整存整取 rolls over (自动转存) while whole terms fit, then the rest earns
    活期 as overdue days (docs/rules/deposits.md#lump-sum-fixed-deposit); a 大额存单 runs one term, then 活期.
    A term ending after the horizon is valued at its net interest accrued to
    the horizon and flagged, with what early withdrawal (活期) would pay.
    """
    end = start + _dt.timedelta(days=horizon)
    if dtype == "demand":
        return deposits.demand(amount, rate, start=start, end=end).maturity_value, [], {}
    if dtype == "notice":
        if horizon < 7:
            raise _Ineligible("horizon_too_short", days=7)
        result = deposits.notice(amount, rate, 7, withdraw_on=end, start=start)
        return result.maturity_value, [], {}
    if dtype not in ("fixed", "large_cd") or months is None:
        raise _Ineligible("not_lump_sum", deposit_type=dtype)
    times = max(1, _terms_fitting(start, horizon, months)) if dtype == "fixed" and rollover else 1
    if dtype == "fixed":
        result = deposits.fixed(amount, rate, months, start=start, rollovers=times - 1)
    else:
        result = deposits.large_cd(amount, rate, months, start=start)
    assert result.end_date is not None  # a term deposit has its maturity date
    notes: list[Note] = []
    if result.end_date > end:  # the money is not back by the horizon
        late, total = (result.end_date - end).days, (result.end_date - start).days
        notes.append(_note("locked_past_horizon", {"days": late, "total_days": total}))
        if dtype == "fixed":
            early = deposits.fixed(amount, rate, months, start=start, withdraw_on=end, demand_rate=demand_rate)
            notes.append(_note("early_withdrawal", {"value": early.maturity_value}))
        value = round_fen(amount + float(result.net_interest) * horizon / total)
        return value, notes, {"locked_past_horizon_days": late}
    if times > 1:
        notes.append(_note("rolled_over", {"times": times - 1}))
    rest, value = max(0, (end - result.end_date).days), result.maturity_value
    if rest:
        value = round_fen(value + _demand_interest(value, demand_rate, rest, result.end_date))
        notes.append(_note("demand_rest", {"days": rest}))
    return value, notes, {"rollovers": times - 1, "demand_days": rest}


def _value_product(product: Any, amount: float, horizon: int, start: _dt.date,
                   demand_rate: float) -> tuple[float, int | None, float, list, dict]:
    """(net amount at the horizon, term, quoted rate, notes, extras) of one catalog product.

    A term shorter than the horizon rolls over while whole cycles fit (when
    the product allows it), the rest of the horizon waits in 活期; a term
    longer than the horizon is valued at its net annual rate up to the
    horizon and flagged.
    """
    raise_days, payout_days = product.raise_days, product.payout_days
    kind = str(product.kind)
    notes: list[Note] = []
    if product.rate is None and not product.tiers and kind != "fund":
        raise _Ineligible("no_rate")
    if kind == "deposit" and product.deposit_type in ("demand", "notice", "fixed", "large_cd"):
        value, more, extra = _deposit_over(product.deposit_type, amount, product.rate, product.term_months,
                                           start, horizon, demand_rate, rollover=product.rollover)
        return value, product.term_days, product.rate, notes + more, extra
    terms = product.terms
    if not terms:  # open-ended: hold so that the money is back at the horizon
        held = horizon - raise_days - payout_days
        if held < 1:
            raise _Ineligible("horizon_too_short", days=raise_days + payout_days + 1)
        result = _income(product, amount, held, start, demand_rate=demand_rate)
        return result.net_amount, None, result.annual_rate, notes, {}
    fitting = [t for t in terms if raise_days + t + payout_days <= horizon]
    term = max(fitting) if fitting else min(terms)
    if len(terms) > 1:
        notes.append(_note("tier", {"term_days": term}))
    first = _income(product, amount, term, start, demand_rate=demand_rate)
    cycle = first.total_days
    if cycle > horizon:
        value = round_fen(amount * (1.0 + first.net_annual_rate * horizon / YEAR_DAYS))
        notes.append(_note("locked_past_horizon", {"days": cycle - horizon, "total_days": cycle}))
        return value, term, first.annual_rate, notes, {"locked_past_horizon_days": cycle - horizon}
    cycles = horizon // cycle if product.rollover else 1
    value, day, relaxed = first.net_amount, cycle, _relaxed(product)
    for _ in range(cycles - 1):
        value = _income(relaxed, value, term, start + _dt.timedelta(days=day),
                           demand_rate=demand_rate).net_amount
        day += cycle
    if cycles > 1:
        notes.append(_note("rolled_over", {"times": cycles - 1}))
    rest = horizon - day
    if rest:
        value = round_fen(value + _demand_interest(value, demand_rate, rest, start + _dt.timedelta(days=day)))
        notes.append(_note("demand_rest", {"days": rest}))
    return value, term, first.annual_rate, notes, {"rollovers": cycles - 1, "demand_days": rest}


def _relaxed(product: Any) -> Any:
    """The product without amount limits: a roll-over reinvests whatever matured."""
    import dataclasses

    return dataclasses.replace(product, min_amount=0.0, max_amount=None, step=None)


def _deposit_rows(amount: float, horizon: int, start: _dt.date, table: Any,
                  covered: set[tuple[str, int | None]]) -> list[ComparisonRow]:
    """The deposit alternatives of one rate table over the horizon, except those ``covered``
    by a catalog deposit product of the same table (type, months)."""
    rows: list[ComparisonRow] = []
    source = f"{table.name} ({table.id}) — {table.source}"

    def add(ident, name, name_en, dtype, months, rate, minimum):
        if (dtype, months) in covered:
            return
        e = _Entry(ident, name, name_en, "deposit", _DEPOSIT_RISK, months and _month_days(months), rate,
                   "guaranteed", table.as_of, source, months)
        if minimum and amount < minimum:
            rows.append(e.refused(_note("below_min", {"min_amount": minimum})))
            return
        try:
            value, notes, extra = _deposit_over(dtype, amount, rate, months, start, horizon, table.demand)
        except _Ineligible as refusal:
            rows.append(e.refused(refusal.reason))
            return
        rows.append(e.valued(amount, horizon, value, notes, **extra))

    add("demand", *_named("yields.alt.demand"), "demand", None, table.demand, table.minimums.get("demand"))
    near = horizon + _LATE_HINT_DAYS  # terms ending a few days late are shown (flagged), longer ones not
    for months, rate in table.fixed.items():
        if _terms_fitting(start, near, months):
            add(f"fixed-{months}m", *_named("yields.alt.fixed", months), "fixed", months, rate,
                table.minimums.get("fixed"))
    cds = [(m, r) for m, r in table.large_cd.items() if _terms_fitting(start, near, m)]
    if cds and table.large_cd_min and amount < table.large_cd_min:
        e = _Entry("large-cd", *_named("yields.alt.large_cd"), "deposit", _DEPOSIT_RISK, None, max(r for _, r in cds),
                   "guaranteed", table.as_of, source)
        rows.append(e.refused(_note("below_min", {"min_amount": table.large_cd_min})))
    else:
        for months, rate in cds:
            add(f"large-cd-{months}m", *_named("yields.alt.large_cd_term", months), "large_cd", months, rate, None)
    if 7 in table.notice:
        add("notice-7d", *_named("yields.alt.notice"), "notice", None, table.notice[7],
            table.minimums.get("notice"))
    return rows


def compare(
    amount: AmountLike,
    days: int | float,
    *,
    catalog: Catalog | str | os.PathLike[str] | None = None,
    kind: str | ProductKind | Iterable[str | ProductKind] | None = None,
    max_risk: int | str | None = None,
    rate_table: RateTable | str | None = None,
    as_of: DateLike | None = None,
    start: DateLike | None = None,
) -> Comparison:
    """Every eligible product and deposit, valued over the same horizon and ranked.

    Parameters
    ----------
    amount : yuan to place.
    days : the horizon: when the customer wants the money back.
    catalog : a loaded ``Catalog``, a path to a YAML catalog, or None for the
        bundled products.yaml (``$WEALTHCALC_CATALOG`` if set).
    kind : only these kinds (deposit, wealth, trust, fund, money_fund).
    max_risk : leave out products riskier than this grade (R1–R5); they are
        listed as ineligible with the reason.
    rate_table : the deposit rate table (or its id) for the deposit alternatives;
        None takes the table in force on ``as_of`` (else ``start``) or the
        catalog's default.
    as_of : compare as of this date (a date, ISO text, ...): products whose data is dated after it are
        left out (a note counts them). Offers of an earlier era (data older
        than the deposit rate table in use, or a subscription window closed
        before this date, default today) are listed as ineligible, "historical".
    start : the day the money is placed; default ``as_of`` or the rate
        table's effective date for deposits, each product's as_of for products.

    Returns
    -------
    Comparison
        ``ranked`` by net amount at the horizon, ``unranked`` funds (no
        promised yield), ``ineligible`` rows with their reason, ``notes``.

    Raises
    ------
    InputError
        a bad amount, horizon, kind or risk grade, or no rate table in force on ``as_of``.
    ProductNotFoundError
        an unknown ``rate_table`` id.

    Notes
    -----
    Deposit alternatives: 活期 for the whole horizon; each 整存整取 term that
    fits, rolled over (自动转存) while whole terms fit, then 活期; each 大额存单
    term that fits if the amount reaches its minimum, then 活期; 7-day 通知存款.
    A product shorter than the horizon rolls over when it allows, else the
    money waits in 活期; a product longer than the horizon is valued at its
    net annual rate up to the horizon and flagged, since the money is not
    back in time: it is ranked after every row that pays back by the horizon,
    however high its rate. Raise (募集期) and payout (到账) days count, so a
    one-year product with 7 idle days misses a 365-day horizon; when some
    products miss it by at most 31 days, a note gives the horizon that ranks
    them with the rest. Ranked rows of different eras (as_of dates more than
    a year apart) get a note: an old offer is history, not a rate on sale today.

    Examples
    --------
    >>> c = compare(100_000, 365)
    >>> c.best.kind in ("deposit", "wealth", "trust", "money_fund")
    True
    """
    amount = _amount(amount)
    horizon = _days(days)
    chosen = product_kinds(kind)
    kinds = None if chosen is None else {k.value for k in chosen}
    risk_limit = None if max_risk is None else risk_grade(max_risk)
    as_of = None if as_of is None else _validate.date(as_of, "as_of")
    start = None if start is None else _validate.date(start, "start")
    catalog = _catalog(catalog)
    if rate_table is not None:
        rate_table = resolve_rate_table(rate_table, catalog)
    notes: list[Note] = []
    table = _deposit_table(catalog, rate_table, as_of, start, notes)
    deposit_start = start or as_of or table.effective
    until = table.until
    if until is not None and deposit_start + _dt.timedelta(days=horizon) > until:
        notes.append(_note("table_ends", {"table": table.id, "until": until.isoformat()}))
    era = catalog.rate_table_on(table.effective, table) or table  # one bank's table belongs to the market's era

    ranked: list[ComparisonRow] = []
    unranked: list[ComparisonRow] = []
    ineligible: list[ComparisonRow] = []
    later = 0
    if kinds is None or "deposit" in kinds:
        covered: set[tuple[str, int | None]] = {
            (p.deposit_type or "", p.term_months if p.deposit_type in ("fixed", "large_cd") else None)
            for p in catalog.products
            if str(p.kind) == "deposit" and p.rate_table == table.id
        }
        for row in _deposit_rows(amount, horizon, deposit_start, table, covered):
            (ranked if row.reason is None else ineligible).append(row)
    for product in catalog.products:
        kind_name = str(product.kind)
        if kinds is not None and kind_name not in kinds:
            continue
        if as_of is not None and product.as_of > as_of:
            later += 1
            continue
        entry = _Entry(product.id, product.name, product.name_en or product.name, kind_name, product.risk,
                       product.term_days, product.rate, str(product.rate_kind or ""), product.as_of,
                       product.source, product.term_months)
        try:
            if _historical(product, era, as_of or start or _dt.date.today()):
                raise _Ineligible("historical", as_of=product.as_of.isoformat())
            if risk_limit is not None and product.risk > risk_limit:
                raise _Ineligible("risk_above", risk=product.risk, max_risk=risk_limit)
            row = _product_row(product, entry, amount, horizon, start, catalog, table)
        except _Refused as refusal:
            ineligible.append(entry.refused(refusal.reason))
            continue
        except InputError as error:
            ineligible.append(entry.refused(_note("error", {"text": error.message("en"),
                                                            "text_zh": error.message("zh")})))
            continue
        (unranked if kind_name == "fund" else ranked).append(row)

    if later and as_of is not None:
        notes.append(_note("after_as_of", {"count": later, "as_of": as_of.isoformat()}))
    ranked.sort(key=lambda r: (r.locked_past_horizon_days > 0, -(r.net_amount or 0.0), -(r.net_annual_rate or 0.0), r.id))
    ranked = [_with_rank(r, i) for i, r in enumerate(ranked, 1)]
    late = [r.locked_past_horizon_days for r in ranked if 0 < r.locked_past_horizon_days <= _LATE_HINT_DAYS]
    if late:
        notes.append(_note("late_by_days", {"count": len(late), "most": max(late), "days": horizon + max(late)}))
    eras = [r.as_of for r in ranked if r.as_of is not None]  # funds quote no rate: no era to mix
    if eras and (max(eras) - min(eras)).days > YEAR_DAYS:
        notes.append(_note("mixed_eras", {"oldest": min(eras).isoformat(), "newest": max(eras).isoformat()}))
    return Comparison(
        amount=amount, days=horizon, start_date=deposit_start, rate_table=table.id,
        ranked=tuple(ranked), unranked=tuple(unranked), ineligible=tuple(ineligible), notes=tuple(notes),
    )


def _deposit_table(catalog: Catalog, rate_table: RateTable | None, as_of: _dt.date | None,
                   start: _dt.date | None, notes: list[Note]) -> RateTable:
    """The deposit rate table of a comparison: the one named, else the market table in force on
    ``as_of`` (else ``start``), else the default; a note when a named table is newer than ``as_of``."""
    day = as_of if as_of is not None else start
    if rate_table is None and day is not None:
        table = catalog.rate_table_on(day, None)
        if table is None:
            raise InputError("as_of" if as_of is not None else "start", day, code="yields.no_table_then")
        return table
    table = resolve_rate_table(rate_table, catalog)
    if as_of is not None and table.effective > as_of:
        notes.append(_note("table_after_as_of", {"table": table.id, "effective": table.effective.isoformat(),
                                                 "as_of": as_of.isoformat()}))
    return table


def _product_row(product: Product, entry: _Entry, amount: float, horizon: int, start: _dt.date | None,
                 catalog: Catalog, table: RateTable) -> ComparisonRow:
    """One catalog product valued over the horizon (raises _Refused when it cannot be)."""
    problem = product.amount_problem(amount)
    if problem is not None:
        raise _Refused(ComparisonNote(problem.code, dict(problem.params)))
    product_start = start or product.as_of
    if start is not None:
        product = _sold_on(product, start)
    demand_rate = (catalog.rate_table_on(product_start, table) or table).demand
    if entry.kind == "fund":
        idle = product.raise_days + product.payout_days  # to confirmation, after redemption
        held = horizon - idle
        if held < 1:
            raise _Ineligible("horizon_too_short", days=idle + 1)
        result = _income(product, amount, held, product_start)
        return entry.valued(amount, horizon, result.net_amount, [_note("no_promised_yield", {})])
    value, term, rate, row_notes, extra = _value_product(product, amount, horizon, product_start, demand_rate)
    entry.term_days, entry.rate = term, rate
    return entry.valued(amount, horizon, value, row_notes, **extra)


def _catalog(value: Any) -> Catalog:
    """The catalog ``compare`` reads: a loaded one, a path to load, or None (the default)."""
    if isinstance(value, Catalog):
        return value
    if value is None or isinstance(value, str) or isinstance(value, os.PathLike):
        return load(value)
    raise InputError("catalog", value, code="yields.catalog_type")


def _historical(product: Any, table: Any, on_date: _dt.date) -> bool:
    """An offer of an earlier era: its data predates ``table`` (the market rate
    table of the comparison's era), or its subscription window closed before
    ``on_date``. Funds never are."""
    if str(product.kind) == "fund":  # open-ended: still bought and sold at each day's NAV
        return False
    if product.as_of < table.effective:
        return True
    sale_end = product.sale_end
    return sale_end is not None and sale_end < on_date


def _sold_on(product: Any, start: _dt.date) -> Any:
    """_bought_on for compare: a day before the sale opens makes the row ineligible."""
    sale_start = product.sale_start
    if str(product.kind) in ("wealth", "trust") and sale_start is not None and start < sale_start:
        raise _Ineligible("before_sale", sale_start=sale_start.isoformat())
    return _bought_on(product, start)


def _with_rank(row: ComparisonRow, rank: int) -> ComparisonRow:
    import dataclasses

    return dataclasses.replace(row, rank=rank)


# The public home of the result types is wealthcalc.yields (pickles and the charts' dispatch by type
# name both look them up there).
Comparison.__module__ = ComparisonRow.__module__ = "wealthcalc.yields"

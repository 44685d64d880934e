"""Reading a catalog file: YAML parsed with ``yaml.safe_load``, every field checked.

The reader records every problem it finds instead of stopping at the first;
:func:`wealthcalc.catalog.load` raises them together as one CatalogError.
"""

from __future__ import annotations

import datetime as _dt
import difflib
import re
from decimal import Decimal
from fractions import Fraction
from typing import Any

from ..errors import CatalogError, InputError
from ..money import parse_amount, parse_rate
from .queries import Catalog
from .schema import yaml_keys
from .records import (
    DEPOSIT_TYPES, SCHEMA_VERSION, BundledDeposit, Fees, FrontEndTier, FrozenMap, Product, ProductKind,
    ProvidentPolicy, RateKind, RatePath, RatePoint, RateTable, RateTier, RedemptionTier, _risk_value,
)

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

# the keys each entry may have: the record types' schema (wealthcalc.catalog.schema)
_TOP_KEYS = yaml_keys(Catalog)
_TABLE_KEYS = yaml_keys(RateTable)
_SCOPES = ("market", "bank")
_PRODUCT_KEYS = yaml_keys(Product)
_FEE_KEYS = yaml_keys(Fees)
_PATH_KEYS = yaml_keys(RatePath)
_POLICY_KEYS = yaml_keys(ProvidentPolicy)
_REDEMPTION_KEYS = yaml_keys(RedemptionTier)
_FRONT_END_KEYS = yaml_keys(FrontEndTier)
_TIER_KEYS = yaml_keys(RateTier)
_BUNDLED_KEYS = yaml_keys(BundledDeposit)
_ROW_KEYS = tuple(key for key in yaml_keys(RatePoint) if key != "<column>")
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
        items = self.tier_list(rec, "fees.redemption", raw, _REDEMPTION_KEYS)
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
        items = self.tier_list(rec, "fees.front_end", raw, _FRONT_END_KEYS)
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
        items = self.tier_list(rec, "tiers", raw, _TIER_KEYS)
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
        data = self.mapping(rec, "bundled_deposit", raw, _BUNDLED_KEYS)
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
            row = self.mapping(section, name_i, item, tuple(columns) + _ROW_KEYS)
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


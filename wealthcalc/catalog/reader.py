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
    DEPOSIT_TYPES, MAX_TERM_DAYS, SCHEMA_VERSION, BundledDeposit, Fees, FrontEndTier, FrozenMap, Product, ProductKind,
    ProvidentPolicy, RateKind, RatePath, RatePoint, RateTable, RateTier, RedemptionTier, _risk_value,
)

class _CatalogProblems(CatalogError):
    """The loader's error: every problem in ``problems``; a single one (a missing
    file, bad YAML) prints as that one line."""

    def __reduce__(self):
        return (_rebuild_problems, (self.field, self.value, self.code, self.params, self.path, self.problems))


def _rebuild_problems(field_name: str, value: Any, code: str, params: dict[str, Any], path: str | None,
                      problems: tuple[CatalogError, ...]) -> _CatalogProblems:
    return _CatalogProblems(field_name, value, code=code, params=params, path=path, problems=problems)


def _failure(path: str, problems: list[CatalogError]) -> CatalogError:
    return _CatalogProblems(
        "catalog", path, code="catalog.problems", params={"count": len(problems)},
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
            "yaml", where, code="catalog.yaml", params={"reason": reason}, path=path)]) from None
    reader = _Reader(path)
    catalog = reader.catalog(data)
    if reader.problems or catalog is None:
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

    def bad(self, record: str | None, field_name: str, value: Any, code: str, **params: Any) -> object:
        self.problems.append(CatalogError(field_name, value, code=code, params=params, path=self.path,
                                          product=record))
        return _BAD

    def mapping(self, record: str | None, field_name: str, value: Any, keys: tuple[str, ...]) -> dict | None:
        if not isinstance(value, dict):
            self.bad(record, field_name or ("entry" if record else "catalog"), value,
                     "catalog.mapping" if record or field_name else "catalog.top_mapping",
                     keys=", ".join(_TOP_KEYS))
            return None
        for key in value:
            if key not in keys:
                close = difflib.get_close_matches(str(key), keys, n=1)
                name = f"{field_name}.{key}" if field_name else str(key)
                if close:
                    self.bad(record, name, key, "catalog.unknown_key_close", close=close[0], keys=", ".join(keys))
                else:
                    self.bad(record, name, key, "catalog.unknown_key", keys=", ".join(keys))
        return value

    # -- scalar fields (each returns the value, None when absent, or _BAD)

    def text(self, rec, data, key, name=None, *, required=True) -> Any:
        name = name or key
        value = data.get(key)
        if value is None or (isinstance(value, str) and not value.strip()):
            if required:
                return self.bad(rec, name, value, "catalog.text_required")
            return None
        if not isinstance(value, str):
            return self.bad(rec, name, value, "catalog.text")
        return value.strip()

    def rate(self, rec, data, key, name=None, *, required=False, above_one=False) -> Any:
        name = name or key
        value = data.get(key)
        if value is None:
            return self.bad(rec, name, value, "catalog.rate_required") if required else None
        try:
            return parse_rate(value, field=name, allow_above_one=above_one)
        except InputError as error:
            return self.bad(rec, name, value, error.code or "catalog.rate_required", **error.params)

    def amount(self, rec, data, key, name=None, *, required=False, positive=False) -> Any:
        name = name or key
        value = data.get(key)
        if value is None:
            return self.bad(rec, name, value, "catalog.amount_required") if required else None
        try:
            return parse_amount(value, field=name, allow_zero=not positive)
        except InputError as error:
            return self.bad(rec, name, value, error.code or "catalog.amount_required", **error.params)

    def integer(self, rec, data, key, name=None, *, required=False, low=0, high=None, default=None) -> Any:
        name = name or key
        value = data.get(key)
        if value is None:
            if required:
                return self.bad(rec, name, value, "catalog.whole_required")
            return default
        if isinstance(value, bool) or not isinstance(value, int):
            return self.bad(rec, name, value, "catalog.whole")
        if value < low or (high is not None and value > high):
            if high is None:
                return self.bad(rec, name, value, "catalog.whole_min", low=low)
            return self.bad(rec, name, value, "catalog.whole_range", low=low, high=high)
        return value

    def boolean(self, rec, data, key, name=None, *, default=False) -> Any:
        value = data.get(key)
        if value is None:
            return default
        if not isinstance(value, bool):
            return self.bad(rec, name or key, value, "catalog.flag")
        return value

    def date(self, rec, data, key, name=None, *, required=False) -> Any:
        name = name or key
        value = data.get(key)
        if value is None:
            return self.bad(rec, name, value, "catalog.date_required") if required else None
        if isinstance(value, _dt.datetime):
            return value.date()
        if isinstance(value, _dt.date):
            return value
        if isinstance(value, str):
            try:
                return _dt.date.fromisoformat(value.strip())
            except ValueError:
                pass
        return self.bad(rec, name, value, "catalog.date")

    def strings(self, rec, data, key, name=None) -> Any:
        value = data.get(key)
        if value is None:
            return ()
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            return self.bad(rec, name or key, value, "catalog.strings")
        return tuple(value)

    def term(self, rec, name, key, unit_ok=("m", "y")) -> Any:
        """A term key: '3m', '1y' → months; '7d' → days (notice)."""
        match = _TERM_RE.match(str(key).strip())
        if match and match.group(2).lower() in unit_ok:
            n, unit = int(match.group(1)), match.group(2).lower()
            if n > 0:
                return n * 12 if unit == "y" else n
        return self.bad(rec, name, key, "catalog.term_days" if unit_ok == ("d",) else "catalog.term")

    # -- the file

    def catalog(self, data: Any) -> Catalog | None:
        if data is None:
            data = {}
        top = self.mapping(None, "", data, _TOP_KEYS)
        if top is None:
            return None
        version = top.get("version")
        if version != SCHEMA_VERSION:
            self.bad(None, "version", version, "catalog.version", version=SCHEMA_VERSION)
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
            version=SCHEMA_VERSION,  # any other version is a problem above
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
            return self.bad(None, key, value, "catalog.default_id", ids=", ".join(ids) or "(none)")
        return value

    def records(self, top: dict, section: str, read) -> list:
        raw = top.get(section)
        if not isinstance(raw, list) or not raw:
            self.bad(None, section, raw, "catalog.section_required", section=section)
            return []
        out, seen = [], set()
        for index, entry in enumerate(raw):
            record = read(entry, index)
            if record is _BAD or record is None:
                if isinstance(entry, dict) and isinstance(entry.get("id"), str):
                    self.broken.add(entry["id"])
                continue
            if record.id in seen:
                self.bad(record.id, f"{section}.id", record.id, "catalog.duplicate_id")
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
        self.bad(where, "id", value, "catalog.id")
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
                                       "catalog.scope")
        for section in _TERM_SECTIONS:
            values[section] = self.term_rates(rec, data, section, ("m", "y"))
        values["notice"] = self.term_rates(rec, data, "notice", ("d",))
        values["large_cd_min"] = self.amount(rec, data, "large_cd_min", positive=True)
        if values["large_cd"] and values["large_cd_min"] is None:
            self.bad(rec, "large_cd_min", None, "catalog.large_cd_min")
        values["minimums"] = self.minimums(rec, data)
        values["unconfirmed"] = self.strings(rec, data, "unconfirmed")
        if isinstance(values["effective"], _dt.date) and isinstance(values["as_of"], _dt.date):
            if values["effective"] > values["as_of"]:
                self.bad(rec, "effective", values["effective"].isoformat(),
                         "catalog.effective_after_as_of", as_of=values["as_of"])
        if isinstance(values["effective"], _dt.date) and isinstance(values["until"], _dt.date):
            if values["until"] < values["effective"]:
                self.bad(rec, "until", values["until"].isoformat(),
                         "catalog.until", effective=values["effective"])
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
            return self.bad(rec, section, raw, "catalog.term_rates")
        out = {}
        for key in raw:
            term = self.term(rec, f"{section}.{key}", key, units)
            rate = self.rate(rec, raw, key, f"{section}.{key}", required=True)
            if term is not _BAD and rate is not _BAD:
                if term in out:
                    self.bad(rec, f"{section}.{key}", key, "catalog.term_twice")
                out[term] = rate
        return FrozenMap(sorted(out.items()))

    def minimums(self, rec, data) -> Any:
        raw = data.get("minimums")
        if raw is None:
            return self.bad(rec, "minimums", None, "catalog.minimums", types=", ".join(DEPOSIT_TYPES))
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
                return self.bad(rec, "unconfirmed", entry, "catalog.unconfirmed_line")
            if not key:
                out.append(section)
                continue
            if section == "minimums":
                if key not in values["minimums"]:
                    return self.bad(rec, "unconfirmed", entry, "catalog.unconfirmed_minimum")
                out.append(entry)
                continue
            units = ("d",) if section == "notice" else ("m", "y")
            term = self.term(rec, "unconfirmed", key, units)
            if term is _BAD:
                return _BAD
            if section in ("demand", "large_cd_min") or term not in values[section]:
                return self.bad(rec, "unconfirmed", entry, "catalog.unconfirmed_unknown")
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
            v["kind"] = self.bad(rec, "kind", kind, "catalog.kind", kinds=", ".join(k.value for k in ProductKind))
        for key in ("name", "issuer", "source"):
            v[key] = self.text(rec, data, key)
        v["name_en"] = self.text(rec, data, "name_en", required=False) or ""
        v["notes"] = self.text(rec, data, "notes", required=False) or ""
        v["code"] = self.text(rec, data, "code", required=False)
        risk = data.get("risk")
        v["risk"] = _risk_value(risk)
        if v["risk"] is None:
            v["risk"] = self.bad(rec, "risk", risk, "catalog.risk_required")
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
            v["rate_kind"] = self.bad(rec, "rate_kind", rk, "catalog.rate_kind", kinds=", ".join(k.value for k in RateKind))
        v["rate_net_of_fees"] = self.boolean(rec, data, "rate_net_of_fees")
        day_count = data.get("day_count", 365)
        v["day_count"] = day_count if day_count in (360, 365) and not isinstance(day_count, bool) else self.bad(
            rec, "day_count", day_count, "catalog.day_count")
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
                     "catalog.term_with_tiers")
        for entry in v["unconfirmed"] if v["unconfirmed"] is not _BAD else ():
            if entry.split(".")[0] not in _PRODUCT_KEYS:
                self.bad(rec, "unconfirmed", entry, "catalog.unconfirmed_product")
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
        return self.integer(rec, data, "term_days", low=1, high=MAX_TERM_DAYS)

    def deposit_type(self, rec, data, kind) -> Any:
        value = data.get("deposit_type")
        if value is None:
            if kind is ProductKind.DEPOSIT:
                return self.bad(rec, "deposit_type", value, "catalog.deposit_type_required", types=", ".join(DEPOSIT_TYPES))
            return None
        if value not in DEPOSIT_TYPES:
            return self.bad(rec, "deposit_type", value, "catalog.deposit_type", types=", ".join(DEPOSIT_TYPES))
        return value

    def table_ref(self, rec, value, name, tables) -> Any:
        if value is None:
            return None
        if isinstance(value, str) and value in self.broken:
            return _BAD
        ids = [t.id for t in tables]
        if value not in ids:
            return self.bad(rec, name, value, "catalog.table_ref", ids=", ".join(ids))
        return value

    def product_rules(self, rec: str, v: dict, tables: list[RateTable]) -> None:
        """Rules across fields, each checked when the fields it needs read cleanly."""
        kind = v["kind"]
        lo, hi, step, as_of = v["min_amount"], v["max_amount"], v["step"], v["as_of"]
        if _ok(lo, hi) and hi is not None and lo > hi:
            self.bad(rec, "min_amount", _plain(lo), "catalog.min_above_max", max_amount=f"{hi:,.2f}")
        if _ok(lo, step) and step is not None and lo > 0:
            if Decimal(repr(lo)) % Decimal(repr(step)) != 0:
                self.bad(rec, "step", _plain(step), "catalog.step", min_amount=f"{lo:,.2f}")
        start, end = v["sale_start"], v["sale_end"]
        if _ok(start, as_of) and start is not None and start > as_of:
            self.bad(rec, "sale_start", start.isoformat(), "catalog.sale_after_as_of", as_of=as_of)
        if _ok(start, end) and None not in (start, end) and end < start:
            self.bad(rec, "sale_end", end.isoformat(), "catalog.sale_end")
        table = next((t for t in tables if t.id == v["rate_table"]), None)
        if table is not None and _ok(as_of) and table.effective > as_of:
            self.bad(rec, "rate_table", table.id, "catalog.table_after_product", effective=table.effective, as_of=as_of)
        bundled = v["bundled_deposit"]
        if _ok(bundled, as_of) and bundled is not None:
            bt = next(t for t in tables if t.id == bundled.rate_table)
            if bt.effective > as_of:
                self.bad(rec, "bundled_deposit.rate_table", bt.id, "catalog.bundled_table_after", effective=bt.effective, as_of=as_of)
        if not _ok(kind, v["rate"], v["rate_kind"], v["tiers"]):
            return
        if kind is ProductKind.DEPOSIT and _ok(v["deposit_type"], v["term_months"], v["rate_table"], lo):
            self.deposit_rate(rec, v, table)
        elif kind is ProductKind.FUND and v["rate"] is not None:
            self.bad(rec, "rate", v["rate"], "catalog.fund_rate")
        elif kind is ProductKind.MONEY_FUND and v["rate_kind"] is not RateKind.SEVEN_DAY_YIELD:
            self.bad(rec, "rate_kind", v["rate_kind"] and v["rate_kind"].value, "catalog.money_fund_rate_kind")
        if v["rate"] is None and not v["tiers"] and kind in (ProductKind.MONEY_FUND, ProductKind.TRUST):
            self.bad(rec, "rate", None, "catalog.rate_or_tiers")
        if v["rate"] is not None and v["rate_kind"] is None:
            self.bad(rec, "rate_kind", None, "catalog.rate_kind_required", kinds=", ".join(k.value for k in RateKind))

    def deposit_rate(self, rec: str, v: dict, table: RateTable | None) -> None:
        dtype = v["deposit_type"]
        if dtype in _TERM_SECTIONS and v["term_months"] is None:
            self.bad(rec, "term_months", None, "catalog.term_months_required", deposit_type=dtype)
            return
        if table is None:
            if v["rate"] is None:
                self.bad(rec, "rate", None, "catalog.rate_or_table")
            return
        if dtype == "demand":
            listed = table.demand
        elif dtype in _TERM_SECTIONS:
            listed = getattr(table, dtype).get(v["term_months"])
        else:
            listed = None
        if v["rate"] is None:
            if listed is None:
                self.bad(rec, "rate_table", table.id, "catalog.table_lacks_term", deposit_type=dtype, months=v["term_months"])
            v["rate"] = listed
        if table.minimums.get(dtype) is not None and v["min_amount"] < table.minimums[dtype]:
            self.bad(rec, "min_amount", v["min_amount"], "catalog.below_table_minimum", deposit_type=dtype, minimum=f"{table.minimums[dtype]:,.2f}")

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
                     "catalog.channel_discount")
        values["assumed"] = self.boolean(rec, data, "assumed", "fees.assumed")
        values["redemption"] = self.redemption(rec, data.get("redemption"))
        values["front_end"] = self.front_end(rec, data.get("front_end"))
        if len(self.problems) > start:
            return _BAD
        if values["performance_share"] and values["performance_hurdle"] is None:
            self.bad(rec, "fees.performance_hurdle", None, "catalog.hurdle_required")
            return _BAD
        return Fees(**values)

    def tier_list(self, rec, name, raw, keys) -> list[tuple[int, dict]] | None:
        if raw is None:
            return []
        if not isinstance(raw, list):
            self.bad(rec, name, raw, "catalog.tier_list")
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
                         "catalog.tier_gap", start=_plain(expected), unit=unit)
            if high is not None and high <= low:
                self.bad(rec, f"{name}[{i}]", _plain(high),
                         "catalog.tier_bounds", low=_plain(low))
            if high is None and i != len(bands) - 1:
                self.bad(rec, f"{name}[{i}]", None, "catalog.tier_open")

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
                self.bad(rec, name, dict(data), "catalog.rate_or_fixed_fee")
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
                self.bad(rec, f"tiers[{i}]", tier.rate, "catalog.tier_needs")
        groups: dict[Any, list[tuple[int, RateTier]]] = {}
        for i, tier in enumerate(tiers):
            groups.setdefault(tier.term_days, []).append((i, tier))
        for term, members in groups.items():
            banded = [t for _, t in members if t.min_amount is not None]
            if len(members) > 1 and len(banded) != len(members):
                self.bad(rec, f"tiers[{members[1][0]}]", term, "catalog.tier_twice")
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
            self.bad(rec, "bundled_deposit.share", share, "catalog.share")
        dtype = data.get("deposit_type", "fixed")
        if dtype not in _TERM_SECTIONS:
            self.bad(rec, "bundled_deposit.deposit_type", dtype, "catalog.bundled_type", types=", ".join(_TERM_SECTIONS))
        months = self.integer(rec, data, "term_months", "bundled_deposit.term_months", required=True, low=1)
        table_id = self.table_ref(rec, data.get("rate_table"), "bundled_deposit.rate_table", tables)
        if table_id is None:
            self.bad(rec, "bundled_deposit.rate_table", None, "catalog.bundled_table")
            return _BAD
        if _BAD in (table_id, months) or value is None or not 0 < value < 1 or dtype not in _TERM_SECTIONS:
            return _BAD
        table = next(t for t in tables if t.id == table_id)
        rate = getattr(table, dtype).get(months)
        if rate is None:
            return self.bad(rec, "bundled_deposit.term_months", months, "catalog.bundled_term", table=table_id, deposit_type=dtype)
        return BundledDeposit(share=value, deposit_type=dtype, term_months=months, rate_table=table_id, rate=rate)

    # -- rate paths and policies

    def rate_path(self, top: dict, section: str) -> Any:
        raw = top.get(section)
        data = self.mapping(section, section, raw, _PATH_KEYS) if raw is not None else None
        if data is None:
            if raw is None:
                self.bad(section, section, None, "catalog.path_required")
            return _BAD
        start = len(self.problems)
        columns = data.get("columns")
        if not isinstance(columns, list) or not columns or not all(isinstance(c, str) for c in columns):
            self.bad(section, f"{section}.columns", columns, "catalog.columns")
            columns = []
        as_of = self.date(section, data, "as_of", f"{section}.as_of", required=True)
        name = self.text(section, data, "name", f"{section}.name")
        source = self.text(section, data, "source", f"{section}.source")
        rows_raw = data.get("rows")
        if not isinstance(rows_raw, list) or not rows_raw:
            self.bad(section, f"{section}.rows", rows_raw, "catalog.rows")
            rows_raw = []
        rows: list[RatePoint] = []
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
                self.bad(section, name_i, item, "catalog.row_needs", columns=", ".join(columns))
            unconfirmed = self.boolean(section, row, "unconfirmed", f"{name_i}.unconfirmed")
            note = self.text(section, row, "note", f"{name_i}.note", required=False) or ""
            if isinstance(effective, _dt.date):
                if isinstance(as_of, _dt.date) and effective > as_of:
                    self.bad(section, f"{name_i}.effective", effective.isoformat(), "catalog.row_after_as_of", as_of=as_of)
                if rows and effective <= rows[-1].effective:
                    self.bad(section, f"{name_i}.effective", effective.isoformat(), "catalog.row_order")
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
                self.bad(rec, key, data[key], "catalog.ltv")
        multiplier = data.get("second_home_rate_multiplier")
        if multiplier is None:
            v["second_home_rate_multiplier"] = None
        elif isinstance(multiplier, (int, float)) and not isinstance(multiplier, bool) and 1 <= multiplier <= 3:
            v["second_home_rate_multiplier"] = float(multiplier)
        else:
            self.bad(rec, "second_home_rate_multiplier", multiplier,
                     "catalog.multiplier")
        if isinstance(v["year"], int) and isinstance(v["as_of"], _dt.date) and v["year"] > v["as_of"].year:
            self.bad(rec, "year", v["year"], "catalog.year_after_as_of", as_of=v["as_of"])
        bad_fields = [f for f in v["unconfirmed"] if f not in _POLICY_KEYS]
        if bad_fields:
            self.bad(rec, "unconfirmed", bad_fields, "catalog.unconfirmed_policy", keys=", ".join(_POLICY_KEYS))
        if len(self.problems) > start or pid is None:
            return _BAD
        return ProvidentPolicy(id=pid, **v)


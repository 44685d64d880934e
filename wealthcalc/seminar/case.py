"""Reading and checking a report case (CASE.yaml): the header and one parser per section.

Each section maps one-to-one onto one library call; its parser checks the
fields (named ``section.field``, e.g. ``loan.amount``) and returns that
call's arguments. docs/report.md lists every field.

>>> case = parse_case({"title": "Demo"})
>>> case.title, case.sections
('Demo', ())
"""

from __future__ import annotations

import datetime as _dt
import enum
import functools
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Mapping

from .. import _validate
from ..errors import InputError
from ..i18n import message

__all__ = ["SECTIONS", "ReportCase", "load_case", "parse_case"]


SECTIONS = ("comparison", "plan", "loan", "dca")
"""Report sections in page order; each is optional."""


_TOP_KEYS = ("title", "customer", "advisor", "date", "notes") + SECTIONS


@dataclass(frozen=True, slots=True)
class ReportCase:
    """A checked CASE.yaml: header fields and the keyword arguments of each section's call."""

    title: str = ""
    customer: str = ""
    advisor: str = ""
    date: _dt.date | None = None
    notes: str = ""
    comparison: Mapping[str, Any] | None = field(default=None, compare=False)
    plan: Mapping[str, Any] | None = field(default=None, compare=False)
    loan: Mapping[str, Any] | None = field(default=None, compare=False)
    dca: Mapping[str, Any] | None = field(default=None, compare=False)
    base_dir: Path = Path(".")

    @property
    def sections(self) -> tuple[str, ...]:
        """Names of the sections present, in page order."""
        return tuple(name for name in SECTIONS if getattr(self, name) is not None)

    @property
    def needs_catalog(self) -> bool:
        """Whether running the case reads the product catalog (a comparison or a plan).

        >>> parse_case({"loan": {"amount": "100万", "rate": "4.9%", "years": 30}}).needs_catalog
        False
        """
        return self.comparison is not None or self.plan is not None


def load_case(path: str | Path) -> ReportCase:
    """Read and check a CASE.yaml file (safe YAML, dates kept as text; relative paths from its folder).

    Raises
    ------
    InputError
        naming the file, or ``section.field`` and what is accepted.
    """
    import yaml

    _CaseLoader = _case_loader()
    case_path = Path(path)
    try:
        text = case_path.read_text(encoding="utf-8")
    except OSError as error:
        raise InputError("case", str(path), code="seminar.case.cannot_read_the_case_file_give",
                         params={"strerror": error.strerror}) from None
    except UnicodeDecodeError:
        raise InputError("case", str(path), code="seminar.case.the_case_file_is_not_utf") from None
    try:
        data = yaml.load(text, Loader=_CaseLoader)  # noqa: S506 - a SafeLoader subclass
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        if mark is not None:
            raise InputError("case", str(path), code="seminar.case.not_valid_yaml_at",
                             params={"line": mark.line + 1}) from None
        raise InputError("case", str(path), code="seminar.case.not_valid_yaml") from None
    return parse_case(data, base_dir=case_path.resolve().parent)


def _case_loader():
    """yaml.SafeLoader that leaves dates as text, so a bad one (2025-13-01) is named by its field."""
    import yaml

    class CaseLoader(yaml.SafeLoader):
        pass

    CaseLoader.add_constructor("tag:yaml.org,2002:timestamp", yaml.SafeLoader.construct_yaml_str)
    return CaseLoader


def parse_case(data: Any, *, base_dir: str | Path = ".") -> ReportCase:
    """Check a case already read from YAML (a mapping) and normalise its fields."""
    if data is None:
        data = {}
    if not isinstance(data, Mapping):
        raise InputError("case", type(data).__name__, code="seminar.case.a_case_file_is_a_mapping")
    _no_unknown_keys(data, _TOP_KEYS, "case")
    base = Path(base_dir)
    parsed: dict[str, Any] = {}
    for key in ("title", "customer", "advisor", "notes"):
        parsed[key] = _text(data.get(key, ""), key)
    parsed["date"] = _validate.date(data.get("date"), "date") if data.get("date") is not None else None
    for name in SECTIONS:
        section = data.get(name)
        if section is None:
            continue
        if not isinstance(section, Mapping):
            raise InputError(name, section, code="seminar.case.the_section_is_a_mapping_of", params={"name": name})
        parsed[name] = _PARSERS[name](section, base)
    return ReportCase(base_dir=base, **parsed)


def _no_unknown_keys(section: Mapping[str, Any], allowed: tuple[str, ...], where: str) -> None:
    for key in section:
        if key not in allowed:
            raise InputError(f"{where}.{key}" if where != "case" else str(key), section[key],
                             code="seminar.case.unknown_field_accepts",
                             params={"where": where, "allowed": ", ".join(allowed)})


def _text(value: Any, name: str) -> str:
    if value is None:
        return ""
    if not isinstance(value, (str, int, float)) or isinstance(value, bool):
        raise InputError(name, value, code="seminar.case.write_plain_text")
    return str(value)


def _require(section: Mapping[str, Any], key: str, where: str) -> Any:
    if section.get(key) is None:
        raise InputError(f"{where}.{key}", None, code="seminar.case.the_section_needs", params={"where": where,
                                                                                                "key": key})
    return section[key]


def _whole(value: Any, name: str, low: int, high: int, unit: str) -> int:
    """A whole number (:func:`wealthcalc._validate.whole`); a unit the check does not word is worded here."""
    if unit in ("years", "months", "days"):
        return _validate.whole(value, name, low=low, high=high, unit=unit)
    try:
        return _validate.whole(value, name, low=low, high=high, unit=unit)
    except InputError:
        raise InputError(name, value, code="seminar.case.whole",
                         params={"low": f"{low:,}", "high": f"{high:,}",
                                 "unit": message(f"seminar.unit.{unit}", "zh"),
                                 "unit_en": message(f"seminar.unit.{unit}", "en")}) from None


@functools.lru_cache(maxsize=None)
def _choices(options: tuple[str, ...]) -> type[enum.Enum]:
    return enum.Enum("Choices", {option: option for option in options})  # type: ignore[return-value]


def _one_of(value: Any, name: str, options: tuple[str, ...]) -> str:
    """One of ``options`` (:func:`wealthcalc._validate.choice`), as its text."""
    return str(_validate.choice(value, name, _choices(tuple(options))).value)


def _events(value: Any, name: str, allowed: tuple[str, ...], required: tuple[str, ...]) -> list[dict]:
    """A list of mappings (prepayments, rate changes), each checked for its keys."""
    if value is None:
        return []
    if not isinstance(value, list):
        raise InputError(name, value, code="seminar.case.write_a_list_of_entries_one")
    out = []
    for i, item in enumerate(value):
        where = f"{name}[{i}]"
        if not isinstance(item, Mapping):
            raise InputError(where, item, code="seminar.case.each_entry_is_a_mapping_with",
                             params={"required": ', '.join(required)})
        _no_unknown_keys(item, allowed, where)
        for key in required:
            _require(item, key, where)
        out.append(dict(item, _where=where))
    return out


def _at(value: Any, name: str) -> _dt.date | int:
    """A date (YYYY-MM-DD) or an installment number."""
    if isinstance(value, int) and not isinstance(value, bool):
        if value < 1:
            raise InputError(name, value, code="seminar.case.an_installment_number_is_1_or")
        return value
    return _validate.date(value, name)


def _rate_meta(section: Mapping[str, Any], where: str) -> dict[str, Any]:
    """The source and date of a rate typed into the case (shown beside it)."""
    return {
        "rate_source": _text(section.get("rate_source"), f"{where}.rate_source"),
        "rate_as_of": (_validate.date(section["rate_as_of"], f"{where}.rate_as_of")
                       if section.get("rate_as_of") is not None else None),
    }


_LOAN_KEYS = ("amount", "rate", "years", "months", "method", "start", "payment_day",
              "prepayments", "min_prepayment", "rate_changes", "rate_source", "rate_as_of", "provident")


_PROVIDENT_KEYS = ("amount", "rate", "rate_source", "rate_as_of")


_METHODS = ("equal_installment", "equal_principal", "interest_only")


def _parse_loan(section: Mapping[str, Any], base: Path) -> dict[str, Any]:
    """loan: -> loans.amortize(principal, annual_rate, months, method=, start=, ...)."""
    where = "loan"
    _no_unknown_keys(section, _LOAN_KEYS, where)
    principal = _validate.amount(_require(section, "amount", where), "loan.amount")
    annual_rate = _validate.rate(_require(section, "rate", where), "loan.rate")
    if (section.get("years") is None) == (section.get("months") is None):
        raise InputError("loan.years", section.get("years"), code="seminar.case.give_the_term_as_years_or")
    if section.get("years") is not None:
        months = 12 * _whole(section["years"], "loan.years", 1, 50, "years")
    else:
        months = _whole(section["months"], "loan.months", 1, 600, "months")
    kwargs: dict[str, Any] = {
        "method": _one_of(section.get("method", "equal_installment"), "loan.method", _METHODS),
    }
    if section.get("start") is not None:
        kwargs["start"] = _validate.date(section["start"], "loan.start")
    if section.get("payment_day") is not None:
        kwargs["payment_day"] = _whole(section["payment_day"], "loan.payment_day", 1, 31, "days")
    from ..loans import Prepayment, RateChange

    prepayments = []
    for item in _events(section.get("prepayments"), "loan.prepayments",
                        ("at", "amount", "mode", "penalty_rate", "penalty_months"), ("at",)):
        w = item["_where"]
        mode = _one_of(item.get("mode", "shorten"), f"{w}.mode", ("shorten", "reduce", "full"))
        amount = None if mode == "full" else _validate.amount(_require(item, "amount", w), f"{w}.amount")
        prepayments.append(Prepayment(
            at=_at(item["at"], f"{w}.at"), amount=amount, mode=mode,
            penalty_rate=_validate.rate(item.get("penalty_rate", 0), f"{w}.penalty_rate"),
            penalty_months=float(_whole(item.get("penalty_months", 0), f"{w}.penalty_months", 0, 12,
                                      "months")),
        ))
    changes = [
        RateChange(at=_at(item["at"], f"{item['_where']}.at"),
                   annual_rate=_validate.rate(item["rate"], f"{item['_where']}.rate"))
        for item in _events(section.get("rate_changes"), "loan.rate_changes", ("at", "rate"),
                            ("at", "rate"))
    ]
    if prepayments:
        kwargs["prepayments"] = tuple(prepayments)
    if section.get("min_prepayment") is not None:
        kwargs["min_prepayment"] = _validate.amount(section["min_prepayment"], "loan.min_prepayment",
                                                    allow_zero=True)
    if changes:
        kwargs["rate_changes"] = tuple(changes)
    provident = section.get("provident")
    if provident is not None:
        # 组合贷款: loans.combined((provident amount, rate), (commercial amount, rate), months, ...)
        if not isinstance(provident, Mapping):
            raise InputError("loan.provident", provident, code="seminar.case.a_mapping_with_amount_and_rate")
        _no_unknown_keys(provident, _PROVIDENT_KEYS, "loan.provident")
        for key in ("prepayments", "rate_changes"):
            if key in kwargs:
                raise InputError(f"loan.{key}", section[key],
                                 code="seminar.case.a_combined_loan_with_provident_takes")
        part = (_validate.amount(_require(provident, "amount", "loan.provident"), "loan.provident.amount"),
                _validate.rate(_require(provident, "rate", "loan.provident"), "loan.provident.rate"))
        return {"combined": (part, (principal, annual_rate), months), "kwargs": kwargs,
                "meta": {**_rate_meta(section, where),
                         "provident": _rate_meta(provident, "loan.provident")}}
    return {"args": (principal, annual_rate, months), "kwargs": kwargs,
            "meta": _rate_meta(section, where)}


_PLAN_MODES = {
    # mode: (positional fields, allowed options)
    "max_value": (("amount", "months"), True),
    "shortest_term": (("amount", "target"), True),
    "monthly_max_value": (("monthly", "months"), False),
    "monthly_shortest_term": (("monthly", "target"), False),
    "monthly_required": (("months", "target"), False),
}


_PLAN_KEYS = ("mode", "amount", "monthly", "months", "target", "rate_table", "products", "fixed_terms",
              "max_leg_months", "keep_available", "tax_rate", "tax_by_date", "start_date", "round_to")


def _parse_plan(section: Mapping[str, Any], base: Path) -> dict[str, Any]:
    """plan: -> plans.<mode>(...) with the mode's two positional fields and the options."""
    where = "plan"
    _no_unknown_keys(section, _PLAN_KEYS, where)
    mode = _one_of(section.get("mode", "max_value"), "plan.mode", tuple(_PLAN_MODES))
    fields, lump = _PLAN_MODES[mode]
    args: list[float] = []
    for name in fields:
        value = _require(section, name, where)
        if name == "months":
            args.append(_whole(value, "plan.months", 1, 600, "months"))
        else:
            args.append(_validate.amount(value, f"plan.{name}"))
    for name in ("amount", "monthly", "months", "target"):
        if name not in fields and section.get(name) is not None:
            raise InputError(f"plan.{name}", section[name], code="seminar.case.mode_takes_not",
                             params={"mode": mode, "first": fields[0], "second": fields[1], "name": name})
    kwargs: dict[str, Any] = {}
    if section.get("products") is not None:
        from ..plans import PRODUCTS

        products = section["products"]
        if not isinstance(products, list) or not products:
            raise InputError("plan.products", products, code="seminar.case.a_list_of",
                             params={"products": ', '.join(PRODUCTS)})
        kwargs["products"] = tuple(_one_of(p, "plan.products", PRODUCTS) for p in products)
    if section.get("fixed_terms") is not None:
        terms = section["fixed_terms"]
        if not isinstance(terms, list) or not terms:
            raise InputError("plan.fixed_terms", terms, code="seminar.case.a_list_of_months_e_g")
        kwargs["fixed_terms"] = tuple(_whole(m, "plan.fixed_terms", 1, 600, "months") for m in terms)
    if section.get("max_leg_months") is not None:
        kwargs["max_leg_months"] = _whole(section["max_leg_months"], "plan.max_leg_months", 1, 600, "months")
    if section.get("keep_available") is not None:
        if not lump:
            raise InputError("plan.keep_available", section["keep_available"],
                             code="seminar.case.only_the_lump_sum_modes_max")
        kwargs["keep_available"] = _validate.amount(section["keep_available"], "plan.keep_available",
                                                    allow_zero=True)
    if section.get("tax_rate") is not None:
        kwargs["tax_rate"] = _validate.rate(section["tax_rate"], "plan.tax_rate")
    if section.get("tax_by_date") is not None:
        kwargs["tax_by_date"] = _validate.flag(section["tax_by_date"], "plan.tax_by_date")
    if section.get("start_date") is not None:
        kwargs["start_date"] = _validate.date(section["start_date"], "plan.start_date")
    if section.get("round_to") is not None:
        if mode != "monthly_required":
            raise InputError("plan.round_to", section["round_to"],
                             code="seminar.case.only_mode_monthly_required_rounds")
        kwargs["round_to"] = _one_of(section["round_to"], "plan.round_to", ("fen", "yuan"))
    table = _text(section.get("rate_table"), "plan.rate_table") or None
    return {"mode": mode, "args": tuple(args), "kwargs": kwargs, "rate_table": table}


_COMPARISON_KEYS = ("amount", "days", "kind", "max_risk", "rate_table", "as_of", "start", "top")


_KINDS = ("deposit", "wealth", "trust", "fund", "money_fund")


def _parse_comparison(section: Mapping[str, Any], base: Path) -> dict[str, Any]:
    """comparison: -> yields.compare(amount, days, kind=, max_risk=, rate_table=, as_of=, start=)."""
    where = "comparison"
    _no_unknown_keys(section, _COMPARISON_KEYS, where)
    amount = _validate.amount(_require(section, "amount", where), "comparison.amount")
    days = _whole(_require(section, "days", where), "comparison.days", 1, 36_500, "days")
    kwargs: dict[str, Any] = {}
    kind = section.get("kind")
    if kind is not None:
        kinds = [kind] if isinstance(kind, str) else kind
        if not isinstance(kinds, list) or not kinds:
            raise InputError("comparison.kind", kind, code="seminar.case.write_one_kind_or_a_list",
                             params={"kinds": ', '.join(_KINDS)})
        kwargs["kind"] = [_one_of(k, "comparison.kind", _KINDS) for k in kinds]
    if section.get("max_risk") is not None:
        risk = section["max_risk"]
        text = str(risk).strip().upper().removeprefix("R")
        grade = int(text) if text.isdigit() else risk
        kwargs["max_risk"] = _whole(grade, "comparison.max_risk", 1, 5, "risk")
    if section.get("rate_table") is not None:
        kwargs["rate_table"] = _text(section["rate_table"], "comparison.rate_table")
    for key in ("as_of", "start"):
        if section.get(key) is not None:
            kwargs[key] = _validate.date(section[key], f"comparison.{key}")
    top = _whole(section.get("top", 12), "comparison.top", 1, 50, "rows")
    return {"args": (amount, days), "kwargs": kwargs, "meta": {"top": top}}


_DCA_KEYS = ("nav", "synthetic", "amount", "frequency", "day", "from", "to", "value_date", "fee",
             "discount", "dividends", "redeem", "every_start")


_SYNTHETIC_KEYS = ("start", "days", "annual_drift", "volatility", "seed")


def _parse_dca(section: Mapping[str, Any], base: Path) -> dict[str, Any]:
    """dca: -> dca.simulate(nav, amount, frequency=, day=, start=from, end=to, fee_rate=fee, ...)."""
    from ..dca import parse_discount

    where = "dca"
    _no_unknown_keys(section, _DCA_KEYS, where)
    if (section.get("nav") is None) == (section.get("synthetic") is None):
        raise InputError("dca.nav", section.get("nav"), code="seminar.case.give_nav_a_nav_csv_file")
    if section.get("nav") is not None:
        nav: dict[str, Any] = {"path": base / _text(section["nav"], "dca.nav")}
    else:
        params = section["synthetic"] if section["synthetic"] is not True else {}
        if not isinstance(params, Mapping):
            raise InputError("dca.synthetic", params, code="seminar.case.a_mapping_of",
                             params={"synthetic_keys": ', '.join(_SYNTHETIC_KEYS)})
        _no_unknown_keys(params, _SYNTHETIC_KEYS, "dca.synthetic")
        synthetic: dict[str, Any] = {}
        if params.get("start") is not None:
            synthetic["start"] = _validate.date(params["start"], "dca.synthetic.start")
        if params.get("days") is not None:
            synthetic["days"] = _whole(params["days"], "dca.synthetic.days", 2, 100_000, "trading_days")
        for key in ("annual_drift", "volatility"):
            if params.get(key) is not None:
                synthetic[key] = _validate.rate(params[key], f"dca.synthetic.{key}",
                                                allow_negative=key == "annual_drift", maximum=None)
        if params.get("seed") is not None:
            synthetic["seed"] = _whole(params["seed"], "dca.synthetic.seed", 0, 2**32 - 1, "seed")
        nav = {"synthetic": synthetic}
    amount = _validate.amount(_require(section, "amount", where), "dca.amount")
    kwargs: dict[str, Any] = {
        "frequency": _one_of(section.get("frequency", "monthly"), "dca.frequency",
                             ("monthly", "biweekly", "weekly", "daily")),
        "fee_rate": _validate.rate(section.get("fee", "1.5%"), "dca.fee"),
        "discount": parse_discount(section.get("discount", 1), field="dca.discount"),
        "dividends": _one_of(section.get("dividends", "reinvest"), "dca.dividends", ("reinvest", "cash")),
    }
    if section.get("day") is not None:
        kwargs["day"] = _whole(section["day"], "dca.day", 1, 31, "days")
    for key, name in (("from", "start"), ("to", "end"), ("value_date", "value_date")):
        if section.get(key) is not None:
            kwargs[name] = _validate.date(section[key], f"dca.{key}")
    if section.get("redeem") is not None:
        kwargs["redeem"] = _validate.flag(section["redeem"], "dca.redeem")
    every = None
    if section.get("every_start") is not None:
        spec = section["every_start"]
        if spec is True:
            spec = {}
        if not isinstance(spec, Mapping):
            raise InputError("dca.every_start", spec, code="seminar.case.write_true_or_a_mapping_with")
        _no_unknown_keys(spec, ("years",), "dca.every_start")
        years = spec.get("years", [1, 3, 5])
        years = [years] if not isinstance(years, list) else years
        every = {"years": tuple(_whole(y, "dca.every_start.years", 1, 50, "years") for y in years)}
    return {"nav": nav, "args": (amount,), "kwargs": kwargs, "every_start": every}


_PARSERS: dict[str, Callable[[Mapping[str, Any], Path], dict[str, Any]]] = {
    "comparison": _parse_comparison,
    "plan": _parse_plan,
    "loan": _parse_loan,
    "dca": _parse_dca,
}

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
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Mapping

from ..dates import to_date
from ..errors import InputError

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
        raise InputError("case", str(path), f"cannot read the case file ({error.strerror}); "
                         "give the path of a CASE.yaml (see examples/case.yaml)",
                         hint_zh=f"无法读取案例文件（{error.strerror}）；请给出 CASE.yaml 的路径"
                         "（参见 examples/case.yaml）") from None
    except UnicodeDecodeError:
        raise InputError("case", str(path), "the case file is not UTF-8 text; save it as UTF-8",
                         hint_zh="案例文件不是 UTF-8 文本；请另存为 UTF-8 编码") from None
    try:
        data = yaml.load(text, Loader=_CaseLoader)  # noqa: S506 - a SafeLoader subclass
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f" at line {mark.line + 1}" if mark is not None else ""
        where_zh = f"第 {mark.line + 1} 行" if mark is not None else ""
        raise InputError("case", str(path), f"not valid YAML{where}",
                         hint_zh=f"{where_zh}不是有效的 YAML 格式") from None
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
        raise InputError("case", type(data).__name__, "a case file is a mapping of sections",
                         hint_zh="案例文件应由各部分组成（如 loan:、dca:），每部分写成“字段: 值”")
    _no_unknown_keys(data, _TOP_KEYS, "case")
    base = Path(base_dir)
    parsed: dict[str, Any] = {}
    for key in ("title", "customer", "advisor", "notes"):
        parsed[key] = _text(data.get(key, ""), key)
    parsed["date"] = to_date(data.get("date"), "date") if data.get("date") is not None else None
    for name in SECTIONS:
        section = data.get(name)
        if section is None:
            continue
        if not isinstance(section, Mapping):
            raise InputError(name, section, f"the {name} section is a mapping of fields",
                             hint_zh=f"{name} 部分应写成“字段: 值”的形式")
        parsed[name] = _PARSERS[name](section, base)
    return ReportCase(base_dir=base, **parsed)


def _no_unknown_keys(section: Mapping[str, Any], allowed: tuple[str, ...], where: str) -> None:
    for key in section:
        if key not in allowed:
            raise InputError(
                f"{where}.{key}" if where != "case" else str(key),
                section[key],
                f"unknown field; {where} accepts: {', '.join(allowed)}",
                hint_zh=f"无法识别的字段；{where} 可填的字段有：{', '.join(allowed)}",
            )


def _text(value: Any, name: str) -> str:
    if value is None:
        return ""
    if not isinstance(value, (str, int, float)) or isinstance(value, bool):
        raise InputError(name, value, "write plain text", hint_zh="请填写普通文字")
    return str(value)


def _require(section: Mapping[str, Any], key: str, where: str) -> Any:
    if section.get(key) is None:
        raise InputError(f"{where}.{key}", None, f"the {where} section needs {key}",
                         hint_zh=f"{where} 部分须填写 {key}")
    return section[key]


def _amount(value: Any, name: str) -> float:
    from ..money import parse_amount

    return parse_amount(value, field=name, allow_zero=False)


def _rate(value: Any, name: str) -> float:
    from ..money import parse_rate

    return parse_rate(value, field=name)


_UNITS_ZH = {"years": "年数", "months": "月数", "days": "天数", "trading days": "交易日数",
             "risk grades (R1-R5)": "风险等级 R1-R5", "rows": "行数"}


def _int(value: Any, name: str, low: int, high: int, unit: str) -> int:
    hint = f"write a whole number of {unit} from {low} to {high}"
    unit_zh = f"（{_UNITS_ZH.get(unit, unit)}）" if unit else ""
    hint_zh = f"请填写 {low} 到 {high} 之间的整数{unit_zh}"
    if isinstance(value, bool) or not isinstance(value, (int, float, str)):
        raise InputError(name, value, hint, hint_zh=hint_zh)
    try:
        number = float(value)
    except ValueError:
        raise InputError(name, value, hint, hint_zh=hint_zh) from None
    if not number.is_integer() or not low <= number <= high:
        raise InputError(name, value, hint, hint_zh=hint_zh)
    return int(number)


def _flag(value: Any, name: str) -> bool:
    if not isinstance(value, bool):
        raise InputError(name, value, "write true or false", hint_zh="请填 true（是）或 false（否）")
    return value


def _choice(value: Any, name: str, choices: tuple[str, ...]) -> str:
    if value not in choices:
        raise InputError(name, value, f"write one of: {', '.join(choices)}",
                         hint_zh=f"请从以下选项中选一个：{', '.join(choices)}")
    return value


def _events(value: Any, name: str, allowed: tuple[str, ...], required: tuple[str, ...]) -> list[dict]:
    """A list of mappings (prepayments, rate changes), each checked for its keys."""
    if value is None:
        return []
    if not isinstance(value, list):
        raise InputError(name, value, "write a list of entries, one per line starting with '-'",
                         hint_zh="请写成列表，每行一项，以 '-' 开头")
    out = []
    for i, item in enumerate(value):
        where = f"{name}[{i}]"
        if not isinstance(item, Mapping):
            raise InputError(where, item, f"each entry is a mapping with {', '.join(required)}",
                             hint_zh=f"每一项都应写成“字段: 值”，包括 {', '.join(required)}")
        _no_unknown_keys(item, allowed, where)
        for key in required:
            _require(item, key, where)
        out.append(dict(item, _where=where))
    return out


def _at(value: Any, name: str) -> _dt.date | int:
    """A date (YYYY-MM-DD) or an installment number."""
    if isinstance(value, int) and not isinstance(value, bool):
        if value < 1:
            raise InputError(name, value, "an installment number is 1 or more, or write a date",
                             hint_zh="期数从第 1 期算起；也可以写日期 YYYY-MM-DD")
        return value
    return to_date(value, name)


def _rate_meta(section: Mapping[str, Any], where: str) -> dict[str, Any]:
    """The source and date of a rate typed into the case (shown beside it)."""
    return {
        "rate_source": _text(section.get("rate_source"), f"{where}.rate_source"),
        "rate_as_of": (to_date(section["rate_as_of"], f"{where}.rate_as_of")
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
    principal = _amount(_require(section, "amount", where), "loan.amount")
    annual_rate = _rate(_require(section, "rate", where), "loan.rate")
    if (section.get("years") is None) == (section.get("months") is None):
        raise InputError("loan.years", section.get("years"), "give the term as years or as months (one of them)",
                         hint_zh="贷款期限请填 years（年）或 months（月），二者选一")
    if section.get("years") is not None:
        months = 12 * _int(section["years"], "loan.years", 1, 50, "years")
    else:
        months = _int(section["months"], "loan.months", 1, 600, "months")
    kwargs: dict[str, Any] = {
        "method": _choice(section.get("method", "equal_installment"), "loan.method", _METHODS),
    }
    if section.get("start") is not None:
        kwargs["start"] = to_date(section["start"], "loan.start")
    if section.get("payment_day") is not None:
        kwargs["payment_day"] = _int(section["payment_day"], "loan.payment_day", 1, 31, "days")
    from ..loans import Prepayment, RateChange

    prepayments = []
    for item in _events(section.get("prepayments"), "loan.prepayments",
                        ("at", "amount", "mode", "penalty_rate", "penalty_months"), ("at",)):
        w = item["_where"]
        mode = _choice(item.get("mode", "shorten"), f"{w}.mode", ("shorten", "reduce", "full"))
        amount = None if mode == "full" else _amount(_require(item, "amount", w), f"{w}.amount")
        prepayments.append(Prepayment(
            at=_at(item["at"], f"{w}.at"), amount=amount, mode=mode,
            penalty_rate=_rate(item.get("penalty_rate", 0), f"{w}.penalty_rate"),
            penalty_months=float(_int(item.get("penalty_months", 0), f"{w}.penalty_months", 0, 12,
                                      "months")),
        ))
    changes = [
        RateChange(at=_at(item["at"], f"{item['_where']}.at"),
                   annual_rate=_rate(item["rate"], f"{item['_where']}.rate"))
        for item in _events(section.get("rate_changes"), "loan.rate_changes", ("at", "rate"),
                            ("at", "rate"))
    ]
    if prepayments:
        kwargs["prepayments"] = tuple(prepayments)
    if section.get("min_prepayment") is not None:
        from ..money import parse_amount

        kwargs["min_prepayment"] = parse_amount(section["min_prepayment"], field="loan.min_prepayment")
    if changes:
        kwargs["rate_changes"] = tuple(changes)
    provident = section.get("provident")
    if provident is not None:
        # 组合贷款: loans.combined((provident amount, rate), (commercial amount, rate), months, ...)
        if not isinstance(provident, Mapping):
            raise InputError("loan.provident", provident, "a mapping with amount and rate",
                             hint_zh="公积金贷款部分请写 amount（金额）和 rate（利率）")
        _no_unknown_keys(provident, _PROVIDENT_KEYS, "loan.provident")
        for key in ("prepayments", "rate_changes"):
            if key in kwargs:
                raise InputError(f"loan.{key}", section[key], "a combined loan (with provident) takes none",
                                 hint_zh="组合贷款（含公积金）不支持此项，请删去")
        part = (_amount(_require(provident, "amount", "loan.provident"), "loan.provident.amount"),
                _rate(_require(provident, "rate", "loan.provident"), "loan.provident.rate"))
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
    mode = _choice(section.get("mode", "max_value"), "plan.mode", tuple(_PLAN_MODES))
    fields, lump = _PLAN_MODES[mode]
    args = []
    for name in fields:
        value = _require(section, name, where)
        if name == "months":
            args.append(_int(value, "plan.months", 1, 600, "months"))
        else:
            args.append(_amount(value, f"plan.{name}"))
    for name in ("amount", "monthly", "months", "target"):
        if name not in fields and section.get(name) is not None:
            raise InputError(f"plan.{name}", section[name],
                             f"mode {mode} takes {' and '.join(fields)}, not {name}",
                             hint_zh=f"方式 {mode} 只需填 {' 和 '.join(fields)}，请删去 {name}")
    kwargs: dict[str, Any] = {}
    if section.get("products") is not None:
        from ..plans import PRODUCTS

        products = section["products"]
        if not isinstance(products, list) or not products:
            raise InputError("plan.products", products, f"a list of: {', '.join(PRODUCTS)}",
                             hint_zh=f"请写成储种列表，可选：{', '.join(PRODUCTS)}")
        kwargs["products"] = tuple(_choice(p, "plan.products", PRODUCTS) for p in products)
    if section.get("fixed_terms") is not None:
        terms = section["fixed_terms"]
        if not isinstance(terms, list) or not terms:
            raise InputError("plan.fixed_terms", terms, "a list of months, e.g. [3, 6, 12, 24, 36, 60]",
                             hint_zh="请写成存期月数的列表，例如 [3, 6, 12, 24, 36, 60]")
        kwargs["fixed_terms"] = tuple(_int(m, "plan.fixed_terms", 1, 600, "months") for m in terms)
    if section.get("max_leg_months") is not None:
        kwargs["max_leg_months"] = _int(section["max_leg_months"], "plan.max_leg_months", 1, 600, "months")
    if section.get("keep_available") is not None:
        if not lump:
            raise InputError("plan.keep_available", section["keep_available"],
                             "only the lump-sum modes (max_value, shortest_term) keep money aside",
                             hint_zh="只有一次性存入的方式（max_value、shortest_term）才能预留备用金")
        from ..money import parse_amount

        kwargs["keep_available"] = parse_amount(section["keep_available"], field="plan.keep_available")
    if section.get("tax_rate") is not None:
        kwargs["tax_rate"] = _rate(section["tax_rate"], "plan.tax_rate")
    if section.get("tax_by_date") is not None:
        kwargs["tax_by_date"] = _flag(section["tax_by_date"], "plan.tax_by_date")
    if section.get("start_date") is not None:
        kwargs["start_date"] = to_date(section["start_date"], "plan.start_date")
    if section.get("round_to") is not None:
        if mode != "monthly_required":
            raise InputError("plan.round_to", section["round_to"], "only mode monthly_required rounds",
                             hint_zh="只有 monthly_required 方式才取整，请删去 round_to")
        kwargs["round_to"] = _choice(section["round_to"], "plan.round_to", ("fen", "yuan"))
    table = _text(section.get("rate_table"), "plan.rate_table") or None
    return {"mode": mode, "args": tuple(args), "kwargs": kwargs, "rate_table": table}


_COMPARISON_KEYS = ("amount", "days", "kind", "max_risk", "rate_table", "as_of", "start", "top")


_KINDS = ("deposit", "wealth", "trust", "fund", "money_fund")


def _parse_comparison(section: Mapping[str, Any], base: Path) -> dict[str, Any]:
    """comparison: -> yields.compare(amount, days, kind=, max_risk=, rate_table=, as_of=, start=)."""
    where = "comparison"
    _no_unknown_keys(section, _COMPARISON_KEYS, where)
    amount = _amount(_require(section, "amount", where), "comparison.amount")
    days = _int(_require(section, "days", where), "comparison.days", 1, 36_500, "days")
    kwargs: dict[str, Any] = {}
    kind = section.get("kind")
    if kind is not None:
        kinds = [kind] if isinstance(kind, str) else kind
        if not isinstance(kinds, list) or not kinds:
            raise InputError("comparison.kind", kind, f"write one kind or a list of: {', '.join(_KINDS)}",
                             hint_zh=f"请写一个产品类型或类型列表，可选：{', '.join(_KINDS)}")
        kwargs["kind"] = [_choice(k, "comparison.kind", _KINDS) for k in kinds]
    if section.get("max_risk") is not None:
        risk = section["max_risk"]
        text = str(risk).strip().upper().removeprefix("R")
        kwargs["max_risk"] = _int(text, "comparison.max_risk", 1, 5, "risk grades (R1-R5)")
    if section.get("rate_table") is not None:
        kwargs["rate_table"] = _text(section["rate_table"], "comparison.rate_table")
    for key in ("as_of", "start"):
        if section.get(key) is not None:
            kwargs[key] = to_date(section[key], f"comparison.{key}")
    top = _int(section.get("top", 12), "comparison.top", 1, 50, "rows")
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
        raise InputError("dca.nav", section.get("nav"),
                         "give nav (a NAV CSV file) or synthetic (parameters of a made-up series), one of them",
                         hint_zh="请填 nav（净值 CSV 文件）或 synthetic（模拟净值的参数），二者选一")
    if section.get("nav") is not None:
        nav = {"path": base / _text(section["nav"], "dca.nav")}
    else:
        params = section["synthetic"] if section["synthetic"] is not True else {}
        if not isinstance(params, Mapping):
            raise InputError("dca.synthetic", params, f"a mapping of: {', '.join(_SYNTHETIC_KEYS)}",
                             hint_zh=f"请写成“字段: 值”，可填：{', '.join(_SYNTHETIC_KEYS)}")
        _no_unknown_keys(params, _SYNTHETIC_KEYS, "dca.synthetic")
        synthetic: dict[str, Any] = {}
        if params.get("start") is not None:
            synthetic["start"] = to_date(params["start"], "dca.synthetic.start")
        if params.get("days") is not None:
            synthetic["days"] = _int(params["days"], "dca.synthetic.days", 2, 100_000, "trading days")
        for key in ("annual_drift", "volatility"):
            if params.get(key) is not None:
                from ..money import parse_rate

                synthetic[key] = parse_rate(params[key], field=f"dca.synthetic.{key}",
                                            allow_negative=key == "annual_drift")
        if params.get("seed") is not None:
            synthetic["seed"] = _int(params["seed"], "dca.synthetic.seed", 0, 2**32 - 1, "")
        nav = {"synthetic": synthetic}
    amount = _amount(_require(section, "amount", where), "dca.amount")
    kwargs: dict[str, Any] = {
        "frequency": _choice(section.get("frequency", "monthly"), "dca.frequency",
                             ("monthly", "biweekly", "weekly", "daily")),
        "fee_rate": _rate(section.get("fee", "1.5%"), "dca.fee"),
        "discount": parse_discount(section.get("discount", 1), field="dca.discount"),
        "dividends": _choice(section.get("dividends", "reinvest"), "dca.dividends", ("reinvest", "cash")),
    }
    if section.get("day") is not None:
        kwargs["day"] = _int(section["day"], "dca.day", 1, 31, "days")
    for key, name in (("from", "start"), ("to", "end"), ("value_date", "value_date")):
        if section.get(key) is not None:
            kwargs[name] = to_date(section[key], f"dca.{key}")
    if section.get("redeem") is not None:
        kwargs["redeem"] = _flag(section["redeem"], "dca.redeem")
    every = None
    if section.get("every_start") is not None:
        spec = section["every_start"]
        if spec is True:
            spec = {}
        if not isinstance(spec, Mapping):
            raise InputError("dca.every_start", spec, "write true, or a mapping with years: [1, 3, 5]",
                             hint_zh="请填 true，或写持有年数，例如 years: [1, 3, 5]")
        _no_unknown_keys(spec, ("years",), "dca.every_start")
        years = spec.get("years", [1, 3, 5])
        years = [years] if not isinstance(years, list) else years
        every = {"years": tuple(_int(y, "dca.every_start.years", 1, 50, "years") for y in years)}
    return {"nav": nav, "args": (amount,), "kwargs": kwargs, "every_start": every}



_PARSERS: dict[str, Callable[[Mapping[str, Any], Path], dict[str, Any]]] = {
    "comparison": _parse_comparison,
    "plan": _parse_plan,
    "loan": _parse_loan,
    "dca": _parse_dca,
}

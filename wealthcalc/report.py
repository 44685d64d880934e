"""A printable customer report: one self-contained HTML file from a CASE.yaml.

A case holds up to four optional sections — ``comparison``, ``plan``,
``loan`` and ``dca`` — and each maps one-to-one onto one library call, so
the same file gives the same numbers through the library, the CLI and the
report (docs/report.md lists every field). :func:`load_case` reads and
checks the file (``yaml.safe_load`` only); :func:`run_case` makes the library
calls; :func:`render_html` writes the page: inline CSS, charts embedded as
base64 PNG, A4 print layout, large type for a projector, every rate with its
source and date, and the risk wording a bank handout carries. The numbers
are also embedded as JSON in ``<script type="application/json"
id="report-data">`` so they can be checked against the library.

>>> case = parse_case({"title": "Demo"})
>>> case.title, case.sections
('Demo', ())
"""

from __future__ import annotations

import base64
import datetime as _dt
import html
import json
import math
import tempfile
import warnings
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Mapping

from .errors import InputError

__all__ = [
    "CaseResults",
    "ReportCase",
    "SECTIONS",
    "load_case",
    "parse_case",
    "render_html",
    "run_case",
    "write_report",
]

SECTIONS = ("comparison", "plan", "loan", "dca")
"""Report sections in page order; each is optional."""

_TOP_KEYS = ("title", "customer", "advisor", "date", "notes") + SECTIONS

RISK_WORDING = {
    "zh": (
        "理财非存款、产品有风险、投资须谨慎。",
        "过往业绩不代表未来表现。",
        "存款保险：同一存款人在同一家银行的存款本息合计最高赔付50万元；理财产品、基金、信托不在保障范围内。",
        "本材料依据所列来源与日期的利率测算，仅供参考，不构成要约或承诺；以产品说明书和银行实际执行利率为准。",
    ),
    "en": (
        "Wealth products are not deposits; investment involves risk; invest prudently.",
        "Past performance does not guarantee future results.",
        "Deposit insurance covers up to 500,000 yuan of principal and interest per depositor per "
        "bank; wealth products, funds and trusts are not covered.",
        "Figures are estimates from the rates, sources and dates shown; they are not an offer or a "
        "promise. The product documents and the bank's actual rates prevail.",
    ),
}


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


@dataclass(frozen=True, slots=True)
class CaseResults:
    """The library results of each section present (None where absent)."""

    case: ReportCase
    comparison: Any = None
    plan: Any = None
    loan: Any = None
    dca: Any = None
    extras: Mapping[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready numbers of every section (the results' own ``to_dict``)."""
        out: dict[str, Any] = {
            "title": self.case.title,
            "customer": self.case.customer,
            "date": self.case.date.isoformat() if self.case.date else None,
            "sections": list(self.case.sections),
        }
        for name in self.case.sections:
            out[name] = _to_dict(getattr(self, name))
        return out


def _to_dict(result: Any) -> Any:
    return result.to_dict() if hasattr(result, "to_dict") else result


# ---------------------------------------------------------------- reading and checking


def load_case(path: str | Path) -> ReportCase:
    """Read and check a CASE.yaml file (``yaml.safe_load``; relative paths from its folder).

    Raises
    ------
    InputError
        naming the file, or ``section.field`` and what is accepted.
    """
    import yaml

    case_path = Path(path)
    try:
        text = case_path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise InputError("case", str(path), f"cannot read the case file ({error})") from None
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f" at line {mark.line + 1}" if mark is not None else ""
        raise InputError("case", str(path), f"not valid YAML{where}") from None
    return parse_case(data, base_dir=case_path.resolve().parent)


def parse_case(data: Any, *, base_dir: str | Path = ".") -> ReportCase:
    """Check a case already read from YAML (a mapping) and normalise its fields."""
    if data is None:
        data = {}
    if not isinstance(data, Mapping):
        raise InputError("case", type(data).__name__, "a case file is a mapping of sections")
    _no_unknown_keys(data, _TOP_KEYS, "case")
    base = Path(base_dir)
    parsed: dict[str, Any] = {}
    for key in ("title", "customer", "advisor", "notes"):
        parsed[key] = _text(data.get(key, ""), key)
    parsed["date"] = _date(data.get("date"), "date") if data.get("date") is not None else None
    for name in SECTIONS:
        section = data.get(name)
        if section is None:
            continue
        if not isinstance(section, Mapping):
            raise InputError(name, section, f"the {name} section is a mapping of fields")
        parsed[name] = _PARSERS[name](section, base)
    return ReportCase(base_dir=base, **parsed)


def _no_unknown_keys(section: Mapping[str, Any], allowed: tuple[str, ...], where: str) -> None:
    for key in section:
        if key not in allowed:
            raise InputError(
                f"{where}.{key}" if where != "case" else str(key),
                section[key],
                f"unknown field; {where} accepts: {', '.join(allowed)}",
            )


def _text(value: Any, name: str) -> str:
    if value is None:
        return ""
    if not isinstance(value, (str, int, float)) or isinstance(value, bool):
        raise InputError(name, value, "write plain text")
    return str(value)


def _date(value: Any, name: str) -> _dt.date:
    if isinstance(value, _dt.datetime):
        return value.date()
    if isinstance(value, _dt.date):
        return value
    try:
        return _dt.date.fromisoformat(str(value).strip())
    except ValueError:
        raise InputError(name, value, "write a date as YYYY-MM-DD, e.g. 2026-01-15") from None


def _require(section: Mapping[str, Any], key: str, where: str) -> Any:
    if section.get(key) is None:
        raise InputError(f"{where}.{key}", None, f"the {where} section needs {key}")
    return section[key]


def _amount(value: Any, name: str) -> float:
    from .money import parse_amount

    return parse_amount(value, field=name, allow_zero=False)


def _rate(value: Any, name: str) -> float:
    from .money import parse_rate

    return parse_rate(value, field=name)


def _int(value: Any, name: str, low: int, high: int, unit: str) -> int:
    if isinstance(value, bool) or not isinstance(value, (int, float, str)):
        raise InputError(name, value, f"write a whole number of {unit} from {low} to {high}")
    try:
        number = float(value)
    except ValueError:
        raise InputError(name, value, f"write a whole number of {unit} from {low} to {high}") from None
    if not number.is_integer() or not low <= number <= high:
        raise InputError(name, value, f"write a whole number of {unit} from {low} to {high}")
    return int(number)


def _choice(value: Any, name: str, choices: tuple[str, ...]) -> str:
    if value not in choices:
        raise InputError(name, value, f"write one of: {', '.join(choices)}")
    return value


# Section parsers are registered here as the sections are written.
_PARSERS: dict[str, Callable[[Mapping[str, Any], Path], dict[str, Any]]] = {}


# ---------------------------------------------------------------- running


def run_case(case: ReportCase, *, catalog: Any = None) -> CaseResults:
    """Make each section's library call and gather the results.

    ``catalog`` is the product catalog for the comparison (default: the
    bundled one, ``wealthcalc.catalog.load()``).
    """
    results: dict[str, Any] = {}
    extras: dict[str, Any] = {}
    for name in case.sections:
        results[name], extra = _RUNNERS[name](getattr(case, name), catalog)
        if extra:
            extras[name] = extra
    return CaseResults(case=case, extras=extras, **results)


_RUNNERS: dict[str, Callable[[Mapping[str, Any], Any], tuple[Any, Any]]] = {}


# ---------------------------------------------------------------- rendering


_CSS = """
:root { --ink: #111; --muted: #555; --accent: #0072B2; --warn: #B00020; --line: #ccc; }
* { box-sizing: border-box; }
html { font-size: 20px; }
body { margin: 0 auto; max-width: 1200px; padding: 1.5rem 2rem; color: var(--ink); line-height: 1.5;
  font-family: "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei",
  "WenQuanYi Micro Hei", "SimHei", "Helvetica Neue", Arial, sans-serif; }
h1 { font-size: 2.1rem; margin: 0 0 .3rem; }
h2 { font-size: 1.6rem; margin: 2rem 0 .6rem; padding-bottom: .2rem; border-bottom: 3px solid var(--accent); }
h3 { font-size: 1.2rem; margin: 1.2rem 0 .4rem; }
.meta { color: var(--muted); font-size: .9rem; }
table { border-collapse: collapse; width: 100%; margin: .6rem 0 1rem; font-size: .95rem; }
th, td { border-bottom: 1px solid var(--line); padding: .35rem .6rem; text-align: left; vertical-align: top; }
th { background: #f0f4f8; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.key { display: flex; flex-wrap: wrap; gap: .8rem; margin: .8rem 0; }
.key div { border: 2px solid var(--accent); border-radius: .4rem; padding: .5rem .9rem; min-width: 12rem; }
.key b { display: block; font-size: 1.5rem; }
.key span { color: var(--muted); font-size: .85rem; }
figure { margin: 1rem 0; }
figure img { width: 100%; height: auto; border: 1px solid #eee; }
figcaption, .source { color: var(--muted); font-size: .85rem; }
.risk { border: 3px solid var(--warn); border-radius: .4rem; padding: .6rem 1rem; margin: 1rem 0;
  background: #fff6f6; }
.risk p { margin: .2rem 0; }
.risk .lead { font-weight: bold; color: var(--warn); font-size: 1.15rem; }
.synthetic { color: var(--warn); font-weight: bold; }
.note { color: var(--muted); }
footer { margin-top: 2rem; color: var(--muted); font-size: .8rem; border-top: 1px solid var(--line); }
@page { size: A4; margin: 14mm 12mm; }
@media print {
  html { font-size: 10.5pt; }
  body { max-width: none; padding: 0; }
  section.case-section { break-before: page; page-break-before: always; }
  h2, h3, figure, table, .key, .risk { break-inside: avoid; page-break-inside: avoid; }
  figure img { max-height: 120mm; width: auto; max-width: 100%; }
  a { color: inherit; text-decoration: none; }
}
"""


def _e(value: Any) -> str:
    """Escape any value for HTML text or an attribute."""
    return html.escape("" if value is None else str(value), quote=True)


class _Page:
    """Helpers for one rendering language."""

    def __init__(self, lang: str, *, charts: bool = True) -> None:
        self.lang = lang
        self.charts = charts

    def t(self, zh: str, en: str) -> str:
        return zh if self.lang == "zh" else en

    def money(self, amount: float, *, compact: bool = False) -> str:
        from .money import format_amount

        if amount is None or (isinstance(amount, float) and not math.isfinite(amount)):
            return "—"
        text = format_amount(amount, self.lang, compact=compact)
        return text + ("元" if self.lang == "zh" else "")

    def num(self, amount: float) -> str:
        """An amount for a table cell: 1,234.56 (the unit is in the header)."""
        from .money import format_amount

        if amount is None or (isinstance(amount, float) and not math.isfinite(amount)):
            return "—"
        return format_amount(amount)

    def yuan(self, label_zh: str, label_en: str) -> str:
        """A column header with its unit: 利息（元） / Interest (yuan)."""
        return self.t(f"{label_zh}（元）", f"{label_en} (yuan)")

    def colon(self) -> str:
        return self.t("：", ": ")

    def rate(self, rate: float | None, digits: int = 2) -> str:
        from .money import format_rate

        if rate is None or (isinstance(rate, float) and not math.isfinite(rate)):
            return "—"
        return format_rate(rate, digits)

    def key_figures(self, items: list[tuple[str, str, str, Any]]) -> str:
        """Big numbers: (label, shown text, data key, raw value)."""
        cells = "".join(
            f'<div data-key="{_e(key)}" data-value="{_e(_raw(raw))}"><b>{_e(shown)}</b>'
            f"<span>{_e(label)}</span></div>"
            for label, shown, key, raw in items
        )
        return f'<div class="key">{cells}</div>'

    def table(self, headers: list[tuple[str, bool]], rows: list[list[str]], caption: str = "") -> str:
        """headers: (label, numeric?) pairs; rows already formatted as text."""
        head = "".join(f'<th class="num">{_e(h)}</th>' if num else f"<th>{_e(h)}</th>"
                       for h, num in headers)
        body = "".join(
            "<tr>" + "".join(
                f'<td class="num">{_e(c)}</td>' if headers[i][1] else f"<td>{_e(c)}</td>"
                for i, c in enumerate(row)
            ) + "</tr>"
            for row in rows
        )
        cap = f"<caption>{_e(caption)}</caption>" if caption else ""
        return f"<table>{cap}<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"

    def figure(self, result: Any, caption: str, **kw: Any) -> str:
        """The result's chart embedded as base64 PNG (nothing when charts are off)."""
        png = _chart_png(result, self.lang, **kw) if self.charts else None
        if not png:
            return ""
        data = base64.b64encode(png).decode("ascii")
        return (f'<figure><img alt="{_e(caption)}" src="data:image/png;base64,{data}">'
                f"<figcaption>{_e(caption)}</figcaption></figure>")

    def source(self, source: str, as_of: Any) -> str:
        when = as_of.isoformat() if isinstance(as_of, _dt.date) else (as_of or "—")
        return (f'<p class="source">{_e(self.t("利率来源", "Rate source"))}{self.colon()}{_e(source or "—")} · '
                f'{_e(self.t("数据日期", "as of"))} {_e(when)}</p>')


def _raw(value: Any) -> Any:
    if isinstance(value, float) and not math.isfinite(value):
        return ""
    if isinstance(value, _dt.date):
        return value.isoformat()
    return value


def _chart_png(result: Any, lang: str, **kw: Any) -> bytes | None:
    """The section's chart as PNG bytes (None when matplotlib is missing)."""
    try:
        from . import charts
    except ImportError:  # pragma: no cover - charts itself imports nothing heavy
        return None
    try:
        import matplotlib  # noqa: F401
    except ImportError:
        warnings.warn("matplotlib is not installed (the 'plot' extra): the report has no charts",
                      stacklevel=3)
        return None
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder, "chart.png")
        charts.save_chart(result, path, lang=lang, **kw)
        return path.read_bytes()


_RENDERERS: dict[str, Callable[[_Page, Any, Any], str]] = {}

_SECTION_TITLES = {
    "comparison": ("产品比较", "Product comparison"),
    "plan": ("组合存款方案", "Combined deposit plan"),
    "loan": ("贷款测算", "Loan"),
    "dca": ("基金定投回测", "Fund DCA back-test"),
}


def render_html(results: CaseResults, *, lang: str = "zh", charts: bool = True) -> str:
    """The report page as one self-contained HTML string.

    Every text taken from the case or the catalog is escaped with
    ``html.escape``. ``charts=False`` leaves the figures out (faster).
    """
    from ._version import __version__

    if lang not in ("zh", "en"):
        raise InputError("lang", lang, 'write "zh" (中文) or "en" (English)')
    page = _Page(lang, charts=charts)
    case = results.case
    title = case.title or page.t("理财方案测算报告", "Savings and investment report")
    meta = []
    if case.customer:
        meta.append(f'{page.t("客户", "Customer")}{page.colon()}{case.customer}')
    if case.advisor:
        meta.append(f'{page.t("理财经理", "Advisor")}{page.colon()}{case.advisor}')
    if case.date:
        meta.append(f'{page.t("日期", "Date")}{page.colon()}{case.date.isoformat()}')
    parts = [
        "<!DOCTYPE html>",
        f'<html lang="{"zh-CN" if lang == "zh" else "en"}"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{_e(title)}</title><style>{_CSS}</style></head><body>",
        f"<header><h1>{_e(title)}</h1>",
        f'<p class="meta">{_e(" · ".join(meta))}</p>' if meta else "",
        "</header>",
        _risk_box(page),
    ]
    if case.notes:
        parts.append(f'<p class="note">{_e(case.notes)}</p>')
    if not case.sections:
        parts.append(f"<p>{_e(page.t('此方案没有测算内容。', 'This case has no sections.'))}</p>")
    for name in case.sections:
        heading = page.t(*_SECTION_TITLES[name])
        body = _RENDERERS[name](page, getattr(results, name), results.extras.get(name))
        parts.append(f'<section class="case-section" id="{name}" data-section="{name}">'
                     f"<h2>{_e(heading)}</h2>{body}</section>")
    parts.append(_risk_box(page))
    parts.append(
        f'<footer><p>{_e(page.t("由 wealthcalc 生成", "Made with wealthcalc"))} {_e(__version__)}'
        f" · {_e(_dt.date.today().isoformat())}</p></footer>"
    )
    parts.append(f'<script type="application/json" id="report-data">{_script_json(results.to_dict())}'
                 "</script>")
    parts.append("</body></html>")
    return "\n".join(p for p in parts if p)


def _script_json(data: Any) -> str:
    text = json.dumps(_json_ready(data), ensure_ascii=False, sort_keys=True)
    return text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")


def _json_ready(value: Any) -> Any:
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, Mapping):
        return {str(k): _json_ready(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_json_ready(v) for v in value]
    if isinstance(value, (_dt.date, _dt.datetime)):
        return value.isoformat()
    if hasattr(value, "tolist") and not isinstance(value, (str, bytes)):
        return _json_ready(value.tolist())
    return value


def _risk_box(page: _Page) -> str:
    lines = RISK_WORDING[page.lang]
    body = f'<p class="lead">{_e(lines[0])}</p>' + "".join(f"<p>{_e(x)}</p>" for x in lines[1:])
    return f'<aside class="risk" role="note">{body}</aside>'


def write_report(
    case_path: str | Path,
    out_path: str | Path,
    *,
    lang: str = "zh",
    catalog: Any = None,
    charts: bool = True,
) -> Path:
    """Read CASE.yaml, run it and write the HTML report; returns the output path."""
    case = load_case(case_path)
    results = run_case(case, catalog=catalog)
    text = render_html(results, lang=lang, charts=charts)
    out = Path(out_path)
    try:
        out.write_text(text, encoding="utf-8")
    except OSError as error:
        raise InputError("output", str(out_path), f"cannot write the report ({error.strerror})") from None
    return out


# ---------------------------------------------------------------- shared section pieces


def _events(value: Any, name: str, allowed: tuple[str, ...], required: tuple[str, ...]) -> list[dict]:
    """A list of mappings (prepayments, rate changes), each checked for its keys."""
    if value is None:
        return []
    if not isinstance(value, list):
        raise InputError(name, value, "write a list of entries, one per line starting with '-'")
    out = []
    for i, item in enumerate(value):
        where = f"{name}[{i}]"
        if not isinstance(item, Mapping):
            raise InputError(where, item, f"each entry is a mapping with {', '.join(required)}")
        _no_unknown_keys(item, allowed, where)
        for key in required:
            _require(item, key, where)
        out.append(dict(item, _where=where))
    return out


def _at(value: Any, name: str) -> _dt.date | int:
    """A date (YYYY-MM-DD) or an installment number."""
    if isinstance(value, int) and not isinstance(value, bool):
        if value < 1:
            raise InputError(name, value, "an installment number is 1 or more, or write a date")
        return value
    return _date(value, name)


def _rate_meta(section: Mapping[str, Any], where: str) -> dict[str, Any]:
    """The source and date of a rate typed into the case (shown beside it)."""
    return {
        "rate_source": _text(section.get("rate_source"), f"{where}.rate_source"),
        "rate_as_of": (_date(section["rate_as_of"], f"{where}.rate_as_of")
                       if section.get("rate_as_of") is not None else None),
    }


def _in_section(name: str, call: Callable[[], Any]) -> Any:
    """Run a library call; its InputError names the section too (loan.months)."""
    try:
        return call()
    except InputError as error:
        field_name = error.field if str(error.field).startswith(f"{name}.") else f"{name}.{error.field}"
        raise type(error)(field_name, error.value, error.hint) from None


# ---------------------------------------------------------------- loan

_LOAN_KEYS = ("amount", "rate", "years", "months", "method", "start", "payment_day",
              "prepayments", "rate_changes", "rate_source", "rate_as_of")
_METHODS = ("equal_installment", "equal_principal", "interest_only")


def _parse_loan(section: Mapping[str, Any], base: Path) -> dict[str, Any]:
    """loan: -> loans.amortize(principal, annual_rate, months, method=, start=, ...)."""
    where = "loan"
    _no_unknown_keys(section, _LOAN_KEYS, where)
    principal = _amount(_require(section, "amount", where), "loan.amount")
    annual_rate = _rate(_require(section, "rate", where), "loan.rate")
    if (section.get("years") is None) == (section.get("months") is None):
        raise InputError("loan.years", section.get("years"), "give the term as years or as months (one of them)")
    if section.get("years") is not None:
        months = 12 * _int(section["years"], "loan.years", 1, 50, "years")
    else:
        months = _int(section["months"], "loan.months", 1, 600, "months")
    kwargs: dict[str, Any] = {
        "method": _choice(section.get("method", "equal_installment"), "loan.method", _METHODS),
    }
    if section.get("start") is not None:
        kwargs["start"] = _date(section["start"], "loan.start")
    if section.get("payment_day") is not None:
        kwargs["payment_day"] = _int(section["payment_day"], "loan.payment_day", 1, 31, "days")
    from .loans import Prepayment, RateChange

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
    if changes:
        kwargs["rate_changes"] = tuple(changes)
    return {"args": (principal, annual_rate, months), "kwargs": kwargs,
            "meta": _rate_meta(section, where)}


def _run_loan(section: Mapping[str, Any], catalog: Any) -> tuple[Any, Any]:
    """The schedule, and the same loan without prepayments as a baseline (when it has any)."""
    from . import loans

    schedule = _in_section("loan", lambda: loans.amortize(*section["args"], **section["kwargs"]))
    baseline = None
    if section["kwargs"].get("prepayments"):
        plain = {k: v for k, v in section["kwargs"].items() if k != "prepayments"}
        baseline = _in_section("loan", lambda: loans.amortize(*section["args"], **plain))
    return schedule, {"baseline": baseline, **section["meta"]}


_METHOD_NAMES = {
    "equal_installment": ("等额本息", "Equal installment"),
    "equal_principal": ("等额本金", "Equal principal"),
    "interest_only": ("先息后本", "Interest only"),
}


def _render_loan(page: _Page, schedule: Any, extra: Mapping[str, Any]) -> str:
    t = page.t
    baseline = extra.get("baseline")
    method = getattr(schedule.method, "value", str(schedule.method))
    figures = [
        (t("贷款金额", "Loan amount"), page.money(schedule.loan_amount, compact=True),
         "loan_amount", schedule.loan_amount),
        (t("年利率", "Annual rate"), page.rate(schedule.annual_rate), "annual_rate",
         schedule.annual_rate),
        (t("期限", "Term"), t(f"{schedule.term_months} 个月", f"{schedule.term_months} months"),
         "term_months", schedule.term_months),
        (t("还款方式", "Method"), page.t(*_METHOD_NAMES.get(method, (method, method))), "method", method),
        (t("首期月供", "First payment"), page.money(schedule.first_payment), "first_payment",
         schedule.first_payment),
        (t("总利息", "Total interest"), page.money(schedule.total_interest), "total_interest",
         schedule.total_interest),
        (t("还款总额", "Total paid"), page.money(schedule.total_paid), "total_paid", schedule.total_paid),
    ]
    if baseline is not None:
        figures += [
            (t("节省利息", "Interest saved"), page.money(schedule.interest_saved), "interest_saved",
             schedule.interest_saved),
            (t("实际还款期数", "Months paid"), t(f"{schedule.months} 期", f"{schedule.months}"),
             "months", schedule.months),
        ]
    parts = [page.key_figures(figures), _loan_rate_source(page, extra)]
    if baseline is not None:
        parts.append(_prepayment_table(page, schedule, baseline))
    parts.append(page.figure(schedule, t("剩余本金与每期还款构成", "Balance and each payment's split"),
                             baseline=baseline, source=extra.get("rate_source") or ""))
    rows = [[str(year), page.num(pay), page.num(prin), page.num(intr), page.num(bal)]
            for year, pay, prin, intr, bal in schedule.by_year()]
    year_label = t("年份", "Year") if schedule.start is not None else t("第几年", "Loan year")
    parts.append(f"<h3>{_e(t('逐年还款汇总', 'Repayment by year'))}</h3>")
    parts.append(page.table(
        [(year_label, False), (page.yuan("还款额", "Paid"), True), (page.yuan("本金", "Principal"), True),
         (page.yuan("利息", "Interest"), True), (page.yuan("年末剩余本金", "Balance at year end"), True)],
        rows,
    ))
    return "".join(parts)


def _loan_rate_source(page: _Page, extra: Mapping[str, Any]) -> str:
    source = extra.get("rate_source") or page.t("方案中录入的合同利率", "contract rate entered in the case")
    return page.source(source, extra.get("rate_as_of"))


def _prepayment_table(page: _Page, schedule: Any, baseline: Any) -> str:
    t = page.t
    rows = [
        [t("不提前还款", "Without prepayment"), str(baseline.months), page.num(baseline.total_interest),
         page.num(baseline.total_paid)],
        [t("提前还款", "With prepayment"), str(schedule.months), page.num(schedule.total_interest),
         page.num(schedule.total_paid)],
    ]
    return (f"<h3>{_e(t('提前还款对比', 'Prepayment compared'))}</h3>"
            + page.table([(t("方案", "Case"), False), (t("还款期数", "Months"), True),
                          (page.yuan("总利息", "Total interest"), True),
                          (page.yuan("还款总额", "Total paid"), True)],
                         rows))


_PARSERS["loan"] = _parse_loan
_RUNNERS["loan"] = _run_loan
_RENDERERS["loan"] = _render_loan

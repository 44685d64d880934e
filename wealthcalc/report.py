"""A printable customer report: one self-contained HTML file from a CASE.yaml.

A case holds up to four optional sections — ``comparison``, ``plan``,
``loan`` and ``dca`` — and each maps one-to-one onto one library call, so
the same file gives the same numbers through the library, the CLI and the
report (docs/report.md lists every field). :func:`load_case` reads and
checks the file (a ``yaml.SafeLoader``); :func:`run_case` makes the library
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
import functools
import html
import io
import json
import math
import tempfile
import warnings
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Mapping

from .dates import to_date
from .errors import InputError, WealthcalcError

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
        "过往业绩不代表未来表现。购买前请完成风险承受能力评估，产品风险等级（R1–R5）须与评估结果相匹配。",
        "存款保险：同一存款人在同一家银行的存款本息合计最高赔付50万元；理财产品、基金、信托不在保障范围内。",
        "本材料依据所列来源与日期的利率测算，仅供参考，不构成要约或承诺；以产品说明书和银行实际执行利率为准。",
    ),
    "en": (
        "Wealth products are not deposits; investment involves risk; invest prudently.",
        "Past performance does not guarantee future results. Take the risk assessment before buying: a "
        "product's risk grade (R1–R5) must match the result.",
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
        loan = self.extras.get("loan") or {}
        if loan.get("baseline") is not None:
            out["loan_baseline"] = loan["baseline"].summary()
        dca = self.extras.get("dca") or {}
        if dca.get("every_start") is not None:
            out["dca_every_start"] = dca["every_start"].to_dict()
        for name in ("comparison", "plan"):
            table = (self.extras.get(name) or {}).get("rate_table")
            if table is not None:
                out[f"{name}_rate_table"] = {"id": table.id, "name": table.name, "source": table.source,
                                             "as_of": table.as_of.isoformat() if table.as_of else None}
        return out


def _to_dict(result: Any) -> Any:
    return result.to_dict() if hasattr(result, "to_dict") else result


# ---------------------------------------------------------------- reading and checking


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
    from .money import parse_amount

    return parse_amount(value, field=name, allow_zero=False)


def _rate(value: Any, name: str) -> float:
    from .money import parse_rate

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


# Section parsers are registered here as the sections are written.
_PARSERS: dict[str, Callable[[Mapping[str, Any], Path], dict[str, Any]]] = {}


# ---------------------------------------------------------------- running


def run_case(case: ReportCase, *, catalog: Any = None) -> CaseResults:
    """Make each section's library call and gather the results.

    ``catalog`` is the product catalog for the comparison and the plan's
    rate table (default: the bundled one, ``wealthcalc.catalog.load()``).

    Examples
    --------
    >>> results = run_case(parse_case({"loan": {"amount": "100万", "rate": "4.9%", "years": 30}}))
    >>> results.loan.first_payment, results.loan.total_interest
    (5307.27, 910615.12)
    """
    results: dict[str, Any] = {}
    extras: dict[str, Any] = {}
    if catalog is None and (case.comparison is not None or case.plan is not None):
        from .catalog import load

        catalog = load()  # once, for both sections
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
  font-family: "wealthcalc CJK", "Helvetica Neue", Arial, "Noto Sans CJK SC", "Source Han Sans SC",
  "PingFang SC", "Microsoft YaHei", "WenQuanYi Micro Hei", "SimHei", sans-serif; }
h1 { font-size: 2.1rem; margin: 0 0 .3rem; }
h2 { font-size: 1.6rem; margin: 2rem 0 .6rem; padding-bottom: .2rem; border-bottom: 3px solid var(--accent); }
h3 { font-size: 1.2rem; margin: 1.2rem 0 .4rem; }
.meta { color: var(--muted); font-size: .9rem; }
table { border-collapse: collapse; width: 100%; margin: .6rem 0 1rem; font-size: .95rem; }
th, td { border-bottom: 1px solid var(--line); padding: .35rem .6rem; text-align: left; vertical-align: top; }
th { background: #f0f4f8; white-space: nowrap; }
td small { font-size: .8rem; }
ol.sources { font-size: .8rem; overflow-wrap: anywhere; padding-left: 1.6rem; }
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
  section.case-section + section.case-section { break-before: page; page-break-before: always; }
  h2, h3 { break-after: avoid; page-break-after: avoid; }
  figure, .key, .risk, tr { break-inside: avoid; page-break-inside: avoid; }
  thead { display: table-header-group; }
  figure img { max-height: 150mm; width: auto; max-width: 100%; }
  a { color: inherit; text-decoration: none; }
}
"""


def _e(value: Any) -> str:
    """Escape any value for HTML text or an attribute."""
    return html.escape("" if value is None else str(value), quote=True)


class _Html(str):
    """Markup already escaped: a table cell that is not escaped again."""


class _Page:
    """Helpers for one rendering language."""

    def __init__(self, lang: str, *, charts: bool = True,
                 note_templates: Mapping[str, str] | None = None) -> None:
        self.lang = lang
        self.charts = charts
        self.note_templates = note_templates

    def t(self, zh: str, en: str) -> str:
        return zh if self.lang == "zh" else en

    def money(self, amount: float, *, compact: bool = False) -> str:
        """1,234.56元; with ``compact``, a whole number of 万 reads 30万元 on zh pages (never rounded)."""
        from .money import format_amount

        if _blank(amount):
            return "—"
        exact = compact and round(amount * 100) % 1_000_000 == 0  # a whole number of 万
        text = format_amount(amount, self.lang, compact=exact)
        return text + ("元" if self.lang == "zh" else "")

    def num(self, amount: float) -> str:
        """An amount for a table cell: 1,234.56 (the unit is in the header)."""
        from .money import format_amount

        if _blank(amount):
            return "—"
        return format_amount(amount)

    def yuan(self, label_zh: str, label_en: str) -> str:
        """A column header with its unit: 利息（元） / Interest (yuan)."""
        return self.t(f"{label_zh}（元）", f"{label_en} (yuan)")

    def name(self, item: Any) -> str:
        """A product's or rate table's name in the page language (Chinese when it has no English one)."""
        return item.name if self.lang == "zh" else (getattr(item, "name_en", "") or item.name)

    def colon(self) -> str:
        return self.t("：", ": ")

    def rate(self, rate: float | None, digits: int = 2) -> str:
        from .money import format_rate

        if _blank(rate):
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
                f'<td class="num">{_cell(c)}</td>' if headers[i][1] else f"<td>{_cell(c)}</td>"
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


def _blank(value: Any) -> bool:
    """No figure to show: None, nan or infinity (printed as a dash)."""
    return value is None or (isinstance(value, float) and not math.isfinite(value))


def _cell(value: Any) -> str:
    """A table cell's markup: escaped text, or markup built (and escaped) by the renderer."""
    return str(value) if isinstance(value, _Html) else _e(value)


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


def render_html(
    results: CaseResults,
    *,
    lang: str = "zh",
    charts: bool = True,
    note_templates: Mapping[str, str] | None = None,
) -> str:
    """The report page as one self-contained HTML string.

    Every text taken from the case or the catalog is escaped with
    ``html.escape``. ``charts=False`` leaves the figures out (faster).
    ``note_templates`` words the comparison's notes on zh pages
    (``{code: template}``, as ``yields.note_text`` takes); by default zh
    pages use ``yields.NOTES_ZH`` and en pages the English wording, except
    that notes naming a command-line option name the case field instead.
    Chinese glyphs are embedded as a font subset (see ``_font_face``).
    """
    from ._version import __version__

    if lang not in ("zh", "en"):
        raise InputError("lang", lang, 'write "zh" (中文) or "en" (English)',
                         hint_zh='语言请写 "zh"（中文）或 "en"（英文）')
    page = _Page(lang, charts=charts, note_templates=note_templates)
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
        f"<title>{_e(title)}</title><style>{_CSS}</style>",
        "<!--font-->",
        "</head><body>",
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
    text = "\n".join(p for p in parts if p)
    return text.replace("<!--font-->", _font_face(text), 1)


_CJK_START = 0x2E80  # CJK radicals onwards: ideographs, kana, CJK and full-width punctuation
# First in the CSS font list: the subset holds only these characters, so Latin text falls through to
# Arial; listed after Arial, headless Chromium drew some Chinese runs as boxes.
_CJK_FAMILY = "wealthcalc CJK"


def _font_face(text: str) -> str:
    """A ``<style>`` embedding the Chinese glyphs ``text`` uses, cut from a CJK font file.

    Keeps the page self-contained: a projector laptop or printer without a
    Chinese font shows characters, not boxes. The glyphs come from the font
    the charts use (:func:`wealthcalc.charts.find_cjk_font`, the ``plot``
    extra), subset with fontTools (a matplotlib dependency) to the few
    hundred characters of the page. Without one, a warning, and the page
    falls back on the reader's own fonts.
    """
    chars = {ord(ch) for ch in text if ord(ch) >= _CJK_START}
    if not chars:
        return ""
    try:
        import fontTools  # noqa: F401  (needed by _font_subset)

        from .charts import find_cjk_font

        font = find_cjk_font()
    except ImportError:
        font = None
    if font is None:
        warnings.warn("no font with Chinese characters to embed (install the 'plot' extra); the report "
                      "relies on the reader's fonts for its Chinese text", stacklevel=3)
        return ""
    data, fmt = _font_subset(font.path, tuple(sorted(chars)))
    return (f'<style>@font-face {{ font-family: "{_CJK_FAMILY}"; '
            f'src: url(data:font/{fmt[0]};base64,{data}) format("{fmt[1]}"); }}</style>')


@functools.lru_cache(maxsize=8)
def _font_subset(path: str, codepoints: tuple[int, ...]) -> tuple[str, tuple[str, str]]:
    """Base64 of the font at ``path`` cut down to ``codepoints``, and its (mime subtype, CSS format)."""
    from fontTools import subset
    from fontTools.ttLib import TTFont

    options = subset.Options()
    options.name_IDs = ["*"]
    options.notdef_outline = True
    with TTFont(path, lazy=True, fontNumber=0 if path.lower().endswith(".ttc") else -1) as ttf:
        subsetter = subset.Subsetter(options)
        subsetter.populate(unicodes=codepoints)
        subsetter.subset(ttf)
        fmt = ("otf", "opentype") if "CFF " in ttf else ("ttf", "truetype")
        buffer = io.BytesIO()
        ttf.save(buffer)
    return base64.b64encode(buffer.getvalue()).decode("ascii"), fmt


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
    note_templates: Mapping[str, str] | None = None,
) -> Path:
    """Read CASE.yaml, run it and write the HTML report; returns the output path.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "case.yaml").write_text("loan: {amount: 100万, rate: 3.15%, years: 30}\\n", encoding="utf-8")
    >>> out = write_report(folder / "case.yaml", folder / "report.html", lang="en")
    >>> 'data-section="loan"' in out.read_text(encoding="utf-8")
    True
    """
    case = load_case(case_path)
    results = run_case(case, catalog=catalog)
    text = render_html(results, lang=lang, charts=charts, note_templates=note_templates)
    out = Path(out_path)
    try:
        out.write_text(text, encoding="utf-8")
    except OSError as error:
        raise InputError("output", str(out_path), f"cannot write the report ({error.strerror})",
                         hint_zh=f"无法写入报告文件（{error.strerror}）；请检查文件夹是否存在、是否可写") from None
    return out


# ---------------------------------------------------------------- shared section pieces


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


def _in_section(name: str, call: Callable[[], Any], *, field: str | None = None) -> Any:
    """Run a library call; its InputError names the section too (loan.months).

    With ``field``, the error names that case field instead, and keeps the
    library's own field in its hint (e.g. a NAV file's bad line).
    """
    try:
        return call()
    except WealthcalcError as error:
        if field is not None:
            raise type(error)(field, error.value, f"{error.field}: {error.hint}",
                              hint_zh=f"{error.field}：{error.hint_zh}" if error.hint_zh else "") from None
        key = str(error.field)
        key = _CASE_KEYS.get(name.split(".")[0], {}).get(key, key)
        field_name = key if key.startswith(f"{name}.") else f"{name}.{key}"
        raise type(error)(field_name, error.value, error.hint, hint_zh=error.hint_zh) from None


# Library argument names that a case section spells differently (dca.simulate's start is dca.from).
_CASE_KEYS = {
    "dca": {"start": "from", "end": "to", "fee_rate": "fee"},
    "loan": {"principal": "amount", "annual_rate": "rate"},
    "plan": {"start": "start_date"},
}


# ---------------------------------------------------------------- loan

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
    if section.get("min_prepayment") is not None:
        from .money import parse_amount

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


def _run_loan(section: Mapping[str, Any], catalog: Any) -> tuple[Any, Any]:
    """The schedule, and the same loan without prepayments as a baseline (when it has any)."""
    from . import loans

    if "combined" in section:
        combined = _in_section("loan", lambda: loans.combined(*section["combined"], **section["kwargs"]))
        return combined, {"baseline": None, **section["meta"]}
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
    if hasattr(schedule, "provident"):
        return _render_combined(page, schedule, extra)
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


def _render_combined(page: _Page, loan: Any, extra: Mapping[str, Any]) -> str:
    """A combined loan: totals, each part with its rate and source, the chart."""
    t = page.t
    prov, comm = loan.provident, loan.commercial
    total = prov.loan_amount + comm.loan_amount
    figures = [
        (t("贷款总额", "Total loan"), page.money(total, compact=True), "loan_amount", total),
        (t("期限", "Term"), t(f"{loan.months} 个月", f"{loan.months} months"), "months", loan.months),
        (t("首期月供", "First payment"), page.money(loan.first_payment), "first_payment", loan.first_payment),
        (t("总利息", "Total interest"), page.money(loan.total_interest), "total_interest", loan.total_interest),
        (t("还款总额", "Total paid"), page.money(loan.total_paid), "total_paid", loan.total_paid),
    ]
    sources = [(t("公积金贷款", "Provident-fund loan"), prov, extra.get("provident") or {}),
               (t("商业贷款", "Commercial loan"), comm, extra)]
    rows = []
    for name, part, meta in sources:
        source = meta.get("rate_source") or t("方案中录入的合同利率", "contract rate entered in the case")
        when = meta.get("rate_as_of")
        rows.append([name, page.num(part.loan_amount), page.rate(part.annual_rate),
                     f"{source} · {when.isoformat() if when else '—'}", page.num(part.first_payment),
                     page.num(part.total_interest), page.num(part.total_paid)])
    parts = [page.key_figures(figures)]
    parts.append(f"<h3>{_e(t('组合贷款构成', 'The two parts'))}</h3>")
    parts.append(page.table(
        [(t("部分", "Part"), False), (page.yuan("金额", "Amount"), True), (t("年利率", "Rate"), True),
         (t("利率来源 · 数据日期", "Rate source · as of"), False), (page.yuan("首期月供", "First payment"), True),
         (page.yuan("总利息", "Total interest"), True), (page.yuan("还款总额", "Total paid"), True)],
        rows,
    ))
    rate_text = " / ".join(f"{name} {page.rate(part.annual_rate)}" for name, part, _ in sources)
    parts.append(page.figure(loan, t("组合贷款：剩余本金与每期还款", "Combined loan: balance and payments"),
                             source=rate_text))
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


# ---------------------------------------------------------------- comparison

_COMPARISON_KEYS = ("amount", "days", "kind", "max_risk", "rate_table", "as_of", "start", "top")
_KINDS = ("deposit", "wealth", "trust", "fund", "money_fund")
_KIND_NAMES = {
    "deposit": ("存款", "Deposit"),
    "wealth": ("理财", "Wealth product"),
    "trust": ("信托", "Trust"),
    "fund": ("基金", "Fund"),
    "money_fund": ("货币基金", "Money fund"),
}
_INSURED = {"yes": ("是", "yes"), "partial": ("部分", "partly"), "no": ("否", "no")}


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


def _run_comparison(section: Mapping[str, Any], catalog: Any) -> tuple[Any, Any]:
    from . import yields

    result = _in_section("comparison",
                         lambda: yields.compare(*section["args"], catalog=catalog, **section["kwargs"]))
    table = catalog.rate_table(result.rate_table)
    return result, {"rate_table": table, **section["meta"]}


# Notes whose library wording names a command-line option: a handout names the case field instead.
_HANDOUT_NOTES = {
    "zh": {
        "historical": "{as_of} 的历史产品，早于所用利率表，现已不售（在方案中写 as_of: {as_of} 可按当时利率比较）",
        "late_by_days": "{count} 个产品在比较期限后 {most} 天内到账（募集期、到账天数也计入）；"
                        "将方案中的 days 改为 {days} 可让它们与其他各行一起排名",
    },
    "en": {
        "historical": "an offer of {as_of}, before the rate table in use: history, not on sale "
                      "(set as_of: {as_of} in the case to compare it)",
        "late_by_days": "{count} product(s) pay back within {most} days after the horizon (the raise period "
                        "(募集期) and the days to payout (到账) count); set days: {days} in the case to rank "
                        "them with the rest",
    },
}


def _notes_text(page: _Page, items: Any) -> str:
    from .yields import NOTES_ZH, note_text

    if page.note_templates is not None:
        templates = page.note_templates if page.lang == "zh" else None
    else:
        templates = {**NOTES_ZH, **_HANDOUT_NOTES["zh"]} if page.lang == "zh" else _HANDOUT_NOTES["en"]
    sep = "；" if page.lang == "zh" else "; "
    return sep.join(note_text(code, params, templates) for code, params in items if code)


def _term_text(page: _Page, row: Any) -> str:
    months = getattr(row, "term_months", None)
    if months:
        if months % 12 == 0:
            return page.t(f"{months // 12}年", f"{months // 12} y")
        return page.t(f"{months}个月", f"{months} m")
    if row.term_days:
        return page.t(f"{row.term_days}天", f"{row.term_days} d")
    return page.t("随时", "open")


class _Sources:
    """Numbered sources of a section, each listed once under its tables."""

    def __init__(self) -> None:
        self.numbers: dict[str, int] = {}

    def ref(self, source: str) -> int:
        return self.numbers.setdefault(source or "—", len(self.numbers) + 1)

    def html(self, page: _Page) -> str:
        if not self.numbers:
            return ""
        items = "".join(f'<li value="{n}">{_e(text)}</li>' for text, n in self.numbers.items())
        return (f'<h3>{_e(page.t("数据来源", "Sources"))}</h3>'
                f'<ol class="sources source">{items}</ol>')


def _product_cell(page: _Page, row: Any, sources: _Sources) -> _Html:
    name = page.name(row)
    when = row.as_of.isoformat() if row.as_of else "—"
    return _Html(
        f'{_e(name)}<br><small class="source">{_e(page.t("数据日期", "as of"))} {_e(when)} · '
        f'{_e(page.t("来源", "source"))} [{sources.ref(row.source)}]</small>'
    )


def _kind_risk(page: _Page, row: Any) -> str:
    kind = page.t(*_KIND_NAMES.get(row.kind, (row.kind, row.kind)))
    return f"{kind} R{row.risk}" if row.risk else kind


def _render_comparison(page: _Page, result: Any, extra: Mapping[str, Any]) -> str:
    t = page.t
    table = extra["rate_table"]
    parts = []
    best = result.best
    figures = [
        (t("投资金额", "Amount"), page.money(result.amount, compact=True), "amount", result.amount),
        (t("持有期限", "Horizon"), t(f"{result.days} 天", f"{result.days} days"), "days", result.days),
    ]
    if best is not None:
        name = page.name(best)
        figures += [
            (t("期末净额最高", "Best net amount"), page.money(best.net_amount), "best_net_amount",
             best.net_amount),
            (t("对应产品", "Product"), name, "best_id", best.id),
            (t("净年化收益率", "Net annual rate"), page.rate(best.net_annual_rate), "best_net_annual_rate",
             best.net_annual_rate),
        ]
    parts.append(page.key_figures(figures))
    table_name = page.name(table)
    parts.append(page.source(f"{table_name} ({table.id}) — {table.source}", table.as_of))
    parts.append(page.figure(result, t("到期净收益与风险等级", "Net income at the horizon and risk level"),
                             top=extra.get("top", 12), source=table_name))
    sources = _Sources()
    headers = [
        (t("排名", "Rank"), True), (t("产品", "Product"), False),
        (t("类型 / 风险", "Kind / risk"), False), (t("期限", "Term"), True),
        (t("报价年化", "Quoted rate"), True), (page.yuan("期末净额", "Net amount"), True),
        (t("净年化", "Net annual rate"), True), (t("存款保险", "Insured"), False),
        (t("提示", "Notes"), False),
    ]
    top = extra.get("top", 12)
    shown = result.ranked[:top]
    rows = [
        [str(r.rank), _product_cell(page, r, sources), _kind_risk(page, r), _term_text(page, r),
         page.rate(r.quoted_rate), page.num(r.net_amount), page.rate(r.net_annual_rate),
         t(*_INSURED.get(r.insured, (r.insured, r.insured))), _notes_text(page, r.notes)]
        for r in shown
    ]
    parts.append(f"<h3>{_e(t('排名（按期末净额）', 'Ranked by net amount at the horizon'))}</h3>")
    parts.append(page.table(headers, rows))
    if len(result.ranked) > len(shown):
        rest = len(result.ranked) - len(shown)
        parts.append(f'<p class="note">{_e(t(f"其余 {rest} 项排名靠后，从略。", f"{rest} lower-ranked rows left out."))}</p>')
    if result.unranked:
        parts.append(f"<h3>{_e(t('基金（无承诺收益，不排名）', 'Funds (no promised yield, not ranked)'))}</h3>")
        parts.append(page.table(
            [(t("产品", "Product"), False), (t("类型 / 风险", "Kind / risk"), False),
             (page.yuan("净值不变时期末净额", "Net amount if the NAV is unchanged"), True),
             (t("提示", "Notes"), False)],
            [[_product_cell(page, r, sources), _kind_risk(page, r), page.num(r.net_amount),
              _notes_text(page, r.notes)] for r in result.unranked],
        ))
    if result.ineligible:
        parts.append(f"<h3>{_e(t('不可选', 'Not eligible'))}</h3>")
        parts.append(page.table(
            [(t("产品", "Product"), False), (t("风险", "Risk"), False), (t("原因", "Why not"), False)],
            [[page.name(r), f"R{r.risk}" if r.risk else "—",
              _notes_text(page, [r.reason] if r.reason else [])] for r in result.ineligible],
        ))
    if result.notes:
        parts.append("".join(f'<p class="note">{_e(_notes_text(page, [n]))}</p>' for n in result.notes))
    parts.append(sources.html(page))
    return "".join(parts)


_PARSERS["comparison"] = _parse_comparison
_RUNNERS["comparison"] = _run_comparison
_RENDERERS["comparison"] = _render_comparison


# ---------------------------------------------------------------- fund DCA

_DCA_KEYS = ("nav", "synthetic", "amount", "frequency", "day", "from", "to", "value_date", "fee",
             "discount", "dividends", "redeem", "every_start")
_SYNTHETIC_KEYS = ("start", "days", "annual_drift", "volatility", "seed")


def _parse_dca(section: Mapping[str, Any], base: Path) -> dict[str, Any]:
    """dca: -> dca.simulate(nav, amount, frequency=, day=, start=from, end=to, fee_rate=fee, ...)."""
    from .dca import parse_discount

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
                from .money import parse_rate

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


def _run_dca(section: Mapping[str, Any], catalog: Any) -> tuple[Any, Any]:
    """dca.simulate on the NAV series; dca.every_start too when asked."""
    from . import dca

    spec = section["nav"]
    if "path" in spec:
        series = _in_section("dca", lambda: dca.load_nav(spec["path"]), field="dca.nav")
    else:
        series = _in_section("dca", lambda: dca.synthetic_nav(**spec["synthetic"]))
    backtest = _in_section("dca", lambda: dca.simulate(series, *section["args"], **section["kwargs"]))
    every = None
    if section["every_start"] is not None:
        # every start date of the whole series (from/to and day belong to the single plan)
        shared = {k: v for k, v in section["kwargs"].items()
                  if k in ("frequency", "fee_rate", "discount", "dividends", "redeem")}
        every = _in_section("dca.every_start", lambda: dca.every_start(series, *section["args"],
                                                           years=section["every_start"]["years"], **shared))
    return backtest, {"nav": series, "every_start": every, "amount": section["args"][0],
                      **section["kwargs"]}


_FREQUENCIES = {"monthly": ("每月", "monthly"), "biweekly": ("每两周", "every two weeks"),
                "weekly": ("每周", "weekly"), "daily": ("每个交易日", "every trading day")}


def _dca_plan_line(page: _Page, plan: Mapping[str, Any]) -> str:
    """The plan as entered: amount, frequency, debit day, fee rate × discount."""
    t = page.t
    fee, discount = plan.get("fee_rate", 0.0), plan.get("discount", 1.0)
    pieces = [
        t(f"每期 {page.money(plan.get('amount', 0.0))}", f"{page.money(plan.get('amount', 0.0))} each time"),
        t(*_FREQUENCIES.get(plan.get("frequency", "monthly"), ("", ""))),
    ]
    if plan.get("day"):
        pieces.append(t(f"扣款日 {plan['day']} 日", f"debit day {plan['day']}"))
    pieces.append(t(f"申购费率 {page.rate(fee)} × 折扣 {discount:g} = {page.rate(fee * discount, 3)}",
                    f"purchase fee {page.rate(fee)} × discount {discount:g} = {page.rate(fee * discount, 3)}"))
    pieces.append(t("费率为方案录入值，以基金公告为准", "fee rates as entered in the case; the fund's notice prevails"))
    return f'<p class="source">{_e(" · ".join(pieces))}</p>'


def _render_dca(page: _Page, backtest: Any, extra: Mapping[str, Any]) -> str:
    t = page.t
    parts = []
    if backtest.synthetic:
        warning = t("模拟数据：以下净值为随机生成的示例序列，并非任何基金的真实历史。",
                    "Synthetic data: the NAV below is a generated example series, not any fund's history.")
        parts.append(f'<p class="synthetic">{_e(warning)}</p>')
    figures = [
        (t("定投期数", "Installments"), str(backtest.installments), "installments", backtest.installments),
        (t("累计投入", "Invested"), page.money(backtest.invested, compact=True), "invested", backtest.invested),
        (t("其中申购费", "of which fees"), page.money(backtest.fees), "fees", backtest.fees),
        (t("持仓市值", "Market value"), page.money(backtest.market_value), "market_value",
         backtest.market_value),
        (t("收益", "Profit"), page.money(backtest.profit), "profit", backtest.profit),
        (t("定投收益率", "Holding return"), page.rate(backtest.holding_return), "holding_return",
         backtest.holding_return),
        (t("年化收益率（XIRR）", "XIRR (a year)"), page.rate(backtest.xirr), "xirr", backtest.xirr),
        (t("最大回撤", "Max drawdown"), page.rate(backtest.max_drawdown), "max_drawdown",
         backtest.max_drawdown),
        (t("平均成本", "Average cost"), f"{backtest.average_cost:.4f}", "average_cost", backtest.average_cost),
    ]
    parts.append(page.key_figures(figures))
    from .navdata import describe_source

    source = describe_source(backtest.source, page.lang)
    parts.append(
        f'<p class="source">{_e(t("净值来源", "NAV source"))}{page.colon()}{_e(source or "—")} · '
        f'{_e(t("首次扣款", "first debit"))} {_e(backtest.first_date.isoformat())} · '
        f'{_e(t("估值日", "valued on"))} {_e(backtest.value_date.isoformat())}'
        f'{_e(t(f"（单位净值 {backtest.value_nav:.4f}）", f" (NAV {backtest.value_nav:.4f})"))}</p>'
    )
    parts.append(_dca_plan_line(page, extra))
    parts.append(page.figure(backtest, t("净值、平均成本与持仓市值", "NAV, average cost and position value"),
                             nav=extra.get("nav")))
    every = extra.get("every_start")
    if every is not None:
        parts.append(f"<h3>{_e(t('从每一个起点开始定投', 'Starting the plan on every possible date'))}</h3>")
        parts.append(page.table(
            [(t("持有年数", "Years"), True), (t("起点数", "Starts"), True), (t("胜率", "Win rate"), True),
             (t("收益率中位数", "Median return"), True), (t("5%分位", "5th pct"), True),
             (t("95%分位", "95th pct"), True), (t("年化中位数", "Median XIRR"), True),
             (t("最差起点", "Worst start"), False), (t("最差收益率", "Worst return"), True)],
            [[str(p.years), str(p.starts), page.rate(p.win_rate), page.rate(p.median_return),
              page.rate(p.p5_return), page.rate(p.p95_return), page.rate(p.median_xirr),
              p.worst_start.isoformat(), page.rate(p.worst_return)] for p in every.periods],
        ))
        parts.append(page.figure(every, t("每个起点的定投收益率分布", "Holding return from every start date")))
    # the synthetic note is already said above, in large red type
    from .navdata import note_text

    notes = [note_text(n, page.lang) for n in backtest.notes if getattr(n, "code", None) != "synthetic"]
    if notes:
        parts.append("".join(f'<p class="note">{_e(n)}</p>' for n in notes))
    caution = t("过往业绩不代表未来表现；基金投资有风险，定投不能保证盈利。",
                "Past performance does not guarantee future results; fund investment involves risk "
                "and DCA does not guarantee a profit.")
    parts.append(f'<p class="note">{_e(caution)}</p>')
    return "".join(parts)


_PARSERS["dca"] = _parse_dca
_RUNNERS["dca"] = _run_dca
_RENDERERS["dca"] = _render_dca


# ---------------------------------------------------------------- deposit plan

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
        from .plans import PRODUCTS

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
        from .money import parse_amount

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


def _run_plan(section: Mapping[str, Any], catalog: Any) -> tuple[Any, Any]:
    from . import plans

    table = _in_section("plan", lambda: catalog.rate_table(section["rate_table"]), field="plan.rate_table") \
        if section["rate_table"] else catalog.rate_table()
    call = getattr(plans, section["mode"])
    plan = _in_section("plan", lambda: call(*section["args"], rate_table=table, **section["kwargs"]))
    return plan, {"rate_table": table}


def _paid_in(page: _Page, plan: Any, alternative: Any) -> list[str]:
    """Months, monthly amount and money paid in of a naive choice of a monthly plan (else nothing)."""
    if not plan.monthly:
        return []
    months = alternative.months or plan.months
    monthly = alternative.monthly or plan.monthly
    return [str(months), page.num(monthly), page.num(alternative.principal)]


def _render_plan(page: _Page, plan: Any, extra: Mapping[str, Any]) -> str:
    from .charts import _plan_title

    t = page.t
    table = extra["rate_table"]
    question = _plan_title(plan)[0 if page.lang == "zh" else 1]
    parts = [f"<h3>{_e(question)}</h3>"]
    figures = [
        (t("存期", "Months"), t(f"{plan.months} 个月", f"{plan.months}"), "months", plan.months),
        (t("本金合计", "Principal"), page.money(plan.principal, compact=True), "principal", plan.principal),
        (t("到期本息", "Value"), page.money(plan.value), "value", plan.value),
        (t("利息", "Interest"), page.money(plan.interest), "interest", plan.interest),
    ]
    if plan.monthly:
        figures.insert(1, (t("每月存入", "Monthly"), page.money(plan.monthly), "monthly", plan.monthly))
    if plan.tax:
        figures.append((t("利息税", "Interest tax"), page.money(plan.tax), "tax", plan.tax))
    parts.append(page.key_figures(figures))
    table_name = page.name(table)
    parts.append(page.source(f"{table_name} ({table.id}) — {table.source}", table.as_of))
    parts.append(page.figure(plan, t("组合存款时间轴", "Plan timeline"),
                             source=f"{table_name} {table.as_of.isoformat() if table.as_of else ''}"))
    dated = plan.start_date is not None
    rows = []
    for leg in plan.legs:
        start = leg.start_date.isoformat() if dated and leg.start_date else \
            t(f"第{leg.start_month}月", f"month {leg.start_month}")
        end = leg.maturity_date.isoformat() if dated and leg.maturity_date else \
            t(f"第{leg.start_month + leg.months}月", f"month {leg.start_month + leg.months}")
        name = leg.name if page.lang == "zh" else leg.name_en
        if leg.monthly:
            name += t(f"（每月 {page.num(leg.monthly)}）", f" ({page.num(leg.monthly)} a month)")
        rows.append([str(leg.pot + 1), name, start, end, str(leg.months), page.num(leg.amount),
                     page.rate(leg.annual_rate), page.num(leg.interest), page.num(leg.tax), page.num(leg.value)])
    parts.append(f"<h3>{_e(t('每笔存款', 'Each deposit'))}</h3>")
    parts.append(page.table(
        [(t("笔", "Pot"), True), (t("存款种类", "Deposit"), False), (t("起存", "From"), True),
         (t("到期", "To"), True), (t("月数", "Months"), True), (page.yuan("本金", "Principal"), True),
         (t("年利率", "Rate"), True), (page.yuan("利息", "Interest"), True), (page.yuan("利息税", "Tax"), True),
         (page.yuan("到期本息", "Value"), True)],
        rows,
    ))
    if plan.alternatives:
        parts.append(f"<h3>{_e(t('对比简单做法', 'Compared with simple choices'))}</h3>")
        # monthly plans: rules §5's answer may pay in another monthly amount or term than the plan
        paid_in = [(t("月数", "Months"), True), (page.yuan("每月存入", "Monthly"), True),
                   (page.yuan("本金", "Paid in"), True)] if plan.monthly else []
        parts.append(page.table(
            [(t("做法", "Choice"), False), *paid_in, (page.yuan("到期本息", "Value"), True),
             (page.yuan("比本方案少", "Less than this plan"), True)],
            [[alt.name if page.lang == "zh" else alt.name_en, *_paid_in(page, plan, alt),
              page.num(alt.value), page.num(alt.shortfall)] for alt in plan.alternatives],
        ))
    from .deposits import deposit_insurance

    cover = deposit_insurance(plan.value)  # rules §2.10: 500,000 per depositor per bank
    if cover.exposed > 0:
        exposed = page.num(cover.exposed)
        warning = t(f"存款保险：同一银行存款本息合计超过50万元的部分（本方案到期约 {exposed}元）"
                    "不在保障范围内，可考虑分存多家银行。",
                    f"Deposit insurance: at one bank, principal and interest above 500,000 (about {exposed} "
                    "at maturity here) is not covered; consider spreading the money over several banks.")
        parts.append(f'<p class="note">{_e(warning)}</p>')
    return "".join(parts)


_PARSERS["plan"] = _parse_plan
_RUNNERS["plan"] = _run_plan
_RENDERERS["plan"] = _render_plan

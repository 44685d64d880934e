"""A printable customer report: one self-contained HTML file from a CASE.yaml.

A case holds up to four optional sections — ``comparison``, ``plan``,
``loan`` and ``dca`` — and each maps one-to-one onto one library call, so
the same file gives the same numbers through the library, the CLI and the
report (docs/report.md lists every field). :func:`~.case.load_case` reads and
checks the file (a ``yaml.SafeLoader``); :func:`~.run.run_case` makes the library
calls; :func:`render_html` writes the page: inline CSS, charts embedded as
base64 PNG, A4 print layout, large type for a projector, every rate with its
source and date, and the risk wording a bank handout carries. The numbers
are also embedded as JSON in ``<script type="application/json"
id="report-data">`` so they can be checked against the library.
"""

from __future__ import annotations

import base64
import datetime as _dt
import functools
import io
import json
import math
from pathlib import Path
from typing import Any, Mapping
import warnings

from ..errors import InputError
from .case import load_case
from .page import _e, _Page
from .run import CaseResults, run_case
from .sections import _RENDERERS

__all__ = ["render_html", "save_page", "write_report"]


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


_RISK_CODES = ("seminar.risk.not_deposits", "seminar.risk.past_performance", "seminar.risk.deposit_insurance",
               "seminar.risk.estimates")
"""The risk wording a bank handout carries, first line in bold."""


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
    from .._version import __version__

    if lang not in ("zh", "en"):
        raise InputError("lang", lang, code="seminar.fonts.write_zh_or_en_english")
    page = _Page(lang, charts=charts, note_templates=note_templates)
    case = results.case
    title = case.title or page.t("seminar.report.savings_and_investment_report")
    meta = []
    if case.customer:
        meta.append(f'{page.t("seminar.report.customer")}{page.colon()}{case.customer}')
    if case.advisor:
        meta.append(f'{page.t("seminar.report.advisor")}{page.colon()}{case.advisor}')
    if case.date:
        meta.append(f'{page.t("seminar.chart_plans.date")}{page.colon()}{case.date.isoformat()}')
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
        parts.append(f"<p>{_e(page.t('seminar.report.this_case_has_no_sections'))}</p>")
    for name in case.sections:
        heading = page.t(f"label.report_{name}")
        body = _RENDERERS[name](page, getattr(results, name), results.extras.get(name))
        parts.append(f'<section class="case-section" id="{name}" data-section="{name}">'
                     f"<h2>{_e(heading)}</h2>{body}</section>")
    parts.append(_risk_box(page))
    parts.append(
        f'<footer><p>{_e(page.t("seminar.report.made_with_wealthcalc"))} {_e(__version__)}'
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

        from .fonts import find_cjk_font

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
    lines = [page.t(code) for code in _RISK_CODES]
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
    return save_page(render_html(results, lang=lang, charts=charts, note_templates=note_templates), out_path)


def save_page(text: str, out_path: str | Path) -> Path:
    """Write a rendered report page (UTF-8) to ``out_path``; returns the path.

    Raises
    ------
    InputError
        naming ``output`` when the file cannot be written (no such folder, no permission).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> save_page("<p>x</p>", pathlib.Path(tempfile.mkdtemp(), "r.html")).read_text(encoding="utf-8")
    '<p>x</p>'
    """
    out = Path(out_path)
    try:
        out.write_text(text, encoding="utf-8")
    except OSError as error:
        raise InputError("output", str(out_path), code="seminar.report.cannot_write_the_report",
                         params={"strerror": error.strerror}) from None
    return out

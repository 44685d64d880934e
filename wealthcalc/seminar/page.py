"""The report page's building blocks: escaping, numbers, key figures, tables, embedded charts."""

from __future__ import annotations

import base64
import datetime as _dt
import html
import math
import tempfile
import warnings
from pathlib import Path
from typing import Any, Mapping

from ..i18n import message


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

    def t(self, code: str, /, **params: Any) -> str:
        """The catalog's wording of ``code`` in the page language."""
        return message(code, self.lang, **params)

    def money(self, amount: float, *, compact: bool = False) -> str:
        """1,234.56元; with ``compact``, a whole number of 万 reads 30万元 on zh pages (never rounded)."""
        from ..money import format_amount

        if _blank(amount):
            return "—"
        exact = compact and round(amount * 100) % 1_000_000 == 0  # a whole number of 万
        text = format_amount(amount, self.lang, compact=exact)
        return text + self.t("seminar.yuan_suffix")

    def num(self, amount: float) -> str:
        """An amount for a table cell: 1,234.56 (the unit is in the header)."""
        from ..money import format_amount

        if _blank(amount):
            return "—"
        return format_amount(amount)

    def yuan(self, code: str) -> str:
        """A column header with its unit: 利息（元） / Interest (yuan)."""
        return self.t("seminar.page.yuan", label=self.t(code))

    def name(self, item: Any) -> str:
        """A product's or rate table's name in the page language (Chinese when it has no English one)."""
        return item.name if self.lang == "zh" else (getattr(item, "name_en", "") or item.name)

    def colon(self) -> str:
        return self.t("seminar.page.colon")

    def rate(self, rate: float | None, digits: int = 2) -> str:
        from ..money import format_rate

        if rate is None or _blank(rate):
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
        return (f'<p class="source">{_e(self.t("seminar.page.rate_source"))}{self.colon()}{_e(source or "—")} · '
                f'{_e(self.t("seminar.page.as_of"))} {_e(when)}</p>')


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

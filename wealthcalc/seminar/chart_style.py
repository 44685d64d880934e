"""The charts' shared look: projector style, figure, titles, footnotes, axis and number formats.

matplotlib is imported inside the functions only.
"""

from __future__ import annotations

import contextlib
import importlib.util
import os
import sys
from pathlib import Path
from typing import Any, Mapping, cast

from ..i18n import message
from .fonts import find_cjk_font


SUFFIXES = (".png", ".svg")


# Colour-blind-safe (Okabe-Ito), strong enough for a washed-out projector.
_PALETTE = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000"]


def _use_agg() -> None:
    """Draw off-screen; leave an interactive pyplot session's backend alone."""
    import matplotlib

    if "matplotlib.pyplot" not in sys.modules:
        matplotlib.use("Agg")


@contextlib.contextmanager
def _drawing(lang: str):
    """Agg canvas and the projector style for the duration of one chart."""
    import logging

    import matplotlib

    _use_agg()
    # the CJK fonts have one weight: matplotlib would log each bold fallback to regular
    log = logging.getLogger("matplotlib.font_manager")
    level = log.level
    log.setLevel(logging.ERROR)
    try:
        with matplotlib.rc_context(cast(Any, _style(lang))):
            yield
    finally:
        log.setLevel(level)


def _style(lang: str) -> dict[str, Any]:
    """rcParams for large, clean projector charts in ``lang``."""
    from cycler import cycler

    # Chinese charts draw with the CJK font; English ones with DejaVu Sans and
    # the CJK font as a per-glyph fallback for Chinese names typed by users.
    families = ["DejaVu Sans"]
    font = find_cjk_font()
    if font is not None:
        families = [font.family, "DejaVu Sans"] if lang == "zh" else ["DejaVu Sans", font.family]
    return {
        "font.family": families,  # a list of families: matplotlib falls back glyph by glyph
        "axes.unicode_minus": False,
        "font.size": 16,
        "axes.titlesize": 22,
        "axes.titleweight": _bold(lang),
        "axes.labelsize": 17,
        "xtick.labelsize": 15,
        "ytick.labelsize": 15,
        "legend.fontsize": 15,
        "legend.frameon": False,
        "axes.spines.top": False,
        "axes.spines.right": False,
        "axes.grid": True,
        "grid.alpha": 0.3,
        "grid.linestyle": "-",
        "lines.linewidth": 3,
        "axes.prop_cycle": cycler(color=_PALETTE),
        "savefig.dpi": 120,
        "svg.fonttype": "path",
    }


def _check_path(path: str | os.PathLike) -> Path:
    """The output path, checked; also checks that matplotlib (the ``plot`` extra) is installed."""
    from ..errors import InputError

    if importlib.util.find_spec("matplotlib") is None:
        raise InputError("plot", str(path),
                         code="seminar.chart_style.charts_need_matplotlib_pip_install_wealthcalc")
    out = Path(path)
    if out.suffix.lower() not in SUFFIXES:
        raise InputError("path", str(path), code="seminar.chart_style.write_a_chart_to_a_png")
    if not out.parent.exists():
        raise InputError("path", str(path), code="seminar.chart_style.the_folder_does_not_exist",
                         params={"parent": str(out.parent)})
    return out


def _bold(lang: str) -> str:
    """Bold for Latin text; the bundled CJK fonts have one (regular) weight."""
    return "normal" if lang == "zh" else "bold"


def _text(lang: str, code: str, /, **params: Any) -> str:
    """The catalog's wording of ``code`` in ``lang``."""
    return message(code, lang, **params)


def _figure(*, rows: int = 1, height: float = 6.75, sharex: bool = False):
    """A 16:9 figure with ``rows`` axes, styled for a projector."""
    from matplotlib.figure import Figure

    fig = Figure(figsize=(12, height), layout="constrained")
    axes = fig.subplots(rows, 1, sharex=sharex, squeeze=False)[:, 0]
    return fig, list(axes)


def _title(fig, lang: str, code: str, params: Mapping[str, Any] | None = None, *, warning: str = "") -> None:
    """The title above the axes; a Chinese chart carries the English title beneath it, smaller.

    ``code`` and ``params`` word the title; ``warning`` adds a red line under the titles
    (e.g. "synthetic data").
    """
    zh = message(code, "zh", **(params or {}))
    en = message(code, "en", **(params or {}))
    lines = [(warning, 16, _bold(lang), "#B00020")] if warning else []
    lines += [(en, 15, "normal", "#555555")] if lang == "zh" else []
    lines.append((zh if lang == "zh" else en, 25, _bold(lang), "#000000"))
    offset = 10.0
    for text, size, weight, colour in lines:
        fig.text(0.5, 1.0, text, ha="center", va="bottom", fontsize=size, fontweight=weight,
                 color=colour, transform=_offset(fig, offset))
        offset += size * 1.45


def _offset(fig, points: float):
    from matplotlib.transforms import offset_copy

    return offset_copy(fig.transFigure, fig=fig, y=points, units="points")


def _footnote(fig, text: str | list[str]) -> None:
    """Small grey source / as-of lines under the chart; facts joined by " · " and wrapped."""
    facts = [text] if isinstance(text, str) else [f for f in text if f]
    lines: list[str] = []
    for fact in facts:
        if lines and _width(lines[-1]) + _width(fact) + 3 <= 150:
            lines[-1] += " · " + fact
        else:
            lines.append(fact)
    if lines:
        fig.text(0.0, 0.0, "\n".join(lines), ha="left", va="top", fontsize=12, color="#555555",
                 linespacing=1.5, transform=_offset(fig, -6))


def _width(text: str) -> int:
    """Display width in Latin characters (a Chinese character counts two)."""
    return sum(2 if ord(ch) > 0x2E80 else 1 for ch in text)


def _synthetic_badge(ax, lang: str) -> None:
    """A red "synthetic data" label at the right of the panel's title row."""
    ax.text(
        1.0, 1.02, _text(lang, "seminar.chart_dca.synthetic_data_not_a_real_nav"),
        transform=ax.transAxes, ha="right", va="bottom", fontsize=15, color="#B00020",
        fontweight=_bold(lang),
        bbox={"boxstyle": "round,pad=0.35", "facecolor": "#FFF0F0", "edgecolor": "#B00020"},
    )


def _amount_axis(ax, lang: str, axis: str = "y") -> None:
    """Tick labels as customers read amounts: 1,000,000 or 100万."""
    from matplotlib.ticker import FuncFormatter

    from ..money import format_amount

    def fmt(value: float, _pos: int) -> str:
        if lang == "zh" and abs(value) >= 10_000:
            return format_amount(value, "zh", compact=True)
        return f"{value:,.0f}"

    getattr(ax, f"{axis}axis").set_major_formatter(FuncFormatter(fmt))


def _save(fig, path: Path) -> Path:
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    FigureCanvasAgg(fig)
    fig.savefig(path, format=path.suffix.lower().lstrip("."), bbox_inches="tight", pad_inches=0.3)
    return path


def _money(amount: float, lang: str) -> str:
    """An amount as a customer reads it: 1,234.56 元 / 123.46万元."""
    from ..money import format_amount

    text = format_amount(float(amount), lang, compact=True)
    if text.endswith(".00"):
        text = text[:-3]
    return text + message("seminar.yuan_suffix", lang)


def _full(amount: float) -> str:
    """An amount to the fen with separators (for values that differ by little)."""
    from ..money import format_amount

    return format_amount(float(amount))


def _pct(rate: float | None, digits: int = 2) -> str:
    from ..money import format_rate

    return "—" if rate is None else format_rate(rate, digits)


def _short(text: str, width: int = 32) -> str:
    """A product name on one line, or two balanced lines of ``width`` columns; "…" past that."""
    text = " ".join(text.split())
    if _width(text) <= width:
        return text
    total = _width(text)
    best = None
    for i in range(1, len(text)):
        left, right = text[:i].rstrip(), text[i:].lstrip()
        # break at a space, or between two wide (Chinese) characters
        if not (text[i - 1] == " " or text[i] == " " or (_width(text[i - 1]) == 2 and _width(text[i]) == 2)):
            continue
        if _width(left) <= width and _width(right) <= width:
            # a space is the better break; among breaks of one kind, the most balanced
            score = (text[i - 1] != " " and text[i] != " ", abs(_width(left) - total / 2))
            if best is None or score < best[0]:
                best = (score, left, right)
    if best is not None:
        return f"{best[1]}\n{best[2]}"
    first = _cut(text, width, at_break=True)
    rest = text[len(first):].strip()
    second = _cut(rest, width - 1, at_break=False)
    return f"{first.rstrip()}\n{second.rstrip()}…"


def _cut(text: str, width: int, *, at_break: bool) -> str:
    """The longest start of ``text`` within ``width`` columns (ending at a space when asked and possible)."""
    out = ""
    for ch in text:
        if _width(out + ch) > width:
            break
        out += ch
    if at_break and len(out) < len(text) and " " in out and text[len(out)] != " ":
        out = out[: out.rindex(" ")]
    return out


def _gain_colours(lang: str) -> tuple[str, str]:
    """(gain, loss) colours: red for gains in Chinese charts (A-share custom), green in English."""
    return ("#C62828", "#2E7D32") if lang == "zh" else ("#2E7D32", "#C62828")

"""Seminar charts of wealthcalc results: PNG or SVG files, Chinese or English.

Needs the ``plot`` extra (matplotlib + mplfonts). matplotlib is imported
inside the functions, so ``import wealthcalc.charts`` stays cheap, and the
figures are drawn on the Agg canvas (no display needed).

Chinese labels need a font with Chinese glyphs. :func:`find_cjk_font` looks
for one shipped inside the installed ``mplfonts`` package (Noto Sans CJK SC),
then among the system's fonts (Noto Sans CJK, Source Han Sans, WenQuanYi,
SimHei, ...), and registers it with matplotlib for this process only. When
none is found a chart asked for in Chinese is drawn with English labels and a
:class:`FontFallbackWarning`: never boxes in place of characters.

>>> from wealthcalc.charts import chart_lang
>>> chart_lang("en")
'en'
"""

from __future__ import annotations

import contextlib
import functools
import importlib.util
import os
import shutil
import subprocess
import sys
import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable

__all__ = [
    "ChartFont",
    "FontFallbackWarning",
    "chart_lang",
    "find_cjk_font",
    "font_covers",
]

# Fonts shipped inside the mplfonts package, best first (sans-serif reads best on a projector).
_PACKAGE_FONTS = ("NotoSansCJKsc-Regular.otf", "SimHei.ttf", "SourceHanSerifSC-Regular.otf")

# System families known to carry simplified Chinese, best first.
_SYSTEM_FAMILIES = (
    "Noto Sans CJK SC",
    "Noto Sans SC",
    "Source Han Sans SC",
    "Source Han Sans CN",
    "WenQuanYi Zen Hei",
    "WenQuanYi Micro Hei",
    "SimHei",
    "Microsoft YaHei",
    "PingFang SC",
    "Heiti SC",
    "Noto Serif CJK SC",
    "AR PL UMing CN",
)

# Characters every Chinese chart uses; a font must cover them to be chosen.
_PROBE_TEXT = "贷款余额利息本金净值成本收益率万元年月日期数据来源模拟理财存款"

SUFFIXES = (".png", ".svg")


class FontFallbackWarning(UserWarning):
    """No Chinese-capable font: the chart was drawn with English labels."""


@dataclass(frozen=True, slots=True)
class ChartFont:
    """A font file able to draw Chinese, and where it was found."""

    family: str
    path: str
    source: str  # "mplfonts" (inside the package) or "system"


def font_covers(path: str | os.PathLike, text: str) -> bool:
    """True when the font file has a glyph for every non-space character of ``text``.

    >>> import matplotlib
    >>> from pathlib import Path
    >>> dejavu = Path(matplotlib.get_data_path(), "fonts/ttf/DejaVuSans.ttf")
    >>> font_covers(dejavu, "Loan 1,000"), font_covers(dejavu, "贷款")
    (True, False)
    """
    from matplotlib import ft2font

    try:
        charmap = ft2font.FT2Font(str(path)).get_charmap()
    except (OSError, RuntimeError, ValueError):
        return False
    return all(ord(ch) in charmap for ch in text if not ch.isspace())


def _package_font_files() -> list[Path]:
    """Font files inside the installed mplfonts package (without importing it)."""
    try:
        spec = importlib.util.find_spec("mplfonts")
    except (ImportError, ValueError):
        return []
    if spec is None or not spec.submodule_search_locations:
        return []
    folder = Path(list(spec.submodule_search_locations)[0], "fonts")
    return [folder / name for name in _PACKAGE_FONTS if (folder / name).is_file()]


def _system_font_files() -> list[Path]:
    """Files of known CJK families that matplotlib or fontconfig can see."""
    from matplotlib import font_manager

    found: list[Path] = []
    by_family = {}
    for entry in font_manager.fontManager.ttflist:
        by_family.setdefault(entry.name, entry.fname)
    for family in _SYSTEM_FAMILIES:
        if family in by_family:
            found.append(Path(by_family[family]))
    found.extend(_fontconfig_files())
    return found


def _fontconfig_files() -> list[Path]:
    """Files fontconfig lists as covering Chinese (``fc-list :lang=zh``)."""
    if shutil.which("fc-list") is None:
        return []
    try:
        out = subprocess.run(
            ["fc-list", ":lang=zh", "file"], capture_output=True, text=True, timeout=10, check=False
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return []
    files = [line.split(":")[0].strip() for line in out.splitlines() if line.strip()]
    return [Path(f) for f in sorted(files) if f.lower().endswith((".ttf", ".otf", ".ttc"))]


def _candidates() -> Iterable[tuple[Path, str]]:
    for path in _package_font_files():
        yield path, "mplfonts"
    for path in _system_font_files():
        yield path, "system"


@functools.lru_cache(maxsize=1)
def find_cjk_font() -> ChartFont | None:
    """The first font able to draw the charts' Chinese, registered with matplotlib.

    Looks inside the installed ``mplfonts`` package first, then at the
    system's fonts; registers the file with
    ``matplotlib.font_manager.fontManager.addfont`` (this process only,
    nothing is written to disk). ``None`` when no font covers Chinese.
    The answer is cached; ``find_cjk_font.cache_clear()`` looks again.
    """
    from matplotlib import font_manager

    for path, source in _candidates():
        if not font_covers(path, _PROBE_TEXT):
            continue
        try:
            font_manager.fontManager.addfont(str(path))
            family = font_manager.FontProperties(fname=str(path)).get_name()
        except (OSError, RuntimeError, ValueError):
            continue
        return ChartFont(family=family, path=str(path), source=source)
    return None


def chart_lang(lang: str) -> str:
    """The language a chart can really be drawn in: ``lang``, or "en" with a warning.

    Raises
    ------
    InputError
        for a language other than "zh" or "en".
    """
    from .errors import InputError

    if lang not in ("zh", "en"):
        raise InputError("lang", lang, 'write "zh" (中文) or "en" (English)')
    if lang == "zh" and find_cjk_font() is None:
        warnings.warn(
            "no font with Chinese characters found (install the 'plot' extra: "
            "pip install 'wealthcalc[plot]'); chart labels are in English",
            FontFallbackWarning,
            stacklevel=3,
        )
        return "en"
    return lang


# ---------------------------------------------------------------- figure helpers


def _use_agg() -> None:
    """Draw off-screen; leave an interactive pyplot session's backend alone."""
    import matplotlib

    if "matplotlib.pyplot" not in sys.modules:
        matplotlib.use("Agg")


@contextlib.contextmanager
def _drawing(lang: str):
    """Agg canvas and the projector style for the duration of one chart."""
    import matplotlib

    _use_agg()
    with matplotlib.rc_context(_style(lang)):
        yield


def _style(lang: str) -> dict[str, Any]:
    """rcParams for large, clean projector charts in ``lang``."""
    from cycler import cycler

    families = ["DejaVu Sans"]
    if lang == "zh":
        font = find_cjk_font()
        if font is not None:
            families = [font.family, "DejaVu Sans"]
    return {
        "font.family": "sans-serif",
        "font.sans-serif": families,
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


# Colour-blind-safe (Okabe-Ito), strong enough for a washed-out projector.
_PALETTE = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000"]


def _check_path(path: str | os.PathLike) -> Path:
    from .errors import InputError

    out = Path(path)
    if out.suffix.lower() not in SUFFIXES:
        raise InputError("path", str(path), "write a chart to a .png or .svg file")
    if not out.parent.exists():
        raise InputError("path", str(path), f"the folder {str(out.parent)!r} does not exist")
    return out


def _bold(lang: str) -> str:
    """Bold for Latin text; the bundled CJK fonts have one (regular) weight."""
    return "normal" if lang == "zh" else "bold"


def _text(lang: str, zh: str, en: str) -> str:
    return zh if lang == "zh" else en


def _figure(lang: str, *, rows: int = 1, height: float = 6.75, sharex: bool = False):
    """A 16:9 figure with ``rows`` axes, styled for a projector."""
    from matplotlib.figure import Figure

    fig = Figure(figsize=(12, height), layout="constrained")
    axes = fig.subplots(rows, 1, sharex=sharex, squeeze=False)[:, 0]
    return fig, list(axes)


def _title(fig, lang: str, zh: str, en: str) -> None:
    """The title above the axes; a Chinese chart carries the English title beneath it, smaller."""
    lines = [(en, 15, "normal", "#555555")] if lang == "zh" else []
    lines.append((zh if lang == "zh" else en, 25, _bold(lang), "#000000"))
    offset = 4
    for text, size, weight, colour in lines:
        fig.text(0.5, 1.0, text, ha="center", va="bottom", fontsize=size, fontweight=weight,
                 color=colour, transform=_offset(fig, offset))
        offset += size * 1.45


def _offset(fig, points: float):
    from matplotlib.transforms import offset_copy

    return offset_copy(fig.transFigure, fig=fig, y=points, units="points")


def _footnote(fig, text: str) -> None:
    """Small grey source / as-of line under the chart."""
    if text:
        fig.text(0.0, 0.0, text, ha="left", va="top", fontsize=12, color="#555555",
                 transform=_offset(fig, -6))


def _synthetic_badge(ax, lang: str) -> None:
    ax.text(
        0.99, 0.97, _text(lang, "模拟数据 · 非真实净值", "Synthetic data · not a real NAV"),
        transform=ax.transAxes, ha="right", va="top", fontsize=15, color="#B00020",
        fontweight=_bold(lang),
        bbox={"boxstyle": "round,pad=0.35", "facecolor": "#FFF0F0", "edgecolor": "#B00020"},
    )


def _amount_axis(ax, lang: str, axis: str = "y") -> None:
    """Tick labels as customers read amounts: 1,000,000 or 100万."""
    from matplotlib.ticker import FuncFormatter

    from .money import format_amount

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

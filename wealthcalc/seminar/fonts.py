"""Chinese fonts for the charts and the report: discovery, coverage and the English fallback.

Chinese labels need a font with Chinese glyphs. :func:`find_cjk_font` looks
for one shipped inside the installed ``mplfonts`` package (Noto Sans CJK SC),
then among the system's fonts (Noto Sans CJK, Source Han Sans, WenQuanYi,
SimHei, ...), and registers it with matplotlib for this process only. When
none is found a chart asked for in Chinese is drawn with English labels and a
:class:`FontFallbackWarning`: never boxes in place of characters.

>>> chart_lang("en")
'en'
"""

from __future__ import annotations

import functools
import importlib.util
import os
import shutil
import subprocess
import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

__all__ = ["ChartFont", "FontFallbackWarning", "chart_lang", "find_cjk_font", "font_covers"]


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
    by_family: dict[str, str] = {}
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


def _drawable(text: str) -> str:
    """``text`` without the characters no available font can draw (never boxes).

    With a CJK font everything stays; without one, characters outside
    DejaVu Sans (e.g. Chinese in a product name or source) are dropped.
    """
    if not text or find_cjk_font() is not None:
        return text
    charmap = _dejavu_charmap()
    kept = "".join(ch if ch.isspace() or ord(ch) in charmap else " " for ch in text)
    return " ".join(kept.split())


@functools.lru_cache(maxsize=1)
def _dejavu_charmap() -> frozenset[int]:
    import matplotlib
    from matplotlib import ft2font

    path = Path(matplotlib.get_data_path(), "fonts/ttf/DejaVuSans.ttf")
    return frozenset(ft2font.FT2Font(str(path)).get_charmap())


def chart_lang(lang: str) -> str:
    """The language a chart can really be drawn in: ``lang``, or "en" with a warning.

    Raises
    ------
    InputError
        for a language other than "zh" or "en".
    """
    from ..errors import InputError

    if lang not in ("zh", "en"):
        raise InputError("lang", lang, code="seminar.fonts.write_zh_or_en_english")
    if lang == "zh" and find_cjk_font() is None:
        from ..i18n import message

        warnings.warn(
            f"{message('seminar.fonts.fallback', 'zh')} — {message('seminar.fonts.fallback', 'en')}",
            FontFallbackWarning,
            stacklevel=3,
        )
        return "en"
    return lang

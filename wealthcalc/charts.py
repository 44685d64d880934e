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

from .navdata import describe_source

__all__ = [
    "ChartFont",
    "FontFallbackWarning",
    "chart_lang",
    "find_cjk_font",
    "font_covers",
    "plot_combined_loan",
    "plot_comparison",
    "plot_dca",
    "plot_every_start",
    "plot_loan",
    "plot_plan",
    "save_chart",
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
    from .errors import InputError

    if lang not in ("zh", "en"):
        raise InputError("lang", lang, 'write "zh" (中文) or "en" (English)',
                         hint_zh='语言请写 "zh"（中文）或 "en"（英文）')
    if lang == "zh" and find_cjk_font() is None:
        warnings.warn(
            "未找到中文字体，图表改用英文标注 — no font with Chinese characters found (install the "
            "'plot' extra: pip install 'wealthcalc[plot]'); chart labels are in English",
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
    import logging

    import matplotlib

    _use_agg()
    # the CJK fonts have one weight: matplotlib would log each bold fallback to regular
    log = logging.getLogger("matplotlib.font_manager")
    level = log.level
    log.setLevel(logging.ERROR)
    try:
        with matplotlib.rc_context(_style(lang)):
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


# Colour-blind-safe (Okabe-Ito), strong enough for a washed-out projector.
_PALETTE = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000"]


def _check_path(path: str | os.PathLike) -> Path:
    """The output path, checked; also checks that matplotlib (the ``plot`` extra) is installed."""
    from .errors import InputError

    if importlib.util.find_spec("matplotlib") is None:
        raise InputError("plot", str(path),
                         "charts need matplotlib: pip install 'wealthcalc[plot]' (matplotlib, mplfonts)",
                         hint_zh="画图需要 matplotlib：请运行 pip install 'wealthcalc[plot]'（matplotlib、mplfonts）")
    out = Path(path)
    if out.suffix.lower() not in SUFFIXES:
        raise InputError("path", str(path), "write a chart to a .png or .svg file",
                         hint_zh="图表文件请以 .png 或 .svg 结尾")
    if not out.parent.exists():
        raise InputError("path", str(path), f"the folder {str(out.parent)!r} does not exist",
                         hint_zh=f"文件夹 {str(out.parent)!r} 不存在；请先创建或换一个位置")
    return out


def _bold(lang: str) -> str:
    """Bold for Latin text; the bundled CJK fonts have one (regular) weight."""
    return "normal" if lang == "zh" else "bold"


def _text(lang: str, zh: str, en: str) -> str:
    return zh if lang == "zh" else en


def _figure(*, rows: int = 1, height: float = 6.75, sharex: bool = False):
    """A 16:9 figure with ``rows`` axes, styled for a projector."""
    from matplotlib.figure import Figure

    fig = Figure(figsize=(12, height), layout="constrained")
    axes = fig.subplots(rows, 1, sharex=sharex, squeeze=False)[:, 0]
    return fig, list(axes)


def _title(fig, lang: str, zh: str, en: str, *, warning: str = "") -> None:
    """The title above the axes; a Chinese chart carries the English title beneath it, smaller.

    ``warning`` adds a red line under the titles (e.g. "synthetic data").
    """
    lines = [(warning, 16, _bold(lang), "#B00020")] if warning else []
    lines += [(en, 15, "normal", "#555555")] if lang == "zh" else []
    lines.append((zh if lang == "zh" else en, 25, _bold(lang), "#000000"))
    offset = 10
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
        1.0, 1.02, _text(lang, "模拟数据 · 非真实净值", "Synthetic data · not a real NAV"),
        transform=ax.transAxes, ha="right", va="bottom", fontsize=15, color="#B00020",
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


def _x_axis(schedule: Any) -> tuple[Any, str, str]:
    """Dates when the loan has a start date, else loan years (period / 12)."""
    import numpy as np

    if schedule.start is not None:
        return schedule.date.astype("datetime64[D]"), "日期", "Date"
    return np.asarray(schedule.period) / 12.0, "贷款年数", "Loan year"


def _balance_line(schedule: Any) -> tuple[Any, Any]:
    """The balance from drawdown (the full loan) to the last payment."""
    import numpy as np

    x, _, _ = _x_axis(schedule)
    first = np.datetime64(schedule.start, "D") if schedule.start is not None else 0.0
    return (np.concatenate([np.array([first], dtype=x.dtype), x]),
            np.concatenate([[schedule.loan_amount], np.asarray(schedule.balance)]))


# ---------------------------------------------------------------- loans


def plot_loan(
    schedule: Any,
    path: str | os.PathLike,
    *,
    lang: str = "zh",
    baseline: Any = None,
    source: str = "",
) -> Path:
    """Loan balance and the interest/principal split of each payment over time.

    Parameters
    ----------
    schedule : a :class:`wealthcalc.loans.Schedule` (with or without prepayments).
    path : a .png or .svg file to write.
    lang : "zh" or "en" (English, with a warning, when no Chinese font exists).
    baseline : the same loan's Schedule without prepayments, drawn dashed
        for comparison (e.g. ``amortize(...)`` with ``prepayments=()``).
    source : where the rate comes from, for the footnote (e.g. "LPR 2025-05-20").

    Returns
    -------
    Path of the file written.

    Notes
    -----
    Top: remaining balance after each payment, with and without prepayment;
    prepayments are marked where they happen. Bottom: each regular payment
    split into principal and interest (stacked); prepaid principal is left
    out there so one large prepayment does not flatten the months.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from wealthcalc import loans
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> s = loans.amortize(1_000_000, 0.0315, 360, prepayments=[(36, 200_000, "shorten")])
    >>> plot_loan(s, folder / "loan.png", baseline=loans.amortize(1_000_000, 0.0315, 360)).name
    'loan.png'
    """
    import numpy as np

    out = _check_path(path)
    lang = chart_lang(lang)
    t = functools.partial(_text, lang)
    with _drawing(lang):
        fig, (top, bottom) = _figure(rows=2, height=9.5, sharex=True)
        x, xzh, xen = _x_axis(schedule)
        if baseline is not None:
            bx, _, _ = _x_axis(baseline)
            top.plot(*_balance_line(baseline), "--", color="#777777", linewidth=2.5,
                     label=t("不提前还款", "Without prepayment"))
        has_prepay = float(np.sum(schedule.prepaid)) > 0
        top.plot(*_balance_line(schedule), color=_PALETTE[0],
                 label=t("提前还款后" if has_prepay else "剩余本金",
                         "With prepayment" if has_prepay else "Balance"))
        for i in np.flatnonzero(np.asarray(schedule.prepaid) > 0):
            top.axvline(x[i], color=_PALETTE[1], linewidth=1.5, linestyle=":")
            top.annotate(
                t(f"提前还款 {_money(schedule.prepaid[i], lang)}",
                  f"Prepaid {_money(schedule.prepaid[i], lang)}"),
                (x[i], schedule.balance[i]), xytext=(14, -44), textcoords="offset points",
                fontsize=14, color=_PALETTE[1],
            )
        top.set_ylabel(t("剩余本金（元）", "Balance (yuan)"))
        top.set_ylim(bottom=0)
        _amount_axis(top, lang)
        top.legend(loc="upper right")
        top.set_title(t("剩余本金", "Remaining balance"), loc="left", fontsize=18)

        regular = np.asarray(schedule.principal) - np.asarray(schedule.prepaid)
        bottom.stackplot(x, regular, schedule.interest, colors=[_PALETTE[2], _PALETTE[1]],
                         alpha=0.85, labels=[t("本金", "Principal"), t("利息", "Interest")],
                         step="post" if len(x) < 60 else None)
        if baseline is not None:
            bottom.plot(bx, np.asarray(baseline.payment) - np.asarray(baseline.prepaid),
                        "--", color="#777777", linewidth=2, label=t("不提前还款月供", "Payment without prepayment"))
        bottom.set_ylabel(t("每期还款（元）", "Payment (yuan)"))
        bottom.set_xlabel(t(xzh, xen))
        peak = float(np.max(np.asarray(schedule.payment) - np.asarray(schedule.prepaid)))
        if baseline is not None:
            peak = max(peak, float(np.max(np.asarray(baseline.payment) - np.asarray(baseline.prepaid))))
        bottom.set_ylim(0, peak * 1.3)
        _amount_axis(bottom, lang)
        bottom.legend(loc="upper center", ncols=3)
        bottom.set_title(t("每期还款构成", "Each payment: principal and interest"), loc="left",
                         fontsize=18)

        method = getattr(schedule.method, "value", str(schedule.method))
        method_text = {
            "equal_installment": ("等额本息", "equal installment"),
            "equal_principal": ("等额本金", "equal principal"),
            "interest_only": ("先息后本", "interest only"),
        }.get(method, (method, method))
        years = schedule.term_months / 12
        term = f"{years:g}" if years.is_integer() else f"{schedule.term_months}"
        unit_zh, unit_en = ("年", " years") if years.is_integer() else ("个月", " months")
        _title(
            fig, lang,
            f"贷款 {_money(schedule.loan_amount, lang)} · {term}{unit_zh} · {method_text[0]}",
            f"Loan {_money(schedule.loan_amount, 'en')} · {term}{unit_en} · {method_text[1]}",
        )
        rate = _pct(schedule.annual_rate)
        final = float(schedule.rate[-1]) if len(schedule.rate) else schedule.annual_rate
        if round(final, 7) != round(schedule.annual_rate, 7):  # repriced or changed: first → last
            rate = f"{rate} → {_pct(final)}"
        facts = [
            t(f"年利率 {rate}", f"Annual rate {rate}"),
            t(f"首期月供 {_money(schedule.first_payment, lang)}",
              f"First payment {_money(schedule.first_payment, lang)}"),
            t(f"总利息 {_money(schedule.total_interest, lang)}",
              f"Total interest {_money(schedule.total_interest, lang)}"),
        ]
        if schedule.interest_saved:
            facts.append(t(f"节省利息 {_money(schedule.interest_saved, lang)}",
                           f"Interest saved {_money(schedule.interest_saved, lang)}"))
        if baseline is not None and baseline.months != schedule.months:
            facts.append(t(f"提前 {baseline.months - schedule.months} 个月还清",
                           f"Paid off {baseline.months - schedule.months} months early"))
        if origin := _drawable(source):
            facts.append(t(f"利率来源：{origin}", f"Rate source: {origin}"))
        _footnote(fig, facts)
        return _save(fig, out)


def plot_combined_loan(
    loan: Any,
    path: str | os.PathLike,
    *,
    lang: str = "zh",
    source: str = "",
) -> Path:
    """A combined loan (组合贷款): both parts' balances, and each month's payment by part.

    Parameters
    ----------
    loan : a :class:`wealthcalc.loans.CombinedSchedule` (from ``loans.combined``).
    path : a .png or .svg file to write.
    lang : "zh" or "en".
    source : where the rates come from, for the footnote.

    Notes
    -----
    Top: the provident-fund and commercial balances stacked, so the top edge
    is the total owed. Bottom: each month's payment, provident part and
    commercial part stacked.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from wealthcalc import loans
    >>> c = loans.combined((600_000, 0.026), (1_000_000, 0.035), 360)
    >>> plot_combined_loan(c, pathlib.Path(tempfile.mkdtemp(), "combined.png")).name
    'combined.png'
    """
    import numpy as np

    out = _check_path(path)
    lang = chart_lang(lang)
    t = functools.partial(_text, lang)
    prov, comm = loan.provident, loan.commercial
    longer = prov if prov.months >= comm.months else comm
    x, xzh, xen = _x_axis(longer)
    n = loan.months

    def padded(values: Any, months: int) -> Any:
        out_values = np.zeros(n)
        out_values[:months] = values
        return out_values

    with _drawing(lang):
        fig, (top, bottom) = _figure(rows=2, height=9.5, sharex=True)
        bx, _ = _balance_line(longer)
        top.stackplot(bx, np.concatenate([[prov.loan_amount], padded(prov.balance, prov.months)]),
                      np.concatenate([[comm.loan_amount], padded(comm.balance, comm.months)]),
                      colors=[_PALETTE[2], _PALETTE[0]], alpha=0.85,
                      labels=[t("公积金贷款", "Provident-fund loan"), t("商业贷款", "Commercial loan")])
        top.set_ylabel(t("剩余本金（元）", "Balance (yuan)"))
        top.set_ylim(bottom=0)
        _amount_axis(top, lang)
        top.legend(loc="upper right")
        top.set_title(t("剩余本金", "Remaining balance"), loc="left", fontsize=18)
        bottom.stackplot(x, padded(prov.payment, prov.months), padded(comm.payment, comm.months),
                         colors=[_PALETTE[2], _PALETTE[0]], alpha=0.85,
                         labels=[t("公积金月供", "Provident part"), t("商贷月供", "Commercial part")])
        bottom.set_ylim(0, float(np.max(loan.payment)) * 1.3)
        bottom.set_ylabel(t("每期还款（元）", "Payment (yuan)"))
        bottom.set_xlabel(t(xzh, xen))
        _amount_axis(bottom, lang)
        bottom.legend(loc="upper center", ncols=2)
        bottom.set_title(t("每期还款构成", "Each payment by part"), loc="left", fontsize=18)
        total = prov.loan_amount + comm.loan_amount
        _title(fig, lang, f"组合贷款 {_money(total, lang)} · 首期月供 {_money(loan.first_payment, lang)}",
               f"Combined loan {_money(total, 'en')} · first payment {_money(loan.first_payment, 'en')}")
        facts = [
            t(f"公积金 {_money(prov.loan_amount, lang)} @ {_pct(prov.annual_rate)}",
              f"provident {_money(prov.loan_amount, lang)} at {_pct(prov.annual_rate)}"),
            t(f"商贷 {_money(comm.loan_amount, lang)} @ {_pct(comm.annual_rate)}",
              f"commercial {_money(comm.loan_amount, lang)} at {_pct(comm.annual_rate)}"),
            t(f"总利息 {_money(loan.total_interest, lang)}", f"total interest {_money(loan.total_interest, lang)}"),
        ]
        if origin := _drawable(source):
            facts.append(t(f"利率来源：{origin}", f"Rate source: {origin}"))
        _footnote(fig, facts)
        return _save(fig, out)


def _money(amount: float, lang: str) -> str:
    """An amount as a customer reads it: 1,234.56 元 / 123.46万元."""
    from .money import format_amount

    text = format_amount(float(amount), lang, compact=True)
    if text.endswith(".00"):
        text = text[:-3]
    if lang == "zh":
        return text + "元"
    return text


def _full(amount: float) -> str:
    """An amount to the fen with separators (for values that differ by little)."""
    from .money import format_amount

    return format_amount(float(amount))


def _pct(rate: float | None, digits: int = 2) -> str:
    from .money import format_rate

    return format_rate(rate, digits)


# ---------------------------------------------------------------- product comparison

# Risk grades R1 (lowest) … R5, green to red; None (deposit alternatives) as R1.
_RISK_COLOURS = {1: "#2E7D32", 2: "#7CB342", 3: "#F9A825", 4: "#EF6C00", 5: "#C62828"}


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


def plot_comparison(
    comparison: Any,
    path: str | os.PathLike,
    *,
    lang: str = "zh",
    top: int = 12,
    source: str = "",
) -> Path:
    """Products ranked by what the customer holds at the horizon, coloured by risk level.

    Parameters
    ----------
    comparison : a :class:`wealthcalc.yields.Comparison` (from ``yields.compare``).
    path : a .png or .svg file to write.
    lang : "zh" or "en" (product names in the chosen language).
    top : how many ranked rows to draw (best first).
    source : the deposit rate table's name and source, for the footnote.

    Notes
    -----
    One bar per product: its net income at the horizon (net amount − amount,
    after every fee, tax and idle day), labelled with the net amount and the
    net annual rate. Colour is the risk grade R1–R5; deposits say they are
    covered by deposit insurance; a product that locks the money past the
    horizon is drawn pale and marked, as the comparison ranks it last.
    The footnote gives the rows' data dates and the rate table.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from wealthcalc import yields
    >>> out = pathlib.Path(tempfile.mkdtemp(), "compare.svg")
    >>> plot_comparison(yields.compare(100_000, 365), out, lang="en", top=8).suffix
    '.svg'
    """
    from matplotlib.patches import Patch

    out = _check_path(path)
    lang = chart_lang(lang)
    t = functools.partial(_text, lang)
    rows = list(comparison.ranked)[: max(int(top), 1)]
    with _drawing(lang):
        fig, (ax,) = _figure(height=max(5.0, 0.8 * len(rows) + 2.6))
        labels, incomes, colours, notes = [], [], [], []
        for row in rows:
            name = row.name if lang == "zh" else (row.name_en or row.name)
            labels.append(f"{row.rank}. {_short(_drawable(name) or row.id)}")
            incomes.append(row.net_amount - comparison.amount)
            colours.append(_RISK_COLOURS.get(row.risk or 1, "#777777"))
            note = t(f"{_full(row.net_amount)}元 · 年化 {_pct(row.net_annual_rate)}",
                     f"{_full(row.net_amount)} · {_pct(row.net_annual_rate)} a year")
            if row.insured in ("yes", "partial"):
                note += t(" · 存款保险", " · deposit insurance")
            if row.locked_past_horizon_days:
                note += t(f" · 需再锁定{row.locked_past_horizon_days}天",
                          f" · locked {row.locked_past_horizon_days} more days")
            notes.append(note)
        y = list(range(len(rows)))[::-1]
        bars = ax.barh(y, incomes, color=colours, height=0.7)
        for bar, row in zip(bars, rows):
            if row.locked_past_horizon_days:
                bar.set_alpha(0.35)
                bar.set_hatch("//")
        span = max([abs(v) for v in incomes] + [1.0])
        for yy, value, note in zip(y, incomes, notes):
            ax.text(max(value, 0) + span * 0.01, yy, note, va="center", ha="left", fontsize=14)
        ax.set_yticks(y, labels)
        ax.set_xlim(min(0, min(incomes, default=0)) * 1.1, span * 1.9)
        ax.grid(axis="y", visible=False)
        ax.axvline(0, color="#000000", linewidth=1)
        ax.set_xlabel(t("到期净收益（元，扣除费用、税和资金闲置）",
                        "Net income at the horizon (yuan, after fees, tax and idle days)"))
        _amount_axis(ax, lang, "x")
        from matplotlib.ticker import MaxNLocator

        ax.xaxis.set_major_locator(MaxNLocator(5))
        grades = sorted({row.risk or 1 for row in rows})
        ax.legend(handles=[Patch(color=_RISK_COLOURS[g], label=f"R{g}") for g in grades],
                  title=t("风险等级", "Risk level"), loc="lower right", ncols=len(grades),
                  bbox_to_anchor=(1.0, 1.0), alignment="right")
        _title(
            fig, lang,
            f"{_money(comparison.amount, lang)} 持有 {comparison.days} 天：到期可得多少",
            f"What {_money(comparison.amount, 'en')} becomes in {comparison.days} days",
        )
        dates = sorted({row.as_of for row in rows if row.as_of is not None})
        facts = [t(f"存款利率表 {comparison.rate_table}", f"deposit rate table {comparison.rate_table}")]
        if origin := _drawable(source):
            facts.append(t(f"来源：{origin}", f"source: {origin}"))
        if dates:
            span_text = dates[0].isoformat() if len(dates) == 1 else f"{dates[0]} … {dates[-1]}"
            facts.append(t(f"数据日期 {span_text}", f"data as of {span_text}"))
        if len(dates) > 1 and (dates[-1] - dates[0]).days > 365:
            facts.append(t("早年产品仅作历史参考，并非当前在售利率",
                           "old offers are history, not today's rates"))
        if any(row.locked_past_horizon_days for row in rows):
            facts.append(t("浅色斜线：到期日晚于所选期限", "pale hatched: matures after the horizon"))
        _footnote(fig, facts)
        return _save(fig, out)


# ---------------------------------------------------------------- deposit plans

_PRODUCT_COLOURS = {
    "fixed": "#0072B2", "large_cd": "#009E73", "installment": "#E69F00",
    "interest_payout": "#CC79A7", "notice_1d": "#56B4E9", "notice_7d": "#56B4E9",
    "demand": "#BBBBBB", "reserve": "#888888",
}
_MAX_POTS = 15


def _plan_title(plan: Any) -> tuple[str, str]:
    """The question the plan answers, in Chinese and English."""
    zh_amount = _money(plan.amount or 0.0, "zh")
    en_amount = _money(plan.amount or 0.0, "en")
    monthly_zh, monthly_en = _money(plan.monthly or 0.0, "zh"), _money(plan.monthly or 0.0, "en")
    target_zh, target_en = _money(plan.target or 0.0, "zh"), _money(plan.target or 0.0, "en")
    return {
        "max_value": (f"{zh_amount} 存 {plan.months} 个月：本息最多的组合",
                      f"{en_amount} for {plan.months} months: the largest value"),
        "shortest_term": (f"{zh_amount} 最快 {plan.months} 个月达到 {target_zh}",
                          f"{en_amount} reaches {target_en} in {plan.months} months at the soonest"),
        "monthly_max_value": (f"每月 {monthly_zh} 存 {plan.months} 个月：本息最多的组合",
                              f"{monthly_en} a month for {plan.months} months: the largest value"),
        "monthly_shortest_term": (f"每月 {monthly_zh} 最快 {plan.months} 个月达到 {target_zh}",
                                  f"{monthly_en} a month reaches {target_en} in {plan.months} months"),
        "monthly_required": (f"{plan.months} 个月达到 {target_zh}：每月需存 {monthly_zh}",
                             f"{target_en} in {plan.months} months needs {monthly_en} a month"),
    }.get(plan.mode, ("组合存款方案", "Combined deposit plan"))


def plot_plan(
    plan: Any,
    path: str | os.PathLike,
    *,
    lang: str = "zh",
    source: str = "",
) -> Path:
    """A deposit plan's timeline: each leg a bar from its start to its maturity.

    Parameters
    ----------
    plan : a :class:`wealthcalc.plans.Plan` (any of the five modes).
    path : a .png or .svg file to write.
    lang : "zh" or "en".
    source : the rate table's name, source and date, for the footnote.

    Notes
    -----
    One row per pot of money (the legs that roll into each other), months
    (or dates, with a start date) across. Each bar is coloured by product
    (整存整取, 大额存单, 零存整取, 通知存款, 活期) and, where it is wide enough,
    labelled with the amount and the rate. The footnote gives the value,
    the interest and tax, and what the best naive choice would have ended with.
    At most 15 pots are drawn (a slide stays readable); the footnote says when more were left out.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from wealthcalc import plans
    >>> out = pathlib.Path(tempfile.mkdtemp(), "plan.png")
    >>> plot_plan(plans.max_value(100_000, 36), out).exists()
    True
    """
    from matplotlib.patches import Patch
    from matplotlib.ticker import FuncFormatter, MultipleLocator

    out = _check_path(path)
    lang = chart_lang(lang)
    t = functools.partial(_text, lang)
    pots = sorted({leg.pot for leg in plan.legs})
    shown = pots[:_MAX_POTS]
    row_of = {pot: i for i, pot in enumerate(shown)}
    with _drawing(lang):
        fig, (ax,) = _figure(height=max(4.5, 0.55 * len(shown) + 3.0))
        used = []
        for leg in plan.legs:
            if leg.pot not in row_of:
                continue
            y = row_of[leg.pot]
            colour = _PRODUCT_COLOURS.get(leg.product, "#777777")
            ax.barh(y, leg.months, left=leg.start_month, height=0.7, color=colour,
                    edgecolor="white", linewidth=1.5)
            if leg.product not in used:
                used.append(leg.product)
            if leg.months >= max(plan.months * 0.18, 2):
                label = f"{_money(leg.amount, lang)} · {_pct(leg.annual_rate)}"
                ax.text(leg.start_month + leg.months / 2, y, label, ha="center", va="center",
                        fontsize=13, color="white" if leg.product not in ("demand", "reserve") else "black")
        ax.set_yticks(range(len(shown)),
                      [t(f"第{p + 1}笔", f"Pot {p + 1}") for p in shown])
        ax.invert_yaxis()
        ax.set_xlim(0, plan.months)
        ax.grid(axis="y", visible=False)
        ax.xaxis.set_major_locator(MultipleLocator(_month_step(plan.months)))
        if plan.start_date is not None:
            ax.xaxis.set_major_formatter(FuncFormatter(
                lambda m, _p: _month_label(plan.start_date, int(round(m)))))
            ax.set_xlabel(t("日期", "Date"))
        else:
            ax.set_xlabel(t("月份（从存入起）", "Month (from the first deposit)"))
        names = {leg.product: (leg.name, leg.name_en) for leg in plan.legs}
        ax.legend(handles=[Patch(color=_PRODUCT_COLOURS.get(k, "#777777"),
                                 label=names[k][0] if lang == "zh" else names[k][1]) for k in used],
                  loc="lower right", bbox_to_anchor=(1.0, 1.0), ncols=min(len(used), 4))
        _title(fig, lang, *_plan_title(plan))
        facts = [
            t(f"到期本息 {_full(plan.value)}元", f"Value {_full(plan.value)}"),
            t(f"本金 {_full(plan.principal)}元", f"principal {_full(plan.principal)}"),
            t(f"利息 {_full(plan.interest)}元", f"interest {_full(plan.interest)}"),
        ]
        if plan.tax:
            facts.append(t(f"利息税 {_full(plan.tax)}元", f"tax {_full(plan.tax)}"))
        for alt in sorted(plan.alternatives, key=lambda a: a.shortfall)[:2]:
            if alt.shortfall > 0:
                facts.append(t(f"比「{alt.name}」多得 {_full(alt.shortfall)}元",
                               f"{_full(alt.shortfall)} more than {alt.name_en}"))
            else:
                facts.append(t(f"与「{alt.name}」结果相同", f"same as {alt.name_en}"))
        if len(pots) > len(shown):
            facts.append(t(f"仅显示前 {len(shown)} 笔（共 {len(pots)} 笔）",
                           f"first {len(shown)} of {len(pots)} pots shown"))
        if origin := _drawable(source):
            facts.append(t(f"利率来源：{origin}", f"Rates: {origin}"))
        _footnote(fig, facts)
        return _save(fig, out)


def _month_step(months: int) -> int:
    """Tick spacing for a horizon of ``months``: whole quarters, half-years or years."""
    for step, most in ((1, 12), (3, 24), (6, 72), (12, 180)):
        if months <= most:
            return step
    return 60 if months > 480 else 24


def _month_label(start: Any, months: int) -> str:
    """YYYY-MM of the month ``months`` after ``start``."""
    total = start.year * 12 + start.month - 1 + months
    return f"{total // 12}-{total % 12 + 1:02d}"


# ---------------------------------------------------------------- fund DCA


def _gain_colours(lang: str) -> tuple[str, str]:
    """(gain, loss) colours: red for gains in Chinese charts (A-share custom), green in English."""
    return ("#C62828", "#2E7D32") if lang == "zh" else ("#2E7D32", "#C62828")


def _held_path(backtest: Any, nav: Any):
    """Dates, NAV, invested and position value on each NAV date of the plan.

    Shares held come from the lots (each from its dealt date) and the
    reinvested dividends and splits of ``backtest.events``; cash dividends
    count from the day they are paid. The last point is the back-test's own
    market value plus cash dividends.
    """
    import numpy as np

    first = np.datetime64(backtest.first_date, "D")
    last = np.datetime64(backtest.value_date, "D")
    dates = np.asarray(nav.dates, dtype="datetime64[D]")
    keep = (dates >= first) & (dates <= last)
    dates, prices = dates[keep], np.asarray(nav.nav)[keep]
    dealt = np.asarray(backtest.dealt_dates, dtype="datetime64[D]")
    pos = np.searchsorted(dates, dealt)
    delta = np.zeros(len(dates))  # change of shares held on each NAV date
    cash = np.zeros(len(dates))  # cash dividends received
    invested = np.zeros(len(dates))
    np.add.at(delta, pos, np.asarray(backtest.lot_shares))
    np.add.at(invested, pos, np.asarray(backtest.amounts))
    for event in backtest.events:  # in date order, as the back-test applied them
        at = int(np.searchsorted(dates, np.datetime64(event["date"], "D")))
        if event.get("kind") == "split":  # lots bought before the split date, now event["shares"]
            delta[at] += event["shares"] - delta[:at].sum()
        elif event.get("shares"):  # a reinvested dividend
            delta[at] += event["shares"]
        else:  # a dividend paid in cash
            cash[at] += event.get("cash", 0.0)
    held = np.cumsum(delta)
    value = held * prices + np.cumsum(cash)
    if len(value):
        value[-1] = backtest.market_value + backtest.cash_dividends
    return dates, prices, np.cumsum(invested), value


def plot_dca(
    backtest: Any,
    path: str | os.PathLike,
    *,
    lang: str = "zh",
    nav: Any = None,
) -> Path:
    """A DCA back-test: NAV against the average cost, and position value against money invested.

    Parameters
    ----------
    backtest : a :class:`wealthcalc.dca.DcaBacktest` (from ``dca.simulate``).
    path : a .png or .svg file to write.
    lang : "zh" or "en".
    nav : the :class:`~wealthcalc.navdata.NavSeries` the back-test ran on.
        With it the NAV and the position value are drawn on every NAV date;
        without it, on the installment dates only (shares bought so far at
        each installment's NAV, so dividends and splits show only at the end).

    Notes
    -----
    Top: NAV, each installment's price (dots) and the running average cost
    (invested ÷ shares held). Bottom: money invested so far (steps) and the
    position's value, the gap shaded as gain or loss (red gains in Chinese
    charts, as A-share screens show them; green in English ones). A
    synthetic NAV is labelled "synthetic data" on the chart.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from wealthcalc import dca
    >>> nav = dca.synthetic_nav(days=800, seed=1)
    >>> out = pathlib.Path(tempfile.mkdtemp(), "dca.png")
    >>> plot_dca(dca.simulate(nav, 1000, day=8), out, nav=nav).read_bytes()[:4]
    b'\x89PNG'
    """
    import numpy as np

    out = _check_path(path)
    lang = chart_lang(lang)
    t = functools.partial(_text, lang)
    dealt = np.asarray(backtest.dealt_dates, dtype="datetime64[D]")
    shares_cum = np.cumsum(np.asarray(backtest.lot_shares))
    invested_cum = np.cumsum(np.asarray(backtest.amounts))
    if nav is not None:
        dates, prices, invested, value = _held_path(backtest, nav)
    else:
        dates = np.append(dealt, np.datetime64(backtest.value_date, "D"))
        prices = np.append(np.asarray(backtest.navs), backtest.value_nav)
        invested = np.append(invested_cum, invested_cum[-1])
        value = np.append(shares_cum * np.asarray(backtest.navs),
                          backtest.market_value + backtest.cash_dividends)
    gain, loss = _gain_colours(lang)
    with _drawing(lang):
        fig, (top, bottom) = _figure(rows=2, height=9.5, sharex=True)
        top.plot(dates, prices, color=_PALETTE[0], linewidth=2,
                 label=t("基金单位净值", "Fund NAV"))
        top.scatter(dealt, backtest.navs, s=36, color=_PALETTE[0], zorder=3,
                    label=t("每期买入价", "Price of each installment"))
        top.step(np.append(dealt, np.datetime64(backtest.value_date, "D")),
                 np.append(invested_cum / shares_cum, backtest.average_cost), where="post",
                 color=_PALETTE[1], linestyle="--", linewidth=3,
                 label=t(f"平均成本 {backtest.average_cost:.4f}",
                         f"Average cost {backtest.average_cost:.4f}"))
        top.set_ylabel(t("单位净值（元）", "NAV (yuan)"))
        top.legend(loc="upper left")
        top.set_title(t("净值与平均成本", "NAV and average cost"), loc="left", fontsize=18)

        bottom.step(dates, invested, where="post", color="#555555", linewidth=2.5,
                    label=t("累计投入", "Invested"))
        bottom.plot(dates, value, color=_PALETTE[0], linewidth=2.5,
                    label=t("持仓市值", "Position value"))
        bottom.fill_between(dates, invested, value, where=value >= invested, color=gain,
                            alpha=0.25, interpolate=True, step=None, label=t("浮盈", "Gain"))
        bottom.fill_between(dates, invested, value, where=value < invested, color=loss,
                            alpha=0.25, interpolate=True, label=t("浮亏", "Loss"))
        bottom.set_ylabel(t("金额（元）", "Amount (yuan)"))
        bottom.set_ylim(bottom=0)
        _amount_axis(bottom, lang)
        bottom.legend(loc="upper left", ncols=2)
        bottom.set_title(t("累计投入与持仓市值", "Money invested and position value"), loc="left",
                         fontsize=18)
        if backtest.synthetic:
            _synthetic_badge(top, lang)
        kind = t("智能定投", "Smart DCA") if backtest.kind == "smart" else t("基金定投", "Fund DCA")
        _title(fig, lang,
               f"{kind} {backtest.installments} 期 · 定投收益率 {_pct(backtest.holding_return)}",
               f"{'Smart DCA' if backtest.kind == 'smart' else 'Fund DCA'}, "
               f"{backtest.installments} installments · holding return "
               f"{_pct(backtest.holding_return)}")
        facts = [
            t(f"累计投入 {_money(backtest.invested, lang)}", f"Invested {_money(backtest.invested, lang)}"),
            t(f"市值 {_money(backtest.market_value, lang)}",
              f"Market value {_money(backtest.market_value, lang)}"),
            t(f"年化(XIRR) {_pct(backtest.xirr)}", f"XIRR {_pct(backtest.xirr)} a year"),
            t(f"最大回撤 {_pct(backtest.max_drawdown)}", f"Max drawdown {_pct(backtest.max_drawdown)}"),
            t(f"估值日 {backtest.value_date.isoformat()}", f"valued {backtest.value_date.isoformat()}"),
        ]
        source = _drawable(describe_source(backtest.source, lang))
        if source:
            facts.append(t(f"净值来源：{source}", f"NAV source: {source}"))
        _footnote(fig, facts)
        return _save(fig, out)


def _zero_edged_bins(values: Any, count: int = 40) -> Any:
    """About ``count`` equal bins with 0 on an edge, so no bar mixes gains and losses."""
    import numpy as np

    if len(values) == 0:
        return np.array([-1.0, 0.0, 1.0])
    low, high = float(values.min()), float(values.max())
    width = (high - low) / count or 1.0
    return np.arange(np.floor(low / width), np.ceil(high / width) + 1) * width


def plot_every_start(
    every: Any,
    path: str | os.PathLike,
    *,
    lang: str = "zh",
    measure: str = "holding_return",
) -> Path:
    """How a DCA plan would have ended from every possible start: one histogram per holding period.

    Parameters
    ----------
    every : a :class:`wealthcalc.dca.EveryStart` (from ``dca.every_start``).
    path : a .png or .svg file to write.
    lang : "zh" or "en".
    measure : "holding_return" (定投收益率) or "xirr" (annualized).

    Notes
    -----
    Each panel shows the spread of outcomes over the start dates, a line at
    zero, the median, and the 定投胜率 (share of starts that ended in profit).
    Bars are coloured by sign (gain / loss, as in :func:`plot_dca`).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from wealthcalc import dca
    >>> every = dca.every_start(dca.synthetic_nav(days=800, seed=1), 1000, years=(1, 2))
    >>> plot_every_start(every, pathlib.Path(tempfile.mkdtemp(), "every.png")).name
    'every.png'
    """
    import numpy as np

    from .errors import InputError

    if measure not in ("holding_return", "xirr"):
        raise InputError("measure", measure, 'write "holding_return" or "xirr"',
                         hint_zh='请写 "holding_return"（持有收益率）或 "xirr"（年化收益率）')
    out = _check_path(path)
    lang = chart_lang(lang)
    t = functools.partial(_text, lang)
    periods = list(every.periods)
    gain, loss = _gain_colours(lang)
    with _drawing(lang):
        fig, axes = _figure(rows=len(periods), height=max(4.2, 3.3 * len(periods) + 1.2),
                            sharex=True)
        for ax, period in zip(axes, periods):
            values = np.asarray(getattr(period, measure), dtype=float) * 100
            values = values[np.isfinite(values)]
            counts, edges = np.histogram(values, bins=_zero_edged_bins(values))
            centres = (edges[:-1] + edges[1:]) / 2
            ax.bar(centres, counts, width=np.diff(edges), align="center",
                   color=np.where(centres >= 0, gain, loss), alpha=0.8)
            ax.axvline(0, color="#000000", linewidth=1.5)
            median = period.median_return if measure == "holding_return" else period.median_xirr
            ax.axvline(median * 100, color=_PALETTE[0], linewidth=2.5, linestyle="--")
            ax.set_title(
                t(f"持有 {period.years} 年 · {period.starts} 个起点 · 胜率 {_pct(period.win_rate, 1)}"
                  f" · 中位数 {_pct(median, 1)}",
                  f"{period.years}-year plans · {period.starts} starts · "
                  f"{_pct(period.win_rate, 1)} ended in profit · median {_pct(median, 1)}"),
                loc="left", fontsize=17,
            )
            ax.set_ylabel(t("起点数", "Starts"))
        from matplotlib.lines import Line2D
        from matplotlib.patches import Patch
        from matplotlib.ticker import FuncFormatter, MaxNLocator

        for ax in axes:  # counts of start dates: whole-number ticks
            ax.yaxis.set_major_locator(MaxNLocator(nbins="auto", integer=True))

        axes[0].legend(handles=[Patch(color=gain, label=t("盈利", "Gain")),
                                Patch(color=loss, label=t("亏损", "Loss")),
                                Line2D([], [], color=_PALETTE[0], linestyle="--", label=t("中位数", "Median"))],
                       loc="upper right")
        axes[-1].xaxis.set_major_formatter(FuncFormatter(lambda v, _p: f"{v:.0f}%"))
        axes[-1].set_xlabel(t("定投收益率" if measure == "holding_return" else "年化收益率（XIRR）",
                              "Holding return" if measure == "holding_return" else "XIRR (a year)"))
        _title(fig, lang, "每个起点开始定投的结果分布", "DCA outcomes from every start date",
               warning=_text(lang, "模拟数据 · 非真实净值", "Synthetic data · not a real NAV")
               if every.synthetic else "")
        facts = [t(f"每期 {_money(every.amount, lang)}", f"{_money(every.amount, lang)} each time"),
                 t(f"申购费率 {_pct(every.fee_rate)} × 折扣 {every.discount:g}",
                   f"fee {_pct(every.fee_rate)} × discount {every.discount:g}")]
        source = _drawable(describe_source(every.source, lang))
        if source:
            facts.append(t(f"净值来源：{source}", f"NAV source: {source}"))
        _footnote(fig, facts)
        return _save(fig, out)


# ---------------------------------------------------------------- dispatch

# (module, class name) of a result -> name of the chart function drawing it.
_DISPATCH = {
    ("wealthcalc.loans", "Schedule"): "plot_loan",
    ("wealthcalc.loans", "CombinedSchedule"): "plot_combined_loan",
    ("wealthcalc.yields", "Comparison"): "plot_comparison",
    ("wealthcalc.plans", "Plan"): "plot_plan",
    ("wealthcalc.dca", "DcaBacktest"): "plot_dca",
    ("wealthcalc.dca", "EveryStart"): "plot_every_start",
}


def save_chart(result: Any, path: str | os.PathLike, *, lang: str = "zh", **kw: Any) -> Path:
    """Draw any wealthcalc result that has a chart; the CLI's ``--plot FILE`` calls this.

    Dispatches on the result's type (a loan Schedule -> :func:`plot_loan`,
    ...); extra keywords go to that function.

    Raises
    ------
    InputError
        for a result with no chart, or a bad path or language.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from wealthcalc import loans
    >>> out = pathlib.Path(tempfile.mkdtemp(), "loan.svg")
    >>> save_chart(loans.amortize(300_000, 0.04, 36), out, lang="en") == out
    True
    """
    from .errors import InputError

    for cls in type(result).__mro__:
        name = _DISPATCH.get((cls.__module__, cls.__name__))
        if name is not None:
            return globals()[name](result, path, lang=lang, **kw)
    kinds = ", ".join(sorted(f"{m.split('.')[-1]}.{c}" for m, c in _DISPATCH))
    raise InputError("result", type(result).__name__, f"charts exist for: {kinds}",
                     hint_zh=f"只有以下结果能画图：{kinds}")

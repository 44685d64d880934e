"""Tests for wealthcalc.charts: font discovery, the English fallback, every chart."""

import subprocess
import sys
import warnings
import xml.etree.ElementTree as ET
from pathlib import Path

import matplotlib
import pytest
from matplotlib import font_manager

from wealthcalc import charts
from wealthcalc.errors import InputError

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
DEJAVU = Path(matplotlib.get_data_path(), "fonts/ttf/DejaVuSans.ttf")


@pytest.fixture
def no_cjk_font(monkeypatch):
    """Pretend no Chinese-capable font exists anywhere."""
    monkeypatch.setattr(charts, "_candidates", lambda: iter(()))
    charts.find_cjk_font.cache_clear()
    yield
    charts.find_cjk_font.cache_clear()


@pytest.fixture
def drawn(monkeypatch):
    """Collect the figures the chart functions save, to inspect their texts."""
    figures = []
    save = charts._save

    def keep(fig, path):
        figures.append(fig)
        return save(fig, path)

    monkeypatch.setattr(charts, "_save", keep)
    return figures


def texts_of(fig):
    from matplotlib.text import Text

    return [t for t in fig.findobj(Text) if t.get_text().strip() and t.get_visible()]


def assert_valid_file(path: Path):
    data = path.read_bytes()
    assert len(data) > 1000
    if path.suffix == ".png":
        assert data[:8] == PNG_MAGIC
    else:
        root = ET.fromstring(data)
        assert root.tag.endswith("svg")


def assert_zh_font_draws_every_text(fig):
    """Every label resolves to the CJK font, and that font has a glyph for each character."""
    font = charts.find_cjk_font()
    assert font is not None
    chinese = 0
    with matplotlib.rc_context(charts._style("zh")):
        for text in texts_of(fig):
            content = text.get_text()
            chinese += any("\u4e00" <= ch <= "\u9fff" for ch in content)
            resolved = font_manager.findfont(text.get_fontproperties(), fallback_to_default=False)
            assert Path(resolved) == Path(font.path), content
            assert charts.font_covers(resolved, content), content
    assert chinese > 0


def assert_english_only(fig):
    for text in texts_of(fig):
        content = text.get_text()
        assert charts.font_covers(DEJAVU, content), content


# ---------------------------------------------------------------- fonts and fallback


def test_a_cjk_font_ships_inside_mplfonts():
    font = charts.find_cjk_font()
    assert font is not None and font.source == "mplfonts"
    assert "mplfonts" in font.path and font.family == "Noto Sans CJK SC"
    assert charts.font_covers(font.path, "贷款余额 理财非存款、产品有风险、投资须谨慎 1,234万")
    # registered with matplotlib for this process
    assert font.family in {entry.name for entry in font_manager.fontManager.ttflist}


def test_font_covers_tells_latin_from_chinese():
    assert charts.font_covers(DEJAVU, "Loan balance 1,000")
    assert not charts.font_covers(DEJAVU, "贷款")
    assert not charts.font_covers("/no/such/font.ttf", "a")


def test_chart_lang_keeps_zh_when_a_font_exists():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert charts.chart_lang("zh") == "zh"
        assert charts.chart_lang("en") == "en"


def test_without_a_cjk_font_zh_falls_back_to_english_with_a_warning(no_cjk_font):
    with pytest.warns(charts.FontFallbackWarning, match="English"):
        assert charts.chart_lang("zh") == "en"
    assert charts.find_cjk_font() is None


def test_bad_lang_is_an_input_error():
    with pytest.raises(InputError) as caught:
        charts.chart_lang("fr")
    assert caught.value.field == "lang"


@pytest.mark.parametrize("name", ["chart.pdf", "chart", "no-such-dir/chart.png"])
def test_bad_path_is_an_input_error(tmp_path, name):
    with pytest.raises(InputError) as caught:
        charts._check_path(tmp_path / name)
    assert caught.value.field == "path"


def test_importing_charts_does_not_import_matplotlib():
    out = subprocess.run(
        [sys.executable, "-c", "import wealthcalc.charts, sys; print(' '.join(sys.modules))"],
        capture_output=True, text=True, check=True,
    )
    assert "matplotlib" not in out.stdout.split()


def test_amount_ticks_read_as_customers_read_them():
    from matplotlib.figure import Figure

    ax = Figure().subplots()
    charts._amount_axis(ax, "zh")
    fmt = ax.yaxis.get_major_formatter()
    assert fmt(1_000_000, 0) == "100万" and fmt(5_000, 0) == "5,000"
    charts._amount_axis(ax, "en")
    assert ax.yaxis.get_major_formatter()(1_000_000, 0) == "1,000,000"

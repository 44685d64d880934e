"""Tests for wealthcalc.charts: font discovery, the English fallback, every chart."""

import subprocess
import sys
import warnings
import xml.etree.ElementTree as ET
from pathlib import Path

import matplotlib
import pytest
from matplotlib import font_manager

import importlib.util

from wealthcalc import charts
from wealthcalc.seminar import chart_dca, chart_plans, chart_style, fonts
from wealthcalc.errors import InputError

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
DEJAVU = Path(matplotlib.get_data_path(), "fonts/ttf/DejaVuSans.ttf")


@pytest.fixture
def no_cjk_font(monkeypatch):
    """Pretend no Chinese-capable font exists anywhere."""
    monkeypatch.setattr(fonts, "_candidates", lambda: iter(()))
    charts.find_cjk_font.cache_clear()
    yield
    charts.find_cjk_font.cache_clear()


@pytest.fixture
def drawn(monkeypatch):
    """Collect the figures the chart functions save, to inspect their texts."""
    figures = []
    save = chart_style._save

    def keep(fig, path):
        figures.append(fig)
        return save(fig, path)

    monkeypatch.setattr(chart_style, "_save", keep)
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
    with matplotlib.rc_context(chart_style._style("zh")):
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
        chart_style._check_path(tmp_path / name)
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
    chart_style._amount_axis(ax, "zh")
    fmt = ax.yaxis.get_major_formatter()
    assert fmt(1_000_000, 0) == "100万" and fmt(5_000, 0) == "5,000"
    chart_style._amount_axis(ax, "en")
    assert ax.yaxis.get_major_formatter()(1_000_000, 0) == "1,000,000"


# ---------------------------------------------------------------- loans


@pytest.fixture(scope="module")
def loan_pair():
    import datetime as dt

    from wealthcalc import loans

    start = dt.date(2025, 6, 20)
    plain = loans.amortize(1_000_000, 0.0315, 360, start=start)
    prepaid = loans.amortize(1_000_000, 0.0315, 360, start=start,
                             prepayments=[(dt.date(2028, 6, 20), 200_000, "shorten")])
    return prepaid, plain


@pytest.mark.parametrize("suffix", [".png", ".svg"])
def test_loan_chart_with_prepayment_is_drawn_in_chinese(tmp_path, drawn, loan_pair, suffix):
    prepaid, plain = loan_pair
    out = charts.plot_loan(prepaid, tmp_path / f"loan{suffix}", baseline=plain, source="LPR 2025-05-20")
    assert out == tmp_path / f"loan{suffix}"
    assert_valid_file(out)
    assert_zh_font_draws_every_text(drawn[-1])
    words = " ".join(t.get_text() for t in texts_of(drawn[-1]))
    assert "不提前还款" in words and "节省利息" in words and "LPR 2025-05-20" in words
    # the footnote's saving is the library's number, as customers read it
    assert chart_style._money(prepaid.interest_saved, "zh") in words


def test_loan_chart_of_a_repriced_loan_shows_the_rate_path(tmp_path, drawn):
    # a 2019 loan at 4.90 % repriced to LPR + 10 bp pays 3.60 % at the end (docs/rules/lpr.md#repricing, L-12):
    # "Annual rate 4.90%" alone would misstate every payment after 2021
    import datetime as dt

    from wealthcalc import loans

    path = [(dt.date(2019, 8, 20), 0.0485), (dt.date(2019, 11, 20), 0.048), (dt.date(2024, 10, 21), 0.036),
            (dt.date(2025, 5, 20), 0.035)]
    s = loans.amortize(1_000_000, 0.049, 360, start=dt.date(2019, 6, 15), lpr_path=path, lpr_spread=0.001)
    charts.plot_loan(s, tmp_path / "lpr.png", lang="en")
    words = " ".join(t.get_text() for t in texts_of(drawn[-1]))
    assert "Annual rate 4.90% → 3.60%" in words
    fixed = loans.amortize(300_000, 0.049, 24)
    charts.plot_loan(fixed, tmp_path / "fixed.png", lang="en")
    assert "Annual rate 4.90% ·" in " ".join(t.get_text() for t in texts_of(drawn[-1]))


def test_loan_chart_without_dates_or_baseline_in_english(tmp_path, drawn):
    from wealthcalc import loans

    schedule = loans.amortize(300_000, 0.049, 24, method="equal_principal")
    out = charts.plot_loan(schedule, tmp_path / "loan.png", lang="en")
    assert_valid_file(out)
    assert_english_only(drawn[-1])
    words = " ".join(t.get_text() for t in texts_of(drawn[-1]))
    assert "equal principal" in words and "Loan year" in words


def test_loan_chart_falls_back_to_english_without_a_cjk_font(tmp_path, drawn, loan_pair, no_cjk_font):
    with pytest.warns(charts.FontFallbackWarning):
        out = charts.plot_loan(loan_pair[0], tmp_path / "loan.png", lang="zh")
    assert_valid_file(out)
    assert_english_only(drawn[-1])


def test_save_chart_dispatches_on_the_result_type(tmp_path, loan_pair):
    out = charts.save_chart(loan_pair[0], tmp_path / "loan.svg", lang="en", baseline=loan_pair[1])
    assert_valid_file(out)
    with pytest.raises(InputError) as caught:
        charts.save_chart(object(), tmp_path / "x.png")
    assert caught.value.field == "result"


# ---------------------------------------------------------------- fund DCA


@pytest.fixture(scope="module")
def dca_runs():
    from wealthcalc import dca

    nav = dca.synthetic_nav(days=1500, seed=3)
    backtest = dca.simulate(nav, 1000, day=8, start="2017-01-01", end="2019-12-31",
                            fee_rate=0.015, discount=0.1)
    every = dca.every_start(nav, 1000, years=(1, 3), fee_rate=0.015, discount=0.1)
    return nav, backtest, every


@pytest.mark.parametrize("suffix", [".png", ".svg"])
def test_dca_chart_in_chinese_says_the_data_is_synthetic(tmp_path, drawn, dca_runs, suffix):
    nav, backtest, _ = dca_runs
    out = charts.plot_dca(backtest, tmp_path / f"dca{suffix}", nav=nav)
    assert_valid_file(out)
    assert_zh_font_draws_every_text(drawn[-1])
    words = " ".join(t.get_text() for t in texts_of(drawn[-1]))
    assert "模拟数据" in words and "平均成本" in words
    assert f"{backtest.average_cost:.4f}" in words


def test_dca_position_value_ends_at_the_backtests_market_value(dca_runs):
    nav, backtest, _ = dca_runs
    dates, prices, invested, value = chart_dca._held_path(backtest, nav)
    assert invested[-1] == pytest.approx(backtest.invested)
    assert value[-1] == backtest.market_value
    # before the last day, shares held × NAV: within rounding of the lots' shares
    assert value[-2] == pytest.approx(backtest.shares * prices[-2], rel=1e-6)


def test_dca_chart_without_the_nav_series_in_english(tmp_path, drawn, dca_runs):
    out = charts.save_chart(dca_runs[1], tmp_path / "dca.png", lang="en")
    assert_valid_file(out)
    assert_english_only(drawn[-1])
    assert "Synthetic data" in " ".join(t.get_text() for t in texts_of(drawn[-1]))


@pytest.mark.parametrize("measure", ["holding_return", "xirr"])
def test_every_start_chart_shows_each_period(tmp_path, drawn, dca_runs, measure):
    every = dca_runs[2]
    out = charts.save_chart(every, tmp_path / "every.png", measure=measure)
    assert_valid_file(out)
    assert_zh_font_draws_every_text(drawn[-1])
    words = " ".join(t.get_text() for t in texts_of(drawn[-1]))
    assert "模拟数据" in words and "中位数" in words
    for period in every.periods:
        assert f"持有 {period.years} 年" in words
        assert chart_style._pct(period.win_rate, 1) in words


def test_every_start_counts_are_whole_numbers_on_the_axis(tmp_path, drawn):
    # the y axis counts start dates: ticks such as 2.5 or 7.5 starts mean nothing
    # (the example NAV: 3-year plans from 217 start dates, at most 17 in a bin)
    from wealthcalc import dca, navdata

    nav = navdata.load_nav(Path(__file__).parents[2] / "examples" / "nav_synthetic.csv")
    every = dca.every_start(nav, 1000, years=(3,), fee_rate=0.015, discount=0.1)
    charts.plot_every_start(every, tmp_path / "every.png", lang="en")
    with matplotlib.rc_context(chart_style._style("en")):  # the tick sizes the chart was drawn with
        ticks = [t for ax in drawn[-1].axes for t in ax.get_yticks()]
    assert len(ticks) >= 2
    assert all(float(t).is_integer() for t in ticks), ticks


def test_every_start_bins_never_straddle_zero():
    import numpy as np

    edges = chart_dca._zero_edged_bins(np.array([-0.37, -0.1, 0.2, 0.93]))
    assert np.any(np.isclose(edges, 0.0))
    assert edges[0] <= -0.37 and edges[-1] >= 0.93


def test_every_start_rejects_an_unknown_measure(tmp_path, dca_runs):
    with pytest.raises(InputError) as caught:
        charts.plot_every_start(dca_runs[2], tmp_path / "x.png", measure="sharpe")
    assert caught.value.field == "measure"


# ---------------------------------------------------------------- product comparison


@pytest.fixture(scope="module")
def comparison():
    from wealthcalc import yields

    return yields.compare(200_000, 365, max_risk=3)


@pytest.mark.parametrize("suffix", [".png", ".svg"])
def test_comparison_chart_in_chinese(tmp_path, drawn, comparison, suffix):
    out = charts.plot_comparison(comparison, tmp_path / f"cmp{suffix}", source="六大行挂牌存款利率")
    assert_valid_file(out)
    fig = drawn[-1]
    assert_zh_font_draws_every_text(fig)
    words = " ".join(t.get_text() for t in texts_of(fig))
    best = comparison.ranked[0]
    # each bar is labelled with the library's own net amount and rate
    assert chart_style._full(best.net_amount) in words and chart_style._pct(best.net_annual_rate) in words
    assert "风险等级" in words and "存款保险" in words and "数据日期" in words
    bars = [p for p in fig.axes[0].patches if p.get_height() == pytest.approx(0.7)]
    assert len(bars) == min(12, len(comparison.ranked))
    assert bars[0].get_width() == pytest.approx(best.net_amount - comparison.amount)


def test_comparison_chart_in_english_uses_english_names(tmp_path, drawn, comparison):
    out = charts.save_chart(comparison, tmp_path / "cmp.png", lang="en", top=5)
    assert_valid_file(out)
    assert_english_only(drawn[-1])
    labels = [t.get_text() for t in drawn[-1].axes[0].get_yticklabels()]
    assert len(labels) == 5 and labels[0].startswith("1. ") and "ICBC" in " ".join(labels)


def test_comparison_chart_without_a_cjk_font_drops_chinese_names(tmp_path, drawn, comparison, no_cjk_font):
    with pytest.warns(charts.FontFallbackWarning):
        charts.plot_comparison(comparison, tmp_path / "cmp.png", lang="zh", source="六大行 big banks")
    assert_english_only(drawn[-1])


@pytest.mark.parametrize(
    "name, expected",
    [
        ("Large CD, 6 months", "Large CD, 6 months"),
        ("北京国投 电视栏目广告集合资金信托计划", "北京国投\n电视栏目广告集合资金信托计划"),
        ("ICBC lump-sum fixed deposit, 1 year", "ICBC lump-sum fixed\ndeposit, 1 year"),
    ],
)
def test_long_names_wrap_onto_two_lines(name, expected):
    assert chart_style._short(name) == expected


def test_very_long_names_are_cut_with_an_ellipsis():
    text = chart_style._short("x" * 100)
    first, second = text.split("\n")
    assert second.endswith("…") and chart_style._width(first) <= 32 and chart_style._width(second) <= 32


# ---------------------------------------------------------------- deposit plans


@pytest.fixture(scope="module")
def deposit_plans():
    import datetime as dt

    from wealthcalc import plans

    lump = plans.max_value(200_000, 36, start_date=dt.date(2025, 6, 1), keep_available=20_000)
    monthly = plans.monthly_max_value(2_000, 24)
    return lump, monthly


@pytest.mark.parametrize("suffix", [".png", ".svg"])
def test_plan_chart_draws_one_bar_per_leg(tmp_path, drawn, deposit_plans, suffix):
    lump, _ = deposit_plans
    out = charts.plot_plan(lump, tmp_path / f"plan{suffix}", source="六大行挂牌存款利率 2025-05-20")
    assert_valid_file(out)
    fig = drawn[-1]
    assert_zh_font_draws_every_text(fig)
    bars = fig.axes[0].patches
    assert len(bars) == len(lump.legs)
    for bar, leg in zip(bars, lump.legs):
        assert (bar.get_x(), bar.get_width()) == (leg.start_month, leg.months)
    words = " ".join(t.get_text() for t in texts_of(fig))
    assert chart_style._full(lump.value) in words and "整存整取" in words and "2025-06" in words


def test_plan_chart_of_a_monthly_plan_in_english(tmp_path, drawn, deposit_plans):
    _, monthly = deposit_plans
    out = charts.save_chart(monthly, tmp_path / "plan.png", lang="en")
    assert_valid_file(out)
    assert_english_only(drawn[-1])
    labels = [t.get_text() for t in drawn[-1].axes[0].get_yticklabels()]
    assert labels[0] == "Pot 1" and len(labels) == len({leg.pot for leg in monthly.legs})


def test_plan_chart_caps_the_number_of_pots(tmp_path, drawn):
    from wealthcalc import plans

    plan = plans.monthly_max_value(1_000, 48)
    charts.plot_plan(plan, tmp_path / "plan.png", lang="en")
    pots = len({leg.pot for leg in plan.legs})
    labels = drawn[-1].axes[0].get_yticklabels()
    assert len(labels) == min(pots, chart_plans._MAX_POTS)
    if pots > chart_plans._MAX_POTS:
        assert f"of {pots} pots shown" in " ".join(t.get_text() for t in texts_of(drawn[-1]))


def test_month_ticks_and_labels():
    import datetime as dt

    assert chart_plans._month_label(dt.date(2025, 11, 3), 2) == "2026-01"
    assert [chart_plans._month_step(m) for m in (6, 24, 60, 120, 360)] == [1, 3, 6, 12, 24]


def test_without_matplotlib_charts_say_which_extra_to_install(tmp_path, monkeypatch, loan_pair):
    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec",
                        lambda name, *a: None if name == "matplotlib" else real(name, *a))
    with pytest.raises(InputError) as caught:
        charts.plot_loan(loan_pair[0], tmp_path / "loan.png")
    assert caught.value.field == "plot" and "wealthcalc[plot]" in caught.value.hint


def test_combined_loan_chart(tmp_path, drawn):
    from wealthcalc import loans

    loan = loans.combined((600_000, 0.026), (1_000_000, 0.035), 360)
    out = charts.save_chart(loan, tmp_path / "combined.png", source="公积金 2.60%")
    assert_valid_file(out)
    assert_zh_font_draws_every_text(drawn[-1])
    words = " ".join(t.get_text() for t in texts_of(drawn[-1]))
    assert "公积金贷款" in words and chart_style._money(loan.first_payment, "zh") in words
    english = charts.save_chart(loan, tmp_path / "combined.svg", lang="en")
    assert_valid_file(english)
    assert_english_only(drawn[-1])


@pytest.mark.parametrize("dividends", ["reinvest", "cash"])
def test_dca_position_value_follows_dividends_and_splits(dividends):
    from wealthcalc import dca, navdata

    base = dca.synthetic_nav(days=300, seed=2)
    dividend, split = base.dividend.copy(), base.split.copy()
    dividend[100], split[200] = 0.05, 2.0  # a cash dividend, then a 1:2 split (折算)
    nav = navdata.NavSeries(dates=base.dates, nav=base.nav, acc_nav=base.acc_nav, dividend=dividend,
                            split=split, source="test", synthetic=True)
    backtest = dca.simulate(nav, 1000, day=8, fee_rate=0.015, dividends=dividends)
    assert {e["kind"] for e in backtest.events} == {"dividend", "split"}
    dates, prices, invested, value = chart_dca._held_path(backtest, nav)
    assert value[-1] == pytest.approx(backtest.market_value + backtest.cash_dividends)
    # the day before valuation: every share the back-test ends with, at that day's NAV, plus cash received
    assert value[-2] == pytest.approx(backtest.shares * prices[-2] + backtest.cash_dividends, rel=1e-9)

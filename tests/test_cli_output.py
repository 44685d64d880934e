"""Tests for the shared CLI pieces in wealthcalc.cli._output: option types and --plot."""

import click
import pytest
from click.testing import CliRunner

from wealthcalc.cli import ExitCode, cli
from wealthcalc.cli._output import RATE


@pytest.mark.parametrize(
    "plot, words",
    [("chart.pdf", ".png or .svg"), ("no-such-folder/chart.png", "does not exist")],
)
def test_plot_path_is_checked_before_any_work(plot, words):
    result = CliRunner().invoke(cli, ["loan", "--amount", "100万", "--rate", "4.9%", "--years", "30", "--plot", plot])
    assert result.exit_code == ExitCode.BAD_INPUT
    assert result.stdout == ""  # nothing computed or printed first
    assert words in result.stderr


def test_rate_beyond_100_percent_is_refused():
    with pytest.raises(click.BadParameter, match="beyond 100%"):
        RATE.convert("490%", None, None)
    assert RATE.convert("100%", None, None) == 1.0


@pytest.mark.parametrize(
    "args, english, chinese",
    [
        (["loan", "--amount", "100万", "--rate", "3.24", "--years", "30"], "write '3.24%'", "利率请写成"),
        (["loan", "--amount", "-5", "--rate", "4.9%", "--years", "30"], "must be positive", "金额必须大于零"),
        (["loan", "--amount", "100万", "--rate", "4.9%", "--years", "30", "--start", "2026-02-30"],
         "YYYY-MM-DD", "真实日期"),
        (["yield", "no-such-product", "--amount", "1万"], "wealthcalc products list", "产品编号"),
        (["plan", "shortest", "--amount", "5万", "--target", "500万"], "the most reachable", "最多可达"),
        (["products", "rates", "--table", "bogus"], "pboc-2004-10-29", "利率表编号请从"),
        (["loan", "provident", "--price", "100万", "--policy", "bogus"], "zhengzhou-2013", "公积金政策编号"),
        # click's own usage messages get a Chinese gist
        (["plan", "max-value", "--amount", "5万", "--months", "48", "--max-leg", "0"], "not in the range",
         "取值无效"),
        (["loan", "--bogus"], "No such option", "没有这个选项"),
        (["no-such-command"], "No such command", "没有这个命令"),
    ],
)
def test_errors_carry_chinese_advice_with_lang_zh(args, english, chinese):
    zh = CliRunner().invoke(cli, ["--lang", "zh", *args])
    en = CliRunner().invoke(cli, ["--lang", "en", *args])
    assert zh.exit_code == en.exit_code != 0
    assert len(zh.stderr.strip().splitlines()) == 1
    assert english in zh.stderr and chinese in zh.stderr
    assert english in en.stderr and chinese not in en.stderr

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

"""Tests for the CLI frame: global options, exit codes, one-line errors."""

import json
import subprocess
import sys

import click
import pytest
from click.testing import CliRunner

from wealthcalc import __version__
from wealthcalc.cli import COMMANDS, ExitCode, cli
from wealthcalc.cli._output import AMOUNT, RATE, Table, emit, safe_csv_cell, summary_table
from wealthcalc.errors import InputError, NoSolutionError


@pytest.fixture
def probe():
    """A throwaway subcommand that fails the way it is told to."""

    @click.command("probe")
    @click.option("--fail", type=click.Choice(["none", "input", "nosolution", "bug"]), default="none")
    @click.option("--amount", type=AMOUNT, default="1万")
    @click.option("--rate", type=RATE, default="3.24%")
    def probe_cmd(fail, amount, rate):
        if fail == "input":
            raise InputError("months", 0, "a term is 1 month or more")
        if fail == "nosolution":
            raise NoSolutionError("target", 1e9, "the best reachable value is 12,000.00")
        if fail == "bug":
            raise ZeroDivisionError("division by zero")
        data = {"amount": amount, "annual_rate": rate, "label": "=cmd"}
        emit(data, [summary_table(data.items()), Table(("name", "annual_rate"), [["=cmd", rate]])])

    cli.add_command(probe_cmd)
    yield CliRunner()
    cli.commands.pop("probe")


def test_version():
    result = CliRunner().invoke(cli, ["--version"])
    assert result.exit_code == 0 and __version__ in result.output


def test_success_prints_table_json_and_csv(probe):
    table = probe.invoke(cli, ["--lang", "en", "probe"])
    assert table.exit_code == ExitCode.OK
    assert "10,000.00" in table.stdout and "3.24" in table.stdout
    as_json = probe.invoke(cli, ["--format", "json", "probe", "--amount", "1.5万", "--rate", "0.0324"])
    assert json.loads(as_json.stdout) == {"amount": 15000.0, "annual_rate": 0.0324, "label": "=cmd"}
    as_csv = probe.invoke(cli, ["--format", "csv", "probe"])
    assert "item,value" in as_csv.stdout
    assert "'=cmd" in as_csv.stdout  # a formula-looking cell is neutralised


@pytest.mark.parametrize(
    "args, code, words",
    [
        (["probe", "--fail", "input"], ExitCode.BAD_INPUT, "months: got 0; a term is 1 month or more"),
        (["probe", "--fail", "nosolution"], ExitCode.NO_SOLUTION, "best reachable value"),
        (["probe", "--fail", "bug"], ExitCode.BUG, "rerun with --debug"),
        (["probe", "--rate", "3.24"], ExitCode.BAD_INPUT, "'3.24%'"),
        (["probe", "--amount", "-5"], ExitCode.BAD_INPUT, "positive"),
        (["no-such-command"], ExitCode.BAD_INPUT, "No such command"),
        (["--format", "xml", "probe"], ExitCode.BAD_INPUT, "xml"),
    ],
)
def test_failures_give_one_line_and_the_exit_code(probe, args, code, words):
    result = probe.invoke(cli, args)
    assert result.exit_code == code
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: ")
    assert words in lines[0]
    assert "Traceback" not in result.output


def test_debug_shows_the_bug(probe):
    result = probe.invoke(cli, ["--debug", "probe", "--fail", "bug"])
    assert result.exit_code == 1
    assert isinstance(result.exception, ZeroDivisionError)


def test_safe_csv_cell():
    assert safe_csv_cell("@SUM(A1)") == "'@SUM(A1)"
    assert safe_csv_cell("+86") == "'+86"
    assert safe_csv_cell("plain") == "plain"
    assert safe_csv_cell(-1.5) == -1.5


def test_every_registered_command_exists():
    import importlib

    for name, target in COMMANDS.items():
        module_name, attribute = target.split(":")
        module = importlib.import_module(module_name)
        assert isinstance(getattr(module, attribute), click.Command), name


def _imported_after(code: str) -> set[str]:
    out = subprocess.run(
        [sys.executable, "-c", code + "\nimport sys; print(' '.join(sys.modules))"],
        capture_output=True,
        text=True,
        check=True,
    )
    return set(out.stdout.split())


def test_help_does_not_import_scipy():
    modules = _imported_after(
        "from wealthcalc.cli import cli\n"
        "try:\n    cli.main(['--help'], standalone_mode=False)\nexcept SystemExit:\n    pass"
    )
    assert "wealthcalc.cli" in modules
    assert not any(m == "scipy" or m.startswith("scipy.") for m in modules)


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_command_help_does_not_import_scipy(name):
    modules = _imported_after(
        "from wealthcalc.cli import cli\n"
        f"cli.main([{name!r}, '--help'], standalone_mode=False)"
    )
    assert not any(m == "scipy" or m.startswith("scipy.") for m in modules)


def test_python_dash_m_runs_the_cli():
    out = subprocess.run([sys.executable, "-m", "wealthcalc", "--version"], capture_output=True, text=True)
    assert out.returncode == 0 and __version__ in out.stdout


def test_no_help_of_any_subcommand_imports_scipy():
    # one process walks every command and sub-command (tvm pmt, deposit fixed, loan apr, ...)
    # and names the first whose --help pulls scipy in
    code = (
        "import sys, click\n"
        "from wealthcalc.cli import cli, COMMANDS\n"
        "ctx = click.Context(cli)\n"
        "paths = []\n"
        "for name in sorted(COMMANDS):\n"
        "    paths.append([name])\n"
        "    cmd = cli.get_command(ctx, name)\n"
        "    if isinstance(cmd, click.Group):\n"
        "        paths += [[name, sub] for sub in cmd.list_commands(ctx)]\n"
        "culprit = 'loading-the-command-modules' if 'scipy' in sys.modules else None\n"
        "for path in paths:\n"
        "    cli.main(path + ['--help'], standalone_mode=False)\n"
        "    if culprit is None and 'scipy' in sys.modules:\n"
        "        culprit = ' '.join(path)\n"
        "print('PATHS', len(paths), 'CULPRIT', culprit)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    last = out.stdout.strip().splitlines()[-1].split()
    assert int(last[1]) > len(COMMANDS)  # the sub-commands were walked too
    assert last[3] == "None", f"'wealthcalc {' '.join(last[3:])} --help' imports scipy"


def test_import_wealthcalc_does_not_import_scipy():
    modules = _imported_after("import wealthcalc")
    assert "wealthcalc.tvm" in modules or "wealthcalc.money" in modules
    assert not any(m == "scipy" or m.startswith("scipy.") for m in modules)


@pytest.mark.parametrize(
    "args, code, words",
    [
        (["compare", "--amount", "10万", "--days", "365", "--max-risk", "R9"], ExitCode.BAD_INPUT, "R9"),
        (["compare", "--amount", "-5", "--days", "365"], ExitCode.BAD_INPUT, "positive"),
        (["yield", "no-such-product", "--amount", "10万"], ExitCode.BAD_INPUT, "no-such-product"),
        (["dca", "/nonexistent/nav.csv", "--amount", "1000"], ExitCode.BAD_INPUT, "/nonexistent/nav.csv"),
        (["deposit", "fixed", "--amount", "1万", "--months", "37", "--rate", "3.24%"], ExitCode.BAD_INPUT, "37"),
        (["deposit", "fixed", "--amount", "1万", "--months", "36", "--rate", "3.24"], ExitCode.BAD_INPUT,
         "'3.24%'"),
        (["loan", "--amount", "100万", "--rate", "4.9", "--years", "30"], ExitCode.BAD_INPUT, "'4.9%'"),
        (["plan", "max-value", "--amount", "10万", "--months", "0"], ExitCode.BAD_INPUT, "months"),
        (["plan", "shortest", "--amount", "10万", "--target", "1000万"], ExitCode.NO_SOLUTION, "target"),
        (["products", "show", "no-such-product"], ExitCode.BAD_INPUT, "no-such-product"),
        (["--catalog", "/nonexistent/c.yaml", "products", "list"], ExitCode.BAD_INPUT, "/nonexistent/c.yaml"),
        (["report", "/nonexistent/case.yaml"], ExitCode.BAD_INPUT, "/nonexistent/case.yaml"),
        (["tvm", "irr", "--flow", "100", "--flow", "50"], ExitCode.NO_SOLUTION, "money paid out"),
    ],
)
def test_every_command_words_bad_input_in_one_line(args, code, words):
    # the exit-code contract of style.md across the real commands, not only the probe
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == code, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: ") and words in lines[0]
    assert result.stdout == "" and "Traceback" not in result.output


def test_plain_wealthcalc_prints_the_help_and_succeeds(run):
    result = run()
    assert result.exit_code == 0
    assert result.stdout.startswith("Usage:") and "compare" in result.stdout
    assert result.stderr == ""


@pytest.mark.parametrize(
    "after",
    [
        ["loan", "--amount", "100万", "--rate", "4.9%", "--years", "30", "--format", "json", "--lang", "en"],
        ["loan", "--format=json", "--amount", "100万", "--rate", "4.9%", "--years", "30", "--lang=en"],
    ],
)
def test_global_options_may_follow_the_command(run, after):
    before = run("--format", "json", "--lang", "en", "loan", "--amount", "100万", "--rate", "4.9%", "--years", "30")
    moved = run(*after)
    assert before.exit_code == moved.exit_code == 0, moved.stderr
    assert json.loads(moved.stdout) == json.loads(before.stdout)
    assert json.loads(moved.stdout)["first_payment"] == 5307.27  # docs/loans.md, 100万 at 4.9 % over 30 years


def test_catalog_after_the_command_is_read(run, tmp_path):
    missing = tmp_path / "none.yaml"
    result = run("compare", "--amount", "10万", "--days", "365", "--catalog", str(missing))
    assert result.exit_code == 2
    assert "none.yaml" in result.stderr


def test_an_option_value_that_looks_like_a_command_is_left_alone():
    from wealthcalc.cli import global_options_first

    assert global_options_first(["--lang", "en", "loan", "--debug"], cli) == ["--lang", "en", "--debug", "loan"]
    assert global_options_first(["loan", "--", "--format", "json"], cli) == ["loan", "--", "--format", "json"]

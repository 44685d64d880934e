"""Every command and Python line the README shows runs as written."""

import re
import shlex
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from wealthcalc.cli import ExitCode, cli

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")
BLOCKS = re.findall(r"```(\w+)\n(.*?)```", README, flags=re.S)
COMMANDS = [
    line.split("&&")[-1].split("#")[0].strip()
    for lang, body in BLOCKS
    if lang == "bash"
    for line in body.splitlines()
    if "wealthcalc " in line.split("#")[0] and "pip install -e" not in line
]


def test_the_first_screen_holds_the_two_setup_commands():
    first = BLOCKS[0][1].strip().splitlines()
    assert first == [
        "pip install . && wealthcalc compare --amount 10万 --days 365",
        "pip install '.[test]' && pytest",
    ]


@pytest.mark.parametrize("command", COMMANDS)
def test_readme_command_runs(command, tmp_path, monkeypatch):
    # run where the README's relative paths resolve: examples/ and a small loans.csv beside them
    shutil.copytree(ROOT / "examples", tmp_path / "examples")
    (tmp_path / "loans.csv").write_text(
        "id,amount,rate,months,method,start\n"
        "a1,1000000,4.9%,360,equal_installment,2026-01-15\n"
        "a2,600000,2.6%,240,equal_principal,2026-02-28\n",
        encoding="utf-8",
    )
    monkeypatch.chdir(tmp_path)
    args = shlex.split(command)
    assert args[0] == "wealthcalc"
    result = CliRunner().invoke(cli, args[1:])
    assert result.exit_code == ExitCode.OK, (command, result.stderr)
    assert result.stdout.strip()  # every README command reports what it did


def test_readme_python_lines_run():
    code = "\n".join(body for lang, body in BLOCKS if lang == "python")
    namespace: dict = {}
    exec(compile(code, "README.md", "exec"), namespace)  # noqa: S102 - the README's own example
    wc = namespace["wc"]
    assert wc.amortize(1_000_000, 0.049, 360).first_payment == 5307.27  # docs/rules/loans.md#equal-installment L-1
    assert round(namespace["tvm"].xirr(["2025-01-01", "2026-01-01"], [-10_000, 11_000]), 10) == 0.1

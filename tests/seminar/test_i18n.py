"""Every message code the seminar area uses exists, in Chinese and in English."""

import ast
import re
from pathlib import Path

import pytest

from wealthcalc import i18n

ROOT = Path(__file__).resolve().parents[2] / "wealthcalc"
FILES = sorted((ROOT / "seminar").glob("*.py")) + [ROOT / "cli" / "report_cmd.py"]
CODE = re.compile(r"^(seminar\.|label\.report_)[\w.]*$")


def _codes():
    """(file, code, dynamic?) for every string constant or f-string head that names a code."""
    for path in FILES:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        parts = {id(v) for n in ast.walk(tree) if isinstance(n, ast.JoinedStr) for v in n.values}
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and id(node) in parts:
                continue
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and CODE.match(node.value):
                yield path.name, node.value, False
            elif isinstance(node, ast.JoinedStr) and node.values and isinstance(node.values[0], ast.Constant):
                head = node.values[0].value
                if CODE.match(head) and head.endswith((".", "_")):
                    yield path.name, head, True


USED = sorted(set(_codes()))


def test_the_scan_finds_the_codes():
    assert len(USED) > 200


@pytest.mark.parametrize(("where", "code", "dynamic"), USED)
def test_code_exists_in_both_languages(where, code, dynamic):
    table = i18n.messages()
    found = [c for c in table if c.startswith(code)] if dynamic else [code] if code in table else []
    assert found, f"{where}: {code} has no wording"
    for c in found:
        zh, en = table[c]
        assert zh.strip() or c == "seminar.yuan_suffix", c
        assert en.strip() or c == "seminar.yuan_suffix", c


def test_every_seminar_code_is_used():
    used = {code for _, code, dynamic in USED if not dynamic}
    prefixes = tuple(code for _, code, dynamic in USED if dynamic)
    unused = [c for c in i18n.messages() if c.startswith("seminar.") and c not in used
              and not c.startswith(prefixes)]
    assert unused == []

"""docs/rules/ is where the project states its domain rules; every citation of it must resolve.

Code, tests, the catalog and the docs cite rules as ``docs/rules/<page>.md#<heading>``. These tests
check that each cited page exists and has the heading (GitHub-style anchors), that the links
between the pages resolve, and that nothing cites the private notes the rules were once kept in.
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
RULES = ROOT / "docs" / "rules"
SCANNED = [ROOT / "wealthcalc", ROOT / "tests", ROOT / "docs", ROOT / "products.yaml", ROOT / "README.md"]
SUFFIXES = {".py", ".md", ".yaml", ".yml", ".csv"}  # test data (some deliberately GBK or broken) too

CITATION = re.compile(r"docs/rules/([\w.-]+\.md)(?:#([\w-]+))?")
LINK = re.compile(r"\]\(([^)\s#]*)(?:#([^)\s]*))?\)")

# the old citation forms, spelt in pieces so that this file does not match itself
_SECTION = "\u00a7"
OLD_FORMS = [
    re.compile(r"rules\s*" + _SECTION, re.IGNORECASE),
    re.compile("\u89c4\u5219\\s*" + _SECTION),  # 规则§
    re.compile(_SECTION + r"\s*\d"),
    re.compile("china-" + "retail-rules"),
    re.compile("seed " + "text", re.IGNORECASE),
    re.compile(r"\bseed " + r"lines?\b", re.IGNORECASE),
    re.compile("/work/" + "shared"),
]


def _files():
    for base in SCANNED:
        paths = [base] if base.is_file() else sorted(base.rglob("*"))
        for path in paths:
            if path.is_file() and path.suffix in SUFFIXES and "__pycache__" not in path.parts:
                yield path


def slug(heading: str) -> str:
    """GitHub's anchor of a heading: lower case, punctuation dropped, spaces to hyphens."""
    text = re.sub(r"[^\w\- ]", "", heading.strip().lower())
    return text.replace(" ", "-")


def anchors(page: Path) -> set[str]:
    found: set[str] = set()
    seen: dict[str, int] = {}
    in_code = False
    for line in page.read_text(encoding="utf-8").splitlines():
        if line.startswith("```"):
            in_code = not in_code
            continue
        m = re.match(r"#{1,6}\s+(.*?)\s*#*\s*$", line)
        if m and not in_code:
            base = slug(m.group(1))
            n = seen.get(base, 0)
            seen[base] = n + 1
            found.add(base if n == 0 else f"{base}-{n}")
    return found


def test_slug_is_github_style():
    assert slug("Table of 2004-10-29") == "table-of-2004-10-29"
    assert slug("Large-bank listed rates from 2025-05-20") == "large-bank-listed-rates-from-2025-05-20"
    assert slug("Interest only (先息后本)") == "interest-only-先息后本"
    assert slug("`wealthcalc.tvm` conventions") == "wealthcalctvm-conventions"


def test_the_rules_pages_exist_and_the_index_lists_them():
    index = (RULES / "README.md").read_text(encoding="utf-8")
    pages = sorted(p.name for p in RULES.glob("*.md") if p.name != "README.md")
    assert len(pages) >= 10
    for name in pages:
        assert f"]({name})" in index, f"docs/rules/README.md does not list {name}"


def test_every_cited_rule_resolves():
    cache: dict[str, set[str]] = {}
    bad = []
    for path in _files():
        text = path.read_text(encoding="utf-8", errors="replace")
        for m in CITATION.finditer(text):
            page, anchor = m.group(1), m.group(2)
            target = RULES / page
            line = text.count("\n", 0, m.start()) + 1
            where = f"{path.relative_to(ROOT)}:{line}: {m.group(0)}"
            if not target.is_file():
                bad.append(where + " (no such page)")
                continue
            if anchor:
                known = cache.setdefault(page, anchors(target))
                if anchor not in known:
                    bad.append(where + " (no such heading)")
    assert not bad, "citations that do not resolve:\n" + "\n".join(bad)


def test_links_between_the_rules_pages_resolve():
    bad = []
    for page in sorted(RULES.glob("*.md")):
        text = page.read_text(encoding="utf-8")
        for m in LINK.finditer(text):
            target, anchor = m.group(1), m.group(2)
            if target.startswith(("http://", "https://")):
                continue
            dest = (page.parent / target).resolve() if target else page
            if not dest.is_file():
                bad.append(f"{page.name}: {m.group(0)} (no such file)")
            elif anchor and anchor not in anchors(dest):
                bad.append(f"{page.name}: {m.group(0)} (no such heading)")
    assert not bad, "\n".join(bad)


@pytest.mark.parametrize("form", OLD_FORMS, ids=lambda f: f.pattern)
def test_nothing_cites_the_old_notes(form):
    me = Path(__file__).resolve()
    hits = []
    for path in _files():
        if path.resolve() == me:
            continue
        for i, line in enumerate(path.read_text(encoding="utf-8", errors="replace").splitlines(), 1):
            if form.search(line):
                hits.append(f"{path.relative_to(ROOT)}:{i}: {line.strip()[:120]}")
    assert not hits, f"{len(hits)} lines cite notes outside the repository:\n" + "\n".join(hits[:40])

"""Write the JSON Schema of every command's ``--format json`` output, and docs/json.md.

    python tools/json_schemas.py            # rewrite wealthcalc/schemas/*.json and docs/json.md
    python tools/json_schemas.py --check    # exit 1 if either is out of date

The shape of each command is read from its output on the arguments in
tests/data/json_cases.yaml (several cases per command are merged: a key present in
every case is required, a value seen as null in some case is nullable). Every key is
described from the glossary below (units included); a key the glossary does not know
stops the script, so a new output key cannot go undocumented. The schemas are strict
(no keys beyond those listed), so a change of shape fails tests/test_json_schemas.py
until this script is run again and the change reviewed.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
from pathlib import Path
from typing import Any

import yaml
from click.testing import CliRunner

ROOT = Path(__file__).resolve().parent.parent
CASES = ROOT / "tests" / "data" / "json_cases.yaml"
SCHEMAS = ROOT / "wealthcalc" / "schemas"
DOC = ROOT / "docs" / "json.md"

MONEY = "yuan, rounded to the fen"
RATE = "decimal fraction a year (0.0324 = 3.24 %)"
DATE = "ISO date YYYY-MM-DD"

# Units and meanings by key name; suffix rules below cover the rest.
GLOSSARY_PATH = ROOT / "tools" / "json_glossary.yaml"

SUFFIX_RULES: tuple[tuple[str, str], ...] = (
    (r"(^|_)(date|start|end|on|as_of|effective|until|first_date|last_date|value_date|start_date|end_date)$", DATE),
    (r"(^|_)(rate|yield|xirr|irr|apr|return|ratio)$", RATE),
    (r"(^|_)(amount|principal|interest|tax|fee|fees|payment|balance|value|income|cost|proceeds|paid|price|"
     r"total|net|gain|loss|saved|invested|pv|fv|pmt|npv|limit|covered|uncovered|minimum|maximum|monthly|target)$",
     MONEY),
    (r"(^|_)days$", "days"),
    (r"(^|_)months$", "months"),
    (r"(^|_)years$", "years"),
    (r"(^|_)(count|rows|periods|rank|index|number|starts|per_year|iterations)$", "count"),
)


# objects whose keys depend on the message code (a note's parameters): any keys
FREE_FORM = ("params", "name_params")


def load_glossary() -> dict[str, str]:
    return yaml.safe_load(GLOSSARY_PATH.read_text(encoding="utf-8")) or {}


def describe(key: str, glossary: dict[str, str]) -> str | None:
    if key in glossary:
        return glossary[key]
    for pattern, unit in SUFFIX_RULES:
        if re.search(pattern, key):
            return unit
    return None


def run_case(argv: list[str], tmp: str) -> Any:
    from wealthcalc.cli import cli

    args = [a.replace("{tmp}", tmp) for a in map(str, argv)]
    result = CliRunner().invoke(cli, ["--format", "json", "--lang", "en", *args])
    if result.exit_code != 0:
        raise SystemExit(f"{' '.join(args)}: exit {result.exit_code}: {result.stderr.strip()}")
    return json.loads(result.stdout)


def _type(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "array"
    return "object"


def infer(samples: list[Any]) -> dict[str, Any]:
    """A schema that every sample satisfies (merged over the samples)."""
    types = {_type(s) for s in samples}
    if "integer" in types and "number" in types:
        types.discard("integer")
    schema: dict[str, Any] = {}
    objects = [s for s in samples if isinstance(s, dict)]
    arrays = [s for s in samples if isinstance(s, list)]
    if objects and all(k.isdigit() for obj in objects for k in obj) and any(objects):
        # term tables keyed by a number of months or days: one schema for every key
        schema["patternProperties"] = {"^[0-9]+$": infer([v for obj in objects for v in obj.values()])}
        schema["additionalProperties"] = False
    elif objects:
        keys: list[str] = []
        for obj in objects:
            keys += [k for k in obj if k not in keys]
        schema["properties"] = {k: {"type": "object"} if k in FREE_FORM else infer([o[k] for o in objects if k in o])
                                for k in keys}
        schema["required"] = [k for k in keys if all(k in o for o in objects)]
        schema["additionalProperties"] = False
    if arrays:
        items = [item for arr in arrays for item in arr]
        if items:
            schema["items"] = infer(items)
    ordered = sorted(types, key=["object", "array", "string", "number", "integer", "boolean", "null"].index)
    schema["type"] = ordered[0] if len(ordered) == 1 else ordered
    if "number" in ordered and "integer" not in ordered and all(isinstance(s, (int, float)) or s is None
                                                                 for s in samples):
        schema["type"] = ordered[0] if len(ordered) == 1 else ordered
    return schema


def annotate(schema: dict[str, Any], glossary: dict[str, str], where: str, missing: list[str]) -> None:
    for key, sub in schema.get("properties", {}).items():
        if not key.startswith("_"):
            text = describe(key, glossary)
            if text is None:
                missing.append(f"{where}.{key}")
            else:
                sub["description"] = text
        annotate(sub, glossary, f"{where}.{key}", missing)
    for sub in schema.get("patternProperties", {}).values():
        sub.setdefault("description", "keyed by the term (months, or days where the table says days)")
        annotate(sub, glossary, f"{where}.<term>", missing)
    if "items" in schema:
        annotate(schema["items"], glossary, f"{where}[]", missing)


def build() -> tuple[dict[str, dict[str, Any]], str]:
    glossary = load_glossary()
    cases = yaml.safe_load(CASES.read_text(encoding="utf-8"))
    schemas: dict[str, dict[str, Any]] = {}
    missing: list[str] = []
    with tempfile.TemporaryDirectory() as tmp:
        for command, argvs in cases.items():
            schema = infer([run_case(argv, tmp) for argv in argvs])
            annotate(schema, glossary, command, missing)
            schemas[command] = {
                "$schema": "https://json-schema.org/draft/2020-12/schema",
                "title": f"wealthcalc --format json {command}",
                **schema,
            }
    if missing:
        raise SystemExit("keys with no description in tools/json_glossary.yaml:\n  " + "\n  ".join(missing))
    return schemas, render_doc(schemas)


def _type_text(schema: dict[str, Any]) -> str:
    t = schema.get("type", "")
    text = " or ".join(t) if isinstance(t, list) else t
    if "items" in schema and "type" in schema["items"]:
        inner = schema["items"]["type"]
        text = text.replace("array", f"array of {' or '.join(inner) if isinstance(inner, list) else inner}")
    return text


def _rows(schema: dict[str, Any], prefix: str) -> list[str]:
    rows = []
    required = set(schema.get("required", []))
    for key, sub in schema.get("properties", {}).items():
        path = f"{prefix}{key}"
        flag = "" if key in required else " (optional)"
        rows.append(f"| `{path}` | {_type_text(sub)}{flag} | {sub.get('description', '')} |")
        rows += _rows(sub, f"{path}.")
        if "items" in sub:
            rows += _rows(sub["items"], f"{path}[].")
    return rows


def render_doc(schemas: dict[str, dict[str, Any]]) -> str:
    lines = [
        "# JSON output of every command",
        "",
        "`wealthcalc --format json COMMAND ...` prints one JSON document. Keys are stable English",
        "snake_case; dates are ISO text (YYYY-MM-DD); money is a number of yuan rounded to the fen;",
        "rates are decimal fractions (0.0324 = 3.24 %); a figure that does not exist is `null`; every",
        "`notes` list holds notes as `{\"code\", \"text\", \"params\"}` (text in English; the code words",
        "it in any language). The JSON Schema of each command ships in the package",
        "(`wealthcalc/schemas/<command>.json`, read with `wealthcalc.schemas.load(command)`); the tests",
        "validate every command's output against it. This page is written from those schemas by",
        "`python tools/json_schemas.py`.",
        "",
    ]
    for command, schema in schemas.items():
        lines += [f"## `{command}`", "", "| key | type | unit / meaning |", "|---|---|---|"]
        if schema.get("type") == "object":
            lines += _rows(schema, "")
        else:
            lines.append(f"| (top level) | {_type_text(schema)} | |")
            if "items" in schema:
                lines += _rows(schema["items"], "[].")
        lines.append("")
    return "\n".join(lines)


def file_name(command: str) -> str:
    return command.replace(" ", "-") + ".json"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="fail if the files are out of date")
    args = parser.parse_args()
    schemas, doc = build()
    outputs = {SCHEMAS / file_name(c): json.dumps(s, indent=1, ensure_ascii=False) + "\n" for c, s in schemas.items()}
    outputs[DOC] = doc
    stale = [p for p, text in outputs.items() if not p.exists() or p.read_text(encoding="utf-8") != text]
    if args.check:
        for p in stale:
            print(f"out of date: {p.relative_to(ROOT)}")
        return 1 if stale else 0
    for p, text in outputs.items():
        p.write_text(text, encoding="utf-8")
    print(f"wrote {len(schemas)} schemas and {DOC.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Every command's --format json output validates against the schema shipped in the package,
and docs/json.md is the page written from those schemas."""

import importlib.util
import json
import sys
from pathlib import Path

import jsonschema
import pytest
import yaml

from wealthcalc import schemas

ROOT = Path(__file__).resolve().parent.parent
CASES = yaml.safe_load((ROOT / "tests" / "data" / "json_cases.yaml").read_text(encoding="utf-8"))


def _tool():
    spec = importlib.util.spec_from_file_location("json_schemas_tool", ROOT / "tools" / "json_schemas.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("command", sorted(CASES))
def test_command_json_matches_its_schema(command, run, tmp_path, monkeypatch):
    monkeypatch.chdir(ROOT)
    schema = schemas.load(command)
    jsonschema.Draft202012Validator.check_schema(schema)
    for argv in CASES[command]:
        args = [str(a).replace("{tmp}", str(tmp_path)) for a in argv]
        result = run("--format", "json", "--lang", "en", *args)
        assert result.exit_code == 0, result.stderr
        jsonschema.validate(json.loads(result.stdout), schema)


def test_every_command_with_json_output_has_a_schema_and_a_case():
    assert set(schemas.commands()) == set(CASES)


def test_a_key_the_schema_does_not_list_is_refused():
    schema = schemas.load("loan")
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({"surprise": 1}, schema)


def test_docs_json_md_is_written_from_the_schemas():
    tool = _tool()
    loaded = {c: schemas.load(c) for c in CASES}
    assert (ROOT / "docs" / "json.md").read_text(encoding="utf-8") == tool.render_doc(loaded)

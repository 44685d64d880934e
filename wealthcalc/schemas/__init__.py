"""The JSON Schema of each command's ``--format json`` output (docs/json.md describes them).

>>> schema = load("loan")
>>> schema["properties"]["first_payment"]["description"]
'yuan, rounded to the fen'
>>> "loan" in commands()
True
"""

from __future__ import annotations

import json
from importlib import resources
from typing import Any

__all__ = ["commands", "load"]


def commands() -> tuple[str, ...]:
    """The commands that have a schema, as typed after ``wealthcalc`` ("loan", "plan max-value", ...)."""
    names = [p.name for p in resources.files(__name__).iterdir() if p.name.endswith(".json")]
    return tuple(sorted(n[: -len(".json")].replace("-", " ", 1) if n.count("-") and n.split("-")[0] in _GROUPS
                        else n[: -len(".json")] for n in names))


_GROUPS = ("deposit", "loan", "plan", "products", "tvm")


def load(command: str) -> dict[str, Any]:
    """The schema of ``command`` (e.g. "compare", "plan max-value")."""
    name = command.replace(" ", "-") + ".json"
    return json.loads(resources.files(__name__).joinpath(name).read_text(encoding="utf-8"))

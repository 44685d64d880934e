"""The catalog schema, written once: each record field carries its YAML key, type, unit,
whether it is required and what it means.

The record types of :mod:`wealthcalc.catalog.records` declare their fields with
:func:`spec`; from that one declaration come the keys the reader accepts (and
names in its unknown-key messages), the records' ``to_dict`` (their fields) and
the field tables of ``docs/catalog.md`` (:func:`markdown_table`; a test checks
the page against them).

>>> from wealthcalc.catalog import Fees
>>> yaml_keys(Fees)[:3]
('subscription', 'management', 'custody')
>>> print(markdown_table(Fees).splitlines()[2])
| `subscription` | no (0) | rate |  | 认购费, taken up front |
"""

from __future__ import annotations

import dataclasses
from typing import Any

__all__ = ["FieldSpec", "field_specs", "markdown_table", "schema_records", "spec", "update_docs", "yaml_keys"]


@dataclasses.dataclass(frozen=True, slots=True)
class FieldSpec:
    """What the schema says about one record field."""

    name: str
    yaml: str | None
    type: str
    unit: str
    required: str
    doc: str


def spec(type_: str, doc: str, *, required: str = "no", unit: str = "", yaml: str | None = "",
         default: Any = dataclasses.MISSING) -> Any:
    """A dataclass field with its schema: ``type_`` and ``unit`` as the YAML writes them,
    ``required`` ("yes", "no", "no (365)", or when), ``doc`` its meaning; ``yaml`` is the key
    (default: the field's name; None: not read from the file, e.g. derived from other fields)."""
    meta = {"type": type_, "doc": doc, "required": required, "unit": unit, "yaml": yaml}
    if default is dataclasses.MISSING:
        return dataclasses.field(metadata=meta)
    return dataclasses.field(default=default, metadata=meta)


def field_specs(record: type) -> tuple[FieldSpec, ...]:
    """The schema of every field of the record type ``record``, in declaration order."""
    out = []
    for f in dataclasses.fields(record):
        meta = f.metadata
        if "type" not in meta:
            raise TypeError(f"{record.__name__}.{f.name} has no schema (declare it with spec())")
        key = meta["yaml"]
        out.append(FieldSpec(f.name, f.name if key == "" else key, meta["type"], meta["unit"],
                             meta["required"], meta["doc"]))
    return tuple(out)


def yaml_keys(record: type) -> tuple[str, ...]:
    """The YAML keys an entry of ``record`` may have, in declaration order."""
    return tuple(s.yaml for s in field_specs(record) if s.yaml is not None)


def markdown_table(record: type) -> str:
    """The field table of ``record`` as docs/catalog.md shows it (fields not in the YAML last)."""
    lines = ["| Key | Required | Type | Unit | Meaning |", "|---|---|---|---|---|"]
    specs = field_specs(record)
    for s in specs:
        if s.yaml is not None:
            lines.append(f"| `{s.yaml}` | {s.required} | {s.type} | {s.unit} | {s.doc} |")
    for s in specs:
        if s.yaml is None:
            lines.append(f"| (`{s.name}`) | derived | {s.type} | {s.unit} | {s.doc} |")
    return "\n".join(lines)


def schema_records() -> tuple[type, ...]:
    """Every record type of the catalog, the file's top level first."""
    from . import queries, records

    return (queries.Catalog, records.RateTable, records.Product, records.Fees, records.RedemptionTier,
            records.FrontEndTier, records.BundledDeposit, records.RateTier, records.RatePath,
            records.RatePoint, records.ProvidentPolicy)


def _marker(record: type) -> tuple[str, str]:
    return f"<!-- fields: {record.__name__} -->", f"<!-- end fields: {record.__name__} -->"


def documented_tables(text: str, records: tuple[type, ...]) -> dict[str, str]:
    """The field table of each record found between its markers in ``text``."""
    out = {}
    for record in records:
        start, end = _marker(record)
        if start in text and end in text:
            out[record.__name__] = text.split(start, 1)[1].split(end, 1)[0].strip()
    return out


def update_docs(path: str) -> None:
    """Rewrite the field tables between the markers of the page at ``path`` from the schema."""
    with open(path, encoding="utf-8") as handle:
        text = handle.read()
    for record in schema_records():
        start, end = _marker(record)
        if start not in text:
            continue
        before, rest = text.split(start, 1)
        after = rest.split(end, 1)[1]
        text = f"{before}{start}\n{markdown_table(record)}\n{end}{after}"
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(text)

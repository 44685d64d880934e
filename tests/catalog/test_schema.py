"""The catalog schema is written once: the record types drive the reader's keys, to_dict and the docs."""

import dataclasses
import re
from pathlib import Path

import pytest

from wealthcalc.catalog import Fees, Product, RateTable, load
from wealthcalc.catalog import reader
from wealthcalc.catalog.schema import documented_tables, field_specs, markdown_table, schema_records, yaml_keys

DOCS = Path(__file__).resolve().parents[2] / "docs" / "catalog.md"


@pytest.mark.parametrize("record", schema_records(), ids=lambda r: r.__name__)
def test_docs_list_every_field_of_every_record_and_no_other(record):
    tables = documented_tables(DOCS.read_text(encoding="utf-8"), schema_records())
    assert record.__name__ in tables, f"docs/catalog.md has no field table for {record.__name__}"
    table = tables[record.__name__]
    documented = re.findall(r"^\| \(?`([^`]+)`\)? \|", table, flags=re.M)
    expected = [s.yaml for s in field_specs(record) if s.yaml is not None]
    expected += [s.name for s in field_specs(record) if s.yaml is None]
    assert documented == expected
    assert table == markdown_table(record), "run update_docs('docs/catalog.md')"


def test_every_field_has_a_schema_with_a_meaning():
    for record in schema_records():
        for s in field_specs(record):
            assert s.type and s.doc and s.required, (record.__name__, s.name)
        assert len(field_specs(record)) == len(dataclasses.fields(record))


def test_the_reader_accepts_exactly_the_schema_keys():
    assert reader._PRODUCT_KEYS == yaml_keys(Product)
    assert reader._FEE_KEYS == yaml_keys(Fees)
    assert reader._TABLE_KEYS == yaml_keys(RateTable)
    assert "rate" not in reader._BUNDLED_KEYS  # derived from the rate table, not written


def test_to_dict_has_every_field():
    catalog = load()
    for record in (catalog.products[0], catalog.rate_table(), catalog.lpr, catalog.provident_policy()):
        data = record.to_dict()
        assert set(f.name for f in dataclasses.fields(record)) <= set(data)


def test_unknown_key_message_names_the_schema_keys(tmp_path):
    from wealthcalc.errors import CatalogError
    from tests.support import CATALOGS

    with pytest.raises(CatalogError) as caught:
        load(CATALOGS / "unknown_key.yaml")
    text = str(caught.value)
    assert "unknown key" in text and "Accepted keys" in text

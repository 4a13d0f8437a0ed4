"""docs/schema.md documents every table and column the database has, with its type."""

from __future__ import annotations

import re

from pmo_data.audit import ACTIONS
from pmo_data.sources.base import CANONICAL_COLUMNS, WRITER_COLUMNS
from tests.conftest import ROOT

DOC = (ROOT / "docs" / "schema.md").read_text(encoding="utf-8")
KIND_TYPES = {"text": "VARCHAR", "health": "VARCHAR", "date": "DATE", "number": "DOUBLE", "percent": "DOUBLE",
              "bool": "BOOLEAN", "scale": "INTEGER", "integer": "INTEGER"}


def documented() -> dict[str, dict[str, str]]:
    tables, current = {}, None
    for line in DOC.splitlines():
        heading = re.match(r"^## (\w+)$", line)
        if heading:
            current = tables.setdefault(heading.group(1), {})
            continue
        row = re.match(r"^\| (\w+) \| (\w+) \| .+ \|$", line)
        if row and current is not None and row.group(1) != "column":
            current[row.group(1)] = row.group(2)
    return tables


def actual(store, schema: str = "main") -> dict[str, dict[str, str]]:
    columns = store.query("select table_name, column_name, data_type from information_schema.columns "
                          "where table_schema = $schema order by all", {"schema": schema})
    out: dict[str, dict[str, str]] = {}
    for table, column, data_type in columns.itertuples(index=False):
        out.setdefault(table, {})[column] = data_type
    return out


def test_every_table_and_column_is_documented_with_its_type(store):
    tables = {t: cols for t, cols in actual(store).items() if not t.startswith(("kpi_", "stg_", "model_", "cfg_", "marts_"))}
    assert documented() == tables


def test_adapter_column_kinds_match_the_database(store):
    schema = actual(store)
    for table, columns in CANONICAL_COLUMNS.items():
        assert {c: KIND_TYPES[k] for c, k in columns.items()} == {
            c: t for c, t in schema[table].items() if c not in {"period", "import_id", "extra", *WRITER_COLUMNS}
        }, table


def test_every_retired_table_has_the_columns_of_its_current_table_and_is_documented(store):
    """Rows move between a table and its `retired` twin by column name: a column added to one only
    would be lost on the way."""
    retired, current = actual(store, "retired"), actual(store)
    assert sorted(retired) == sorted(["imports", *CANONICAL_COLUMNS])
    for table, columns in retired.items():
        assert columns == current[table], table
        assert f"`retired.{table}`" in DOC, table


def test_every_audit_action_is_documented():
    assert {m.group(1) for m in re.finditer(r"^\| `([a-z -]+)` \| .+ \|$", DOC, re.MULTILINE)} == set(ACTIONS)

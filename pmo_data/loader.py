"""Writes conformed rows into the canonical tables, inside the caller's transaction.

Replacement rules (one snapshot per month, the month's latest upload wins):
- the same file (same SHA-256) imported again for the same period replaces its earlier rows;
- a file's rows for a project replace the rows that earlier uploads *from the same source*
  gave that project in the same table and period (resources: the same person's row), so a
  newer Jira export replaces the older one while the register's milestones stay;
- other periods are never touched.
Table names come from the fixed canonical list, never from files; values are bound.
"""

from __future__ import annotations

import datetime as dt
import json

import duckdb
import pandas as pd
import pyarrow as pa

from pmo_data import sql
from pmo_data.sources.base import CANONICAL_COLUMNS

# The column whose values a new upload replaces, per table.
REPLACEMENT_SCOPE = {
    "projects": "project_id",
    "tasks": "project_id",
    "risks": "project_id",
    "allocations": "project_id",
    "costs": "project_id",
    "resources": "resource_name",
    "status_reports": "project_id",
    "path_to_green": "project_id",
    "gates": "project_id",
}


def remove_imports(cur: duckdb.DuckDBPyConnection, import_ids: list[int]) -> None:
    """Deletes the rows of these imports from every table, and their history rows."""
    if not import_ids:
        return
    for table in CANONICAL_COLUMNS:
        cur.execute(f'delete from "{table}" where list_contains($ids, import_id)', {"ids": import_ids})
    cur.execute("delete from imports where list_contains($ids, import_id)", {"ids": import_ids})


def _replace_scope(cur: duckdb.DuckDBPyConnection, table: str, period: dt.date, source: str, frame: pd.DataFrame) -> None:
    scope = REPLACEMENT_SCOPE[table]
    keys = sorted(set(frame[scope].dropna().astype(str)))
    cur.execute(
        f'delete from "{table}" where period = $period and list_contains($keys, "{scope}") '
        "and import_id in (select import_id from imports where source = $source)",
        {"period": period, "keys": keys, "source": source},
    )


def _insert_rows(cur: duckdb.DuckDBPyConnection, table: str, period: dt.date, import_id: int, frame: pd.DataFrame) -> None:
    # handed over as Arrow: DuckDB reads Arrow columns directly, pandas text columns one value at a time
    cur.register("incoming_rows", pa.Table.from_pandas(frame, preserve_index=False))
    try:
        cur.execute(
            f'insert into "{table}" by name select $period::date as period, $import_id as import_id, * from incoming_rows',
            {"period": period, "import_id": import_id},
        )
    finally:
        cur.unregister("incoming_rows")


def write_import(
    cur: duckdb.DuckDBPyConnection,
    *,
    period: dt.date,
    tables: dict[str, pd.DataFrame],
    file_name: str,
    file_sha256: str,
    source: str,
    rows_read: int,
    rows_rejected: int,
    report: dict,
    as_of: dt.date | None = None,
    imported_by: str | None = None,
    currency: str | None = None,
) -> int:
    """Replaces what this upload supersedes and inserts its rows; returns the new import_id."""
    previous = cur.execute(
        sql.load("load/previous_imports_of_same_file"), {"period": period, "file_sha256": file_sha256}
    ).fetchall()
    remove_imports(cur, [row[0] for row in previous])
    import_id = sql.first_row(cur, "select nextval('import_id_seq')")[0]
    for table, frame in tables.items():
        _replace_scope(cur, table, period, source, frame)
        _insert_rows(cur, table, period, import_id, frame)
    cur.execute(
        sql.load("load/record_import"),
        {
            "import_id": import_id,
            "period": period,
            "file_name": file_name,
            "file_sha256": file_sha256,
            "source": source,
            "imported_at": dt.datetime.now(dt.UTC).replace(tzinfo=None),
            "rows_read": rows_read,
            "rows_loaded": sum(len(f) for f in tables.values()),
            "rows_rejected": rows_rejected,
            "warnings": json.dumps(report, ensure_ascii=False, default=str),
            "as_of": as_of,
            "imported_by": imported_by,
            "currency": currency,
        },
    )
    return import_id

"""Writes conformed rows into the canonical tables, inside the caller's transaction.

Replacement rules (one snapshot per month; pmo_data/corrections.py has them in full):
- the same file (same SHA-256) imported again for the same period takes the place of its earlier
  import;
- a file corrects the earlier files of the same source and period that loaded rows for one of its
  projects (people, for resources and allocations) in the same table: their rows all stop being
  current, the ones missing from the correction too, so a corrected export replaces the export it
  corrects while the register's milestones, or another project's export, stay;
- other periods are never touched.
Rows that stop being current are kept aside (schema `retired`) so the change can be undone.
Table names come from the fixed canonical list, never from files; values are bound.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
from dataclasses import dataclass

import duckdb
import pandas as pd
import pyarrow as pa

from pmo_data import corrections, sql


@dataclass
class Written:
    """An import written: its id, the earlier imports of the same file it took the place of, and
    the files it corrects (no longer current)."""

    import_id: int
    same_file: list[int]
    corrected: list[int]


def _insert_rows(cur: duckdb.DuckDBPyConnection, table: str, period: dt.date, import_id: int, frame: pd.DataFrame) -> None:
    # handed over as Arrow: DuckDB reads Arrow columns directly, pandas text columns one value at a time
    cur.register("incoming_rows", pa.Table.from_pandas(frame, preserve_index=False))
    try:
        cur.execute(
            f'insert into "{table}" by name select $period::date as period, $import_id as import_id, * from incoming_rows',
            {"period": period, "import_id": import_id},
        )
    finally:  # after a failed insert the transaction is aborted: unregistering then must not hide why it failed
        with contextlib.suppress(duckdb.Error):
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
) -> Written:
    """Inserts the upload's rows, puts it in place of earlier imports of the same file, and settles
    the month: the files it corrects stop being current (kept for undo)."""
    at = corrections.utc_now()
    import_id = sql.first_row(cur, "select nextval('import_id_seq')")[0]
    previous = [row[0] for row in cur.execute(
        sql.load("load/previous_imports_of_same_file"), {"period": period, "file_sha256": file_sha256}
    ).fetchall()]
    for earlier in previous:
        corrections.retire_import(cur, earlier, at, replaced_by=import_id)
    for table, frame in tables.items():
        _insert_rows(cur, table, period, import_id, frame)
    cur.execute(
        sql.load("load/record_import"),
        {
            "import_id": import_id,
            "period": period,
            "file_name": file_name,
            "file_sha256": file_sha256,
            "source": source,
            "imported_at": at,
            "rows_read": rows_read,
            "rows_loaded": sum(len(f) for f in tables.values()),
            "rows_rejected": rows_rejected,
            "warnings": json.dumps(report, ensure_ascii=False, default=str),
            "as_of": as_of,
            "imported_by": imported_by,
            "currency": currency,
        },
    )
    corrections.record_scopes(cur, import_id, [table for table, frame in tables.items() if len(frame)])
    settled = corrections.settle(cur, period, at)
    return Written(import_id, previous, sorted(settled.replaced))

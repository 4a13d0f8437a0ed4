"""The canonical format: sheets (or CSV files) whose headers are the canonical column names.

A sheet named after a canonical table (`projects`, `tasks`, …) loads into it; otherwise the
table is chosen by its headers (a CSV called anything, holding `project_id,task_id,…`, is tasks).
"""

from __future__ import annotations

from pmo_data import normalize
from pmo_data.readers import Table, Workbook
from pmo_data.sources.base import CANONICAL_COLUMNS, REQUIRED_COLUMNS, Adapter, Batch, Field, ImportContext, map_table

PARSERS = {
    "text": normalize.text,
    "date": normalize.dates,
    "number": normalize.number,
    "percent": normalize.percent,
    "bool": normalize.boolean,
    "scale": normalize.scale_1_5,
    "integer": normalize.number,
    "health": normalize.reported_health,
}

FIELDS = {
    table: {column: Field(column, parse=PARSERS[kind]) for column, kind in columns.items()}
    for table, columns in CANONICAL_COLUMNS.items()
}


def canonical_table_of(table: Table, sheet_name: str) -> str | None:
    """The canonical table a sheet holds: by its name, else the one whose required columns it has
    and whose columns it covers best."""
    headers = table.header_set
    by_name = sheet_name.casefold()
    if by_name in CANONICAL_COLUMNS and set(REQUIRED_COLUMNS[by_name]) <= headers:
        return by_name
    # on a tie, the table whose key is longer (project_id + task_id is tasks), then the one named
    # first in CANONICAL_COLUMNS (bare project ids are projects, not status reports)
    candidates = [
        (len(headers & set(columns)), len(set(REQUIRED_COLUMNS[name]) - {"kind"}), -order, name)
        for order, (name, columns) in enumerate(CANONICAL_COLUMNS.items())
        if set(REQUIRED_COLUMNS[name]) - {"kind"} <= headers
    ]
    return max(candidates)[-1] if candidates else None


class CanonicalAdapter(Adapter):
    name = "canonical"
    label = "Canonical tables (projects / tasks / risks / resources / allocations / …)"

    def _tables(self, workbook: Workbook) -> list[tuple[str, Table]]:
        found = []
        for sheet in workbook.sheets:
            table = sheet.table()
            target = canonical_table_of(table, sheet.name)
            if target:
                found.append((target, table))
        return found

    def detect(self, workbook: Workbook) -> float:
        # having a table's key columns under their canonical names is the signature; the share of
        # canonical headers and a sheet (or file) named after the table add confidence
        scores = []
        for target, table in self._tables(workbook):
            share = len(table.header_set & set(CANONICAL_COLUMNS[target])) / max(len(table.header_set), 1)
            named = table.sheet_name.casefold() == target
            scores.append(min(1.0, 0.55 + 0.45 * share + (0.3 if named else 0.0)))
        return max(scores, default=0.0)

    def adapt(self, workbook: Workbook, context: ImportContext) -> Batch:
        batch = Batch()
        for target, table in self._tables(workbook):
            batch.rows_read += len(table.frame)
            frame = map_table(table, FIELDS[target], batch, target)
            if target == "risks" and "kind" not in frame.columns:
                frame["kind"] = "risk"
            batch.add(target, frame)
        return batch


ADAPTER = CanonicalAdapter()

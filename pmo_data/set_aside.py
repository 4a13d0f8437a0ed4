"""Rows that are no entry of the table, found where their cells did not read.

A real sheet keeps more than its table: a 'Sum timer:' row after each week, a legend under blank
rows, a row under the header that says what each column holds. Their cells do not read as the
column's dates or numbers, and a file would be refused for them. After the adapter has read a file,
each row whose cells failed is judged on the sheet as the file has it (steps.rows_outside_the_records):
a row that is no entry is left out of every table, listed among the rejected rows with its reason,
and its cells no longer count as unread. Any other failing cell still refuses the import, as before.
"""

from __future__ import annotations

from collections import defaultdict

from pmo_data import steps
from pmo_data.readers import Sheet, Table, Workbook
from pmo_data.sources.base import Batch, Rejected


def _sheet_of(column: str, workbook: Workbook) -> Sheet | None:
    """The sheet a problem's 'sheet: header' key names (the longest sheet name it starts with)."""
    named = [s for s in workbook.sheets if column.startswith(f"{s.name}: ")]
    return max(named, key=lambda s: len(s.name), default=None)


def _failing_cells(table: Table, label: str, rows: list[int], texts: set[str]) -> dict[int, str]:
    """Row → the cell's text, for the rows whose cell under `label` is one of the unread texts as the
    file has it (a row number that does not point at such a cell is not judged)."""
    if label not in table.frame.columns:
        return {}
    column = table.frame[label]
    return {row: str(column.at[row]) for row in rows if row in column.index and str(column.at[row]) in texts}


def set_aside_rows_outside_the_records(batch: Batch, workbook: Workbook) -> None:
    """Leaves out, with their reason, the rows whose cells did not read and that are no entry."""
    failing: dict[str, dict[int, list[tuple[str, str, str]]]] = defaultdict(lambda: defaultdict(list))
    for column, entry in batch.problems.unparsed.items():
        sheet = _sheet_of(column, workbook) if entry.get("rows") else None
        if sheet is None:
            continue
        label = column[len(sheet.name) + 2:]
        for row, text in _failing_cells(sheet.table(), label, entry["rows"], set(entry["texts"])).items():
            failing[sheet.name][row].append((column, label, text))
    for sheet_name, rows in failing.items():
        sheet = workbook.sheet(sheet_name)
        why = steps.rows_outside_the_records(sheet.grid, sheet.table().header_row - 1,
                                             {row: [(label, text) for _, label, text in cells] for row, cells in rows.items()})
        if why:
            _leave_out(batch, sheet_name, why, {row: rows[row] for row in why})


def _leave_out(batch: Batch, sheet_name: str, why: dict[int, str], cells: dict[int, list[tuple[str, str, str]]]) -> None:
    file_rows = {row + 1: reason for row, reason in why.items()}  # canonical rows keep 1-based file rows
    found_in: dict[int, list[str]] = defaultdict(list)
    for name, frame in batch.tables.items():
        if "_sheet" not in frame or "_row" not in frame:
            continue
        gone = (frame["_sheet"] == sheet_name) & frame["_row"].isin(list(file_rows))
        for row in set(frame.loc[gone, "_row"].astype(int)):
            found_in[row].append(name)
        if gone.any():
            batch.tables[name] = frame[~gone]
    for row, reason in sorted(file_rows.items()):
        for name in found_in.get(row) or [next(iter(batch.tables), "rows")]:
            batch.rejected.append(Rejected(name, sheet_name, row, reason))
    for row, entries in cells.items():
        for column, _, text in entries:
            entry = batch.problems.unparsed.get(column)
            if entry is None:
                continue
            entry["rows"].remove(row)
            entry["count"] -= 1
            if entry["count"] <= 0:
                del batch.problems.unparsed[column]
            elif text in entry["examples"] and len(entry["examples"]) > 1:
                entry["examples"].remove(text)  # the examples show what still fails
    batch.notes.extend(f"'{sheet_name}' row {row} left out: {reason}" for row, reason in sorted(file_rows.items())[:5])
    if len(file_rows) > 5:
        batch.notes.append(f"'{sheet_name}': {len(file_rows) - 5} more rows left out, each no entry")

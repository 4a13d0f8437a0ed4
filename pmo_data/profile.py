"""What a file's values say before any adapter reads it: the facts one column cannot settle
alone. Today: the order of day and month that the file's date columns settle together (a start
column of 03/04/2026 values is read as the end column's 25/04/2026 says).

Work is bounded: only text columns whose first rows hold numeric dates are looked at, and only
their distinct values, `SAMPLE_ROWS` rows deep.
"""

from __future__ import annotations

import pyarrow as pa
import pyarrow.compute as pc

from pmo_data import date_text
from pmo_data.columns import ARROW_TEXT, arrow_text, is_text
from pmo_data.readers import Workbook

SAMPLE_ROWS = 5_000
NUMERIC_DATE = r"(?:^|\D)\d{1,2}[/.\-]\d{1,2}[/.\-]\d{2,4}(?:\D|$)"


def _numeric_date_texts(column) -> list[str]:
    """The distinct values of a column that look like a date written in numbers (03/04/2026)."""
    head = column.iloc[:SAMPLE_ROWS]
    values = arrow_text(head) if is_text(head) else pa.array([v if isinstance(v, str) else None for v in head],
                                                            type=ARROW_TEXT)
    values = pc.unique(values)
    matches = pc.match_substring_regex(values, NUMERIC_DATE)
    return [v for v in pc.filter(values, pc.fill_null(matches, False)).to_pylist() if v]


def file_date_order(workbook: Workbook) -> tuple[str | None, str]:
    """The day/month order the file's date columns settle (None when none does, or when they
    disagree), with which columns settled it, for the import report."""
    settled: dict[str, str] = {}
    for sheet in workbook.data_sheets:
        table = sheet.table()
        for label in table.frame.columns:
            texts = _numeric_date_texts(table.frame[label])
            if not texts:
                continue
            order = date_text.settled_order([p for p in map(date_text.parts_of, texts) if p is not None])
            if order:
                settled[f"{sheet.name}: {table.header_of(label)}"] = order
    orders = set(settled.values())
    if len(orders) != 1:
        return None, ""
    return orders.pop(), ", ".join(settled)

"""Columns no canonical field takes are kept per row in `extra`: a JSON object keyed by the
source's header, typed cells keeping their JSON type, repeated headers joined, empty cells left out."""

from __future__ import annotations

import datetime as dt
import json

import pandas as pd

from pmo_data.columns import TEXT
from pmo_data.readers import Table, unique_labels
from pmo_data.sources import base


def _table(headers: list[str], rows: list[list], dtype=object) -> Table:
    return Table("s", headers, 1, pd.DataFrame(rows, columns=unique_labels(headers), dtype=dtype))


def test_text_columns_repeated_headers_and_empty_cells():
    headers = ["Sprint", "Sprint", "Labels", "Note \"quoted\"", "Empty"]
    rows = [[f"S{n % 3}" if n % 4 else None, f"S{n % 3 + 1}" if n % 5 == 0 else None, "ui" if n % 2 else None,
             f"née {n}\nline two" if n % 7 else None, None] for n in range(2500)]
    for dtype in (object, TEXT):  # spreadsheet cells, and CSV columns over Arrow
        table = _table(headers, rows, dtype)
        extra = base.extra_json(table.frame, list(table.frame.columns), table)
        assert json.loads(extra.iloc[5]) == {"Sprint": "S2; S3", "Labels": "ui", "Note \"quoted\"": "née 5\nline two"}
        assert json.loads(extra.iloc[0]) == {"Sprint": "S1"}
        assert json.loads(extra.iloc[4]) == {"Note \"quoted\"": "née 4\nline two"}
        assert pd.isna(extra.iloc[28])  # no value in any column
        # rows without any value: n a multiple of 28 but not of 140 → 90 - 18
        assert sum(not isinstance(v, str) for v in extra) == 72
        assert extra.iloc[5] == json.dumps({"Sprint": "S2; S3", "Labels": "ui", "Note \"quoted\"": "née 5\nline two"},
                                           ensure_ascii=False)


def test_typed_cells_keep_their_json_type_and_rows_without_values_are_null():
    headers = ["Cost centre", "Hours", "Reviewed", "Flag", "Code"]
    rows = [
        ["CC-1", 12.0, dt.datetime(2026, 10, 3), True, 1.0],
        [None, 7.5, None, None, "A7"],
        [None, None, None, None, None],
        ["CC-2", None, dt.date(2026, 9, 1), False, 1],
    ]
    table = _table(headers, rows)
    extra = base.extra_json(table.frame, list(table.frame.columns), table)
    assert extra.iloc[0] == '{"Cost centre": "CC-1", "Hours": 12, "Reviewed": "2026-10-03T00:00:00", "Flag": true, "Code": 1}'
    assert json.loads(extra.iloc[1]) == {"Hours": 7.5, "Code": "A7"}
    assert pd.isna(extra.iloc[2])
    assert json.loads(extra.iloc[3]) == {"Cost centre": "CC-2", "Reviewed": "2026-09-01", "Flag": False, "Code": 1}


def test_number_columns_write_whole_numbers_as_integers():
    headers = ["Unique ID", "Rate"]
    rows = [[float(n), n / 4] for n in range(3000)] + [[None, None], [2.0**60, float("inf")]]
    table = _table(headers, rows)
    extra = base.extra_json(table.frame, list(table.frame.columns), table)
    assert extra.iloc[5] == '{"Unique ID": 5, "Rate": 1.25}'
    assert extra.iloc[8] == '{"Unique ID": 8, "Rate": 2}'
    assert pd.isna(extra.iloc[3000])
    assert json.loads(extra.iloc[3001]) == {"Unique ID": 2**60, "Rate": float("inf")}


def test_deferred_extra_is_matched_to_the_rows_the_adapter_adds():
    """CSV task adapters let `extra` be built while they work on the rows: Batch.add fills it in,
    row by row, whatever rows the adapter kept."""
    headers = ["Key", "Summary", "Team", "Cost centre"]
    table = _table(headers, [["K-1", "One", "Red", "CC-1"], ["K-2", "Two", None, None], ["K-3", "Three", "Blue", "CC-3"]])
    batch = base.Batch()
    fields = {"task_id": base.Field("Key"), "name": base.Field("Summary")}
    tasks = base.map_table(table, fields, batch, "tasks", defer_extra=True)
    assert tasks["extra"].isna().all() and "tasks" in batch.pending_extra
    batch.add("tasks", tasks[tasks["task_id"] != "K-1"])
    added = batch.tables["tasks"]
    assert added["task_id"].tolist() == ["K-2", "K-3"]
    assert pd.isna(added["extra"].iloc[0])
    assert json.loads(added["extra"].iloc[1]) == {"Team": "Blue", "Cost centre": "CC-3"}
    assert batch.pending_extra == {}

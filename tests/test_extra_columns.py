"""Columns no canonical field takes are kept per row in `extra`; large all-text tables build that
JSON in DuckDB, and it must say exactly what the per-row Python path says."""

from __future__ import annotations

import json

import pandas as pd

from pmo_data.readers import Table, unique_labels
from pmo_data.sources import base


def test_duckdb_and_python_paths_agree(monkeypatch):
    headers = ["Sprint", "Sprint", "Labels", "Note \"quoted\"", "Empty"]
    rows = [[f"S{n % 3}" if n % 4 else None, f"S{n % 3 + 1}" if n % 5 == 0 else None, "ui" if n % 2 else None,
             f"née {n}" if n % 7 else None, None] for n in range(2500)]
    frame = pd.DataFrame(rows, columns=unique_labels(headers), dtype=object)
    table = Table("s", headers, 1, frame)
    fast = base.extra_json(frame, list(frame.columns), table)
    monkeypatch.setattr(base, "_extra_json_in_duckdb", lambda *a: (_ for _ in ()).throw(AssertionError("not expected")))
    slow = base.extra_json(frame.iloc[:1500], list(frame.columns), table)  # under the size threshold: Python
    assert [json.loads(v) if v else None for v in fast.iloc[:1500]] == [json.loads(v) if v else None for v in slow]
    assert json.loads(fast.iloc[5]) == {"Sprint": "S2; S3", "Labels": "ui", "Note \"quoted\"": "née 5"}
    assert json.loads(fast.iloc[0]) == {"Sprint": "S1"}

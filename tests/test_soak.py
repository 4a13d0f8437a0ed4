"""Long runs, outside `make test` (`make soak`): the largest sheet Excel allows, and many kills."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time

import openpyxl
import pytest

from pmo_data.importer import import_file
from pmo_data.store import open_store
from tests.conftest import ROOT, SAMPLE_DATA
from tests.test_crash_safety import fingerprint

pytestmark = pytest.mark.soak


def test_a_full_height_sheet_imports_whole(store, tmp_path):
    path = tmp_path / "huge.xlsx"
    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet("tasks")
    sheet.append(["project_id", "task_id", "name"])
    for n in range(1_048_575):  # Excel's last row is 1,048,576
        sheet.append([f"P{n % 500}", f"T{n}", f"Task {n}"])
    book.save(path)
    result = import_file(store, path, "2026-10")
    assert result.rows_loaded == {"tasks": 1_048_575}


def test_many_kills_during_kpi_rebuilds_never_corrupt(tmp_path, big_tasks_file):
    db = tmp_path / "pmo.duckdb"
    for path in (SAMPLE_DATA / "2026-10" / "pmo_portfolio.xlsx", big_tasks_file):
        import_file(open_store(db), path, "2026-10")
    open_store(db).close()
    rng = random.Random(11)
    for round_number in range(20):
        config = tmp_path / f"pmo-{round_number}.toml"  # new thresholds: opening the file rebuilds every KPI table
        config.write_text(f"[resources]\nover_allocated_above = {100 + round_number}\n", encoding="utf-8")
        process = subprocess.Popen([sys.executable, "-c", f"from pmo_data.store import open_store; open_store({str(db)!r})"],
                                   cwd=ROOT, env={**os.environ, "PMO_CONFIG": str(config)})
        time.sleep(rng.uniform(0.5, 3.0))
        os.kill(process.pid, signal.SIGKILL)
        process.wait()
        state = fingerprint(db)
        assert state["kpi_project_health"] == 325 and state["tasks"] == 150_124

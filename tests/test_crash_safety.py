"""Killing the import process (SIGKILL) at any moment leaves a database that opens and holds
either exactly the state before that import or the complete import — never a partial one."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time

from pmo_data.store import open_store
from tests.conftest import ROOT, SAMPLE_DATA

TABLES = ("imports", "projects", "tasks", "risks", "resources", "allocations", "kpi_project_health")


def fingerprint(db) -> dict[str, int]:
    """Rows per table: a partial import would leave counts between the two whole states."""
    store = open_store(db)
    try:
        return {t: int(store.scalar(f'select count(*) from "{t}"')) for t in TABLES}
    finally:
        store.close()


def remove_import(db, import_id: int) -> None:
    code = f"from pmo_data.store import open_store; from pmo_data.importer import remove_import; " \
           f"remove_import(open_store({str(db)!r}), {import_id})"
    subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=True, timeout=120)


def test_sigkill_during_import_leaves_before_or_after_never_partial(tmp_path, big_tasks_file):
    db = tmp_path / "pmo.duckdb"
    seed = subprocess.run([sys.executable, "-m", "pmo_data", "import", str(SAMPLE_DATA / "2026-10" / "pmo_portfolio.xlsx"),
                           "--db", str(db), "--period", "2026-10"], cwd=ROOT, capture_output=True, timeout=120)
    assert seed.returncode == 0
    before = fingerprint(db)
    command = [sys.executable, "-m", "pmo_data", "import", str(big_tasks_file), "--db", str(db), "--period", "2026-10"]
    start = time.perf_counter()
    assert subprocess.run(command, cwd=ROOT, capture_output=True, timeout=300).returncode == 0
    full_import = time.perf_counter() - start
    after = fingerprint(db)
    assert after != before

    remove_import(db, 2)  # back to the state before
    assert fingerprint(db) == before
    rng = random.Random(7)
    outcomes = []
    for _ in range(5):
        process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(0.2, full_import * 1.1))
        os.kill(process.pid, signal.SIGKILL)
        process.wait()
        state = fingerprint(db)  # the database opens: no corruption
        assert state in (before, after), state
        outcomes.append("after" if state == after else "before")
        if state == after:  # the import had committed before the kill: it is whole; undo it for the next round
            store = open_store(db)
            newest = int(store.scalar("select max(import_id) from imports"))
            store.close()
            remove_import(db, newest)
    assert "before" in outcomes  # at least one kill really landed mid-import

"""One writer at a time, across processes, and a published read-only copy for everyone else
(pmo_data/store.py, docs/deploy.md "One writer"): readers never wait for a writer, writers queue
behind each other and say whom they wait for, and a page run reads one version throughout."""

from __future__ import annotations

import subprocess
import sys
import time

import duckdb

from pmo_data.importer import import_file
from tests.conftest import ROOT, SAMPLE_DATA
from tests.conftest import run_cli as cli

OCTOBER = SAMPLE_DATA / "2026-10"

HOLD_THE_WRITER = """
import sys, time
from pmo_data.store import open_store
store = open_store(sys.argv[1])
with store.transaction("the import of slow.xlsx") as cur:
    cur.execute("insert into audit_log (logged_at, user_name, action, detail) values (now()::timestamp, 'ann', 'test', 'held')")
    print("holding", flush=True)
    time.sleep(float(sys.argv[2]))
"""


def held_rows_and_imports(db_path) -> tuple[int, int]:
    """In the published read-only copy: the audit rows HOLD_THE_WRITER wrote, and the imports."""
    with duckdb.connect(str(db_path.with_name("pmo.read.duckdb")), read_only=True) as con:
        return (con.execute("select count(*) from audit_log where detail = 'held'").fetchone()[0],
                con.execute("select count(*) from imports").fetchone()[0])


def test_a_snapshot_reads_one_version_while_imports_land(store):
    import_file(store, OCTOBER / "pmo_portfolio.xlsx", "2026-10")
    pinned = store.snapshot()
    tasks_before = store.scalar("select count(*) from tasks")
    import_file(store, OCTOBER / "tasks.csv", "2026-10")
    assert store.scalar("select count(*) from tasks") > tasks_before
    assert pinned.scalar("select count(*) from tasks") == tasks_before
    assert pinned.query("select count(*) n from imports")["n"].iloc[0] == 1
    assert store.snapshot().scalar("select count(*) from imports") == 2
    assert store.snapshot().version == pinned.version + 1


def test_the_read_copy_is_a_database_any_process_can_open_read_only(store):
    import_file(store, OCTOBER / "pmo_portfolio.xlsx", "2026-10")
    assert store.read_path.name == "pmo.read.duckdb" and store.read_path.is_symlink()
    with duckdb.connect(str(store.read_path), read_only=True) as first, \
            duckdb.connect(str(store.read_path), read_only=True) as second:
        assert first.execute("select count(*) from projects").fetchone()[0] == 25
        assert second.execute("select count(*) from kpi_project_health").fetchone()[0] == 25


def test_a_writer_queues_behind_another_and_says_whom_it_waits_for(db_path):
    cli(db_path, "import", str(OCTOBER / "pmo_portfolio.xlsx"), "--period", "2026-10", "--create")
    holder = subprocess.Popen([sys.executable, "-c", HOLD_THE_WRITER, str(db_path), "15"], cwd=ROOT,
                              stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline() == "holding\n"
        started = time.monotonic()
        reading = cli(db_path, "imports")  # a reader does not wait for the writer
        read_seconds = time.monotonic() - started
        writing = cli(db_path, "import", str(OCTOBER / "tasks.csv"), "--period", "2026-10")
        write_seconds = time.monotonic() - started
    finally:
        holder.wait(timeout=60)
    assert reading.returncode == 0 and "pmo_portfolio.xlsx" in reading.stdout and read_seconds < 10
    assert writing.returncode == 0, writing.stderr
    assert writing.stderr.startswith("waiting for the import of slow.xlsx by ")
    assert f"(PID {holder.pid})" in writing.stderr
    assert write_seconds >= 14  # it did wait for the holder's 15 s
    assert "tasks.csv: " in writing.stdout
    assert held_rows_and_imports(db_path) == (1, 2)  # both writes landed: the holder's audit row and the queued import


def test_a_killed_writer_leaves_the_published_copy_whole(db_path):
    cli(db_path, "import", str(OCTOBER / "pmo_portfolio.xlsx"), "--period", "2026-10", "--create")
    holder = subprocess.Popen([sys.executable, "-c", HOLD_THE_WRITER, str(db_path), "60"], cwd=ROOT,
                              stdout=subprocess.PIPE, text=True)
    assert holder.stdout.readline() == "holding\n"
    holder.kill()
    holder.wait()
    done = cli(db_path, "import", str(OCTOBER / "tasks.csv"), "--period", "2026-10")
    assert done.returncode == 0 and "waiting" not in done.stderr  # the lock died with its holder
    assert held_rows_and_imports(db_path) == (0, 2)


def test_a_server_started_during_an_import_serves_the_last_published_data(demo_copy):
    """A server starting while a writer holds the database used to show a redacted error on every
    page for as long as the import ran; it now reads the published copy and never waits."""
    from benchmarks.browser_pages import serve
    from benchmarks.ws_session import run_page_sync
    from pmo_data.store import open_store

    db = demo_copy
    open_store(db).close()  # published once, as a database the dashboard has served before
    holder = subprocess.Popen([sys.executable, "-c", HOLD_THE_WRITER, str(db), "60"], cwd=ROOT,
                              stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline() == "holding\n"
        with serve("app.py", db) as url:
            started = time.monotonic()
            portfolio = run_page_sync(url, "portfolio")
            seconds = time.monotonic() - started
    finally:
        holder.kill()
        holder.wait()
    assert portfolio.exception is None and portfolio.shows("Projects and why")
    assert seconds < 30  # not waiting for the holder's 60 s


def test_an_audit_entry_does_not_wait_for_a_long_import_it_goes_to_the_log(db_path, monkeypatch, caplog):
    """A sign-in records itself; behind a ten-minute import it used to wait as long."""
    from pmo_data import audit
    from pmo_data.store import open_store

    cli(db_path, "import", str(OCTOBER / "pmo_portfolio.xlsx"), "--period", "2026-10", "--create")
    holder = subprocess.Popen([sys.executable, "-c", HOLD_THE_WRITER, str(db_path), "30"], cwd=ROOT,
                              stdout=subprocess.PIPE, text=True)
    monkeypatch.setattr(audit, "RECORD_WAIT_SECONDS", 1.0)
    try:
        assert holder.stdout.readline() == "holding\n"
        started = time.monotonic()
        audit.record(open_store(db_path), "sign-in", "ann", "editor; client 10.0.0.7", role="editor")
        seconds = time.monotonic() - started
    finally:
        holder.kill()
        holder.wait()
    assert 1.0 <= seconds < 5
    kept = [r.getMessage() for r in caplog.records if r.name == "pmo_data.audit"]
    assert len(kept) == 1 and "still busy with the import of slow.xlsx" in kept[0]
    assert "action='sign-in' user='ann' role='editor' detail='editor; client 10.0.0.7'" in kept[0]

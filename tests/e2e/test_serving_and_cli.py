"""The dashboard serving while the command line works on the same database (issue: one process
used to lock everyone out): import, export deck, backup, imports, kpis, a read-only SQL session
and a restore all work while the server runs, print what they print when it is stopped, and the
server shows what they changed at its next page run."""

from __future__ import annotations

import shutil
import subprocess
import sys
from urllib.parse import parse_qs, urlsplit

import duckdb

from benchmarks.browser_pages import serve
from tests.conftest import SAMPLE_DATA, run_cli
from tests.e2e.conftest import BROWSER_TESTS, wait_for_app

pytestmark = BROWSER_TESTS

READ_ONLY_SQL = """
import sys, duckdb
with duckdb.connect(sys.argv[1], read_only=True) as con:
    print(con.execute("select count(*) from imports").fetchone()[0])
"""


def cli(db, *args) -> subprocess.CompletedProcess:
    return run_cli(db, *args, timeout=180)


def read_only_sql(db) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", READ_ONLY_SQL, str(db.with_name("pmo.read.duckdb"))],
                          capture_output=True, text=True, timeout=60)


def latest_month_shown(page, url) -> str:
    """The month the sidebar opens on (the latest loaded), as the page writes it to the URL."""
    page.goto(f"{url}/data")
    wait_for_app(page, "Import history")
    return parse_qs(urlsplit(page.url).query)["period"][0]


def test_every_command_works_while_the_dashboard_serves(demo_db, tmp_path, page):
    db = tmp_path / "pmo.duckdb"
    shutil.copy(demo_db, db)
    kpis_stopped = cli(db, "kpis", "--period", "2026-10")
    imports_stopped = cli(db, "imports")
    assert kpis_stopped.returncode == 0 and imports_stopped.returncode == 0
    imports_before = int(read_only_sql(db).stdout)

    with serve("app.py", db) as url:
        page.goto(f"{url}/portfolio")
        wait_for_app(page, "Projects and why")  # the server has the database open now

        kpis = cli(db, "kpis", "--period", "2026-10")
        assert (kpis.returncode, kpis.stdout, kpis.stderr) == (0, kpis_stopped.stdout, "")
        listed = cli(db, "imports")
        assert (listed.returncode, listed.stdout) == (0, imports_stopped.stdout)
        backed = cli(db, "backup", "--out", str(tmp_path / "backups"))
        assert backed.returncode == 0, backed.stderr
        backup_folder = next((tmp_path / "backups").iterdir())

        imported = cli(db, "import", str(SAMPLE_DATA / "2026-10" / "tasks.csv"), "--period", "2026-11")
        assert imported.returncode == 0, imported.stderr
        assert imported.stdout.startswith("tasks.csv: ")
        assert int(read_only_sql(db).stdout) == imports_before + 1
        deck = cli(db, "export", "deck", "--period", "2026-11", "--out", str(tmp_path / "deck.pptx"))
        assert deck.returncode == 0, deck.stderr
        assert (tmp_path / "deck.pptx").stat().st_size > 50_000
        assert latest_month_shown(page, url) == "Nov 2026"  # the server sees the import at once

        restored = cli(db, "restore", str(backup_folder), "--force")
        assert restored.returncode == 0, restored.stderr
        assert int(read_only_sql(db).stdout) == imports_before
        assert latest_month_shown(page, url) == "Oct 2026"  # and the restore

    with duckdb.connect(str(db.with_name("pmo.read.duckdb")), read_only=True) as con:
        action, detail = con.execute("select action, detail from audit_log order by logged_at desc limit 1").fetchone()
    # the import made after the backup is gone, its audit entry kept (issue 26, item 18)
    assert action == "restore" and detail == (f"from {backup_folder.name}; 1 audit entry written since the backup is "
                                              "kept (import), the data described is discarded")
    assert cli(db, "kpis", "--period", "2026-10").stdout == kpis_stopped.stdout

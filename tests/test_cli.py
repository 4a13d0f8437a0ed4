"""The command line: what it prints, its exit codes, and that failures change nothing."""

from __future__ import annotations

import getpass
import json
import subprocess
import sys

import pytest

from pmo_data import audit
from pmo_data.cli import main
from pmo_data.store import open_store
from tests.conftest import ROOT, SAMPLE_DATA, run_cli
from tests.files import write_csv, write_xlsx
from tests.test_store_and_import import snapshot

OCTOBER = SAMPLE_DATA / "2026-10"


def run(capsys, *args):
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_import_prints_source_and_rows_per_table_and_is_idempotent(capsys, db_path):
    path = str(OCTOBER / "pmo_portfolio.xlsx")
    code, out, err = run(capsys, "import", path, "--db", str(db_path), "--period", "2026-10")
    assert code == 0 and err == ""
    assert out.splitlines()[0] == (
        "pmo_portfolio.xlsx: pmo_template (confidence 1.00), period 2026-10: loaded projects 25, tasks 124, "
        "risks 79, resources 40, status_reports 23, path_to_green 6, gates 125, allocations 827; 1 rejected; 0 warnings"
    )
    assert out.splitlines()[1] == "  rejected Resource Plan row 81: total row"
    store = open_store(db_path)
    before = snapshot(store)
    code, _, _ = run(capsys, "import", path, "--db", str(db_path), "--period", "2026-10")
    assert code == 0
    after = snapshot(store)
    assert {t: len(rows) for t, rows in after.items()} == {t: len(rows) for t, rows in before.items()}


def _bad_files(tmp_path):
    corrupt = tmp_path / "corrupt.xlsx"
    good = write_xlsx(tmp_path / "good.xlsx", {"projects": [["project_id"], ["X"]]})
    corrupt.write_bytes(good.read_bytes()[:300])
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    renamed = tmp_path / "photo.xlsx"
    renamed.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(200))
    return {
        corrupt: "error: corrupt.xlsx: not a valid Excel workbook (the file is not an xlsx package)",
        empty: "error: empty.csv: the file is empty",
        renamed: "error: photo.xlsx: not a valid Excel workbook (the file is not an xlsx package)",
    }


def test_bad_files_exit_non_zero_with_one_line_and_change_nothing(capsys, db_path, tmp_path):
    assert run(capsys, "import", str(OCTOBER / "tasks.csv"), "--db", str(db_path), "--period", "2026-10")[0] == 0
    store = open_store(db_path)
    before = snapshot(store)
    for path, message in _bad_files(tmp_path).items():
        code, out, err = run(capsys, "import", str(path), "--db", str(db_path), "--period", "2026-10")
        assert code == 1
        assert out == ""
        assert err == message + "\n"
        assert snapshot(store) == before


def test_one_bad_file_among_good_ones_fails_the_command_but_loads_the_good(capsys, db_path, tmp_path):
    bad = next(iter(_bad_files(tmp_path)))
    code, out, err = run(capsys, "import", str(bad), str(OCTOBER / "tasks.csv"), "--db", str(db_path), "--period", "2026-10")
    assert code == 1
    assert "tasks.csv: canonical" in out and err.count("\n") == 1
    assert open_store(db_path).scalar("select count(*) from tasks") == 375


def test_demo_periods_and_imports(capsys, db_path):
    assert run(capsys, "demo", "--db", str(db_path))[0] == 0
    code, out, _ = run(capsys, "periods", "--db", str(db_path))
    assert out.splitlines() == [
        "2026-10  2 imports  25 projects  499 tasks  60 risks",
        "2026-09  2 imports  25 projects  499 tasks  52 risks",
        "2026-08  2 imports  25 projects  499 tasks  44 risks",
    ]
    code, out, _ = run(capsys, "demo", "--db", str(db_path), "--if-empty")
    assert out.strip().endswith("already holds data; demo not loaded")
    code, out, _ = run(capsys, "imports", "--db", str(db_path))
    assert len(out.splitlines()) == 6 and out.splitlines()[0].startswith("#6  2026-10  tasks.csv  canonical  read 375")


def test_module_entry_point_and_help():
    done = subprocess.run([sys.executable, "-m", "pmo_data", "import", "--help"], cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0
    assert "--period" in done.stdout and "reporting month YYYY-MM" in done.stdout


def test_unknown_source_name_is_a_clear_error(capsys, db_path):
    code, _, err = run(capsys, "import", str(OCTOBER / "tasks.csv"), "--db", str(db_path), "--period", "2026-10",
                       "--source", "nope")
    assert code == 1
    assert err.startswith("error: unknown source 'nope' (known: asana, azure_devops, bookings, canonical, cost_rows, jira, monday, ")


@pytest.mark.parametrize("period", ["10-2026", "2026-00", "october"])
def test_bad_period_is_a_clear_error(capsys, db_path, period):
    code, _, err = run(capsys, "import", str(OCTOBER / "tasks.csv"), "--db", str(db_path), "--period", period)
    assert code == 1 and err == f"error: period '{period}' is not a month like 2026-10\n"


def test_kpis_json_prints_summary_and_project_health(capsys, demo_copy):
    code, out, _ = run(capsys, "kpis", "--db", str(demo_copy), "--period", "2026-10", "--json")
    assert code == 0
    data = json.loads(out)
    total = data["portfolio"]
    assert (total["period"], total["projects"], total["watermelons"], total["grey"], total["not_started"]) == (
        "2026-10-01", 25, 1, 1, 1)
    # the portfolio's SPI and CPI are ΣEV / ΣPV and ΣEV / ΣAC of the project rows (ANSI/EIA-748 roll-up)
    rows = data["project_health"]
    with_pv = [p for p in rows if p["ev"] is not None and p["pv"] is not None]
    with_ac = [p for p in rows if p["ev"] is not None and p["ac"] is not None]
    assert total["spi"] == pytest.approx(sum(p["ev"] for p in with_pv) / sum(p["pv"] for p in with_pv))
    assert total["cpi"] == pytest.approx(sum(p["ev"] for p in with_ac) / sum(p["ac"] for p in with_ac))
    assert (round(total["spi"], 3), round(total["cpi"], 3)) == (0.927, 0.932)
    # one basis per project; the project not started is grey
    assert all(p["evm_basis"] in ("tasks", "register") for p in rows)
    prj_025 = next(p for p in rows if p["project_id"] == "PRJ-025")
    assert (prj_025["health"], prj_025["health_reason_text"]) == ("grey", "not assessed: not started")
    watermelon = next(p for p in data["project_health"] if p["watermelon"])
    assert (watermelon["project_id"], watermelon["reported_health"], watermelon["health"]) == ("PRJ-007", "green", "red")
    assert "milestone 'Build complete' 46 days overdue (> 14)" in watermelon["health_reasons"]
    assert len(data["project_health"]) == 25


def test_kpis_text_and_missing_month(capsys, demo_copy):
    code, out, _ = run(capsys, "kpis", "--db", str(demo_copy))
    assert code == 0
    assert out.splitlines()[0] == ("October 2026: 25 projects — 11 green, 4 amber, 9 red, 1 grey; 1 watermelons; "
                                   "5 people over-allocated; portfolio SPI 0.93, CPI 0.93 (ΣEV/ΣPV, ΣEV/ΣAC); "
                                   "0 with no update this month")
    code, _, err = run(capsys, "kpis", "--db", str(demo_copy), "--period", "2025-01")
    assert code == 1 and err == "error: no data loaded for 2025-01\n"



def test_kpis_on_a_database_holding_only_a_risk_log(capsys, db_path, tmp_path):
    from tests.files import write_xlsx

    log = write_xlsx(tmp_path / "raid.xlsx", {"Risks": [["ID", "Risk", "Probability", "Impact", "Status", "Project"],
                                                        ["R1", "Vendor late", "High", "High", "Open", "PRJ-1"]]})
    assert run(capsys, "import", str(log), "--db", str(db_path), "--period", "2026-10")[0] == 0
    code, out, err = run(capsys, "kpis", "--db", str(db_path))
    assert (code, err) == (0, "")
    assert out.splitlines()[0] == "October 2026: no projects loaded (only risks, people or plans): nothing to assess"


def test_a_database_in_a_missing_folder_is_an_error_unless_asked_to_create_it(capsys, tmp_path, monkeypatch):
    """A mistyped PMO_DB used to create an empty database silently (and its folders)."""
    mistyped = tmp_path / "var" / "lib" / "pmo-dashbaord" / "pmo.duckdb"
    monkeypatch.setenv("PMO_DB", str(mistyped))
    for args in (["periods"], ["imports"], ["kpis"], ["import", str(OCTOBER / "tasks.csv"), "--period", "2026-10"]):
        code, out, err = run(capsys, *args)
        assert (code, out) == (1, ""), args
        assert err.startswith(f"error: {mistyped}: the folder {mistyped.parent} does not exist (is the path right?") \
            and err.count("\n") == 1, err
    assert "pass --create" in err and not (tmp_path / "var").exists()
    code, out, _ = run(capsys, "import", str(OCTOBER / "tasks.csv"), "--period", "2026-10", "--create")
    assert code == 0 and out.startswith("tasks.csv: canonical")
    assert run(capsys, "periods")[1].startswith("2026-10  1 imports")


def test_demo_creates_its_folder_only_with_create(capsys, tmp_path):
    db = tmp_path / "data" / "pmo.duckdb"
    assert run(capsys, "demo", "--if-empty", "--db", str(db))[0] == 1 and not db.parent.exists()
    code, out, _ = run(capsys, "demo", "--if-empty", "--create", "--db", str(db))
    assert code == 0 and db.is_file() and len(out.splitlines()) > 5


HOLD_THE_DATABASE = """
import sys, time, duckdb
con = duckdb.connect(sys.argv[1])
con.execute("create table if not exists held (x integer)")
print("holding", flush=True)
time.sleep(120)
"""


@pytest.mark.parametrize("command", [["imports"], ["kpis"], ["backup", "--out", "BACKUPS"],
                                     ["import", str(OCTOBER / "tasks.csv"), "--period", "2026-10"]])
def test_a_database_held_by_another_process_is_one_line_not_a_traceback(tmp_path, command):
    """DuckDB lets one process write a file. The dashboard no longer holds it (tests/test_one_writer.py),
    but a duckdb shell opened on the master file still can, and a new database has no published
    copy to read yet: one line saying so, never a raw `IOException … Could not set lock` traceback."""
    db = tmp_path / "pmo.duckdb"
    holder = subprocess.Popen([sys.executable, "-c", HOLD_THE_DATABASE, str(db)], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline() == "holding\n"
        args = [str(tmp_path / "backups") if a == "BACKUPS" else a for a in command]
        done = run_cli(db, *args)
    finally:
        holder.kill()
        holder.wait()
    assert done.returncode == 1 and done.stdout == ""
    assert done.stderr == (f"error: the database is in use by a process outside the dashboard: {db.resolve()} "
                           f"is held by PID {holder.pid} (read pmo.read.duckdb instead: docs/deploy.md)\n")


def test_an_unexpected_error_is_one_line(capsys, db_path, monkeypatch):
    def broken(store):
        raise RuntimeError("disk on fire\nsecond line of detail")

    monkeypatch.setattr("pmo_data.catalog.periods", broken)
    code, out, err = run(capsys, "periods", "--db", str(db_path))
    assert (code, out, err) == (1, "", "error: RuntimeError: disk on fire\n")


def test_a_correction_then_remove_undo_and_the_audit_log(capsys, db_path, tmp_path, monkeypatch):
    """October's register of 25 projects, then its correction of 24: the correction replaces it;
    removing the correction brings back the 25; undo takes the removal back; the audit log says
    who did each, as the operating system's user."""
    monkeypatch.setattr(getpass, "getuser", lambda: "operator")
    head = "project_id,project_name,budget\n"
    register = write_csv(tmp_path / "register.csv", head + "".join(f"P{i:02d},Project {i},{i}000\n" for i in range(1, 26)))
    corrected = write_csv(tmp_path / "register-v2.csv", head + "".join(f"P{i:02d},Project {i},{i}000\n" for i in range(1, 25)))
    db = ["--db", str(db_path)]
    assert run(capsys, "import", str(register), *db, "--period", "2026-10")[0] == 0
    code, out, _ = run(capsys, "import", str(corrected), *db, "--period", "2026-10")
    assert code == 0 and out.splitlines()[-1] == ("  replaces #1 register.csv: its rows are no longer current for "
                                                  "2026-10 (python -m pmo_data undo takes this back)")
    assert run(capsys, "periods", *db)[1] == "2026-10  2 imports  24 projects  0 tasks  0 risks\n"
    assert run(capsys, "imports", *db)[1].splitlines()[1].endswith("  replaced by #2")
    assert run(capsys, "remove", "2", *db) == (
        0, "removed #2 register-v2.csv for 2026-10; current again: #1 register.csv (python -m pmo_data undo brings it "
           "back within 30 days)\n", "")
    assert run(capsys, "periods", *db)[1] == "2026-10  1 imports  25 projects  0 tasks  0 risks\n"
    assert run(capsys, "undo", *db) == (
        0, "undone: remove import #2 register-v2.csv for 2026-10; current again: #2 register-v2.csv; "
           "no longer current: #1 register.csv\n", "")
    assert run(capsys, "periods", *db)[1] == "2026-10  2 imports  24 projects  0 tasks  0 risks\n"
    code, out, _ = run(capsys, "audit", *db)
    assert [line.split("  ")[1:3] for line in out.splitlines()] == [
        ["operator (command line)", "undo"], ["operator (command line)", "remove import"],
        ["operator (command line)", "replace"], ["operator (command line)", "import"]]
    assert len(run(capsys, "audit", *db, "--action", "undo")[1].splitlines()) == 1
    assert run(capsys, "audit", *db, "--action", "delete") == (
        1, "", f"error: unknown action delete (known: {', '.join(audit.ACTIONS)})\n")
    assert run(capsys, "remove", "9", *db) == (
        1, "", "error: there is no import #9 in the history (python -m pmo_data imports lists them)\n")

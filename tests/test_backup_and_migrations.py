"""Backups are consistent copies that restore to the same data; old backups rotate out; an older
database file is upgraded in place when a newer version opens it."""

from __future__ import annotations

import datetime as dt
import getpass

import duckdb
import pytest

from pmo_data import backup, corrections, sql
from pmo_data.cli import main
from pmo_data.importer import import_file, remove_import
from pmo_data.store import open_store
from tests.test_store_and_import import snapshot


def test_backup_then_restore_gives_back_the_same_data(demo_copy, tmp_path, capsys, monkeypatch):
    monkeypatch.setattr(getpass, "getuser", lambda: "operator")
    original = open_store(demo_copy)
    before = snapshot(original)
    watermelons = original.scalar("select count(*) from kpi_project_health where watermelon")
    assert main(["backup", "--db", str(demo_copy), "--out", str(tmp_path / "backups")]) == 0
    folder = next((tmp_path / "backups").iterdir())
    assert folder.name.startswith("pmo-backup-") and (folder / "tasks.parquet").is_file()
    restored = tmp_path / "restored.duckdb"
    assert main(["restore", str(folder), "--db", str(restored)]) == 0
    store = open_store(restored)
    assert snapshot(store) == before
    assert store.scalar("select count(*) from kpi_project_health where watermelon") == watermelons == 10  # KPIs too
    log = store.query("select user_name, role, action, detail from audit_log where action in ('backup', 'restore') "
                      "order by audit_id")
    assert log.values.tolist() == [["operator", "command line", "backup", folder.name],
                                   ["operator", "command line", "restore", f"from {folder.name}"]]
    capsys.readouterr()
    assert main(["restore", str(folder), "--db", str(restored)]) == 1
    assert "exists: restore into a new file, or pass --force" in capsys.readouterr().err


def test_backups_rotate(demo_copy, tmp_path):
    store = open_store(demo_copy)
    for day in range(1, 5):
        backup.backup(store, tmp_path / "backups", keep=3, now=dt.datetime(2026, 11, day, 2, 0))
    assert sorted(p.name for p in (tmp_path / "backups").iterdir()) == [f"pmo-backup-2026110{d}-020000" for d in (2, 3, 4)]


def test_an_older_database_file_is_upgraded_in_place(tmp_path):
    path = tmp_path / "old.duckdb"
    con = duckdb.connect(str(path))  # a file written by the first version: schema 1, no KPI tables
    con.execute("create table schema_version (version integer not null)")
    con.execute(dict(sql.layer("schema"))["001_canonical_tables"])
    con.execute("insert into schema_version values (1)")
    con.execute("insert into imports values (1, '2026-10-01', 'p.csv', 'abc', 'canonical', now()::timestamp, 1, 1, 0, '{}')")
    con.execute("insert into projects (period, import_id, project_id, project_name, baseline_start, baseline_finish) "
                "values ('2026-10-01', 1, 'P1', 'Alpha', '2026-01-01', '2026-12-31')")
    con.close()
    store = open_store(path)
    assert store.schema_version == 15
    with store.transaction() as cur:  # 005 rebuilt the table: its `extra` is stored with zstd, as text since 014
        cur.execute("update projects set extra = '{\"Cost centre\": \"CC-1\"}'")
    store.query("checkpoint")
    compression = store.query("select compression from pragma_storage_info('projects') "
                              "where column_name = 'extra' and segment_type = 'VARCHAR'")
    assert compression["compression"].tolist() == ["ZSTD"]
    assert store.scalar("select extra->>'Cost centre' from projects") == "CC-1"  # read as JSON all the same
    assert store.query("select file_name, as_of is null as no_as_of from imports").values.tolist() == [["p.csv", True]]
    assert store.scalar("select count(*) from column_mappings") == 0
    with store.transaction() as cur:  # 006: the risk log's other registers are accepted kinds; costs exist
        cur.execute("insert into risks (period, import_id, project_id, risk_id, kind) values ('2026-10-01', 1, 'P1', 'A1', 'assumption')")
    assert store.scalar("select count(*) from costs") == 0
    assert store.query("select project_name, health from kpi_project_health").values.tolist() == [["Alpha", "green"]]


@pytest.mark.parametrize("keep", ["0", "-1"])
def test_backup_refuses_to_keep_fewer_than_one_and_deletes_nothing(demo_copy, tmp_path, capsys, keep):
    """--keep 0 used to delete every backup, the new one included, and report success."""
    folder = tmp_path / "backups"
    backup.backup(open_store(demo_copy), folder, keep=3, now=dt.datetime(2026, 11, 1, 2, 0))
    capsys.readouterr()
    assert main(["backup", "--db", str(demo_copy), "--out", str(folder), "--keep", keep]) == 1
    out, err = capsys.readouterr()
    assert out == "" and err == f"error: --keep must be at least 1 (the backup just written is always kept), not {keep}\n"
    assert [p.name for p in folder.iterdir()] == ["pmo-backup-20261101-020000"]
    with pytest.raises(backup.BackupError, match="keep must be at least 1"):
        backup.backup(open_store(demo_copy), folder, keep=0)
    assert [p.name for p in folder.iterdir()] == ["pmo-backup-20261101-020000"]


def test_a_backup_folder_that_cannot_be_written_is_one_line_saying_what_to_do(demo_copy, tmp_path, capsys):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the backups' folder should be")
    assert main(["backup", "--out", str(blocker / "pmo"), "--db", str(demo_copy)]) == 1
    out, err = capsys.readouterr()
    assert out == "" and err.count("\n") == 1
    assert err.startswith(f"error: cannot write a backup into {blocker / 'pmo'}: Not a directory. ")
    assert "PMO_BACKUP_DIR" in err


def test_a_schema_8_database_with_data_upgrades_and_then_corrects_whole_files(tmp_path):
    path = tmp_path / "v8.duckdb"
    con = duckdb.connect(str(path))  # the version before corrections: rows replaced per project, deleted for good
    con.execute("create table schema_version (version integer not null)")
    for name, statement in sql.layer("schema"):
        if int(name[:3]) <= 8:
            con.execute(statement)
            con.execute("insert into schema_version values (?)", [int(name[:3])])
    for import_id, name in ((1, "a.csv"), (2, "b.csv")):
        con.execute("insert into imports values (?, '2026-10-01', ?, ?, 'canonical', ?, 2, 2, 0, '{}', null, 'Ann', null)",
                    [import_id, name, name, dt.datetime(2026, 10, import_id)])
    # a.csv gave P1 and P2; b.csv (P2, P3) replaced a's P2 the old way and left its P1
    con.execute("insert into projects (period, import_id, project_id, project_name) values "
                "('2026-10-01', 1, 'P1', 'Alpha'), ('2026-10-01', 2, 'P2', 'Beta v2'), ('2026-10-01', 2, 'P3', 'Gamma')")
    con.execute("insert into audit_log values ('2026-10-03', 'Ann', 'remove import', 'import #9 (x.csv, 2026-10)')")
    con.execute("select nextval('import_id_seq') from range(2)").fetchall()  # the two imports above took 1 and 2
    con.close()

    store = open_store(path)
    assert store.schema_version == 15
    assert store.query("select * from import_scopes order by all").values.tolist() == [
        [1, "projects", "P1"], [2, "projects", "P2"], [2, "projects", "P3"]]
    assert store.query("select audit_id, role is null, import_id is null from audit_log").values.tolist() == [[1, True, True]]
    assert store.query("select count(*) from imports where replaced_by is null").values.tolist() == [[2]]
    assert corrections.pending_undo(store) is None  # the old removal deleted its rows for good
    current = "select project_id, import_id, project_name from projects order by all"
    assert store.query(current).values.tolist() == [["P1", 1, "Alpha"], ["P2", 2, "Beta v2"], ["P3", 2, "Gamma"]]

    correction = tmp_path / "a-v2.csv"
    correction.write_text("project_id,project_name\nP1,Alpha v2\n", encoding="utf-8")
    added = import_file(store, correction, "2026-10")
    assert added.import_id == 3 and added.replaced == "#1 a.csv"  # a.csv's P1 in common; b.csv shares nothing
    assert store.query(current).values.tolist() == [["P1", 3, "Alpha v2"], ["P2", 2, "Beta v2"], ["P3", 2, "Gamma"]]
    remove_import(store, 3)
    assert store.query(current).values.tolist() == [["P1", 1, "Alpha"], ["P2", 2, "Beta v2"], ["P3", 2, "Gamma"]]


def test_the_portfolio_s_files_are_private_whatever_the_umask(tmp_path):
    # issue 26, item 10: the database, its published copies and the backups were 0644 in a 0755 folder
    import os
    import stat

    from pmo_data.importer import import_file
    from tests.files import write_csv

    def mode(path):
        return stat.S_IMODE(path.stat().st_mode)

    previous = os.umask(0o022)  # the usual umask: files 0644, folders 0755
    try:
        db = tmp_path / "data" / "pmo.duckdb"
        store = open_store(db, create=True)
        import_file(store, write_csv(tmp_path / "p.csv", "project_id,project_name\nP1,One\n"), "2026-10")
        backup.backup(store, tmp_path / "backups", now=dt.datetime(2026, 11, 1, 2, 0))
    finally:
        os.umask(previous)
    assert mode(db.parent) == 0o700 and mode(db) == 0o600 and mode(store.lock_path) == 0o600
    assert mode(store.published_dir) == 0o700 and {mode(p) for p in store.published_dir.iterdir()} == {0o600}
    folders = [tmp_path / "backups", *[p for p in (tmp_path / "backups").rglob("*") if p.is_dir()]]
    files = [p for p in (tmp_path / "backups").rglob("*") if p.is_file()]
    assert files and {mode(p) for p in folders} == {0o700} and {mode(p) for p in files} == {0o600}


def test_a_restore_keeps_the_audit_entries_written_since_the_backup(demo_copy, tmp_path, monkeypatch):
    # issue 26, item 18: a restore erased the audit rows written after the backup (who imported what, then lost it)
    from pmo_data.importer import import_file
    from tests.files import write_csv

    monkeypatch.setattr(getpass, "getuser", lambda: "operator")
    store = open_store(demo_copy)
    folder = backup.backup(store, tmp_path / "backups", now=dt.datetime(2026, 11, 1, 2, 0), user="ops")
    import_file(store, write_csv(tmp_path / "late.csv", "project_id,project_name\nP77,Late one\n"), "2026-10", user="ann")
    backup.restore(folder, demo_copy, force=True, user="ops")
    assert store.scalar("select count(*) from projects where project_id = 'P77'") == 0  # the data: as backed up
    log = store.query("select user_name, action, detail from audit_log where action in ('import', 'restore') "
                      "and logged_at > (select max(logged_at) from audit_log where action = 'backup') order by audit_id")
    assert log["action"].tolist() == ["import", "restore"]
    assert log.iloc[0]["user_name"] == "ann" and "late.csv" in log.iloc[0]["detail"]  # the entry, kept
    assert log.iloc[1]["detail"] == (f"from {folder.name}; 1 audit entry written since the backup is kept (import), "
                                     "the data described is discarded")

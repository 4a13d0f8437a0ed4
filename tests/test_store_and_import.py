"""The store: migrations, all-or-nothing imports, idempotent re-imports, month snapshots."""

from __future__ import annotations

import datetime as dt

import pytest

from pmo_data import loader
from pmo_data.importer import ImportFailed, import_file, import_prepared, prepare
from pmo_data.sources.base import CANONICAL_COLUMNS
from pmo_data.store import open_store
from tests.conftest import SAMPLE_DATA
from tests.files import write_csv, write_xlsx

TABLES = list(CANONICAL_COLUMNS) + ["imports"]


def snapshot(store) -> dict[str, list[tuple]]:
    """Every row of every table, sorted: equal snapshots mean the data did not change."""
    return {t: sorted(map(repr, store.query(f'select * from "{t}"').itertuples(index=False))) for t in TABLES}


def counts(store) -> dict[str, int]:
    return {t: int(store.scalar(f'select count(*) from "{t}"')) for t in TABLES}


def projects_csv(tmp_path, name="projects.csv", rows=None):
    rows = rows or ["P1,Alpha,100000,green", "P2,Beta,50000,red"]
    return write_csv(tmp_path / name, "project_id,project_name,budget,reported_health\n" + "\n".join(rows) + "\n")


def tasks_csv(tmp_path, name="tasks.csv", rows=None):
    rows = rows or ["P1,T1,Design,Done", "P1,T2,Build,In Progress", "P2,T1,Plan,To Do"]
    return write_csv(tmp_path / name, "project_id,task_id,name,status\n" + "\n".join(rows) + "\n")


def test_new_database_has_every_table_at_the_latest_schema_version(store):
    assert {"imports", *CANONICAL_COLUMNS} <= store.table_names()
    assert store.schema_version == 15


def test_reopening_does_not_migrate_again(db_path):
    store = open_store(db_path)
    published = store.version
    store.close()
    again = open_store(db_path)
    assert again.scalar("select count(*) from schema_version") == 15  # one row per migration, each applied once
    assert again.version == published  # nothing was written, so nothing published anew
    again.close()


def test_import_loads_rows_with_period_and_import_id(store, tmp_path):
    result = import_file(store, tasks_csv(tmp_path), "2026-10")
    assert result.source == "canonical"
    assert result.rows_loaded == {"tasks": 3}
    rows = store.query("select period, import_id, project_id, task_id, status, status_category from tasks order by all")
    assert rows.values.tolist() == [
        [dt.datetime(2026, 10, 1), result.import_id, "P1", "T1", "Done", "done"],
        [dt.datetime(2026, 10, 1), result.import_id, "P1", "T2", "In Progress", "in_progress"],
        [dt.datetime(2026, 10, 1), result.import_id, "P2", "T1", "To Do", "todo"],
    ]


def test_same_file_again_replaces_instead_of_duplicating(store, tmp_path):
    path = projects_csv(tmp_path)
    import_file(store, path, "2026-10")
    before = counts(store)
    import_file(store, path, "2026-10")
    assert counts(store) == before == {**{t: 0 for t in TABLES}, "projects": 2, "imports": 1}


def test_newer_export_of_a_project_replaces_the_older_one_in_that_month_only(store, tmp_path):
    import_file(store, tasks_csv(tmp_path, "september.csv"), "2026-09")
    import_file(store, tasks_csv(tmp_path, "october.csv"), "2026-10")
    newer = tasks_csv(tmp_path, "october-v2.csv", ["P1,T1,Design,Done", "P1,T3,Deploy,To Do"])
    import_file(store, newer, "2026-10")
    october = store.query("select project_id, task_id from tasks where period = '2026-10-01' order by all")
    # it corrects october.csv (same source, a project in common): what it leaves out, P1 T2 and P2 T1, ends
    assert october.values.tolist() == [["P1", "T1"], ["P1", "T3"]]
    assert store.scalar("select count(*) from tasks where period = '2026-09-01'") == 3


def test_exports_of_different_projects_from_one_source_stand_side_by_side(store, tmp_path):
    import_file(store, tasks_csv(tmp_path, "alpha.csv", ["P1,T1,Design,Done", "P1,T2,Build,To Do"]), "2026-10")
    import_file(store, tasks_csv(tmp_path, "beta.csv", ["P2,T1,Plan,To Do"]), "2026-10")
    october = store.query("select project_id, task_id from tasks order by all")
    assert october.values.tolist() == [["P1", "T1"], ["P1", "T2"], ["P2", "T1"]]


def test_another_source_for_the_same_project_does_not_replace(store, tmp_path):
    import_file(store, tasks_csv(tmp_path), "2026-10")
    workbook = write_xlsx(tmp_path / "register.xlsx", {
        "Projects": [["Project ID", "Project Name", "Budget (USD)", "RAG"], ["P1", "Alpha", 1000, "Green"]],
        "Milestones": [["Project ID", "Milestone ID", "Milestone", "Baseline Date", "Forecast Date", "Status"],
                       ["P1", "M1", "Go-live", dt.date(2026, 12, 1), dt.date(2026, 12, 15), "Not Started"]],
    })
    import_file(store, workbook, "2026-10")
    assert store.query("select task_id from tasks where project_id = 'P1' order by 1")["task_id"].tolist() == ["M1", "T1", "T2"]


def test_a_failure_midway_leaves_every_table_exactly_as_it_was(store, tmp_path, monkeypatch):
    import_file(store, projects_csv(tmp_path), "2026-09")
    before = snapshot(store)
    workbook = write_xlsx(tmp_path / "both.xlsx", {
        "projects": [["project_id", "project_name"], ["P1", "Alpha renamed"], ["P3", "Gamma"]],
        "tasks": [["project_id", "task_id", "name"], ["P1", "T9", "Late task"]],
    })
    original = loader._insert_rows
    calls = []

    def fail_on_second_table(cur, table, *args):
        calls.append(table)
        if len(calls) == 2:
            raise RuntimeError("disk full")
        return original(cur, table, *args)

    monkeypatch.setattr(loader, "_insert_rows", fail_on_second_table)
    with pytest.raises(ImportFailed, match=r"both.xlsx: not imported, database unchanged \(disk full\)"):
        import_file(store, workbook, "2026-09")
    assert len(calls) == 2  # the first table really was written before the failure
    assert snapshot(store) == before


def test_rows_without_a_key_are_rejected_with_row_number_and_reason(store, tmp_path):
    path = write_csv(tmp_path / "tasks.csv", "project_id,task_id,name\nP1,T1,a\nP1,,b\n,T3,c\nP1,T1,dup\n")
    result = import_file(store, path, "2026-10")
    assert result.rows_read == 4
    assert result.rows_loaded == {"tasks": 1}
    assert [(r["row"], r["reason"]) for r in result.report["rejected_rows"]] == [
        (3, "no task ID"), (4, "no project"), (5, "same project and task ID as row 2 (P1 / T1)"),
    ]


def test_out_of_range_values_load_empty_with_a_warning(store, tmp_path):
    path = write_csv(tmp_path / "projects.csv", "project_id,percent_complete\nP1,250\nP2,40\n")
    result = import_file(store, path, "2026-10")
    assert result.report["warnings"] == ["projects, percent complete: 1 value(s) outside 0..100 left empty (e.g. 250.0)"]
    values = store.query("select project_id, percent_complete from projects order by 1").values.tolist()
    assert values[0][0] == "P1" and values[0][1] != values[0][1]  # NaN
    assert values[1] == ["P2", 40.0]


def test_unmapped_columns_are_kept_in_extra(store, tmp_path):
    path = write_csv(tmp_path / "projects.csv", "project_id,Cost Centre,Vendor\nP1,CC-12,Acme\n")
    import_file(store, path, "2026-10")
    assert store.scalar("select extra->>'Cost Centre' || '/' || (extra->>'Vendor') from projects") == "CC-12/Acme"


def test_period_must_be_a_month(store, tmp_path):
    with pytest.raises(ImportFailed, match="period '2026-13' is not a month like 2026-10"):
        import_file(store, projects_csv(tmp_path), "2026-13")


def test_a_file_without_a_period_needs_one(store, tmp_path):
    with pytest.raises(ImportFailed, match="states no reporting period; give one with --period"):
        import_file(store, projects_csv(tmp_path))


def test_a_prepared_file_is_imported_for_the_month_chosen_later(store, tmp_path):
    """The Data page reads a file once for its preview (no month yet) and imports that reading."""
    prepared = prepare(tasks_csv(tmp_path), require_period=False, store=store)
    assert prepared.period is None
    with pytest.raises(ImportFailed, match="tasks.csv: the file states no reporting period"):
        import_prepared(store, prepared)
    assert counts(store)["tasks"] == 0
    result = import_prepared(store, prepared, "2026-09", user="ann")
    assert (result.period, result.rows_loaded["tasks"]) == (dt.date(2026, 9, 1), 3)
    assert store.query("select strftime(period, '%Y-%m') as month, project_id, task_id from tasks "
                       "order by project_id, task_id").values.tolist() == [
        ["2026-09", "P1", "T1"], ["2026-09", "P1", "T2"], ["2026-09", "P2", "T1"]]
    assert store.scalar("select imported_by from imports") == "ann"


def test_rows_per_table_counts_every_canonical_table(store):
    """The Data page's "Rows per table": a table added to the schema but not to the query went unseen
    (the review tables of schema 010 did)."""
    from pmo_data import catalog

    import_file(store, SAMPLE_DATA / "2026-10" / "pmo_portfolio.xlsx", "2026-10")
    counts = dict(catalog.table_row_counts(store).itertuples(index=False))
    assert set(counts) == set(CANONICAL_COLUMNS)
    assert (counts["projects"], counts["status_reports"], counts["path_to_green"], counts["gates"]) == (25, 23, 6, 125)


def test_deleting_the_database_file_starts_afresh_and_never_shows_the_deleted_data(store, db_path, tmp_path):
    # issue 26, item 8: pmo.duckdb removed, what lies beside it kept (as a user does): the next import failed
    # with "Catalog Error: retired.imports does not exist", and the pages went on showing the deleted data
    from pmo_data.store import Store

    import_file(store, projects_csv(tmp_path), "2026-10")
    assert store.scalar("select count(*) from projects") == 2
    db_path.unlink()
    assert store.read_path.is_symlink() and store.published_dir.is_dir()  # the sidecars are still there
    assert store.scalar("select count(*) from projects") == 0  # the pages: an empty dashboard, not the deleted data
    import_file(store, projects_csv(tmp_path, "one.csv", ["P9,Nine,1,green"]), "2026-11")
    assert store.query("select project_id from projects").values.tolist() == [["P9"]]  # a new database: only the new file
    # a dashboard started after the deletion (a new process) starts afresh as well
    db_path.unlink()
    fresh = Store(db_path.resolve())
    assert fresh.scalar("select count(*) from projects") == 0 and fresh.scalar("select count(*) from imports") == 0


def test_an_import_whose_publishing_fails_says_it_was_imported_not_unchanged(store, tmp_path, monkeypatch):
    # issue 26, item 7: a full disk after the commit made it say "not imported, database unchanged", and the
    # import appeared later
    import duckdb

    from pmo_data.store import Store

    real_publish = Store._publish

    def full_disk(self):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(Store, "_publish", full_disk)
    result = import_file(store, projects_csv(tmp_path), "2026-10")
    assert result.report["warnings"][0].startswith("imported, not yet visible: committed, but not yet visible: "
                                                   "publishing the new version failed (No space left on device)")
    with duckdb.connect(str(store.path), read_only=True) as master:
        assert master.execute("select count(*) from projects").fetchone()[0] == 2  # it is in the database
    assert store.scalar("select count(*) from projects") == 0  # the pages still show the version before
    monkeypatch.setattr(Store, "_publish", real_publish)
    later = import_file(store, projects_csv(tmp_path, "more.csv", ["P3,Gamma,1,green"]), "2026-10")
    assert "published with this import: the earlier changes that publishing had held back are visible now too" \
        in later.report["notes"]
    assert store.scalar("select count(*) from projects") == 3

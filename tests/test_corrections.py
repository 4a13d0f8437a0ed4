"""Corrections, removal and undo: a corrected file replaces the whole file it corrects, removing
it brings back what it replaced, each step can be undone for `undo_days`, and every step is in the
audit log with who made it."""

from __future__ import annotations

import datetime as dt

import pytest

from pmo_data import audit, corrections
from pmo_data.importer import import_file, remove_import
from tests.files import write_csv, write_xlsx

OCTOBER = dt.date(2026, 10, 1)
PROJECT_HEADER = ["Project ID", "Project Name", "Budget (USD)", "RAG"]
MILESTONE_HEADER = ["Project ID", "Milestone ID", "Milestone", "Baseline Date", "Forecast Date", "Status"]


def register(path, projects: int, first_budget: int = 1000):
    """A PMO register of P01…P<projects>, budget i × 1,000 (P01's as given), one milestone each."""
    rows = [[f"P{i:02d}", f"Project {i}", first_budget if i == 1 else i * 1000, "Green"] for i in range(1, projects + 1)]
    milestones = [[f"P{i:02d}", "M1", "Go-live", dt.date(2026, 12, 1), dt.date(2026, 12, 15), "Not Started"]
                  for i in range(1, projects + 1)]
    return write_xlsx(path, {"Projects": [PROJECT_HEADER, *rows], "Milestones": [MILESTONE_HEADER, *milestones]})


def october(store) -> dict:
    """What October holds now: projects, their budget, milestones, and the KPI table's projects."""
    where = {"period": OCTOBER}
    return {
        "projects": store.scalar("select count(*) from projects where period = $period", where),
        "budget": store.scalar("select sum(budget) from projects where period = $period", where),
        "milestones": store.scalar("select count(*) from tasks where period = $period", where),
        "kpi_projects": store.scalar("select count(*) from kpi_project_health where period = $period", where),
    }


ORIGINAL = {"projects": 25, "budget": 325_000.0, "milestones": 25, "kpi_projects": 25}  # 1,000 × (1 + … + 25)
# the correction drops P25 and puts P01's budget at 5,000: 1,000 × (1 + … + 24) − 1,000 + 5,000
CORRECTED = {"projects": 24, "budget": 304_000.0, "milestones": 24, "kpi_projects": 24}


@pytest.fixture
def corrected(store, tmp_path):
    """October's register (25 projects), then its correction (24): the store and both imports."""
    original = import_file(store, register(tmp_path / "register.xlsx", 25), "2026-10", user="Ann", role="editor")
    correction = import_file(store, register(tmp_path / "register-v2.xlsx", 24, first_budget=5000), "2026-10",
                             user="Bob", role="editor")
    return store, original, correction


def test_a_correction_ends_the_rows_it_leaves_out(corrected):
    store, original, correction = corrected
    assert october(store) == CORRECTED
    assert correction.replaced == f"#{original.import_id} register.xlsx"
    assert store.query("select project_id, budget from projects where project_id in ('P01', 'P25')").values.tolist() == [
        ["P01", 5000.0]]
    history = store.query_named("imports").set_index("import_id")
    assert history.loc[original.import_id, "rows_current"] == 0
    assert history.loc[original.import_id, "replaced_by"] == correction.import_id
    # kept aside, not deleted: the whole of the corrected file
    assert store.scalar("select count(*) from retired.projects") == 25
    assert store.scalar("select count(*) from retired.tasks where project_id = 'P25'") == 1


def test_removing_the_correction_brings_back_what_it_replaced(corrected):
    store, original, correction = corrected
    detail = remove_import(store, correction.import_id, user="Bob", role="editor")
    assert detail == f"#{correction.import_id} register-v2.xlsx for 2026-10; current again: #{original.import_id} register.xlsx"
    assert october(store) == ORIGINAL
    assert store.scalar("select budget from projects where project_id = 'P01'") == 1000.0
    assert store.query("select import_id from imports")["import_id"].tolist() == [original.import_id]
    assert store.scalar("select count(*) from retired.projects") == 24  # the correction, kept for undo


def test_undo_goes_back_one_change_at_a_time(corrected):
    store, original, correction = corrected
    remove_import(store, correction.import_id, user="Bob", role="editor")
    assert corrections.undo_last(store, user="Cy", role="editor") == (
        f"remove import #{correction.import_id} register-v2.xlsx for 2026-10; current again: "
        f"#{correction.import_id} register-v2.xlsx; no longer current: #{original.import_id} register.xlsx")
    assert october(store) == CORRECTED
    # the next undo takes back the correction itself
    corrections.undo_last(store, user="Cy", role="editor")
    assert october(store) == ORIGINAL
    assert store.query("select import_id from imports")["import_id"].tolist() == [original.import_id]
    with pytest.raises(corrections.ChangeRefused, match="nothing to undo"):
        corrections.undo_last(store, user="Cy", role="editor")


def test_removing_the_middle_of_a_chain_of_corrections_is_as_if_it_was_never_imported(store, tmp_path):
    def projects(name, ids):
        return write_csv(tmp_path / name, "project_id,project_name\n" + "".join(f"{i},{i} name\n" for i in ids))

    a = import_file(store, projects("a.csv", ["P1", "P2"]), "2026-10")
    b = import_file(store, projects("b.csv", ["P2", "P3"]), "2026-10")  # corrects a (P2 in common): P1 ends too
    c = import_file(store, projects("c.csv", ["P3"]), "2026-10")  # corrects b (P3): P2 ends
    current = "select project_id, import_id from projects order by all"
    assert store.query(current).values.tolist() == [["P3", c.import_id]]
    remove_import(store, b.import_id)
    # without b, a and c share no project: side by side
    assert store.query(current).values.tolist() == [["P1", a.import_id], ["P2", a.import_id], ["P3", c.import_id]]
    corrections.undo_last(store)
    assert store.query(current).values.tolist() == [["P3", c.import_id]]
    assert store.query("select import_id, coalesce(replaced_by, 0) from imports order by 1").values.tolist() == [
        [a.import_id, b.import_id], [b.import_id, c.import_id], [c.import_id, 0]]


def test_a_correction_touches_neither_other_months_nor_other_sources(store, tmp_path):
    import_file(store, register(tmp_path / "september.xlsx", 25), "2026-09")
    tasks = write_csv(tmp_path / "tasks.csv", "project_id,task_id,name\nP25,T1,Build\n")
    import_file(store, tasks, "2026-10")
    import_file(store, register(tmp_path / "register.xlsx", 25), "2026-10")
    import_file(store, register(tmp_path / "register-v2.xlsx", 24), "2026-10")
    assert store.scalar("select count(*) from projects where period = '2026-09-01'") == 25
    # the tracker's task for P25 stays: only the register's own rows for P25 ended
    assert store.query("select task_id from tasks where project_id = 'P25' and period = $p", {"p": OCTOBER})[
        "task_id"].tolist() == ["T1"]


def test_the_same_file_again_takes_the_place_of_its_earlier_import_and_undo_puts_it_back(store, tmp_path):
    path = register(tmp_path / "register.xlsx", 25)
    first = import_file(store, path, "2026-10")
    again = import_file(store, path, "2026-10")
    assert again.replaced == f"#{first.import_id} register.xlsx"
    assert store.query("select import_id from imports")["import_id"].tolist() == [again.import_id]
    assert october(store) == ORIGINAL
    corrections.undo_last(store)
    assert store.query("select import_id from imports")["import_id"].tolist() == [first.import_id]
    assert october(store) == ORIGINAL


def test_every_change_is_in_the_audit_log_with_who_made_it(corrected, tmp_path):
    store, original, correction = corrected
    import_file(store, tmp_path / "register-v2.xlsx", "2026-10", user="Bob", role="editor")
    remove_import(store, correction.import_id + 1, user="Dee", role="editor")
    corrections.undo_last(store, user="Eve", role="editor")
    log = audit.entries(store)
    assert log[["user_name", "role", "action"]].values.tolist() == [
        ["Eve", "editor", "undo"],
        ["Dee", "editor", "remove import"],
        ["Bob", "editor", "re-import"],
        ["Bob", "editor", "replace"],
        ["Ann", "editor", "import"],
    ]
    assert log["detail"].tolist()[1:] == [
        f"#{correction.import_id + 1} register-v2.xlsx for 2026-10; current again: #{original.import_id} register.xlsx",
        f"#{correction.import_id + 1} register-v2.xlsx for 2026-10; replaces #{correction.import_id} register-v2.xlsx "
        "(the same file)",
        f"#{correction.import_id} register-v2.xlsx for 2026-10; replaces #{original.import_id} register.xlsx",
        f"#{original.import_id} register.xlsx for 2026-10",
    ]
    assert audit.entries(store, ["replace", "import"])["action"].tolist() == ["replace", "import"]


def test_undo_refuses_a_change_other_than_the_one_shown(corrected):
    store, original, correction = corrected
    shown = corrections.pending_undo(store)
    assert (shown.action, shown.import_id, shown.user_name) == ("replace", correction.import_id, "Bob")
    remove_import(store, correction.import_id, user="Dee")
    with pytest.raises(corrections.ChangeRefused, match="another change came first"):
        corrections.undo_last(store, expected=shown.audit_id)
    assert october(store) == ORIGINAL


def test_replaced_rows_are_kept_undo_days_then_deleted(corrected, tmp_path, monkeypatch):
    store, original, correction = corrected
    remove_import(store, correction.import_id)
    later = corrections.utc_now() + dt.timedelta(days=31)
    monkeypatch.setattr(corrections, "utc_now", lambda: later)
    with pytest.raises(corrections.ChangeRefused, match="older than 30 days"):
        corrections.undo_last(store)
    assert store.scalar("select count(*) from retired.projects") == 24  # a refused undo changes nothing
    # the next change deletes what has been kept long enough
    import_file(store, write_csv(tmp_path / "tasks.csv", "project_id,task_id\nP01,T1\n"), "2026-11")
    assert [store.scalar(f"select count(*) from retired.{t}") for t in ("imports", "projects", "tasks")] == [0, 0, 0]
    assert store.scalar("select count(*) from import_scopes where import_id = $id", {"id": correction.import_id}) == 0
    assert october(store) == ORIGINAL


def test_a_replaced_file_kept_past_undo_days_does_not_come_back(corrected, tmp_path, monkeypatch):
    """After `undo_days` the replaced rows are gone: removing the correction then leaves the month
    without them (the history still names the file; importing it again brings them back)."""
    store, original, correction = corrected
    later = corrections.utc_now() + dt.timedelta(days=31)
    monkeypatch.setattr(corrections, "utc_now", lambda: later)
    assert remove_import(store, correction.import_id) == (
        f"#{correction.import_id} register-v2.xlsx for 2026-10; not brought back, its rows were kept only 30 days: "
        f"#{original.import_id} register.xlsx")
    assert october(store) == {"projects": 0, "budget": None, "milestones": 0, "kpi_projects": 0}
    assert store.query_named("imports")[["import_id", "rows_current"]].values.tolist() == [[original.import_id, 0]]

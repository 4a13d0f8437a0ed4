"""Never a silent blank (issue 23): values of a mapped column that cannot be read refuse the
import, by name, on the CLI and on the Data page, until the user chooses how to read them or to
leave them empty. Every adapter's parsed columns are fed unreadable dates, numbers and percentages."""

from __future__ import annotations

import datetime as dt

import pytest

from pmo_data.importer import ImportFailed, UnreadValues, import_file
from pmo_data.store import open_store
from tests.conftest import run_cli
from tests.files import write_csv, write_xlsx
from tests.test_app_pages import open_page

PLAN = ("Task Name,Status,Start Date,End Date,% Complete\n"
        "Design,Done,2026-01-05,2026-01-20,100%\n"
        "Build,In progress,soon,2026-03-31,half\n"
        "Test,To do,TBC by PM,31/02/2026,0%\n")


def test_the_cli_refuses_naming_the_columns_count_and_examples(tmp_path):
    path = write_csv(tmp_path / "plan.csv", PLAN)
    done = run_cli(tmp_path / "pmo.duckdb", "import", str(path), "--period", "2026-10", "--create")
    assert done.returncode == 1
    assert ("not imported: 4 values in 3 columns could not be read, and would be left empty: "
            "'plan: Start Date': 2 (e.g. TBC by PM, soon); 'plan: End Date': 1 (e.g. 31/02/2026); "
            "'plan: % Complete': 1 (e.g. half)") in done.stderr
    assert "--allow-unparsed" in done.stderr and "--date-order" in done.stderr
    assert open_store(tmp_path / "pmo.duckdb").scalar("select count(*) from tasks") == 0


def test_allowed_they_load_empty_and_the_first_line_says_how_many(tmp_path):
    path = write_csv(tmp_path / "plan.csv", PLAN)
    done = run_cli(tmp_path / "pmo.duckdb", "import", str(path), "--period", "2026-10", "--create", "--allow-unparsed")
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[0] == "plan.csv: 4 values could not be read and were left empty (--allow-unparsed)"
    store = open_store(tmp_path / "pmo.duckdb")
    rows = store.query("select name, coalesce(strftime(start_date, '%Y-%m-%d'), 'none') as start, coalesce(percent_complete, -1) as pct "
                       "from tasks order by name").values.tolist()
    assert rows == [["Build", "none", -1.0], ["Design", "2026-01-05", 100.0], ["Test", "none", 0.0]]
    report = store.scalar("select warnings from imports")
    assert '"texts": ["TBC by PM", "soon"]' in report  # the cells' own text is kept in the quality report


def test_a_date_order_chosen_on_the_command_line_reads_the_column(tmp_path):
    path = write_csv(tmp_path / "log.csv", "Risk ID,Description,Probability,Impact,Raised\n"
                                           "R1,Vendor late,High,High,03/04/2026\nR2,Key person leaves,Low,High,05/04/2026\n")
    done = run_cli(tmp_path / "pmo.duckdb", "import", str(path), "--period", "2026-10", "--create",
                   "--date-order", "log: Raised=day-first")
    assert done.returncode == 0, done.stderr
    assert open_store(tmp_path / "pmo.duckdb").query(
        "select risk_id, raised_date from risks order by 1").values.tolist() == [
        ["R1", dt.datetime(2026, 4, 3)], ["R2", dt.datetime(2026, 4, 5)]]


def test_a_file_whose_every_date_fails_never_says_it_loaded(store, tmp_path):
    path = write_csv(tmp_path / "dates.csv", "Task Name,Start Date,End Date\nA,next week,later\nB,soon,someday\n")
    with pytest.raises(UnreadValues) as refused:
        import_file(store, path, "2026-10")
    assert set(refused.value.columns) == {"dates: Start Date", "dates: End Date"}
    assert store.scalar("select count(*) from imports") == 0


# One file per adapter whose parsed columns carry a value that cannot be read (a date, a number, a percentage)
UNREADABLE = {
    "jira": ("jira.csv", "Summary,Issue key,Issue id,Issue Type,Status,Project key,Due date\nA,P-1,10,Task,To Do,P,someday\n"),
    "azure_devops": ("ado.csv", "ID,Work Item Type,Title,State,Assigned To,Area Path,Iteration Path,Target Date\n"
                                "1,Task,A,New,Ann,Shop,Shop\\1,tbd later\n"),
    "openproject": ("op.csv", "id,Type,Subject,Status,Start date,Finish date\n1,Task,A,New,2026-01-01,next month\n"),
    "asana": ("asana.csv", "Task ID,Created At,Completed At,Last Modified,Name,Section/Column,Assignee,Start Date,Due Date,"
                           "Projects,Parent task\n1,2026-01-01,,2026-01-02,A,Doing,Ann,soonish,2026-02-01,Web,\n"),
    "trello": ("trello.csv", "Card ID,Card Name,Card URL,Description,Labels,Members,Due Date,Due Complete,List ID,List Name,"
                             "Board ID,Board Name,Archived,Start Date\nc1,A,u,,,,when ready,false,l1,Doing,b1,Web,false,\n"),
    "schedule": ("schedule.csv", "Task Name,Status,Start Date,End Date\nA,Done,2026-01-01,after lunch\n"),
    "raid_log": ("raid.csv", "Risk ID,Description,Probability,Impact,Status,Date Raised\nR1,Vendor late,High,High,Open,yesterday\n"),
    "project_register": ("register.csv", "Project ID,Project Name,Project Manager,Budget,RAG\nP1,Portal,Ann,lots,Green\n"),
}


@pytest.mark.parametrize("source", sorted(UNREADABLE))
def test_every_adapters_parsed_columns_refuse_an_unreadable_value(store, tmp_path, source):
    name, text = UNREADABLE[source]
    with pytest.raises(UnreadValues) as refused:
        import_file(store, write_csv(tmp_path / name, text), "2026-10")
    assert len(refused.value.columns) == 1 and list(refused.value.columns.values())[0]["count"] == 1
    assert store.scalar("select count(*) from imports") == 0


def test_an_ms_project_and_a_resource_plan_too(store, tmp_path):
    project = write_xlsx(tmp_path / "project.xlsx", {"Task_Table1": [
        ["ID", "Unique_ID", "Name", "Outline_Level", "Start_Date", "Finish_Date", "Percent_Complete"],
        [1, 1, "A", 1, "January 5, 2026 8:00 AM", "some day", "10%"]]})
    plan = write_xlsx(tmp_path / "plan.xlsx", {"Plan": [["Name", "Project", "Jan 2026", "Feb 2026"], ["Ann", "P1", 80, "lots"]]})
    for path in (project, plan):
        with pytest.raises(ImportFailed) as refused:
            import_file(store, path, "2026-10")
        assert "could not be read" in str(refused.value), str(refused.value)


def test_the_data_page_asks_then_loads_what_the_user_chose(db_path):
    at = open_page("pages/data.py")
    at.file_uploader(key="uploads").set_value(("plan.csv", PLAN.encode(), "text/csv")).run()
    assert any("4 values in 3 columns could not be read" in w.value for w in at.warning), [w.value for w in at.warning]
    assert not [b for b in at.button if b.key == "import_files"]  # nothing is imported until each column has an answer
    shown = next(df.value for df in at.dataframe if "as written in the file" in getattr(df.value, "columns", []))
    assert shown.values.tolist() == [["plan: Start Date", 2, "date", "TBC by PM, soon"],
                                     ["plan: End Date", 1, "date", "31/02/2026"],
                                     ["plan: % Complete", 1, "number", "half"]]
    for box in [b for b in at.selectbox if (b.key or "").startswith("unread-")]:
        box.set_value("leave empty")
    next(b for b in at.button if (b.key or "").startswith("unread-use-")).click().run()
    assert any("Left empty by your choice" in c.value for c in at.caption)
    at.button(key="import_files").click().run()
    assert any("plan.csv: loaded 3 tasks" in s.value.replace("\\", "") for s in at.success), [e.value for e in at.error]
    assert open_store(db_path).scalar("select count(*) from tasks where start_date is null") == 2

"""Cases a review of the first-sight work found (each failed before its fix): one typo in an ID
column, a person whose plan is the sum of two others', a data row of repeated words under a
header, an empty column where Jira's due date is guessed, names that start like 'Sum', an empty
timesheet, ranges of dates, and a hostile colspan."""

from __future__ import annotations

import datetime as dt

import pytest

from pmo_data.importer import ImportFailed, import_file, prepare
from pmo_data.readers import UnreadableFile, read_workbook
from tests.files import write_csv, write_xlsx

D = dt.date


def test_one_repeated_id_keeps_both_entries_and_every_other_id(store, tmp_path):
    path = write_csv(tmp_path / "raid.csv", "Risk ID,Description,Probability,Impact,Status\n"
                     "R-1,Vendor late,High,High,Open\nR-2,Key person leaves,Low,High,Open\n"
                     "R-3,Budget cut,Medium,High,Open\nR-3,Scope creep,Medium,Medium,Open\n")
    result = import_file(store, path, "2026-10")
    # two different risks typed with one ID: both kept (a real risk is never dropped for a typo), the later
    # told apart by its row, and the report says so
    assert store.query("select risk_id, title from risks order by 1").values.tolist() == [
        ["R-1", "Vendor late"], ["R-2", "Key person leaves"], ["R-3", "Budget cut"], ["R-3 (row 5)", "Scope creep"]]
    assert not result.report["rejected_rows"]
    assert any("given to two different entries (R-3): the later one is told apart by its row" in n
               for n in result.report["notes"])


def test_a_person_planned_the_sum_of_two_others_is_a_person(store, tmp_path):
    path = write_xlsx(tmp_path / "fte.xlsx", {"FTE plan": [
        ["Team plan (FTE)"], ["Name", "Project", "Jan 2027", "Feb 2027", "Mar 2027"],
        ["Ann", "P1", 0.5, 0.5, 0.5], ["Bob", "P1", 0.5, 0.5, 0.5], ["Cat", "P1", 1.0, 1.0, 1.0]]})
    import_file(store, path, "2026-10")
    assert store.query("select resource_name, count(*) from allocations group by 1 order by 1").values.tolist() == [
        ["Ann", 3], ["Bob", 3], ["Cat", 3]]


def test_a_data_row_of_repeated_words_is_not_the_lower_half_of_a_header(tmp_path):
    path = write_xlsx(tmp_path / "tasks.xlsx", {"Tasks": [
        ["Task", "Owner", "Reviewer", "Status", None],
        ["Design", "Ann", "Ann", "Open", "see mail"], ["Build", "Bo", "Ann", "Open", None], ["Test", "Cy", "Bo", "Done", None]]})
    table = read_workbook(path).sheets[0].table()
    assert table.headers[:4] == ["Task", "Owner", "Reviewer", "Status"] and len(table.frame) == 3


def test_jiras_due_date_is_not_guessed_onto_an_empty_column(tmp_path):
    headers = ["Summary", "Issue key", "Issue id", "Issue Type", "Status", "Project key", "Project name", "Project type",
               "Project lead", "Project lead id", "Project description", "Priority", "Resolution", "Assignee",
               "Assignee Id", "Reporter", "Reporter Id", "Creator", "Creator Id", "Created", "Updated", "Last Viewed",
               "Resolved", "Environment", "Votes", "Due date"]
    rows = [[f"Task {n}", f"AB-{n}", str(1000 + n), "Task", "To Do", "AB", "Alpha", "software", "Ann", "x", "", "Medium",
             "", "Ann", "y", "Bo", "z", "Bo", "z", "11/Mar/26 9:00 AM", "11/Mar/26 9:00 AM", "", "", "", "0",
             f"1{n}/Mar/26 12:00 AM"] for n in (1, 2, 3)]
    path = write_csv(tmp_path / "Jira.csv", "\n".join(",".join(r) for r in [headers, *rows]) + "\n")
    tasks = prepare(path, "2026-10").tables["tasks"]
    assert sorted(tasks["finish_date"].dt.strftime("%Y-%m-%d")) == ["2026-03-11", "2026-03-12", "2026-03-13"]


def test_timesheet_names_like_sum_ranges_and_an_empty_sheet(store, tmp_path):
    path = write_csv(tmp_path / "timesheet.csv", "Name,Date,Hours\nSumit Patel,2026-10-01,8\nSummer Jones,2026-10-02,6\n"
                     "Ann Lee,2026-10-05 – 2026-10-09,30\nAnn Lee,2/24/26-3/09/26,12\nAnn Lee,2/1-2,5\nTotal,,61\n")
    result = import_file(store, path, "2026-10")
    assert store.query("select resource_name, strftime(work_date, '%Y-%m-%d'), hours from actual_hours order by all"
                       ).values.tolist() == [["Ann Lee", "2026-02-24", 12.0], ["Ann Lee", "2026-10-05", 30.0],
                                             ["Sumit Patel", "2026-10-01", 8.0], ["Summer Jones", "2026-10-02", 6.0]]
    assert [(r["row"], r["reason"].split(" names")[0]) for r in result.report["rejected_rows"]] == [
        (6, "'2/1-2'"), (7, "total row")]
    empty = write_csv(tmp_path / "empty timesheet.csv", "Name,Date,Hours\n")
    with pytest.raises(ImportFailed) as refused:
        import_file(store, empty, "2026-10")
    assert "error in the product" not in str(refused.value)


def test_a_hostile_colspan_is_refused_before_it_takes_memory(tmp_path):
    path = tmp_path / "export.xls"
    path.write_text('<html><body><table><tr><td colspan="300000000">x</td></tr><tr><td>a</td></tr></table></body></html>')
    with pytest.raises(UnreadableFile, match="columns"):
        read_workbook(path)


def test_a_file_no_format_comes_close_to_is_refused_naming_what_it_holds(tmp_path):
    """What a far-off format lacks ('Board Name', 'Card ID' for a pay sheet) says nothing; the header read does."""
    path = write_xlsx(tmp_path / "pay.xlsx", {"Sheet1": [
        ["Name", "Role", "Hours per week", "Hourly Rate", "Total pay per week"], ["Ann", "PM", 20, 60, 1200]]})
    with pytest.raises(ImportFailed) as refused:
        prepare(path, "2026-10")
    message = str(refused.value)
    assert "layout not recognised (no known format comes close; the header read on 'Sheet1' row 1: Name, Role, " \
           "Hours per week, Hourly Rate, Total pay per week)" in message
    assert "it lacks" not in message

"""Structural steps (pmo_data/steps.py) on small sheets built here, with exact output rows, and the
two-row header they rely on (a title merged down beside groups over a repeated scale)."""

from __future__ import annotations

import datetime as dt

import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from pmo_data import steps
from pmo_data.importer import import_file
from pmo_data.readers import Table, read_workbook
from tests.files import write_xlsx

POINTS = ["VL", "L", "M", "H", "VH"]


def table_of(headers, rows) -> Table:
    frame = pd.DataFrame(rows, columns=headers, dtype=object)
    return Table("Sheet", list(headers), 1, frame)


def test_marks_under_a_scale_become_the_marked_point():
    table = table_of(["ID", "Probability VL", "Probability L", "Probability M", "Impact 1", "Impact 2", "Impact 3", "Owner"],
                     [["R1", None, "X", None, None, None, "✓", "Ann"],
                      ["R2", "x", None, None, 1, None, None, "Bo"],
                      ["R3", None, None, None, None, None, None, "Cy"]])
    after = steps.ratings_from_marks(table)
    assert after.headers == ["ID", "Probability", "Impact", "Owner"]
    assert after.frame.values.tolist() == [["R1", "L", "3", "Ann"], ["R2", "VL", "1", "Bo"], ["R3", None, None, "Cy"]]


def test_columns_that_hold_more_than_marks_are_left_alone():
    table = table_of(["ID", "Cost L", "Cost M", "Cost H"], [["R1", 100, None, 250]])
    assert steps.ratings_from_marks(table) is table


@settings(max_examples=60, deadline=None)
@given(marked=st.lists(st.one_of(st.none(), st.integers(0, 4)), min_size=1, max_size=8),
       mark=st.sampled_from(["X", "x", "✓", "●", 1, True]))
def test_any_mark_reads_back_the_point_it_stands_under(marked, mark):
    rows = [[f"R{n}", *[mark if point == m else None for m in range(5)]] for n, point in enumerate(marked)]
    table = table_of(["ID", *[f"Likelihood {p}" for p in POINTS]], rows)
    after = steps.ratings_from_marks(table)
    assert after.frame["Likelihood"].tolist() == [None if m is None else POINTS[m] for m in marked]


def test_a_risk_register_with_a_two_row_header_and_x_marks(store, tmp_path):
    # the layout of JRafaelSoares/GPI "Risk Register.xlsx": the table at B2, 'Description' merged down over
    # two rows, 'Probability' and 'Consequences' over VL … VH, an ID column that says 'Risk' on every row
    path = write_xlsx(tmp_path / "Risk Register.xlsx", {"Sheet1": [
        [],
        [None, "Risk", "Description", "Probability", None, None, None, None, "Consequences", None, None, None, None, "Owner"],
        [None, "Risk", None, *POINTS, *POINTS, None],
        [None, "Risk", "Vendor late", None, None, "X", None, None, None, "X", None, None, None, "Ann"],
        [None, "Risk", "Key person leaves", "X", None, None, None, None, None, None, None, "X", None, "Bo"]]})
    table = read_workbook(path).sheets[0].table()
    assert table.headers[1:5] == ["Risk", "Description", "Probability VL", "Probability L"]
    import_file(store, path, "2026-10")
    assert store.query("select title, probability, impact, status from risks order by title").values.tolist() == [
        ["Key person leaves", 1, 4, "open"], ["Vendor late", 3, 2, "open"]]


def test_a_grouping_column_written_once_per_group_is_filled_down():
    values = pd.Series([None, "CRM", None, None, "Docs", None], dtype=object)
    assert steps.fill_down_groups(values).tolist() == [None, "CRM", "CRM", "CRM", "Docs", "Docs"]


def test_a_column_filled_here_and_there_is_not_a_grouping():
    # 'CRM' comes back after 'Docs': the blanks are missing values, not 'same as above'
    assert steps.fill_down_groups(pd.Series(["CRM", None, "Docs", "CRM", None], dtype=object)) is None
    assert steps.fill_down_groups(pd.Series(["CRM", "Docs", None], dtype=object)).tolist() == ["CRM", "Docs", "Docs"]
    assert steps.fill_down_groups(pd.Series(["CRM", "CRM"], dtype=object)) is None  # nothing to fill
    assert steps.fill_down_groups(pd.Series([None, None], dtype=object)) is None


def test_a_multi_project_task_list_with_the_project_left_blank_under_its_first_row(store, tmp_path):
    # the shape of the housing-finance IT team's task list (docs/real-corpus.toml,
    # schedule_multi_project_subtasks.xlsx): the project written on the first rows of its block only
    path = write_xlsx(tmp_path / "Project tracker.xlsx", {"Sheet1": [
        ["Sr.No", "Project", "Task No", "Task", "Task Start Date", "Task Planned End Date", "Owner", "Status"],
        [1, "CRM", 1, "API testing", "2022-02-01", "2022-02-10", "Asha", "Completed"],
        [None, "CRM", 2, "Web form", "2022-02-05", "2022-02-20", "Ravi", "InQueue"],
        [2, "Docket Scan", 1, "Requirements", None, None, "Asha", "Pending"],
        [None, None, 2, "Development", None, None, "Ravi", None],
        [None, None, 3, "Deployment", None, None, "Ravi", None]]})
    result = import_file(store, path, "2026-10")
    assert store.query("select project_id, count(*) from tasks group by 1 order by 1").values.tolist() == [
        ["CRM", 2], ["Docket Scan", 3]]
    assert any("2 rows with an empty project cell" in note for note in result.report["notes"])
    # 'InQueue' is the vocabulary's 'in queue' (camel case does not count): to do, not an unknown word
    assert store.query("select status_category, count(*) from tasks group by 1 order by 1").values.tolist() == [
        ["done", 1], ["todo", 4]]


def test_rows_repeating_the_header_and_rows_a_rule_names():
    from pmo_data.readers import Table

    frame = pd.DataFrame({"ID": ["1", "ID", None, "2"], "Task": ["Design", "Task", "Phase 2", "Build"],
                          "Type": ["Task", "Type", "Group", "Task"]}, dtype=object)
    table = Table("Sheet1", ["ID", "Task", "Type"], 1, frame)
    assert steps.rows_repeating_the_header(table).tolist() == [False, True, False, False]
    assert steps.rows_where(table, {"Type": " GROUP "}).tolist() == [False, False, True, False]
    assert steps.rows_where(table, {}).tolist() == [False] * 4
    # one cell that happens to equal its header is no repeated header ('Task' as a task's type)
    one = Table("Sheet1", ["ID", "Type"], 1, pd.DataFrame({"ID": ["7"], "Type": ["Type"]}, dtype=object))
    assert steps.rows_repeating_the_header(one).tolist() == [False]


def test_months_down_turns_a_transposed_plan_into_one_column_per_month():
    table = Table("Plan", ["month", "devs", "testers"], 1, pd.DataFrame(
        {"month": ["Aug 2025", "Sep 2025"], "devs": [0.8, 1.8], "testers": [0.2, 0.4]}, index=[1, 2]))
    turned = steps.months_down(table)
    assert turned.headers == ["", "Aug 2025", "Sep 2025"]
    assert turned.frame.values.tolist() == [["devs", 0.8, 1.8], ["testers", 0.2, 0.4]]


def test_months_down_leaves_a_log_of_days_and_a_column_of_words_alone():
    days = Table("Log", ["date", "hours"], 1, pd.DataFrame({"date": [dt.date(2025, 8, 4), dt.date(2025, 8, 5)], "hours": [3, 4]}))
    words = Table("List", ["task", "hours"], 1, pd.DataFrame({"task": ["Aug 2025", "Design"], "hours": [3, 4]}))
    repeated = Table("List", ["month", "hours"], 1, pd.DataFrame({"month": ["Aug 2025", "Aug 2025"], "hours": [3, 4]}))
    assert steps.months_down(days) is None and steps.months_down(words) is None and steps.months_down(repeated) is None


def test_month_of_sheet_reads_a_month_from_a_sheet_name_and_nothing_else():
    assert [steps.month_of_sheet(name) for name in ("Sep2019", "Oct 2019", " 2019-11 ", "Okt 2019")] == [
        pd.Timestamp(2019, 9, 1), pd.Timestamp(2019, 10, 1), pd.Timestamp(2019, 11, 1), pd.Timestamp(2019, 10, 1)]
    assert [steps.month_of_sheet(name) for name in ("Sheet1", "Summary", "Q3", "Plan 2019")] == [None, None, None, None]


def test_carry_group_headings_turns_title_rows_into_a_column_of_the_rows_under_them():
    table = Table("Board", ["Name", "Status"], 1, pd.DataFrame(
        {"Name": ["Before any", "Q4 Goals", "Launch", "Pricing", "Backlog", "Hiring", "Total"],
         "Status": ["Open", None, "Done", "Open", None, "Open", None]}, index=range(1, 8)))
    carried, headings = steps.carry_group_headings(table)
    assert headings == [3, 6]  # file rows of 'Q4 Goals' and 'Backlog'; a 'Total' row alone is no heading
    assert carried.frame.fillna("-").values.tolist() == [["Before any", "Open", "-"], ["Launch", "Done", "Q4 Goals"],
                                             ["Pricing", "Open", "Q4 Goals"], ["Hiring", "Open", "Backlog"],
                                             ["Total", "-", "Backlog"]]
    assert carried.labels_for(steps.GROUP_HEADING) == [steps.GROUP_HEADING]

"""Actual effort (issue 24 part 4): a timesheet becomes hours logged by person and day; week
labels and ranges resolve by a stated rule, entries naming no day are refused by name; the
Resources page sets logged beside planned hours, recomputed here by hand."""

from __future__ import annotations

import datetime as dt

from pmo_data.importer import import_file
from pmo_data.store import open_store
from tests.files import write_csv, write_xlsx
from tests.test_app_pages import open_page

D = dt.date


def timesheet(folder):
    # the shape of a team's hand-kept time log (HPotter-Spring-2020/teamInfo): a roster above the
    # header, dates as cells and as text, ranges, week labels, a row with no name
    return write_xlsx(folder / "Timesheet.xlsx", {"time tracker": [
        ["Team roster"], ["Ann Lee", "PM"], ["Bo Chen", "Dev"], [],
        ["Time Report"],
        ["Team Member", "Hours Spent", "Date", "Project", "Description"],
        ["Ann Lee", 3, D(2026, 9, 28), "PRJ-1", "Kick-off"],
        ["Ann Lee", 2.5, "10/02/2026", "PRJ-1", "Plan"],
        ["Ann Lee", 4, "10/05/2026 - 10/09/2026", "PRJ-1", "Design week"],
        ["Bo Chen", 6, "2026-W41", "PRJ-1", "Build"],
        ["Bo Chen", 1.5, D(2026, 10, 20), "PRJ-1", "Review"],
        ["Bo Chen", 2, D(2026, 10, 20), "PRJ-1", "Review, again"],
        ["Bo Chen", 5, "week1", "PRJ-1", "Spike"],
        [None, 1, D(2026, 10, 21), "PRJ-1", "Who?"],
        ["Total", 25]]})


def test_a_timesheet_is_hours_logged_by_person_and_day(store, tmp_path):
    result = import_file(store, timesheet(tmp_path), "2026-10")
    assert result.source == "timesheet"
    rows = store.query("select resource_name, strftime(work_date, '%Y-%m-%d'), coalesce(date_rule, ''), hours "
                       "from actual_hours order by all").values.tolist()
    assert rows == [["Ann Lee", "2026-09-28", "", 3.0], ["Ann Lee", "2026-10-02", "", 2.5],
                    ["Ann Lee", "2026-10-05", "range: its first day", 4.0],
                    ["Bo Chen", "2026-10-05", "week: its Monday", 6.0],   # ISO week 41 of 2026 begins on Monday 5 October
                    ["Bo Chen", "2026-10-20", "", 3.5]]                   # two entries of one day add up
    assert [(r["row"], r["reason"]) for r in result.report["rejected_rows"]] == [
        (13, "'week1' names no day (not a date, an ISO week or a range of dates)"), (14, "no person"), (15, "total row")]


def test_logged_beside_planned_on_the_resources_page(demo_copy, tmp_path):
    """By hand from sample_data/2026-10/pmo_portfolio.xlsx's Resource Plan: Amir Khan is planned
    PRJ-003 40 + PRJ-004 40 + PRJ-005 44 = 124 h in October, and 44 + 40 + 40 = 124 h in September.
    He logs 3 h in September and 7.5 + 4 = 11.5 h in October: 3 − 124 = −121, 11.5 − 124 = −112.5."""
    store = open_store(demo_copy)
    path = write_csv(tmp_path / "timesheet amir.csv", "Name,Date,Hours,Project\n"
                     "Amir Khan,2026-09-30,3,PRJ-001\nAmir Khan,2026-10-01,7.5,PRJ-001\n"
                     "Amir Khan,2026-10-02,4,PRJ-001\n")
    import_file(store, path, "2026-10")
    at = open_page("pages/resources.py")
    shown = next(df.value for df in at.dataframe if "actual_hours" in getattr(df.value, "columns", []))
    mine = shown[shown["resource_name"] == "Amir Khan"].sort_values("month")
    assert mine["month"].dt.strftime("%Y-%m").tolist() == ["2026-09", "2026-10"]
    assert mine["actual_hours"].tolist() == [3.0, 11.5]
    assert mine["planned_hours"].tolist() == [124.0, 124.0]
    assert mine["difference_hours"].tolist() == [-121.0, -112.5]


def test_a_removed_timesheet_takes_its_hours_with_it_and_undo_brings_them_back(store, tmp_path):
    from pmo_data import corrections
    from pmo_data.importer import remove_import

    result = import_file(store, timesheet(tmp_path), "2026-10")
    assert store.scalar("select sum(hours) from actual_hours") == 19.0  # 3 + 2.5 + 4 + 6 + 1.5 + 2
    remove_import(store, result.import_id)
    assert store.scalar("select count(*) from actual_hours") == 0
    assert store.scalar("select sum(hours) from retired.actual_hours") == 19.0
    corrections.undo_last(store)
    assert store.scalar("select sum(hours) from actual_hours") == 19.0

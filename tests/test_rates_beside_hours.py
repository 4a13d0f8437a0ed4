"""A rate beside hours is a price per hour (issue 24, part 3): the hours stay the person's load,
and the planned cost is quantity × rate; a sheet of money alone is still never hours."""

from __future__ import annotations

import pandas as pd

from pmo_data.importer import import_file
from tests.files import write_xlsx

TS = pd.Timestamp


def rows(store, sql):
    return store.query(sql).values.tolist()


def test_hours_with_a_pound_rate_are_load_and_cost_is_hours_times_rate(store, tmp_path):
    # the shape of a real resource-and-cost workbook: hours per person per month, a £ rate per hour
    path = write_xlsx(tmp_path / "resources.xlsx", {
        "Summary": [["Project Name", "Atlas"]],
        "Resource": [["Resource plan"], ["Name", "Role", "Rate (£/h)", "Sep-18", "Oct-18", "Total hours"],
                     ["Ann", "PM", 60, 168, 160, 328], ["Bo", "Dev", 45, 80, None, 80], ["Total", None, None, 248, 160, 408]]})
    result = import_file(store, path, "2018-10")
    assert rows(store, "select resource_name, project_id, strftime(month, '%Y-%m'), planned_hours from allocations order by all") == [
        ["Ann", "Atlas", "2018-09", 168.0], ["Ann", "Atlas", "2018-10", 160.0], ["Bo", "Atlas", "2018-09", 80.0]]
    # September: 168 × 60 + 80 × 45 = 10,080 + 3,600 = 13,680; October: 160 × 60 = 9,600
    assert rows(store, "select project_id, strftime(month, '%Y-%m'), cost_type, amount from costs order by all") == [
        ["Atlas", "2018-09", "forecast", 13680.0], ["Atlas", "2018-10", "forecast", 9600.0]]
    assert any("hours kept as load" in note and "price per hour" in note for note in result.report["notes"])


def test_days_with_a_day_rate(store, tmp_path):
    path = write_xlsx(tmp_path / "plan.xlsx", {"Plan": [
        ["Effort plan (days)"], ["Consultant", "Project", "Day rate €", "2026-10", "2026-11"],
        ["Eva", "P1", 800, 10, 5], ["Finn", "P1", 650, 2, None]]})
    import_file(store, path, "2026-10")
    # days × 8 h: Eva 80 h and 40 h, Finn 16 h
    assert rows(store, "select resource_name, strftime(month, '%Y-%m'), planned_hours from allocations order by all") == [
        ["Eva", "2026-10", 80.0], ["Eva", "2026-11", 40.0], ["Finn", "2026-10", 16.0]]
    # October: 10 × 800 + 2 × 650 = 9,300; November: 5 × 800 = 4,000
    assert rows(store, "select strftime(month, '%Y-%m'), amount from costs order by all") == [["2026-10", 9300.0], ["2026-11", 4000.0]]


def test_a_workbook_with_its_own_cost_sheet_keeps_that_one(store, tmp_path):
    path = write_xlsx(tmp_path / "model.xlsx", {
        "Summary": [["Project Name", "Atlas"]],
        "Resource": [["Name", "Rate", "Sep-26", "Oct-26"], ["Ann", 60, 168, 160]],
        "Costs": [["Resource costs (£)"], ["Name", "Sep-26", "Oct-26"], ["Ann", 10000, 9500]]})
    import_file(store, path, "2026-10")
    assert rows(store, "select planned_hours from allocations order by month") == [[168.0], [160.0]]
    assert rows(store, "select strftime(month, '%Y-%m'), amount from costs order by all") == [["2026-09", 10000.0], ["2026-10", 9500.0]]


def test_cumulative_and_total_rows_are_not_added(store, tmp_path):
    path = write_xlsx(tmp_path / "cost plan.xlsx", {"Costs": [
        ["Forecast cost (£)"], ["Item", "Project", "Sep-26", "Oct-26"], ["Licences", "P1", 1000, 2000],
        ["Cumulative cost", "P1", 1000, 3000], ["Total cost", "P1", 1000, 2000]]})
    import_file(store, path, "2026-10")
    assert rows(store, "select strftime(month, '%Y-%m'), amount from costs order by all") == [["2026-09", 1000.0], ["2026-10", 2000.0]]

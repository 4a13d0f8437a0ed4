"""Rows that are no entry of the table: a legend under blank rows, subtotal and label rows, a row
describing the columns under the header. Seen in a German football-league project plan (legend under
its Gantt table), a Danish consulting timesheet ('Sum timer:' and 'uge 10:' rows between the days) and
a French FMEA sheet (a row under the header saying what each column holds); see docs/real-corpus.md.
They are left out with their reason; a bad value in a real entry still refuses the file."""

from __future__ import annotations

import datetime as dt

import pytest

from pmo_data import steps
from pmo_data.importer import ImportFailed, import_file
from tests.files import query_rows as rows_of
from tests.files import write_xlsx

D = dt.date


def test_the_step_names_each_kind_of_row_that_is_no_entry():
    grid = [
        ["Task", "Start", "Days"],                      # 0: header
        ["The task", "When it begins", None],           # 1: describes the columns (text only, two cells fail)
        ["Design", D(2018, 11, 14), 1],                 # 2
        ["Sum:", None, 1],                              # 3: a label row
        ["Build", "soon", 2],                           # 4: an entry with a bad value
        [None, None, None], [None, None, None],         # 5, 6: two blank rows
        ["Legend", "Late", "On time"],                  # 7: under the gap, a smaller block
    ]
    failing = {1: [("Start", "When it begins"), ("Days", "")], 3: [("Start", "Sum:")], 4: [("Start", "soon")],
               7: [("Start", "Late")]}
    why = steps.rows_outside_the_records(grid, 0, failing)
    assert sorted(why) == [1, 3, 7]
    assert why[1].startswith("describes the columns") and why[3].startswith("a total or label row ('Sum:')")
    assert why[7].startswith("under the table after blank rows")


def test_a_first_entry_with_a_bad_date_is_an_entry_not_a_description():
    grid = [["Task", "Start", "Finish", "Days"], ["Design", "soon", "later", 3], ["Build", D(2024, 1, 2), D(2024, 1, 9), 5]]
    assert steps.rows_outside_the_records(grid, 0, {1: [("Start", "soon"), ("Finish", "later")]}) == {}


def test_a_block_under_blank_rows_as_long_as_the_table_is_not_a_legend():
    grid = [["Task", "Start"], ["A", D(2024, 1, 1)], [None, None], [None, None], [None, None], ["B", "soon"], ["C", "later"]]
    assert steps.rows_outside_the_records(grid, 0, {5: [("Start", "soon")], 6: [("Start", "later")]}) == {}


def test_a_gantt_plan_with_its_legend_under_blank_rows_loads_its_tasks(store, tmp_path):
    path = write_xlsx(tmp_path / "projektplan.xlsx", {"Tabelle1": [
        ["Aufgabe", "Startdatum", "Enddatum", "Dauer", "Verantwortlicher"],
        ["Projekt definieren", D(2018, 11, 14), D(2018, 11, 15), 1, "Emre"],
        ["Terminplan erstellen", D(2018, 11, 14), D(2018, 11, 15), 1, "Simon"],
        ["Datenbank planen", D(2018, 11, 15), D(2018, 11, 21), 6, "Simon"],
        ["Tests durchführen", D(2019, 1, 3), D(2019, 1, 5), 2, "Simon"],
        [], [], [], [],
        [None, "Legende:"], [], [],
        [None, "Planmässig", None, "Planabweichung", None, "Meilensteinabweichung"]]})  # as the file places them
    result = import_file(store, path, "2018-12")
    assert result.rows_loaded["tasks"] == 4 and result.rows_rejected == 2
    assert rows_of(store, "select min(start_date), max(finish_date), count(*) from tasks") == [
        [dt.datetime(2018, 11, 14), dt.datetime(2019, 1, 5), 4]]
    rejected = {r["row"]: r["reason"] for r in result.report["rejected_rows"]}
    assert sorted(rejected) == [10, 13] and rejected[10].startswith("a total or label row ('Legende:')")
    assert rejected[13].startswith("under the table after blank rows")


def test_a_timesheet_with_weekly_subtotal_rows_counts_the_days_only(store, tmp_path):
    path = write_xlsx(tmp_path / "Østerbrogade 156.xlsx", {"Østerbrogade 156": [
        ["dato", "Tid", "timer", "min", "sum i T", "Note"],
        [D(2026, 3, 2), "9:00-10:00", 1.0, 0.0, 1.0, "Møde"],
        [D(2026, 3, 3), "18:30-20:30", 2.0, 0.0, 3.0, "Møde"],
        [D(2026, 3, 4), "8:30-11:30", 3.0, 0.0, 6.0, "Lastkombinationer"],
        [D(2026, 3, 5), "8:30-12:30", 4.0, 0.0, 10.0, "Lastkombinationer"],
        [D(2026, 3, 6), "7:15-12:15", 5.0, 0.0, 15.0, "Data analyse"],
        ["uge 10:", "timer", 15.0],
        [D(2026, 3, 9), "10:45-16:45", 6.0, 0.0, 21.0, "Kontrol"],
        [],
        [D(2026, 3, 2), D(2026, 3, 9), "Sum tid:", 21.0]]})
    result = import_file(store, path, "2026-03")
    assert result.source == "timesheet" and result.rows_rejected == 2
    assert rows_of(store, "select count(*), sum(hours) from actual_hours") == [[6, 21.0]]  # 1 + … + 6, no subtotal


def test_a_bad_date_in_an_entry_still_refuses_beside_a_legend(store, tmp_path):
    path = write_xlsx(tmp_path / "projektplan.xlsx", {"Tabelle1": [
        ["Aufgabe", "Startdatum", "Enddatum", "Dauer", "Verantwortlicher"],
        ["Projekt definieren", D(2018, 11, 14), D(2018, 11, 15), 1, "Emre"],
        ["Terminplan erstellen", "bald", D(2018, 11, 15), 1, "Simon"],
        ["Datenbank planen", D(2018, 11, 15), D(2018, 11, 21), 6, "Simon"],
        ["Tests durchführen", D(2019, 1, 3), D(2019, 1, 5), 2, "Simon"],
        [], [], [],
        [None, "Legende:"],
        [None, "Planmässig", None, "Planabweichung"]]})
    with pytest.raises(ImportFailed, match=r"1 value in 1 column could not be read.*'Tabelle1: Startdatum': 1 \(e.g. bald\)"):
        import_file(store, path, "2018-12")

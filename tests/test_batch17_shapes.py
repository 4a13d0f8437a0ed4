"""Batch 17's shapes (docs/real-corpus.md), each rebuilt from its public file's quirks."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from pmo_data.importer import import_file
from tests.files import query_rows as rows_of
from tests.files import write_xlsx

D = dt.date


def test_a_team_timesheet_with_one_column_of_hours_per_person(store, tmp_path):
    # a student team's 'Stundenzettel': Datum | Beschreibung | one column per member | Summe, a footer of totals
    path = write_xlsx(tmp_path / "Stundenzettel.xlsx", {"Tabelle1": [
        ["Stundenzettel Gruppe Musikshop"], [],
        ["Datum", "Beschreibung", "Tobias", "Christina", "Mike", "Michelle", "Summe"], [],
        [D(2018, 3, 28), "Gruppenfindung", None, None, None, None, None],
        [D(2018, 4, 11), "Registrierung", 2, None, None, None, 2],
        [D(2018, 4, 17), "Ausarbeitung des Konzepts", 2, 2, 2, 2, 8],
        [D(2018, 5, 2), "Warenkorb", None, 3.5, 4, None, 7.5],
        [], ["Summe", None, 4, 5.5, 6, 2, 17.5]]})
    result = import_file(store, path, "2018-05")
    assert result.source == "timesheet"
    # each person's own hours, never the 'Summe' column as a fifth person, never the footer's totals
    assert rows_of(store, "select resource_name, sum(hours), count(*) from actual_hours group by 1 order by 1") == [
        ["Christina", 5.5, 2], ["Michelle", 2.0, 1], ["Mike", 6.0, 2], ["Tobias", 4.0, 2]]


def test_an_indonesian_checklist_of_ticked_tasks(store, tmp_path):
    # a student pair's 'Checklist': a checkbox column with no header, 'Nomor' (number) holding each start,
    # 'Deadline', 'Deskripsi Tugas'; unticked rows under it with nothing else are an empty template
    rows = [[None, "Checklist"], [None, None, "Nomor", "Deadline", "Deskripsi Tugas"],
            [None, True, D(2015, 5, 29), D(2015, 6, 2), "Belajar bagian - bagian dalam git dan membuat commit awal"],
            [None, True, D(2015, 6, 3), D(2015, 6, 4), "Mengubah bagian .gitignore dan README.md"],
            [None, False, D(2015, 6, 5), D(2015, 6, 7), "Menentukan Judul Presentasi"],
            *[[None, False] for _ in range(5)]]
    path = write_xlsx(tmp_path / "Checklist.xlsx", {"Checklist - Checklist": [r[1:] for r in rows]})
    result = import_file(store, path, "2015-06")
    assert result.source == "schedule"
    assert rows_of(store, "select start_date, finish_date, status_category from tasks order by start_date") == [
        [pd.Timestamp(2015, 5, 29), pd.Timestamp(2015, 6, 2), "done"],
        [pd.Timestamp(2015, 6, 3), pd.Timestamp(2015, 6, 4), "done"],
        [pd.Timestamp(2015, 6, 5), pd.Timestamp(2015, 6, 7), "todo"]]

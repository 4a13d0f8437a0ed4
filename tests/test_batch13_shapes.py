"""Batch 13's shapes (docs/real-corpus.md), each rebuilt from its public file's quirks."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from pmo_data import normalize
from pmo_data.importer import import_file
from pmo_data.normalize import Problems
from tests.files import query_rows as rows_of
from tests.files import write_csv, write_xlsx

D = dt.date


def test_a_french_gantt_whose_dates_say_planned_after_their_name(store, tmp_path):
    # a student team's 'Diagramme de Gantt': 'Date de début prévue' / 'Date de fin prévue' (the adjective after
    # the noun), a legend above the header, and 'En cours' written where an ongoing task's finish would be
    path = write_xlsx(tmp_path / "Gantt.xlsx", {"Diagramme de Gantt": [
        [None, None, None, None, None, None, None, "Terminé", "En cours"], [],
        [None, "Tâches", "Date de début prévue", "Jours de travail", "Date de fin prévue", "Etat", "Jours avant la fin",
         "Responsable(s)"],
        [None, "Recueil des besoins", D(2017, 2, 1), 59, D(2017, 4, 1), "Terminé", 0, "Toute l'équipe"],
        [None, "Conception", D(2017, 2, 2), 87, D(2017, 4, 30), "Terminé", 0, "Toute l'équipe"],
        [None, "Management et communication", D(2017, 1, 28), "//", "En cours", "En cours", "//", "Hamza Chahi"],
        [None, "Connectivité avec la BD", D(2017, 3, 15), 31, D(2017, 4, 15), "Terminé", 0, "Junior Noubissi"],
        [None, "Hébergement du site", D(2017, 6, 20), 1, D(2017, 6, 21), "En cours", -19, "Youssef Ferchichi"]]})
    result = import_file(store, path, "2017-06")
    assert result.source == "schedule"
    assert rows_of(store, "select name, start_date, finish_date, status_category from tasks order by start_date") == [
        ["Management et communication", pd.Timestamp(2017, 1, 28), None, "in_progress"],
        ["Recueil des besoins", pd.Timestamp(2017, 2, 1), pd.Timestamp(2017, 4, 1), "done"],
        ["Conception", pd.Timestamp(2017, 2, 2), pd.Timestamp(2017, 4, 30), "done"],
        ["Connectivité avec la BD", pd.Timestamp(2017, 3, 15), pd.Timestamp(2017, 4, 15), "done"],
        ["Hébergement du site", pd.Timestamp(2017, 6, 20), pd.Timestamp(2017, 6, 21), "in_progress"]]
    # the status word where a date would be is reported with its count, never a silent blank
    said = result.report["unparsed_values"]["Diagramme de Gantt: Date de fin prévue (status words)"]
    assert (said["kind"], said["count"], said["texts"]) == ("status instead of a date", 1, ["En cours"])


def test_a_word_that_is_neither_a_date_nor_a_status_still_counts_as_unread():
    problems = Problems()
    normalize.dates(pd.Series([D(2017, 2, 1), "En cours", "bientôt", "bientôt"], dtype=object), "Gantt: Fin", problems)
    assert {key: (entry["kind"], entry["count"], entry["texts"]) for key, entry in problems.unparsed.items()} == {
        "Gantt: Fin": ("date", 2, ["bientôt"]),
        "Gantt: Fin (status words)": ("status instead of a date", 1, ["En cours"])}


def test_a_team_time_log_whose_date_column_is_called_time(store, tmp_path):
    # a university team's 'Zeiterfassung': 'ID, Zeit, Dauer, Person, Thema' with a space after each comma;
    # 'Zeit' (time) holds the day (27.08.2024), 'Dauer' the minutes as text (' 50 min')
    text = ("ID, Zeit, Dauer, Person, Thema\n"
            "1,27.08.2024, 50 min, Josi, Kurzbeschreibung\n"
            "2,01.09.2024, 180 min, Josi, Einarbeiten TS und React\n"
            "3,04.09.2024, 20 min, Carlo, Erstellung Kanbanboard\n"
            "4,21.10.2024, 90 min, Tobias, Suchseite (Struktur; Funktionen und Style)\n")
    result = import_file(store, write_csv(tmp_path / "Zeiterfassung.csv", text), "2024-10")
    assert result.source == "timesheet"
    assert rows_of(store, "select resource_name, work_date, round(hours, 2) from actual_hours order by work_date") == [
        ["Josi", pd.Timestamp(2024, 8, 27), 0.83], ["Josi", pd.Timestamp(2024, 9, 1), 3.0],
        ["Carlo", pd.Timestamp(2024, 9, 4), 0.33], ["Tobias", pd.Timestamp(2024, 10, 21), 1.5]]


@pytest.mark.parametrize(("text", "hours"), [("15-Mins", 0.25), ("2-Hours", 2.0), ("1-Hour", 1.0), ("3 - days", 24.0)])
def test_a_duration_with_a_hyphen_before_its_unit(text, hours):
    # a sprint capacity sheet's meeting durations ('15-Mins', '2-Hours'); 8 hours a day by default
    assert normalize.parse_hours(text) == pytest.approx(hours)


def test_a_range_of_durations_is_not_read_as_one():
    with pytest.raises(ValueError):
        normalize.parse_hours("1-2 days")


def test_task_lists_on_several_sheets_without_ids_keep_every_row(store, tmp_path):
    # a capacity workbook with one sheet per team and sprint: row 2 of one sheet is not row 2 of the next
    header = ["Task", "Start Date", "End Date", "Status"]
    path = write_xlsx(tmp_path / "plan.xlsx", {
        "CFA_Sprint-1": [header, ["Sprint planning", D(2025, 3, 19), D(2025, 3, 19), "Done"],
                         ["Backlog grooming", D(2025, 3, 20), D(2025, 3, 21), "Done"]],
        "ZEUS_Sprint-1": [header, ["Sprint planning", D(2025, 3, 19), D(2025, 3, 19), "Done"],
                          ["Demo", D(2025, 4, 1), D(2025, 4, 1), "To Do"], ["Retro", D(2025, 4, 2), D(2025, 4, 2), "To Do"]]})
    result = import_file(store, path, "2025-04")
    assert result.rows_loaded["tasks"] == 5 and result.rows_rejected == 0
    assert rows_of(store, "select task_id, name from tasks order by task_id") == [
        ["CFA_Sprint-1 row 2", "Sprint planning"], ["CFA_Sprint-1 row 3", "Backlog grooming"],
        ["ZEUS_Sprint-1 row 2", "Sprint planning"], ["ZEUS_Sprint-1 row 3", "Demo"], ["ZEUS_Sprint-1 row 4", "Retro"]]


def test_a_sheet_repeating_the_main_plan_s_tasks_lists_each_task_once(store, tmp_path):
    # a Norwegian MSF plan: the main sheet, then one sheet per role repeating its activities (batch 12)
    path = write_xlsx(tmp_path / "prosjektplan.xlsx", {
        "Prosjektplan": [["Aktivitet", "Startdato aktivitet", "Sluttdato aktivitet", "Estimert tid (timer)"],
                         ["Beskrive brukerprofil", D(2015, 3, 11), D(2015, 3, 11), 4],
                         ["Lage risikoplan", D(2015, 3, 10), D(2015, 3, 10), 2],
                         ["Lage logisk design", D(2015, 3, 11), D(2015, 3, 12), 2]],
        "Produktrolle": [["Aktivitet", "Startdato aktivitet", "Sluttdato aktivitet", "Estimert tid (timer)"],
                         ["beskrive brukerprofil", D(2015, 3, 11), D(2015, 3, 11), 4],   # the same task
                         ["Lage risikoplan", D(2015, 3, 11), D(2015, 3, 12), 4]]})        # other dates: another
    result = import_file(store, path, "2015-03")
    assert result.rows_loaded["tasks"] == 4
    assert [(r["sheet"], r["row"], r["reason"]) for r in result.report["rejected_rows"]] == [
        ("Produktrolle", 2, "repeats the task on 'Prosjektplan' row 2")]


# == batch 14 ========================================================================================

def test_a_schedule_whose_date_headers_no_vocabulary_has_is_read_by_its_values(store, tmp_path):
    # a course team's plan (FoxerLee/SPPM-Document): 'Starting Date' / 'Ending Date', then one column per person
    path = write_xlsx(tmp_path / "plan.xlsx", {"Sheet1": [
        ["Phase and Step", "Duration", "Starting Date", "Ending Date", "Kefei Wu", "Yuhan Yin"],
        ["1. Project initiation and planning", 14, D(2018, 3, 15), D(2018, 3, 29), "Lead", "Join"],
        ["  1.1 Write the project charter", 5, D(2018, 3, 15), D(2018, 3, 20), "Join", "Lead"],
        ["  1.2 Build the work breakdown structure", 6, D(2018, 3, 20), D(2018, 3, 26), "Lead", None],
        ["2. Requirements analysis and design", 20, D(2018, 4, 1), D(2018, 4, 21), "Join", "Lead"]]})
    result = import_file(store, path, "2018-04")
    assert result.source == "schedule"
    assert rows_of(store, "select count(*), min(start_date), max(finish_date) from tasks") == [
        [4, pd.Timestamp(2018, 3, 15), pd.Timestamp(2018, 4, 21)]]


def test_a_serial_number_column_is_no_start_date():
    from pmo_data.readers import Table
    from pmo_data.recognise import date_pair_by_values
    table = Table("S", ["", "Ngày bắt đầu", "Ngày kết thúc"], 2, pd.DataFrame(
        {"Column 1": [1.0, 2.0, 3.0, 1.1], "Ngày bắt đầu": [D(2022, 4, 1), D(2022, 4, 5), D(2022, 5, 1), D(2022, 4, 1)],
         "Ngày kết thúc": [D(2022, 4, 5), D(2022, 4, 30), D(2022, 5, 20), D(2022, 4, 1)]}))
    assert date_pair_by_values(table, set()) == {"start_date": "Ngày bắt đầu", "finish_date": "Ngày kết thúc"}


def test_a_spanish_issue_matrix_named_for_its_problems(store, tmp_path):
    # a course team's 'Matriz de Problemas' (sprint label merged in an unheaded column; 'Resuelto' entries)
    path = write_xlsx(tmp_path / "Matriz_Problemas.xlsx", {"Matriz de Problemas": [
        [None, "MATRIZ DE REGISTRO DE PROBLEMAS"], [None, "ID PROYECTO: LTV_str"], [],
        [None, "Tipo", "Reportado por", "Fecha de registro", "Descripción", "Prioridad", "Responsable",
         "Fecha estimada de resolución", "Estado", "Acciones"],
        ["S p r i n t  1", "Gestion", "Andrea Roman", D(2026, 2, 17), "Falta de conocimiento de formatos necesarios",
         "Media ", "Omar Plaza", D(2026, 2, 20), "Resuelto", "Reunion de alineacion"],
        [None, "Exploracion de Datos", "Roberto Beltran", D(2026, 2, 19), "Valores atipicos muy elevados en Quantity",
         "Alta ", "Isaac Rios", D(2026, 2, 24), "Resuelto", "Visualizar la distribucion"],
        [None, "Datos", "Isaac Rios", D(2026, 3, 2), "Columnas con formatos de fecha distintos", "Baja", "Omar Plaza",
         D(2026, 3, 6), "Abierto", None]]})
    result = import_file(store, path, "2026-03")
    assert result.source == "raid_log"
    assert rows_of(store, "select kind, status, raised_date, due_date from risks order by raised_date") == [
        ["issue", "closed", pd.Timestamp(2026, 2, 17), pd.Timestamp(2026, 2, 20)],
        ["issue", "closed", pd.Timestamp(2026, 2, 19), pd.Timestamp(2026, 2, 24)],
        ["issue", "open", pd.Timestamp(2026, 3, 2), pd.Timestamp(2026, 3, 6)]]

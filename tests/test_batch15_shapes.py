"""Batch 15's shapes (docs/real-corpus.md), each rebuilt from its public file's quirks."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from pmo_data.importer import import_file
from pmo_data.readers import Table
from pmo_data.recognise import match_columns, rating_product_columns
from tests.files import query_rows as rows_of
from tests.files import write_csv, write_xlsx

D = dt.date


def test_a_german_fmea_whose_ratings_multiply_into_its_risk_priority_number(store, tmp_path):
    # a student team's 'Risikoanalyse': A=Auftreten (occurrence) × F=Folgen (consequences) × W=Entdeckung
    # (detection) = RPZ, under a title row; no header names a probability or an impact
    path = write_xlsx(tmp_path / "Risikoanalyse .xlsx", {"Risikoanalyse": [
        [None, "Risikoanalyse Projekt"],
        [None, "Risiken", "Name", "Szenario", "Problemtyp", "A=Auftreten", "F=Folgen", "W=Entdeckung", "RPZ", "Begründung"],
        [None, 1, "Serverausfall", "Der Server fällt während der Demo aus", "Technisch", 3, 8, 2, 48, "Cloud"],
        [None, 2, "Krankheit", "Ein Teammitglied fällt zwei Wochen aus", "Personal", 5, 4, 1, 20, "Vertretung"],
        [None, 3, "Datenverlust", "Das Repository wird überschrieben", "Technisch", 2, 9, 3, 54, "Backups"],
        [None, 4, "Scope Creep", "Der Kunde fordert neue Funktionen", "Organisation", 6, 5, 4, 120, "Change-Prozess"]]})
    result = import_file(store, path, "2024-05")
    assert result.source == "raid_log"
    # points on 1-10 are halved to the register's 1-5 scale, rounding up (the import's note says so)
    assert rows_of(store, "select title, probability, impact from risks order by title") == [
        ["Datenverlust", 1, 5], ["Krankheit", 3, 2], ["Scope Creep", 3, 3], ["Serverausfall", 2, 4]]
    assert "Risikoanalyse: F=Folgen read as points 1–10, halved to 1–5" in result.report["notes"]


def test_an_fmea_in_the_standard_order_takes_severity_as_the_impact():
    table = Table("FMEA", ["Mode", "SEV", "OCC", "DET", "RPN"], 1, pd.DataFrame({
        "Mode": ["a", "b", "c"], "SEV": [8, 4, 9], "OCC": [3, 5, 2], "DET": [2, 1, 3], "RPN": [48, 20, 54]}))
    assert rating_product_columns(table, {"Mode"}) == {"probability": "OCC", "impact": "SEV"}


def test_a_product_backlog_with_a_status_is_tasks_not_a_project_register(store, tmp_path):
    # a Spanish utility team's backlog (Windows-1252, English headers): sprints, acceptance criteria,
    # predecessor and successor IDs are a backlog's, however each row has an ID and a status
    text = ("ID,Description,Theme,Priority,Acceptance Criteria,Business Value,Predecessor ID,Successor ID,Sprint,"
            "Estimates,Status,Actuals\n"
            "1,Cargar capas de red en la geodatabase,GIS,Alta,Capas visibles,8,,2,1,5,Done,6\n"
            "2,Validar topología de la red,GIS,Media,Sin errores,5,1,3,1,3,In Progress,2\n"
            "3,Publicar servicio de mapas,Web,Baja,Servicio publicado,3,2,,2,8,To Do,\n")
    result = import_file(store, write_csv(tmp_path / "backlog.csv", text, encoding="cp1252"), "2024-05")
    assert result.source == "schedule"
    assert rows_of(store, "select task_id, status_category from tasks order by task_id") == [
        ["1", "done"], ["2", "in_progress"], ["3", "todo"]]


def test_a_portuguese_gantt_whose_progress_column_no_vocabulary_names():
    # a course team's 'GanttChart': 'Atividade', 'Ínicio' (the accent misplaced), 'Fim', '% Conclusão'
    table = Table("GanttChart", ["", "Atividade", "Atribuída a:", "Ínicio", "Fim", "Dias", "Progresso da fase %"], 7,
                  pd.DataFrame({"Column 1": [None, None, None], "Atividade": ["Levantamento", "Protótipo", "Testes"],
                                "Atribuída a:": ["Ana", "Rui", "Ana"],
                                "Ínicio": [D(2025, 9, 19), D(2025, 10, 1), D(2025, 11, 3)],
                                "Fim": [D(2025, 9, 30), D(2025, 10, 31), D(2025, 12, 4)], "Dias": [11, 30, 31],
                                "Progresso da fase %": [1.0, 0.5, 0]}))
    columns = match_columns(table, "tasks")
    assert (columns["name"], columns["start_date"], columns["finish_date"], columns["percent_complete"]) == (
        "Atividade", "Ínicio", "Fim", "Progresso da fase %")

"""Batch 11's shapes (docs/real-corpus.md), each rebuilt from its public file's quirks."""

from __future__ import annotations

import datetime as dt

from pmo_data.importer import import_file
from tests.files import query_rows as rows_of
from tests.files import write_csv, write_xlsx

D = dt.date


def test_a_german_risk_register_in_its_own_words(store, tmp_path):
    # Simongotnews/SWP2: 'Risikonr.', 'Datum Identif.', 'Ausmaß des Schadens', 'Risikostatus ', 'Risikoeigentümer'
    header = ["Risikonr.", "Datum Identif.", "Autor", "Risikokategorie", "Risiko", "Eintrittswahrscheinlichkeit",
              "Ausmaß des Schadens", "Risikobehandlung", "Risikostatus ", "Risikoeigentümer"]
    path = write_xlsx(tmp_path / "Risikomanagement.xlsx", {"Tabelle1": [
        header,
        [1, D(2018, 4, 9), "Simon", "Projekt - MA", "Keine Erfahrung in Swift", "hoch", "gering", "Einarbeitung", "offen", "alle"],
        [2, D(2018, 4, 9), "Amir", "Technisch", "Schwierigkeit der COM-Player", "hoch", "mittel", "Informieren", "offen", "alle"],
        [3, D(2018, 4, 16), "Simon", "Technisch", "Server fällt aus", "gering", "hoch", "Backup", "geschlossen", "Amir"]]})
    result = import_file(store, path, "2018-05")
    assert result.source == "raid_log"
    assert rows_of(store, "select risk_id, probability, impact, status, owner, raised_date::varchar from risks "
                          "order by risk_id") == [["1", 4, 2, "open", "alle", "2018-04-09"],
                                                  ["2", 4, 3, "open", "alle", "2018-04-09"],
                                                  ["3", 2, 4, "closed", "Amir", "2018-04-16"]]


def test_the_status_column_is_the_one_holding_status_words(store, tmp_path):
    # a Rally export: 'Task Status' summarises the tasks ('0 Defined, 0 In-Progress …'), 'Schedule State' is the state
    path = write_csv(tmp_path / "stories.csv",
                     '"Formatted ID","Name","Owner","Task Status","Schedule State"\n'
                     '"US1","Criar monitor","Ana","0 Defined, 0 In-Progress, 0 Completed","Defined"\n'
                     '"US2","Cadastro de cliente","Rui","2 Defined, 1 In-Progress, 0 Completed","In-Progress"\n'
                     '"US3","Relatório","Ana","0 Defined, 0 In-Progress, 3 Completed","Accepted"\n')
    import_file(store, path, "2025-06")
    assert rows_of(store, "select name, status, status_category from tasks order by name") == [
        ["Cadastro de cliente", "In-Progress", "in_progress"], ["Criar monitor", "Defined", "todo"],
        ["Relatório", "Accepted", "done"]]

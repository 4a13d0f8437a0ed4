"""Batch 12's shapes (docs/real-corpus.md), each rebuilt from its public file's quirks."""

from __future__ import annotations

import datetime as dt
import json

from pmo_data.importer import import_file
from pmo_data.readers import read_workbook
from pmo_data.recognise import match_columns
from tests.files import query_rows as rows_of
from tests.files import write_csv, write_xlsx

D = dt.date


def test_a_norwegian_risk_plan_under_its_title(store, tmp_path):
    # a library web project's 'Risikoplan': consequence and probability (a fraction) and their product
    path = write_xlsx(tmp_path / "risikoplan.xlsx", {"Ark1": [
        ["Risikoplan for ", "Hjemmenettside for Bibliotek"], [], [],
        ["Risiko", "Konsekvens (K)", "Sannsynlighet (S)", "Risikopoeng(R)", "Forebyggende tiltak", "Tiltak hvis problem oppstår "],
        ["Databaselekkasje", 9, 0.35, 3.15, "Backup", "Kjøre backup"],
        ["Sykdom", 4, 0.2, 0.8, "Skylagring", "Paracet."],
        ["PC-problemer", 5, 0.1, 0.5, "Skylagring", "Flere PC'er"]]})
    result = import_file(store, path, "2024-03")
    assert result.source == "raid_log"
    assert rows_of(store, "select title, mitigation, probability is not null and impact is not null from risks "
                          "order by title") == [
        ["Databaselekkasje", "Backup", True], ["PC-problemer", "Skylagring", True], ["Sykdom", "Skylagring", True]]


def test_a_polish_register_whose_headers_qualify_their_noun_without_a_preposition(store, tmp_path):
    # 'wpływ ryzyka' (the risk's impact), 'prawdopodobieństwo wystąpienia' (probability of occurring): Polish
    # puts the qualifier after the noun in the genitive; the column's notes sit to the right of the table
    header = ["identyfikator ryzyka", "kategoria ryzyka", "opis ryzyka", "wpływ ryzyka", "prawdopodobieństwo wystąpienia",
              "bliskość ryzyka", "proponowane reakcje na ryzyko"]
    path = write_xlsx(tmp_path / "ryzyka.xlsx", {"Arkusz1": [
        header,
        ["R/001", "Techniczne", "Problemy sprzętowe mogą wpłynąć na stabilność systemu", "Wysoki", "Średnie",
         "Cały okres", "Regularne przeglądy techniczne"],
        ["R/002", "Organizacyjne", "Problemy w komunikacji zespołu prowadzą do opóźnień", "Średni", "Średnie",
         "Cały okres", "Regularne spotkania zespołu"],
        ["R/003", "Organizacyjne", "Brak rezerw czasowych w harmonogramie", "Wysoki", "Niskie", "2 miesiące",
         "Dodanie rezerw czasowych"]]})
    result = import_file(store, path, "2024-05")
    assert result.source == "raid_log"
    assert rows_of(store, "select risk_id, category, impact, probability from risks order by risk_id") == [
        ["R/001", "Techniczne", 4, 3], ["R/002", "Organizacyjne", 3, 3], ["R/003", "Organizacyjne", 4, 2]]


def test_a_qualifier_after_the_noun_never_makes_a_status_of_a_date(tmp_path):
    # 'Status Date' is a date; 'Project Manager' a manager, not the project of every task
    path = write_csv(tmp_path / "tasks.csv", "Task,Status Date,Project Manager,Start,Finish\n"
                                             "Design,2026-01-31,Ann,2026-01-05,2026-01-09\nBuild,2026-01-31,Ann,2026-01-12,2026-01-30\n")
    columns = match_columns(read_workbook(path).sheets[0].table(), "tasks")
    assert "status" not in columns and "_project" not in columns
    assert columns["start_date"] == "Start" and columns["name"] == "Task"
    # nor is an English header with a typo in its second word ('Issue Cateogory') an issue's title
    legend = write_csv(tmp_path / "lists.csv", "Issue Status,Issue Cateogory\nOpen,Information\nClosed,Process\n")
    assert "title" not in match_columns(read_workbook(legend).sheets[0].table(), "risks")


def test_a_norwegian_plan_whose_names_have_no_header(store, tmp_path):
    # an MSF project plan: the activities in column A under a blank header, 'Startdato aktivitet' (the activity's
    # start date: not a name, though 'aktivitet' names one), estimated and actual hours
    path = write_xlsx(tmp_path / "prosjektplan.xlsx", {"Eksempel_prosjektplan_MSF": [
        ["Utvikling av PJ2100 - Eksamen for gruppe 27"],
        [None, "Ansvarlig", "Startdato aktivitet", "Sluttdato aktivitet", "Estimert tid (timer)", "Faktisk tid (timer)"],
        [],
        ["Beskrivelse av problemet som produktet skal løse", "Kjetil", D(2015, 3, 11), D(2015, 3, 11), 2, 1],
        ["Avgrensning av scope for denne iterasjonen", "Marius", D(2015, 3, 11), D(2015, 3, 12), 4, 2],
        ["Visjon og avgrensning er godkjent av kunden", "Kjetil", D(2015, 3, 12), D(2015, 3, 13), 1, None]]})
    result = import_file(store, path, "2015-03")
    assert result.source == "schedule"
    assert rows_of(store, "select name, assignee, start_date::varchar, finish_date::varchar, estimate_hours, actual_hours "
                          "from tasks order by start_date, name") == [
        ["Avgrensning av scope for denne iterasjonen", "Marius", "2015-03-11", "2015-03-12", 4.0, 2.0],
        ["Beskrivelse av problemet som produktet skal løse", "Kjetil", "2015-03-11", "2015-03-11", 2.0, 1.0],
        ["Visjon og avgrensning er godkjent av kunden", "Kjetil", "2015-03-12", "2015-03-13", 1.0, None]]


def test_a_trello_board_whose_lists_are_no_workflow_is_to_do(store, tmp_path):
    # a requirements board in Thai: one list per use case, none a status
    board = {"name": "Requirements", "members": [],
             "lists": [{"id": "a", "name": "ลงทะเบียน", "pos": 1}, {"id": "b", "name": "ค้นหาสินค้า", "pos": 2}],
             "cards": [{"id": "1", "name": "ผู้ใช้สมัครสมาชิก", "idList": "a"}, {"id": "2", "name": "ค้นหาตามชื่อ", "idList": "b"},
                       {"id": "3", "name": "กรองตามราคา", "idList": "b"}]}
    path = tmp_path / "board.json"
    path.write_text("// from a JSON viewer\n" + json.dumps(board, ensure_ascii=False), encoding="utf-8")
    result = import_file(store, path, "2024-01")
    assert rows_of(store, "select status_category, count(*) from tasks group by 1") == [["todo", 3]]
    assert any("no column of the board names a workflow step" in note for note in result.report["notes"])

"""Batches 7 and 8's shapes (docs/real-corpus.md), each rebuilt from its public file's quirks, and
the rules they brought: values that name a register's columns, bookings spread by working days,
board columns read by their place."""

from __future__ import annotations

import datetime as dt
import json

import numpy as np
import pandas as pd
from hypothesis import given, settings as hypothesis_settings
from hypothesis import strategies as st

from pmo_data.importer import import_file
from pmo_data.sources.bookings import hours_by_month
from tests.files import query_rows as rows_of
from tests.files import write_csv, write_xlsx

D = dt.date


def test_a_danish_risk_register_is_read_by_its_values(store, tmp_path):
    # Risikoanalyse (3D print): no header the vocabulary knows but ID and Dato; probability × impact =
    # risk value, side by side; the event is the first column of distinct phrases (the cause repeats);
    # numbered empty rows under the entries
    header = ["ID", "Dato", "Årsag", "Hændelse", "Konsekvens", "Sandsynlighed værdi", "Konsekvens værdi",
              "Risikoværdi", "Handlinger"]
    path = write_xlsx(tmp_path / "risikoanalyse.xlsx", {"Ark1": [
        header,
        [1, D(2024, 11, 14), "Manglende erfaring", "Merging af koden fejler", "Koden skal skrives om", 3, "3", 9,
         "Test inden"],
        [2, D(2024, 11, 14), "Manglende erfaring", "Vi kan ikke kode interfacet", "Nyt design", 3, 4, 12, "Skitse"],
        [3, D(2024, 11, 14), "Personlige problemer", "En af os er fraværende", "Vi kommer bagud", 2, 2, 4, "Hjælp"],
        [4], [5], [6]]})
    result = import_file(store, path, "2024-11")
    assert result.source == "raid_log"
    assert rows_of(store, "select risk_id, title, probability, impact, score, raised_date::varchar from risks "
                          "order by risk_id") == [
        ["1", "Merging af koden fejler", 3, 3, 9.0, "2024-11-14"],
        ["2", "Vi kan ikke kode interfacet", 3, 4, 12.0, "2024-11-14"],
        ["3", "En af os er fraværende", 2, 2, 4.0, "2024-11-14"]]


def test_a_lookup_sheet_of_scale_words_is_not_a_register(store, tmp_path):
    # raceup's 'Values' sheet: the dropdowns' words under Probabilità / Impatto, short categories beside them
    path = write_xlsx(tmp_path / "registro.xlsx", {
        "Risk register": [["ID", "Rischio", "Probabilità", "Impatto", "Stato"],
                          ["R1", "Fornitore in ritardo sulla consegna", "Alto", "Medio", "Aperto"]],
        "Values": [["Probabilità", "Impatto", "Livello di rischio", "RBS"],
                   ["Alto", "Alto", "Alto", "Fattori tecnici"], ["Medio", "Medio", "Medio", "Fattori esterni"],
                   ["Basso", "Basso", "Basso", "Fattori organizzativi"], [None, None, None, "Project Management"]]})
    import_file(store, path, "2025-03")
    assert rows_of(store, "select risk_id, probability, impact from risks") == [["R1", 4, 3]]


def test_a_numeric_table_with_a_product_column_is_no_risk_register(store, tmp_path):
    # a cost sheet: quantity × unit price = total, and no description: never risks
    path = write_xlsx(tmp_path / "kosten.xlsx", {"Kosten": [
        ["Position", "Menge", "Preis", "Summe"], ["A", 2, 3, 6], ["B", 4, 2, 8], ["C", 1, 5, 5]]})
    try:
        result = import_file(store, path, "2025-03")
    except Exception:  # refused: the right outcome too
        return
    assert result.source != "raid_log"


def test_a_spanish_risk_matrix_with_its_key_lists_beside_it(store, tmp_path):
    # Smartsheet's 'Matriz de riesgos del proyecto': a title row, the risks under 'TIPO DE RIESGO', severity in
    # acceptability words, probability in words, and the key lists of both scales in columns to the right
    header = ["TIPO DE RIESGO", "GRAVEDAD DEL RIESGO", "PROBABILIDAD DE RIESGO", "IMPACTO \nNIVEL", "DETONANTE",
              "RESPONSABLE", "CLAVE DE GRAVEDAD DEL RIESGO", None, "CLAVE DE PROBABILIDAD DE RIESGO"]
    path = write_xlsx(tmp_path / "matriz.xlsx", {"Matriz de riesgos del proyecto": [
        ["MATRIZ DE RIESGO DEL PROYECTO"], header,
        ["Fallas en los sensores de impacto", "INDESEABLE", "POSIBLE", "ALTO", "Sensores de baja calidad", None,
         "ACEPTABLE", None, "IMPROBABLE"],
        ["Problemas de durabilidad de los componentes", "INTOLERABLE", "POSIBLE", "MEDIO", None, None, "TOLERABLE",
         None, "POSIBLE"],
        ["Problemas de ergonomia para el usuario", "TOLERABLE", "PROBABLE", "BAJO", None, None, "INDESEABLE", None,
         "PROBABLE"],
        ["Costos de produccion superiores a lo estimado", "INDESEABLE", "POSIBLE", "ALTO", "Falta de recursos", None,
         "INTOLERABLE"],
        ["Problemas de resistencia al agua", "INTOLERABLE", "PROBABLE", "EXTREMO"],
        ["Problemas de privacidad de los datos", "INTOLERABLE", "POSIBLE", "ALTO"]]})
    result = import_file(store, path, "2024-05")
    assert result.source == "raid_log"
    # AS/NZS 4360 likelihood in Spanish (posible 3, probable 4); ALARP's acceptability (tolerable 2 … intolerable 5)
    assert rows_of(store, "select title, probability, impact from risks order by title") == [
        ["Costos de produccion superiores a lo estimado", 3, 4],
        ["Fallas en los sensores de impacto", 3, 4],
        ["Problemas de durabilidad de los componentes", 3, 5],
        ["Problemas de ergonomia para el usuario", 4, 2],
        ["Problemas de privacidad de los datos", 3, 5],
        ["Problemas de resistencia al agua", 4, 5]]


def test_bookings_become_hours_by_month_by_working_days(store, tmp_path):
    # satyakibasu/resourceallocation: one line per project × person × date range × share, unstaffed projects
    # listed without a person, a person without dates
    path = write_csv(tmp_path / "resource_allocation.csv",
                     "Project Name,Delivery Lead,Resource Name,Start Date,End Date,Percentage Allocation\n"
                     "Project A,Rana,Sumit,1-Oct-21,15-Oct-21,60%\n"
                     "Pware Decom,Rana,Deepak,1-Oct-21,31-Dec-21,80%\n"
                     "Collections,Girsih,,,,\n"
                     "SSoT - Acquisitions,Sangeeta,Mohanna,,,\n"
                     "Partner Analytics,Sangeeta,Prabhu,1-Jul-21,30-Sep-21,60%\n")
    result = import_file(store, path, "2021-10")
    assert result.source == "bookings"
    # by hand, Monday to Friday at 8 h: 1–15 Oct 2021 has 11 weekdays (0.6 × 11 × 8 = 52.8); October 21,
    # November 22, December 23 weekdays (0.8 × … × 8); July 22, August 22, September 22 (0.6 × … × 8)
    assert rows_of(store, "select resource_name, project_id, strftime(month, '%Y-%m'), round(planned_hours, 2) "
                          "from allocations order by resource_name, month") == [
        ["Deepak", "Pware Decom", "2021-10", 134.4], ["Deepak", "Pware Decom", "2021-11", 140.8],
        ["Deepak", "Pware Decom", "2021-12", 147.2],
        ["Prabhu", "Partner Analytics", "2021-07", 105.6], ["Prabhu", "Partner Analytics", "2021-08", 105.6],
        ["Prabhu", "Partner Analytics", "2021-09", 105.6],
        ["Sumit", "Project A", "2021-10", 52.8]]
    assert [r["reason"] for r in result.report["rejected_rows"]] == ["Mohanna: no start date"]
    assert {"sheet": "resource_allocation", "rows": 1, "why": "a project with no person booked"} in result.report["template_rows"]


@hypothesis_settings(max_examples=60, deadline=None)
@given(start=st.dates(dt.date(2020, 1, 1), dt.date(2027, 12, 31)), days=st.integers(0, 500),
       share=st.integers(1, 150))
def test_a_booking_s_months_add_up_to_its_working_days(start, days, share):
    finish = start + dt.timedelta(days=days)
    booking = pd.DataFrame({"start_date": [pd.Timestamp(start)], "finish_date": [pd.Timestamp(finish)],
                            "share": [float(share)]})
    monthly = hours_by_month(booking, 8.0)
    weekdays = np.busday_count(np.datetime64(start), np.datetime64(finish) + np.timedelta64(1, "D"))
    assert abs(monthly["planned_hours"].sum() - share / 100 * weekdays * 8) < 1e-6
    assert monthly["month"].min() == pd.Timestamp(start.replace(day=1))


def test_a_list_of_projects_with_a_number_a_name_and_a_manager(store, tmp_path):
    # a construction firm's list (Hebrew names, English headers): no status, no money, no dates
    path = write_xlsx(tmp_path / "projects.xlsx", {"גיליון1": [
        ["project name", "project number", "manager"],
        ["חדרה ג'", 661, "אהרון"], ["היי טאוור", 662, "איגור"], ["בראשית", 663, "אהרון"]]})
    result = import_file(store, path, "2025-01")
    assert result.source == "project_register"
    assert rows_of(store, "select project_id, project_name, manager from projects order by project_id") == [
        ["661", "חדרה ג'", "אהרון"], ["662", "היי טאוור", "איגור"], ["663", "בראשית", "אהרון"]]


def _trello_board(lists: list[tuple[str, float, bool]], cards: list[tuple[str, int, bool, bool]]) -> dict:
    return {"name": "JSAI - 2021", "members": [{"id": "m1", "fullName": "Ana Gómez"}],
            "lists": [{"id": f"l{i}", "name": name, "pos": pos, "closed": closed} for i, (name, pos, closed) in enumerate(lists)],
            "cards": [{"id": f"c{i}", "idShort": i + 1, "name": name, "idList": f"l{place}", "closed": closed,
                       "dueComplete": due_complete, "due": "2021-03-26T05:00:00.000Z" if i == 0 else None,
                       "start": None, "idMembers": ["m1"], "labels": [{"name": "Auditoría"}]}
                      for i, (name, place, closed, due_complete) in enumerate(cards)]}


def test_a_trello_board_s_json_export_with_its_lists_read_by_place(store, tmp_path):
    # JSAI audit board: a legend list on the left, Spanish lists the vocabulary lacks, archived lists named
    # like the done list, archived cards; saved through a browser's viewer with '//' lines above the JSON
    board = _trello_board(
        [("CONVENCIONES - DESCRIPCION", 1, False), ("COSAS POR HACER", 2, False), ("HACIENDO", 3, False),
         ("PRUEBAS", 4, False), ("TERMINADO", 5, True), ("Finalizado", 6, False)],
        [("Prioridad alta", 0, False, False), ("Cruce de nómina", 1, False, False), ("Tablero de control", 2, False, False),
         ("Reporte de viáticos", 3, False, False), ("Viejo informe", 4, False, False), ("Cierre 2020", 5, False, False),
         ("Borrador archivado", 2, True, False)])
    path = tmp_path / "board.json"
    path.write_text("// https://trello.com/b/abc.json\n// saved from the viewer\n" + json.dumps(board), encoding="utf-8")
    result = import_file(store, path, "2021-03")
    assert result.source == "trello"
    assert rows_of(store, "select name, status, status_category, assignee, finish_date::varchar from tasks order by name") == [
        ["Cierre 2020", "Finalizado", "done", "Ana Gómez", None],
        ["Cruce de nómina", "COSAS POR HACER", "todo", "Ana Gómez", None],
        ["Reporte de viáticos", "PRUEBAS", "in_progress", "Ana Gómez", None],
        ["Tablero de control", "HACIENDO", "in_progress", "Ana Gómez", None]]
    assert sorted(r["reason"] for r in result.report["rejected_rows"]) == ["archived card", "card on an archived list"]
    assert any("explains the board" in t["why"] for t in result.report["template_rows"])


def test_a_file_that_is_not_a_board_is_refused_by_name(store, tmp_path):
    path = tmp_path / "settings.json"
    path.write_text('{"theme": "dark"}', encoding="utf-8")
    try:
        import_file(store, path, "2021-03")
    except Exception as error:
        assert "not a Trello board export" in str(error)
    else:
        raise AssertionError("a JSON file that is no board was imported")


def test_a_jira_export_whose_status_header_and_workflow_words_are_its_own(store, tmp_path):
    # FrancescGiT/CRM_DOIT: Spanish 'current fields' export, custom statuses between 'A EMPEZAR' and 'ACABADO'
    path = write_csv(tmp_path / "Jira.csv",
                     "Clave de incidencia,ID de la incidencia,Resumen,Estado,Creada\n"
                     "DOIT-1,1,Cascada de fibra,ACABADO,04/nov/25 1:16 PM\n"
                     "DOIT-2,2,Consola de control,Fabricación,03/dic/25 9:53 AM\n"
                     "DOIT-3,3,Proyector interactivo,A RECIBIR,09/jun/25 9:16 AM\n"
                     "DOIT-4,4,Tubo interior,A EMPEZAR,25/nov/24 9:18 AM\n")
    result = import_file(store, path, "2025-12")
    assert result.source == "jira"
    assert rows_of(store, "select task_id, status_category from tasks order by task_id") == [
        ["DOIT-1", "done"], ["DOIT-2", "in_progress"], ["DOIT-3", "in_progress"], ["DOIT-4", "todo"]]
    assert any("Fabricación" in note and "in progress" in note for note in result.report["notes"])


def test_jira_s_timeline_export_with_inferred_dates(store, tmp_path):
    # a Jira Timeline CSV: 'Key', the parent by its key, dates only in 'Inferred start/due date'
    path = write_csv(tmp_path / "timeline.csv",
                     '"Key","Issue Type","Parent","Summary","Status","Start date","Inferred start date","Due date",'
                     '"Inferred due date"\n'
                     '"PLY-5","Epic","","Game Management","To Do","","2026/02/16","","2026/05/04"\n'
                     '"PLY-10","Story","PLY-5","Create a Game","To Do","2026/02/20","2026/02/16","","2026/03/02"\n')
    result = import_file(store, path, "2026-02")
    assert result.source == "jira"
    assert rows_of(store, "select task_id, parent_task_id, start_date::varchar, finish_date::varchar from tasks "
                          "order by task_id") == [
        ["PLY-10", "PLY-5", "2026-02-20", "2026-03-02"], ["PLY-5", None, "2026-02-16", "2026-05-04"]]

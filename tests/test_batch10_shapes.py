"""Batch 10's shapes (docs/real-corpus.md), each rebuilt from its public file's quirks."""

from __future__ import annotations

import datetime as dt

from pmo_data.importer import import_file
from tests.files import query_rows as rows_of
from tests.files import write_xlsx

D = dt.date


def test_a_status_list_whose_name_column_says_project(store, tmp_path):
    # Victoria-Locatelli-Auto/BI_PPGC 'Projetos': ID, Nome do Projeto, Início, Status, % Concluído; no budget, no
    # manager: each row is a project by its header, and how it stands by its words
    path = write_xlsx(tmp_path / "Projetos.xlsx", {"Projetos": [
        ["ID", "Nome do Projeto", "Início", "Status", "% Concluído"],
        [1, "Projeto- Treinamento de Garantia", D(2025, 1, 4), "Concluído", "100%"],
        [2, "Projeto- Brindes MKT v1", D(2025, 3, 11), "Concluído", 100],
        [3, "Projeto - Laudo Técnico", D(2025, 5, 5), "Em andamento", 40],
        [4, "Projeto - Compliance Códigos", D(2024, 1, 8), "Atrasado", 70],
        [5, "Projeto - Piloto Gurupi", D(2025, 10, 3), "Não iniciado", 0]]})
    result = import_file(store, path, "2025-06")
    assert result.source == "project_register"
    assert rows_of(store, "select project_id, status, percent_complete from projects order by project_id") == [
        ["1", "Concluído", 100.0], ["2", "Concluído", 100.0], ["3", "Em andamento", 40.0], ["4", "Atrasado", 70.0],
        ["5", "Não iniciado", 0.0]]


def test_a_list_of_jobs_with_a_us_state_is_no_status_list(store, tmp_path):
    # an HVAC contractor's 'Project Name … Project State' (MO, OK, AR): the state is an address, not a status
    path = write_xlsx(tmp_path / "jobs.xlsx", {"Active Projects": [
        ["Project Name", "GC", "Project Location", "Project State"],
        ["Lot 1 Office Shell", "Intrinsic", "Lee's Summit", "MO"], ["Lot 2 Suites", "Intrinsic", "Lee's Summit", "MO"],
        ["Crimson Flats", "Gorman", "Norman", "OK"], ["Greeway Townhomes", "Buffalo", "Rogers", "AR"],
        ["Parkview Rehab", "Gorman", "Hominy", "OK"]]})
    try:
        result = import_file(store, path, "2025-06")
    except Exception:
        return  # refused: right too
    assert result.source != "project_register"


def test_a_spanish_risk_list_with_headers_written_as_labels(store, tmp_path):
    # MarcoVillegasCampos/Gerencia_Proyectos_Tren_Electrico: 'Descripción del riesgo:', the scale in the header
    # ('Probabilidad de ocurrencia (alta, media, baja):'), 'Impacto en el proyecto', words in the feminine
    header = ["Nombre", "Descripción del riesgo:", "Categoría del riesgo:",
              "Probabilidad de ocurrencia\n (alta, media, baja):", "Impacto en el proyecto \n(alto, medio, bajo):",
              "Severidad", "Prioridad", "Estrategia de respuesta", "Plan de accion"]
    path = write_xlsx(tmp_path / "riesgos.xlsx", {"Hoja1": [
        header,
        ["Ciberataque", "Robo de informacion", "Riesgo Tecnico", "Alta", "Alto", "Alto", "Alto", "Prevenir", "Hacker etico"],
        ["Mala Calificacion", "Malas calificaciones en redes", "Reputacional", "Baja", "Bajo", "Baja", "Baja", "Prevenir",
         "Transparencia"],
        ["Clima", "Condiciones climaticas", "Recursos Humanos", "Media", "Alto", "Alta", "Alta", "Mitigar", "VPN"]]})
    result = import_file(store, path, "2025-06")
    assert result.source == "raid_log"
    assert rows_of(store, "select title, category, probability, impact from risks order by title") == [
        ["Ciberataque", "Riesgo Tecnico", 4, 4], ["Clima", "Recursos Humanos", 3, 4],
        ["Mala Calificacion", "Reputacional", 2, 2]]


def test_a_french_gantt_with_a_deadline_and_a_share_done(store, tmp_path):
    # beco237/gestion_camp_refugies: 'DATE LIMITE' is the finish, 'TÂCHE TERMINÉE (EN %)' the progress
    path = write_xlsx(tmp_path / "gantt.xlsx", {"Diagramme de Gantt": [
        ["GESTION D'UN CAMP DE REFUGIES: DIAGRAMME DE GANTT"], [],
        [None, "NUMÉRO", "TITRE DE LA TÂCHE", "PROPRIÉTAIRE \nDE LA TÂCHE", "DATE DE DÉBUT", "DATE LIMITE", "DURÉE",
         "TÂCHE TERMINÉE (EN %)"],
        [None, "1.1", "Analyse des besoins", "Berger", D(2023, 4, 5), D(2023, 4, 8), 3, 1],
        [None, "1.2", "Plan du camp", "Berger", D(2023, 4, 9), D(2023, 4, 14), 5, 0.5],
        [None, "2.1", "Logistique", "Awa", D(2023, 4, 15), D(2023, 5, 5), 20, 0]]})
    import_file(store, path, "2023-05")
    assert rows_of(store, "select name, status_category, finish_date::varchar, percent_complete from tasks order by name") == [
        ["Analyse des besoins", "done", "2023-04-08", 100.0], ["Logistique", "todo", "2023-05-05", 0.0],
        ["Plan du camp", "in_progress", "2023-04-14", 50.0]]

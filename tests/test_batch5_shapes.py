"""Shapes first seen in the fifth batch of real exports (docs/real-corpus.md, batch 5), each rebuilt
here with the quirks of the public file it was seen in (the files themselves are never copied).
Expected values are read off the rows written below."""

from __future__ import annotations

import datetime as dt

import pandas as pd
from hypothesis import given
from hypothesis import strategies as st

from pmo_data import steps, vocabulary
from pmo_data.importer import import_file
from tests.files import query_rows as rows_of
from tests.files import write_xlsx

D = dt.date


def test_a_portuguese_planner_plan_whose_progress_is_words(store, tmp_path):
    # carmea2025-dev/conversor-colab 'PLANO DE AÇÃO - BPA.xlsx': Planner's newer export in Portuguese, the
    # plan's name on a sheet of its own, 'Progresso' holding Não iniciado / Em andamento / Concluída
    # (a progress column of words is the status), 'Data de conclusão' the due date, dd/mm/yyyy text
    header = ["Identificação da tarefa", "Nome da tarefa", "Nome do Bucket", "Progresso", "Prioridade", "Atribuído a",
              "Criado em", "Data de início", "Data de conclusão", "Concluído em"]
    path = write_xlsx(tmp_path / "PLANO DE AÇÃO.xlsx", {
        "Tarefas": [header,
                    ["0uj1uN_XRUSzjez5HfQBYWQAEMfC", "Capacitação da equipe", "Produto 1", "Não iniciado", "Média",
                     "Dailson", "31/07/2025", "01/08/2025", "29/08/2025", None],
                    ["lceIuvTAzEuwOL_srinQ1mQAFEEV", "Revisão dos Instrumentos", "Produto 2", "Em andamento", "Média",
                     "Jamilly", "01/07/2025", "01/07/2025", "30/09/2025", None],
                    ["d3pA9ikVZU6I_8AD9KhJrGQAC0wv", "Contratar a Consultoria", "Produto 2", "Concluída", "Alta",
                     "Jamilly", "01/07/2025", "03/08/2025", "31/08/2025", "28/08/2025"]],
        "Nome do plano": [["Nome do plano", "PLANO DE AÇÃO - BPA"], ["ID do plano", "QygyVRce1U2wUl8iF1chqGQACKym"],
                          ["Data da exportação ", "07/10/2025"]]})
    import_file(store, path, "2025-10")
    assert rows_of(store, "select name, status_category, start_date::varchar, finish_date::varchar from tasks order by name") == [
        ["Capacitação da equipe", "todo", "2025-08-01", "2025-08-29"],
        ["Contratar a Consultoria", "done", "2025-08-03", "2025-08-31"],
        ["Revisão dos Instrumentos", "in_progress", "2025-07-01", "2025-09-30"]]


def test_phase_headings_in_a_column_of_their_own_are_summary_tasks(store, tmp_path):
    # a German coaching project's 'Projektplan' (batch 5, schedule_de_phases_percent_gantt): a title, a
    # note, the header in row 4 with a blank first header cell; each phase ('Inception') written alone
    # in column A over its tasks, named in column B; percent complete as a fraction
    path = write_xlsx(tmp_path / "Projektplan.xlsx", {"Projektplan": [
        ["Projekt Aufgaben Coach Verwaltung"], [], ["* = an automatically calculated cell"],
        [None, "TASK NAME", "START DATE", "END DATE", "START ON DAY*", "DURATION* (WORK DAYS)", "PERCENT COMPLETE"],
        [],
        ["Inception"],
        [None, "M0: Kickoff", D(2019, 10, 11), D(2019, 10, 11), 0, 1, 1.0],
        [None, "Anforderungen definieren", D(2019, 10, 12), D(2019, 10, 15), 1, 4, 1.0],
        ["Elaboration"],
        [None, "Architektur entwerfen", D(2019, 10, 21), D(2019, 10, 25), 10, 5, 0.5],
        [None, "Prototyp bauen", D(2019, 10, 28), D(2019, 11, 8), 17, 10, 0.0]]})
    import_file(store, path, "2019-11")
    tasks = rows_of(store, "select name, parent_task_id is null, is_summary, status_category from tasks "
                           "order by split_part(task_id, ' ', 2)::int")  # 'row 6': no ID column, rows by their number
    # the phases roll up their tasks: Inception all done; Elaboration half started
    assert tasks == [["Inception", True, True, "done"],
                     ["M0: Kickoff", False, False, "done"],
                     ["Anforderungen definieren", False, False, "done"],
                     ["Elaboration", True, True, "in_progress"],
                     ["Architektur entwerfen", False, False, "in_progress"],
                     ["Prototyp bauen", False, False, "todo"]]


def test_a_spanish_risk_matrix_whose_headers_qualify_after_the_noun(store, tmp_path):
    # a Spanish release risk matrix (batch 5, raid_log_es_matriz_riesgos_releases): 'Descripcion del
    # riesgo', 'Probabilidade de ocurrencia' (sic), 'Responsable de la accion', a serial 'Consecutivo',
    # and 'Fecha de compromiso' holding 'Durante el release', which is no date and is kept as text
    header = [None, "Consecutivo", "Descripcion del riesgo", "Tipo de riesgo", "Release", "Probabilidade de ocurrencia",
              "Impacto", "riesgo", "Accion ", "Plan de accion ", "Responsable de la accion", "Fecha de compromiso", "Estado"]
    path = write_xlsx(tmp_path / "Matriz.xlsx", {"Matriz de riesgos": [
        header,
        [None, 1, "Incumplimiento en el desarrollo", "Proyecto", "Release 1", 3, 5, 15, "Contingencia", "Revisión",
         "QA - Desarrollador", "Durante el release", "Pendiente"],
        [None, 2, "Retrasos en la entrega", "Proyecto", "Release 1", 4, 5, 20, "Mitigar", "Comunicación",
         "Lider tecnico", "Durante el release", "Cerrado"]]})
    result = import_file(store, path, "2026-10")
    assert rows_of(store, "select risk_id, title, probability, impact, owner, status, due_date from risks order by 1") == [
        ["1", "Incumplimiento en el desarrollo", 3, 5, "QA - Desarrollador", "open", None],
        ["2", "Retrasos en la entrega", 4, 5, "Lider tecnico", "closed", None]]
    assert store.scalar("select extra->>'Fecha de compromiso' from risks where risk_id = '1'") == "Durante el release"
    assert result.rows_rejected == 0


def test_headings_beside_names_reads_a_lone_cell_left_of_the_name_only():
    frame = pd.DataFrame({"phase": ["Inception", None, None, None, "Build"],
                          "name": [None, "Kickoff", None, None, None],
                          "start": [None, "2019-10-11", None, None, None],
                          "note": [None, None, "see the wiki", None, None]}, dtype=object)
    # row 0: a heading; row 2: a lone note right of the name, not a heading; row 4: a heading
    assert steps.headings_beside_names(frame, "name").tolist() == ["Inception", None, None, None, "Build"]
    # a column that holds a field (a project named alone) is no heading column
    assert steps.headings_beside_names(frame, "name", {"phase"}).tolist() == [None] * 5


def test_a_status_word_an_inflection_or_a_typo_away_is_read_as_that_word():
    known = {"concluído", "cerrado", "in progress", "done", "not started"}
    assert vocabulary.near_words(known, ["concluída", "cerrada", "in progeress", "not startet", "done"]) == {
        "concluída": "concluído", "cerrada": "cerrado", "in progeress": "in progress", "not startet": "not started"}
    # short words are too alike to guess ('none' is not 'done'); two known words as near: no guess
    assert vocabulary.near_words(known, ["none"]) == {}
    assert vocabulary.near_words({"abcdefg", "abcdefh"}, ["abcdefx"]) == {}


@given(st.text(alphabet="abcdefghij", min_size=6, max_size=12))
def test_near_words_never_maps_a_word_to_one_two_letters_away(word):
    known = {word}
    far = word[0] + word[1:].translate(str.maketrans("abcdefghij", "klmnopqrst"))
    if sum(a != b for a, b in zip(far, word)) >= 2:
        assert vocabulary.near_words(known, [far]) == {}
    assert vocabulary.near_words(known, [word]) == {}  # a known word is not 'near' itself


def test_a_symbol_header_is_not_the_blank_header():
    assert vocabulary.header_key("№") == "№"
    assert vocabulary.header_key("") == ""


def test_a_known_word_spelt_with_and_without_accents_is_one_word():
    # 'concluído' and 'concluido' are both known: 'Concluída' is near that one word, not two
    assert vocabulary.near_words({"concluído", "concluido", "fechado"}, ["concluída"]) == {"concluída": "concluido"}


def test_a_timesheet_of_two_people_side_by_side(store, tmp_path):
    # LukasSchneider1/Game-Information 'Zeitplan.xlsx': a title, each person's name over a block of
    # Datum / Dauer / Änderung am Projekt, the blocks parted by an empty column; durations '2h', '0,5h' or 1.5
    path = write_xlsx(tmp_path / "Zeitplan.xlsx", {"Tabelle1": [
        ["Zeitplan (Jumalien)"], [], [],
        ["Lukas Schneider", None, None, None, "Brian Feurstein"],
        ["Datum:", "Dauer:", "Änderung am Projekt:", None, "Datum:", "Dauer:", "Änderung am Projekt:"],
        [D(2021, 3, 3), "2h", "Tutorials anschauen", None, D(2021, 3, 3), 2.0, "Tutorials"],
        [D(2021, 3, 5), "0,5h", "BET", None, D(2021, 3, 5), 0.5, "Player (Design)"],
        [None, None, None, None, D(2021, 3, 6), 1.5, "Movement (Entwicklung)"]]})
    result = import_file(store, path, "2021-03")
    # by hand: Lukas 2 + 0.5 = 2.5 h, Brian 2 + 0.5 + 1.5 = 4 h; 'Änderung am Projekt' is what changed, no project
    assert rows_of(store, "select resource_name, sum(hours), count(*) from actual_hours group by 1 order by 1") == [
        ["Brian Feurstein", 4.0, 3], ["Lukas Schneider", 2.5, 2]]
    assert store.scalar("select count(distinct project_id) from actual_hours") == 1
    assert "Tabelle1: one table or column of hours per person: Brian Feurstein's entries under their name" in result.report["notes"]


def test_side_by_side_blocks_need_the_same_headers_and_a_parting_column():
    from pmo_data.readers import Table

    frame = pd.DataFrame({"a": ["1", "2"], "b": ["x", "y"], "gap": [None, None], "c": ["3", None], "d": ["z", None]})
    above = [["Ann", None, None, "Bo", None], ["Date", "Hours", None, "Date", "Hours"]]
    table = Table("S", ["Ann Date", "Ann Hours", "Ann", "Bo Date", "Bo Hours"], 2, frame)
    blocks = steps.side_by_side_blocks(table, above)
    assert [(title, block.headers, len(block.frame)) for title, block in blocks] == [
        ("Ann", ["Date", "Hours"], 2), ("Bo", ["Date", "Hours"], 1)]  # Bo's empty second row is no entry
    other = [["Ann", None, None, "Bo", None], ["Date", "Hours", None, "Week", "Hours"]]
    assert [title for title, _ in steps.side_by_side_blocks(table, other)] == [None]  # not the same headers: one table


def test_an_instruction_beside_the_names_is_no_heading():
    # batch 6 (a Gantt template): 'Do not delete this row. This row is hidden …' alone in column A
    frame = pd.DataFrame({"a": ["Do not delete this row. This row is hidden to keep a formula.", "Phase 1", None],
                          "name": [None, None, "Kickoff"]}, dtype=object)
    assert steps.headings_beside_names(frame, "name").tolist() == [None, "Phase 1", None]


def test_a_header_s_words_in_another_order_name_the_same_field():
    # batch 6: a risk register's 'Raised Date' (the vocabulary says 'Date Raised') was left unread
    from pmo_data.readers import Table

    table = Table("Risks", ["Risk ID", "Risk Description", "Raised Date", "Allocated to"], 1,
                  pd.DataFrame({"a": ["PR-1"], "b": ["Vendor late"], "c": ["2024-04-17"], "d": ["Ann"]}))
    from pmo_data.recognise import match_columns

    found = match_columns(table, "risks")
    assert found["raised_date"] == "c" and found["owner"] == "d"
    assert vocabulary.word_order_key("Raised  Date") == vocabulary.word_order_key("date raised") == "date raised"


def test_an_old_copy_of_a_sheet_beside_it_is_not_read(store, tmp_path):
    # batch 6 (a Swedish plan): 'Uppgifter (old)' beside 'Uppgifter' doubled the tasks; Swedish words and
    # statuses (Uppgift, Klart, Att göra); one ID typed on two different tasks keeps both
    header = ["ID", "Uppgift", "Start", "Klart", "Status"]
    path = write_xlsx(tmp_path / "plan.xlsx", {
        "Uppgifter": [["Att göra efter experimentet"], [], header,
                      [1, "Kör backfill", D(2026, 6, 4), D(2026, 6, 4), "Klart"],
                      [4, "SQL Server", D(2026, 6, 5), D(2026, 6, 5), "Klart"],
                      [4, "Bronze master", D(2026, 6, 4), D(2026, 6, 5), "Pågår"],
                      [5, "Silverlager", D(2026, 6, 5), None, "Att göra"]],
        "Uppgifter (old)": [header, [1, "Kör backfill", D(2026, 6, 1), D(2026, 6, 2), "Att göra"]]})
    import_file(store, path, "2026-06")
    assert rows_of(store, "select task_id, name, status_category from tasks order by name") == [
        ["4 (row 6)", "Bronze master", "in_progress"], ["1", "Kör backfill", "done"], ["4", "SQL Server", "done"],
        ["5", "Silverlager", "todo"]]

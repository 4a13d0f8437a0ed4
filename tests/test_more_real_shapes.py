"""Shapes first seen in the third batch of real exports (docs/real-corpus.md, batch 3), each rebuilt
here with the quirks of the public file it was seen in (the files themselves are never copied).
Expected values are read off the rows written below."""

from __future__ import annotations

import datetime as dt
import json

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from pmo_data import normalize, steps
from pmo_data.importer import import_file, prepare
from pmo_data.readers import detect_header_row
from tests.files import query_rows as rows_of
from tests.files import write_csv, write_xlsx


def test_jira_s_own_status_category_decides_a_workflow_word(store, tmp_path):
    # Maarten-DLVW/RAC22-SWDVT-1D_werkplaats-2-mvc-nohtyp: a board whose 'Backlog' column Jira files under
    # In Progress; the word alone would say to do
    path = write_csv(tmp_path / "Jira.csv",
                     "Summary,Issue key,Issue id,Issue Type,Status,Project key,Status Category\n"
                     "Header menu,W2-1,10001,Story,Backlog,W2,In Progress\n"
                     "Login page,W2-2,10002,Story,To Do,W2,To Do\n"
                     "Footer,W2-3,10003,Task,Done,W2,Done\n")
    import_file(store, path, "2026-10")
    assert rows_of(store, "select task_id, status_category from tasks order by 1") == [
        ["W2-1", "in_progress"], ["W2-2", "todo"], ["W2-3", "done"]]


def test_an_italian_risk_register_under_a_title_with_no_ids(store, tmp_path):
    # SydanJainen/RaceUpPresentazioneAuto 'Risk Register': a merged title in row 1, the header in row 2,
    # the ID column left empty, Alto / Medio / Basso, a 'Values' sheet of drop-down lists beside it
    path = write_xlsx(tmp_path / "RaceUp.xlsx", {
        "Risk register": [
            [None, "Risk Register"],
            [None, "ID", "Tipologia", "Descrizione", "Probabilità", "Impatto", "Livello (PxI)", "Responsabile", "Azione", "Stato"],
            [None, None, "Tecnico", "Auto non pronta per l'evento", "Medio", "Alto", "Alto", "Marco", "Piano B", "In risoluzione"],
            [None, None, "Esterno", "Pioggia il giorno dell'evento", "Basso", "Medio", "Basso", "Giulia", "Tendone", "Chiuso"],
            [None, None, "Organizzativo", "Sala non disponibile", "Alto", "Alto", "Alto", "Marco", "Seconda sala", "In risoluzione"]],
        "Values": [["Stato"], ["Aperto"], ["In risoluzione"], ["Chiuso"]]})
    import_file(store, path, "2026-10")
    # Basso = 2, Medio = 3, Alto = 4 on the 1..5 scale; In risoluzione is open, Chiuso closed
    assert rows_of(store, "select title, probability, impact, owner, status from risks order by title") == [
        ["Auto non pronta per l'evento", 3, 4, "Marco", "open"],
        ["Pioggia il giorno dell'evento", 2, 3, "Giulia", "closed"],
        ["Sala non disponibile", 4, 4, "Marco", "open"]]


def test_a_turkish_risk_register_with_group_titles_over_its_header(store, tmp_path):
    # mustafaceliker/EvHarmoni-AkilliEvSistemleri-PMP 'Risk Yönetim Planı': the update date above, group
    # titles over the header, the scale written into the header ('Etki [Düşük-Orta-Yüksek]'), 'Orta ' padded
    path = write_xlsx(tmp_path / "Risk Yonetim.xlsx", {"Risk Yönetim Planı": [
        [None, "05.11.2023"],
        [],
        ["Risk", None, None, None, "Değerlendirme", None, None, "Önlem"],
        ["No", "Risk Tanımı", "Risk Sınıfı", "Risk Belirleme Tarihi", "Etki [Düşük-Orta-Yüksek]",
         "Karşılaşma Olasılığı [Düşük-Orta-Yüksek]", "Durum (Açık-Kapalı-Gerçekleşti]", "Planlanan Tarih"],
        [1, "Sensör tedarik gecikmesi", "Tedarik", dt.datetime(2023, 1, 8), "Yüksek", "Orta ", "Açık", dt.datetime(2023, 11, 30)],
        [2, "Yazılım hatası", "Teknik", dt.datetime(2023, 3, 2), "Orta", "Düşük", "Kapalı", None],
        [3, "Bütçe aşımı", "Finans", dt.datetime(2023, 5, 20), "Yüksek", "Yüksek", "Gerçekleşti", dt.datetime(2023, 6, 1)]]})
    import_file(store, path, "2026-10")
    # Düşük = 2, Orta = 3, Yüksek = 4; a risk that occurred (Gerçekleşti) is no longer open
    assert rows_of(store, "select risk_id, impact, probability, status, strftime(raised_date, '%Y-%m-%d'), "
                          "strftime(due_date, '%Y-%m-%d') from risks order by 1") == [
        ["1", 4, 3, "open", "2023-01-08", "2023-11-30"],
        ["2", 3, 2, "closed", "2023-03-02", None],
        ["3", 4, 4, "closed", "2023-05-20", "2023-06-01"]]


def test_a_register_ends_at_its_total_row_and_the_legend_under_it_is_no_risk(store, tmp_path):
    # RakeshsarmaKarra/Project-Management-Capstone-Project: 'Total Risk Score' under the entries, then
    # one blank row and a rating legend ('5:  High' …) in the Event column
    path = write_xlsx(tmp_path / "Risk Register.xlsx", {"Risk Register": [
        ["Project:  Marketing Data Application\nDate: 01 Apr 2024"],
        ["#", "Cause (condition/situation)", "Event", "Risk owner", "Probability risk rating", "Impact risk rating", "Risk score"],
        [1, "Design failure", "Launch app", "Sai", 3, 5, 15],
        [2, "Beta test", "In office", "Teja", 2, 3, 6],
        ["Total Risk Score", None, None, None, None, None, 21],
        [],
        [None, None, "5:  High"],
        [None, None, "1:  Low"]]})
    result = import_file(store, path, "2026-10")
    assert rows_of(store, "select risk_id, probability, impact from risks order by 1") == [["1", 3, 5], ["2", 2, 3]]
    assert [(r["row"], r["reason"]) for r in result.report["rejected_rows"]] == [
        (5, "total row, or under the total row"), (7, "total row, or under the total row"),
        (8, "total row, or under the total row")]


def test_a_sentence_in_a_rating_column_is_kept_as_text_not_refused(store, tmp_path):
    # Hashim99/Project-Managment-Course-Project: one Impact written as a sentence among High / Medium
    path = write_xlsx(tmp_path / "Risk Register.xlsx", {"Risk Register": [
        ["No.", "Rank", "Description", "Risk Owner", "Probability", "Impact", "Status"],
        ["R1", 1, "Key developer leaves", "PM", "High", "Medium at the beginning, gets higher with time", "Open"],
        ["R2", 2, "Vendor late", "PM", "Medium", "High", "Open"],
        ["R3", 3, "Scope creep", "PM", "Low", "Medium", "Open"]]})
    result = import_file(store, path, "2026-10")
    assert rows_of(store, "select risk_id, probability, impact from risks order by 1") == [
        ["R1", 4, None], ["R2", 3, 4], ["R3", 2, 3]]
    extra = json.loads(store.scalar("select extra from risks where risk_id = 'R1'"))
    assert extra["Impact"] == "Medium at the beginning, gets higher with time"
    assert result.report["unparsed_cells"] == 0 if "unparsed_cells" in result.report else True
    assert any("1 Impact cell(s) hold a sentence" in note for note in result.report["notes"])


def test_a_plan_with_a_week_ruler_and_milestone_headings(store, tmp_path):
    # Tulchy1/Product-Project-Management 'Tasks and Timeline': the header in row 4, a ruler of WEEK n over
    # M T W R F to its right, 'Milestone: …' rows heading their tasks, durations in words
    ruler_weeks = [f"WEEK {n}" if d == 0 else None for n in (1, 2) for d in range(5)]
    ruler_days = list("MTWRF") * 2
    path = write_xlsx(tmp_path / "Project Plan.xlsx", {"Tasks and Timeline": [
        ["Sauce & Spoon Project Plan"], [], [],
        ["Task", "Notes", "Start Date", "Due Date", "Duration", "Task Owner", "Status", "PHASE ONE"],
        [None] * 7 + ruler_weeks,
        [None] * 7 + ruler_days,
        ["Milestone: Choose tablet vendor"],
        ["research tablet features", None, None, None, "2 Days"],
        ["compare tablet pricing", None, None, None, "1 Day"],
        ["Milestone: Implement the tablets"],
        ["ship and receive tablets", None, None, None, "1 Week & 4 Days"],
        ["Test the tablets", None, None, None, "1 Day"]]})
    import_file(store, path, "2026-10")
    # 8 h a day, 5 days a week: 2 days = 16 h, 1 week & 4 days = 72 h; each heading is its group's summary
    assert rows_of(store, "select name, estimate_hours, is_summary, status_category from tasks "
                          "order by cast(replace(task_id, 'row ', '') as integer)") == [
        ["Milestone: Choose tablet vendor", None, True, "todo"],
        ["research tablet features", 16.0, False, "todo"],
        ["compare tablet pricing", 8.0, False, "todo"],
        ["Milestone: Implement the tablets", None, True, "todo"],
        ["ship and receive tablets", 72.0, False, "todo"],
        ["Test the tablets", 8.0, False, "todo"]]
    assert rows_of(store, "select t.name, p.name from tasks t join tasks p on p.task_id = t.parent_task_id "
                          "order by cast(replace(t.task_id, 'row ', '') as integer)") == [
        ["research tablet features", "Milestone: Choose tablet vendor"],
        ["compare tablet pricing", "Milestone: Choose tablet vendor"],
        ["ship and receive tablets", "Milestone: Implement the tablets"],
        ["Test the tablets", "Milestone: Implement the tablets"]]


def test_a_gantt_template_in_turkish_with_wbs_numbers_rolls_its_phases_up(store, tmp_path):
    # mustafaceliker/EvHarmoni-AkilliEvSistemleri-PMP 'GanttChart' (a Vertex42 template): WBS numbers in a
    # column with no header, phase rows without dates, progress as fractions
    path = write_xlsx(tmp_path / "Gantt.xlsx", {"GanttChart": [
        ["Akıllı Ev Sistemleri"], [],
        [None, "Görev", "Başlangıç", "Bitiş", "% İlerleyiş"],
        ["1", "Proje Planlama", None, None, None],
        ["1.1", "Kapsam", dt.datetime(2023, 1, 1), dt.datetime(2023, 1, 10), 1],
        ["1.2", "Bütçe", dt.datetime(2023, 1, 11), dt.datetime(2023, 1, 20), 1],
        ["2", "Kurulum", None, None, None],
        ["2.1", "Montaj", dt.datetime(2024, 2, 1), dt.datetime(2024, 3, 1), 0.99],
        ["2.2", "Test", dt.datetime(2024, 3, 2), dt.datetime(2024, 3, 10), 0]]})
    import_file(store, path, "2026-10")
    # phase 1: both tasks done → done; phase 2: one started, one not → in progress
    assert rows_of(store, "select task_id, parent_task_id, is_summary, status_category from tasks order by task_id") == [
        ["1", None, True, "done"], ["1.1", "1", False, "done"], ["1.2", "1", False, "done"],
        ["2", None, True, "in_progress"], ["2.1", "2", False, "in_progress"], ["2.2", "2", False, "todo"]]


def test_a_schedule_that_gives_only_its_baseline_dates_plans_on_them(store, tmp_path):
    # mahi495/pmo_portfolio: snake_case headers, Baseline_Start / Baseline_Finish and actuals, no current plan
    path = write_xlsx(tmp_path / "schedule.xlsx", {"Schedule": [
        ["WBS_ID", "Task_Name", "Owner", "Baseline_Start", "Baseline_Finish", "%_Complete", "Status_RAG"],
        [1, "Discovery", "Ann", dt.datetime(2024, 4, 1), dt.datetime(2024, 4, 12), 100, "Green"],
        [2, "Build", "Bo", dt.datetime(2024, 4, 15), dt.datetime(2024, 10, 11), 100, "Amber"]]})
    result = import_file(store, path, "2026-10")
    assert rows_of(store, "select name, strftime(start_date, '%Y-%m-%d'), strftime(finish_date, '%Y-%m-%d'), "
                          "strftime(baseline_finish, '%Y-%m-%d') from tasks order by 1") == [
        ["Build", "2024-04-15", "2024-10-11", "2024-10-11"], ["Discovery", "2024-04-01", "2024-04-12", "2024-04-12"]]
    assert any("gives only a baseline start: it is also the planned start" in n for n in result.report["notes"])


def test_a_timesheet_of_durations_with_no_person_column(store, tmp_path):
    # IUS-CS/Team17 'Weekly Timesheet (Blank)': Total Hours as duration cells (1:30), times as text, a footer
    path = write_xlsx(tmp_path / "Timesheet.xlsx", {"Weekly Timesheet (Blank)": [
        ["Group 17"], [],
        [None, "Date", "Day", "Time In", "Time Out", "Meeting with:", "Total Hours"],
        [None, dt.datetime(2019, 9, 18), "Wednesday", "3:00PM", "4:00PM", "Dana", dt.timedelta(hours=1)],
        [None, dt.datetime(2019, 9, 25), "Wednesday", "3:00PM", "4:30PM", "Dana", dt.timedelta(hours=1, minutes=30)],
        [None, dt.datetime(2019, 10, 15), "Tuesday", "6:30PM", "7:30PM", "Will", dt.timedelta(hours=1)],
        [],
        [None, None, None, None, None, "Total Hours", dt.timedelta(hours=3, minutes=30)]]})
    import_file(store, path, "2026-10")
    assert rows_of(store, "select strftime(work_date, '%Y-%m-%d'), hours from actual_hours order by 1") == [
        ["2019-09-18", 1.0], ["2019-09-25", 1.5], ["2019-10-15", 1.0]]


def test_a_planning_tool_export_with_managers_is_a_schedule_not_a_register(tmp_path):
    # sarthak-handa/ydprojects: a critical-chain tool's task export: outline IDs, Duration, Predecessor,
    # a Manager and a Department on every row, status codes CO / IP / NS
    path = write_xlsx(tmp_path / "tasks.xlsx", {"sheet one": [
        ["ID", "Task ID", "Name", "Type", "Duration", "Predecessor", "Status", "Department", "Manager",
         "Planned Start", "Planned End"],
        [1, "1", "Design", "TASK", "5d", None, "CO", "Eng", "Ravi", "12-Aug-25 01:00 AM", "18-Aug-25 01:00 AM"],
        [2, "2", "Fabrication", "TASK", "10d", "1", "IP", "Shop", "Ravi", "19-Aug-25 01:00 AM", "01-Sep-25 01:00 AM"],
        [3, "3", "Erection", "TASK", "8d", "2", "NS", "Site", "Anil", "02-Sep-25 01:00 AM", "11-Sep-25 01:00 AM"],
        [4, "4", "Commissioning", "TASK", "3d", "3", "NS", "Site", "Anil", "12-Sep-25 01:00 AM", "16-Sep-25 01:00 AM"],
        [5, "5", "Handover", "TASK", "1d", "4", "NS", "PMO", "Anil", "17-Sep-25 01:00 AM", "17-Sep-25 01:00 AM"]]})
    prepared = prepare(path, None, require_period=False)
    assert prepared.detection.adapter.name == "schedule"
    assert prepared.tables["tasks"]["status_category"].tolist() == ["done", "in_progress", "todo", "todo", "todo"]


# -- the steps and parsers these shapes rely on ------------------------------------------------------

def test_a_gantt_ruler_of_repeated_day_letters_is_not_the_header():
    grid = [["Plan"], ["Task", "Notes", "Start Date", "Due Date", "Duration", "Owner", "Status", "PHASE ONE"],
            [None] * 7 + list("MTWRF") * 12, ["Design", None, None, None, "2 Days"]]
    assert detect_header_row(grid) == 1


@given(hours=st.integers(0, 999), minutes=st.integers(0, 59), seconds=st.one_of(st.none(), st.integers(0, 59)))
def test_a_stopwatch_duration_reads_as_hours(hours, minutes, seconds):
    text = f"{hours}:{minutes:02d}" + ("" if seconds is None else f":{seconds:02d}")
    assert normalize.parse_hours(text) == pytest.approx(hours + minutes / 60 + (seconds or 0) / 3600)
    assert normalize.parse_hours(dt.timedelta(hours=hours, minutes=minutes)) == pytest.approx(hours + minutes / 60)


@given(weeks=st.integers(1, 9), days=st.integers(1, 4), joiner=st.sampled_from([" & ", " and ", " + "]))
def test_durations_joined_by_and_add_up(weeks, days, joiner):
    # 8 hours a day, 5 days a week (defaults.toml [units])
    assert normalize.parse_hours(f"{weeks} Week{'s' if weeks > 1 else ''}{joiner}{days} Days") == weeks * 40 + days * 8


@given(st.lists(st.integers(1, 4), min_size=1, max_size=12))
def test_wbs_numbers_give_each_task_its_parent(widths):
    # a WBS built from a list of phase sizes: phase n, then n.1 … n.k
    codes, expected = [], []
    for phase, width in enumerate(widths, start=1):
        codes.append(str(phase))
        expected.append(None)
        for task in range(1, width + 1):
            codes.append(f"{phase}.{task}")
            expected.append(str(phase))
    levels = steps.wbs_levels(pd.Series(codes, dtype=object))
    assert steps.parents_from_outline(levels, codes) == expected


def test_numbers_without_a_dot_or_written_twice_are_no_wbs():
    assert steps.wbs_levels(pd.Series(["1", "2", "3"], dtype=object)) is None
    assert steps.wbs_levels(pd.Series(["1", "1.1", "1.1"], dtype=object)) is None
    assert steps.wbs_levels(pd.Series(["A1", "1.1"], dtype=object)) is None


def test_rows_with_only_a_name_head_a_group_when_most_rows_say_more():
    frame = pd.DataFrame({"name": ["Phase 1", "Design", "Build", "Phase 2", "Test", "Ship"],
                          "duration": [None, "2d", "3d", None, "1d", "1d"]}, dtype=object)
    assert steps.group_heading_rows(frame, "name").tolist() == [True, False, False, True, False, False]
    names_only = pd.DataFrame({"name": ["A", "B", "C"], "duration": [None, None, None]}, dtype=object)
    assert not steps.group_heading_rows(names_only, "name").any()


def test_wbs_like_numbers_whose_parents_do_not_span_their_children_are_labels():
    # the internship schedule of ../shared/real-exports (truth.json: 'no reliable hierarchy'): 1.1 ends
    # on 14 May, before its '1.1.1' starts on 15 May
    ids = ["1.1", "1.1.1", "1.2"]
    parents = steps.parents_from_outline(steps.wbs_levels(pd.Series(ids, dtype=object)), ids)
    assert parents == [None, "1.1", None]
    starts = pd.Series(pd.to_datetime(["2026-04-30", "2026-05-15", "2026-06-04"]))
    finishes = pd.Series(pd.to_datetime(["2026-05-14", "2026-05-20", "2026-06-07"]))
    assert not steps.parents_span_children(ids, parents, starts, finishes)
    # had 1.1 run to 31 May, it would span 1.1.1 (15–20 May): then the numbers are a hierarchy
    assert steps.parents_span_children(ids, parents, starts, finishes.where(finishes.index != 0, pd.Timestamp("2026-05-31")))


# -- batch 4 ----------------------------------------------------------------------------------------

def test_a_trello_power_up_export_without_card_ids_keys_cards_by_row(store, tmp_path):
    # aserjunior/Projeto-Integrador-2022.1: a power-up's CSV (Card Name, Board Name, List Name, no Card ID)
    path = write_csv(tmp_path / "trello.csv",
                     '"Card Name","Board Name","List Name","List ID","Members","Labels","Card Created Date","Due Date"\n'
                     '"Integração da API","COVID MONITOR","Backlog","624f","","CRUD - green","2022-04-07 17:09",\n'
                     '"Modelar dashboard","COVID MONITOR","Doing","624g","","","2022-04-07 17:05",\n')
    import_file(store, path, "2026-10")
    assert rows_of(store, "select project_id, task_id, status_category from tasks order by task_id") == [
        ["COVID MONITOR", "row 2", "todo"], ["COVID MONITOR", "row 3", "in_progress"]]


def test_a_german_risk_catalogue_with_a_typo_in_a_header_and_a_hazard_scale(store, tmp_path):
    # accefa/projektmanagment 'Risikokatalog': 'Eintrittswarscheinlichkeit' (sic), MIL-STD-882 words in German
    path = write_xlsx(tmp_path / "Risikokatalog.xlsx", {"Tabelle1": [
        ["Risikokatalog"],
        ["Nr.", "Risiko", "Ursache", "Eintrittswarscheinlichkeit", "Auswirkungsgrad", "Massnahmen"],
        [1, "Teammitglied fällt aus", "Krankheit", "Vorstellbar", "Kritisch", "Vertretung planen"],
        [2, "Zeitplan platzt", "unklare Zeitplanung", "Gelegentlich", "Katastrophal", "Meilensteine"],
        [3, "Bauteil fehlt", "Lieferung", "Unwahrscheinlich", "Geringfügig", "Puffer"]]})
    import_file(store, path, "2026-10")
    # vorstellbar 2, gelegentlich 3, unwahrscheinlich 1; kritisch 4, katastrophal 5, geringfügig 2
    assert rows_of(store, "select risk_id, title, probability, impact, mitigation from risks order by 1") == [
        ["1", "Teammitglied fällt aus", 2, 4, "Vertretung planen"], ["2", "Zeitplan platzt", 3, 5, "Meilensteine"],
        ["3", "Bauteil fehlt", 1, 2, "Puffer"]]


def test_a_redmine_queue_written_in_russian(store, tmp_path):
    # AlsuKhalva/redmine export.csv: Redmine's API fields in English beside Russian custom fields, ';'
    path = write_csv(tmp_path / "export.csv",
                     "Исполнитель ТП;id;status;priority;subject;Срок;created_on\n"
                     "Ткач И.;131432;Выполнена;Вне очереди;Переторжка;;2019-03-01\n"
                     "Ткач И.;131433;На уточнении;Обычный;Доступ к площадке;;2019-03-02\n"
                     ";131434;Отложена;Обычный;Отчёт;;2019-03-03\n")
    import_file(store, path, "2026-10")
    # Выполнена = done; На уточнении (awaiting clarification) = in progress; Отложена (postponed) = to do
    assert rows_of(store, "select task_id, name, status_category from tasks order by 1") == [
        ["131432", "Переторжка", "done"], ["131433", "Доступ к площадке", "in_progress"], ["131434", "Отчёт", "todo"]]


def test_a_unit_written_after_a_header_does_not_hide_it():
    from pmo_data.vocabulary import header_key
    assert header_key("Dauer in h") == header_key("Dauer")
    assert header_key("Kosten in €") == header_key("Kosten")
    assert header_key("Check in") == "checkin"  # 'in' without a unit after it is a word


def test_a_header_one_typo_from_a_synonym_is_that_field():
    from pmo_data.readers import Table
    from pmo_data.recognise import match_columns
    headers = ["Risiko", "Eintrittswarscheinlichkeit", "Auswirkung"]
    table = Table("Sheet", headers, 1, pd.DataFrame([["A", "hoch", "mittel"]], columns=headers))
    assert match_columns(table, "risks")["probability"] == "Eintrittswarscheinlichkeit"

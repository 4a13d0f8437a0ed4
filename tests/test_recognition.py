"""The recognition engine on layouts real teams send, each rebuilt here in its real shape (the
public repository it was seen in is cited; no file of theirs is copied), with the exact canonical
rows a careful analyst would expect; property tests for the header finder and the month parser;
and a sweep over every fixture: no message shows a Python error or an internal column name."""

from __future__ import annotations

import datetime as dt
import re
import string
from collections import Counter

import pandas as pd
import pytest
from hypothesis import given, settings as hsettings, strategies as st

from pmo_data import normalize, vocabulary
from pmo_data.importer import ImportFailed, import_file
from pmo_data.readers import detect_header_row
from tests.conftest import SAMPLE_DATA
from tests.files import write_csv, write_xlsx

D = dt.date
TS = pd.Timestamp


def rows_of(frame: pd.DataFrame) -> list[list]:
    """Rows as lists, a missing value as None whatever pandas makes of it."""
    return [[None if not isinstance(v, (list, str)) and pd.isna(v) else v for v in row] for row in frame.values.tolist()]


def tasks_of(store, columns="task_id, name, status_category"):
    return rows_of(store.query(f"select {columns} from tasks order by task_id"))


# -- layouts, each with the repository it was seen in -------------------------------------------

LAYOUTS = {}


def layout(fn):
    LAYOUTS[fn.__name__] = fn
    return fn


@layout
def jira_resaved_no_project_key(tmp):  # AtlasOfLivingAustralia/Taxonomic-Issues-Register_new "Jira (1).csv"
    text = ("Issue key,Issue id,Issue Type,Summary,Status,Priority,Resolution,Created\r\n"
            "TAX-2,1002,Task,Fix genus “Acacia”,Reopened,Medium,,10/01/2023 14:39\r\n"
            "TAX-1,1001,Epic,Naming,To Do,Medium,,10/01/2023 14:30\r\n")
    return write_csv(tmp / "register.csv", text, "cp1252")


@layout
def jira_current_fields_without_key(tmp):  # dikshapoojary-rgb/Jira-weekly-time-report JIRA.csv
    return write_csv(tmp / "weekly.csv", "Summary,Issue Type,Status,Assignee,Σ Original Estimate\n"
                     "Write report,Task,Work in Progress,Ann,28800\nReview,Task,Under Review,Bo,3600\n")


@layout
def jira_cloud_repeated_headers(tmp):  # felipefernandes/dashboard-metricas JIRA.csv (Labels ×3, Status Category last)
    return write_csv(tmp / "cloud.csv", "Summary,Issue key,Issue id,Issue Type,Status,Project key,Labels,Labels,Labels,"
                     "Due date,Parent,Status Category\n"
                     "Epic A,DM-1,10,Epic,Em andamento,DM,x,,,22/Dec/25 2:38 PM,,In Progress\n"
                     "Story B,DM-2,11,Story,Homologação,DM,y,z,,,10,Done\n")


@layout
def ado_flat_query(tmp):  # KipkorirC/http_server "Untitled query.csv" (flat: no Parent, no Title 1..n)
    return write_csv(tmp / "query.csv", "\ufeffID,Change Number,Work Item Type,Title,Assigned To,State,Tags\r\n"
                     "11,CN-1,Product Backlog Item,Login page,Ann Lee <ann@x.com>,Committed,web\r\n"
                     "12,,Task,Build form,Bo Chen <bo@x.com>,Done,\r\n13,,Bug,Crash on save,,New,\r\n")


@layout
def openproject_without_parent(tmp):
    return write_csv(tmp / "wp.csv", "id,Type,Subject,Status,Assignee,Start date,Finish date,Project\n"
                     "1,Task,Draft policy,In progress,Ann Lee,2026-09-01,2026-09-30,GDPR\n"
                     "2,Milestone,Sign-off,Bestätigt,,2026-10-15,2026-10-15,GDPR\n")


@layout
def monday_numbers_in_text_column(tmp):
    return write_xlsx(tmp / "board.xlsx", {"Board": [["Ops board"], [], ["Group A"], ["Name", "Person", "Status", "Date", "Notes"],
                                                     ["Order kit", "Ann", "Done", D(2026, 3, 1), 12345],
                                                     ["Call vendor", "Bo", "Working on it", D(2026, 3, 5), "text"],
                                                     ["Ship", "Cy", "Stuck", None, 3.5]]})


@layout
def asana_projects_column(tmp):
    return write_csv(tmp / "asana.csv", "Task ID,Created At,Completed At,Last Modified,Name,Section/Column,Assignee,"
                     "Assignee Email,Start Date,Due Date,Tags,Notes,Projects,Parent task\n"
                     "101,2026-01-05,,2026-01-06,Launch,Doing,Ann,,,2026-03-01,,,Marketing Q1,\n"
                     "102,2026-01-05,2026-01-10,2026-01-10,Brief,Done,Bo,,,2026-01-16,,,,Launch\n"
                     "103,2026-01-05,,2026-01-06,Assets,Doing,Cy,,,2026-02-01,,,,Launch\n")


@layout
def ms_project_summary_row(tmp):
    return write_xlsx(tmp / "plan.xlsx", {"Task_Table1": [
        ["ID", "Unique_ID", "Name", "Outline_Level", "Start_Date", "Finish_Date", "Percent_Complete", "Duration"],
        [0, 0, "Data platform", 0, "January 5, 2026 8:00 AM", "June 30, 2026 5:00 PM", "40%", "125 days"],
        [1, 1, "Design", 1, "January 5, 2026 8:00 AM", "February 27, 2026 5:00 PM", "100%", "40 days"],
        [2, 2, "Build", 1, "March 2, 2026 8:00 AM", "June 30, 2026 5:00 PM", "10%", "85 days"]]})


@layout
def raid_single_sheet_with_category(tmp):  # omkarmore…/RAID_Log.xlsx: details above, blank-header serial column
    return write_xlsx(tmp / "raid.xlsx", {"RAID Log": [
        ["RAID LOG"], [], ["Project Name:", "Customer Portal", None, "Project Manager:", "Jo"], [],
        [None, "RAID Category", "Description", "Owner", "Likelihood", "Impact", "Status", "Due Date"],
        [1, "Risk", "Vendor late", "Ann", "High", "Critical", "Open", D(2026, 11, 30)],
        [2, "Assumption", "Budget approved", "Bo", None, None, "Open", None],
        [3, "Issue", "Test env down", "Cy", None, "Moderate", "Resolved", None],
        [4, "Dependency", "SSO from IT", "Di", None, None, "Dormant", None],
        [5, None, None, None, None, None, None, None]]})


@layout
def raid_one_sheet_per_register(tmp):  # Jkloda/RAID_Log.xlsx: Risks, Assumptions, Issues, Dependencies sheets
    header = ["ID", "Description", "Probability (High/Med/Low)", "Impact (High/Med/Low)", "Owner", "Status "]
    return write_xlsx(tmp / "raid_log.xlsx", {
        "Risks": [header, ["R1", "Supplier fails", "HIgh", "Med", "Ann", "Open"], ["R2", "Scope creep", "Low", "High", "Bo", "Retired"]],
        "Assumptions": [["ID", "Assumption", "Owner", "Status"], ["A1", "Staff available", "Cy", "Open"]],
        "Issues": [["ID", "Issue", "Owner", "Status", "Priority"], ["I1", "Server down", "Di", "In progeress", "High"]],
        "Dependencies": [["ID", "Dependency", "Owner", "Status"], ["D1", "Licences", "Ed", "Closed"]],
        "Decisions": [["ID", "Decision", "Made by", "Status", "Date"], ["DE1", "Go with vendor B", "Board", "Approved", D(2026, 9, 1)]]})


@layout
def raid_csv_with_type(tmp):  # saurabh-lab raid_log.csv: ID, Type, …, TargetDate
    return write_csv(tmp / "raid_log.csv", "ID,Type,Title,Owner,Likelihood,Impact,Status,TargetDate\n"
                     "RAID-1,Risk,Cloud costs rise,Ann,3,4,Open,2026-12-01\nRAID-2,Issue,Login bug,Bo,,5,Mitigated,2026-10-20\n"
                     "RAID-3,Action,Book workshop,Cy,,,Closed,2026-10-01\n")


@layout
def risk_register_percent_and_words(tmp):  # CRMills97/Team-Awesome "Risk Register.xlsx"
    return write_xlsx(tmp / "Risk Register.xlsx", {"Risk Register": [
        ["Risk Register"], ["NB: the project management team"],
        ["No", "Risk", "Root cause", "Owner", "Probability", "Impact", "Consequence"],
        ["R1", "Impossible requirements", "Expectations", "Pippin", 0.4, "High", "Re-plan"],
        ["R2", "Scope creep", "Miscommunication", "Sam", 0.9, "Medium", "More work"],
        ["R3", "Server dies", "Age", "Frodo", 1, "Low", "Outage"]]})


@layout
def risk_register_rpn_only(tmp):  # saisreyat Risk Analysis: scales in headers, RPN = L × I × D
    return write_xlsx(tmp / "risk analysis.xlsx", {"Risks": [
        ["Risk Analysis"], ["Project: Website relaunch"],
        ["Risk ID", "Risk Description", "Likelihood (1-5)", "Impact (1-5)", "Detectability (1-5)", "RPN", "Owner", "Status"],
        ["1", "Vendor late", "depends on the vendor's capacity", "delay to go-live", 2, 60, "Ann", "Open"],
        ["2", "Key person leaves", "unclear", "loss of knowledge", 3, 18, "Bo", "Open"]]})


@layout
def resource_histogram_headcount(tmp):  # CRMills97/Team-Awesome "Resource Histogram.xlsx"
    return write_xlsx(tmp / "Resource Histogram.xlsx", {"Sheet1": [
        ["Persons", "Jul '16", "Aug '16", "Sep '16"], ["Managers", 4, 4, 0], ["Consultants", 1, 2, 3]]})


@layout
def resource_and_cost_workbook(tmp):  # a resource-and-cost model: hours and £ per person, project on a Summary sheet
    return write_xlsx(tmp / "model.xlsx", {
        "Summary": [["Project Name", "Project X"], ["Sponsor", "Jo"]],
        "Resources": [["Resource allocation (hours)"], ["Name", "Role", "Sep-26", "Oct-26"], ["Ann", "PM", 168, 160],
                      ["Bo", "Dev", 80, None], ["Total", None, 248, 160]],
        "Costs": [["Resource costs (£)"], ["Name", "Rate", "Sep-26", "Oct-26"], ["Ann", 60, 10080, 9600], ["Bo", 50, 4000, None]]})


@layout
def resource_plan_fte_months_as_dates(tmp):
    return write_xlsx(tmp / "capacity.xlsx", {"FTE plan": [
        ["Team capacity plan (FTE)"], ["Role", "Project", D(2026, 10, 1), D(2026, 11, 1)],
        ["Developer", "CRM", 1, 0.5], ["Tester", "CRM", 0.5, None]]})


@layout
def schedule_under_gantt_ruler(tmp):  # PranitJejurikar/automated-mongodb-s3-backup "Project Schedule.xlsx"
    ruler = [None] * 3 + [D(2026, 4, 27) + dt.timedelta(days=i) for i in range(20)]
    return write_xlsx(tmp / "Project Schedule.xlsx", {"Project Schedule": [
        [], [None, None, "IAC Internship 2023 - <DOMAIN NAME> Project Schedule"], [],
        [None, None, "PROJECT START DATE", D(2026, 4, 30)],
        [None, None, "Should you face any difficulty, please refer to the Project Planning workshop https://example.org/x"] + ruler,
        ["Sr No", "Week/ Duration/ Sprint/ Phase", "Activities", "Task", "Assigned to", "Start Date", "End Date",
         "Actual End Date", "Hours required", "Status", "Progress"],
        [1, "[Week title Eg: Pre IP]"],
        [1.1, None, "Planning", "• read\n• study", "Pranit", D(2026, 4, 30), D(2026, 5, 14), D(2026, 5, 14), 7, "Completed", 100],
        ["1.1.1", None, "Setup", "• launch\n• install", "Pranit", D(2026, 5, 15), D(2026, 5, 21), None, 6, "In Progress", 50]]})


@layout
def status_tracker_table_offset(tmp):  # ObehiGift/Portfolio-for-Project-management "Project tracker.xlsx" (table at B2)
    return write_xlsx(tmp / "Project tracker.xlsx", {"Tracker": [
        [], [None, "N", "Activity", "Status", "Completion (%)"], [None, 1, "Kick-off", "Completed", 100],
        [None, 2, "Survey", "Ongoing", 40], [None, 3, "Report", "Not Started", 0]]})


@layout
def wbs_schedule_csv(tmp):  # lieudachris/ganttChart project_schedule.csv
    return write_csv(tmp / "project_schedule.csv", "WBS ID,TaskName,Start Date,End Date,Duration,Predecessor,Milestone\n"
                     "1,Initiation,9/1/2026,9/12/2026,10,,\n1.1,Charter,9/1/2026,9/5/2026,5,,\n1.2,Kick-off,9/12/2026,9/12/2026,0,1.1,Yes\n")


@layout
def ms_lists_work_items(tmp):  # jedortega-deltek/innovationcenterdashboard "Work Items.csv"
    return write_csv(tmp / "Work Items.csv", '"Title","Status","% Complete","Assigned To","Start Date","Due Date"\n'
                     '"Portal MVP","In Progress","90%","Ann","10/1/2026","12/15/2026"\n'
                     '"Data feed","Not Started","0%","Bo","11/1/2026","1/31/2027"\n')


@layout
def german_schedule(tmp):
    return write_xlsx(tmp / "Projektplan.xlsx", {"Plan": [
        ["Projekt: Intranet"], ["Vorgang", "Verantwortlich", "Anfang", "Ende", "Dauer", "Status"],
        ["Konzept", "Anna", D(2026, 9, 1), D(2026, 9, 10), "2 Tage", "Erledigt"],
        ["Umsetzung", "Ben", D(2026, 9, 11), D(2026, 10, 30), "1,5 Wochen", "In Bearbeitung"]]})


@layout
def french_schedule_csv(tmp):
    return write_csv(tmp / "planning.csv", "Tâche;Responsable;Début;Fin;Durée;Statut\n"
                     "Cadrage;Anne;01/09/2026;12/09/2026;3 jours;Terminé\nRecette;Bruno;15/09/2026;30/10/2026;PT8H;En cours\n")


@layout
def two_row_header_schedule(tmp):
    return write_xlsx(tmp / "two rows.xlsx", {"Plan": [
        ["Project schedule"],
        [None, None, "Planned", None, "Actual", None],
        ["Task", "Owner", "Start", "Finish", "Start", "Finish"],
        ["Design", "Ann", D(2026, 9, 1), D(2026, 9, 30), D(2026, 9, 2), D(2026, 10, 3)]]})


# -- what each layout must load --------------------------------------------------------------------


def test_jira_resaved_takes_the_key_prefix_and_maps_reopened(store, tmp_path):
    result = import_file(store, jira_resaved_no_project_key(tmp_path), "2026-10")
    assert result.source == "jira"
    assert tasks_of(store, "task_id, project_id, name, status_category, is_summary") == [
        ["TAX-1", "TAX", "Naming", "todo", True], ["TAX-2", "TAX", "Fix genus “Acacia”", "todo", False]]
    assert any("issue keys' prefix (TAX)" in n for n in result.report["notes"])


def test_jira_without_issue_key_gets_row_ids(store, tmp_path):
    result = import_file(store, jira_current_fields_without_key(tmp_path), "2026-10")
    assert tasks_of(store, "task_id, status_category, estimate_hours") == [["row 2", "in_progress", None],
                                                                          ["row 3", "in_progress", None]]
    assert result.rows_rejected == 0


def test_jira_cloud_words_in_portuguese_fall_back_to_status_category(store, tmp_path):
    import_file(store, jira_cloud_repeated_headers(tmp_path), "2026-10")
    # "Em andamento" is a known word; "Homologação" is not, so the Status Category column decides
    assert tasks_of(store, "task_id, status_category, parent_task_id") == [["DM-1", "in_progress", None], ["DM-2", "done", "DM-1"]]


def test_ado_flat_query_loads(store, tmp_path):
    result = import_file(store, ado_flat_query(tmp_path), "2026-10")
    assert result.source == "azure_devops"
    assert tasks_of(store, "task_id, name, assignee, status_category, parent_task_id") == [
        ["11", "Login page", "Ann Lee", "in_progress", None], ["12", "Build form", "Bo Chen", "done", None],
        ["13", "Crash on save", None, "todo", None]]


def test_openproject_without_parent_and_a_german_status(store, tmp_path):
    import_file(store, openproject_without_parent(tmp_path), "2026-10")
    assert tasks_of(store, "task_id, status_category, is_milestone, project_id") == [
        ["1", "in_progress", False, "GDPR"], ["2", "todo", True, "GDPR"]]


def test_monday_numbers_in_a_text_column(store, tmp_path):
    import_file(store, monday_numbers_in_text_column(tmp_path), "2026-10")
    rows = store.query("select name, status_category, extra->>'Notes' as notes from tasks order by name").values.tolist()
    assert rows == [["Call vendor", "in_progress", "text"], ["Order kit", "done", "12345"], ["Ship", "in_progress", "3.5"]]


def test_asana_subtasks_stay_in_their_parents_project(store, tmp_path):
    import_file(store, asana_projects_column(tmp_path), "2026-10")
    assert store.query("select project_id from projects").values.tolist() == [["Marketing Q1"]]
    assert tasks_of(store, "task_id, parent_task_id, project_id") == [
        ["101", None, "Marketing Q1"], ["102", "101", "Marketing Q1"], ["103", "101", "Marketing Q1"]]


def test_ms_project_summary_row_gives_the_project_its_dates(store, tmp_path):
    import_file(store, ms_project_summary_row(tmp_path), "2026-10")
    assert store.query("select project_id, start_date, finish_date, percent_complete from projects").values.tolist() == [
        ["Data platform", TS(2026, 1, 5), TS(2026, 6, 30), 40.0]]


def test_raid_single_sheet_loads_every_kind(store, tmp_path):
    result = import_file(store, raid_single_sheet_with_category(tmp_path), "2026-10")
    assert result.source == "raid_log"
    rows = store.query("select risk_id, kind, title, probability, impact, status, project_id from risks order by risk_id")
    assert rows_of(rows) == [
        ["1", "risk", "Vendor late", 4, 5, "open", "Customer Portal"],
        ["2", "assumption", "Budget approved", None, None, "open", "Customer Portal"],
        ["3", "issue", "Test env down", None, 3, "closed", "Customer Portal"],
        ["4", "dependency", "SSO from IT", None, None, "open", "Customer Portal"]]
    assert result.report["template_rows"] == [{"sheet": "RAID Log", "rows": 1, "why": "only an ID, nothing else"}]


def test_raid_workbook_reads_every_register_sheet(store, tmp_path):
    result = import_file(store, raid_one_sheet_per_register(tmp_path), "2026-10")
    kinds = Counter(store.query("select kind from risks")["kind"])
    assert kinds == {"risk": 2, "assumption": 1, "issue": 1, "dependency": 1, "decision": 1}
    assert store.query("select risk_id, probability, impact, status from risks where kind = 'risk' order by 1").values.tolist() == [
        ["R1", 4, 3, "open"], ["R2", 2, 4, "closed"]]
    assert "RAID status: read as the nearest known word: 'in progeress' as 'in progress'" in result.report["notes"]  # a typo: read, and said


def test_raid_csv_with_type_column(store, tmp_path):
    import_file(store, raid_csv_with_type(tmp_path), "2026-10")
    assert rows_of(store.query("select risk_id, kind, score, status from risks order by 1")) == [
        ["RAID-1", "risk", 12, "open"], ["RAID-2", "issue", None, "closed"], ["RAID-3", "action", None, "closed"]]


def test_risk_register_fraction_column_reads_1_as_100_percent(store, tmp_path):
    result = import_file(store, risk_register_percent_and_words(tmp_path), "2026-10")
    assert store.query("select risk_id, probability, impact, score from risks order by 1").values.tolist() == [
        ["R1", 3, 4, 12], ["R2", 5, 3, 15], ["R3", 5, 2, 10]]
    assert "Risk Register: Probability read as fractions of 1 (0.2 = 20 %), banded to 1–5" in result.report["notes"]


def test_risk_register_scored_by_rpn_when_probability_is_free_text(store, tmp_path):
    result = import_file(store, risk_register_rpn_only(tmp_path), "2026-10")
    assert rows_of(store.query("select risk_id, probability, impact, score, project_id from risks order by 1")) == [
        ["1", None, None, 12, "Website relaunch"], ["2", None, None, 4, "Website relaunch"]]
    assert any("RPN gives their score (score from an RPN of three 1–5 factors, / 5)" in n for n in result.report["notes"])


def test_resource_histogram_in_headcount(store, tmp_path):
    result = import_file(store, resource_histogram_headcount(tmp_path), "2026-10")
    rows = store.query("select resource_name, month, planned_hours from allocations order by all").values.tolist()
    # a head is a full-time person: Jul 2016 has 21 working days, Aug 23 (× 8 h)
    assert rows == [["Consultants", TS(2016, 7, 1), 168.0], ["Consultants", TS(2016, 8, 1), 368.0],
                    ["Consultants", TS(2016, 9, 1), 3 * 22 * 8.0], ["Managers", TS(2016, 7, 1), 672.0],
                    ["Managers", TS(2016, 8, 1), 736.0]]
    assert "Sheet1: amounts read as headcount (the sheet says 'persons')" in result.report["notes"]


def test_money_is_never_loaded_as_hours(store, tmp_path):
    result = import_file(store, resource_and_cost_workbook(tmp_path), "2026-10")
    assert store.query("select resource_name, project_id, month, planned_hours from allocations order by all").values.tolist() == [
        ["Ann", "Project X", TS(2026, 9, 1), 168.0], ["Ann", "Project X", TS(2026, 10, 1), 160.0],
        ["Bo", "Project X", TS(2026, 9, 1), 80.0]]
    assert store.query("select project_id, month, cost_type, amount from costs order by all").values.tolist() == [
        ["Project X", TS(2026, 9, 1), "forecast", 14080.0], ["Project X", TS(2026, 10, 1), "forecast", 9600.0]]
    assert [(r["sheet"], r["reason"]) for r in result.report["rejected_rows"]] == [("Resources", "total row")]


def test_fte_plan_with_real_date_month_headers(store, tmp_path):
    import_file(store, resource_plan_fte_months_as_dates(tmp_path), "2026-10")
    assert store.query("select resource_name, project_id, month, planned_hours from allocations order by all").values.tolist() == [
        ["Developer", "CRM", TS(2026, 10, 1), 22 * 8.0], ["Developer", "CRM", TS(2026, 11, 1), 0.5 * 21 * 8],
        ["Tester", "CRM", TS(2026, 10, 1), 0.5 * 22 * 8]]


def test_schedule_under_a_gantt_ruler_skips_the_placeholder_row(store, tmp_path):
    result = import_file(store, schedule_under_gantt_ruler(tmp_path), "2026-10")
    assert result.source == "schedule"
    assert tasks_of(store, "task_id, name, status_category, estimate_hours, percent_complete") == [
        ["1.1", "Planning", "done", 7.0, 100.0], ["1.1.1", "Setup", "in_progress", 6.0, 50.0]]
    assert result.report["template_rows"] == [{"sheet": "Project Schedule", "rows": 1, "why": "no task name, or template text only"}]
    assert result.rows_rejected == 0


def test_status_tracker_offset_table(store, tmp_path):
    import_file(store, status_tracker_table_offset(tmp_path), "2026-10")
    assert tasks_of(store, "task_id, name, status_category, percent_complete") == [
        ["1", "Kick-off", "done", 100.0], ["2", "Survey", "in_progress", 40.0], ["3", "Report", "todo", 0.0]]


def test_wbs_schedule_csv_zero_duration_is_a_milestone(store, tmp_path):
    import_file(store, wbs_schedule_csv(tmp_path), "2026-10")
    assert tasks_of(store, "task_id, name, is_milestone, finish_date, status_category") == [
        ["1", "Initiation", False, TS(2026, 9, 12), "todo"], ["1.1", "Charter", False, TS(2026, 9, 5), "todo"],
        ["1.2", "Kick-off", True, TS(2026, 9, 12), "todo"]]


def test_ms_lists_work_items(store, tmp_path):
    import_file(store, ms_lists_work_items(tmp_path), "2026-10")
    assert tasks_of(store, "task_id, name, status_category, percent_complete, finish_date") == [
        ["row 2", "Portal MVP", "in_progress", 90.0, TS(2026, 12, 15)], ["row 3", "Data feed", "todo", 0.0, TS(2027, 1, 31)]]


def test_german_schedule_with_days_and_weeks(store, tmp_path):
    result = import_file(store, german_schedule(tmp_path), "2026-10")
    assert tasks_of(store, "name, status_category, estimate_hours, project_id") == [
        ["Konzept", "done", 16.0, "Intranet"], ["Umsetzung", "in_progress", 60.0, "Intranet"]]
    assert "project: 'Intranet', named in 'Plan' row 1" in result.report["notes"]


def test_french_schedule_csv(store, tmp_path):
    import_file(store, french_schedule_csv(tmp_path), "2026-10")
    assert tasks_of(store, "name, status_category, estimate_hours, start_date") == [
        ["Cadrage", "done", 24.0, TS(2026, 9, 1)], ["Recette", "in_progress", 8.0, TS(2026, 9, 15)]]


def test_two_row_header_keeps_planned_and_actual_apart(store, tmp_path):
    import_file(store, two_row_header_schedule(tmp_path), "2026-10")
    row = store.query("select name, start_date, finish_date, status_category, extra from tasks").iloc[0]
    assert (row["name"], row["start_date"], row["finish_date"]) == ("Design", TS(2026, 9, 1), TS(2026, 9, 30))
    assert row["status_category"] == "done"  # no status column: its actual finish date says it is finished
    assert '"Actual Start": "2026-09-02' in row["extra"]


# -- status words: every one the issue names maps --------------------------------------------------

@pytest.mark.parametrize(("word", "category"), [
    ("Reopened", "todo"), ("Work in Progress", "in_progress"), ("Under Review", "in_progress"),
    ("Working on it", "in_progress"), ("Stuck", "in_progress"), ("Completed", "done"), ("Resolved", "done"),
    ("Geschlossen", "done"), ("In Bearbeitung", "in_progress"), ("Bestätigt", "todo"), ("En cours", "in_progress"),
    ("Terminado", "done"), ("Concluído", "done"), ("Afgerond", "done"), ("À faire", "todo")])
def test_status_vocabulary(word, category):
    assert normalize.status_table("any")[vocabulary.word_key(word)] == category


@pytest.mark.parametrize(("word", "status"), [("Resolved", "closed"), ("Retired", "closed"), ("Dormant", "open"),
                                              ("Closed", "closed"), ("Open", "open"), ("Active", "open")])
def test_raid_status_vocabulary(word, status):
    assert vocabulary.status_words("raid")[vocabulary.word_key(word)] == status


def test_unknown_status_words_are_listed_then_mapped_and_remembered(store, tmp_path):
    path = write_csv(tmp_path / "t.csv", "Task Name,Status,Start Date,End Date\nA,Parked,2026-01-01,2026-01-02\n"
                     "B,Parked,2026-01-01,2026-01-02\nC,,2026-01-01,2026-01-02\n")
    result = import_file(store, path, "2026-10")
    assert result.report["unknown_status_words"] == {"Parked": 2}
    assert any("'Parked' (2)" in w and "--status" in w for w in result.report["warnings"])
    assert any("1 task(s) have no status" in w for w in result.report["warnings"])
    assert store.query("select count(*) from tasks where status_category is null").iloc[0, 0] == 2
    import_file(store, path, "2026-10", status_words={"Parked": "todo"})
    again = import_file(store, write_csv(tmp_path / "t2.csv", "Task Name,Status,Start Date\nD,parked,2026-01-01\n"), "2026-10")
    assert again.report["unknown_status_words"] == {}  # remembered for every later import
    assert store.query("select count(*) from tasks where status_category is null").iloc[0, 0] == 0


# -- property tests ---------------------------------------------------------------------------------

HEADER = ["Task Name", "Assigned To", "Start Date", "End Date", "Status", "% Complete"]
notes = st.text(alphabet=string.ascii_letters + " :-", min_size=1, max_size=40)


@hsettings(max_examples=60, deadline=None)
@given(st.lists(st.one_of(st.builds(lambda t: [t], notes), st.builds(lambda a, b: [a, b], notes, notes),
                          st.just([]), st.builds(lambda n: [None, None] + [D(2026, 1, 1) + dt.timedelta(days=i) for i in range(n)],
                                                 st.integers(5, 40))), max_size=8))
def test_header_finder_skips_anything_above_the_header(above):
    grid = [list(r) for r in above] + [HEADER, ["Design", "Ann", D(2026, 1, 5), D(2026, 1, 9), "Done", 1]]
    assert detect_header_row(grid) == len(above)


MONTH_FORMATS = ["%b-%y", "%b '%y", "%b %Y", "%B %Y", "%Y-%m", "%m/%Y", "%b%Y", "%Y-%m-%d"]


@hsettings(max_examples=200, deadline=None)
# two-digit years follow the one rule of dates (date_text.full_year, POSIX): 00-68 are 2000-2068
@given(st.integers(2000, 2068), st.integers(1, 12), st.sampled_from(MONTH_FORMATS), st.booleans())
def test_month_header_parser_reads_every_common_form(year, month, form, upper):
    text = dt.date(year, month, 1).strftime(form)
    assert normalize.month_of_header(text.upper() if upper else text) == TS(year, month, 1)


@given(st.text(alphabet=string.ascii_letters + " ", max_size=12).filter(lambda t: not re.search(r"\d", t)))
def test_month_header_parser_needs_a_year(text):
    assert normalize.month_of_header(text) is None


# -- every fixture: no Python error text, no internal column name -----------------------------------

INTERNAL = re.compile(r"Traceback|Error\b|KeyError|TypeError|\b(?:project_id|task_id|risk_id|resource_name|status_category|"
                      r"planned_hours|parent_task_id)\b|\('[a-z_]+'\)")


def messages(result) -> list[str]:
    report = result.report
    return (report["warnings"] + report["notes"] + [r["reason"] for r in report["rejected_rows"]]
            + [e["why"] for e in report["template_rows"]])


def broken_files(tmp):
    yield write_csv(tmp / "weird.csv", "a,b,c\n1,2,3\n")
    yield write_xlsx(tmp / "empty register.xlsx", {"Risks": [["ID", "Description", "Probability", "Impact", "Status"], [1], [2]]})
    yield write_csv(tmp / "only_key.csv", "Issue key,Summary\n,\n")


def test_no_message_shows_a_python_error_or_an_internal_name(store, tmp_path):
    files = [make(tmp_path) for make in LAYOUTS.values()] + list(broken_files(tmp_path))
    files += sorted((SAMPLE_DATA / "trackers").iterdir())
    seen = 0
    for path in files:
        try:
            texts = messages(import_file(store, path, "2026-10"))
        except ImportFailed as error:
            texts = [str(error)]
        seen += 1
        for text in texts:
            assert not INTERNAL.search(text), (path.name, text)
    assert seen == len(LAYOUTS) + 3 + 10


def test_docs_list_every_adapter_layout_and_real_file():
    from pmo_data import sources
    from tests.conftest import ROOT

    doc = (ROOT / "docs" / "sources.md").read_text(encoding="utf-8")
    for name in sources.adapters():
        assert f"(`{name}`)" in doc, name
    for name in ("jira_ala_taxonomy_register.csv", "smartsheet_kiem_thu_co_ban.xlsx", "risk_register_team_awesome.xlsx",
                 "project_schedule_mongodb_backup.xlsx", "planner_planning.xlsx", "raid_log.xlsx"):
        assert f"`{name}`" in doc, name
    table = doc[doc.index("rebuilt as fixtures"):doc.index("### More layouts")]
    assert table.count("\n| ") - 1 == len(LAYOUTS)  # one row per fixture layout (after the header row)
    from tests import test_more_layouts

    more = doc[doc.index("### More layouts"):doc.index("## Shared rules")]
    tests = [f for name, f in vars(test_more_layouts).items() if name.startswith("test_")]
    read_right = [f for f in tests if not any(m.name == "xfail" for m in getattr(f, "pytestmark", []))]
    assert more.count("\n| ") - 1 == len(read_right)


def test_the_status_column_is_found_by_its_values_when_its_header_is_unknown(store, tmp_path):
    """Where a language's header words are missing, the values still say which column is the status."""
    path = write_xlsx(tmp_path / "cronograma.xlsx", {"Plano": [
        ["Tarefa", "Situação da entrega", "Start Date", "End Date"],
        ["Levantamento", "Concluído", D(2026, 1, 5), D(2026, 1, 20)],
        ["Desenho", "Em andamento", D(2026, 1, 21), D(2026, 2, 10)],
        ["Testes", "A fazer", D(2026, 2, 11), D(2026, 3, 1)]]})
    import_file(store, path, "2026-10")
    assert rows_of(store.query("select name, status_category from tasks order by start_date")) == [
        ["Levantamento", "done"], ["Desenho", "in_progress"], ["Testes", "todo"]]


def test_a_task_number_repeated_over_its_subtasks_is_not_their_key(store, tmp_path):
    """devopsahfl/myworklist 'Project Status.xlsx': Task No repeats on each subtask row; every subtask
    is an entry, identified by its row number (the same entry written twice would still be one)."""
    path = write_xlsx(tmp_path / "status.xlsx", {"Sheet1": [
        ["Sr.No", "Project", "Task No", "Task Name", "Start Date", "End Date", "Status"],
        [1, "CRM", 1, "API document sharing", D(2022, 2, 7), D(2022, 2, 17), "Done"],
        [1, "CRM", 1, "User login credentials", D(2022, 2, 7), D(2022, 2, 17), "Open"],
        [1, "CRM", 2, "Create token API testing", D(2022, 2, 14), D(2022, 2, 19), "Open"]]})
    result = import_file(store, path, "2026-10")
    assert rows_of(store.query("select task_id, name from tasks order by task_id")) == [
        ["row 2", "API document sharing"], ["row 3", "User login credentials"], ["row 4", "Create token API testing"]]
    assert any("repeats its values on different entries" in note for note in result.report["notes"])


def test_a_monday_board_with_footers_and_subitems_with_their_own_due_dates(store, tmp_path):
    """nworbdier/orderly_flow 'Q4_2025.xlsx': a group's summary row under its items (blank Name, only
    the group's date range), subitem header rows shifted one column right with a 'Due Date' of their
    own; items and subitems load with their parents, the summary rows do not."""
    path = write_xlsx(tmp_path / "Q4_2025.xlsx", {"q4 2025": [
        ["Q4 2025"],
        ["Identical Draw"],
        ["Name", "Subitems", "Person", "Status", "Date"],
        ["Logo package", None, "Paul", "Done", D(2024, 10, 10)],
        ["Website", None, "Reid", None, None],
        [None, None, None, None, "2024-10-10"],
        [],
        ["Liberty"],
        ["Name", "Subitems", "Person", "Status", "Date"],
        ["October emails", "Sale,Colors", "Riley", "Working on it", None],
        ["Subitems", "Name", "Owner", "Due Date", "Status"],
        [None, "Sale", "Paul", D(2025, 10, 8), "Done"],
        [None, "Colors", "Paul", D(2025, 10, 14), None],
        [None, None, None, None, None, None],
        [None, None, None, None, "2025-10-08 - 2025-10-14"]]})
    import_file(store, path, "2026-10", project="PRJ-1")
    rows = store.query("select name, parent_task_id is not null as child, status_category, "
                       "coalesce(strftime(finish_date, '%Y-%m-%d'), '-') from tasks order by name").values.tolist()
    assert rows == [["Colors", True, "todo", "2025-10-14"], ["Logo package", False, "done", "2024-10-10"],
                    ["October emails", False, "in_progress", "-"], ["Sale", True, "done", "2025-10-08"],
                    ["Website", False, "todo", "-"]]


def test_azure_devops_projects_from_the_team_project_column(store, tmp_path):
    """professor-1101/PowerbiDashboard 'Untitled query (1).csv': a bug query over ten team projects,
    with the Team Project field and no Area Path; each work item belongs to its team project."""
    path = write_csv(tmp_path / "Untitled query (1).csv",
                     "Work Item Type,ID,Title,State,Assigned To,Team Project,Iteration Path\n"
                     "Bug,101,Login fails,Active,Ann <ann@x.org>,SAJAK,SAJAK\\Sprint 3\n"
                     "Bug,102,Report slow,Done,Bo <bo@x.org>,Post Bank,Post Bank\n"
                     "Bug,103,Typo,New,,SAJAK,\n")
    import_file(store, path, "2026-10")
    assert rows_of(store.query("select task_id, project_id, status_category from tasks order by task_id")) == [
        ["101", "SAJAK", "in_progress"], ["102", "Post Bank", "done"], ["103", "SAJAK", "todo"]]


def test_a_list_of_projects_with_a_status_each_is_a_register_not_a_task_list(store, tmp_path):
    """devopsahfl/myworklist 'Project list as on 09-Feb-22.xlsx': Sr.No, Area, Project, Description,
    planned dates, Owner, Status; every row is another project, so it is a status list (the
    projects), not a schedule whose tasks each belong to a project of their own."""
    path = write_xlsx(tmp_path / "Project list.xlsx", {"PR": [
        ["Sr.No", "Area", "Project", "Description", "P Start Date", "P End Date", "Owner", "Status"],
        *[[n, "AMS", f"Project {n}", f"Work {n}", D(2021, n, 1), D(2021, n, 20), "Ravi", status]
          for n, status in enumerate(["Completed", "WIP", "On Hold", "Completed", "WIP"], start=1)]]})
    result = import_file(store, path, "2026-10")
    assert result.source == "project_register"
    assert store.scalar("select count(*) from projects") == 5 and store.scalar("select count(*) from tasks") == 0

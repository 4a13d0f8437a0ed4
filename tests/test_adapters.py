"""Every tracker format: a fixture file built here in the real layout, with the traps of real
exports, imported with no --source; the canonical rows are checked value by value."""

from __future__ import annotations

import datetime as dt
import json

import openpyxl
import pandas as pd
import pytest

from pmo_data.importer import ImportFailed, import_file
from tests.files import write_csv, write_xlsx

D = dt.date
TS = pd.Timestamp


def tasks_of(store, columns: str = "task_id, parent_task_id, name, status_category, is_summary, is_milestone") -> list[list]:
    frame = store.query(f"select {columns} from tasks order by task_id")
    return frame.astype(object).where(frame.notna(), None).values.tolist()


# -- Jira ------------------------------------------------------------------------------

JIRA_HEADER = ("Summary,Issue key,Issue id,Issue Type,Status,Status Category,Project key,Project name,Assignee,"
               "Created,Due date,Original estimate,Remaining Estimate,Time Spent,Σ Original Estimate,Sprint,Sprint,"
               "Labels,Labels,Watchers,Watchers,Parent,Parent summary,Custom field (Epic Link),Custom field (Story Points)")
JIRA_ROWS = [
    'Checkout epic,SHOP-1,10001,Epic,In Progress,In Progress,SHOP,Webshop,Ann Lee,02/Jan/26 9:00 AM,30/Jun/26,,,,'
    '288000,,,,,ann,,,,,',
    '"Pay by card, 3DS",SHOP-2,10002,Story,Done,Done,SHOP,Webshop,Bo Chen,05/Jan/26 10:17 PM,25/Feb/26,'
    '28800,0,36000,,Sprint 1,Sprint 2,payments,ui,ann,bo,10001,Checkout epic,,5',
    'Refunds,SHOP-3,10003,Story,In Review,In Progress,SHOP,Webshop,,06/Jan/26 8:00 AM,15/Mar/26,'
    '57600,14400,43200,,Sprint 2,,payments,,,,,,SHOP-1,3',
    'Go-live,SHOP-4,10004,Milestone,To Do,To Do,SHOP,Webshop,Ann Lee,07/Jan/26 8:00 AM,30/Jun/26,,,,,,,,,,,,,,',
]


def test_jira_all_fields_export(store, tmp_path):
    path = write_csv(tmp_path / "Jira.csv", JIRA_HEADER + "\n" + "\n".join(JIRA_ROWS) + "\n", "utf-8-sig")
    result = import_file(store, path, "2026-02")
    assert (result.source, result.rows_loaded) == ("jira", {"tasks": 4, "projects": 1})
    assert tasks_of(store) == [
        ["SHOP-1", None, "Checkout epic", "in_progress", True, False],
        ["SHOP-2", "SHOP-1", "Pay by card, 3DS", "done", False, False],   # Cloud "Parent" is the numeric id
        ["SHOP-3", "SHOP-1", "Refunds", "in_progress", False, False],     # older exports: the Epic Link key
        ["SHOP-4", None, "Go-live", "todo", False, True],
    ]
    shop2 = store.query("select * from tasks where task_id = 'SHOP-2'").iloc[0]
    assert (shop2.estimate_hours, shop2.remaining_hours, shop2.actual_hours) == (8.0, 0.0, 10.0)  # seconds → hours
    assert shop2.finish_date == TS(2026, 2, 25)
    extra = json.loads(shop2.extra)
    assert (extra["Sprint"], extra["Labels"], extra["Watchers"]) == ("Sprint 1; Sprint 2", "payments; ui", "ann; bo")
    assert extra["Custom field (Story Points)"] == "5"
    epic = json.loads(store.scalar("select extra from tasks where task_id = 'SHOP-1'"))
    assert epic["Σ Original Estimate"] == "288000"  # a roll-up: kept, never added to the estimates
    assert store.scalar("select sum(estimate_hours) from tasks") == 24.0
    assert store.query("select project_id, project_name from projects").values.tolist() == [["SHOP", "Webshop"]]


def test_jira_export_of_exactly_1000_issues_is_flagged(store, tmp_path):
    rows = [f"Task {n},SHOP-{n},{20000 + n},Task,To Do,To Do,SHOP,Webshop" for n in range(1, 1001)]
    path = write_csv(tmp_path / "Jira.csv", "Summary,Issue key,Issue id,Issue Type,Status,Status Category,Project key,"
                     "Project name\n" + "\n".join(rows) + "\n")
    result = import_file(store, path, "2026-02")
    assert result.rows_loaded["tasks"] == 1000
    assert any("Jira's CSV export stops at 1000" in w for w in result.report["warnings"])


# -- Microsoft Project ---------------------------------------------------------------------

def test_ms_project_excel_export(store, tmp_path):
    path = write_xlsx(tmp_path / "Plan.xlsx", {"Task_Table1": [
        ["ID", "Unique_ID", "Name", "Duration", "Start_Date", "Finish_Date", "Baseline_Finish", "Percent_Complete",
         "Work", "Outline_Level", "Summary", "Milestone", "Resource_Names"],
        [0, 0, "ERP Upgrade", "120 days", "January 5, 2026 8:00 AM", "June 19, 2026 5:00 PM", "June 5, 2026 5:00 PM",
         "35%", "960 hrs", 0, "Yes", "No", None],
        [1, 11, "Design", "20 days", "January 5, 2026 8:00 AM", "January 30, 2026 5:00 PM", "January 30, 2026 5:00 PM",
         "100%", "160 hrs", 1, "Yes", "No", None],
        [2, 12, "Blueprint", "2 wks", "January 5, 2026 8:00 AM", "January 16, 2026 5:00 PM", "NA", "100%", "80 hrs", 2,
         "No", "No", "Ann Lee"],
        [3, 13, "Sign-off", "0 days", "January 30, 2026 5:00 PM", "January 30, 2026 5:00 PM", "January 30, 2026 5:00 PM",
         "100%", "0 hrs", 2, "No", "Yes", None],
        [4, 14, "Build", "1 day?", "February 2, 2026 8:00 AM", "February 2, 2026 5:00 PM", "NA", "45%", "40 hrs", 1,
         "No", "No", "Bo Chen;Ann Lee"],
    ]})
    result = import_file(store, path, "2026-02")
    assert (result.source, result.rows_loaded) == ("ms_project", {"tasks": 5, "projects": 1})
    assert tasks_of(store) == [
        ["0", None, "ERP Upgrade", "in_progress", True, False],
        ["11", "0", "Design", "done", True, False],
        ["12", "11", "Blueprint", "done", False, False],
        ["13", "11", "Sign-off", "done", False, True],
        ["14", "0", "Build", "in_progress", False, False],
    ]
    build = store.query("select * from tasks where task_id = '14'").iloc[0]
    assert (build.project_id, build.start_date, build.percent_complete, build.estimate_hours) == (
        "ERP Upgrade", TS(2026, 2, 2), 45.0, 40.0)
    assert pd.isna(store.scalar("select baseline_finish from tasks where task_id = '12'"))  # "NA": no baseline
    assert store.scalar("select sum(estimate_hours) from tasks where not is_summary") == 120.0  # roll-ups not added


# -- Planner ----------------------------------------------------------------------------------

def test_planner_export(store, tmp_path):
    header = ["Task ID", "Task Name", "Bucket Name", "Progress", "Priority", "Assigned To", "Created By", "Created Date",
              "Start Date", "Due Date", "Late", "Completed Date", "Completed By", "Description", "Labels"]
    path = write_xlsx(tmp_path / "Website.xlsx", {"Tasks": [
        ["Plan name", "Website relaunch"], ["Plan ID", "xY12"], ["Date of export", "10/14/2026"], [],
        header,
        ["a1", "Wireframes", "Design", "Completed", "Medium", "Ann Lee;Bo Chen", "Ann Lee", "09/01/2026", "09/01/2026",
         "09/15/2026", "false", "09/14/2026", "Bo Chen", "", "Blue;Green"],
        ["a2", "Copy", "Content", "In progress", "Important", "Cy Diaz", "Ann Lee", "09/02/2026", "", "10/30/2026",
         "false", "", "", "", ""],
        ["a3", "Launch", "Release", "Not started", "Urgent", "", "Ann Lee", "09/02/2026", "", "11/20/2026", "false", "", "",
         "", ""],
    ]})
    result = import_file(store, path)  # the period comes from the export date
    assert (result.source, result.period, result.rows_loaded) == ("planner", D(2026, 10, 1), {"tasks": 3, "projects": 1})
    assert store.scalar("select as_of from imports") == D(2026, 10, 14)
    rows = tasks_of(store, "task_id, name, status_category, assignee, finish_date, percent_complete, project_id")
    assert rows == [
        ["a1", "Wireframes", "done", "Ann Lee; Bo Chen", TS(2026, 9, 15), 100.0, "Website relaunch"],
        ["a2", "Copy", "in_progress", "Cy Diaz", TS(2026, 10, 30), None, "Website relaunch"],
        ["a3", "Launch", "todo", None, TS(2026, 11, 20), None, "Website relaunch"],
    ]
    assert json.loads(store.scalar("select extra from tasks where task_id = 'a1'"))["Labels"] == "Blue;Green"


@pytest.mark.real_exports
def test_real_planner_export_loads_every_task(store, real_export):
    result = import_file(store, real_export("planner_planning.xlsx"))
    assert (result.source, result.period, result.rows_loaded["tasks"], result.rows_rejected) == ("planner", D(2021, 5, 1), 632, 0)
    assert store.query("select project_id from projects")["project_id"].tolist() == ["Innovation Planning"]
    assert store.scalar("select count(*) from tasks where assignee like '%; %'") > 0


# -- Smartsheet --------------------------------------------------------------------------------

def test_smartsheet_export_with_outline_hierarchy(store, tmp_path):
    path = write_xlsx(tmp_path / "CRM Rollout.xlsx", {"CRM Rollout": [
        ["Task Name", "Start Date", "End Date", "Duration", "Predecessors", "% Complete", "Assigned To", "Status", "At Risk", "RAG"],
        ["Phase 1", "01/05/26", "02/13/26", "30d", None, 0.6, None, "In Progress", False, "Yellow"],
        ["Requirements", "01/05/26", "01/16/26", "2w", None, 1, "ann@example.com", "Complete", False, "Green"],
        ["Configure", "01/19/26", "02/13/26", "20d", "2", 0.3, "bo@example.com", "In Progress", True, "Red"],
        ["Phase 1 done", "02/13/26", "02/13/26", "0", "3", 0, None, "Not Started", False, None],
    ]})
    book = openpyxl.load_workbook(path)
    for row in (3, 4, 5):
        book["CRM Rollout"].row_dimensions[row].outline_level = 1
    book.save(path)
    result = import_file(store, path, "2026-01")
    assert (result.source, result.rows_loaded) == ("smartsheet", {"tasks": 4, "projects": 1})
    assert tasks_of(store) == [
        ["R2", None, "Phase 1", "in_progress", True, False],
        ["R3", "R2", "Requirements", "done", False, False],
        ["R4", "R2", "Configure", "in_progress", False, False],
        ["R5", "R2", "Phase 1 done", "todo", False, True],
    ]
    values = tasks_of(store, "task_id, percent_complete, estimate_hours, finish_date")
    assert values[1] == ["R3", 100.0, 80.0, TS(2026, 1, 16)] and values[2][:3] == ["R4", 30.0, 160.0]
    assert json.loads(store.scalar("select extra from tasks where task_id = 'R4'"))["RAG"] == "Red"


# -- Asana -------------------------------------------------------------------------------------

ASANA_HEADER = ("Task ID,Created At,Completed At,Last Modified,Name,Section/Column,Assignee,Assignee Email,Start Date,"
                "Due Date,Tags,Notes,Projects,Parent task,Blocked By (Dependencies),Blocking (Dependencies),Priority")


def test_asana_export_resolves_parents_by_name(store, tmp_path):
    rows = [
        "1201,2026-01-05,,2026-01-20,Launch campaign,Doing,Ann Lee,ann@x.com,2026-01-05,2026-03-01,,,Marketing Q1,,,,High",
        "1202,2026-01-05,2026-01-19,2026-01-19,Write brief,Done,Bo Chen,bo@x.com,,2026-01-16,,,Marketing Q1,Launch campaign,,,",
        "1203,2026-01-06,,2026-01-20,Book ads,To do,,,,2026-02-10,paid,,Marketing Q1,Launch campaign,1202,,",
    ]
    result = import_file(store, write_csv(tmp_path / "asana.csv", ASANA_HEADER + "\n" + "\n".join(rows) + "\n"), "2026-01")
    assert (result.source, result.rows_loaded) == ("asana", {"tasks": 3, "projects": 1})
    assert tasks_of(store) == [
        ["1201", None, "Launch campaign", "todo", True, False],
        ["1202", "1201", "Write brief", "done", False, False],
        ["1203", "1201", "Book ads", "todo", False, False],
    ]
    assert store.scalar("select distinct project_id from tasks") == "Marketing Q1"


def test_asana_export_after_an_excel_round_trip(store, tmp_path):
    header = ASANA_HEADER.replace(",", ";")
    rows = ["1,20E+15;05/01/2026;;20/01/2026;Launch;Doing;Ann Lee;;;01/03/2026;;;Mkt;;;;",
            "1,20E+15;06/01/2026;19/01/2026;19/01/2026;Brief;Done;Bo Chen;;;16/01/2026;;;Mkt;Launch;;;"]
    result = import_file(store, write_csv(tmp_path / "asana.csv", header + "\n" + "\n".join(rows) + "\n", "cp1252"), "2026-01")
    assert result.source == "asana"
    assert any("scientific notation" in w for w in result.report["warnings"])
    assert store.query("select name, finish_date from tasks order by name").values.tolist() == [
        ["Brief", TS(2026, 1, 16)], ["Launch", TS(2026, 3, 1)]]  # day-first, decided from 16/01 and 19/01


# -- monday.com --------------------------------------------------------------------------------

def test_monday_board_with_groups_and_subitems(store, tmp_path):
    path = write_xlsx(tmp_path / "board.xlsx", {"Product Launch": [
        ["Product Launch"],
        [],
        ["This week"],
        ["Name", "Person", "Status", "Date", "Timeline", "Priority"],
        ["Landing page", "Ann Lee", "Working on it", D(2026, 3, 10), "2026-03-01 - 2026-03-10", "High"],
        ["Subitems", "Name", "Owner", "Status", "Date"],
        [None, "Hero copy", "Bo Chen", "Done", D(2026, 3, 4)],
        [None, "Images", "Ann Lee", "Stuck", D(2026, 3, 6)],
        ["Press kit", "Cy Diaz", "Done", D(2026, 3, 2), None, "Low"],
        [],
        ["Next week"],
        ["Name", "Person", "Status", "Date", "Timeline", "Priority"],
        ["Launch event", "Ann Lee", None, D(2026, 3, 20), None, "High"],
    ]})
    result = import_file(store, path, "2026-03")
    assert (result.source, result.rows_loaded) == ("monday", {"tasks": 5, "projects": 1})
    rows = tasks_of(store, "task_id, parent_task_id, name, status_category, is_summary, finish_date, start_date")
    assert rows == [
        ["13", None, "Launch event", "todo", False, TS(2026, 3, 20), None],  # a blank status is to do (reported)
        ["5", None, "Landing page", "in_progress", True, TS(2026, 3, 10), TS(2026, 3, 1)],
        ["7", "5", "Hero copy", "done", False, TS(2026, 3, 4), None],
        ["8", "5", "Images", "in_progress", False, TS(2026, 3, 6), None],
        ["9", None, "Press kit", "done", False, TS(2026, 3, 2), None],
    ]
    assert json.loads(store.scalar("select extra from tasks where name = 'Launch event'")) == {"Priority": "High", "Group": "Next week"}
    assert store.scalar("select project_name from projects") == "Product Launch"


# -- Azure DevOps ------------------------------------------------------------------------------

def test_azure_devops_tree_query_export(store, tmp_path):
    text = ("ID,Work Item Type,Title 1,Title 2,Title 3,State,Assigned To,Area Path,Iteration Path,Tags,Original Estimate,"
            "Remaining Work,Completed Work,Target Date\n"
            "100,Epic,Payments,,,Active,Ann Lee <ann@corp.com>,Shop\\Payments,Shop\\Sprint 5,,,,,8/28/2026\n"
            "101,User Story,,Card payments,,Resolved,Bo Chen <bo@corp.com>,Shop\\Payments,Shop\\Sprint 5,pci; ui,,,,8/14/2026\n"
            "102,Task,,,Integrate PSP,Closed,Bo Chen <bo@corp.com>,Shop\\Payments,Shop\\Sprint 5,,16,0,18,\n"
            "103,Task,,,Fraud rules,New,,Shop\\Payments,Shop\\Sprint 6,,8,8,0,\n")
    result = import_file(store, write_csv(tmp_path / "query.csv", text, "utf-8-sig"), "2026-08")
    assert (result.source, result.rows_loaded) == ("azure_devops", {"tasks": 4, "projects": 1})
    assert tasks_of(store) == [
        ["100", None, "Payments", "in_progress", True, False],
        ["101", "100", "Card payments", "in_progress", True, False],
        ["102", "101", "Integrate PSP", "done", False, False],
        ["103", "101", "Fraud rules", "todo", False, False],
    ]
    assert tasks_of(store, "task_id, assignee, estimate_hours, actual_hours, finish_date, project_id")[:3] == [
        ["100", "Ann Lee", None, None, TS(2026, 8, 28), "Shop"],
        ["101", "Bo Chen", None, None, TS(2026, 8, 14), "Shop"],
        ["102", "Bo Chen", 16.0, 18.0, None, "Shop"],
    ]


# -- OpenProject ---------------------------------------------------------------------------

def test_openproject_german_export(store, tmp_path):
    text = ("id;Typ;Thema;Status;Zugewiesen an;Startdatum;Endtermin;Geschätzter Aufwand;Übergeordnetes Arbeitspaket;Projekt\n"
            "7;Phase;Umsetzung;In Bearbeitung;Jörg Müller;01.09.2026;30.11.2026;;;Intranet\n"
            "8;Aufgabe;Vorlagen erstellen;Geschlossen;Anna Groß;01.09.2026;15.09.2026;12h;#7 Umsetzung;Intranet\n"
            "9;Meilenstein;Go-live;Neu;;30.11.2026;30.11.2026;;#7 Umsetzung;Intranet\n")
    result = import_file(store, write_csv(tmp_path / "arbeitspakete.csv", text, "cp1252"), "2026-09")
    assert (result.source, result.rows_loaded) == ("openproject", {"tasks": 3, "projects": 1})
    assert tasks_of(store) == [
        ["7", None, "Umsetzung", "in_progress", True, False],
        ["8", "7", "Vorlagen erstellen", "done", False, False],
        ["9", "7", "Go-live", "todo", False, True],
    ]
    row = store.query("select assignee, estimate_hours, finish_date, project_id from tasks where task_id = '8'").iloc[0]
    assert row.tolist() == ["Anna Groß", 12.0, TS(2026, 9, 15), "Intranet"]


# -- RAID log ------------------------------------------------------------------------------

def test_raid_log_workbook(store, tmp_path):
    header = ["ID", "Author", "Date Identified", "Description", "Category", "Probability", "Impact", "Exposure",
              "RAG Status", "Status", "Owner", "Mitigation"]
    path = write_xlsx(tmp_path / "raid.xlsx", {
        "Risk Register": [[], ["Risk Register"], [], header,
                          [1, "Ann", D(2026, 9, 1), "Vendor late", "Supplier", "Very High", "High", 20, "Red", "Open", "Ann", "Weekly calls"],
                          [2, "Bo", D(2026, 9, 3), "Key person leaves", "People", "25%", "M", 6, "Amber", None, "Bo", None],
                          [3, None, None, None, None, None, None, None, None, None, None, None],
                          [4, None, None, None, None, None, None, None, None, None, None, None]],
        "Issue Register": [["Issue Register"], [], header,
                           ["I-1", "Cy", D(2026, 8, 20), "Test env down", "Technical", 5, 4, None, "Red", "Closed", "Cy", "Rebuilt"]],
        "Definition": [["Very Low", 1], ["Very High", 5]],
    })
    result = import_file(store, path, "2026-09", project="CRM")
    assert (result.source, result.rows_loaded) == ("raid_log", {"risks": 3})
    assert result.report["rejected_rows"] == []  # template rows are counted apart, not as rejected entries
    assert result.report["template_rows"] == [{"sheet": "Risk Register", "rows": 2, "why": "only an ID, nothing else"}]
    assert result.report["warnings"][0] == "sheets not loaded (RAID log / risk register does not use them): Definition"
    # no register names CRM in September yet: said, not silent (issue 25)
    assert result.report["warnings"][1].startswith("a project not in September 2026's projects: CRM (3 RAID entries)")
    assert "Risk Register: Probability read as percentages, banded to 1–5; words (Very Low 1 … Very High 5)" in result.report["notes"]
    rows = store.query("select risk_id, kind, title, probability, impact, score, status, project_id from risks order by 1")
    assert rows.values.tolist() == [
        ["1", "risk", "Vendor late", 5, 4, 20, "open", "CRM"],
        ["2", "risk", "Key person leaves", 2, 3, 6, "open", "CRM"],
        ["I-1", "issue", "Test env down", 5, 4, 20, "closed", "CRM"],
    ]
    assert json.loads(store.scalar("select extra from risks where risk_id = '1'"))["Exposure"] == 20


@pytest.mark.real_exports
def test_real_raid_log_template_has_no_risks_yet(store, real_export):
    with pytest.raises(ImportFailed, match=r"holds no entries to load; 20 template row\(s\) on 'Risk Register' \(only an ID"):
        import_file(store, real_export("raid_log.xlsx"), "2026-10")


# -- Resource plan -------------------------------------------------------------------------

def test_resource_plan_in_days_with_total_row(store, tmp_path):
    path = write_xlsx(tmp_path / "plan.xlsx", {"FY27 plan (days)": [
        ["Resource plan FY27 — person-days"],
        ["Working days", None, None, 21, 22],
        ["Name", "Role", "Project", "Sep-26", "Oct-26"],
        ["Ann Lee", "PM", "CRM", 10, 12.5],
        ["Bo Chen", "Developer", "CRM", 20, None],
        ["Bo Chen", "Developer", "ERP", None, 18],
        ["Total", None, None, 30, 30.5],
    ]})
    result = import_file(store, path, "2026-09")
    assert (result.source, result.rows_loaded) == ("resource_plan", {"allocations": 4, "resources": 2})
    assert [(r["row"], r["reason"]) for r in result.report["rejected_rows"]] == [(7, "total row")]
    rows = store.query("select resource_name, project_id, month, planned_hours from allocations order by all")
    assert rows.values.tolist() == [
        ["Ann Lee", "CRM", TS(2026, 9, 1), 80.0], ["Ann Lee", "CRM", TS(2026, 10, 1), 100.0],
        ["Bo Chen", "CRM", TS(2026, 9, 1), 160.0], ["Bo Chen", "ERP", TS(2026, 10, 1), 144.0],
    ]
    assert store.query("select resource_name, role from resources order by 1").values.tolist() == [
        ["Ann Lee", "PM"], ["Bo Chen", "Developer"]]


# -- Column mappings ---------------------------------------------------------------------------

def test_unknown_layout_imports_after_one_mapping_and_next_month_without(store, tmp_path):
    october = write_csv(tmp_path / "finance.csv", "Proj No;Title;Budget €;Spent\nF-1;Data centre exit;250.000,00;90.000\n")
    with pytest.raises(ImportFailed, match="layout not recognised"):
        import_file(store, october, "2026-10")
    mapping_file = tmp_path / "finance.toml"
    mapping_file.write_text('name = "Finance list"\ntable = "projects"\n[columns]\nproject_id = "Proj No"\n'
                            'project_name = "Title"\nbudget = "Budget €"\nactual_cost = "Spent"\n', encoding="utf-8")
    from pmo_data.mapping import load_toml

    result = import_file(store, october, "2026-10", mapping=load_toml(mapping_file))
    assert (result.source, result.rows_loaded) == ("mapped: Finance list", {"projects": 1})
    november = write_csv(tmp_path / "finance-nov.csv", "Title;Proj No;Spent;Budget €\nData centre exit;F-1;120.000;250.000,00\n")
    result = import_file(store, november, "2026-11")  # same headers, other order: no questions asked
    assert result.source == "mapped: Finance list"
    assert store.query("select period, budget, actual_cost from projects order by period").values.tolist() == [
        [TS(2026, 10, 1), 250000.0, 90000.0], [TS(2026, 11, 1), 250000.0, 120000.0]]


def test_a_mapping_naming_a_missing_column_is_a_clear_error(store, tmp_path):
    from pmo_data.mapping import ColumnMapping

    path = write_csv(tmp_path / "x.csv", "A,B\n1,2\n")
    with pytest.raises(ImportFailed, match=r"x.csv: mapping 'm': the file has no column 'Proj No'"):
        import_file(store, path, "2026-10", mapping=ColumnMapping("m", "projects", {"project_id": "Proj No"}))


def test_a_mapping_picks_the_header_row_a_blank_header_column_and_a_project_for_every_row(store, tmp_path):
    """A finance sheet under a title and a legend row, its ID column with no header: the mapping
    names the header row, the ID column by its letter and one project for the whole file."""
    from pmo_data.mapping import ColumnMapping, saved_mapping_for

    rows = [["Capital projects: risks to watch"], ["Legend", "H = high", "L = low"], [None, "What", "Who", "Chance", "Effect"],
            ["R-7", "Vendor late", "Ann", "H", "H"], ["R-8", "Scope creep", "Bo", "L", "M"]]
    path = write_xlsx(tmp_path / "watch list.xlsx", {"Watch": rows})
    mapping = ColumnMapping("Watch list", "risks", {"risk_id": "column A", "title": "What", "owner": "Who",
                                                    "probability": "Chance", "impact": "Effect"},
                            header_row=3, constants={"project_id": "PRJ-040"})
    result = import_file(store, path, "2026-10", mapping=mapping)
    assert result.rows_loaded == {"risks": 2}
    assert store.query("select project_id, risk_id, kind, title, owner, probability, impact from risks order by risk_id"
                       ).values.tolist() == [["PRJ-040", "R-7", "risk", "Vendor late", "Ann", 4, 4],
                                             ["PRJ-040", "R-8", "risk", "Scope creep", "Bo", 2, 3]]
    from pmo_data.readers import read_workbook

    found = saved_mapping_for(store, read_workbook(path))  # next month's file: offered again, header row and all
    assert (found.header_row, found.constants, found.columns["risk_id"]) == (3, {"project_id": "PRJ-040"}, "column A")


def test_a_mapping_turns_months_across_the_columns_into_rows(store, tmp_path):
    """A plan with one column per month ('Jan 2027', '2027-02', a real date cell): one allocation
    per person and month with hours; empty and zero months give no row; a Total row is not loaded."""
    from pmo_data.mapping import ColumnMapping

    rows = [["Person", "Jan 2027", "2027-02", dt.datetime(2027, 3, 1)], ["Ann Lee", 80, None, 40], ["Bo Chen", 0, 16, 8],
            ["Total", 80, 16, 48]]
    path = write_xlsx(tmp_path / "plan.xlsx", {"Plan": rows})
    mapping = ColumnMapping("Plan", "allocations", {"resource_name": "Person"}, constants={"project_id": "PRJ-002"},
                            months_across=True)
    result = import_file(store, path, "2026-10", mapping=mapping)
    assert result.rows_loaded == {"allocations": 4} and result.rows_rejected == 1
    assert store.query("select resource_name, project_id, month, planned_hours from allocations order by 1, 3").values.tolist() == [
        ["Ann Lee", "PRJ-002", TS(2027, 1, 1), 80.0], ["Ann Lee", "PRJ-002", TS(2027, 3, 1), 40.0],
        ["Bo Chen", "PRJ-002", TS(2027, 2, 1), 16.0], ["Bo Chen", "PRJ-002", TS(2027, 3, 1), 8.0]]


def test_a_mapping_file_states_months_across_and_constants_and_refuses_unknown_keys(tmp_path):
    from pmo_data.mapping import MappingError, load_toml

    good = tmp_path / "costs.toml"
    good.write_text('name = "Costs"\ntable = "costs"\nheader_row = 2\nmonths_across = true\n[columns]\nproject_id = "Proj"\n'
                    '[constants]\ncost_type = "forecast"\n', encoding="utf-8")
    mapping = load_toml(good)
    assert (mapping.header_row, mapping.months_across, mapping.constants) == (2, True, {"cost_type": "forecast"})
    bad = tmp_path / "bad.toml"
    bad.write_text('name = "Costs"\ntable = "projects"\nheaders_row = 2\n[columns]\nproject_id = "Proj"\n', encoding="utf-8")
    with pytest.raises(MappingError, match="unknown key headers_row"):
        load_toml(bad)
    wide = tmp_path / "wide.toml"
    wide.write_text('name = "W"\ntable = "projects"\nmonths_across = true\n[columns]\nproject_id = "Proj"\n', encoding="utf-8")
    with pytest.raises(MappingError, match="months across the columns fit only allocations or costs"):
        load_toml(wide)


def test_costs_kept_in_rows_load_by_type_and_month(store, tmp_path):
    """A cost ledger: each money column is a cost of its header's type; a running total is not a
    month's cost; a row with no amount gives no cost."""
    path = write_csv(tmp_path / "ledger.csv", "Project,Period,Actual Cost,Forecast,Budget,Spend to date\n"
                     "PRJ-1,2026-09,1000,1200,1500,1000\nPRJ-1,2026-10,,1300,1500,1000\n")
    result = import_file(store, path, "2026-10")
    assert result.source == "cost_rows"
    assert store.query("select project_id, strftime(month, '%Y-%m'), cost_type, amount from costs order by 2, 3").values.tolist() == [
        ["PRJ-1", "2026-09", "actual", 1000.0], ["PRJ-1", "2026-09", "budget", 1500.0],
        ["PRJ-1", "2026-09", "forecast", 1200.0], ["PRJ-1", "2026-10", "budget", 1500.0],
        ["PRJ-1", "2026-10", "forecast", 1300.0]]
    assert store.scalar("select count(*) from allocations") == 0

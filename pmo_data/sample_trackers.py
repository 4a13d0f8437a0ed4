"""Sample exports of every tracker format, written from the demo portfolio's October 2026 data
(the same projects, tasks, people and dates) in each tool's real layout, into
`sample_data/trackers/`. They are examples to try, not part of the demo load: each names its
project as its tool would, so docs/sources.md gives the `--project` to import it under.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path

import openpyxl
import pandas as pd

STATUS_WORDS = {  # status_category → each tool's words
    "jira": {"done": "Done", "in_progress": "In Progress", "todo": "To Do"},
    "planner": {"done": "Completed", "in_progress": "In progress", "todo": "Not started"},
    "smartsheet": {"done": "Complete", "in_progress": "In Progress", "todo": "Not Started"},
    "monday": {"done": "Done", "in_progress": "Working on it", "todo": None},
    "azure_devops": {"done": "Closed", "in_progress": "Active", "todo": "New"},
    "openproject": {"done": "Geschlossen", "in_progress": "In Bearbeitung", "todo": "Neu"},
}
CATEGORY = {"Done": "done", "In Progress": "in_progress", "To Do": "todo", "Not Started": "todo"}

# (format, project id in the demo register, file name)
SAMPLES = [
    ("jira", "PRJ-001", "jira_mobile_app.csv"),
    ("ms_project", "PRJ-014", "ms_project_data_platform.xlsx"),
    ("planner", "PRJ-003", "planner_chatbot.xlsx"),
    ("smartsheet", "PRJ-009", "smartsheet_procurement.xlsx"),
    ("asana", "PRJ-005", "asana_accessibility.csv"),
    ("monday", "PRJ-012", "monday_lean_office.xlsx"),
    ("azure_devops", "PRJ-016", "azure_devops_data_governance.csv"),
    ("openproject", "PRJ-021", "openproject_gdpr_retention.csv"),
    ("raid_log", "PRJ-007", "raid_log_customer_portal.xlsx"),
    ("resource_plan", None, "resource_plan_days.xlsx"),
]


def _csv(path: Path, rows: list[list], delimiter: str = ",", encoding: str = "utf-8") -> None:
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter, lineterminator="\n").writerows(rows)
    path.write_bytes(buffer.getvalue().encode(encoding))


def _xlsx(path: Path, sheets: dict[str, list[list]], outline: dict[str, dict[int, int]] | None = None) -> None:
    book = openpyxl.Workbook()
    book.remove(book.active)
    for name, rows in sheets.items():
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append(row)
        for row_number, level in (outline or {}).get(name, {}).items():
            sheet.row_dimensions[row_number].outline_level = level
    book.save(path)


def _status(task, tool: str) -> str | None:
    return STATUS_WORDS[tool][CATEGORY[task.status]]


def _date(value, fmt: str) -> str:
    return "" if pd.isna(value) else pd.Timestamp(value).strftime(fmt)


def jira(path: Path, tasks: pd.DataFrame, project: pd.Series) -> None:
    header = ["Summary", "Issue key", "Issue id", "Issue Type", "Status", "Status Category", "Project key", "Project name",
              "Assignee", "Created", "Due date", "Original estimate", "Time Spent", "Sprint", "Sprint", "Labels", "Parent"]
    rows = [header, [project.project_name, "MOB-1", 10001, "Epic", "In Progress", "In Progress", "MOB", project.project_name,
                     project.manager, "02/Mar/26 9:00 AM", _date(project.baseline_finish, "%d/%b/%y"), "", "", "", "", "app", ""]]
    for number, task in enumerate(tasks.itertuples(), start=2):
        rows.append([task.name, f"MOB-{number}", 10000 + number, "Story", _status(task, "jira"), _status(task, "jira"), "MOB",
                     project.project_name, task.assignee, "02/Mar/26 9:00 AM", _date(task.finish_date, "%d/%b/%y"),
                     int(task.estimate_hours * 3600), int(task.actual_hours * 3600), "Sprint 14" if number % 2 else "Sprint 15",
                     "Sprint 16" if task.status == "In Progress" else "", "app", 10001])
    _csv(path, rows, encoding="utf-8-sig")


def ms_project(path: Path, tasks: pd.DataFrame, project: pd.Series) -> None:
    def when(value):
        return "NA" if pd.isna(value) else pd.Timestamp(value).strftime("%B %-d, %Y 8:00 AM")

    header = ["ID", "Unique_ID", "Name", "Duration", "Start_Date", "Finish_Date", "Baseline_Finish", "Percent_Complete",
              "Work", "Outline_Level", "Summary", "Milestone", "Resource_Names"]
    rows = [header, [0, 0, project.project_name, "", when(project.baseline_start), when(project.forecast_finish),
                     when(project.baseline_finish), f"{project.percent_complete:.0f}%", "", 0, "Yes", "No", ""]]
    for number, task in enumerate(tasks.itertuples(), start=1):
        days = max((pd.Timestamp(task.finish_date) - pd.Timestamp(task.start_date)).days * 5 // 7, 1)
        rows.append([number, 100 + number, task.name, f"{days} days", when(task.start_date), when(task.finish_date),
                     when(task.baseline_finish), f"{task.percent_complete:.0f}%", f"{task.estimate_hours:.0f} hrs", 1, "No",
                     "No", task.assignee])
    _xlsx(path, {"Task_Table1": rows})


def planner(path: Path, tasks: pd.DataFrame, project: pd.Series) -> None:
    header = ["Task ID", "Task Name", "Bucket Name", "Progress", "Priority", "Assigned To", "Created By", "Created Date",
              "Start Date", "Due Date", "Late", "Completed Date", "Completed By", "Description", "Labels"]
    rows = [["Plan name", project.project_name], ["Plan ID", "pl4nX-chatbot"], ["Date of export", "10/31/2026"], [], header]
    for number, task in enumerate(tasks.itertuples(), start=1):
        done = task.status == "Done"
        rows.append([f"tsk{number:03d}", task.name, "Build" if number > 4 else "Discovery", _status(task, "planner"), "Medium",
                     f"{task.assignee};{project.manager}", project.manager, "03/02/2026", _date(task.start_date, "%m/%d/%Y"),
                     _date(task.finish_date, "%m/%d/%Y"), "false", _date(task.finish_date, "%m/%d/%Y") if done else "",
                     task.assignee if done else "", "", "Chatbot"])
    _xlsx(path, {"Tasks": rows})


def smartsheet(path: Path, tasks: pd.DataFrame, project: pd.Series) -> None:
    header = ["Task Name", "Start Date", "End Date", "Duration", "Predecessors", "% Complete", "Assigned To", "Status", "RAG"]
    rows, outline = [header], {}
    phases = [("Plan", tasks.iloc[:5]), ("Deliver", tasks.iloc[5:])]
    for phase, members in phases:
        done = members["percent_complete"].mean() / 100
        rows.append([phase, _date(members["start_date"].min(), "%m/%d/%y"), _date(members["finish_date"].max(), "%m/%d/%y"),
                     None, None, round(done, 2), None, "In Progress" if 0 < done < 1 else ("Complete" if done == 1 else "Not Started"),
                     "Green"])
        for task in members.itertuples():
            rows.append([task.name, _date(task.start_date, "%m/%d/%y"), _date(task.finish_date, "%m/%d/%y"),
                         f"{max(int(task.estimate_hours // 8), 1)}d", None, task.percent_complete / 100,
                         task.assignee, _status(task, "smartsheet"), "Green"])
            outline[len(rows)] = 1
    _xlsx(path, {project.project_id: rows}, {project.project_id: outline})


def asana(path: Path, tasks: pd.DataFrame, project: pd.Series) -> None:
    header = ["Task ID", "Created At", "Completed At", "Last Modified", "Name", "Section/Column", "Assignee", "Assignee Email",
              "Start Date", "Due Date", "Tags", "Notes", "Projects", "Parent task"]
    rows = [header, [1208000000000000, "2026-03-01", "", "2026-10-30", project.project_name, "Doing", project.manager, "",
                     _date(project.baseline_start, "%Y-%m-%d"), _date(project.baseline_finish, "%Y-%m-%d"), "", "",
                     project.project_id, ""]]
    for number, task in enumerate(tasks.itertuples(), start=1):
        done = task.status == "Done"
        rows.append([1208000000000000 + number, "2026-03-01", _date(task.finish_date, "%Y-%m-%d") if done else "", "2026-10-30",
                     task.name, "Done" if done else "Doing", task.assignee, "", _date(task.start_date, "%Y-%m-%d"),
                     _date(task.finish_date, "%Y-%m-%d"), "", "", project.project_id, project.project_name])
    _csv(path, rows)


def monday(path: Path, tasks: pd.DataFrame, project: pd.Series) -> None:
    header = ["Name", "Person", "Status", "Date", "Timeline", "Priority"]
    rows = [[project.project_name], []]
    for group, members in (("Discovery", tasks.iloc[:5]), ("Rollout", tasks.iloc[5:])):
        rows += [[group], header]
        for task in members.itertuples():
            rows.append([task.name, task.assignee, _status(task, "monday"), pd.Timestamp(task.finish_date).date(),
                         f"{_date(task.start_date, '%Y-%m-%d')} - {_date(task.finish_date, '%Y-%m-%d')}", "Medium"])
        rows.append([])
    _xlsx(path, {project.project_name[:31]: rows})


def azure_devops(path: Path, tasks: pd.DataFrame, project: pd.Series) -> None:
    header = ["ID", "Work Item Type", "Title 1", "Title 2", "State", "Assigned To", "Area Path", "Iteration Path", "Tags",
              "Original Estimate", "Completed Work", "Remaining Work", "Target Date"]
    area = f"{project.project_id}\\Governance"
    rows = [header, [5000, "Epic", project.project_name, "", "Active", f"{project.manager} <pm@example.com>", area,
                     f"{project.project_id}\\Q4", "", "", "", "", _date(project.baseline_finish, "%-m/%-d/%Y")]]
    for number, task in enumerate(tasks.itertuples(), start=1):
        rows.append([5000 + number, "Task", "", task.name, _status(task, "azure_devops"), f"{task.assignee} <staff@example.com>",
                     area, f"{project.project_id}\\Q4", "governance; data", task.estimate_hours, task.actual_hours,
                     task.remaining_hours, _date(task.finish_date, "%-m/%-d/%Y")])
    _csv(path, rows, encoding="utf-8-sig")


def openproject(path: Path, tasks: pd.DataFrame, project: pd.Series) -> None:
    header = ["id", "Typ", "Thema", "Status", "Zugewiesen an", "Startdatum", "Endtermin", "Geschätzter Aufwand",
              "Übergeordnetes Arbeitspaket", "Projekt"]
    rows = [header, [300, "Phase", project.project_name, "In Bearbeitung", project.manager, _date(project.baseline_start, "%d.%m.%Y"),
                     _date(project.baseline_finish, "%d.%m.%Y"), "", "", project.project_id]]
    for number, task in enumerate(tasks.itertuples(), start=1):
        rows.append([300 + number, "Aufgabe", task.name, _status(task, "openproject"), task.assignee,
                     _date(task.start_date, "%d.%m.%Y"), _date(task.finish_date, "%d.%m.%Y"), f"{task.estimate_hours:.0f}h",
                     f"#300 {project.project_name}", project.project_id])
    _csv(path, rows, delimiter=";", encoding="cp1252")


def raid_log(path: Path, risks: pd.DataFrame, project: pd.Series) -> None:
    header = ["ID", "Author", "Date Identified", "Description", "Category", "Probability", "Impact", "Exposure",
              "RAG Status", "Status", "Owner", "Mitigation"]
    words = {1: "Very Low", 2: "Low", 3: "Medium", 4: "High", 5: "Very High"}
    sheets = {}
    for sheet, kind in (("Risk Register", "Risk"), ("Issue Register", "Issue")):
        rows = [[], [f"{sheet} — {project.project_name}"], [], header]
        for risk in risks[risks["kind"] == kind].itertuples():
            score = risk.probability * risk.impact
            rows.append([risk.risk_id, risk.owner, pd.Timestamp(risk.raised_date).date(), risk.title, risk.category,
                         words[risk.probability], words[risk.impact], score,
                         "Red" if score >= 17 else "Amber" if score >= 10 else "Green", risk.status, risk.owner, risk.mitigation])
        rows += [[f"{kind[0]}-{n}"] for n in range(90, 93)]  # the template's empty rows: an ID and nothing else
        sheets[sheet] = rows
    sheets["Definition"] = [["Very Low", 1], ["Low", 2], ["Medium", 3], ["High", 4], ["Very High", 5]]
    _xlsx(path, sheets)


def resource_plan(path: Path, wide: pd.DataFrame, people: pd.DataFrame, months: list[dt.date]) -> None:
    roles = dict(zip(people["resource_name"], people["role"]))
    header = ["Name", "Role", "Project"] + [m.strftime("%b-%y") for m in months]
    working_days = [sum(1 for d in pd.date_range(m, m + pd.offsets.MonthEnd(0)) if d.weekday() < 5) for m in months]
    rows = [["Resource plan FY27 — planned person-days per month"], ["Working days", None, None] + working_days, header]
    for record in wide.to_dict("records"):
        rows.append([record["resource_name"], roles.get(record["resource_name"]), record["project_id"]]
                    + [None if pd.isna(record.get(m)) else round(record[m] / 8, 1) for m in months])
    totals = [round(sum(r[3 + i] or 0 for r in rows[3:]), 1) for i in range(len(months))]
    rows.append(["Total", None, None] + totals)
    _xlsx(path, {"Plan (days)": rows})


def write(out_dir: Path, october: dict[str, pd.DataFrame], months: list[dt.date]) -> list[Path]:
    """Writes every sample export; returns their paths."""
    out_dir.mkdir(parents=True, exist_ok=True)
    projects = october["projects"].set_index("project_id", drop=False)
    writers = {"jira": jira, "ms_project": ms_project, "planner": planner, "smartsheet": smartsheet, "asana": asana,
               "monday": monday, "azure_devops": azure_devops, "openproject": openproject}
    written = []
    for tool, project_id, file_name in SAMPLES:
        path = out_dir / file_name
        if tool in writers:
            tasks = october["tasks"][october["tasks"]["project_id"] == project_id].reset_index(drop=True)
            writers[tool](path, tasks, projects.loc[project_id])
        elif tool == "raid_log":
            raid_log(path, october["risks"][october["risks"]["project_id"] == project_id], projects.loc[project_id])
        else:
            resource_plan(path, october["allocations_wide"], october["resources"], months)
        written.append(path)
    return written

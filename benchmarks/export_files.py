"""Large tracker exports in their real layouts, written deterministically for the import benchmarks:
a Jira all-fields CSV (~150 columns, repeated Sprint/Labels/Watchers/Comment), an MS Project
Task_Table1 workbook and a Planner export."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import openpyxl

JIRA_BASE = ["Summary", "Issue key", "Issue id", "Issue Type", "Status", "Status Category", "Project key", "Project name",
             "Assignee", "Created", "Due date", "Original estimate", "Remaining Estimate", "Time Spent", "Parent"]
JIRA_REPEATED = ["Sprint"] * 4 + ["Labels"] * 4 + ["Watchers"] * 4 + ["Comment"] * 3
STATUSES = [("To Do", "To Do"), ("In Progress", "In Progress"), ("In Review", "In Progress"), ("Done", "Done")]


def jira_csv(path: Path, rows: int) -> Path:
    header = JIRA_BASE + [f"Custom field (Field {i})" for i in range(120)] + JIRA_REPEATED
    with path.open("w", newline="", encoding="utf-8-sig") as f:
        writer = csv.writer(f)
        writer.writerow(header)
        for n in range(1, rows + 1):
            status, category = STATUSES[n % 4]
            writer.writerow(
                [f"Issue {n}", f"BIG-{n}", 100000 + n, "Story" if n % 20 else "Epic", status, category, f"P{n % 50}",
                 f"Project {n % 50}", f"Person {n % 300}", "02/Jan/26 9:00 AM", f"{1 + n % 28:02d}/Mar/26", 28800, 14400,
                 7200, 100000 + n - n % 20 if n % 20 else ""]
                + [f"value {n % 7}" if i % 3 else "" for i in range(120)]
                + [f"Sprint {n % 10}", f"Sprint {n % 10 + 1}" if n % 5 == 0 else "", "", ""]
                + ["ui", "api" if n % 2 else "", "", ""] + ["ann", "bo", "", ""] + ["Looks good", "", ""])
    return path


MS_PROJECT_HEADER = ["ID", "Unique_ID", "Name", "Duration", "Start_Date", "Finish_Date", "Baseline_Finish", "Percent_Complete",
                     "Work", "Outline_Level", "Summary", "Milestone", "Resource_Names"]


def ms_project_xlsx(path: Path, rows: int) -> Path:
    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet("Task_Table1")
    sheet.append(MS_PROJECT_HEADER)
    start = dt.date(2026, 1, 5)
    sheet.append([0, 0, "Large programme", "400 days", "January 5, 2026 8:00 AM", "June 30, 2027 5:00 PM", "NA", "40%",
                  "80000 hrs", 0, "Yes", "No", ""])
    for n in range(1, rows):
        day = start + dt.timedelta(days=n % 400)
        summary = n % 25 == 1
        sheet.append([n, 1000 + n, f"Task {n}", f"{1 + n % 10} days", f"{day:%B} {day.day}, {day:%Y} 8:00 AM",
                      f"{day:%B} {day.day}, {day:%Y} 5:00 PM", "NA" if n % 3 else f"{day:%B} {day.day}, {day:%Y} 5:00 PM",
                      f"{n % 101}%", f"{8 * (1 + n % 10)} hrs", 1 if summary else 2, "Yes" if summary else "No",
                      "Yes" if n % 97 == 0 else "No", f"Person {n % 200}"])
    book.save(path)
    return path


def planner_xlsx(path: Path, rows: int) -> Path:
    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet("Tasks")
    for row in (["Plan name", "Big plan"], ["Plan ID", "xyz"], ["Date of export", "10/31/2026"], []):
        sheet.append(row)
    sheet.append(["Task ID", "Task Name", "Bucket Name", "Progress", "Priority", "Assigned To", "Created By", "Created Date",
                  "Start Date", "Due Date", "Late", "Completed Date", "Completed By", "Description", "Labels"])
    for n in range(rows):
        sheet.append([f"t{n}", f"Task {n}", f"Bucket {n % 12}", ("Not started", "In progress", "Completed")[n % 3], "Medium",
                      f"Person {n % 80};Person {(n + 1) % 80}", "Ann", "09/01/2026", "09/01/2026", f"10/{1 + n % 28:02d}/2026",
                      "false", "10/15/2026" if n % 3 == 2 else "", "", "", "Blue"])
    book.save(path)
    return path


def wide_csv(path: Path, columns: int) -> Path:
    """A header of `columns` names and one row of values: far wider than any export (a generated or
    hostile file), for the reader's cost per column."""
    path.write_text(",".join(f"field {i}" for i in range(columns)) + "\n" + ",".join("1" for _ in range(columns)) + "\n",
                    encoding="utf-8")
    return path

"""Smartsheet: File › Export › Export to Microsoft Excel, of a project sheet.

The hierarchy exists only as Excel row outline levels (read with openpyxl); parent rows hold
roll-ups of their children. `% Complete` is a 0–1 fraction; durations look like `5d`, `2w`, `4h`;
RAG symbol columns export as Red / Yellow / Green. Rows have no id: the row number is the id.
"""

from __future__ import annotations

import pandas as pd

from pmo_data import normalize, steps
from pmo_data.readers import Workbook
from pmo_data.recognise import status_column_by_values
from pmo_data.sources.base import Adapter, Batch, Field, ImportContext, first_table, header_match, map_table

# Smartsheet names its date columns after the sheet's project settings: Start / Start Date, Finish / End Date.
SIGNATURE_GROUPS = [("task name",), ("start date", "start"), ("end date", "finish"), ("duration",), ("% complete",),
                    ("predecessors",)]
CSV_DISCOUNT = 0.7  # 4 of the 6 column groups in a CSV (47 %) stay under the bar; all 6 (70 %) pass it
FIELDS = {
    "name": Field("Task Name", "Primary Column"),
    "start_date": Field("Start Date", "Start", parse=normalize.dates),
    "finish_date": Field("End Date", "Finish", "Due Date", parse=normalize.dates),
    "baseline_start": Field("Baseline Start", parse=normalize.dates),
    "baseline_finish": Field("Baseline Finish", parse=normalize.dates),
    "percent_complete": Field("% Complete", parse=normalize.percent_fraction),
    "assignee": Field("Assigned To", "Assigned to"),
    "status": Field("Status"),
}


class SmartsheetAdapter(Adapter):
    name = "smartsheet"
    label = "Smartsheet Excel export"

    def detect(self, workbook: Workbook) -> float:
        # any file type: a sheet saved again as CSV loses only the outline (the hierarchy). Smartsheet
        # itself writes workbooks: a CSV must show more of its columns than a hand-kept task list does
        headers = first_table(workbook).header_set
        share = sum(bool(set(group) & headers) for group in SIGNATURE_GROUPS) / len(SIGNATURE_GROUPS)
        return share if workbook.kind == "spreadsheet" else share * CSV_DISCOUNT

    def adapt(self, workbook: Workbook, context: ImportContext) -> Batch:
        batch = Batch()
        sheet = workbook.first_data_sheet
        table = sheet.table()
        batch.rows_read = len(table.frame)
        tasks = map_table(table, FIELDS, batch, "tasks")
        tasks["task_id"] = [f"R{row}" for row in tasks["_row"]]
        outline = sheet.outline_levels
        levels = [outline[int(i)] for i in table.frame.index]
        tasks["parent_task_id"] = steps.parents_from_outline(levels, tasks["task_id"].tolist())
        tasks["is_summary"] = tasks["task_id"].isin(set(tasks["parent_task_id"].dropna()))
        durations = table.labels_for("Duration")
        if durations:
            hours = normalize.hours(table.frame[durations[0]], f"{sheet.name}: Duration", batch.problems)
            tasks["estimate_hours"] = hours
            tasks["is_milestone"] = hours.eq(0).fillna(False)
        if "status" not in tasks:  # no Status header: a column whose values are status words is the status
            by_values = status_column_by_values(table, "task", {label for labels in header_match(table, FIELDS).values()
                                                                for label in labels})
            if by_values is not None:
                tasks["status"] = normalize.text(table.frame[by_values])
                batch.notes.append(f"status: from '{table.header_of(by_values)}', whose values are status words")
        if "status" not in tasks:  # no status column: % complete decides (none at all: to do)
            percent = tasks["percent_complete"].fillna(0) if "percent_complete" in tasks else pd.Series(0, index=tasks.index)
            tasks["status_category"] = percent.map(lambda p: "done" if p >= 100 else ("in_progress" if p > 0 else "todo"))
        project_id = context.project or sheet.name or workbook.path.stem
        tasks["project_id"] = project_id
        batch.add("tasks", tasks)
        batch.add_projects({project_id: None}, sheet.name)
        return batch


ADAPTER = SmartsheetAdapter()

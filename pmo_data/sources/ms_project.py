"""Microsoft Project: File › Save As › Excel Workbook, with the export map's task table
(`Task_Table1`, sometimes `Task_Table`), and optionally `Resource_Table1`.

Values come as Project displays them: dates `January 15, 2026 8:00 AM`, unset baselines `NA`,
durations `5 days` / `1 day?`, work `40 hrs`, `45%`, `Yes`/`No`. The hierarchy is the outline
level: a row's parent is the nearest row above it one level up. Outline level 0 (or a lone
level 1 above everything) is the project summary task: it names the project and, being a
roll-up, is never counted.
"""

from __future__ import annotations

import math

import pandas as pd

from pmo_data import normalize, steps
from pmo_data.readers import Sheet, Workbook
from pmo_data.sources.base import Adapter, Batch, Field, ImportContext, LayoutMismatch, map_table, share_of_headers

SIGNATURE = {"Unique_ID", "Name", "Outline_Level", "Start_Date", "Finish_Date", "Percent_Complete"}
FIELDS = {
    "task_id": Field("Unique_ID", "Unique ID", "ID"),
    "name": Field("Name", "Task_Name"),
    "start_date": Field("Start_Date", "Start", parse=normalize.dates),
    "finish_date": Field("Finish_Date", "Finish", parse=normalize.dates),
    "baseline_start": Field("Baseline_Start", "Baseline_Start_Date", parse=normalize.dates),
    "baseline_finish": Field("Baseline_Finish", "Baseline_Finish_Date", parse=normalize.dates),
    "percent_complete": Field("Percent_Complete", "%_Complete", parse=normalize.percent),
    "estimate_hours": Field("Work", "Baseline_Work", parse=normalize.hours),
    "actual_hours": Field("Actual_Work", parse=normalize.hours),
    "remaining_hours": Field("Remaining_Work", parse=normalize.hours),
    "assignee": Field("Resource_Names", "Resources"),
    "is_milestone": Field("Milestone", parse=normalize.boolean),
    "is_summary": Field("Summary", parse=normalize.boolean),
    "status": Field("Status"),
}
RESOURCE_FIELDS = {
    "resource_name": Field("Name", "Resource_Name"),
    "team": Field("Group"),
    "role": Field("Type"),
}


def task_sheet(workbook: Workbook) -> Sheet | None:
    """The export map's task table: the sheet Project names `Task_Table1`, else (a map saved in
    another language, a CSV) the first sheet whose columns hold a name and an outline level."""
    named = next((s for s in workbook.sheets if s.name.casefold().startswith("task_table")), None)
    if named is not None:
        return named
    return next((s for s in workbook.data_sheets if _outline_column(s.table()) and s.table().labels_for("Name")), None)


def _outline_column(table) -> str | None:
    labels = table.labels_for("Outline_Level") or table.labels_for("Outline Level")
    return labels[0] if labels else None


class MsProjectAdapter(Adapter):
    name = "ms_project"
    label = "Microsoft Project Excel export"

    def detect(self, workbook: Workbook) -> float:
        sheet = task_sheet(workbook)
        if sheet is None:
            return 0.0
        return 0.5 + 0.5 * share_of_headers(sheet.table(), SIGNATURE)

    def adapt(self, workbook: Workbook, context: ImportContext) -> Batch:
        batch = Batch()
        sheet = task_sheet(workbook)
        if sheet is None:
            raise LayoutMismatch("a task table (a sheet named Task_Table1, or columns Name and Outline Level)")
        table = sheet.table()
        batch.rows_read = len(table.frame)
        tasks = map_table(table, FIELDS, batch, "tasks", defer_extra=True)
        if "task_id" not in tasks or "name" not in tasks:
            raise LayoutMismatch("the columns ID (or Unique ID) and Name")
        levels_label = _outline_column(table)
        levels = normalize.number(table.frame[levels_label]) if levels_label else pd.Series([1] * len(tasks), index=tasks.index)
        level_list = [None if math.isnan(v) else int(v) for v in levels.to_numpy(dtype=float, na_value=math.nan).tolist()]
        tasks["parent_task_id"] = steps.parents_from_outline(level_list, tasks["task_id"].tolist())
        tasks["is_summary"] = tasks.get("is_summary", pd.Series(False, index=tasks.index)).fillna(False) | tasks[
            "task_id"].isin(tasks["parent_task_id"].dropna().unique())
        if "is_milestone" not in tasks:
            tasks["is_milestone"] = False
        durations = table.labels_for("Duration")
        if durations:  # a zero duration makes a milestone even when the Milestone flag is not exported
            zero = normalize.hours(table.frame[durations[0]], "Duration", batch.problems).eq(0)
            tasks["is_milestone"] = tasks["is_milestone"].fillna(False) | zero.fillna(False)
        project_name = self._project_name(tasks, level_list)
        project_id = context.project or project_name or workbook.path.stem
        if project_name is None and context.project is None:
            batch.warnings.append(f"no project summary task: project id taken from the file name '{workbook.path.stem}'")
        tasks["project_id"] = project_id
        tasks["status_category"] = _status_from_percent(tasks)
        batch.add("tasks", tasks)
        batch.add_projects({project_id: project_name}, table.sheet_name)
        summary = self._summary_position(level_list)
        if summary is not None:  # the project's own dates and progress live only on its summary task
            row = tasks.iloc[summary]
            projects = batch.tables["projects"]
            for column in ("start_date", "finish_date", "baseline_finish", "percent_complete"):
                if column in tasks and pd.notna(row[column]):
                    projects.loc[projects.index[-1], column] = row[column]
        resources = next((s for s in workbook.sheets if s.name.casefold().startswith("resource_table")), None)
        if resources is not None:
            resource_table = resources.table()
            batch.rows_read += len(resource_table.frame)
            batch.add("resources", map_table(resource_table, RESOURCE_FIELDS, batch, "resources"))
        return batch

    @staticmethod
    def _summary_position(levels: list[int | None]) -> int | None:
        """The project summary task: outline level 0, or the only level-1 row when it is first
        and everything else is below it."""
        if 0 in levels:
            return levels.index(0)
        if levels and levels[0] == 1 and levels.count(1) == 1 and len(levels) > 1:
            return 0
        return None

    def _project_name(self, tasks: pd.DataFrame, levels: list[int | None]) -> str | None:
        position = self._summary_position(levels)
        return None if position is None else tasks["name"].iloc[position]


def _status_from_percent(tasks: pd.DataFrame) -> pd.Series:
    """Project has no status word per task: 100 % is done, more than 0 % in progress."""
    percent = tasks.get("percent_complete", pd.Series(index=tasks.index, dtype="Float64"))
    category = pd.Series("todo", index=tasks.index, dtype=object)
    category[percent.fillna(0) > 0] = "in_progress"
    category[percent.fillna(0) >= 100] = "done"
    return category


ADAPTER = MsProjectAdapter()

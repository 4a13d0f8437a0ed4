"""Schedules and task trackers kept as spreadsheets or CSV by hand (a project schedule template, a
status tracker, a WBS list, a tracker's export that no adapter of its own knows).

No fixed layout: the header is found by scoring (titles, instruction links and a Gantt chart's daily
date ruler above it are skipped), and columns are recognised by the vocabulary's synonyms
(pmo_data/vocabulary/fields.toml, `tasks`), in six languages. A sheet qualifies with a task name and
two of start, finish, status, progress, assignee, duration or effort. Rows with no task name, or
with template text only ('[Week title Eg: Pre IP]'), are counted apart as template rows. Sheets named
as examples or instructions are not read.
"""

from __future__ import annotations

import re

import pandas as pd

from pmo_data import identity, normalize, steps
from pmo_data.conform import CATEGORY_HINT, DONE_HINT
from pmo_data.readers import Sheet, Table, Workbook
from pmo_data.recognise import (TASK_PARSERS, date_pair_by_values, description_by_values, fields_for, match_columns,
                                placeholder_rows)
from pmo_data.sources.base import Adapter, Batch, ImportContext, Rejected, map_table, without_rows

SCHEDULE_FIELDS = {"start_date", "finish_date", "status", "percent_complete", "assignee", "_duration", "estimate_hours",
                   "_completed_date", "baseline_start", "baseline_finish", "_done"}
# a guide's, a legend's or a dropdown's "Lists" sheet, not a "Checklist"
NOT_A_PLAN = re.compile(r"example|sample|instruction|guide|read ?me|help|legend|\blists?$|dropdown|definitions?", re.I)


def schedule_sheets(workbook: Workbook) -> list[tuple[Sheet, Table, dict[str, str]]]:
    found = []
    for sheet in workbook.data_sheets:
        if NOT_A_PLAN.search(sheet.name):
            continue
        table = sheet.table()
        columns = match_columns(table, "tasks")
        if not {"start_date", "finish_date"} & set(columns):  # dates under headers no vocabulary has
            columns.update(date_pair_by_values(table, set(columns.values())))
        if "name" not in columns and {"start_date", "finish_date"} <= set(columns):
            named = description_by_values(table, set(columns.values()))  # a blank or unknown header over the names
            if named is not None:
                columns["name"] = named
        if "name" in columns and len(SCHEDULE_FIELDS & set(columns)) >= 2:
            found.append((sheet, table, columns))
    return found


# The ceiling of this adapter's confidence (0.65) stays below a tracker adapter that knows the file.
REPEATED_SHEET_SHARE = 0.5  # of a sheet's rows repeating an earlier sheet's tasks: then the sheet is a view of the plan


class ScheduleAdapter(Adapter):
    name = "schedule"
    label = "Task list or schedule (spreadsheet or CSV)"

    def detect(self, workbook: Workbook) -> float:
        scores = [min(0.65, 0.45 + 0.04 * len(SCHEDULE_FIELDS & set(columns)))
                  for _, _, columns in schedule_sheets(workbook)]
        return max(scores, default=0.0) * (0.5 if workbook.sheet("Projects") else 1.0)

    def missing(self, workbook: Workbook) -> list[str]:
        return ["a task name column with dates, a status, progress or an assignee beside it (e.g. 'Task Name', "
                "'Start Date', 'End Date', 'Status')"]

    def adapt(self, workbook: Workbook, context: ImportContext) -> Batch:
        batch = Batch()
        sheets = schedule_sheets(workbook)
        projects: dict[str, str] = {}  # project → the sheet it was first seen on
        seen: dict[tuple, tuple[str, int]] = {}  # a task's name and dates → where it was first read
        for sheet, table, columns in sheets:
            batch.rows_read += len(table.frame)
            # a board's header again over each group
            table = without_rows(table, steps.rows_repeating_the_header(table), "rows repeating the header", batch)
            tasks = map_table(table, fields_for(columns, TASK_PARSERS), batch, "tasks")
            beside = steps.headings_beside_names(table.frame, columns["name"], set(columns.values()))
            tasks["name"] = tasks["name"].astype(object).where(tasks["name"].notna(), beside)
            template = placeholder_rows(tasks, ["name"])
            if template.any():
                batch.template_rows.append((sheet.name, int(template.sum()), "no task name, or template text only"))
            tasks = tasks[~template].copy()
            if len(sheets) > 1 and len(tasks):
                tasks = self._without_repeats(tasks, seen, sheet.name, batch)
            codes = tasks["task_id"] if "task_id" in tasks else pd.Series(dtype=object)
            tasks["task_id"] = identity.with_row_ids(tasks, "task_id", batch, f"'{sheet.name}' tasks")
            if len(sheets) > 1 and len(tasks):  # row 5 of one sheet is not row 5 of the next: a row's number names its sheet too
                by_row = tasks["task_id"].astype(str).eq(pd.Series([f"row {int(r)}" for r in tasks["_row"]], index=tasks.index))
                tasks["task_id"] = tasks["task_id"].where(~by_row, [f"{sheet.name} row {int(r)}" for r in tasks["_row"]])
            self._hierarchy(tasks, codes, batch, sheet.name)
            if "_duration" in tasks:
                duration = tasks.pop("_duration")
                tasks["is_milestone"] = duration.eq(0).fillna(False)
                if "estimate_hours" not in tasks:  # elapsed working time: the nearest thing to an estimate the sheet has
                    tasks["estimate_hours"] = duration
                    batch.notes.append(f"{sheet.name}: estimate taken from Duration (working days × hours per day)")
            if "_status_category" in tasks:
                tasks[CATEGORY_HINT] = tasks.pop("_status_category")
            if "_completed_date" in tasks:
                tasks[DONE_HINT] = tasks.pop("_completed_date").notna()
            if "_done" in tasks:  # a ticked checkbox: done
                ticked = tasks.pop("_done").fillna(False).astype(bool)
                tasks[DONE_HINT] = ticked | tasks[DONE_HINT] if DONE_HINT in tasks else ticked
            project_column = tasks.pop("_project") if "_project" in tasks else None
            tasks["project_id"] = identity.assign_project(tasks, workbook, context, batch, project_column)
            batch.add("tasks", tasks)
            for project in sorted(set(tasks["project_id"].dropna())):
                projects.setdefault(project, sheet.name)
        for sheet_name in dict.fromkeys(projects.values()):  # each project once, from the first sheet naming it
            batch.add_projects(dict.fromkeys(p for p, s in projects.items() if s == sheet_name), sheet_name)
        return batch

    @staticmethod
    def _without_repeats(tasks: pd.DataFrame, seen: dict[tuple, tuple[str, int]], sheet: str, batch: Batch) -> pd.DataFrame:
        """A workbook's sheets may repeat a plan's tasks (a role's sheet listing the main plan's
        activities): when at least half of a sheet's rows have the name and dates of a row of an
        earlier sheet, each such row is that task, listed once with why. A sheet of its own (a team's
        sprint) that shares a meeting or two with another keeps them."""
        keys = [(str(name).casefold().strip(), start, finish) for name, start, finish in zip(
            tasks["name"], tasks.get("start_date", pd.Series(None, index=tasks.index)),
            tasks.get("finish_date", pd.Series(None, index=tasks.index)))]
        repeat = pd.Series([key in seen for key in keys], index=tasks.index)
        if repeat.sum() < REPEATED_SHEET_SHARE * len(tasks):
            repeat[:] = False
        for key, row, again in zip(keys, tasks["_row"], repeat):
            if again:
                first_sheet, first_row = seen[key]
                batch.rejected.append(Rejected("tasks", sheet, int(row), f"repeats the task on '{first_sheet}' row {first_row}"))
            else:
                seen.setdefault(key, (sheet, int(row)))
        return tasks[~repeat]

    @staticmethod
    def _hierarchy(tasks: pd.DataFrame, codes: pd.Series, batch: Batch, sheet: str) -> None:
        """Parents from the WBS numbers of the ID column ('1.2' under '1'), else from group headings
        (a row with only a name, over the rows down to the next heading). Parents are summaries."""
        levels = steps.wbs_levels(codes)
        ids = tasks["task_id"].tolist()
        if levels is not None and not steps.parents_span_children(
                ids, steps.parents_from_outline(levels, ids), tasks.get("start_date", pd.Series(pd.NaT, index=tasks.index)),
                tasks.get("finish_date", pd.Series(pd.NaT, index=tasks.index))):
            batch.notes.append(f"{sheet}: the IDs look like WBS numbers, but parents' dates do not span their "
                               "children's: read as labels, not as a hierarchy")
            return
        if levels is not None:
            batch.notes.append(f"{sheet}: hierarchy from the WBS numbers ({codes.dropna().iloc[0]} …)")
        else:
            headings = steps.group_heading_rows(tasks.drop(columns=["task_id"]), "name")
            if not headings.any():
                return
            levels = [1 if heading else 2 for heading in headings]
            batch.notes.append(f"{sheet}: {int(headings.sum())} rows with only a name head the rows under them "
                               "(each a summary task over its group)")
        tasks["parent_task_id"] = steps.parents_from_outline(levels, tasks["task_id"].tolist())
        tasks["is_summary"] = tasks["task_id"].isin(set(tasks["parent_task_id"].dropna()))


ADAPTER = ScheduleAdapter()

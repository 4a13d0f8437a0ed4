"""Asana: project › ⌄ › Export/Print › CSV.

Columns `Task ID, Created At, Completed At, Last Modified, Name, Section/Column, Assignee,
Assignee Email, Start Date, Due Date, Tags, Notes, Projects, Parent task, …` plus custom fields.
`Parent task` holds the parent's NAME, not its id: it is resolved through the file's names (a name
that two tasks share cannot be, and is reported). After a round trip through Excel the file may be
`;`-separated with day-first dates and ids in scientific notation (1.20E+15): it still loads,
and the quality report says the ids are unreliable.
"""

from __future__ import annotations

import re

import pandas as pd

from pmo_data import identity, normalize
from pmo_data.readers import Workbook
from pmo_data.sources.base import Batch, CsvTaskAdapter, Field, ImportContext

SIGNATURE = {"Task ID", "Created At", "Completed At", "Name", "Section/Column", "Assignee", "Parent task", "Projects"}
FIELDS = {
    "task_id": Field("Task ID"),
    "name": Field("Name"),
    "assignee": Field("Assignee"),
    "start_date": Field("Start Date", parse=normalize.dates),
    "finish_date": Field("Due Date", parse=normalize.dates),
}
SCIENTIFIC = re.compile(r"^\d(?:[.,]\d+)?E\+\d+$", re.IGNORECASE)


class AsanaAdapter(CsvTaskAdapter):
    signature = SIGNATURE
    fields = FIELDS
    name = "asana"
    label = "Asana CSV export"

    def adapt(self, workbook: Workbook, context: ImportContext) -> Batch:
        batch, table, tasks = self.read_tasks(workbook)
        frame = table.frame
        completed = normalize.dates(frame[table.labels_for("Completed At")[0]], "Completed At", batch.problems) \
            if table.labels_for("Completed At") else pd.Series(pd.NaT, index=frame.index)
        tasks["status"] = completed.notna().map({True: "Completed", False: "Open"})
        tasks["status_category"] = completed.notna().map({True: "done", False: "todo"})
        tasks["percent_complete"] = completed.notna().map({True: 100.0, False: 0.0})
        ids = tasks["task_id"].fillna("")
        mangled = int(ids.map(lambda v: bool(SCIENTIFIC.match(v))).sum())
        if mangled:
            batch.warnings.append(f"{mangled} task ids look like Excel's scientific notation (e.g. 1.2E+15): the file went "
                                  "through Excel and its ids are lost; rows are identified by their row number, so "
                                  "tasks cannot be matched with other months — export again from Asana")
            tasks["task_id"] = [f"row {row}" for row in tasks["_row"]]
        tasks["parent_task_id"] = self._parents_by_name(table, tasks, batch)
        tasks["is_summary"] = tasks["task_id"].isin(set(tasks["parent_task_id"].dropna()))
        projects = normalize.text(frame[table.labels_for("Projects")[0]]) if table.labels_for("Projects") else None
        first_project = projects.map(lambda v: re.split(r"\s*,\s*", v)[0] if isinstance(v, str) else None) \
            if projects is not None else None
        if first_project is not None and not context.project:
            # a subtask names no project of its own: it is in its parent's, else in the file's main project
            parent_project = tasks["parent_task_id"].map(dict(zip(tasks["task_id"], first_project)))
            first_project = first_project.fillna(parent_project)
            if first_project.notna().any():
                first_project = first_project.fillna(first_project.mode().iloc[0])
        tasks["project_id"] = identity.assign_project(tasks, workbook, context, batch, first_project)
        batch.add("tasks", tasks)
        batch.add_projects(dict.fromkeys(sorted(set(tasks["project_id"].dropna()))), table.sheet_name)
        return batch

    @staticmethod
    def _parents_by_name(table, tasks: pd.DataFrame, batch: Batch) -> pd.Series:
        labels = table.labels_for("Parent task")
        if not labels:
            return pd.Series([None] * len(tasks), index=tasks.index, dtype=object)
        parent_names = normalize.text(table.frame[labels[0]])
        counts = tasks["name"].value_counts()
        id_of_name = dict(zip(tasks["name"], tasks["task_id"]))
        ambiguous = parent_names[parent_names.map(lambda n: isinstance(n, str) and counts.get(n, 0) > 1)]
        missing = parent_names[parent_names.map(lambda n: isinstance(n, str) and counts.get(n, 0) == 0)]
        if len(ambiguous):
            batch.warnings.append(f"{len(ambiguous)} subtasks name a parent that several tasks share "
                                  f"(e.g. '{ambiguous.iloc[0]}'): their parent is left empty")
        if len(missing):
            batch.warnings.append(f"{len(missing)} subtasks name a parent that is not in the file (e.g. '{missing.iloc[0]}')")
        return parent_names.map(lambda n: id_of_name.get(n) if isinstance(n, str) and counts.get(n, 0) == 1 else None)


ADAPTER = AsanaAdapter()

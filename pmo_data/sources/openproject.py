"""OpenProject: Work packages › ⋯ › Export › CSV.

The separator and encoding follow the user's language (German: `;` and Windows-1252), and so do
the headers (the first one is a lowercase `id`). Hours look like `5h`; multi-values are joined
with `; `. English and German headers are recognised; a saved column mapping covers any other.
"""

from __future__ import annotations

import pandas as pd

from pmo_data import normalize
from pmo_data.readers import Workbook
from pmo_data.sources.base import Batch, CsvTaskAdapter, Field, ImportContext

FIELDS = {
    "task_id": Field("id", "ID"),
    "name": Field("Subject", "Thema"),
    "task_type": Field("Type", "Typ"),
    "status": Field("Status"),
    "assignee": Field("Assignee", "Zugewiesen an"),
    "start_date": Field("Start date", "Startdatum", "Anfangstermin", parse=normalize.dates),
    "finish_date": Field("Finish date", "Endtermin", "Abschlussdatum", "Due date", parse=normalize.dates),
    "estimate_hours": Field("Work", "Estimated time", "Geschätzter Aufwand", "Aufwand", parse=normalize.hours),
    "remaining_hours": Field("Remaining work", "Remaining hours", "Verbleibender Aufwand", parse=normalize.hours),
    "actual_hours": Field("Spent time", "Aufgewendete Zeit", parse=normalize.hours),
    "percent_complete": Field("% Complete", "Progress (%)", "% abgeschlossen", "Fortschritt (%)", parse=normalize.percent),
    "parent_task_id": Field("Parent", "Übergeordnetes Arbeitspaket"),
    "project_id": Field("Project", "Projekt"),
}
SIGNATURES = [
    {"Subject", "Type", "Status", "Assignee", "Project"},
    {"Thema", "Typ", "Status", "Zugewiesen an", "Projekt"},
]


class OpenProjectAdapter(CsvTaskAdapter):
    signature = SIGNATURES[0]  # detect() below reads every language
    fields = FIELDS
    name = "openproject"
    label = "OpenProject work package export"

    def detect(self, workbook: Workbook) -> float:
        table = self.table_of(workbook)
        if not table.headers or table.headers[0] != "id":  # OpenProject writes its first header in lower case
            return 0.0
        headers = table.header_set
        return max(0.5 + 0.5 * len({h.casefold() for h in s} & headers) / len(s) for s in SIGNATURES)

    def adapt(self, workbook: Workbook, context: ImportContext) -> Batch:
        batch, table, tasks = self.read_tasks(workbook)
        # "#12 Parent subject" or "12": the id is the number
        if "parent_task_id" in tasks:
            tasks["parent_task_id"] = tasks["parent_task_id"].str.extract(r"#?(\d+)", expand=False)
        tasks["is_summary"] = tasks["task_id"].isin(set(tasks["parent_task_id"].dropna()))
        types = tasks.get("task_type", pd.Series("", index=tasks.index)).fillna("").str.casefold()
        tasks["is_milestone"] = types.isin({"milestone", "meilenstein"})
        if context.project or "project_id" not in tasks:
            tasks["project_id"] = context.project or workbook.path.stem
        batch.add("tasks", tasks)
        batch.add_projects(dict.fromkeys(sorted(set(tasks["project_id"].dropna()))), table.sheet_name)
        return batch


ADAPTER = OpenProjectAdapter()

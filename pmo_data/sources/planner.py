"""Microsoft Planner: Plan › … › Export plan to Excel.

One sheet `Tasks`: rows `Plan name`, `Plan ID`, `Date of export`, a blank row, then the header on
row 5. Every cell is text; dates are `MM/dd/yyyy`; `Assigned To` and `Labels` are `;`-separated;
Progress is Not started / In progress / Completed. The plan is the project; the export date is
the data's as-of date and the default reporting month.
"""

from __future__ import annotations

import pandas as pd

from pmo_data import normalize
from pmo_data.readers import Workbook
from pmo_data.sources.base import Adapter, Batch, Field, ImportContext, map_table, share_of_headers

SIGNATURE = {"Task ID", "Task Name", "Bucket Name", "Progress", "Assigned To", "Due Date"}
FIELDS = {
    "task_id": Field("Task ID"),
    "name": Field("Task Name"),
    "status": Field("Progress"),
    "assignee": Field("Assigned To", parse=lambda s, c="", p=None: normalize.text(s.map(_semicolons), c, p)),
    "start_date": Field("Start Date", "Start date", parse=normalize.dates),
    "finish_date": Field("Due Date", "Due date", parse=normalize.dates),
}


def _semicolons(value):
    return normalize.multi_value([value]) if isinstance(value, str) else value


def plan_metadata(grid: list[list]) -> dict[str, object]:
    """The key/value rows above the header (Plan name, Plan ID, Date of export)."""
    found = {}
    for row in grid[:6]:
        cells = [c for c in row if c is not None]
        if len(cells) == 2 and isinstance(cells[0], str):
            found[cells[0].strip().casefold()] = cells[1]
    return found


class PlannerAdapter(Adapter):
    name = "planner"
    label = "Microsoft Planner export"

    def detect(self, workbook: Workbook) -> float:
        sheet = workbook.sheet("Tasks") or workbook.sheets[0]
        score = share_of_headers(sheet.table(), SIGNATURE)
        return min(1.0, score + (0.2 if "plan name" in plan_metadata(sheet.head(6)) else 0.0))

    def adapt(self, workbook: Workbook, context: ImportContext) -> Batch:
        batch = Batch()
        sheet = workbook.sheet("Tasks") or workbook.sheets[0]
        table = sheet.table()
        meta = plan_metadata(sheet.head(6))
        batch.rows_read = len(table.frame)
        tasks = map_table(table, FIELDS, batch, "tasks")
        completed = table.labels_for("Completed Date")
        if completed:
            done_on = normalize.dates(table.frame[completed[0]], f"{table.sheet_name}: Completed Date", batch.problems)
            tasks["percent_complete"] = done_on.notna().map({True: 100.0, False: None})
        plan = normalize.text(pd.Series([meta.get("plan name")], dtype=object)).iloc[0]
        project_id = context.project or (plan if isinstance(plan, str) else None) or workbook.path.stem
        tasks["project_id"] = project_id
        batch.add("tasks", tasks)
        batch.add_projects({project_id: plan if isinstance(plan, str) else None}, sheet.name)
        exported = normalize.dates(pd.Series([meta.get("date of export")], dtype=object))
        if exported.notna().iloc[0]:
            batch.as_of = exported.iloc[0].date()
            batch.period_hint = batch.as_of.replace(day=1)
        return batch


ADAPTER = PlannerAdapter()

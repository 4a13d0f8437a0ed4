"""Resource plans kept as wide workbooks: a title row, maybe a working-days row, then a header
with the person's attributes followed by one column per month (`Sep-26`, `Oct-26`, or real
dates) holding days or hours, and often a trailing `Total` row (never loaded).

Days or hours: the sheet's title, name or headers saying "days" or "hours" decide; otherwise
values no larger than 23 are read as days (and the report says so). Days convert at
`units.hours_per_day`.
"""

from __future__ import annotations

import pandas as pd

from pmo_data import normalize
from pmo_data.readers import Sheet, Workbook
from pmo_data.sources.base import (Adapter, Batch, Field, ImportContext, map_table, month_columns,
                                   unpivot_months)

ID_FIELDS = {
    "resource_name": Field("Name", "Resource", "Resource Name", "Person", "Employee"),
    "project_id": Field("Project ID", "Project", "Project Name"),
}
PERSON_FIELDS = {
    "resource_name": ID_FIELDS["resource_name"],
    "team": Field("Team", "Department"),
    "role": Field("Role", "Job Title"),
}
MAX_DAYS_PER_MONTH = 23


def plan_sheets(workbook: Workbook) -> list[Sheet]:
    found = []
    for sheet in workbook.sheets:
        table = sheet.table()
        if len(month_columns(table)) >= 2 and any(table.labels_for(h) for h in ID_FIELDS["resource_name"].headers):
            found.append(sheet)
    return found


def _unit(sheet: Sheet, values: pd.Series, batch: Batch) -> str:
    words = " ".join(str(c) for row in sheet.head(sheet.table().header_row) for c in row if c is not None)
    words = (words + " " + sheet.name + " " + " ".join(sheet.table().headers)).casefold()
    if "day" in words or "tage" in words:
        return "days"
    if "hour" in words or "hrs" in words or "stunden" in words:
        return "hours"
    largest = values.max()
    if pd.notna(largest) and largest <= MAX_DAYS_PER_MONTH:
        batch.warnings.append(f"{sheet.name}: the plan does not say days or hours; values up to {largest:g} read as days")
        return "days"
    return "hours"


class ResourcePlanAdapter(Adapter):
    name = "resource_plan"
    label = "Resource plan workbook (one column per month)"

    def detect(self, workbook: Workbook) -> float:
        if workbook.kind != "spreadsheet" or not plan_sheets(workbook):
            return 0.0
        return 0.85 * (0.5 if workbook.sheet("Projects") else 1.0)

    def adapt(self, workbook: Workbook, context: ImportContext) -> Batch:
        batch = Batch()
        for sheet in plan_sheets(workbook):
            table = sheet.table()
            batch.rows_read += len(table.frame)
            numbers = pd.concat([normalize.number(table.frame[label]) for label in month_columns(table)], ignore_index=True)
            per_unit = normalize.days_to_hours if _unit(sheet, numbers, batch) == "days" else normalize.number
            allocations = unpivot_months(table, ID_FIELDS, batch, per_unit)
            if "project_id" not in allocations or context.project:
                allocations["project_id"] = context.project
            batch.add("allocations", allocations)
            people = map_table(table, PERSON_FIELDS, batch, "resources").dropna(subset=["resource_name"])
            people = people[~people["resource_name"].str.casefold().isin({"total", "totals", "grand total"})]
            batch.add("resources", people.drop_duplicates("resource_name"))
        return batch


ADAPTER = ResourcePlanAdapter()

"""The PMO portfolio workbook template (sample_data/pmo_portfolio_template.xlsx, docs/template.md).

The register a PMO keeps by hand, with human headers: `About` (reporting month),
`Projects`, `Milestones`, `RAID Log`, `Resources` and `Resource Plan` (one column per month), and
for the monthly review `Status` (the PM's commentary), `Path to Green`, `Decisions`, `Actions`,
`Dependencies` and `Gates`. Decisions, actions and dependencies are RAID entries (`risks`, their
kind set by the sheet), like the ones a RAID log's registers bring.
The field tables below are the template's definition: the sample generator writes these headers.
"""

from __future__ import annotations

import pandas as pd

from pmo_data import normalize
from pmo_data.readers import Workbook
from pmo_data.sources.base import Adapter, Batch, Field, ImportContext, map_table, share_of_headers, unpivot_months
from pmo_data.sources.raid_log import sheet_kind

PROJECT_FIELDS = {
    "project_id": Field("Project ID"),
    "project_name": Field("Project Name"),
    "program": Field("Program", "Programme"),
    "portfolio": Field("Portfolio"),
    "department": Field("Department"),
    "manager": Field("Project Manager", "PM"),
    "sponsor": Field("Sponsor"),
    "strategic_objective": Field("Strategic Objective"),
    "status": Field("Status"),
    "phase": Field("Phase"),
    "priority": Field("Priority"),
    "start_date": Field("Start Date", parse=normalize.dates),
    "finish_date": Field("Planned Finish", parse=normalize.dates),
    "baseline_start": Field("Baseline Start", parse=normalize.dates),
    "baseline_finish": Field("Baseline Finish", parse=normalize.dates),
    "forecast_finish": Field("Forecast Finish", parse=normalize.dates),
    "budget": Field("Budget (USD)", "Budget", parse=normalize.money),
    "actual_cost": Field("Actual Cost (USD)", "Actual Cost", "Actuals", parse=normalize.money),
    "forecast_cost": Field("Forecast at Completion (USD)", "Forecast Cost", "EAC", parse=normalize.money),
    "percent_complete": Field("% Complete", parse=normalize.percent),
    "reported_health": Field("RAG", "Reported RAG", parse=normalize.reported_health),
}

MILESTONE_FIELDS = {
    "project_id": Field("Project ID"),
    "task_id": Field("Milestone ID"),
    "name": Field("Milestone"),
    "baseline_finish": Field("Baseline Date", parse=normalize.dates),
    "finish_date": Field("Forecast Date", "Actual / Forecast Date", parse=normalize.dates),
    "status": Field("Status"),
    "assignee": Field("Owner"),
}

RISK_FIELDS = {
    "project_id": Field("Project ID"),
    "risk_id": Field("ID", "Risk ID"),
    "kind": Field("Type"),
    "title": Field("Title", "Description"),
    "category": Field("Category"),
    "probability": Field("Probability", parse=normalize.scale_1_5),
    "impact": Field("Impact", parse=normalize.scale_1_5),
    "cost_impact": Field("Cost Impact (USD)", "Cost Impact", parse=normalize.money),
    "owner": Field("Owner"),
    "status": Field("Status"),
    "raised_date": Field("Date Raised", parse=normalize.dates),
    "due_date": Field("Due Date", parse=normalize.dates),
    "mitigation": Field("Mitigation"),
}

RESOURCE_FIELDS = {
    "resource_name": Field("Name"),
    "team": Field("Team"),
    "role": Field("Role"),
    "capacity_hours_per_month": Field("Capacity (h/month)", parse=normalize.number),
}

ALLOCATION_ID_FIELDS = {
    "resource_name": Field("Name"),
    "project_id": Field("Project ID"),
}

STATUS_FIELDS = {
    "project_id": Field("Project ID"),
    "summary": Field("Summary", "Status Summary"),
    "achievements": Field("Achievements", "Accomplishments", "Achievements This Month"),
    "next_steps": Field("Next Steps", "Next Month"),
    "sponsor_asks": Field("Decisions / Help Needed", "Help Needed", "Sponsor Asks"),
    "reported_by": Field("Reported By", "Author"),
    "report_date": Field("Report Date", "Date", parse=normalize.dates),
}

PATH_TO_GREEN_FIELDS = {
    "project_id": Field("Project ID"),
    "action": Field("Action", "Step"),
    "owner": Field("Owner"),
    "target_date": Field("Target Date", "Due Date", parse=normalize.dates),
}

DECISION_FIELDS = {
    "project_id": Field("Project ID"),
    "risk_id": Field("Decision ID", "ID"),
    "title": Field("Decision"),
    "owner": Field("Made By", "Decided By", "Decision Maker"),
    "raised_date": Field("Date", "Decision Date", parse=normalize.dates),
    "due_date": Field("Needed By", parse=normalize.dates),
    "status": Field("Status"),
}

ACTION_FIELDS = {
    "project_id": Field("Project ID"),
    "risk_id": Field("Action ID", "ID"),
    "title": Field("Action"),
    "owner": Field("Owner"),
    "raised_date": Field("Date Raised", parse=normalize.dates),
    "due_date": Field("Due Date", parse=normalize.dates),
    "status": Field("Status"),
}

DEPENDENCY_FIELDS = {
    "project_id": Field("Project ID"),
    "risk_id": Field("Dependency ID", "ID"),
    "title": Field("Dependency"),
    "depends_on_project": Field("Depends On (Project ID)", "Depends On"),
    "owner": Field("Owner"),
    "raised_date": Field("Date Raised", parse=normalize.dates),
    "due_date": Field("Due Date", parse=normalize.dates),
    "status": Field("Status"),
}

GATE_FIELDS = {
    "project_id": Field("Project ID"),
    "gate": Field("Gate"),
    "phase": Field("Phase"),
    "planned_date": Field("Planned Date", parse=normalize.dates),
    "forecast_date": Field("Forecast / Actual Date", "Forecast Date", "Actual Date", parse=normalize.dates),
    "status": Field("Status"),
}

SHEETS = {
    "Projects": ("projects", PROJECT_FIELDS),
    "Milestones": ("tasks", MILESTONE_FIELDS),
    "RAID Log": ("risks", RISK_FIELDS),
    "Resources": ("resources", RESOURCE_FIELDS),
    "Status": ("status_reports", STATUS_FIELDS),
    "Path to Green": ("path_to_green", PATH_TO_GREEN_FIELDS),
    "Decisions": ("risks", DECISION_FIELDS),
    "Actions": ("risks", ACTION_FIELDS),
    "Dependencies": ("risks", DEPENDENCY_FIELDS),
    "Gates": ("gates", GATE_FIELDS),
}
PLAN_SHEET = "Resource Plan"
ABOUT_SHEET = "About"


class PmoTemplateAdapter(Adapter):
    name = "pmo_template"
    label = "PMO portfolio workbook"

    def detect(self, workbook: Workbook) -> float:
        projects = workbook.sheet("Projects")
        if projects is None:  # some of the template's review sheets alone (a Status sheet sent on its own)
            return 0.55 if self._review_sheets(workbook) else 0.0
        table = projects.table()
        if not table.labels_for("Project ID"):
            return 0.0
        # a Projects sheet keyed by "Project ID" is the template's signature; its other headers add confidence,
        # and so do the template's other sheets beside it (a register alone is the register adapter's)
        expected = {f.headers[0] for f in PROJECT_FIELDS.values()}
        return min(1.0, 0.6 + 0.4 * share_of_headers(table, expected) + (0.1 if self._review_sheets(workbook) else 0.0))

    @staticmethod
    def _review_sheets(workbook: Workbook) -> list[str]:
        """The template's sheets other than Projects that the workbook holds, each keyed by "Project ID"
        and carrying at least half of its sheet's headers."""
        found = []
        for sheet_name, (_, fields) in SHEETS.items():
            sheet = workbook.sheet(sheet_name)
            if sheet_name == "Projects" or sheet is None:
                continue
            table = sheet.table()
            if table.labels_for("Project ID") and share_of_headers(table, {f.headers[0] for f in fields.values()}) >= 0.5:
                found.append(sheet_name)
        return found

    def adapt(self, workbook: Workbook, context: ImportContext) -> Batch:
        batch = Batch()
        for sheet_name, (target, fields) in SHEETS.items():
            sheet = workbook.sheet(sheet_name)
            if sheet is None:
                continue
            table = sheet.table()
            batch.rows_read += len(table.frame)
            frame = map_table(table, fields, batch, target)
            if target == "tasks":
                frame["is_milestone"] = True
                frame["task_type"] = "Milestone"
            if target == "risks" and (kind := sheet_kind(sheet_name)):
                frame["kind"] = kind  # a register of one kind (Decisions, Actions, Dependencies), by its name
            batch.add(target, frame)
        plan = workbook.sheet(PLAN_SHEET)
        if plan is not None:
            table = plan.table()
            batch.rows_read += len(table.frame)
            batch.add("allocations", unpivot_months(table, ALLOCATION_ID_FIELDS, batch, normalize.number))
        batch.period_hint = _about_date(workbook, "reporting month")
        batch.as_of = _about_date(workbook, "status date")
        batch.sheets_read.add(ABOUT_SHEET)
        return batch


def _about_date(workbook: Workbook, key: str):
    """The date the About sheet states under `key` (e.g. "Reporting month"), if any."""
    about = workbook.sheet(ABOUT_SHEET)
    if about is None:
        return None
    for row in about.grid:
        cells = [c for c in row if c is not None]
        if len(cells) >= 2 and str(cells[0]).strip().casefold() == key:
            parsed = normalize.dates(pd.Series([cells[1]], dtype=object))
            return None if parsed.isna().iloc[0] else parsed.iloc[0].date()
    return None


ADAPTER = PmoTemplateAdapter()

"""Azure DevOps Boards: Queries › run a query › Export to CSV (UTF-8 with BOM).

`ID, Work Item Type, Title, State, Assigned To, Area Path, Iteration Path, Tags, …`. A tree query
puts the title in `Title 1`, `Title 2`, `Title 3` by level: that is the hierarchy (a row's parent is
the nearest row above with a title one level up). `Assigned To` is `Name <email>`; paths use
backslashes (the first segment of Area Path is the project); tags are `; `-separated; dates are in
the exporting user's locale.
"""

from __future__ import annotations

import re

import pandas as pd

from pmo_data import identity, normalize, steps
from pmo_data.readers import Workbook
from pmo_data.sources.base import Batch, CsvTaskAdapter, Field, ImportContext, LayoutMismatch, share_of_headers

SIGNATURE = {"ID", "Work Item Type", "State", "Assigned To", "Area Path", "Iteration Path"}
FIELDS = {
    "task_id": Field("ID"),
    "task_type": Field("Work Item Type"),
    "status": Field("State"),
    "assignee": Field("Assigned To", parse=lambda s, c="", p=None: normalize.text(s.map(_person), c, p)),
    "start_date": Field("Start Date", parse=normalize.dates),
    "finish_date": Field("Target Date", "Finish Date", "Due Date", parse=normalize.dates),
    "estimate_hours": Field("Original Estimate", parse=normalize.hours),
    "remaining_hours": Field("Remaining Work", parse=normalize.hours),
    "actual_hours": Field("Completed Work", parse=normalize.hours),
    "parent_task_id": Field("Parent"),
}
EMAIL = re.compile(r"\s*<[^>]*>\s*$")
SUMMARY_TYPES = {"epic", "feature"}


def _person(value):
    return EMAIL.sub("", value) if isinstance(value, str) else value


class AzureDevOpsAdapter(CsvTaskAdapter):
    signature = SIGNATURE
    fields = FIELDS
    name = "azure_devops"
    label = "Azure DevOps query export"

    def detect(self, workbook: Workbook) -> float:
        table = self.table_of(workbook)
        has_title = bool(table.labels_for("Title") or level_columns(table))
        share = share_of_headers(table, SIGNATURE) * (1.0 if has_title else 0.6)
        # "Work Item Type" is Azure DevOps' own: with a title it is enough (a query of few columns)
        return max(share, 0.55 + 0.4 * share) if has_title and "work item type" in table.header_set else share

    def adapt(self, workbook: Workbook, context: ImportContext) -> Batch:
        batch, table, tasks = self.read_tasks(workbook)
        frame = table.frame
        if tasks["task_id"].isna().all():  # a query without the ID column: rows are the identity
            tasks["task_id"] = identity.row_ids(tasks, batch, "work items")
        level_labels = level_columns(table)
        if level_labels:  # a tree query: the title's column is the level
            titles = frame[level_labels]
            tasks["name"] = normalize.text(titles.bfill(axis=1).iloc[:, 0])
            levels = [next((n for n, v in enumerate(row, start=1) if not normalize.is_missing(v)), None)
                      for row in titles.itertuples(index=False)]
            if "parent_task_id" not in tasks or tasks["parent_task_id"].isna().all():
                tasks["parent_task_id"] = steps.parents_from_outline(levels, tasks["task_id"].tolist())
        elif table.labels_for("Title"):
            tasks["name"] = normalize.text(frame[table.labels_for("Title")[0]])
        else:
            raise LayoutMismatch("a Title column (or Title 1, Title 2 … of a tree query)")
        types = tasks.get("task_type", pd.Series("", index=tasks.index)).fillna("").str.casefold()
        tasks["is_summary"] = tasks["task_id"].isin(set(tasks["parent_task_id"].dropna())) | types.isin(SUMMARY_TYPES)
        tasks["is_milestone"] = types.eq("milestone")
        # the project: the Team Project field (System.TeamProject) when the query shows it, else the
        # first segment of Area Path or Iteration Path (both start with the team project)
        projects = pd.Series([None] * len(frame), index=frame.index, dtype=object)
        for header, whole in (("Team Project", True), ("Area Path", False), ("Iteration Path", False)):
            for label in table.labels_for(header):
                values = normalize.text(frame[label])
                projects = projects.fillna(values if whole else values.map(
                    lambda p: p.split("\\")[0] if isinstance(p, str) else None))
        tasks["project_id"] = context.project or projects.fillna(workbook.path.stem)
        batch.add("tasks", tasks)
        batch.add_projects(dict.fromkeys(sorted(set(tasks["project_id"].dropna()))), table.sheet_name)
        return batch


def level_columns(table) -> list[str]:
    """A tree query's title columns in level order: 'Title 1', 'Title 2' … (some levels may be
    missing; a header may name the level's type, 'Title 1 (Epic)')."""
    levels = sorted((int(m.group(1)), label) for label, raw in zip(table.frame.columns, table.headers)
                    if (m := TREE_TITLE.match(raw or "")))
    return [label for _, label in levels]


TREE_TITLE = re.compile(r"^\s*title\s+(\d+)\b", re.IGNORECASE)

ADAPTER = AzureDevOpsAdapter()

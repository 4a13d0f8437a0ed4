"""RAID logs and risk registers kept as workbooks.

A title above a header on row ~4 (`ID, Description, Category, Probability, Impact, Exposure,
RAG Status, Status, Owner, Mitigation …`). Sheets named like "Risk …" hold risks, "Issue …"
issues. Probability and impact may be words (Very Low … Very High), numbers 1–5, L/M/H or
percentages: all map to 1–5 (docs/sources.md). Exposure is often a formula: its cached value is
kept in extra, and the dashboard computes its own. Template rows that carry only an ID are not
risks: they are listed as rejected, not loaded.
"""

from __future__ import annotations

import pandas as pd

from pmo_data import normalize
from pmo_data.readers import Workbook
from pmo_data.sources.base import Adapter, Batch, Field, ImportContext, Rejected, map_table, share_of_headers

FIELDS = {
    "project_id": Field("Project", "Project ID", "Project Name"),
    "risk_id": Field("ID", "Risk ID", "Issue ID", "Ref", "No."),
    "title": Field("Title", "Description", "Risk Description", "Issue Description", "Summary"),
    "category": Field("Category", "Type"),
    "probability": Field("Probability", "Likelihood", parse=normalize.scale_1_5),
    "impact": Field("Impact", "Severity", parse=normalize.scale_1_5),
    "cost_impact": Field("Cost Impact", "Cost Impact (USD)", "Financial Impact", parse=normalize.money),
    "owner": Field("Owner", "Risk Owner", "Assigned To"),
    "status": Field("Status"),
    "raised_date": Field("Date Identified", "Date Raised", "Raised", "Date Logged", parse=normalize.dates),
    "due_date": Field("Target Date", "Due Date", "Review Date", parse=normalize.dates),
    "mitigation": Field("Mitigation", "Short Mitigation Brief", "Mitigation Plan", "Response", "Action"),
}
SIGNATURE = {"ID", "Description", "Probability", "Impact", "Owner", "Status"}
KINDS = (("issue", "issue"), ("risk", "risk"), ("raid", "risk"))


def sheet_kind(name: str) -> str | None:
    lowered = name.casefold()
    return next((kind for word, kind in KINDS if word in lowered), None)


class RaidLogAdapter(Adapter):
    name = "raid_log"
    label = "RAID log / risk register workbook"

    def _sheets(self, workbook: Workbook):
        return [(sheet, kind) for sheet in workbook.sheets if (kind := sheet_kind(sheet.name))
                and (sheet.table().labels_for("Probability") or sheet.table().labels_for("Likelihood")
                     or sheet.table().labels_for("Impact") or sheet.table().labels_for("Severity"))]

    def detect(self, workbook: Workbook) -> float:
        if workbook.kind != "spreadsheet":
            return 0.0
        scores = [share_of_headers(sheet.table(), SIGNATURE) for sheet, _ in self._sheets(workbook)]
        if not scores:
            return 0.0
        # the PMO template has a RAID sheet too; its Projects sheet tells it apart
        return 0.9 * max(scores) * (0.5 if workbook.sheet("Projects") else 1.0)

    def adapt(self, workbook: Workbook, context: ImportContext) -> Batch:
        batch = Batch()
        for sheet, kind in self._sheets(workbook):
            table = sheet.table()
            batch.rows_read += len(table.frame)
            risks = map_table(table, FIELDS, batch, "risks")
            risks["kind"] = kind
            content = [c for c in risks.columns if c not in {"risk_id", "kind", "extra", "_row", "_sheet"}]
            only_id = risks[content].isna().all(axis=1) & risks["extra"].isna()
            for row in risks.loc[only_id, "_row"]:
                batch.rejected.append(Rejected("risks", sheet.name, int(row), "template row: only an ID"))
            risks = risks[~only_id]
            if "project_id" not in risks or context.project:
                risks["project_id"] = context.project or workbook.path.stem
            risks["project_id"] = risks["project_id"].fillna(context.project or workbook.path.stem)
            risks["status"] = risks.get("status", pd.Series(index=risks.index, dtype=object)).fillna("open")
            batch.add("risks", risks)
        return batch


ADAPTER = RaidLogAdapter()

"""Costs kept in rows (long form): one row per project and month, with money columns
(`project_id, month, monthly_capex_usd, …`, `Project, Period, Actual Cost, Forecast`).

Each money column is a cost of the type its header says (actual, budget, forecast: resource_plan's
COST_TYPES; a spend with no such word is actual). Running totals, percentages and ratios are not
costs of the month and are left in `extra`. The monthly figures go to the `costs` table, which
the EVM and cost curves read; they are never added to hours.
"""

from __future__ import annotations

import re

import pandas as pd

from pmo_data import normalize
from pmo_data.readers import Table, Workbook
from pmo_data.recognise import match_columns
from pmo_data.sources.base import Adapter, Batch, ImportContext, extra_json
from pmo_data.sources.resource_plan import COST_TYPES

MONEY = re.compile(r"capex|opex|cost|spend|spent|actuals?\b|budget|forecast|amount|expenditure|invoice|usd|eur|gbp|€|\$|£",
                   re.IGNORECASE)
NOT_OF_THE_MONTH = re.compile(r"cumulative|to date|\bytd\b|total|%|pct|percent|ratio|variance|index|rate|per ",
                              re.IGNORECASE)


def money_columns(table: Table, taken: set[str]) -> dict[str, str]:
    """label -> cost type, for the columns whose header names money spent or planned in the month."""
    found = {}
    for label, raw in zip(table.frame.columns, table.headers):
        words = (raw or "").replace("_", " ")
        if label in taken or not MONEY.search(words) or NOT_OF_THE_MONTH.search(words):
            continue
        found[label] = next((kind for kind, pattern in COST_TYPES[:2] if re.search(pattern, words, re.IGNORECASE)),
                            "forecast" if re.search(r"forecast|estimate|projected|planned", words, re.IGNORECASE) else "actual")
    return found


def months_of(column: pd.Series) -> pd.Series:
    """Each row's month ('2026-10', 'Oct 2026', '10/2026', a date cell …) as its first day."""
    return pd.to_datetime(column.map(lambda v: None if v is None else normalize.month_of_header(v)), errors="coerce")


def cost_tables(workbook: Workbook) -> list[tuple[Table, dict[str, str], dict[str, str]]]:
    found = []
    for sheet in workbook.data_sheets:
        table = sheet.table()
        columns = match_columns(table, "costs")
        if {"project_id", "month"} <= set(columns):
            months = months_of(table.frame[columns["month"]])
            money = money_columns(table, set(columns.values()))
            if money and months.notna().mean() >= 0.8:
                found.append((table, columns, money))
    return found


class CostRowsAdapter(Adapter):
    name = "cost_rows"
    label = "Costs by project and month (rows)"

    def detect(self, workbook: Workbook) -> float:
        return 0.6 if cost_tables(workbook) else 0.0

    def missing(self, workbook: Workbook) -> list[str]:
        return ["a project column, a month column and money columns (e.g. 'Project', 'Month', 'Actual Cost')"]

    def adapt(self, workbook: Workbook, context: ImportContext) -> Batch:
        batch = Batch()
        for table, columns, money in cost_tables(workbook):
            frame = table.frame
            batch.rows_read += len(frame)
            batch.sheets_read.add(table.sheet_name)
            sheet = table.sheet_name
            project = normalize.text(frame[columns["project_id"]], f"{sheet}: {columns['project_id']}", batch.problems)
            month = months_of(frame[columns["month"]])
            unread = frame[columns["month"]][month.isna() & frame[columns["month"]].notna()]
            if len(unread):
                batch.problems.add(f"{sheet}: {columns['month']}", sorted({str(v) for v in unread}), len(unread))
            leftover = [label for label in frame.columns if label not in set(columns.values()) | set(money)]
            extra = extra_json(frame, leftover, table)
            pieces = []
            for label, cost_type in money.items():
                amount = normalize.number(frame[label], f"{sheet}: {label}", batch.problems)
                pieces.append(pd.DataFrame({"project_id": project, "month": month, "cost_type": cost_type, "amount": amount,
                                            "extra": extra, "_row": [int(i) + 1 for i in frame.index], "_sheet": sheet}))
                batch.notes.append(f"{sheet}: '{table.header_of(label)}' loaded as {cost_type} cost by project and month")
            rows = pd.concat(pieces, ignore_index=True)
            batch.add("costs", rows[rows["amount"].notna()])
            if leftover:
                batch.extra_columns.setdefault(sheet, []).extend(table.header_of(label) for label in leftover)
            batch.notes.append(f"{sheet}: project from '{table.header_of(columns['project_id'])}', month from "
                               f"'{table.header_of(columns['month'])}'")
        return batch


ADAPTER = CostRowsAdapter()

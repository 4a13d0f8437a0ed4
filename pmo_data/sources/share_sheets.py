"""Allocation workbooks kept one sheet per month, each person's time split into shares: the month
is the sheet's name (`Sep2019`, `Oct 2019`), each row a person, and where their time goes written
as pairs of columns, a name and its share:

    Architect | Total Alloc. % | Opportunity | %    | Account | %    | Capability   | %
    Kevin W   | 1              | NMMES-TR    | 0.7  |         |      | Foundation   | 0.1
              |                | OTAs        | 0.2  |                                        <- Kevin W's too

A share is a fraction of a full-time person (`0.7`) or a percentage (`70`, `70%`); it becomes
planned hours as share × the month's working days × `units.hours_per_day`, on the project the
pair names. A row with shares and no person continues the person above; a row with a person and
no share is a heading ('SA') and loads nothing.
"""

from __future__ import annotations

import re

import pandas as pd

from pmo_data import normalize, steps
from pmo_data.readers import Table, Workbook
from pmo_data.recognise import match_columns
from pmo_data.sources.base import Adapter, Batch, ImportContext, Rejected

SHARE_HEADER = re.compile(r"^\s*(?:%|percent|share|anteil|fte|alloc\.?|allocation)\s*$", re.IGNORECASE)
MIN_PAIRS = 2
FRACTION_MAX = 1.5  # shares all at or below this are fractions of a person; above, percentages


def share_pairs(table: Table) -> list[tuple[str, str]]:
    """(name column, share column) for each share column ('%') with a column of names on its left."""
    labels = list(table.frame.columns)
    pairs = []
    for position, (label, header) in enumerate(zip(labels, table.headers)):
        if position and SHARE_HEADER.match(header or "") and not SHARE_HEADER.match(table.headers[position - 1] or ""):
            pairs.append((labels[position - 1], label))
    return pairs


def share_sheets(workbook: Workbook) -> list[tuple[Table, pd.Timestamp, str, list[tuple[str, str]]]]:
    """The sheets named for a month whose rows split a person's time into (name, share) pairs: the
    table, the month, the person column and the pairs."""
    found = []
    for sheet in workbook.data_sheets:
        month = steps.month_of_sheet(sheet.name)
        if month is None:
            continue
        table = sheet.table()
        pairs = share_pairs(table)
        if len(pairs) < MIN_PAIRS:
            continue
        in_pairs = {label for pair in pairs for label in pair}
        person = match_columns(table, "plan").get("resource_name")
        if person is None or person in in_pairs:
            person = next((label for label in table.frame.columns if label not in in_pairs), None)
        if person is not None and person not in in_pairs:
            found.append((table, month, person, pairs))
    return found


class ShareSheetsAdapter(Adapter):
    name = "share_sheets"
    label = "Allocation workbook, one sheet per month (shares of each person's time)"

    def detect(self, workbook: Workbook) -> float:
        return 0.8 if share_sheets(workbook) else 0.0

    def missing(self, workbook: Workbook) -> list[str]:
        return ["sheets named for a month (Sep2019), a person per row and pairs of columns: a name and its share (%)"]

    def adapt(self, workbook: Workbook, context: ImportContext) -> Batch:
        batch = Batch()
        for table, month, person, pairs in share_sheets(workbook):
            frame = table.frame
            batch.rows_read += len(frame)
            batch.sheets_read.add(table.sheet_name)
            shares = pd.DataFrame({share: normalize.number(frame[share], f"{table.sheet_name}: {table.header_of(share)}",
                                                           batch.problems) for _, share in pairs}, index=frame.index)
            scale = 1.0 if shares.max().max() <= FRACTION_MAX else 0.01
            has_share = shares.fillna(0).ne(0).any(axis=1)
            people = normalize.text(frame[person]).where(has_share).ffill()  # a continuation row is the person above's
            pieces = []
            for name, share in pairs:
                where = normalize.text(frame[name])
                amount = shares[share] * scale
                taken = amount.fillna(0).ne(0)
                for index in frame.index[taken & where.isna()]:
                    batch.rejected.append(Rejected("allocations", table.sheet_name, int(index) + 1,
                                                   f"a share ({frame.at[index, share]}) under '{table.header_of(share)}' names nowhere"))
                keep = taken & where.notna() & people.notna()
                pieces.append(pd.DataFrame({
                    "resource_name": people[keep], "project_id": where[keep], "month": month,
                    "planned_hours": normalize.in_hours(amount[keep], "fte", month),
                    "_row": [int(i) + 1 for i in frame.index[keep]], "_sheet": table.sheet_name}))
            allocations = pd.concat(pieces, ignore_index=True)
            batch.add("allocations", allocations)
            batch.add("resources", allocations[["resource_name", "_row", "_sheet"]].drop_duplicates("resource_name"))
            batch.notes.append(f"{table.sheet_name}: {month:%B %Y} from the sheet's name; each share "
                               f"({'a fraction' if scale == 1 else 'a percentage'} of a person) × the month's "
                               f"working days × hours a day, on the name beside it")
        return batch


ADAPTER = ShareSheetsAdapter()

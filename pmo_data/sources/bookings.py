"""Bookings: a person on a project from one date to another at a share of their time, one row
each (Float and Resource Guru exports, hand-kept allocation lists):

    Project Name | Resource Name | Start Date | End Date  | Percentage Allocation
    Pware Decom  | Deepak Arora  | 1-Oct-21   | 31-Dec-21 | 80%

A booking becomes planned hours in each month its range covers: share × the Monday-to-Friday days
of the range inside that month × hours a day (the row's own `Hours per Day`, else
`units.hours_per_day`), the rule the report states. A share is a percentage (`80%`, `80`) or a
fraction of a full-time person (`0.8`, an `FTE` column). A row naming a project and no person is
an unstaffed project, counted apart and not loaded; a row naming a person without both dates or
a share is refused by row and by what it lacks.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from pmo_data import normalize
from pmo_data.config import settings
from pmo_data.readers import Table, Workbook
from pmo_data.recognise import fields_for, match_columns, mostly_dates
from pmo_data.sources.base import Adapter, Batch, ImportContext, Rejected, map_table

NEEDED = {"resource_name", "project_id", "start_date", "finish_date"}
TASK_LIST_FIELDS = {"status", "percent_complete", "_duration"}
DATES_SHARE = 0.6  # of the filled start and end cells that read as dates
MAX_SHARE = 150.0  # percent: a booking above one and a half people is not a share of a person's time
PARSERS = {"start_date": normalize.dates, "finish_date": normalize.dates, "share": normalize.percent,
           "hours_per_day": normalize.number}


def booking_tables(workbook: Workbook) -> list[tuple[Table, dict[str, str]]]:
    """The sheets whose rows are bookings: a person, a project, a date range and a share (the
    values of the dates and the share must agree with their headers)."""
    found = []
    for sheet in workbook.data_sheets:
        table = sheet.table()
        columns = match_columns(table, "booking")
        if not NEEDED <= set(columns) or "share" not in columns:
            continue
        if TASK_LIST_FIELDS & set(match_columns(table, "tasks")):
            continue  # a task list with its assignee and dates is a schedule
        if not all(mostly_dates(table.frame[columns[name]], empty=False, share=DATES_SHARE)
                   for name in ("start_date", "finish_date")):
            continue
        shares = normalize.percent(table.frame[columns["share"]]).dropna()
        if shares.empty or not shares.between(0, MAX_SHARE).all():
            continue
        found.append((table, columns))
    return found


def hours_by_month(bookings: pd.DataFrame, hours_per_day: float) -> pd.DataFrame:
    """Each booking (start_date, finish_date, share in percent, optional hours_per_day) as one row per
    month it covers, with planned_hours = share × weekdays of the range in the month × hours a day."""
    pieces = []
    starts = bookings["start_date"].dt.to_period("M")
    finishes = bookings["finish_date"].dt.to_period("M")
    for month in pd.period_range(starts.min(), finishes.max(), freq="M"):
        inside = bookings[(starts <= month) & (finishes >= month)]
        if inside.empty:
            continue
        first = np.maximum(inside["start_date"].to_numpy("datetime64[D]"), np.datetime64(month.start_time.date(), "D"))
        last = np.minimum(inside["finish_date"].to_numpy("datetime64[D]"), np.datetime64(month.end_time.date(), "D"))
        weekdays = np.busday_count(first, last + np.timedelta64(1, "D"))
        per_day = inside["hours_per_day"].fillna(hours_per_day) if "hours_per_day" in inside else hours_per_day
        pieces.append(inside.assign(month=month.start_time, planned_hours=inside["share"] / 100 * weekdays * per_day))
    return pd.concat(pieces, ignore_index=True) if pieces else bookings.iloc[0:0].assign(month=None, planned_hours=None)


class BookingsAdapter(Adapter):
    name = "bookings"
    label = "Resource bookings (person, project, from, to, share of time)"

    def detect(self, workbook: Workbook) -> float:
        return 0.75 if booking_tables(workbook) else 0.0

    def missing(self, workbook: Workbook) -> list[str]:
        return ["a person, a project, a start and an end date, and a share of time (Allocation %, FTE) on each row"]

    def adapt(self, workbook: Workbook, context: ImportContext) -> Batch:
        batch = Batch()
        hours_per_day = settings()["units"]["hours_per_day"]
        for table, columns in booking_tables(workbook):
            batch.rows_read += len(table.frame)
            rows = map_table(table, fields_for(columns, PARSERS), batch, "allocations")
            unstaffed = rows["resource_name"].isna()
            if unstaffed.any():
                batch.template_rows.append((table.sheet_name, int(unstaffed.sum()), "a project with no person booked"))
            rows = rows[~unstaffed]
            lacking = {"no start date": rows["start_date"].isna(), "no end date": rows["finish_date"].isna(),
                       "no share of time": rows["share"].isna(),
                       "ends before it starts": rows["finish_date"] < rows["start_date"]}
            refused = pd.Series(False, index=rows.index)
            for why, flags in lacking.items():
                for index in rows.index[flags & ~refused]:
                    batch.rejected.append(Rejected("allocations", table.sheet_name, int(rows.at[index, "_row"]),
                                                   f"{rows.at[index, 'resource_name']}: {why}"))
                refused |= flags
            rows = rows[~refused]
            if rows.empty:
                continue
            monthly = hours_by_month(rows, hours_per_day)
            own = " (or the row's hours a day)" if "hours_per_day" in columns else ""
            batch.notes.append(f"{table.sheet_name}: {len(rows)} bookings spread over their months: share × Monday-to-Friday "
                               f"days of the range in the month × {hours_per_day:g} h a day{own}")
            batch.add("allocations", monthly.drop(columns=[c for c in ("start_date", "finish_date", "share", "hours_per_day")
                                                           if c in monthly]))
        return batch


ADAPTER = BookingsAdapter()

"""Timesheets and logged work: who worked how many hours on which day (or week), and on which
project where the sheet says, into `actual_hours` (actual effort; planned hours are allocations).

A sheet qualifies with a date (or week) column and an hours column, under the vocabulary's
`timesheet` synonyms, and not two or more of a task list's start, finish, status and % complete
columns beside them (then it is a schedule with an effort column). The
person is the person column, else the name a cell above the table gives ('Employee: Ann'), else
the file's name, and the report says which. The day of an entry, by the first rule that reads it:

- a date (a cell, or text in any language and order): that day;
- an ISO week (`2026-W05`): its Monday ("week: its Monday");
- a range whose first end is a whole date (`2/24/20-3/09/20`, `2026-10-05 – 2026-10-09`): that day
  ("range: its first day");
- anything else (`week1`, `all days`, `2/1-2` without a year) names no day: the entry is refused,
  by row and by what it says.
"""

from __future__ import annotations

import re

import pandas as pd

from pmo_data import identity, normalize, steps, vocabulary
from pmo_data.readers import Table, Workbook
from pmo_data.recognise import match_columns, mostly_dates
from pmo_data.sources.base import Adapter, Batch, ImportContext, LayoutMismatch, Rejected, extra_json, is_total_label

NAME_WORDS = re.compile(r"time ?sheet|time ?log|time ?report|time ?track|hours log|uren|stundenzettel|hoja de (tiempo|horas)|"
                        r"feuille de temps", re.IGNORECASE)
TASK_LIST_FIELDS = {"start_date", "finish_date", "status", "percent_complete"}
ISO_WEEK = re.compile(r"^\s*\d{4}-?w\d{1,2}", re.IGNORECASE)
PERSON_CELL = re.compile(r"^\s*(?:employee|name|person|team member|naam|mitarbeiter)\s*:?\s*$", re.IGNORECASE)


def timesheet_tables(workbook: Workbook) -> list[tuple[Table, dict[str, str], str | None]]:
    """Each table of hours worked: (table, its columns, the title above it when the sheet holds
    several side by side, one per person)."""
    found = []
    for sheet in workbook.data_sheets:
        whole = sheet.table()
        for title, table in steps.side_by_side_blocks(whole, sheet.head(whole.header_row)):
            columns = match_columns(table, "timesheet")
            if "work_date" in columns and "hours" not in columns and "resource_name" not in columns:
                # one column of hours per person ('Datum | Beschreibung | Tobias | Christina | Summe'): each
                # person's column read as a table of its own, titled by the name
                found += [(table, {**columns, "hours": label}, table.header_of(label)) for label in people_across(table, columns)]
                continue
            if not {"work_date", "hours"} <= set(columns):
                continue
            as_tasks = set(match_columns(table, "tasks"))
            if len(TASK_LIST_FIELDS & as_tasks) >= 2:
                continue  # a task list with an effort column is a schedule, not a log of hours worked
            found.append((table, columns, title))
    return found


CLOCK_RANGE = re.compile(r"^\s*\d{1,2}(?:[:.]\d{2})?\s*[-–]\s*\d{1,2}[:.]\d{2}\s*$")  # '8:15-13:00', '18-19:00'
CLOCK_SHARE = 0.5


def _has_clock_ranges(table: Table) -> bool:
    """A column of times of day from-to ('8:15-13:00'): hours worked, whoever logged them (a
    one-person timesheet names nobody)."""
    for label in table.frame.columns:
        values = table.frame[label].dropna().head(200)
        texts = [v for v in values if isinstance(v, str)]
        if texts and sum(bool(CLOCK_RANGE.match(t)) for t in texts) >= CLOCK_SHARE * len(values):
            return True
    return False


MAX_HOURS_A_DAY = 24
MIN_PEOPLE_ACROSS = 2
MIN_DAYS_LOGGED = 3


def people_across(table: Table, columns: dict[str, str]) -> list[str]:
    """The columns of a log that each hold one person's hours: headed by a name no field is known by
    (not 'Summe', not a date), every filled cell on a dated row a number of hours in a day (a footer
    of totals has no date); at least two of them."""
    known = vocabulary.known_header_keys()
    days = table.frame[columns["work_date"]]
    dated = days.notna() & ~days.map(is_total_label).astype(bool)  # 'Summe' under the dates is the footer
    if dated.sum() < MIN_DAYS_LOGGED or not mostly_dates(days[dated], empty=False):
        return []  # a log is days, each a date
    found = []
    for label, header in zip(table.frame.columns, table.headers):
        if label in columns.values() or not header or is_total_label(header) or any(ch.isdigit() for ch in header) \
                or vocabulary.header_key(header) in known or len(header.split()) > 3:
            continue
        values = table.frame.loc[dated, label].dropna()
        values = values[values.map(lambda v: not (isinstance(v, str) and not v.strip()))]
        numbers = pd.to_numeric(values.map(lambda v: str(v).replace(",", ".").strip()), errors="coerce")
        if len(values) and numbers.notna().all() and numbers.between(0, MAX_HOURS_A_DAY).all():
            found.append(label)
    return found if len(found) >= MIN_PEOPLE_ACROSS else []


def _person_above(workbook: Workbook, table: Table) -> str | None:
    """'Employee | Ann Lee' (or 'Name: Ann Lee') in the rows above the table."""
    sheet = next(s for s in workbook.sheets if s.name == table.sheet_name)
    for row in sheet.head(table.header_row - 1):
        cells = [c for c in row if c is not None]
        for first, second in zip(cells, cells[1:]):
            if isinstance(first, str) and PERSON_CELL.match(first) and isinstance(second, str):
                return second.strip()
    return None


def _work_days(values: pd.Series, column: str, batch: Batch) -> tuple[pd.Series, pd.Series]:
    """The day of each entry and the rule that gave it (None for a plain date); None where no rule
    reads the cell."""
    problems = normalize.Problems()
    days = normalize.dates(values, column, problems)
    for name, decision in problems.decisions.items():
        batch.problems.decide(name, decision)
    rules = pd.Series([None] * len(values), index=values.index, dtype=object)
    weeks = values.map(lambda v: isinstance(v, str) and bool(ISO_WEEK.search(v)))
    rules[weeks & days.notna()] = "week: its Monday"  # date_text reads an ISO week as its Monday
    unread = values[days.isna() & values.notna()]
    firsts = {text: _first_day_of_range(text) for text in set(map(str, unread))}  # once per distinct text
    for index, value in unread.items():
        first = firsts[str(value)]
        if first is not None:
            days[index], rules[index] = first, "range: its first day"
    return days, rules


RANGE_SEPARATORS = (" - ", " – ", "–", " to ", " bis ", " au ", " al ", " tot ")


def _first_day_of_range(text: str) -> pd.Timestamp | None:
    """The first day of a range of dates ('10/05/2026 - 10/09/2026', '2026-10-05 – 2026-10-09',
    '2/24/20-3/09/20'): the text before a separator, or before a hyphen, that is a whole date."""
    cuts = [text.split(separator, 1)[0] for separator in RANGE_SEPARATORS if separator in text]
    cuts += [text[:position] for position, char in enumerate(text) if char == "-"]
    for cut in cuts:
        first = normalize.dates(pd.Series([cut.strip()], dtype=object)).iloc[0] if cut.strip() else pd.NaT
        if pd.notna(first) and cut.strip() != text.strip():
            return first
    return None


class TimesheetAdapter(Adapter):
    name = "timesheet"
    label = "Timesheet (hours worked by person and day)"

    def detect(self, workbook: Workbook) -> float:
        tables = timesheet_tables(workbook)
        if not tables:
            return 0.0
        named = bool(NAME_WORDS.search(workbook.path.stem) or any(NAME_WORDS.search(t.sheet_name) for t, _, _ in tables))
        person = any("resource_name" in columns or title for _, columns, title in tables)
        clock = any(_has_clock_ranges(table) for table, _, _ in tables)
        return min(0.9, 0.45 + 0.15 * (person or clock) + 0.25 * named)

    def missing(self, workbook: Workbook) -> list[str]:
        return ["a date (or week) column and an hours column, and a person column or the person's name above them"]

    def adapt(self, workbook: Workbook, context: ImportContext) -> Batch:
        batch = Batch()
        tables = timesheet_tables(workbook)
        if not tables:
            raise LayoutMismatch("a date (or week) column with an hours column beside it")
        for table, columns, title in tables:
            frame = table.frame
            if frame.empty:
                continue  # a header and no entries
            if table.sheet_name not in batch.sheets_read:  # a sheet of one column per person is read once
                batch.rows_read += len(frame)
            batch.sheets_read.add(table.sheet_name)
            sheet = table.sheet_name
            # a footer ('Sum Hours:', 'Average/Week:' under the hours, no day) is no entry: its text is not read as hours
            footer = frame[columns["work_date"]].isna() & frame[columns["hours"]].map(
                lambda v: isinstance(v, str) and normalize.is_missing(v) is False and not any(c.isdigit() for c in v))
            frame = frame[~footer]
            rows = pd.DataFrame(index=frame.index)
            hours = normalize.hours(frame[columns["hours"]], f"{sheet}: {table.header_of(columns['hours'])}", batch.problems)
            days, rules = _work_days(frame[columns["work_date"]], f"{sheet}: {table.header_of(columns['work_date'])}", batch)
            rows["work_date"], rows["date_rule"], rows["hours"] = days, rules, hours
            if "resource_name" in columns:
                rows["resource_name"] = normalize.text(frame[columns["resource_name"]])
            elif title:  # one of several tables (or columns of hours) side by side, each titled by its person
                rows["resource_name"] = title
                batch.notes.append(f"{sheet}: one table or column of hours per person: {title}'s entries under their name")
            else:
                person = _person_above(workbook, table) or workbook.path.stem
                rows["resource_name"] = person
                batch.notes.append(f"{sheet}: no person column; every entry is {person}'s "
                                   f"({'named above the table' if person != workbook.path.stem else 'the file name'})")
            project_column = normalize.text(frame[columns["project_id"]]) if "project_id" in columns else None
            rows["_row"] = [int(i) + 1 for i in frame.index]
            rows["project_id"] = identity.assign_project(rows, workbook, context, batch, project_column)
            used = set(columns.values())
            rows["extra"] = extra_json(frame, [c for c in frame.columns if c not in used], table)
            rows["_sheet"] = sheet
            rows = self._entries(rows, frame, columns, table, batch)
            for rule, count in rows["date_rule"].value_counts().items():
                batch.notes.append(f"{sheet}: {count} entr{'y' if count == 1 else 'ies'} dated by the rule '{rule}'")
            batch.add("actual_hours", rows)
        return batch

    @staticmethod
    def _entries(rows: pd.DataFrame, frame: pd.DataFrame, columns: dict[str, str], table: Table,
                 batch: Batch) -> pd.DataFrame:
        """The rows that are entries: hours and a day. A row with neither is a blank or a total
        line and goes unmentioned; a row with hours and no day is refused, saying what it names."""
        no_hours = rows["hours"].isna()
        total = pd.Series(False, index=rows.index)
        for name in ("work_date", "resource_name"):
            if name in columns:
                total |= frame[columns[name]].map(is_total_label).astype(bool)
        for index in rows.index[total & ~no_hours]:
            batch.rejected.append(Rejected("actual_hours", table.sheet_name, int(index) + 1, "total row"))
        undated = rows["work_date"].isna() & ~no_hours & ~total
        for index in rows.index[undated]:
            said = frame.at[index, columns["work_date"]]
            reason = "no date" if said is None or (isinstance(said, float) and pd.isna(said)) else \
                f"'{said}' names no day (not a date, an ISO week or a range of dates)"
            batch.rejected.append(Rejected("actual_hours", table.sheet_name, int(index) + 1, reason))
        unnamed = rows["resource_name"].isna() & ~no_hours & ~undated & ~total
        for index in rows.index[unnamed]:
            batch.rejected.append(Rejected("actual_hours", table.sheet_name, int(index) + 1, "no person"))
        return rows[~no_hours & ~undated & ~total & ~unnamed]


ADAPTER = TimesheetAdapter()

"""What every source adapter shares: the Batch it returns and the column-mapping machinery.

An adapter maps a source's columns to canonical fields with a table of `Field` rules
(header aliases + normaliser); `map_table` applies such a table to a readers.Table and
keeps every unmapped column in `extra`, so nothing the user uploaded is thrown away.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from typing import Any, ClassVar

import duckdb
import numpy as np
import pandas as pd
import pyarrow as pa

from pmo_data import normalize, vocabulary
from pmo_data.columns import ARROW_TEXT, arrow_text, distinct, is_text, take, text_column
from pmo_data.readers import Table, Workbook
from pmo_data.steps import is_total_label
from pmo_data.vocabulary import header_key

Normaliser = Callable[..., pd.Series]

# The columns each canonical table accepts from adapters, with their kind (period and
# import_id are added on load). tests/test_schema.py checks this against the DDL.
CANONICAL_COLUMNS: dict[str, dict[str, str]] = {
    "projects": {
        "project_id": "text", "project_name": "text", "program": "text", "portfolio": "text",
        "department": "text", "manager": "text", "sponsor": "text", "strategic_objective": "text",
        "status": "text", "phase": "text", "priority": "text", "start_date": "date", "finish_date": "date",
        "baseline_start": "date", "baseline_finish": "date", "forecast_finish": "date", "budget": "number",
        "actual_cost": "number", "forecast_cost": "number", "percent_complete": "percent",
        "reported_health": "health",
    },
    "tasks": {
        "project_id": "text", "task_id": "text", "parent_task_id": "text", "name": "text", "task_type": "text",
        "is_milestone": "bool", "is_summary": "bool", "status": "text", "status_category": "text",
        "assignee": "text", "start_date": "date", "finish_date": "date", "baseline_start": "date", "baseline_finish": "date",
        "percent_complete": "percent", "estimate_hours": "number", "actual_hours": "number",
        "remaining_hours": "number",
    },
    "risks": {
        "project_id": "text", "risk_id": "text", "kind": "text", "title": "text", "category": "text",
        "probability": "scale", "impact": "scale", "score": "integer", "cost_impact": "number", "owner": "text",
        "status": "text", "raised_date": "date", "due_date": "date", "mitigation": "text",
        "depends_on_project": "text",
    },
    "resources": {"resource_name": "text", "team": "text", "role": "text", "capacity_hours_per_month": "number"},
    "allocations": {"resource_name": "text", "project_id": "text", "month": "date", "planned_hours": "number"},
    "costs": {"project_id": "text", "month": "date", "cost_type": "text", "amount": "number"},
    "status_reports": {
        "project_id": "text", "summary": "text", "achievements": "text", "next_steps": "text", "sponsor_asks": "text",
        "reported_by": "text", "report_date": "date",
    },
    "path_to_green": {"project_id": "text", "action": "text", "owner": "text", "target_date": "date"},
    "gates": {
        "project_id": "text", "gate": "text", "phase": "text", "planned_date": "date", "forecast_date": "date",
        "status": "text",
    },
    "actual_hours": {"resource_name": "text", "project_id": "text", "work_date": "date", "date_rule": "text",
                     "hours": "number"},
}

# Who wrote a commentary row and when: set by the writer (an import, or an editor on the Project
# page), never read from a file.
WRITER_COLUMNS = ("origin", "written_by", "written_at")

# Columns without which a row means nothing: rows missing one are rejected, with the reason.
REQUIRED_COLUMNS: dict[str, list[str]] = {
    "projects": ["project_id"],
    "tasks": ["project_id", "task_id"],
    "risks": ["project_id", "risk_id", "kind"],
    "resources": ["resource_name"],
    "allocations": ["resource_name", "project_id", "month", "planned_hours"],
    "costs": ["project_id", "month", "cost_type", "amount"],
    "status_reports": ["project_id"],
    "path_to_green": ["project_id", "action"],
    "gates": ["project_id", "gate"],
    "actual_hours": ["resource_name", "work_date", "hours"],
}


@dataclass(frozen=True)
class Field:
    """One canonical field: the source headers that may hold it, and how to read them.
    `repeated`: the header may appear several times (Jira's Sprint, Labels): all are joined."""

    headers: tuple[str, ...]
    parse: Normaliser = normalize.text
    repeated: bool = False

    def __init__(self, *headers: str, parse: Normaliser = normalize.text, repeated: bool = False):
        object.__setattr__(self, "headers", headers)
        object.__setattr__(self, "parse", parse)
        object.__setattr__(self, "repeated", repeated)


FIRST_MONTH = "first_month"  # what a user can give for a file to be read: the calendar month of a plan's M1


class LayoutMismatch(Exception):
    """The file lacks what an adapter needs (a sheet, a column): a refusal in the user's words,
    never a bug. Any other exception an adapter raises is a bug of the product's. `asks` names
    what the user can give instead (FIRST_MONTH)."""

    def __init__(self, message: str, asks: frozenset[str] = frozenset()):
        super().__init__(message)
        self.asks = asks


@dataclass
class Rejected:
    table: str
    sheet: str
    row: int
    reason: str


@dataclass
class Batch:
    """What an adapter makes of one file: canonical rows per table, and what it noticed."""

    tables: dict[str, pd.DataFrame] = field(default_factory=dict)
    rows_read: int = 0
    rejected: list[Rejected] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    problems: normalize.Problems = field(default_factory=normalize.Problems)
    extra_columns: dict[str, list[str]] = field(default_factory=dict)
    period_hint: dt.date | None = None
    as_of: dt.date | None = None  # the export date the file states, if any
    sheets_read: set[str] = field(default_factory=set)  # the importer reports the others
    pending_extra: dict[str, Future] = field(default_factory=dict)  # table → its `extra` column, still being built
    unknown_status_words: dict[str, int] = field(default_factory=dict)  # word → tasks, for the mapping step
    notes: list[str] = field(default_factory=list)  # how the file was read: identity rules, scales, units
    template_rows: list[tuple[str, int, str]] = field(default_factory=list)  # (sheet, count, why): placeholders, not entries
    columns_read: dict[str, ColumnsRead] = field(default_factory=dict)  # table → how its first sheet was read

    def add_projects(self, names: dict[str, str | None], sheet: str) -> None:
        """Project rows for the projects a tracker export covers: id → name (the id when none)."""
        ids = [i for i in names if isinstance(i, str)]
        self.add("projects", pd.DataFrame({"project_id": ids, "project_name": [names[i] if isinstance(names[i], str) else i for i in ids],
                                           "_row": 0, "_sheet": sheet}))

    def add(self, table: str, frame: pd.DataFrame) -> None:
        """Appends rows for a canonical table (with their `extra`, when it was still being built:
        matched by row, so rows the adapter dropped meanwhile are no matter)."""
        pending = self.pending_extra.pop(table, None)
        if pending is not None:
            frame = frame.assign(extra=pending.result().reindex(frame.index))
        if table in self.tables and len(self.tables[table]):
            frame = pd.concat([self.tables[table], frame], ignore_index=True)
        self.tables[table] = frame


@dataclass(frozen=True)
class ColumnsRead:
    """How a canonical table was read from a sheet: the mapping editor starts from it."""

    sheet: str
    header_row: int
    columns: dict[str, int]  # canonical column → the position of the sheet's column it was read from


@dataclass
class ImportContext:
    """What the user said about the file: the reporting period and, optionally, the project."""

    period: dt.date | None
    project: str | None = None
    first_month: dt.date | None = None  # the calendar month of a plan's 'M1' (months numbered from its start)


class Adapter:
    """Base of every source adapter. Subclasses set `name` and `label` and implement both methods.
    `adapt` reads any file it is given: it returns a batch, or raises LayoutMismatch naming what
    the file lacks; it never raises anything else (tests/test_adapters_never_raise.py)."""

    name: ClassVar[str]
    label: ClassVar[str]

    def detect(self, workbook: Workbook) -> float:
        """Confidence, 0..1, that the file is of this source."""
        raise NotImplementedError

    def adapt(self, workbook: Workbook, context: ImportContext) -> Batch:
        raise NotImplementedError

    def missing(self, workbook: Workbook) -> list[str]:
        """What the file lacks to be of this source, in a PMO analyst's words (for a refusal)."""
        return []


class CsvTaskAdapter(Adapter):
    """A tracker whose export is one CSV of tasks, recognised by a set of its headers."""

    signature: ClassVar[set[str]]
    fields: ClassVar[dict[str, "Field"]]
    row_number_without_id: ClassVar[bool] = True  # an export without its ID column: rows keyed by their number

    def detect(self, workbook: Workbook) -> float:
        return share_of_headers(self.table_of(workbook), self.signature)

    def table_of(self, workbook: Workbook) -> Table:
        """The export's table, from a CSV or from a workbook it was saved as (its first sheet with
        data); a tracker writing its headers in the user's language translates them here."""
        return first_table(workbook)

    def missing(self, workbook: Workbook) -> list[str]:
        headers = self.table_of(workbook).header_key_set
        absent = sorted(h for h in self.signature if header_key(h) not in headers)
        return [f"the columns {', '.join(repr(h) for h in absent)}"] if absent else []

    def read_tasks(self, workbook: Workbook) -> tuple[Batch, Table, pd.DataFrame]:
        """A new batch, the file's table, and its rows mapped through `fields`."""
        batch = Batch()
        table = self.table_of(workbook)
        batch.rows_read = len(table.frame)
        tasks = map_table(table, self.fields, batch, "tasks", defer_extra=True)
        tasks = with_columns(tasks, *[c for c in self.fields if c != "project_id"])
        if self.row_number_without_id and tasks["task_id"].isna().all():
            # a power-up's or an add-on's export without the tracker's card ID: the row is the card
            tasks["task_id"] = row_ids(tasks, batch, "tasks")
        return batch, table, tasks


def row_ids(frame: pd.DataFrame, batch: Batch, what: str = "rows") -> list[str]:
    """Ids for rows of a file that has no key column: the row number in the file."""
    batch.notes.append(f"{what}: no ID column; each is identified by its row number in the file (e.g. 'row 2')")
    return [f"row {int(r)}" for r in frame["_row"]]


def first_table(workbook: Workbook) -> Table:
    """The table of a one-table export, whatever its file type: a CSV's, or the first sheet with
    data of a workbook (an export opened and saved in Excel, a query saved as .xlsx)."""
    return workbook.first_data_sheet.table()


def with_columns(frame: pd.DataFrame, *names: str) -> pd.DataFrame:
    """The frame with these columns present (empty where the file had none): an optional column a
    layout leaves out (a flat query's Parent) is then simply empty."""
    for name in names:
        if name not in frame:
            frame[name] = pd.Series([None] * len(frame), index=frame.index, dtype=object)
    return frame


def header_match(table: Table, fields: dict[str, Field]) -> dict[str, list[str]]:
    """canonical field -> the column labels holding it (first alias found wins; every
    repetition of that header when the field is `repeated`, else the first)."""
    found = {}
    for canonical, rule in fields.items():
        for alias in rule.headers:
            labels = table.labels_for(alias)
            if labels:
                found[canonical] = labels if rule.repeated else labels[:1]
                break
    return found


def joined(frame: pd.DataFrame, labels: list[str]) -> pd.Series:
    """One column from several: the non-empty values of each row joined with '; '."""
    if len(labels) == 1:
        return frame[labels[0]]
    return pd.Series([normalize.multi_value(list(row)) for row in frame[labels].itertuples(index=False)],
                     index=frame.index, dtype=object)


def share_of_headers(table: Table, expected: set[str]) -> float:
    """The share of `expected` header names present in the table, compared by their keys
    (vocabulary.header_key: case, spacing, underscores and accents aside)."""
    wanted = {header_key(e) for e in expected}
    return len(wanted & table.header_key_set) / len(wanted) if wanted else 0.0


# `extra` is built by DuckDB, which does not hold the GIL: beside the parsing of the fields, and
# (defer_extra) beside whatever the adapter does with the rows until it adds them to the batch
_EXTRA_BUILDER = ThreadPoolExecutor(max_workers=1, thread_name_prefix="extra-json")


def without_rows(table: Table, rows: pd.Series, why: str, batch: Batch) -> Table:
    """The table less the rows flagged (a header said again, a user's skip rule), counted in the
    report as rows that are no entries."""
    if not rows.any():
        return table
    batch.template_rows.append((table.sheet_name, int(rows.sum()), why))
    return replace(table, frame=table.frame[~rows])


def map_table(table: Table, fields: dict[str, Field], batch: Batch, canonical_table: str,
              defer_extra: bool = False) -> pd.DataFrame:
    """Applies field rules to a table: canonical columns, parsed, plus `extra` holding the rest.
    With `defer_extra`, `extra` is filled in when the rows are added to the batch (`Batch.add`):
    an adapter that reads `extra` itself must not defer it.

    Unparsable values are recorded in `batch.problems` under "sheet: header".
    """
    found = header_match(table, fields)
    frame = table.frame
    batch.sheets_read.add(table.sheet_name)
    positions = {label: position for position, label in enumerate(frame.columns)}
    batch.columns_read.setdefault(canonical_table, ColumnsRead(
        table.sheet_name, table.header_row,
        {canonical: positions[labels[0]] for canonical, labels in found.items() if not canonical.startswith("_")}))
    used = {label for labels in found.values() for label in labels}
    leftover = [label for label in frame.columns if label not in used]
    if leftover:
        batch.extra_columns.setdefault(table.sheet_name, []).extend(
            dict.fromkeys(table.header_of(label) for label in leftover))
    extra = _EXTRA_BUILDER.submit(extra_json, frame, leftover, table)
    out = pd.DataFrame(index=frame.index)
    for canonical, labels in found.items():
        out[canonical] = fields[canonical].parse(joined(frame, labels), f"{table.sheet_name}: {labels[0]}", batch.problems)
    if defer_extra:
        batch.pending_extra[canonical_table] = extra
        out["extra"] = None
    else:
        out["extra"] = extra.result()
    out["_row"] = [int(i) + 1 for i in frame.index]
    out["_sheet"] = table.sheet_name
    return out


def _json_value(value: Any) -> Any:
    if isinstance(value, (dt.timedelta, pd.Timedelta)):  # a duration cell ('1:30'): as the sheet shows it
        minutes = round(value.total_seconds() / 60)
        return f"{minutes // 60}:{minutes % 60:02d}"
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def _as_text(column: pd.Series) -> pa.ChunkedArray | pa.Array:
    """A column as Arrow text (null when empty): CSV columns already are, without a copy; typed
    cells (a date, a number) are written as their JSON value would be."""
    if not is_text(column):
        codes, values = distinct(column)
        column = pd.Series(take([str(_json_value(v)) for v in values], codes), dtype=object)
    return arrow_text(column)


def _members(column: pd.Series, key: str) -> pa.Array:
    """`"key": value` per row (null when the cell is empty), each distinct value encoded once;
    for typed columns (numbers, dates) the JSON keeps their type."""
    prefix = json.dumps(key, ensure_ascii=False) + ": "
    if pd.api.types.infer_dtype(column, skipna=True) in {"floating", "integer", "mixed-integer-float"}:
        return _number_members(column, prefix)
    codes, values = distinct(column)
    encoded = [prefix + json.dumps(_json_value(v), ensure_ascii=False) for v in values]
    return pa.array(take(encoded, codes), type=ARROW_TEXT)


def _number_members(column: pd.Series, prefix: str) -> pa.Array:
    """`_members` for a column of numbers (ids and counts are often all different): whole numbers
    are written by numpy, the others by json.dumps, as `_json_value` would."""
    numbers = pd.to_numeric(column, errors="coerce").to_numpy(dtype=float, na_value=np.nan)
    present = ~np.isnan(numbers)
    whole = present & np.isfinite(numbers) & (np.floor(numbers) == numbers) & (np.abs(numbers) < 2**53)
    encoded = np.full(len(numbers), None, dtype=object)
    encoded[whole] = numbers[whole].astype(np.int64).astype(str).astype(object)
    for i in np.flatnonzero(present & ~whole):
        encoded[i] = json.dumps(float(numbers[i]))
    encoded[present] = [prefix + text for text in encoded[present]]
    return pa.array(encoded, type=ARROW_TEXT)


def extra_json(frame: pd.DataFrame, labels: list[str], table: Table | None = None) -> pd.Series:
    """Per row, a JSON object of the non-empty cells of `labels`, keyed by their header (the
    values of a repeated header joined with '; ' as text); None when a row has none. Cells are
    kept as the file has them (a "TBD" stays "TBD"): only empty cells are left out.

    Text columns are encoded by DuckDB, other columns once per distinct value, and DuckDB joins
    each row's members: a 100,000-row × 140-column export takes well under a second."""
    if not labels:
        return pd.Series([None] * len(frame), index=frame.index, dtype=object)
    groups: dict[str, list[str]] = {}
    for label in labels:
        groups.setdefault(table.header_of(label) if table else label, []).append(label)
    cells, members, params = {}, [], {}
    for number, (key, group) in enumerate(groups.items()):
        if len(group) == 1 and not is_text(frame[group[0]]):
            cells[f"m{number}"] = _members(frame[group[0]], key)
            members.append(f"m{number}")
            continue
        names = [f"t{number}_{i}" for i in range(len(group))]
        cells.update({name: _as_text(frame[label]) for name, label in zip(names, group)})
        value = names[0] if len(names) == 1 else f"nullif(concat_ws('; ', {', '.join(names)}), '')"
        members.append(f"$k{number} || to_json({value})")
        params[f"k{number}"] = json.dumps(key, ensure_ascii=False) + ": "
    # column names are generated here (m0, t1_0 …); keys are bound parameters
    statement = f"select nullif('{{' || concat_ws(', ', {', '.join(members)}) || '}}', '{{}}') from cells"
    with duckdb.connect(config={"arrow_large_buffer_size": True}) as con:  # large strings: what pandas keeps
        con.register("cells", pa.table(cells))
        result = con.sql(statement, params=params).to_arrow_table().column(0)
    return text_column(result, frame.index)


def month_columns(table: Table, first_month: dt.date | None = None) -> dict[str, pd.Timestamp]:
    """Column label -> month, for the columns whose header names a month (normalize.month_of_header);
    none when two columns name the same month (a Gantt chart's daily ruler is not a plan). Without
    named months, columns numbered from the plan's start (`M1 … M9`) are months from `first_month`."""
    found = {label: month for label, raw in zip(table.frame.columns, table.headers)
             if (month := normalize.month_of_header(raw)) is not None}
    if not found and first_month is not None:
        yearless = yearless_month_columns(table)
        # 'Jan … Dec' are read from the given year, counting on past December; 'M1 …' from the given month
        start = pd.Timestamp(first_month.year, next(iter(yearless.values())) if yearless else first_month.month, 1)
        numbers = relative_month_columns(table) or {label: (month - start.month) % 12 + 1 for label, month in yearless.items()}
        found = {label: start + pd.DateOffset(months=number - 1) for label, number in numbers.items()}
    return found if len(set(found.values())) == len(found) else {}


def relative_month_columns(table: Table) -> dict[str, int]:
    """Column label -> number, for headers counting months from a plan's start ('M1', 'Month 2')."""
    found = {label: number for label, raw in zip(table.frame.columns, table.headers)
             if (number := normalize.relative_month_of_header(raw)) is not None}
    return found if len(found) >= 2 and len(set(found.values())) == len(found) else {}


YEARLESS_MIN = 3  # three month names in calendar order are a plan's months, not words that look like one


def yearless_month_columns(table: Table) -> dict[str, int]:
    """Column label -> month of the year, for the first run of adjacent headers naming months in
    calendar order without a year ('Jan', 'Feb', 'Mar' …, or 'Jul' … 'Jun' across a year end)."""
    run: list[tuple[str, int]] = []
    for label, raw in zip(table.frame.columns, table.headers):
        month = normalize.month_of_year_of_header(raw)
        if month is not None and (not run or month == run[-1][1] % 12 + 1) and len(run) < 12:
            run.append((label, month))
        elif len(run) >= YEARLESS_MIN:
            break
        else:
            run = [(label, month)] if month is not None else []
    return dict(run) if len(run) >= YEARLESS_MIN else {}


def unpivot_months(table: Table, id_fields: dict[str, Field], batch: Batch, parse_amount: Normaliser,
                   canonical_table: str = "allocations", value_column: str = "planned_hours") -> pd.DataFrame:
    """A wide plan (attributes, then one column per month) as rows of `canonical_table`: one per
    attribute row and month with a non-zero amount (in `value_column`). `Total` rows are
    rejected, never loaded."""
    months = month_columns(table)
    wide = table.frame
    batch.sheets_read.add(table.sheet_name)
    ids = {canonical: labels[0] for canonical, labels in header_match(table, id_fields).items()}
    # a plan whose rows are told apart by no mapped column (every attribute a constant) has no total to find
    is_total = wide[next(iter(ids.values()))].map(is_total_label) if ids else pd.Series(False, index=wide.index)
    for position in [i for i, flag in enumerate(is_total) if flag]:
        batch.rejected.append(Rejected(canonical_table, table.sheet_name, table.row_number(position), "total row"))
    wide = wide[~is_total.astype(bool)]
    attributes = pd.DataFrame(index=wide.index)
    for canonical, label in ids.items():
        attributes[canonical] = id_fields[canonical].parse(wide[label], f"{table.sheet_name}: {label}", batch.problems)
    leftover = [label for label in wide.columns if label not in set(ids.values()) and label not in months]
    attributes["extra"] = extra_json(wide, leftover, table)
    attributes["_row"] = [int(i) + 1 for i in wide.index]
    attributes["_sheet"] = table.sheet_name
    pieces = []
    for label, month in months.items():
        amounts = parse_amount(wide[label], f"{table.sheet_name}: {label}", batch.problems)
        piece = attributes.assign(month=month, **{value_column: amounts})
        pieces.append(piece[piece[value_column].fillna(0) != 0])
    if not pieces:
        batch.warnings.append(f"{table.sheet_name}: no month columns found")
        return attributes.iloc[0:0]
    return pd.concat(pieces, ignore_index=True)

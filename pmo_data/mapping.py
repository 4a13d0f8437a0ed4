"""Column mappings for spreadsheets no adapter recognises: which header holds which canonical
column. Written once (a TOML file for the CLI, the mapping editor in the app), stored in the
database under the signature of the headers, and found again for next month's file.

    name = "Finance project list"
    table = "projects"             # the canonical table the rows go to
    sheet = "Sheet1"               # optional: the sheet to read (default: the first)
    header_row = 4                 # optional: the header's row in the sheet (default: found by scoring rows)
    months_across = false          # optional: one column per month, each becomes a row (plans, costs)
    unit = "days"                  # optional, plans and timesheets: hours (default), days, fte or headcount
    [columns]                      # canonical column = header, or "column C" for a column with no header
    project_id = "Proj No"         # or "the group heading above": a group's title row over its entries
    project_name = "Title"
    budget = "Budget €"
    [fallbacks]                    # optional: where the first column is empty, read this one
    budget = "Approved budget"
    [skip_when]                    # optional: rows whose cell under a header says this are skipped
    Type = "Group"
    [constants]                    # optional: one value for every row (the project of a one-project file)
    owner = "PMO"
    [[also]]                       # optional: another sheet of the same workbook, read by the same recipe
    sheet = "Costs"                # (each sheet named once), with its own table, columns, months, unit …
    table = "costs"
    months_across = true
    [also.columns]
    project_id = "Project"
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import tomllib
from dataclasses import dataclass, field, replace
from pathlib import Path

import pandas as pd
import tomli_w

from pmo_data import audit, normalize, sql, steps, vocabulary
from pmo_data.config import settings
from pmo_data.readers import Table, Workbook
from pmo_data.sources.base import (CANONICAL_COLUMNS, REQUIRED_COLUMNS, Adapter, Batch, Field, ImportContext, map_table,
                                   month_columns, row_ids, unpivot_months, without_rows)
from pmo_data.sources.canonical import PARSERS

# Tables a wide layout (one column per month) can fill: the column each month's cell goes to.
MONTH_VALUE_COLUMN = {"allocations": "planned_hours", "costs": "amount"}
HOURS_COLUMN = {"allocations": "planned_hours", "actual_hours": "hours"}  # the tables whose numbers have a unit


class MappingError(Exception):
    """The mapping cannot be used; the message is one line for the user."""


def header_signature(table: Table) -> str:
    """The same for any file with the same headers, whatever their order or case."""
    headers = sorted({h.strip().casefold() for h in table.headers if h and h.strip()})
    return hashlib.sha256("\x1f".join(headers).encode()).hexdigest()[:24]


# Required columns a recipe may leave unmapped: a RAID entry is a risk, the project is the file's (or the one
# chosen on import), and a task list without IDs (a board export) keys its tasks by their row number
FILLED_WHEN_UNMAPPED = frozenset({"kind", "project_id", "task_id"})


@dataclass
class ColumnMapping:
    name: str
    table: str
    columns: dict[str, str]
    sheet: str | None = None
    signature: str | None = field(default=None, compare=False)
    header_row: int | None = None  # 1-based; None: the row the header finder scores highest
    constants: dict[str, str] = field(default_factory=dict)  # canonical column -> the value of every row
    months_across: bool = False  # one column per month: each month's cell becomes a row
    unit: str = "hours"  # what a plan's or timesheet's numbers count (normalize.HOUR_UNITS); made hours on import
    also: tuple[ColumnMapping, ...] = ()  # the workbook's other sheets in the same recipe (a Resource and a Costs sheet)
    fallbacks: dict[str, str] = field(default_factory=dict)  # canonical column -> the header read where the first is empty
    skip_when: dict[str, str] = field(default_factory=dict)  # header -> value: rows saying it are skipped ('Type' = 'Group')
    hierarchy: str | None = None  # tasks: parents from an outline level, WBS numbers or heading rows (HIERARCHIES)
    hierarchy_column: str | None = None  # the header holding the outline level or the WBS number
    subitems: bool = False  # tasks: subitem blocks under their items, each with its own 'Subitems' header row

    @property
    def parts(self) -> tuple[ColumnMapping, ...]:
        """This sheet's mapping, then each other sheet's."""
        return (self, *self.also)

    def validate(self) -> None:
        for part in self.also:
            if part.also:
                raise MappingError(f"mapping '{self.name}': a sheet of the recipe has no sheets of its own")
            part.validate()
        sheets = [part.sheet for part in self.parts]
        if self.also and (None in sheets or len(set(sheets)) < len(sheets)):
            raise MappingError(f"mapping '{self.name}': each sheet of a recipe of several sheets is named, once")
        if self.table not in CANONICAL_COLUMNS:
            raise MappingError(f"mapping '{self.name}': unknown table '{self.table}' (one of {', '.join(CANONICAL_COLUMNS)})")
        unknown = (set(self.columns) | set(self.constants)) - set(CANONICAL_COLUMNS[self.table])
        if unknown:
            raise MappingError(f"mapping '{self.name}': {self.table} has no column {', '.join(sorted(unknown))}")
        if self.months_across and self.table not in MONTH_VALUE_COLUMN:
            raise MappingError(f"mapping '{self.name}': months across the columns fit only {' or '.join(MONTH_VALUE_COLUMN)}")
        loose = set(self.fallbacks) - set(self.columns)
        if loose:
            raise MappingError(f"mapping '{self.name}': a fallback needs the column it stands in for: "
                               f"{', '.join(sorted(loose))} is not mapped")
        if self.fallbacks and self.months_across:
            raise MappingError(f"mapping '{self.name}': fallbacks fit rows read as they are, not months across")
        if self.unit not in normalize.HOUR_UNITS:
            raise MappingError(f"mapping '{self.name}': unit must be one of {', '.join(normalize.HOUR_UNITS)}, not {self.unit!r}")
        if self.unit != "hours" and self.table not in HOURS_COLUMN:
            raise MappingError(f"mapping '{self.name}': a unit fits only {' or '.join(HOURS_COLUMN)} (money goes to costs)")
        if self.unit in ("fte", "headcount") and self.table != "allocations":
            raise MappingError(f"mapping '{self.name}': {self.unit} needs a month per row: it fits only allocations")
        if self.hierarchy is not None:
            if self.hierarchy not in HIERARCHIES:
                raise MappingError(f"mapping '{self.name}': hierarchy is one of {', '.join(HIERARCHIES)}, not {self.hierarchy!r}")
            if self.table != "tasks":
                raise MappingError(f"mapping '{self.name}': a hierarchy fits only tasks")
            if self.hierarchy in HIERARCHY_COLUMNS and not self.hierarchy_column:
                raise MappingError(f"mapping '{self.name}': name the column holding the {HIERARCHIES[self.hierarchy]}")
        if self.subitems and self.table != "tasks":
            raise MappingError(f"mapping '{self.name}': subitems fit only tasks")
        if self.subitems and self.hierarchy:
            raise MappingError(f"mapping '{self.name}': the parents come from the subitem blocks or from the hierarchy, "
                               "not both")
        if self.header_row is not None and self.header_row < 1:
            raise MappingError(f"mapping '{self.name}': the header row is a row number from 1")
        missing = set(REQUIRED_COLUMNS[self.table]) - set(self.columns) - set(self.constants) - FILLED_WHEN_UNMAPPED
        missing -= {"month", MONTH_VALUE_COLUMN.get(self.table)} if self.months_across else set()
        if missing:
            raise MappingError(f"mapping '{self.name}': map a header to {', '.join(sorted(missing))}")

    def source_sheet(self, workbook: Workbook):
        sheet = workbook.sheet(self.sheet) if self.sheet else workbook.sheets[0]
        if sheet is None:
            raise MappingError(f"mapping '{self.name}': the file has no sheet '{self.sheet}'")
        return sheet

    def source_table(self, workbook: Workbook) -> Table:
        table = self.source_sheet(workbook).table(self.header_row)
        absent = [h for h in [*self.columns.values(), *self.fallbacks.values(), *self.skip_when,
                              *([self.hierarchy_column] if self.hierarchy in HIERARCHY_COLUMNS else [])]
                  if not table.labels_for(h) and h != steps.GROUP_HEADING]
        if absent:
            raise MappingError(f"mapping '{self.name}': the file has no column {', '.join(repr(h) for h in absent)}")
        if self.months_across and not month_columns(table):
            raise MappingError(f"mapping '{self.name}': no column of row {table.header_row} names a month")
        return table

    def _data(self) -> dict:
        data = {"name": self.name, "table": self.table, "sheet": self.sheet, "header_row": self.header_row,
                "months_across": self.months_across or None, "unit": None if self.unit == "hours" else self.unit,
                "columns": self.columns, "fallbacks": self.fallbacks or None, "skip_when": self.skip_when or None,
                "constants": self.constants or None, "hierarchy": self.hierarchy,
                "hierarchy_column": self.hierarchy_column if self.hierarchy in HIERARCHY_COLUMNS else None,
                "subitems": self.subitems or None}
        data = {key: value for key, value in data.items() if value is not None}
        if self.also:  # each other sheet as an [[also]] table, after this sheet's keys
            data["also"] = [{k: v for k, v in part._data().items() if k != "name"} for part in self.also]
        return data

    def to_toml(self) -> str:
        """The mapping as the TOML `--mapping FILE.toml` reads (empty and default keys left out)."""
        return tomli_w.dumps(self._data())

    def to_json(self) -> str:
        return json.dumps(self._data(), ensure_ascii=False)

    @classmethod
    def from_json(cls, text: str, signature: str | None = None) -> ColumnMapping:
        data = json.loads(text)
        mapping = _from_data(data, data["name"])
        return replace(mapping, signature=signature)


def load_toml(path: str | Path) -> ColumnMapping:
    path = Path(path)
    try:
        with path.open("rb") as f:
            data = tomllib.load(f)
    except (OSError, tomllib.TOMLDecodeError) as error:
        raise MappingError(f"{path.name}: cannot read the mapping ({error})") from None
    return _from_toml_data(data, path.stem, path.name)


def from_toml_text(text: str, default_name: str) -> ColumnMapping:
    """A mapping edited as TOML text (the Data page's saved mappings)."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise MappingError(f"the mapping is not valid TOML ({error})") from None
    return _from_toml_data(data, default_name, "the mapping")


KEYS = {"name", "table", "sheet", "columns", "header_row", "constants", "months_across", "unit", "also", "fallbacks",
        "skip_when", "hierarchy", "hierarchy_column", "subitems"}


def _from_data(data: dict, name: str, where: str = "the mapping") -> ColumnMapping:
    unknown = set(data) - KEYS
    if unknown:
        raise MappingError(f"{where}: unknown key {', '.join(sorted(unknown))}")
    also = data.get("also", [])
    if not isinstance(also, list) or not all(isinstance(part, dict) for part in also):
        raise MappingError(f"{where}: also must be a list of sheets ([[also]] tables)")
    return ColumnMapping(name, data.get("table", ""), dict(data.get("columns", {})), data.get("sheet"),
                         header_row=data.get("header_row"),
                         constants={k: str(v) for k, v in (data.get("constants") or {}).items()},
                         months_across=bool(data.get("months_across", False)), unit=str(data.get("unit") or "hours"),
                         fallbacks={k: str(v) for k, v in (data.get("fallbacks") or {}).items()},
                         skip_when={k: str(v) for k, v in (data.get("skip_when") or {}).items()},
                         hierarchy=data.get("hierarchy"), hierarchy_column=data.get("hierarchy_column"),
                         subitems=bool(data.get("subitems", False)),
                         also=tuple(_from_data(part, name, f"{where}, sheet {part.get('sheet', '?')}") for part in also))


def _from_toml_data(data: dict, default_name: str, where: str) -> ColumnMapping:
    mapping = _from_data(data, data.get("name", Path(default_name).name), where)
    mapping.validate()
    return mapping


class MappedAdapter(Adapter):
    """Reads a file through a user's column mapping (built per mapping, not discovered)."""

    name = "mapped"
    label = "Saved column mapping"

    def __init__(self, mapping: ColumnMapping):
        self.mapping = mapping

    def detect(self, workbook: Workbook) -> float:
        try:
            for part in self.mapping.parts:
                part.source_table(workbook)
        except MappingError:
            return 0.0
        return 1.0

    def adapt(self, workbook: Workbook, context: ImportContext) -> Batch:
        batch = Batch()
        for part in self.mapping.parts:  # one workbook, several sheets, one recipe
            self._read(part, workbook, context, batch)
        return batch

    @staticmethod
    def _read(part: ColumnMapping, workbook: Workbook, context: ImportContext, batch: Batch) -> None:
        table = part.source_table(workbook)
        subitems = 0
        if part.subitems:  # each block under its item, its own header's names read into the item's columns
            table, subitems = steps.split_subitem_blocks(table)
        if steps.GROUP_HEADING in part.columns.values():  # a group's title row over its entries, as a column
            table, heading_rows = steps.carry_group_headings(table)
            mapped = ", ".join(vocabulary.label(c) for c, h in part.columns.items() if h == steps.GROUP_HEADING)
            batch.notes.append(f"{table.sheet_name}: {len(heading_rows)} group heading rows (one cell and nothing else) "
                               f"give the {mapped} of the rows under them, as the mapping says")
        # row filters: the header said again, and the user's rules ('Type' = 'Group')
        table = without_rows(table, steps.rows_repeating_the_header(table), "rows repeating the header", batch)
        rule = ", ".join(f"{h} = {v}" for h, v in part.skip_when.items())
        table = without_rows(table, steps.rows_where(table, part.skip_when), f"rows the mapping skips ({rule})", batch)
        kinds = CANONICAL_COLUMNS[part.table]
        fields = {column: Field(header, parse=PARSERS[kinds[column]]) for column, header in part.columns.items()}
        batch.rows_read += len(table.frame)
        if part.months_across:
            value = MONTH_VALUE_COLUMN[part.table]
            rows = unpivot_months(table, fields, batch, PARSERS[kinds[value]], part.table, value)
        else:
            rows = map_table(table, fields, batch, part.table)
            for column, header in part.fallbacks.items():  # finish = 'Timeline end', else 'Date'
                label = table.labels_for(header)[0]
                second = PARSERS[kinds[column]](table.frame[label], f"{table.sheet_name}: {label}", batch.problems)
                filled = rows[column].isna() & second.notna()
                rows[column] = rows[column].astype(object).where(~filled, second)
                if filled.any():
                    batch.notes.append(f"{part.table}: {int(filled.sum())} empty '{part.columns[column]}' read from "
                                       f"'{header}', as the mapping says")
        if part.table == "tasks" and ("task_id" not in rows or rows["task_id"].isna().all()):
            rows["task_id"] = row_ids(rows, batch, "tasks")
        if part.hierarchy:
            _with_hierarchy(part, table, rows, batch)
        if part.subitems:
            _with_items(table, rows, subitems, batch)
        for column, value in part.constants.items():
            rows[column] = PARSERS[kinds[column]](pd.Series([value] * len(rows), index=rows.index, dtype=object),
                                                  f"{column} for every row", batch.problems)
        if part.unit != "hours":
            column = HOURS_COLUMN[part.table]
            rows[column] = normalize.in_hours(rows[column], part.unit, rows.get("month"))
            batch.notes.append(f"{part.table}: values read as {part.unit}, as the mapping says: "
                               f"in hours at {settings()['units']['hours_per_day']:g} h a day"
                               + (" and the month's working days" if part.unit in ("fte", "headcount") else ""))
        if part.table == "risks" and "kind" not in rows:
            rows["kind"] = "risk"
        if "project_id" in CANONICAL_COLUMNS[part.table] and "project_id" not in rows:
            rows["project_id"] = context.project or workbook.path.stem
        batch.add(part.table, rows)


def _with_items(table: Table, rows: pd.DataFrame, subitems: int, batch: Batch) -> None:
    """Each subitem's parent: the task of the item row above its block; items with subitems are summaries."""
    id_of_row = dict(zip(rows["_row"].astype(int), rows["task_id"]))
    parents = table.frame[steps.PARENT_ROW].reindex(rows.index)
    rows["parent_task_id"] = [id_of_row.get(int(p)) if pd.notna(p) else None for p in parents]
    rows["is_summary"] = rows["task_id"].isin(set(rows["parent_task_id"].dropna()))
    batch.notes.append(f"{table.sheet_name}: {subitems} subitems read under their items, as the mapping says")


# How a recipe reads a task list's hierarchy: the structural steps the schedule adapters use
HIERARCHIES = {"outline": "outline level (1, 2, 3 …)", "wbs": "WBS number (1, 1.2, 1.2.3)",
               "headings": "rows with only a name, heading the rows under them"}
HIERARCHY_COLUMNS = {"outline", "wbs"}


def _with_hierarchy(part: ColumnMapping, table: Table, rows: pd.DataFrame, batch: Batch) -> None:
    """Each task's parent (and which tasks are summaries) by the recipe's hierarchy (the tasks have
    their IDs: the file's, else their row numbers)."""
    ids = rows["task_id"].tolist()
    if part.hierarchy == "headings":
        headings = steps.group_heading_rows(rows.drop(columns=["task_id"]), "name", share=1.0) if "name" in rows else None
        levels = [1 if heading else 2 for heading in headings] if headings is not None else None
    else:
        values = table.frame[table.labels_for(part.hierarchy_column)[0]]
        levels = steps.wbs_levels(normalize.text(values)) if part.hierarchy == "wbs" else \
            [int(v) if pd.notna(v) else None for v in normalize.number(values, f"{table.sheet_name}: {part.hierarchy_column}",
                                                                       batch.problems)]
    if not levels or not any(level and level > 1 for level in levels):
        batch.warnings.append(f"{table.sheet_name}: no hierarchy read from the {HIERARCHIES[part.hierarchy]}"
                              + (f" in '{part.hierarchy_column}'" if part.hierarchy in HIERARCHY_COLUMNS else ""))
        return
    rows["parent_task_id"] = steps.parents_from_outline(levels, ids)
    rows["is_summary"] = rows["task_id"].isin(set(rows["parent_task_id"].dropna()))
    batch.notes.append(f"{table.sheet_name}: hierarchy from the {HIERARCHIES[part.hierarchy]}, as the mapping says: "
                       f"{int(rows['is_summary'].sum())} summary tasks")


def saved_mapping_for(store, workbook: Workbook) -> ColumnMapping | None:
    """The saved mapping whose header signature matches a sheet of the file, if any. The
    signature is of the header the finder scores highest, whatever row the mapping reads, so a
    mapping that picked its own header row is found again too."""
    for sheet in workbook.sheets:
        signature = header_signature(sheet.table())
        rows = store.query("select mapping from column_mappings where header_signature = $s", {"s": signature})
        if len(rows):
            return ColumnMapping.from_json(rows["mapping"].iloc[0], signature)
    return None


def save_mapping(cur, mapping: ColumnMapping, workbook: Workbook) -> None:
    """Stores the mapping under the signature of the sheet it reads (inside the import's transaction)."""
    signature = header_signature(mapping.source_sheet(workbook).table())
    cur.execute("delete from column_mappings where header_signature = ?", [signature])
    cur.execute(
        "insert into column_mappings values (?, ?, ?, ?, ?)",
        [signature, mapping.name, mapping.table, mapping.to_json(), dt.datetime.now(dt.UTC).replace(tzinfo=None)],
    )


def saved_mappings(store) -> pd.DataFrame:
    return store.query("select name, target_table, saved_at, header_signature, mapping from column_mappings order by name")


def delete_mapping(store, signature: str, user: str | None = None, role: str | None = None) -> str:
    """Forgets a saved mapping (audited); returns its name. A bad recipe must never apply itself
    every month with no way out."""
    found = saved_mappings(store)
    found = found[found["header_signature"] == signature]
    if found.empty:
        raise MappingError("no saved mapping has those headers")
    name = str(found["name"].iloc[0])
    with store.transaction(f"deleting the mapping '{name}'") as cur:
        cur.execute(sql.load("edits/delete_column_mapping"), {"signature": signature})
        audit.log(cur, "mapping deleted", user, f"'{name}' ({found['target_table'].iloc[0]})", role=role)
    return name


def replace_mapping(store, signature: str, mapping: ColumnMapping, user: str | None = None, role: str | None = None) -> None:
    """A saved mapping edited (as TOML): validated, then stored under the same headers, audited."""
    mapping.validate()
    with store.transaction(f"saving the mapping '{mapping.name}'") as cur:
        cur.execute(sql.load("edits/replace_column_mapping"), {
            "signature": signature, "name": mapping.name, "table": mapping.table, "mapping": mapping.to_json(),
            "saved_at": dt.datetime.now(dt.UTC).replace(tzinfo=None)})
        audit.log(cur, "mapping edited", user, f"'{mapping.name}' ({mapping.table})", role=role)


def sheet_headers(workbook: Workbook) -> dict[str, list[str]]:
    """The headers of each sheet (as the header-row detection finds them), for a mapping editor."""
    return {sheet.name: [h for h in sheet.table().headers if h] for sheet in workbook.sheets}


def column_letter(position: int) -> str:
    """'C' for the 0-based position 2: how a spreadsheet names a column."""
    letters = ""
    position += 1
    while position:
        position, remainder = divmod(position - 1, 26)
        letters = chr(ord("A") + remainder) + letters
    return letters


def role_choices(table: Table) -> list[str]:
    """What a canonical column can be read from: each column (column_choices) and, where the sheet has
    group heading rows (steps.lone_title_rows), the group heading above each row."""
    return [*column_choices(table), *([steps.GROUP_HEADING] if steps.lone_title_rows(table.frame).any() else [])]


def column_choices(table: Table) -> list[str]:
    """What a mapping can name in a table: each header, and 'column C' for a column whose header
    cell is blank (or repeats an earlier one), so any column can be mapped."""
    seen, choices = set(), []
    for position, header in enumerate(table.headers):
        key = header.strip().casefold() if header else ""
        choices.append(header if key and key not in seen else f"column {column_letter(position)}")
        seen.add(key)
    return choices


def suggest(column: str, headers: list[str]) -> str | None:
    """The header that most plainly names a canonical column ('Project ID' for project_id)."""
    def plain(text: str) -> str:
        return "".join(c for c in text.casefold() if c.isalnum())

    wanted = plain(column)
    return next((h for h in headers if plain(h) == wanted), None) or next(
        (h for h in headers if wanted in plain(h) or plain(h) in wanted and len(plain(h)) > 3), None)

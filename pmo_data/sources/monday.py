"""monday.com: board › ⋯ › Export board to Excel.

Layout: the board name in row 1; each group is a title row (column A only), its own header row,
then its items; an item with subitems is followed by a sub-header row (`Subitems, Name, Owner,
Status, Date…`) and the subitem rows, whose column A is blank; blank rows between groups. Status
words are the board's labels (Done, Working on it, Stuck …). The board is the project.
"""

from __future__ import annotations

import json
import re

import pandas as pd

from pmo_data import normalize
from pmo_data.readers import Table, Workbook, header_text, unique_labels
from pmo_data.recognise import TASK_PARSERS, fields_for, match_columns
from pmo_data.sources.base import Adapter, Batch, Field, ImportContext, header_match, map_table
from pmo_data.steps import SUBITEM_MARKERS

# A board's item header and subitem marker in the languages monday.com exports in
ITEM_HEADERS = {"name", "item", "item name", "nom", "élément", "nombre", "elemento", "nome", "naam", "element"}
FIELDS = {
    "task_id": Field("Item ID", "Item Id"),
    "name": Field("Name", "Item", "Item Name"),
    "assignee": Field("Person", "Owner", "People", "Assignee"),
    "status": Field("Status"),
    "finish_date": Field("Date", "Due date", "Due Date", "Deadline", parse=normalize.dates),
    "estimate_hours": Field("Time Estimation", "Estimated hours", parse=normalize.hours),
}
TIMELINE = re.compile(r"^\s*(\S+)\s*[-–]\s*(\S+)\s*$")
# a board's usual columns, in the languages monday.com exports in: evidence that a sheet is a board
BOARD_WORDS = {"person", "owner", "status", "date", "timeline", "priority", "personne", "propriétaire", "statut",
               "échéancier", "chronologie", "priorité", "persona", "estado", "cronograma", "prioridad", "zeitleiste",
               "priorität", "pessoa", "prioridade"}
TASK_FIELDS_OF_A_BOARD = {"name", "assignee", "status", "start_date", "finish_date", "estimate_hours", "percent_complete"}


def _cells(row: list) -> list:
    return [c for c in row if c is not None]


def _is_header(row: list) -> bool:
    return row and isinstance(row[0], str) and row[0].strip().casefold() in ITEM_HEADERS and len(_cells(row)) >= 2


def parse_board(grid: list[list]) -> tuple[str | None, list[dict]]:
    """The board name and one record per item and subitem: its cells by header, its group,
    its grid row, and its parent item's row for subitems."""
    board = _cells(grid[0])[0] if grid and _cells(grid[0]) else None
    records, header, sub_header, group, last_item = [], None, None, None, None
    for index, row in enumerate(grid[1:], start=1):
        cells = _cells(row)
        if not cells:
            sub_header = None
            continue
        if isinstance(row[0], str) and row[0].strip().casefold() in SUBITEM_MARKERS:
            sub_header = [header_text(c) for c in row[1:]]
            continue
        following = next((r for r in grid[index + 1:] if _cells(r)), None)
        if len(cells) == 1 and row[0] is not None and following is not None and _is_header(following):
            group, sub_header = str(row[0]).strip(), None
            continue
        if _is_header(row):
            header, sub_header = [header_text(c) for c in row], None
            continue
        if row[0] is None and sub_header is not None:
            values = dict(zip(sub_header, row[1:]))
            if _named(values):
                records.append({"cells": values, "group": group, "row": index, "parent_row": last_item})
        elif header is not None and row[0] is not None:
            records.append({"cells": dict(zip(header, row)), "group": group, "row": index, "parent_row": None})
            last_item, sub_header = index, None
        # else: a group's summary (footer) row, blank under Name, holding only the group's roll-ups
    return board, records


def _named(cells: dict) -> bool:
    return any(value is not None for header, value in cells.items() if header.casefold() in ITEM_HEADERS)


class MondayAdapter(Adapter):
    name = "monday"
    label = "monday.com board export"

    def detect(self, workbook: Workbook) -> float:
        grid = workbook.sheets[0].head(40)  # an .xlsx export, or the same board saved as CSV
        headers = [r for r in grid if _is_header(r)]
        groups = sum(1 for i, r in enumerate(grid[1:-1], start=1) if len(_cells(r)) == 1 and _is_header(grid[i + 1]))
        if not headers or not groups:
            return 0.0
        words = {header_text(c).casefold() for c in headers[0]}
        return min(1.0, 0.5 + 0.1 * len(words & BOARD_WORDS) + 0.1 * (groups > 0) + 0.1 * bool(words & SUBITEM_MARKERS))

    def adapt(self, workbook: Workbook, context: ImportContext) -> Batch:
        batch = Batch()
        sheet = workbook.sheets[0]
        board, records = parse_board(sheet.grid)
        batch.rows_read = len(records)
        columns = list(dict.fromkeys(h for r in records for h in r["cells"] if h))
        frame = pd.DataFrame([[r["cells"].get(c) for c in columns] for r in records], columns=unique_labels(columns),
                             index=[r["row"] for r in records], dtype=object)
        table = Table(sheet.name, columns, 0, frame)
        # the board's English column names, else the vocabulary's words in every language it has ('Statut')
        known = header_match(table, FIELDS)
        found = {name: label for name, label in match_columns(table, "tasks").items()
                 if name not in known and name in TASK_FIELDS_OF_A_BOARD}
        tasks = map_table(table, {**FIELDS, **fields_for(found, TASK_PARSERS)}, batch, "tasks")
        generated = [f"{r['row'] + 1}" for r in records]
        tasks["task_id"] = tasks["task_id"].fillna(pd.Series(generated, index=tasks.index)) if "task_id" in tasks \
            else generated
        id_of_row = dict(zip([r["row"] for r in records], tasks["task_id"]))
        tasks["parent_task_id"] = [id_of_row.get(r["parent_row"]) for r in records]
        tasks["is_summary"] = tasks["task_id"].isin(set(tasks["parent_task_id"].dropna()))
        used = header_match(table, {"finish_date": FIELDS["finish_date"]}).get("finish_date", [])
        for alias in FIELDS["finish_date"].headers:  # an item's Date, else a subitem's Due Date (columns of their own)
            for label in table.labels_for(alias):
                if label not in used:
                    used.append(label)
                    tasks["finish_date"] = tasks["finish_date"].fillna(
                        normalize.dates(frame[label], f"{sheet.name}: {alias}", batch.problems))
        timeline = table.labels_for("Timeline")
        if timeline:
            spans = frame[timeline[0]].map(lambda v: TIMELINE.match(str(v)) if v is not None else None)
            starts = spans.map(lambda m: m.group(1) if m else None)
            ends = spans.map(lambda m: m.group(2) if m else None)
            tasks["start_date"] = normalize.dates(starts, f"{sheet.name}: Timeline", batch.problems)
            ends_parsed = normalize.dates(ends, f"{sheet.name}: Timeline", batch.problems)
            tasks["finish_date"] = tasks["finish_date"].fillna(ends_parsed) if "finish_date" in tasks else ends_parsed
        project_id = context.project or board or workbook.path.stem
        tasks["project_id"] = project_id
        tasks["extra"] = [_with_group(extra, r["group"]) for extra, r in zip(tasks["extra"], records)]
        batch.add("tasks", tasks)
        batch.add_projects({project_id: board}, sheet.name)
        return batch


def _with_group(extra: str | None, group: str | None) -> str | None:
    values = json.loads(extra) if isinstance(extra, str) and extra else {}
    if group:
        values["Group"] = group
    return json.dumps(values, ensure_ascii=False) if values else None


ADAPTER = MondayAdapter()

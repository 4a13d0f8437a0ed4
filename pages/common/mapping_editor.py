"""The Data page's mapping editor: how a user tells the importer to read a layout it does not
know, or reads wrongly — the header row, which column holds what (a column with no header by its
letter), months across the columns, a value for every row — and what unknown status words mean.
Everything it builds is a `ColumnMapping` or a word → category table; the importer does the reading."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import replace
from pathlib import Path

import pandas as pd
import streamlit as st

from pages.common import display
from pmo_data import normalize, steps, vocabulary
from pmo_data.importer import DATE_ORDERS, STATUS_CATEGORIES
from pmo_data.mapping import (FILLED_WHEN_UNMAPPED, HIERARCHIES, HIERARCHY_COLUMNS, HOURS_COLUMN, MONTH_VALUE_COLUMN,
                              ColumnMapping, MappingError, column_choices, column_letter, role_choices, suggest)
from pmo_data.readers import UnreadableFile, Workbook, read_workbook
from pmo_data.sources.base import CANONICAL_COLUMNS, REQUIRED_COLUMNS, ColumnsRead, month_columns

NOT_IN_FILE = "—"
FIXED_VALUE = "The same for every row…"
SHEET_ROWS_SHOWN = 12
CATEGORY_LABELS = {"todo": "To do", "in_progress": "In progress", "done": "Done"}
TABLE_LABELS = {"projects": "Projects (one row per project)", "tasks": "Tasks and milestones",
                "risks": "Risks, issues and other RAID entries", "resources": "People (the roster)",
                "allocations": "Planned hours per person and month", "costs": "Costs per project and month",
                "status_reports": "Status reports (one per project and month)",
                "path_to_green": "Path to green (actions, owners, dates)", "gates": "Stage gates",
                "actual_hours": "Hours logged (timesheet: person, day, hours)"}
UNIT_WORDS = {"hours": "hours", "days": "days (person-days)", "fte": "FTE (full-time equivalents)",
              "headcount": "headcount (people, each full time)"}


def top_of_sheet(sheet, rows: int) -> pd.DataFrame:
    """The sheet's first rows as the spreadsheet shows them: numbered rows, lettered columns."""
    grid = sheet.head(rows)
    width = max((len(row) for row in grid), default=0)
    frame = pd.DataFrame([[("" if c is None else str(c)) for c in row] + [""] * (width - len(row)) for row in grid],
                         columns=[column_letter(i) for i in range(width)], dtype=object)
    frame.index = range(1, len(frame) + 1)
    return frame


@st.cache_resource(show_spinner=False, max_entries=4, ttl=dt.timedelta(minutes=30))
def workbook_of(path_text: str) -> Workbook | None:
    """A refused upload as read, kept between reruns: every click in the editor reruns the page,
    and a large file must not be read again each time. None for a file that cannot be read."""
    try:
        return read_workbook(path_text)
    except UnreadableFile:
        return None


def mapping_editor(path: Path, mapping_key: str, expanded: bool, workbook: Workbook | None = None,
                   read: tuple[str, ColumnsRead] | None = None) -> None:
    """Writes the mapping the user builds to session_state[mapping_key] (as JSON) on "Use".
    `workbook`: the file as the preview read it (else it is read here, once). `read`: the table the
    import read and how (sheet, header row, columns): the editor starts from it, not from guesses."""
    workbook = workbook or workbook_of(str(path))
    if workbook is None:  # the file's own error is shown already: nothing here can map it
        return
    title = ("Map its columns (once: next month's file with the same headers will need no questions)" if expanded
             else "Not read right? Map its columns yourself")
    key = path.parent.name
    with st.expander(title, expanded=expanded):
        name = st.text_input("Name of this layout", value=path.stem, key=f"map-name-{key}")
        names = [s.name for s in workbook.sheets]
        read_table, reading = read or (None, None)
        sheet_name = st.selectbox("Sheet", names, key=f"map-sheet-{key}",
                                  index=names.index(reading.sheet) if reading and reading.sheet in names else 0) \
            if len(names) > 1 else names[0]
        sheet = workbook.sheet(sheet_name)
        if reading and reading.sheet != sheet_name:
            reading = None  # another sheet chosen: nothing was read from it
        st.caption("The top of the sheet, as the spreadsheet numbers its rows and letters its columns:")
        st.dataframe(top_of_sheet(sheet, SHEET_ROWS_SHOWN), height=180)
        detected = sheet.table().header_row
        header_row = st.number_input("Header row (the row holding the column names)", min_value=1,
                                     max_value=max(sheet.row_count, 1), value=reading.header_row if reading else detected,
                                     step=1, key=f"map-header-{key}",
                                     help=f"Found by scoring the rows: row {detected}. Change it if titles or notes "
                                          "were taken for the header.")
        table = sheet.table(int(header_row))
        if reading and reading.header_row != table.header_row:
            reading = None  # another header row: the columns read no longer line up
        tables = list(CANONICAL_COLUMNS)
        target = st.selectbox("The rows are", tables, key=f"map-table-{key}", format_func=TABLE_LABELS.get,
                              index=tables.index(read_table) if read_table in tables else 0,
                              help="Which kind of thing each row of the sheet is")
        if reading and target != read_table:
            reading = None
        months_across = False
        if target in MONTH_VALUE_COLUMN:
            found = month_columns(table)
            months_across = st.checkbox(f"One column per month: each month's cell becomes a row ({len(found)} month "
                                        f"columns in row {table.header_row})", value=bool(found), disabled=not found,
                                        key=f"map-months-{key}-{target}")
        unit = "hours"
        if target in HOURS_COLUMN:  # a plan in days or FTE keeps its people's load right
            units = [u for u in normalize.HOUR_UNITS if target == "allocations" or u in ("hours", "days")]
            unit = st.selectbox("The numbers are", units, key=f"map-unit-{key}-{target}", format_func=UNIT_WORDS.get,
                                help="Made hours on import: days × the hours of a working day; FTE and headcount × "
                                     "the month's working days × the hours of a day. Money goes to “Costs” instead.")
        columns, constants = mapping_fields(key, target, table, months_across, reading)
        left, right = st.columns(2)  # a row filter: 'Type' = 'Group' rows are headings, not entries
        skip_column = left.selectbox("Skip the rows where", [None, *column_choices(table)], key=f"map-skip-{key}",
                                     format_func=lambda c: "— (skip none)" if c is None else c,
                                     help="Rows repeating the header are always skipped.")
        skip_value = right.text_input("says", key=f"map-skip-value-{key}", disabled=skip_column is None) \
            if skip_column else ""
        skip_when = {skip_column: skip_value.strip()} if skip_column and skip_value.strip() else {}
        fallbacks = {}
        if columns and not months_across:  # finish = 'Timeline end', else 'Date'
            left, right = st.columns(2)
            empty = left.selectbox("Where this is empty on a row…", [None, *columns], key=f"map-fallback-{key}-{target}",
                                   format_func=lambda c: "—" if c is None else vocabulary.label(c).capitalize())
            if empty is not None:
                other = right.selectbox("…read it from", [h for h in column_choices(table) if h != columns[empty]],
                                        key=f"map-fallback-to-{key}-{target}-{empty}")
                fallbacks = {empty: other} if other else {}
        subitems = target == "tasks" and steps.has_subitem_blocks(table) and st.checkbox(
            "Subitems under their items (a block headed 'Subitems' under an item is its children)", value=True,
            key=f"map-subitems-{key}", help="Each subitem's cells are read by its block's own header, and its item "
                                            "becomes its parent, as a monday.com board export lays them out")
        hierarchy, hierarchy_column = (None, None) if subitems else hierarchy_picker(key, target, table, reading)
        # one workbook, several sheets, one recipe: the sheets mapped so far wait here until "Use"
        parts_key = f"{mapping_key}-other-sheets"
        others = [ColumnMapping.from_json(part) for part in st.session_state.get(parts_key, [])]
        if others:
            st.caption("Also in this recipe: " + display.md("; ".join(
                f"sheet {part.sheet} as {TABLE_LABELS[part.table].split(' (')[0].lower()}" for part in others)))
        mapping = ColumnMapping(name, target, columns, sheet_name if len(names) > 1 else None,
                                header_row=None if header_row == detected else int(header_row),
                                constants=constants, months_across=months_across, unit=unit, fallbacks=fallbacks,
                                skip_when=skip_when, hierarchy=hierarchy, hierarchy_column=hierarchy_column,
                                subitems=bool(subitems))
        use, another = st.columns(2)
        if use.button("Use this mapping", key=f"map-use-{key}", icon=":material/check:"):
            recipe = replace(mapping, also=tuple(p for p in others if p.sheet != mapping.sheet))
            if _fits(recipe, workbook):
                st.session_state[mapping_key] = recipe.to_json()
                st.session_state.pop(parts_key, None)
                st.rerun()
        if len(names) > 1 and another.button("Add this sheet, then map another sheet", key=f"map-add-{key}",
                                             icon=":material/add:") and _fits(mapping, workbook):
            st.session_state[parts_key] = [p.to_json() for p in others if p.sheet != mapping.sheet] + [mapping.to_json()]
            st.rerun()


def hierarchy_picker(key: str, target: str, table, reading: ColumnsRead | None) -> tuple[str | None, str | None]:
    """Tasks only: where the hierarchy is (an outline level column, a WBS column, heading rows), if anywhere.
    It starts where a header says it: 'Outline Level', 'WBS'."""
    if target != "tasks":
        return None, None
    headers = column_choices(table)
    keys = [vocabulary.header_key(h) for h in headers]
    start = "outline" if "outlinelevel" in keys else "wbs" if any(k.startswith("wbs") for k in keys) else None
    left, right = st.columns(2)
    hierarchy = left.selectbox("Parents and children", [None, *HIERARCHIES], key=f"map-hierarchy-{key}",
                               index=[None, *HIERARCHIES].index(start) if reading is None else 0,
                               format_func=lambda h: "— (a flat list)" if h is None else f"from the {HIERARCHIES[h]}",
                               help="Summary tasks and the tasks under them, as MS Project's Outline Level, a WBS "
                                    "number or a phase's heading row says")
    if hierarchy not in HIERARCHY_COLUMNS:
        return hierarchy, None
    wanted = next((h for h, k in zip(headers, keys) if k == "outlinelevel" or (hierarchy == "wbs" and k.startswith("wbs"))),
                  headers[0] if headers else None)
    column = right.selectbox(f"The column holding the {HIERARCHIES[hierarchy].split(' (')[0]}", headers,
                             index=headers.index(wanted) if wanted in headers else 0, key=f"map-hierarchy-column-{key}")
    return hierarchy, column


def _fits(recipe: ColumnMapping, workbook: Workbook) -> bool:
    """Whether the recipe is whole and reads this workbook, every sheet of it; else why not, shown."""
    try:
        recipe.validate()
        for part in recipe.parts:
            part.source_table(workbook)
    except MappingError as error:
        st.error(display.md(error))
        return False
    return True


def mapping_fields(key: str, target: str, table, months_across: bool,
                   reading: ColumnsRead | None = None) -> tuple[dict[str, str], dict[str, str]]:
    """One picker per canonical column: a column of the sheet, a value for every row, or nothing;
    each starts at the column the import read it from, else (nothing read) at a header that names it."""
    choices = [NOT_IN_FILE, FIXED_VALUE, *role_choices(table)]
    filled_by_months = {"month", MONTH_VALUE_COLUMN.get(target)} if months_across else set()
    wanted = [c for c in CANONICAL_COLUMNS[target] if c not in filled_by_months and c != "extra"]
    columns, constants, suggested = {}, {}, set()
    grid = st.columns(3)
    for index, column in enumerate(wanted):
        cell = grid[index % 3]
        if reading is not None:  # what detection read, and nothing else: no guess beside it
            position = reading.columns.get(column)
            guess = choices[2 + position] if position is not None and 2 + position < len(choices) else None
        else:
            guess = suggest(column, [c for c in choices[2:] if c not in suggested])  # one column suggested once
        suggested.add(guess)
        required = column in REQUIRED_COLUMNS[target] and column not in FILLED_WHEN_UNMAPPED
        picked = cell.selectbox(f"{vocabulary.label(column).capitalize()}{' *' if required else ''}", choices,
                                index=choices.index(guess) if guess else 0, key=f"map-{key}-{target}-{column}")
        if picked == FIXED_VALUE:
            value = cell.text_input(f"{vocabulary.label(column).capitalize()} for every row", key=f"map-{key}-{target}-{column}-fixed")
            if value.strip():
                constants[column] = value.strip()
        elif picked != NOT_IN_FILE:
            columns[column] = picked
    return columns, constants


def status_word_editor(key: str, unknown: dict[str, int]) -> None:
    """Asks what each unknown status word means; the answers (JSON in session_state) go into the
    preview and are saved with the import, for every later file."""
    state_key = f"status-words-{key}"
    st.warning(f"{sum(unknown.values())} tasks have a status word the dashboard does not know: "
               + display.md(", ".join(f"“{w}” ({n})" for w, n in unknown.items()))
               + ". Until you say what each means they count in no category.", icon=":material/help:")
    chosen = json.loads(st.session_state.get(state_key) or "{}")
    with st.container(horizontal=True):
        for word in unknown:
            # a widget's label is Markdown: the word from the file is escaped like any text from the data
            pick = st.selectbox(f"“{display.md(word, display.NAME)}” means", [None, *STATUS_CATEGORIES], key=f"status-{key}-{word}",
                                format_func=lambda c: "…" if c is None else CATEGORY_LABELS[c], width=200)
            if pick:
                chosen[word] = pick
    if chosen and st.button("Use these status words", key=f"status-use-{key}", icon=":material/check:"):
        st.session_state[state_key] = json.dumps(chosen, ensure_ascii=False)
        st.rerun()


LEAVE_EMPTY = "leave empty"
# the importer's date orders (importer.DATE_ORDERS), in words, and leaving the cells empty
UNREAD_CHOICES = {**dict(zip(DATE_ORDERS, ("Dates are day first (31/12)", "Dates are month first (12/31)"))),
                  LEAVE_EMPTY: "Leave these cells empty"}


def unread_values_editor(key: str, unparsed: dict[str, dict], left_empty: list[str]) -> None:
    """Values of a mapped column that cannot be read: the column, how many, what they look like,
    and the fix: an order for a date column, or leaving them empty by choice. Until each column
    has an answer the file is not imported (importer.UnreadValues)."""
    waiting = {column: entry for column, entry in unparsed.items() if column not in left_empty}
    cells = sum(entry["count"] for entry in waiting.values())
    if not waiting:
        st.caption("Left empty by your choice: " + display.md(", ".join(left_empty)))
        return
    st.warning(f"{cells} value{'s' if cells != 1 else ''} in {len(waiting)} column{'s' if len(waiting) != 1 else ''} "
               "could not be read. Say how to read each column, or leave those cells empty: the file is not "
               "imported until you do.", icon=":material/error:")
    display.dataframe(pd.DataFrame([{"column": column, "cells": entry["count"], "expected": entry.get("kind", "value"),
                                     "as written in the file": ", ".join(entry.get("texts") or entry["examples"])}
                                    for column, entry in waiting.items()]), hide_index=True, key=f"unread-table-{key}")
    orders = json.loads(st.session_state.get(f"date-orders-{key}") or "{}")
    empty = list(left_empty)
    with st.container(horizontal=True):
        for number, (column, entry) in enumerate(waiting.items()):
            options = [None, *DATE_ORDERS, LEAVE_EMPTY] if entry.get("kind") == "date" else [None, LEAVE_EMPTY]
            pick = st.selectbox(display.md(column, display.NAME), options, key=f"unread-{key}-{number}", width=260,
                                format_func=lambda c: "Choose…" if c is None else UNREAD_CHOICES[c])
            if pick == LEAVE_EMPTY:
                empty.append(column)
            elif pick:
                orders[column] = pick
    if st.button("Use these choices", key=f"unread-use-{key}", icon=":material/check:"):
        st.session_state[f"date-orders-{key}"] = json.dumps(orders, ensure_ascii=False)
        st.session_state[f"left-empty-{key}"] = json.dumps(sorted(set(empty)), ensure_ascii=False)
        st.rerun()

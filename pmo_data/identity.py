"""Whose rows these are: the project of a file's rows and the identity of each row, by one set of
rules every adapter shares, each decision stated in the import report.

Project: `--project` / "Load under project" → the file's project column → the prefix of its issue
keys (TAX-44 → TAX) → a title or summary cell naming the project (`Project Name | X`) → the file name.
Row identity: the file's key; where it has none, the row number in the file (stable for that file).
"""

from __future__ import annotations

import re
from typing import Any

import pandas as pd

from pmo_data import advice, normalize, steps, vocabulary
from pmo_data.readers import Workbook
from pmo_data.sources.base import Batch, ImportContext, row_ids

ISSUE_KEY = re.compile(r"^([A-Za-z][A-Za-z0-9_]*)-\d+$")
PROJECT_LABELS = {vocabulary.header_key(w) for w in (
    "Project", "Project Name", "Project Title", "Project name:", "Name of project", "Projekt", "Projektname",
    "Projet", "Nom du projet", "Proyecto", "Nombre del proyecto", "Projeto", "Nome do projeto", "Projectnaam")}
# Template text: a cell that is all one <…> or […] ('[Week title Eg: Pre IP]'), never a real title with a tag in
# brackets ('[03102025] Account Codes Updating', 'BE: Reports [Viewing of Payment Details]')
PLACEHOLDER = re.compile(r"^<[^>]+>$|^\[[^\]]+\]$|\beg[:.]|\be\.g\.|^x+$|^tbd$|^enter\b|^insert\b", re.IGNORECASE)
TITLE_SEARCH_ROWS = 15


def key_prefixes(keys: pd.Series) -> pd.Series:
    """The project key of each issue key (TAX-44 → TAX); None where a value is not such a key."""
    return keys.map(lambda k: m.group(1) if isinstance(k, str) and (m := ISSUE_KEY.match(k.strip())) else None)


def is_placeholder(value: Any) -> bool:
    """Template text nobody replaced: '<DOMAIN NAME>', '[Week title Eg: Pre IP]', 'TBD'."""
    return isinstance(value, str) and bool(PLACEHOLDER.search(value.strip()))


def project_named_in_cells(workbook: Workbook) -> tuple[str, str, str] | None:
    """A project name that a label cell states (`Project Name | X`, `Project: X`), on a summary sheet
    or above a table: (name, where, sheet)."""
    for sheet in workbook.sheets:
        if workbook.kind == "csv":
            break
        for number, row in enumerate(sheet.head(TITLE_SEARCH_ROWS), start=1):
            cells = [c for c in row if c is not None]
            for position, cell in enumerate(cells):
                if not isinstance(cell, str):
                    continue
                inline = re.match(r"^\s*(project(?: name| title)?|projekt|projet|proyecto|projeto)\s*[:：]\s*(.+)$", cell, re.I)
                if inline and not is_placeholder(inline.group(2)):
                    return inline.group(2).strip(), f"'{sheet.name}' row {number}", sheet.name
                if vocabulary.header_key(cell) in PROJECT_LABELS and position + 1 < len(cells):
                    value = cells[position + 1]
                    if isinstance(value, str) and value.strip() and not is_placeholder(value) \
                            and vocabulary.header_key(value) not in vocabulary.known_header_keys():
                        return " ".join(value.split()), f"'{sheet.name}' row {number}", sheet.name
    return None


def assign_project(frame: pd.DataFrame, workbook: Workbook, context: ImportContext, batch: Batch,
                   column: pd.Series | None = None, keys: pd.Series | None = None) -> pd.Series:
    """The project of every row, by the rules above; the rule used is noted in the report. `column`:
    the file's project column (already read), `keys`: its issue keys."""
    index = frame.index
    if context.project:
        batch.notes.append(f"project: {context.project} (chosen at import)")
        return pd.Series(context.project, index=index, dtype=object)
    project = pd.Series([None] * len(index), index=index, dtype=object)
    if column is not None:
        project = normalize.text(column).astype(object).where(lambda s: s.notna(), None)
        if project.notna().all():
            batch.notes.append("project: from the file's project column")
            return project
        filled = steps.fill_down_groups(project)
        if filled is not None:
            batch.notes.append(f"project: from the file's project column; {int(project.isna().sum() - filled.isna().sum())} "
                               "rows with an empty project cell under a project's rows are that project's (filled down)")
            project = filled
    if keys is not None and project.isna().any():
        prefixes = key_prefixes(keys)
        if prefixes.notna().any():
            found = sorted(set(prefixes.dropna()))
            batch.notes.append(f"project: from the issue keys' prefix ({', '.join(found[:5])}): the file has no project column")
            project = project.fillna(prefixes)
    if project.isna().any():
        named = project_named_in_cells(workbook)
        if named:
            batch.notes.append(f"project: '{named[0]}', named in {named[1]}")
            batch.sheets_read.add(named[2])
            project = project.fillna(named[0])
    if project.isna().any():
        batch.notes.append(f"project: '{workbook.path.stem}', the file's name (the file names no project: choose one "
                           + advice.either("under “Load under project”", "with --project") + ")")
        project = project.fillna(workbook.path.stem)
    return project


NOT_A_KEY_SHARE = 0.3  # of the rows sharing their ID with another entry: then the ID labels, it does not identify


def _shared_keys(frame: pd.DataFrame, keys: pd.Series) -> dict[str, int]:
    """The IDs that different entries share (not the same entry written twice), with how many rows
    share each. One ID on two rows is a typo; one on every row, or many shared, is not a key."""
    content = [c for c in frame.columns if not c.startswith("_") and c != "extra"]
    distinct = frame[content].astype(str).assign(_key=keys.astype(str)).drop_duplicates()
    counts = distinct["_key"].value_counts()
    return {key: int(n) for key, n in counts.items() if n > 1}


def with_row_ids(frame: pd.DataFrame, column: str, batch: Batch, what: str) -> pd.Series:
    """The key column, its empty cells (or all of it, when the file has none) filled with the row
    number. A column that repeats its values on rows of different entries (a task number over its
    subtasks, 'Risk' on every row) is no key: the row numbers are, and the report says so."""
    if column not in frame:
        return pd.Series(row_ids(frame, batch, what), index=frame.index, dtype=object)
    keys = frame[column].dropna()
    shared = _shared_keys(frame.loc[keys.index], keys)
    if shared and sum(shared.values()) >= NOT_A_KEY_SHARE * len(frame) and (len(shared) >= 2 or max(shared.values()) >= 3):
        batch.notes.append(f"{what}: the ID column repeats its values on different entries, so it is not their key; "
                           "each is identified by its row number in the file")
        return pd.Series(row_ids(frame, Batch(), what), index=frame.index, dtype=object)
    by_row = pd.Series([f"row {int(r)}" for r in frame["_row"]], index=frame.index, dtype=object)
    ids = frame[column].astype(object).where(frame[column].notna(), by_row)
    if shared:  # one ID typed on two different entries (a typo): both kept, the later ones told apart by row
        text = ids.astype(str)
        later = text.isin(set(shared)) & text.duplicated(keep="first") & ~frame.drop(columns=[column]).astype(str).duplicated()
        if later.any():
            ids = ids.where(~later, [f"{key} (row {int(r)})" for key, r in zip(text, frame["_row"])])
            batch.notes.append(f"{what}: {int(later.sum())} ID{'s' if later.sum() > 1 else ''} given to two different "
                               f"entries ({', '.join(sorted(set(text[later])))}): the later one is told apart by its row")
    return ids

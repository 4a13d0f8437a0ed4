"""Trello: board menu › Print, export and share › Export as CSV (Standard and above), or Export as
JSON (every plan; read as the same columns by pmo_data/json_boards.py).

Columns `Card ID, Card Name, Card URL, Card Description, Labels, Members, Due Date, …, List ID,
List Name, Board ID, Board Name, Archived, Start Date, Due Complete`. A card's list is its status
("To Do", "Doing", "Done" or the board's own words, read through the status vocabulary);
`Due Complete` TRUE also means done. The board is the project. Members are `, `-separated user
names; dates are ISO-8601 UTC (`2026-11-05T17:00:00.000Z`). Archived cards, and cards on an
archived list, are left out; so are the cards of a list that explains the board (a legend, the
conventions, instructions, templates). A list whose name is no known status word is read by its
place on the board, left to right (pmo_data/conform.py): the first list is to do, a list left of
a done list is in progress.
"""

from __future__ import annotations

import re

import pandas as pd

from pmo_data import identity, normalize
from pmo_data.conform import DONE_HINT, ORDER_HINT
from pmo_data.readers import Workbook
from pmo_data.sources.base import Batch, CsvTaskAdapter, Field, ImportContext, Rejected

SIGNATURE = {"Card ID", "Card Name", "List Name", "Board Name", "Members", "Due Date", "Due Complete"}
FIELDS = {
    "task_id": Field("Card ID"),
    "name": Field("Card Name"),
    "status": Field("List Name"),
    "assignee": Field("Members"),
    "start_date": Field("Start Date", parse=normalize.dates),
    "finish_date": Field("Due Date", parse=normalize.dates),
}


# A list that explains the board rather than holding its work ('CONVENCIONES - DESCRIPCION', 'Legend', 'How to use')
NOT_WORK = re.compile(r"\b(?:legend|leyenda|légende|legende|conventions?|convenciones|convenções|instructions?|instrucciones|"
                      r"anleitung|read ?me|how to use|templates?|plantillas?|modèles?|vorlagen?)\b", re.IGNORECASE)


class TrelloAdapter(CsvTaskAdapter):
    signature = SIGNATURE
    fields = FIELDS
    name = "trello"
    label = "Trello CSV export"

    def adapt(self, workbook: Workbook, context: ImportContext) -> Batch:
        batch, table, tasks = self.read_tasks(workbook)
        frame = table.frame
        if table.labels_for("Due Complete"):
            tasks[DONE_HINT] = normalize.boolean(frame[table.labels_for("Due Complete")[0]], "Due Complete",
                                                 batch.problems).fillna(False).astype(bool)
        for header, why in (("Archived", "archived card"), ("List Archived", "card on an archived list")):
            if table.labels_for(header):
                archived = normalize.boolean(frame.loc[tasks.index, table.labels_for(header)[0]], header,
                                             batch.problems).fillna(False).astype(bool)
                for row in tasks.loc[archived, "_row"]:
                    batch.rejected.append(Rejected("tasks", table.sheet_name, int(row), why))
                tasks = tasks[~archived]
        explaining = tasks["status"].fillna("").str.contains(NOT_WORK)
        if explaining.any():
            lists = ", ".join(f"'{name}'" for name in tasks.loc[explaining, "status"].unique())
            batch.template_rows.append((table.sheet_name, int(explaining.sum()), f"cards of {lists}, which explains the board"))
            tasks = tasks[~explaining]
        places = table.labels_for("List Position")
        tasks[ORDER_HINT] = pd.to_numeric(frame.loc[tasks.index, places[0]], errors="coerce") if places else \
            pd.Series(pd.factorize(tasks["status"])[0] + 1, index=tasks.index).where(tasks["status"].notna())
        boards = normalize.text(frame.loc[tasks.index, table.labels_for("Board Name")[0]]) \
            if table.labels_for("Board Name") else None
        tasks["project_id"] = identity.assign_project(tasks, workbook, context, batch, boards)
        batch.add("tasks", tasks)
        batch.add_projects(dict.fromkeys(sorted(set(tasks["project_id"].dropna()))), table.sheet_name)
        return batch


ADAPTER = TrelloAdapter()

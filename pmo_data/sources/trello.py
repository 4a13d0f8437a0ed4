"""Trello: board menu › Print, export and share › Export as CSV (Standard and above).

Columns `Card ID, Card Name, Card URL, Card Description, Labels, Members, Due Date, …, List ID,
List Name, Board ID, Board Name, Archived, Start Date, Due Complete`. A card's list is its status
("To Do", "Doing", "Done" or the board's own words, read through the status vocabulary);
`Due Complete` TRUE also means done. The board is the project. Members are `, `-separated user
names; dates are ISO-8601 UTC (`2026-11-05T17:00:00.000Z`). Archived cards are left out.
"""

from __future__ import annotations

from pmo_data import identity, normalize
from pmo_data.conform import DONE_HINT
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
        if table.labels_for("Archived"):
            archived = normalize.boolean(frame[table.labels_for("Archived")[0]], "Archived", batch.problems).fillna(False)
            for row in tasks.loc[archived.astype(bool), "_row"]:
                batch.rejected.append(Rejected("tasks", table.sheet_name, int(row), "archived card"))
            tasks = tasks[~archived.astype(bool)]
        boards = normalize.text(frame.loc[tasks.index, table.labels_for("Board Name")[0]]) \
            if table.labels_for("Board Name") else None
        tasks["project_id"] = identity.assign_project(tasks, workbook, context, batch, boards)
        batch.add("tasks", tasks)
        batch.add_projects(dict.fromkeys(sorted(set(tasks["project_id"].dropna()))), table.sheet_name)
        return batch


ADAPTER = TrelloAdapter()

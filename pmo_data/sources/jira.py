"""Jira: Filters › Export › "Export CSV (all fields)" or "(current fields)", Cloud and Data Center.

Traps handled: repeated headers (Sprint, Labels, Watchers, Comment, Component/s …) are all
kept; estimates and time spent are in seconds; Σ columns are roll-ups (kept in extra, never
added); the parent is in `Parent` (Cloud, numeric issue id), `Parent key`, `Parent id` (older,
numeric) or `Custom field (Epic Link)` (an epic's key) — all are read; an export of exactly
1000 issues was probably cut by Jira's export limit.
"""

from __future__ import annotations

import re
from dataclasses import replace

import pandas as pd
import pyarrow.compute as pc

from pmo_data import identity, normalize
from pmo_data.columns import arrow_text, text_column
from pmo_data.conform import CATEGORY_HINT, DONE_HINT
from pmo_data.readers import Table, Workbook
from pmo_data.recognise import status_column_by_values
from pmo_data.sources.base import Batch, CsvTaskAdapter, Field, ImportContext, first_table, share_of_headers

EXPORT_LIMIT = 1000
SIGNATURE = {"Issue key", "Issue id", "Summary", "Issue Type", "Status", "Project key"}
# Headers only Jira writes: one of them makes a file Jira's even when most of the signature is missing
# (a "current fields" export of a few columns, a re-saved file without Project key).
DISTINCTIVE = {"issue key", "issue id", "issue type", "project key", "parent id", "status category",
               "custom field (epic link)", "σ original estimate", "σ time spent"}
IDENTIFIERS = {"issue key", "issue id"}

FIELDS = {
    "project_id": Field("Project key"),
    "task_id": Field("Issue key"),
    "name": Field("Summary"),
    "task_type": Field("Issue Type"),
    "status": Field("Status"),
    "assignee": Field("Assignee"),
    "start_date": Field("Custom field (Start date)", "Start date", "Start Date", parse=normalize.dates),
    "finish_date": Field("Due date", "Due Date", parse=normalize.dates),
    "estimate_hours": Field("Original estimate", "Original Estimate", parse=normalize.seconds_to_hours),
    "remaining_hours": Field("Remaining Estimate", parse=normalize.seconds_to_hours),
    "actual_hours": Field("Time Spent", parse=normalize.seconds_to_hours),
}
SUMMARY_TYPES = {"epic", "initiative", "theme"}
INFERRED_DATES = {"start_date": "Inferred start date", "finish_date": "Inferred due date"}
# Jira writes its headers in the user's language: the fields read here, by their French, German,
# Spanish and Russian names (as Jira Cloud and Data Center export them).
LOCALISED_HEADERS = {
    "résumé": "Summary", "clé de ticket": "Issue key", "id de ticket": "Issue id", "type de ticket": "Issue Type",
    "état": "Status", "clé de projet": "Project key", "nom du projet": "Project name", "responsable": "Assignee",
    "résolution": "Resolution", "résolue": "Resolved", "date d'échéance": "Due date",
    "estimation originale": "Original estimate", "estimation restante": "Remaining Estimate",
    "temps consacré": "Time Spent", "catégorie d'état": "Status Category", "clé parente": "Parent key",
    "clé parent": "Parent key",
    "zusammenfassung": "Summary", "schlüssel": "Issue key", "vorgangsschlüssel": "Issue key", "vorgangs-id": "Issue id",
    "vorgangstyp": "Issue Type", "projektschlüssel": "Project key", "projektname": "Project name",
    "bearbeiter": "Assignee", "lösung": "Resolution", "erledigt": "Resolved", "fälligkeitsdatum": "Due date",
    "ursprüngliche schätzung": "Original estimate", "verbleibende schätzung": "Remaining Estimate",
    "benötigte zeit": "Time Spent", "statuskategorie": "Status Category",
    "resumen": "Summary", "clave de incidencia": "Issue key", "id de la incidencia": "Issue id",
    "tipo de incidencia": "Issue Type", "clave de proyecto": "Project key", "nombre del proyecto": "Project name",
    "estado": "Status", "creada": "Created", "persona asignada": "Assignee", "resolución": "Resolution", "resuelta": "Resolved", "fecha de vencimiento": "Due date",
    "тема": "Summary", "ключ проблемы": "Issue key", "идентификатор проблемы": "Issue id", "тип задачи": "Issue Type",
    "статус": "Status", "ключ проекта": "Project key", "название проекта": "Project name", "исполнитель": "Assignee",
    "решение": "Resolution", "дата решения": "Resolved", "срок исполнения": "Due date",
    "первоначальная оценка": "Original estimate", "оставшееся время": "Remaining Estimate",
    "затраченное время": "Time Spent", "категория статуса": "Status Category",
}


# Jira names a custom field's column 'Custom field (Start date)' in the user's language
CUSTOM_FIELD = re.compile(r"^(?:champs? personnalisés?|benutzerdefiniertes feld|campo personalizado|campo personalizzato|"
                          r"pole niestandardowe|aangepast veld|пользовательское поле|özel alan|vlastní pole)\s*\((.+)\)$",
                          re.IGNORECASE)


def _custom_field_in_english(header: str) -> str:
    match = CUSTOM_FIELD.match(header.strip())
    return f"Custom field ({match.group(1)})" if match else header


class JiraAdapter(CsvTaskAdapter):
    signature = SIGNATURE
    fields = FIELDS
    row_number_without_id = False  # a "current fields" export without Issue key has Issue id (adapt)
    name = "jira"
    label = "Jira CSV export"

    def table_of(self, workbook: Workbook) -> Table:
        table = first_table(workbook)
        english = [LOCALISED_HEADERS.get(h.strip().casefold(), _custom_field_in_english(h)) if h else h for h in table.headers]
        english = _all_fields_by_position(table, english)
        if "Issue key" not in english:  # the timeline's and a board's export call it 'Key': its values say so
            keyed = [i for i, h in enumerate(english) if h and h.strip().casefold() == "key"
                     and _holds_issue_keys(table.frame[table.frame.columns[i]])]
            if keyed:
                english[keyed[0]] = "Issue key"
        if "Status" not in english:  # a language whose word for it is missing above: the values decide
            by_values = status_column_by_values(table, "task", set())
            if by_values is not None:
                english[list(table.frame.columns).index(by_values)] = "Status"
        return table if english == table.headers else replace(table, headers=english)

    def detect(self, workbook: Workbook) -> float:
        # a CSV, or the Excel export Jira Cloud also writes (one sheet, named after the project)
        table = self.table_of(workbook)
        share = share_of_headers(table, self.signature)
        distinctive = len(DISTINCTIVE & table.header_set) + any(h.startswith("custom field (") for h in table.header_set)
        if distinctive == 1 and not IDENTIFIERS & table.header_set:
            distinctive = 0  # a hand-kept issue log has an 'Issue Type' too; an export has the key or a second Jira field
        return min(1.0, 0.5 + 0.5 * share + 0.05 * distinctive) if distinctive else 0.6 * share

    def adapt(self, workbook: Workbook, context: ImportContext) -> Batch:
        batch, table, tasks = self.read_tasks(workbook)
        frame = table.frame
        if table.labels_for("Status Category"):  # the fallback for a workflow's own status words
            tasks[CATEGORY_HINT] = frame[table.labels_for("Status Category")[0]]
        resolved = [label for header in ("Resolved", "Resolution") for label in table.labels_for(header)]
        if resolved:
            done = normalize.text(frame[resolved[0]]).map(lambda v: isinstance(v, str) and v.casefold() != "unresolved")
            tasks[DONE_HINT] = done.astype(bool)
        if tasks["task_id"].isna().all():  # a "current fields" export without Issue key
            ids = table.labels_for("Issue id")
            tasks["task_id"] = normalize.text(frame[ids[0]]) if ids else identity.row_ids(tasks, batch, "issues")
        for field, header in INFERRED_DATES.items():  # Jira's timeline: the dates it shows where none is set
            inferred = table.labels_for(header)
            if inferred:
                dates = normalize.dates(frame[inferred[0]], f"{table.sheet_name}: {header}", batch.problems)
                filled = tasks[field].isna() & dates.notna()
                if filled.any():
                    tasks[field] = tasks[field].where(~filled, dates)
                    batch.notes.append(f"{int(filled.sum())} issue(s) have no {header.removeprefix('Inferred ')}: "
                                       f"the timeline's {header} is used")
        project_column = tasks.pop("project_id") if "project_id" in tasks else None
        tasks["project_id"] = identity.assign_project(tasks, workbook, context, batch, project_column, tasks["task_id"])
        tasks["parent_task_id"] = _parent_keys(table, frame, batch)
        types = tasks.get("task_type", pd.Series("", index=tasks.index)).fillna("").str.casefold()
        has_children = tasks["task_id"].isin(tasks["parent_task_id"].dropna().unique())
        tasks["is_summary"] = has_children | types.isin(SUMMARY_TYPES)
        tasks["is_milestone"] = types.eq("milestone")
        batch.add("tasks", tasks)
        names = normalize.text(frame[table.labels_for("Project name")[0]]) if table.labels_for("Project name") \
            else pd.Series([None] * len(frame), index=frame.index)
        batch.add_projects(dict(zip(tasks["project_id"].tolist(), names.tolist())), table.sheet_name)
        if len(frame) == EXPORT_LIMIT:
            batch.warnings.append(f"exactly {EXPORT_LIMIT} issues: Jira's CSV export stops at {EXPORT_LIMIT}, "
                                  "this file is probably incomplete — export in smaller filters")
        return batch


# Jira Cloud's "Export CSV (all fields)" writes its first columns in this order in every language
# it ships ('Resumen, Clave de incidencia, ID de la incidencia …', 'Podsumowanie, Klucz zgłoszenia …').
ALL_FIELDS_ORDER = ("Summary", "Issue key", "Issue id", "Issue Type", "Status", "Project key", "Project name",
                    "Project type", "Project lead", "Project lead id", "Project description", "Priority", "Resolution",
                    "Assignee", "Assignee Id", "Reporter", "Reporter Id", "Creator", "Creator Id", "Created", "Updated",
                    "Last Viewed", "Resolved")
PROOF_ROWS = 500
ISSUE_KEY = re.compile(r"^([A-Z][A-Z0-9_]*)-\d+$")


def _all_fields_by_position(table: Table, headers: list[str]) -> list[str]:
    """The headers of an all-fields export named by their position when the values prove the
    layout, whatever the language: the second column holds issue keys (`CARNI-12`), the third
    whole numbers, and the sixth each key's own prefix (the project key). The due date is then
    the first column after `Resolved` holding only dates (versions and components may come between)."""
    frame = table.frame.iloc[:PROOF_ROWS]  # the layout is proven on the first rows; an export is one layout
    if len(headers) <= len(ALL_FIELDS_ORDER) or len(frame) == 0:
        return headers
    keys = normalize.text(frame.iloc[:, 1]).dropna()
    matched = keys.str.extract(ISSUE_KEY, expand=False)
    projects = normalize.text(frame.iloc[:, 5]).reindex(keys.index)
    ids = normalize.text(frame.iloc[:, 2]).dropna()
    if not len(keys) or matched.isna().any() or not (matched == projects).all() or not ids.str.fullmatch(r"\d+").all():
        return headers
    named = list(ALL_FIELDS_ORDER) + headers[len(ALL_FIELDS_ORDER):]
    if any(h.casefold() == "due date" for h in named):
        return named  # the due date is named already (an English export, or a known translation)
    for position in range(len(ALL_FIELDS_ORDER), len(headers)):
        values = frame.iloc[:, position].dropna()
        if sum(h == headers[position] for h in headers) > 1 or not len(values):
            continue  # a repeated column (versions, components), or one empty in every row: it proves nothing
        problems = normalize.Problems()
        normalize.dates(values, "due", problems)
        if not problems.unparsed:
            named[position] = "Due date"
        break
    return named


def _holds_issue_keys(column: pd.Series) -> bool:
    values = normalize.text(column.iloc[:PROOF_ROWS]).dropna()
    return len(values) > 0 and values.str.fullmatch(ISSUE_KEY.pattern).mean() >= 0.9


def _parent_keys(table, frame: pd.DataFrame, batch: Batch) -> pd.Series:
    """The parent's issue key from whichever column holds it: numeric ids are turned into keys
    through the file's own Issue id → Issue key pairs."""
    ids = keys = None
    if table.labels_for("Issue id") and table.labels_for("Issue key"):
        ids = arrow_text(normalize.text(frame[table.labels_for("Issue id")[0]]))
        keys = arrow_text(normalize.text(frame[table.labels_for("Issue key")[0]]))

    def key_of_id(values: pd.Series) -> pd.Series:  # a join in Arrow: 100,000 rows in milliseconds
        if ids is None:
            return pd.Series([None] * len(values), index=values.index, dtype=object)
        found = pc.take(keys, pc.index_in(arrow_text(values), value_set=ids))
        return text_column(found, values.index).astype(object).where(lambda v: v.notna(), None)

    parent = pd.Series([None] * len(frame), index=frame.index, dtype=object)
    unresolved = 0
    for header, numeric in (("Parent key", False), ("Parent", True), ("Parent id", True),
                            ("Custom field (Epic Link)", False), ("Epic Link", False)):
        for label in table.labels_for(header):
            values = normalize.text(frame[label])
            if numeric:  # an id, turned into its key; a key already (the timeline's Parent) as it is
                resolved = key_of_id(values)
                unmatched = values[values.notna() & resolved.isna()]
                if len(unmatched):
                    resolved = resolved.fillna(unmatched[unmatched.str.fullmatch(ISSUE_KEY.pattern).fillna(False)])
                unresolved += int((values.notna() & resolved.isna() & parent.isna()).sum())
                values = resolved
            parent = parent.fillna(values)
    if unresolved:
        batch.warnings.append(f"{unresolved} parent issues are not in this file: their links are kept in extra only")
    return parent


ADAPTER = JiraAdapter()
